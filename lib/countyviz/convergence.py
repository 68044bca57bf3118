"""β- and σ-convergence across a set of regions (Barro & Sala-i-Martin 1992)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["beta_convergence", "sigma_convergence"]


def beta_convergence(wide: pd.DataFrame, start: int, end: int) -> dict:
    """Absolute β-convergence: average log growth over ``start``–``end`` regressed on the
    initial log level, by OLS with statsmodels.

    ``growth_i = a + b ln y_i0 + e_i``, growth = ``(ln y_iT - ln y_i0) / T``. A negative
    ``b`` means poorer regions grew faster; the implied speed of convergence is
    ``lambda = -ln(1 + b T) / T`` and the half-life ``ln 2 / lambda`` years.

    Parameters
    ----------
    wide : DataFrame
        Regions x years (e.g. :meth:`countyviz.compare.Panel.wide`), positive levels.

    Examples
    --------
    >>> w = pd.DataFrame({2000: [1.0, 2, 4, 8], 2010: [2.2, 3.3, 5.5, 9.0]})
    >>> r = beta_convergence(w, 2000, 2010)
    >>> r["beta"] < 0, r["n"]
    (True, 4)
    """
    import statsmodels.api as sm
    if start not in wide.columns or end not in wide.columns:
        raise DataError(f"β-convergence needs data in both {start} and {end}")
    T = end - start
    if T <= 0:
        raise DataError("the end year must come after the start year")
    d = wide[[start, end]].dropna()
    d = d[(d > 0).all(axis=1)]
    if len(d) < 3:
        raise DataError(f"β-convergence needs at least 3 regions with positive values in "
                        f"{start} and {end}; found {len(d)}")
    x = np.log(d[start])
    g = (np.log(d[end]) - x) / T
    res = sm.OLS(g.to_numpy(), sm.add_constant(x.to_numpy())).fit()
    b, se = float(res.params[1]), float(res.bse[1])
    speed = -np.log(1 + b * T) / T if 1 + b * T > 0 else np.nan
    return {"beta": b, "se": se, "t": float(res.tvalues[1]), "p_value": float(res.pvalues[1]),
            "r2": float(res.rsquared), "n": int(len(d)), "speed": float(speed),
            "half_life": float(np.log(2) / speed) if speed and speed > 0 else np.nan,
            "converging": bool(b < 0 and res.pvalues[1] < 0.05)}


def sigma_convergence(wide: pd.DataFrame) -> pd.DataFrame:
    """Dispersion over time: standard deviation of log levels and coefficient of variation.

    Examples
    --------
    >>> w = pd.DataFrame({2000: [1.0, 4], 2010: [2.0, 4]})
    >>> sigma_convergence(w)["sd_log"].round(3).tolist()
    [0.98, 0.49]
    """
    rows = []
    for y in wide.columns:
        v = wide[y].dropna()
        v = v[v > 0]
        if len(v) >= 2:
            rows.append((y, float(np.log(v).std(ddof=1)), float(v.std(ddof=1) / v.mean()),
                         len(v)))
    return pd.DataFrame(rows, columns=["year", "sd_log", "cv", "n"])
