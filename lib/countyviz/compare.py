"""Comparison measures across regions and peer groups.

:class:`Panel` pivots the tidy table once per indicator (regions x years) so that a
dashboard update only slices arrays; :func:`measure` returns a tidy frame
(``region, year, value``) for any of :data:`MEASURES`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .catalog import load_indicators, load_regions, region_children
from .errors import DataError
from .units import conversion_factor

__all__ = ["MEASURES", "Panel", "bundled_panel", "indicator_frame", "measure", "nearest_peers",
           "peer_group"]

MEASURES = ("level", "per_capita", "yoy", "cagr", "index", "share_of_parent", "rank",
            "percentile")


class Panel:
    """Annual values of a tidy table, pivoted to region x year per indicator on demand.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["a", "a", "b", "b"], "indicator": "gdp",
    ...                   "period": ["2019", "2020"] * 2, "value": [1.0, 2, 3, 6]})
    >>> Panel(d).wide("gdp").loc["b"].tolist()
    [3.0, 6.0]
    """

    def __init__(self, data: pd.DataFrame):
        from .data import annual_values
        self._d = annual_values(data)
        self._cache: dict[str, pd.DataFrame] = {}
        #: Indicators with annual data, sorted.
        self.indicators: list[str] = sorted(self._d["indicator"].unique())

    def wide(self, indicator: str) -> pd.DataFrame:
        if indicator not in self._cache:
            d = self._d[self._d["indicator"] == indicator]
            self._cache[indicator] = d.pivot(index="region", columns="year",
                                             values="value").sort_index(axis=1)
        return self._cache[indicator]


def _per_capita_factor(indicator: str, denominator: str) -> tuple[float, str]:
    ind = load_indicators()
    num_u, den_u = ind.at[indicator, "unit"], ind.at[denominator, "unit"]
    try:
        f = conversion_factor(num_u, "元") / conversion_factor(den_u, "人")
        return f, "元/人"
    except DataError:
        return 1.0, f"{num_u}/{den_u}"


def measure(panel: Panel, indicator: str, how: str = "level", *, regions: list[str] | None = None,
            start: int | None = None, end: int | None = None, base: int | None = None,
            peers: list[str] | None = None) -> pd.DataFrame:
    """One comparison measure as a tidy frame ``region, year, value`` (+ ``unit``).

    ``level``; ``per_capita`` (divided by the catalogue's per-capita denominator, in 元/人
    where units allow); ``yoy`` growth (%); ``cagr`` over ``start``–``end`` (one row per
    region, year = end); ``index`` (``base`` year = 100, default ``start``);
    ``share_of_parent`` (% of the parent region's value); ``rank`` (1 = best by the
    indicator's direction) and ``percentile`` (100 = best) within ``peers`` (default: the
    regions shown).

    Raises
    ------
    DataError
        When the indicator has no data for the regions and years chosen, naming them.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["a", "a", "b", "b"], "indicator": "gdp",
    ...                   "period": ["2019", "2020"] * 2, "value": [1.0, 2, 3, 6]})
    >>> measure(Panel(d), "gdp", "yoy")["value"].tolist()
    [100.0, 100.0]
    >>> measure(Panel(d), "gdp", "rank")["value"].tolist()
    [2.0, 2.0, 1.0, 1.0]
    """
    if how not in MEASURES:
        raise ValueError(f"unknown measure {how!r}; use one of {MEASURES}")
    w = panel.wide(indicator) if indicator in panel.indicators else pd.DataFrame()
    unit = load_indicators().at[indicator, "unit"] if indicator in load_indicators().index else ""
    pool = regions if how not in ("rank", "percentile") or peers is None else peers
    if pool is not None:
        w = w.reindex([r for r in pool if r in w.index])
    if start is not None:
        w = w.loc[:, w.columns >= start]
    if end is not None:
        w = w.loc[:, w.columns <= end]
    w = w.dropna(how="all").dropna(axis=1, how="all")
    if w.empty:
        where = f" for {', '.join(regions[:5])}{'…' if len(regions) > 5 else ''}" if regions else ""
        years = f" in {start or '…'}–{end or '…'}" if (start or end) else ""
        raise DataError(f"no data for indicator {indicator!r}{where}{years}")
    if how == "level":
        out = w
    elif how == "per_capita":
        den = load_indicators().at[indicator, "per_capita_denominator"]
        if not isinstance(den, str) or not den:
            raise DataError(f"indicator {indicator!r} has no per-capita denominator in "
                            "data/catalog/indicators.csv")
        f, unit = _per_capita_factor(indicator, den)
        p = panel.wide(den).reindex(index=w.index, columns=w.columns) if den in panel.indicators \
            else None
        if p is None or p.notna().sum().sum() == 0:
            raise DataError(f"no {den} data to divide {indicator!r} by")
        out = w / p * f
    elif how == "yoy":
        years = w.columns.to_numpy()
        prev = w.shift(1, axis=1)
        gap = np.r_[np.nan, np.diff(years)]
        out = (w / prev - 1) * 100
        out.loc[:, gap != 1] = np.nan
        unit = "%"
    elif how == "cagr":
        have = w.notna().to_numpy()  # after the dropna above, every row has a value
        i0 = have.argmax(axis=1)
        i1 = have.shape[1] - 1 - have[:, ::-1].argmax(axis=1)
        a, rows, years = w.to_numpy(), np.arange(len(w)), w.columns.to_numpy()
        n = (years[i1] - years[i0]).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            val = np.where(n > 0, ((a[rows, i1] / a[rows, i0]) ** (1 / n) - 1) * 100, np.nan)
        return pd.DataFrame({"region": w.index, "year": years[i1], "value": val, "unit": "%/年"})
    elif how == "index":
        b = base if base is not None else int(w.columns[0])
        if b not in w.columns:
            raise DataError(f"base year {b} has no data for {indicator!r}")
        out = w.div(w[b], axis=0) * 100
        unit = f"{b}=100"
    elif how == "share_of_parent":
        parents = load_regions()["parent"].reindex(w.index)
        allw = panel.wide(indicator)
        pv = allw.reindex(index=parents.to_numpy(), columns=w.columns)
        out = pd.DataFrame(w.to_numpy() / pv.to_numpy() * 100, index=w.index, columns=w.columns)
        unit = "%"
    else:
        direction = load_indicators().at[indicator, "direction"] \
            if indicator in load_indicators().index else "higher"
        asc = direction == "lower"
        r = w.rank(axis=0, ascending=asc, method="min")
        out = r if how == "rank" else (1 - (r - 1) / (w.notna().sum(axis=0) - 1).clip(lower=1)) * 100
        unit = "" if how == "rank" else "%"
        if regions is not None:
            out = out.reindex([x for x in regions if x in out.index])
    long = out.stack().dropna().rename("value").reset_index()
    long.columns = ["region", "year", "value"]
    long["unit"] = unit
    return long


def peer_group(region: str, by: str = "parent", *, panel: Panel | None = None,
               indicator: str = "gdp", year: int | None = None, bands: int = 5) -> list[str]:
    """Peers of a region: same ``parent``, same ``functional_zone``, same ``size`` band
    (quantile band of ``indicator`` in ``year`` among the same province's counties).

    Examples
    --------
    >>> peer_group("620702")[:3]
    ['620702', '620721', '620722']
    """
    reg = load_regions()
    if region not in reg.index:
        raise DataError(f"unknown region {region!r}")
    if by == "parent":
        return region_children(reg.at[region, "parent"])
    if by == "functional_zone":
        z = reg.at[region, "functional_zone"]
        if not isinstance(z, str) or not z:
            raise DataError(f"region {region!r} has no functional zone in the catalogue")
        return sorted(reg.index[reg["functional_zone"] == z])
    if by == "size":
        if panel is None:
            raise DataError("size bands need a panel of data")
        pool = region_children(reg.at[region, "province"])
        w = panel.wide(indicator).reindex(pool)
        y = year or int(w.dropna(how="all", axis=1).columns[-1])
        v = w[y].dropna()
        if region not in v.index:
            raise DataError(f"{region!r} has no {indicator} in {y} to place it in a size band")
        band = pd.qcut(v.rank(method="first"), bands, labels=False)
        return sorted(band.index[band == band[region]])
    raise ValueError("by must be parent, functional_zone or size (or use nearest_peers)")


def nearest_peers(panel: Panel, region: str, indicators: list[str], year: int, k: int = 5,
                  pool: list[str] | None = None) -> list[str]:
    """The ``k`` regions closest to ``region`` on standardised log indicators in ``year``.

    Examples
    --------
    >>> d = pd.DataFrame({"region": list("abcd"), "indicator": "gdp", "period": "2020",
    ...                   "value": [1.0, 1.1, 5, 9]})
    >>> nearest_peers(Panel(d), "a", ["gdp"], 2020, k=1)
    ['b']
    """
    cols = []
    for ind in indicators:
        w = panel.wide(ind)
        if year not in w.columns:
            raise DataError(f"no {ind} data in {year}")
        cols.append(np.log(w[year].where(w[year] > 0)).rename(ind))
    x = pd.concat(cols, axis=1).dropna()
    if pool is not None:
        x = x.reindex([p for p in pool if p in x.index] + ([region] if region not in pool else []))
    if region not in x.index:
        raise DataError(f"{region!r} lacks {', '.join(indicators)} in {year}")
    z = (x - x.mean()) / x.std(ddof=0).replace(0, 1)
    dist = np.sqrt(((z - z.loc[region]) ** 2).sum(axis=1)).drop(region)
    return dist.nsmallest(k).index.tolist()


@lru_cache(maxsize=2)
def bundled_panel() -> Panel:
    """Panel of the bundled data (cached)."""
    from .data import load_bundled
    return Panel(load_bundled())


def indicator_frame(panel: Panel, regions: list[str], indicators: list[str], year: int,
                    growth_years: int = 5) -> tuple[pd.DataFrame, list[str]]:
    """Regions x indicators for one year, for composite indices. ``code@growth`` is the
    average growth (%/year) over the ``growth_years`` before ``year``. Returns the frame
    and the indicators with no data for any of the regions in that year (left out).

    Examples
    --------
    >>> d = pd.DataFrame({"region": "a", "indicator": "gdp", "period": ["2015", "2020"],
    ...                   "value": [100.0, 161.05]})
    >>> f, missing = indicator_frame(Panel(d), ["a"], ["gdp", "gdp@growth", "fai"], 2020)
    >>> f.round(2).values.tolist(), missing
    ([[161.05, 10.0]], ['fai'])
    """
    cols, missing = {}, []
    for code in indicators:
        base, _, kind = code.partition("@")
        w = panel.wide(base).reindex(regions) if base in panel.indicators else None
        if w is None or year not in w.columns or w[year].notna().sum() == 0:
            missing.append(code)
            continue
        if kind == "growth":
            y0 = year - growth_years
            if y0 not in w.columns:
                missing.append(code)
                continue
            cols[code] = ((w[year] / w[y0]) ** (1 / growth_years) - 1) * 100
        else:
            cols[code] = w[year]
    return pd.DataFrame(cols, index=regions), missing
