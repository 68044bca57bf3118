"""Annual series for target evaluation, including regions that plans define as groups.

Plans set targets for groupings (a city's counties, its urban districts). When the region
catalogue lists a grouping's ``members``, an additive indicator is the sum of the members
in the years when every member has a value; ``county_share_of_parent`` is a grouping's GDP
as a percentage of its parent's.
"""

from __future__ import annotations

import pandas as pd

from ..catalog import load_indicators, load_regions
from ..data import annual_values

__all__ = ["annual_table", "series_for"]


def annual_table(data: pd.DataFrame, as_of: int | None = None) -> pd.DataFrame:
    """Annual values as a wide table indexed by (region, indicator), one column per year.

    One figure per cell (see :func:`countyviz.best_values`); current prices where a figure
    exists at both bases. ``as_of`` drops every year after it.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2019", "2020", "2020-06"],
    ...                   "value": [1.0, 2.0, 0.9], "unit": "亿元", "price_basis": "current",
    ...                   "source": "s", "flag": "published"})
    >>> annual_table(d).columns.tolist()
    [2019, 2020]
    """
    d = annual_values(data, as_of)
    return d.pivot(index=["region", "indicator"], columns="year", values="value").sort_index(axis=1)


def _row(table: pd.DataFrame, region: str, indicator: str) -> pd.Series | None:
    key = (region, indicator)
    if key in table.index:
        s = table.loc[key].dropna()
        return s if len(s) else None
    return None


def series_for(table: pd.DataFrame, region: str, indicator: str) -> tuple[pd.Series | None, str]:
    """The annual series of ``indicator`` for ``region`` (derived for groupings), and how.

    Returns ``(series or None, provenance)``; provenance is ``""`` for stored figures, a
    short description for derived ones, or the reason when there is no series.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["a", "b"], "indicator": "gdp", "period": "2020",
    ...                   "value": [1.0, 2.0], "unit": "亿元", "price_basis": "current",
    ...                   "source": "s", "flag": "published"})
    >>> s, how = series_for(annual_table(d), "a", "gdp")
    >>> s.tolist(), how
    ([1.0], '')
    """
    s = _row(table, region, indicator)
    if s is not None:
        return s, ""
    reg = load_regions()
    ind = load_indicators()
    if indicator == "county_share_of_parent" and region in reg.index:
        parent = reg.at[region, "parent"]
        num, how = series_for(table, region, "gdp")
        den = _row(table, parent, "gdp") if isinstance(parent, str) else None
        if num is not None and den is not None:
            share = (num / den * 100).dropna()
            if len(share):
                return share, f"GDP of {region} / GDP of {parent} x 100" + (
                    f" ({how})" if how else "")
        return None, f"no GDP for both {region} and its parent {parent}"
    members = reg.at[region, "members"] if region in reg.index and "members" in reg.columns \
        else None
    if isinstance(members, str) and members and indicator in ind.index \
            and bool(ind.at[indicator, "additive"]):
        codes = members.split(";")
        rows = [_row(table, c, indicator) for c in codes]
        if any(r is None for r in rows):
            missing = [c for c, r in zip(codes, rows, strict=True) if r is None]
            return None, f"members without {indicator}: {', '.join(missing)}"
        wide = pd.concat(rows, axis=1)
        total = wide.dropna().sum(axis=1)
        if len(total):
            return total, f"sum of {len(codes)} members ({', '.join(codes)})"
        return None, "no year in which every member has a value"
    return None, f"no data for {indicator} in {region}"

