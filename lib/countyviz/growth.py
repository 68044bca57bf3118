"""Growth measures on the tidy table: year-on-year growth, CAGR, index numbers, real series.

All functions take a tidy table (``region, indicator, period, value, ...``) and return a
tidy frame; annual periods are years (``"2020"``). Growth rates are in percent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["annual_wide", "cagr", "index_numbers", "real_series", "yoy_growth"]


def _annual(df: pd.DataFrame, indicator: str | None = None) -> pd.DataFrame:
    d = df if indicator is None else df[df["indicator"] == indicator]
    d = d[d["value"].notna()]
    p = d["period"].astype("string")
    if not p.str.fullmatch(r"\d{4}").all():
        bad = p[~p.str.fullmatch(r"\d{4}")].iloc[0]
        raise DataError(f"period {bad!r} is not a year; annual growth needs periods like '2020' "
                        "(use countyviz.ytd for monthly year-to-date data)")
    key = ["region", "indicator", "period"]
    dup = d.duplicated(key, keep=False)
    if dup.any():
        first = d[dup].iloc[0]
        raise DataError(f"several values for region {first['region']}, indicator {first['indicator']}, "
                        f"period {first['period']} (several sources?); pick one with "
                        "countyviz.best_values or filter by source")
    return d.assign(year=p.astype(int).to_numpy(), region=d["region"].astype(str),
                    indicator=d["indicator"].astype(str))


def annual_wide(df: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """Values of several indicators side by side, indexed by (region, year).

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": ["a", "b"], "period": "2020", "value": [1.0, 2.0]})
    >>> annual_wide(d, ["a", "b"]).loc[("r", 2020)].tolist()
    [1.0, 2.0]
    """
    d = _annual(df[df["indicator"].isin(indicators)])
    w = d.pivot(index=["region", "year"], columns="indicator", values="value")
    return w.reindex(columns=indicators).sort_index()


def yoy_growth(df: pd.DataFrame, indicator: str | None = None) -> pd.DataFrame:
    """Year-on-year growth (%) of each value against the previous calendar year.

    A year whose previous year is missing gets NaN (a gap is never bridged silently), and
    so does a previous value of zero.

    Returns
    -------
    DataFrame
        ``region, indicator, period, value, previous, growth_pct``.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2018", "2019", "2021"],
    ...                   "value": [100.0, 106.0, 120.0]})
    >>> yoy_growth(d)["growth_pct"].round(2).tolist()
    [nan, 6.0, nan]
    """
    d = _annual(df, indicator).sort_values(["region", "indicator", "year"])
    prev = d.assign(year=d["year"] + 1)[["region", "indicator", "year", "value"]]
    m = d.merge(prev.rename(columns={"value": "previous"}), on=["region", "indicator", "year"],
                how="left")
    m["growth_pct"] = np.where(m["previous"].abs() > 0, (m["value"] / m["previous"] - 1) * 100, np.nan)
    return m[["region", "indicator", "period", "value", "previous", "growth_pct"]]


def cagr(df: pd.DataFrame, start: int | str, end: int | str, indicator: str | None = None
         ) -> pd.DataFrame:
    """Compound annual growth rate (%) between two years for each region and indicator.

    ``CAGR = (V_end / V_start) ** (1 / (end - start)) - 1``. Regions missing either year,
    or with a non-positive start or end value, get NaN and a ``note`` saying why.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2015", "2020"],
    ...                   "value": [100.0, 161.051]})
    >>> cagr(d, 2015, 2020)["cagr_pct"].round(4).tolist()
    [10.0]
    """
    start, end = int(start), int(end)
    if end <= start:
        raise DataError(f"CAGR needs end > start (got {start} to {end})")
    d = _annual(df, indicator)
    w = d.pivot(index=["region", "indicator"], columns="year", values="value")
    s = w[start] if start in w.columns else pd.Series(np.nan, index=w.index)
    e = w[end] if end in w.columns else pd.Series(np.nan, index=w.index)
    ok = (s > 0) & (e > 0)
    rate = np.where(ok, ((e / s) ** (1 / (end - start)) - 1) * 100, np.nan)
    note = np.select([s.isna(), e.isna(), ~ok], [f"no value for {start}", f"no value for {end}",
                                                "non-positive level"], "")
    out = pd.DataFrame({"start_value": s, "end_value": e, "cagr_pct": rate, "note": note},
                       index=w.index).reset_index()
    out.insert(2, "start", start)
    out.insert(3, "end", end)
    return out


def index_numbers(df: pd.DataFrame, base: int | str, indicator: str | None = None) -> pd.DataFrame:
    """Index numbers with the base year = 100 (a region without a base-year value gets NaN).

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2015", "2016"], "value": [80.0, 88.0]})
    >>> index_numbers(d, 2015)["value"].tolist()
    [100.0, 110.0]
    """
    d = _annual(df, indicator)
    b = d[d["year"] == int(base)].set_index(["region", "indicator"])["value"]
    basev = pd.MultiIndex.from_frame(d[["region", "indicator"]]).map(lambda k: b.get(k, np.nan))
    out = d.assign(value=d["value"].to_numpy() / np.asarray(basev, dtype=float) * 100, unit=f"{base}=100",
                   flag="derived")
    return out.drop(columns="year")


def real_series(levels: pd.DataFrame, growth: pd.DataFrame, base: int | str,
                indicator: str | None = None, growth_indicator: str | None = None) -> pd.DataFrame:
    """Real (comparable-price) levels chained from current-price levels and published real growth.

    The base year's real level equals its current-price level; later years multiply by
    ``1 + g_t / 100`` (published comparable-price growth, 可比价增速), earlier years divide
    by ``1 + g_{t+1} / 100``. A missing growth rate breaks the chain from there on (NaN),
    never silently. The implicit deflator is current / real x 100.

    Returns
    -------
    DataFrame
        ``region, year, current, real_growth_pct, real, deflator`` (real in base-year prices).

    Examples
    --------
    >>> lv = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2019", "2020", "2021"],
    ...                    "value": [100.0, 110.0, 125.0]})
    >>> g = pd.DataFrame({"region": "r", "indicator": "g", "period": ["2020", "2021"], "value": [5.0, 8.0]})
    >>> real_series(lv, g, 2019)["real"].round(2).tolist()
    [100.0, 105.0, 113.4]
    """
    base = int(base)
    lv = _annual(levels, indicator).set_index(["region", "year"])["value"].rename("current")
    gr = _annual(growth, growth_indicator).set_index(["region", "year"])["value"].rename("real_growth_pct")
    w = pd.concat([lv, gr], axis=1).sort_index()
    out = []
    for region, grp in w.groupby(level="region", sort=False):
        g = grp.droplevel("region")
        years = range(int(g.index.min()), int(g.index.max()) + 1)
        g = g.reindex(years)
        if base not in g.index or pd.isna(g.at[base, "current"]):
            g["real"] = np.nan
        else:
            factor = 1 + g["real_growth_pct"] / 100
            after = factor.loc[base + 1:].cumprod()
            before = (1 / factor.loc[: base][::-1]).cumprod()[::-1].shift(-1)
            chain = pd.concat([before.loc[: base - 1], pd.Series([1.0], index=[base]), after])
            g["real"] = g.at[base, "current"] * chain.reindex(g.index)
        g["deflator"] = g["current"] / g["real"] * 100
        out.append(g.assign(region=region).reset_index(names="year"))
    res = pd.concat(out, ignore_index=True)
    return res[["region", "year", "current", "real_growth_pct", "real", "deflator"]]
