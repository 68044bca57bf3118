"""Projections with uncertainty for short annual series, chosen by rolling-origin backtest.

Three model families, all on the natural log of the level (growth is multiplicative):

``loglinear``
    Log-linear trend, ``log y_t = a + b t + e_t``, fitted by OLS. Prediction intervals are
    the OLS prediction intervals (t distribution with ``n - 2`` degrees of freedom).
``damped``
    Damped-trend exponential smoothing, ETS(A,Ad,N) (Gardner & McKenzie 1985; Hyndman et
    al. 2008, *Forecasting with Exponential Smoothing*, ch. 6 class 1), analytic forecast
    variance ``sigma^2 [1 + sum_{j<h} (alpha + beta phi_j)^2]``.
``arima``
    ARIMA(1,1,0) with drift (random walk with drift, ARIMA(0,1,0), when fewer than 7
    points), fitted by conditional least squares on the differences.

Two engines compute the same models:

``engine="fast"`` (the default, used by batch evaluation)
    vectorised NumPy over many series at once. Damped-trend parameters are estimated by
    minimising the one-step squared error over a grid of (alpha, beta, phi).
``engine="statsmodels"``
    one series at a time with statsmodels (``OLS``, ``ETSModel``, ``ARIMA``), with
    maximum-likelihood estimates; slower (about 0.1 s per fit), for single-region analysis.

The tests check the fast engine against statsmodels: identical OLS intervals, identical
ETS recursions and variances for given parameters, identical conditional-least-squares
ARIMA estimates.

With ``method="auto"`` every model is backtested from the last three origins (train on
the first ``n - k`` points, forecast the remaining ``k``, ``k = 1, 2, 3``) and the model
with the smallest mean absolute log error (about the mean absolute percentage error) is
chosen. Series of fewer than :data:`MIN_POINTS` points are not projected; series too
short for a backtest fall back to the log-linear trend and say so.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["MIN_POINTS", "MODELS", "Projection", "backtest_errors", "fit_forecast",
           "project", "project_many"]

MODELS = ("loglinear", "damped", "arima")
#: Fewest points for any projection (below it the projection is not meaningful).
MIN_POINTS = 3
#: Fewest training points for each model inside the backtest.
MIN_TRAIN = {"loglinear": 3, "damped": 4, "arima": 4}
BACKTEST_ORIGINS = 3

_ALPHAS = np.linspace(0.05, 0.95, 10)
_BETA_RATIOS = np.array([0.02, 0.1, 0.3, 0.6, 1.0])
_PHIS = np.array([0.8, 0.85, 0.9, 0.95, 0.98])
_GRID = np.array([(a, a * r, p) for a in _ALPHAS for r in _BETA_RATIOS for p in _PHIS])


# --------------------------------------------------------------------- fast engine
def _loglinear(Y: np.ndarray, h: int):
    n = Y.shape[1]
    t = np.arange(n, dtype=float)
    tb = t.mean()
    sxx = ((t - tb) ** 2).sum()
    yb = Y.mean(axis=1)
    b = ((Y - yb[:, None]) * (t - tb)).sum(axis=1) / sxx
    a = yb - b * tb
    resid = Y - (a[:, None] + b[:, None] * t)
    s2 = (resid ** 2).sum(axis=1) / (n - 2) if n > 2 else np.full(len(Y), np.nan)
    th = n - 1 + np.arange(1, h + 1, dtype=float)
    mean = a[:, None] + b[:, None] * th
    se = np.sqrt(s2[:, None] * (1 + 1 / n + (th - tb) ** 2 / sxx))
    return mean, se, np.full(len(Y), n - 2.0)


def ets_damped_filter(Y: np.ndarray, alpha, beta, phi):
    """Run the ETS(A,Ad,N) recursions on the rows of ``Y`` (log levels).

    Initial state ``l0 = y0``, ``b0 = y1 - y0``; one-step errors from the second point on.
    ``alpha``, ``beta``, ``phi`` broadcast against ``Y[:, :1]`` (shape ``(N, G)`` for a grid).
    Returns the final level, trend and the sum of squared one-step errors.
    """
    y0 = Y[:, 0]
    level = np.broadcast_to(y0[:, None], np.broadcast(y0[:, None], alpha).shape).copy()
    trend = np.broadcast_to((Y[:, 1] - y0)[:, None], level.shape).copy()
    sse = np.zeros_like(level)
    for k in range(1, Y.shape[1]):
        fc = level + phi * trend
        err = Y[:, k][:, None] - fc
        sse += err ** 2
        level = fc + alpha * err
        trend = phi * trend + beta * err
    return level, trend, sse


def _damped_forecast(level, trend, sse, m, alpha, beta, phi, h):
    steps = np.arange(1, h + 1)
    phi_j = np.cumsum(phi[:, None] ** steps, axis=1)  # phi + ... + phi^j
    mean = level[:, None] + phi_j * trend[:, None]
    dof = np.maximum(m - 3, 1)
    s2 = sse / dof
    c = alpha[:, None] + beta[:, None] * phi_j[:, :-1]
    var = s2[:, None] * np.concatenate([np.ones((len(level), 1)),
                                        1 + np.cumsum(c ** 2, axis=1)], axis=1)
    return mean, np.sqrt(var)


def _damped(Y: np.ndarray, h: int):
    g = _GRID
    level, trend, sse = ets_damped_filter(Y, g[:, 0][None, :], g[:, 1][None, :],
                                          g[:, 2][None, :])
    best = np.argmin(sse, axis=1)
    rows = np.arange(len(Y))
    a, b, p = g[best, 0], g[best, 1], g[best, 2]
    mean, se = _damped_forecast(level[rows, best], trend[rows, best], sse[rows, best],
                                Y.shape[1] - 1, a, b, p, h)
    return mean, se, np.full(len(Y), np.inf)


def _arima(Y: np.ndarray, h: int):
    d = np.diff(Y, axis=1)
    m = d.shape[1]
    steps = np.arange(1, h + 1)
    if m >= 6:  # ARIMA(1,1,0) with drift, conditional least squares
        x, z = d[:, :-1], d[:, 1:]
        xb, zb = x.mean(axis=1, keepdims=True), z.mean(axis=1, keepdims=True)
        sxx = ((x - xb) ** 2).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            phi = np.where(sxx > 0, ((x - xb) * (z - zb)).sum(axis=1) / sxx, 0.0)
        phi = np.clip(phi, -0.98, 0.98)
        c = zb[:, 0] - phi * xb[:, 0]
        resid = z - (c[:, None] + phi[:, None] * x)
        s2 = (resid ** 2).sum(axis=1) / (m - 1 - 2)
        mu = c / (1 - phi)
        dev = (d[:, -1] - mu)[:, None] * phi[:, None] ** steps
        mean = Y[:, -1:] + np.cumsum(mu[:, None] + dev, axis=1)
        # psi weights of the integrated AR(1): 1 + phi + ... + phi^(h-j)
        cum = np.cumsum(phi[:, None] ** (steps - 1), axis=1)
        var = s2[:, None] * np.cumsum(cum ** 2, axis=1)
    else:  # ARIMA(0,1,0) with drift (fpp3 drift method, with drift uncertainty)
        mu = d.mean(axis=1)
        s2 = d.var(axis=1, ddof=1) if m > 1 else np.full(len(Y), np.nan)
        mean = Y[:, -1:] + mu[:, None] * steps
        var = s2[:, None] * steps * (1 + steps / m)
    return mean, np.sqrt(var), np.full(len(Y), np.inf)


_FAST = {"loglinear": _loglinear, "damped": _damped, "arima": _arima}


# -------------------------------------------------------------- statsmodels engine
def _sm_one(model: str, y: np.ndarray, h: int):
    import statsmodels.api as sm
    n = len(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if model == "loglinear":
            t = np.arange(n, dtype=float)
            res = sm.OLS(y, sm.add_constant(t)).fit()
            fr = res.get_prediction(sm.add_constant(n - 1 + np.arange(1, h + 1.0),
                                                    has_constant="add")).summary_frame()
            se = np.sqrt(fr["mean_se"].to_numpy() ** 2 + res.scale)
            return fr["mean"].to_numpy(), se, n - 2.0
        if model == "damped":
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel
            s = pd.Series(y, index=pd.RangeIndex(n))
            res = ETSModel(s, trend="add", damped_trend=True).fit(disp=False)
            pr = res.get_prediction(start=n, end=n + h - 1)
            return (np.asarray(pr.predicted_mean), np.sqrt(np.asarray(pr.var_pred_mean)),
                    np.inf)
        from statsmodels.tsa.arima.model import ARIMA
        order = (1, 1, 0) if n - 1 >= 6 else (0, 1, 0)
        res = ARIMA(y, order=order, trend="t").fit()
        fc = res.get_forecast(h)
        return fc.predicted_mean, np.asarray(fc.se_mean), np.inf


def fit_forecast(model: str, Y: np.ndarray, h: int, engine: str = "fast"):
    """Fit ``model`` to each row of ``Y`` (log levels, no gaps) and forecast ``h`` steps.

    Returns ``(mean, se, df)``: forecast means and standard errors of the log level, shape
    ``(N, h)``, and degrees of freedom of the predictive t distribution (``inf`` = normal).

    Examples
    --------
    >>> Y = np.log([[100, 110, 121, 133.1, 146.41]])
    >>> mean, se, df = fit_forecast("loglinear", Y, 2)
    >>> np.round(np.exp(mean), 2).tolist(), float(df[0])
    ([[161.05, 177.16]], 3.0)
    """
    if model not in MODELS:
        raise ValueError(f"unknown projection model {model!r}; choose from {MODELS}")
    Y = np.asarray(Y, dtype=float)
    if engine == "fast":
        return _FAST[model](Y, h)
    if engine != "statsmodels":
        raise ValueError(f"unknown engine {engine!r}; use 'fast' or 'statsmodels'")
    out = [_sm_one(model, row, h) for row in Y]
    return (np.array([o[0] for o in out]), np.array([o[1] for o in out]),
            np.array([o[2] for o in out], dtype=float))


def backtest_errors(Y: np.ndarray, engine: str = "fast") -> dict[str, np.ndarray]:
    """Rolling-origin backtest: mean absolute log error (x100, ~ MAPE in %) per model.

    The last :data:`BACKTEST_ORIGINS` origins are used; each trains on the points before the
    origin and forecasts every later point. NaN where a model has no valid origin.

    Examples
    --------
    >>> Y = np.log([[100, 108, 117, 125, 136, 146, 158, 170]])
    >>> err = backtest_errors(Y)
    >>> sorted(err), bool(err["loglinear"][0] < 2)
    (['arima', 'damped', 'loglinear'], True)
    """
    Y = np.asarray(Y, dtype=float)
    n = Y.shape[1]
    out = {}
    for model in MODELS:
        total = np.zeros(len(Y))
        count = 0
        for k in range(1, BACKTEST_ORIGINS + 1):
            o = n - k
            if o < MIN_TRAIN[model]:
                continue
            mean, _, _ = fit_forecast(model, Y[:, :o], k, engine)
            total += np.abs(Y[:, o:] - mean).sum(axis=1)
            count += k
        out[model] = total / count * 100 if count else np.full(len(Y), np.nan)
    return out


@dataclass
class Projection:
    """Projections of N series over ``horizon`` years after each series' last year.

    Arrays have one row per series; ``mean_log``/``se_log`` have ``horizon`` columns.
    ``model`` is the model used (``""`` when none), ``note`` says why when the projection is
    missing or weak.
    """

    keys: list
    last_year: np.ndarray
    last_value: np.ndarray
    n_obs: np.ndarray
    model: np.ndarray
    backtest_error: np.ndarray
    mean_log: np.ndarray
    se_log: np.ndarray
    df: np.ndarray
    note: np.ndarray
    horizon: int
    errors: dict = field(default_factory=dict)

    def at(self, i: int, year: int) -> tuple[float, float, float]:
        """(mean log, se log, df) of series ``i`` in ``year`` (NaN when outside)."""
        k = int(year) - int(self.last_year[i]) - 1
        if k < 0 or k >= self.horizon or not self.model[i]:
            return np.nan, np.nan, np.nan
        return self.mean_log[i, k], self.se_log[i, k], self.df[i]

    def quantile(self, q: float) -> np.ndarray:
        """Level at predictive quantile ``q`` for every series and horizon step."""
        z = stats.t.ppf(q, self.df[:, None])  # df = inf gives the normal quantile
        return np.exp(self.mean_log + z * self.se_log)

    def frame(self, levels: tuple[float, ...] = (0.8, 0.95)) -> pd.DataFrame:
        """Tidy table: key, year, median, and lower/upper bounds for each interval level."""
        rows = []
        years = self.last_year[:, None] + np.arange(1, self.horizon + 1)
        cols = {"median": np.exp(self.mean_log)}
        for lv in levels:
            cols[f"lo{round(lv * 100)}"] = self.quantile((1 - lv) / 2)
            cols[f"hi{round(lv * 100)}"] = self.quantile((1 + lv) / 2)
        for i, key in enumerate(self.keys):
            if not self.model[i]:
                continue
            d = {"key": [key] * self.horizon, "year": years[i], "model": self.model[i]}
            d.update({c: v[i] for c, v in cols.items()})
            rows.append(pd.DataFrame(d))
        if not rows:
            return pd.DataFrame(columns=["key", "year", "model", *cols])
        return pd.concat(rows, ignore_index=True)


def _tail_run(years: np.ndarray, values: np.ndarray, window: int):
    """Last run of consecutive years with positive values, at most ``window`` long."""
    ok = np.isfinite(values)
    years, values = years[ok], values[ok]
    if len(values) == 0:
        return years, values, "no observations"
    if (values <= 0).any():
        pos = values > 0
        # keep only the run after the last non-positive value
        last_bad = np.nonzero(~pos)[0].max()
        years, values = years[last_bad + 1:], values[last_bad + 1:]
        note = "zero or negative values: log models use only the later positive values"
    else:
        note = ""
    if len(years) > 1:
        breaks = np.nonzero(np.diff(years) != 1)[0]
        if len(breaks):
            years, values = years[breaks[-1] + 1:], values[breaks[-1] + 1:]
            note = note or "gap in the years: only the last unbroken run is used"
    return years[-window:], values[-window:], note


def project_many(series: dict, horizon: int, method: str = "auto", window: int = 15,
                 engine: str = "fast") -> Projection:
    """Project many annual series at once.

    Parameters
    ----------
    series : dict
        ``key -> (years, values)``; values are levels (positive for the log models).
    horizon : int
        Years to project after each series' last year.
    method : {"auto", "loglinear", "damped", "arima"}
        Model, or ``"auto"`` for the lowest rolling-origin backtest error.
    window : int
        At most this many latest points are used (older structure rarely helps).
    engine : {"fast", "statsmodels"}

    Examples
    --------
    >>> p = project_many({"a": ([2015, 2016, 2017, 2018, 2019, 2020],
    ...                         [100, 108, 117, 125, 136, 146]),
    ...                   "b": ([2020], [5.0])}, horizon=2)
    >>> p.model.tolist(), p.note[1]
    (['loglinear', ''], 'only 1 observation(s); a projection needs at least 3')
    """
    if method != "auto" and method not in MODELS:
        raise ValueError(f"unknown projection method {method!r}; use 'auto' or one of {MODELS}")
    horizon = max(int(horizon), 1)
    keys = list(series)
    N = len(keys)
    last_year = np.zeros(N, dtype=int)
    last_value = np.full(N, np.nan)
    n_obs = np.zeros(N, dtype=int)
    model = np.array([""] * N, dtype=object)
    note = np.array([""] * N, dtype=object)
    bt = np.full(N, np.nan)
    mean_log = np.full((N, horizon), np.nan)
    se_log = np.full((N, horizon), np.nan)
    df = np.full(N, np.inf)
    groups: dict[int, list[int]] = {}
    runs = []
    for i, key in enumerate(keys):
        yrs, vals = (np.asarray(a) for a in series[key])
        yrs = yrs.astype(int)
        order = np.argsort(yrs)
        yrs, vals = yrs[order], vals[order].astype(float)
        fin = np.isfinite(vals)
        if fin.any():
            last_year[i] = yrs[fin][-1]
            last_value[i] = vals[fin][-1]
        ry, rv, why = _tail_run(yrs, vals, window)
        runs.append(np.log(rv) if len(rv) else rv)
        n_obs[i] = len(rv)
        if fin.any() and last_value[i] <= 0:
            note[i] = "latest value is zero or negative: no log projection"
            continue
        if len(rv) < MIN_POINTS:
            note[i] = f"only {len(rv)} observation(s); a projection needs at least {MIN_POINTS}"
            continue
        note[i] = why
        groups.setdefault(len(rv), []).append(i)
    all_errors = {m: np.full(N, np.nan) for m in MODELS}
    for n, idx in groups.items():
        Y = np.vstack([runs[i] for i in idx])
        if method == "auto":
            errs = backtest_errors(Y, engine)
            for m in MODELS:
                all_errors[m][idx] = errs[m]
            E = np.column_stack([errs[m] for m in MODELS])
            has = np.isfinite(E).any(axis=1)
            choice = np.where(has, np.argmin(np.where(np.isfinite(E), E, np.inf), axis=1), 0)
            for j, i in enumerate(idx):
                if not has[j]:
                    note[i] = (note[i] + "; " if note[i] else "") + (
                        f"only {n} points: too short for a backtest, log-linear trend used")
        else:
            choice = np.full(len(idx), MODELS.index(method))
        for mi, m in enumerate(MODELS):
            sel = choice == mi
            if not sel.any():
                continue
            rows = [idx[j] for j in np.nonzero(sel)[0]]
            if n < MIN_TRAIN[m] and m != "loglinear":
                for i in rows:
                    note[i] = f"{m} needs {MIN_TRAIN[m]} points, the series has {n}"
                continue
            mu, se, d = fit_forecast(m, Y[sel], horizon, engine)
            mean_log[rows], se_log[rows], df[rows] = mu, se, d
            model[rows] = m
            if method == "auto":
                bt[rows] = E[sel, mi]
    for i in range(N):
        if model[i] and n_obs[i] < 6 and not note[i]:
            note[i] = f"only {n_obs[i]} points: treat the projection as indicative"
    return Projection(keys, last_year, last_value, n_obs, model, bt, mean_log, se_log, df,
                      note, horizon, all_errors)


def project(years, values, horizon: int, method: str = "auto", window: int = 15,
            engine: str = "fast") -> Projection:
    """Project one annual series (see :func:`project_many`).

    Examples
    --------
    >>> p = project([2016, 2017, 2018, 2019, 2020], [50, 54, 58, 63, 68], 3, method="loglinear")
    >>> round(float(p.frame()["median"].iloc[-1]), 1)
    85.6
    """
    return project_many({"series": (years, values)}, horizon, method, window, engine)
