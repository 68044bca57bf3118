"""Projection engines: the fast NumPy engine against statsmodels, and the backtest."""

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from countyviz.targets.project import (
    _damped_forecast,
    backtest_errors,
    ets_damped_filter,
    fit_forecast,
    project,
    project_many,
)
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

Y = np.log([100, 108, 119, 125, 139, 150, 158, 171, 180, 199.0])


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def test_loglinear_matches_statsmodels_ols_prediction_interval():
    mean, se, df = fit_forecast("loglinear", Y[None, :], 4)
    t = np.arange(len(Y), dtype=float)
    res = sm.OLS(Y, sm.add_constant(t)).fit()
    fr = res.get_prediction(sm.add_constant(np.arange(10, 14.0))).summary_frame(alpha=0.05)
    np.testing.assert_allclose(mean[0], fr["mean"], rtol=1e-12)
    # obs_ci of statsmodels = mean +/- t(0.975, n-2) * sqrt(se_mean^2 + scale)
    from scipy import stats
    half = stats.t.ppf(0.975, df[0]) * se[0]
    np.testing.assert_allclose(mean[0] + half, fr["obs_ci_upper"], rtol=1e-12)
    assert df[0] == len(Y) - 2


def test_damped_recursion_and_variance_match_statsmodels_ets():
    mod = ETSModel(pd.Series(Y[1:]), trend="add", damped_trend=True,
                   initialization_method="known", initial_level=Y[0], initial_trend=Y[1] - Y[0])
    res = mod.smooth([0.5, 0.2, 0.9])
    level, trend, sse = ets_damped_filter(Y[None, :], 0.5, 0.2, 0.9)
    assert sse[0, 0] == pytest.approx(res.mse * (len(Y) - 1), rel=1e-10)
    pr = res.get_prediction(start=len(Y) - 1, end=len(Y) + 2)
    m, se = _damped_forecast(level[:, 0], trend[:, 0], sse[:, 0], len(Y) - 1,
                             np.array([0.5]), np.array([0.2]), np.array([0.9]), 4)
    np.testing.assert_allclose(m[0], np.asarray(pr.predicted_mean), rtol=1e-10)
    # variance multipliers 1 + sum (alpha + beta phi_j)^2 are those of statsmodels
    s2 = sse[0, 0] / (len(Y) - 1 - 3)
    np.testing.assert_allclose(se[0] ** 2 / s2, np.asarray(pr.var_pred_mean) / res.mse,
                               rtol=1e-10)


def test_arima_css_estimates_match_statsmodels_autoreg():
    d = np.diff(Y)
    ar = AutoReg(d, 1, trend="c").fit()
    c, phi = ar.params
    mean, _, _ = fit_forecast("arima", Y[None, :], 3)
    mu = c / (1 - phi)
    expect = Y[-1] + np.cumsum(mu + (d[-1] - mu) * phi ** np.arange(1, 4))
    np.testing.assert_allclose(mean[0], expect, rtol=1e-12)


def test_random_walk_with_drift_matches_statsmodels_arima_point_forecast():
    y = Y[:6]  # 5 differences: ARIMA(0,1,0) with drift
    mean, se, _ = fit_forecast("arima", y[None, :], 3)
    fc = ARIMA(y, order=(0, 1, 0), trend="t").fit().get_forecast(3).predicted_mean
    np.testing.assert_allclose(mean[0], fc, rtol=1e-5)
    # fpp3 drift method: sd = sigma * sqrt(h (1 + h / T)), T = number of differences
    sigma = np.diff(y).std(ddof=1)
    h = np.arange(1, 4)
    np.testing.assert_allclose(se[0], sigma * np.sqrt(h * (1 + h / 5)))


def test_statsmodels_engine_runs_every_model():
    for model in ("loglinear", "damped", "arima"):
        mean, se, _ = fit_forecast(model, Y[None, :], 2, engine="statsmodels")
        assert mean.shape == (1, 2) and np.isfinite(se).all()


def test_backtest_prefers_the_model_that_fits():
    exact = np.log(100 * 1.08 ** np.arange(12))[None, :]
    err = backtest_errors(exact)
    assert err["loglinear"][0] == pytest.approx(0, abs=1e-9)
    p = project(np.arange(2009, 2021), np.exp(exact[0]), 3)
    assert p.model[0] in ("loglinear", "arima")  # both reproduce an exact exponential
    assert p.frame()["median"].iloc[-1] == pytest.approx(100 * 1.08 ** 14, rel=1e-6)


def test_short_and_bad_series_say_why():
    p = project_many({"one": ([2020], [5.0]), "neg": ([2016, 2017, 2018, 2019], [3, 2, 0, -1]),
                      "three": ([2018, 2019, 2020], [11, 12, 13.5]),
                      "gap": ([2010, 2011, 2015, 2016, 2017, 2018], [1, 2, 3, 3.3, 3.6, 4])},
                     horizon=2)
    assert p.model.tolist()[:2] == ["", ""]
    assert "at least 3" in p.note[0]
    assert "zero or negative" in p.note[1]
    assert p.model[2] == "loglinear" and "too short for a backtest" in p.note[2]
    four = project([2017, 2018, 2019, 2020], [10, 11, 12, 13.5], 2)
    assert "indicative" in four.note[0]
    assert p.n_obs[3] == 4 and "gap" in p.note[3]


def test_interval_widens_with_horizon_and_is_ordered():
    rng = np.random.default_rng(1)
    y = 100 * np.exp(np.cumsum(0.07 + 0.03 * rng.standard_normal(14)))
    fr = project(np.arange(2007, 2021), y, 6).frame()
    assert (fr["lo95"] < fr["lo80"]).all() and (fr["lo80"] < fr["median"]).all()
    assert (fr["median"] < fr["hi80"]).all() and (fr["hi80"] < fr["hi95"]).all()
    width = fr["hi95"] / fr["lo95"]
    assert width.is_monotonic_increasing
