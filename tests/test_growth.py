import countyviz as cv
import numpy as np
import pandas as pd
import pytest
from countyviz import (
    DataError,
    cagr,
    index_numbers,
    per_capita_decomposition,
    real_series,
    yoy_growth,
)


def test_yoy_against_published_real_growth_is_nominal_not_real():
    d = cv.best_values(cv.load_bundled(["csmar_city"]))
    g = yoy_growth(d, "gdp")
    z = g[(g.region == "620700") & (g.period == "2019")].iloc[0]
    # Zhangye GDP 407.7067 (2018) -> 448.7331 (2019) 亿元 at current prices: +10.06 % nominal,
    # against the published real growth of 6.5 %.
    assert z["growth_pct"] == pytest.approx((448.7331 / 407.7067 - 1) * 100)


def test_cagr_and_notes():
    d = pd.DataFrame({"region": ["a", "a", "b"], "indicator": "gdp", "period": ["2015", "2020", "2020"],
                      "value": [100.0, 150.0, 5.0]})
    c = cagr(d, 2015, 2020).set_index("region")
    assert c.loc["a", "cagr_pct"] == pytest.approx((1.5 ** 0.2 - 1) * 100)
    assert np.isnan(c.loc["b", "cagr_pct"]) and c.loc["b", "note"] == "no value for 2015"
    with pytest.raises(DataError):
        cagr(d, 2020, 2015)


def test_index_numbers_base_100():
    d = pd.DataFrame({"region": "a", "indicator": "gdp", "period": ["2015", "2020"], "value": [80.0, 100.0]})
    assert index_numbers(d, 2015)["value"].tolist() == [100.0, 125.0]


def test_real_series_chain_and_deflator():
    lv = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2018", "2019", "2020"], "value": [100.0, 110.0, 118.0]})
    g = pd.DataFrame({"region": "r", "indicator": "gdp_real_growth", "period": ["2019", "2020"], "value": [6.0, 2.0]})
    r = real_series(lv, g, 2019).set_index("year")
    assert r.loc[2019, "real"] == 110.0
    assert r.loc[2020, "real"] == pytest.approx(112.2)
    assert r.loc[2018, "real"] == pytest.approx(110 / 1.06)
    assert r.loc[2019, "deflator"] == pytest.approx(100.0)


def test_real_series_gap_breaks_chain():
    lv = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2018", "2019", "2020"], "value": [100.0, 110.0, 118.0]})
    g = pd.DataFrame({"region": "r", "indicator": "gdp_real_growth", "period": ["2019"], "value": [6.0]})
    r = real_series(lv, g, 2018).set_index("year")
    assert np.isnan(r.loc[2020, "real"])


def test_monthly_periods_are_refused_by_annual_growth():
    d = pd.DataFrame({"region": "r", "indicator": "x", "period": ["2023-08"], "value": [1.0]})
    with pytest.raises(DataError, match="is not a year"):
        yoy_growth(d)


def test_per_capita_decomposition_exact_on_bundled_data():
    d = cv.best_values(cv.load_bundled(["csmar_city"]))
    pc = per_capita_decomposition(d, 2010, 2019, population=None, per_capita="gdp_per_capita")
    pc = pc[pc["note"] == ""]
    assert len(pc) > 20
    assert np.allclose(pc["population_log_pct"] + pc["per_capita_log_pct"], pc["growth_log_pct"])


def test_per_capita_decomposition_notes_missing():
    d = pd.DataFrame({"region": ["a", "a", "a"], "indicator": ["gdp", "gdp", "pop_resident"],
                      "period": ["2010", "2020", "2010"], "value": [1.0, 2.0, 3.0]})
    out = per_capita_decomposition(d, 2010, 2020)
    assert out["note"].iloc[0] == "no population for one of the years"
    assert np.isnan(out["growth_log_pct"].iloc[0])
