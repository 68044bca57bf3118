"""Year-to-date (1–N月累计) monthly data: monthly values, year-on-year growth, full-year estimates.

Monthly statistical reports publish cumulative figures from January to the reporting
month (``1-8月``) with their growth on the same period of last year (同比). In the tidy
table such a figure has a monthly period (``"2023-08"``) and holds the cumulative value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["full_year_estimate", "parse_ytd_period", "ytd_to_monthly", "ytd_yoy"]


def parse_ytd_period(text: str, year: int) -> str:
    """Turn a report's period label into a tidy period.

    Examples
    --------
    >>> parse_ytd_period("1-8月", 2023), parse_ytd_period("1—12月", 2022), parse_ytd_period("全年", 2021)
    ('2023-08', '2022-12', '2021')
    """
    import re
    t = str(text).strip().replace("—", "-").replace("～", "-").replace("~", "-")
    m = re.fullmatch(r"(?:1\s*-\s*)?(\d{1,2})\s*月(?:份)?(?:累计)?", t)
    if m:
        month = int(m.group(1))
        if not 1 <= month <= 12:
            raise DataError(f"month {month} out of range in period label {text!r}")
        return f"{year}-{month:02d}"
    if t.startswith("全年"):
        return str(year)
    raise DataError(f"cannot read period label {text!r} (expected e.g. '1-8月' or '全年')")


def _monthly_frame(df: pd.DataFrame) -> pd.DataFrame:
    p = df["period"].astype("string")
    is_month = p.str.fullmatch(r"\d{4}-\d{2}").fillna(False)
    if not is_month.all():
        bad = p[~is_month].iloc[0]
        raise DataError(f"period {bad!r} is not a month (YYYY-MM); year-to-date functions "
                        "take monthly cumulative rows only")
    out = df.copy()
    out["_year"] = p.str.slice(0, 4).astype(int).to_numpy()
    out["_month"] = p.str.slice(5, 7).astype(int).to_numpy()
    return out


def ytd_to_monthly(df: pd.DataFrame) -> pd.DataFrame:
    """Monthly values from cumulative year-to-date values.

    The value of month m is the cumulative value to m minus that to m-1 of the same year
    (January's is its cumulative value). A month whose previous month is missing gives
    NaN (never a two-month sum presented as one month). Many offices publish no separate
    January figure (1-2月 combined): then February's value covers both months and is
    flagged ``"derived"`` with NaN for January.

    Parameters
    ----------
    df : DataFrame
        Tidy rows with monthly periods holding cumulative values.

    Returns
    -------
    DataFrame
        Same rows with ``value`` as monthly values and ``flag = "derived"``.

    Examples
    --------
    >>> ytd = pd.DataFrame({"region": "R", "indicator": "x", "period": ["2023-01", "2023-02", "2023-04"],
    ...                     "value": [10.0, 25.0, 60.0], "unit": "亿元"})
    >>> ytd_to_monthly(ytd)["value"].tolist()
    [10.0, 15.0, nan]
    """
    m = _monthly_frame(df).sort_values(["region", "indicator", "_year", "_month"])
    keys = ["region", "indicator", "_year"]
    prev_val = m.groupby(keys, observed=True)["value"].shift(1)
    prev_month = m.groupby(keys, observed=True)["_month"].shift(1)
    monthly = np.where(m["_month"] == 1, m["value"],
                       np.where(prev_month == m["_month"] - 1, m["value"] - prev_val, np.nan))
    # a series starting in February (1-2月 combined) keeps its cumulative value for Feb
    first_feb = (m["_month"] == 2) & prev_month.isna()
    monthly = np.where(first_feb, m["value"], monthly)
    out = m.drop(columns=["_year", "_month"]).assign(value=monthly)
    if "flag" in out.columns:
        out["flag"] = "derived"
    return out.sort_index()


def ytd_yoy(df: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year growth (同比, %) of cumulative values against the same months a year earlier.

    Returns
    -------
    DataFrame
        Columns ``region, indicator, period, value, previous, yoy_pct``; ``yoy_pct`` is NaN
        where last year's same period is missing or zero.

    Examples
    --------
    >>> ytd = pd.DataFrame({"region": "R", "indicator": "x", "period": ["2022-08", "2023-08"],
    ...                     "value": [119.47, 141.76], "unit": "亿元"})
    >>> round(float(ytd_yoy(ytd)["yoy_pct"].iloc[1]), 2)
    18.66
    """
    m = _monthly_frame(df)
    last = m.assign(_year=m["_year"] + 1)[["region", "indicator", "_year", "_month", "value"]]
    merged = m.merge(last.rename(columns={"value": "previous"}),
                     on=["region", "indicator", "_year", "_month"], how="left")
    prev = merged["previous"]
    merged["yoy_pct"] = np.where(prev.abs() > 0, (merged["value"] / prev - 1) * 100, np.nan)
    return merged[["region", "indicator", "period", "value", "previous", "yoy_pct"]]


def full_year_estimate(df: pd.DataFrame, *, year: int, month: int, min_years: int = 1
                       ) -> pd.DataFrame:
    """Estimate full-year values from year-to-date values and earlier years' seasonality.

    For each region and indicator, the share of the full year reached by the end of
    ``month`` in earlier years (cumulative value to ``month`` / December cumulative, or the
    annual value) is averaged; the estimate is the current year-to-date value divided by
    that mean share. The spread of the earlier shares gives a low/high range.

    Returns
    -------
    DataFrame
        ``region, indicator, period (the year), ytd, share_mean, share_min, share_max,
        estimate, low, high, years_used``. Regions without earlier full years are
        reported with NaN estimate and ``years_used = 0``, never dropped.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "R", "indicator": "x",
    ...                   "period": ["2021-08", "2021-12", "2022-08", "2022-12", "2023-08"],
    ...                   "value": [60.0, 100.0, 66.0, 110.0, 72.0], "unit": "亿元"})
    >>> full_year_estimate(d, year=2023, month=8)["estimate"].round(1).tolist()
    [120.0]
    """
    m = _monthly_frame(df)
    cur = m[(m["_year"] == year) & (m["_month"] == month)]
    if cur.empty:
        raise DataError(f"no year-to-date value for {year}-{month:02d}")
    hist = m[m["_year"] < year]
    at_m = hist[hist["_month"] == month].set_index(["region", "indicator", "_year"])["value"]
    dec = hist[hist["_month"] == 12].set_index(["region", "indicator", "_year"])["value"]
    share = (at_m / dec).dropna()
    share = share[np.isfinite(share) & (share > 0)]
    stats = share.groupby(level=["region", "indicator"], observed=True).agg(
        share_mean="mean", share_min="min", share_max="max", years_used="count")
    out = cur.set_index(["region", "indicator"])[["value"]].rename(columns={"value": "ytd"})
    out = out.join(stats, how="left")
    out["years_used"] = out["years_used"].fillna(0).astype(int)
    enough = out["years_used"] >= min_years
    out["estimate"] = np.where(enough, out["ytd"] / out["share_mean"], np.nan)
    out["low"] = np.where(enough, out["ytd"] / out["share_max"], np.nan)
    out["high"] = np.where(enough, out["ytd"] / out["share_min"], np.nan)
    out["period"] = str(year)
    return out.reset_index()[["region", "indicator", "period", "ytd", "share_mean", "share_min",
                              "share_max", "estimate", "low", "high", "years_used"]]
