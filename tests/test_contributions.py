"""Contributions to growth (贡献率, 拉动)."""

import countyviz as cv
import numpy as np
import pandas as pd
import pytest
from countyviz import DataError, contributions, real_contributions

PARK = ["industrial_output_textile_apparel", "industrial_output_health_food"]


def park_frame():
    # Park report (source document 002_0c8bad910db2f3a0.txt, January-August 2023):
    # output 141.76 亿元 (+18.66 %); textile & apparel 55.84 (+21.42 %); health food 38.27 (+26.39 %).
    now = {"industrial_output": (141.76, 18.66), PARK[0]: (55.84, 21.42), PARK[1]: (38.27, 26.39)}
    rows = []
    for ind, (v, g) in now.items():
        rows += [{"region": "P", "indicator": ind, "period": "2023", "value": v},
                 {"region": "P", "indicator": ind, "period": "2022", "value": v / (1 + g / 100)}]
    return pd.DataFrame(rows)


def test_park_lead_industries():
    r = contributions(park_frame(), "industrial_output", PARK)
    tab = r.table.set_index("component")
    agg = r.aggregate.iloc[0]
    # lead industries' share of output: (55.84 + 38.27) / 141.76 = 66.4 % as the report prints
    assert (tab["level"].sum() / agg["level"]) * 100 == pytest.approx(66.4, abs=0.05)
    assert agg["growth_pct"] == pytest.approx(18.66, abs=1e-9)
    assert tab.loc[PARK[0], "pull_pp"] == pytest.approx(8.245, abs=0.001)
    assert tab.loc[PARK[1], "pull_pp"] == pytest.approx(6.689, abs=0.001)
    assert tab.loc[PARK[0], "contribution_rate_pct"] == pytest.approx(44.19, abs=0.01)
    assert tab.loc[PARK[1], "contribution_rate_pct"] == pytest.approx(35.84, abs=0.01)
    # the other industries are the residual; pulls + residual = growth exactly
    assert agg["residual_pp"] == pytest.approx(18.66 - 8.245 - 6.689, abs=0.002)
    r.check_identity()


def test_bundled_park_data_gives_the_same_answer():
    d = cv.load_bundled(["park_ytd"])
    d = d[d["period"].astype(str).str.endswith("-08")].assign(period=lambda x: x["period"].astype(str).str[:4])
    r = contributions(d, "industrial_output", PARK)
    assert r.aggregate["growth_pct"].iloc[0] == pytest.approx(18.66)


def test_published_rates_and_pulls_are_consistent():
    # Xinjiang Production and Construction Corps statistical yearbook (tjj.xjbt.gov.cn), 2018:
    # GDP growth 6.0 %; contribution rates 28.5 / 3.8 / 67.6 % (table 2-8, 2020 edition);
    # pulls 1.7 / 0.2 / 4.0 pp (table 2-6, 2019 edition). Rebuild increments from the rates
    # and check that the pulls we compute match the published pulls to their precision.
    growth, rates = 6.0, [28.5, 3.8, 67.6]
    y0 = 1000.0
    comp0 = [200.0, 300.0, 500.0]
    comp1 = [c + r / 100 * growth / 100 * y0 for c, r in zip(comp0, rates, strict=True)]
    d = pd.DataFrame({"region": "X", "indicator": ["gdp", "va_primary", "va_secondary", "va_tertiary"] * 2,
                      "period": ["2017"] * 4 + ["2018"] * 4,
                      "value": [y0, *comp0, y0 * (1 + growth / 100), *comp1]})
    r = contributions(d)
    assert r.table["pull_pp"].round(1).tolist() == [1.7, 0.2, 4.1]  # 67.6 % x 6.0 = 4.06
    assert r.table["contribution_rate_pct"].round(1).tolist() == rates


def test_rates_sum_to_100_and_pulls_to_growth_on_bundled_prefectures():
    d = cv.best_values(cv.load_bundled(["csmar_city"]))
    r = contributions(d)
    a = r.aggregate
    assert len(a) > 500
    r.check_identity()
    ok = a["rate_defined"] & (a["residual_rate_pct"].abs() < 1)
    sums = r.table.groupby(["region", "period"])["contribution_rate_pct"].sum()
    joined = a[ok].set_index(["region", "period"])
    assert np.allclose(sums.loc[joined.index] + joined["residual_rate_pct"], 100)


def test_tiny_aggregate_change_gives_undefined_rate_not_inf():
    d = pd.DataFrame({"region": "r", "indicator": ["gdp", "va_primary", "va_secondary", "va_tertiary"] * 2,
                      "period": ["2019"] * 4 + ["2020"] * 4,
                      "value": [100, 10, 40, 50, 100.0, 12, 38, 50]})
    r = contributions(d)
    assert r.table["contribution_rate_pct"].isna().all()
    assert np.isfinite(r.table["pull_pp"]).all()
    assert "undefined" in r.aggregate["note"].iloc[0]


def test_gap_years_are_reported_not_bridged():
    d = pd.DataFrame({"region": "r", "indicator": ["gdp", "va_primary", "va_secondary", "va_tertiary"] * 3,
                      "period": ["2017"] * 4 + ["2018"] * 4 + ["2020"] * 4,
                      "value": [100, 10, 40, 50, 110, 11, 44, 55, 130, 13, 52, 65.0]})
    r = contributions(d)
    assert r.aggregate["period"].tolist() == ["2018"]
    assert r.missing.iloc[0]["period"] == 2020 or str(r.missing.iloc[0]["period"]) == "2020"
    assert "2019: no gdp" in r.missing.iloc[0]["reason"]


def test_missing_component_named():
    d = pd.DataFrame({"region": "r", "indicator": ["gdp", "va_primary", "va_secondary"] * 2,
                      "period": ["2019"] * 3 + ["2020"] * 3, "value": [100, 10, 40, 110, 11, 44.0]})
    with pytest.raises(DataError, match="no data at all for va_tertiary"):
        contributions(d)


def test_non_additive_and_mixed_units_rejected():
    d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2019", "2020"], "value": [1.0, 2.0]})
    with pytest.raises(DataError, match="not additive"):
        contributions(d, "gdp_per_capita", ["gdp"])
    with pytest.raises(DataError, match="is in 万人 but 'gdp' in 亿元"):
        contributions(d, "gdp", ["pop_resident"])


def test_real_contributions_with_published_growth():
    lv = pd.DataFrame({"region": "r", "period": "2018", "indicator": ["gdp", "va_primary", "va_secondary", "va_tertiary"],
                       "value": [100.0, 10.0, 40.0, 50.0]})
    g = pd.DataFrame({"region": "r", "period": "2019", "indicator": ["va_primary", "va_secondary", "va_tertiary"],
                      "value": [3.0, 5.0, 8.0]})
    pub = pd.DataFrame({"region": "r", "period": "2019", "indicator": "gdp_real_growth", "value": [6.4]})
    r = real_contributions(lv, g, published_growth=pub)
    a = r.aggregate.iloc[0]
    assert a["implied_growth_pct"] == pytest.approx(6.3)
    assert a["residual_pp"] == pytest.approx(0.1)
    assert r.table["contribution_rate_pct"].sum() == pytest.approx(6.3 / 6.4 * 100)
