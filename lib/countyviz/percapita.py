"""Per-capita decomposition: output growth = population growth + per-capita growth.

In logs the split is exact: ``ln(Y1/Y0) = ln(P1/P0) + ln(y1/y0)`` with ``y = Y/P``. Where
employment ``L`` is available, per-capita output splits further into labour productivity
and the employment rate: ``y = (Y/L) * (L/P)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError
from .growth import _annual
from .units import conversion_factor

__all__ = ["per_capita_decomposition"]


def per_capita_decomposition(df: pd.DataFrame, start: int | str, end: int | str, *,
                             aggregate: str = "gdp", population: str | None = "pop_resident",
                             per_capita: str | None = None, employment: str | None = None,
                             regions: list[str] | None = None) -> pd.DataFrame:
    """Log-additive split of an aggregate's growth into population and per-capita growth.

    Parameters
    ----------
    df : DataFrame
        Tidy table, one value per region, indicator and year.
    start, end : int
        The two years compared.
    aggregate : str
        Output indicator (e.g. ``gdp``).
    population : str, optional
        Population indicator (``pop_resident`` or ``pop_registered``).
    per_capita : str, optional
        Use a published per-capita indicator instead (population implied as Y / y).
    employment : str, optional
        Employment indicator for the productivity x employment-rate split.

    Returns
    -------
    DataFrame
        One row per region: ``growth_log_pct`` (100 ln Y1/Y0) = ``population_log_pct`` +
        ``per_capita_log_pct`` (+ ``productivity_log_pct`` + ``employment_rate_log_pct``
        when employment is given), annualised versions (``*_pa``), the per-capita levels,
        the share of growth due to population, and ``note`` for regions left out.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": ["gdp", "gdp", "pop_resident", "pop_resident"],
    ...                   "period": ["2010", "2020"] * 2, "value": [100.0, 200.0, 50.0, 55.0]})
    >>> row = per_capita_decomposition(d, 2010, 2020).iloc[0]
    >>> round(row["growth_log_pct"], 3), round(row["population_log_pct"] + row["per_capita_log_pct"], 3)
    (69.315, 69.315)
    """
    start, end = int(start), int(end)
    if end <= start:
        raise DataError(f"need end > start (got {start} to {end})")
    if (population is None) == (per_capita is None):
        if per_capita is not None:
            population = None
        elif population is None:
            raise DataError("give a population or a per-capita indicator")
    inds = [aggregate] + [x for x in (population, per_capita, employment) if x]
    d = _annual(df[df["indicator"].isin(inds) & df["period"].isin([str(start), str(end)])])
    if regions is not None:
        d = d[d["region"].isin(regions)]
    w = d.pivot_table(index="region", columns=["indicator", "year"], values="value", aggfunc="first")
    missing_inds = [i for i in inds if i not in w.columns.get_level_values(0)]
    if missing_inds:
        raise DataError(f"no data for {', '.join(missing_inds)} in {start} or {end}")

    def col(ind, year):
        return w[(ind, year)] if (ind, year) in w.columns else pd.Series(np.nan, index=w.index)

    Y0, Y1 = col(aggregate, start), col(aggregate, end)
    if per_capita:
        from .catalog import load_indicators
        ind = load_indicators()
        f = conversion_factor(ind.at[aggregate, "unit"], "元") / conversion_factor(ind.at[per_capita, "unit"], "元/人")
        y0, y1 = col(per_capita, start), col(per_capita, end)
        P0, P1 = Y0 * f / y0, Y1 * f / y1
    else:
        P0, P1 = col(population, start), col(population, end)
    out = pd.DataFrame(index=w.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["growth_log_pct"] = 100 * np.log(Y1 / Y0)
        out["population_log_pct"] = 100 * np.log(P1 / P0)
        out["per_capita_log_pct"] = out["growth_log_pct"] - out["population_log_pct"]
        if employment:
            L0, L1 = col(employment, start), col(employment, end)
            out["productivity_log_pct"] = 100 * np.log((Y1 / L1) / (Y0 / L0))
            out["employment_rate_log_pct"] = 100 * np.log((L1 / P1) / (L0 / P0))
        years = end - start
        for c in [c for c in out.columns if c.endswith("_log_pct")]:
            out[c.replace("_log_pct", "_pa_pct")] = (np.exp(out[c] / 100 / years) - 1) * 100
        out["population_share_pct"] = np.where(np.abs(out["growth_log_pct"]) > 1e-9,
                                               out["population_log_pct"] / out["growth_log_pct"] * 100, np.nan)
    reasons = np.select([Y0.isna() | Y1.isna(), P0.isna() | P1.isna(), (Y0 <= 0) | (Y1 <= 0) | (P0 <= 0) | (P1 <= 0)],
                        [f"no {aggregate} for {start} or {end}", "no population for one of the years",
                         "non-positive level"], "")
    out["note"] = reasons
    out[out["note"] != ""] = out[out["note"] != ""].assign(**{c: np.nan for c in out.columns if c != "note"})
    out.insert(0, "start", str(start))
    out.insert(1, "end", str(end))
    return out.reset_index()
