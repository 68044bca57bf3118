"""Batch target evaluation: gap arithmetic, kinds, statements for missing data, backtest."""

import numpy as np
import pandas as pd
import pytest
from countyviz import load_bundled
from countyviz.targets import (
    RESULT_COLUMNS,
    backtest_targets,
    evaluate_targets,
    make_target,
    plan_targets,
    required_cagr,
)

ZHANGYE = ["620700_COUNTIES", "620702", "620722", "620723", "620724", "620725"]


@pytest.fixture(scope="module")
def data():
    return load_bundled()


def test_required_growth_of_the_13th_five_year_plan():
    # Doubling 2010 GDP by 2020 after the 2011-2015 real growth published by the National
    # Bureau of Statistics (China Statistical Yearbook 2016, table 3-4, GDP indices with the
    # previous year = 100: 109.5, 107.9, 107.8, 107.3, 106.9) needs the "average annual
    # growth of at least 6.5 %" stated in the 13th Five-Year Plan (2016), ch. 3.
    level_2015 = np.prod([1.095, 1.079, 1.078, 1.073, 1.069])
    assert round(float(required_cagr(level_2015, 2.0, 5)), 1) == 6.5


def test_every_bundled_target_gets_a_row_and_a_statement(data):
    r = evaluate_targets(data)
    assert list(r.columns) == RESULT_COLUMNS
    assert len(r) == len(plan_targets())
    assert r["status"].notna().all()
    nodata = r[r["status"] == "no_data"]
    assert (nodata["note"].str.len() > 0).all()
    assert nodata["probability"].isna().all()  # never a made-up probability


def test_zhangye_2020_outcomes_follow_the_published_gdp(data):
    # Zhangye plan (2018): Ganzhou over 200, Linze over 60 (100 million yuan) by 2020.
    r = evaluate_targets(data, plan_targets(ZHANGYE)).set_index("target_id")
    gdp = data[(data.indicator == "gdp") & (data.period == "2020")
               & (data.flag == "published")].set_index("region")["value"]
    assert r.at["T002", "projected"] == pytest.approx(gdp["620702"])
    assert r.at["T002", "status"] == ("achieved" if gdp["620702"] > 200 else "not_achieved")
    assert r.at["T003", "status"] == ("achieved" if gdp["620723"] > 60 else "not_achieved")
    # the counties together: sum of the six members
    assert "sum of 6 members" in r.at["T001", "provenance"]


def test_what_would_we_have_said_in_2017_uses_no_later_data(data):
    t = plan_targets(ZHANGYE)
    b = backtest_targets(data, t, as_of=2017)
    assert (b["latest_year"] == 2017).all()
    later = data.copy()
    late = later["period"].astype(str) > "2017"
    later.loc[late, "value"] = later.loc[late, "value"] * 3
    b2 = backtest_targets(later, t, as_of=2017)
    pd.testing.assert_series_equal(b["projected"], b2["projected"])
    pd.testing.assert_series_equal(b["probability"], b2["probability"])
    # the comparison with what happened uses the real 2020 figures
    assert b["actual"].notna().all()
    assert (b2["actual"] / b["actual"]).round(6).eq(3).all()
    assert b["probability"].between(0, 1).all()


def test_gap_arithmetic_by_hand(data):
    t = make_target("620702", "gdp", 2025, 300)
    r = evaluate_targets(data, t).iloc[0]
    latest = data[(data.region == "620702") & (data.indicator == "gdp")
                  & (data.period == "2021")]["value"].max()
    assert r["latest_year"] == 2021
    assert r["required_cagr"] == pytest.approx(((300 / latest) ** (1 / 4) - 1) * 100)
    assert r["gap_abs"] == pytest.approx(r["projected"] - 300)
    assert r["gap_pct"] == pytest.approx((r["projected"] - 300) / 3)
    assert r["lo95"] < r["lo80"] < r["projected"] < r["hi80"] < r["hi95"]
    # probability agrees with the side of the median
    assert (r["probability"] > 0.5) == (r["projected"] > 300)


def test_cagr_and_change_targets_become_levels(data):
    fai = data[(data.region == "620702") & (data.indicator == "fai")].set_index("period")["value"]
    t = pd.concat([
        make_target("620702", "fai", 2017, 10, kind="cagr", baseline_year=2015, target_id="C"),
        make_target("620702", "fai", 2017, 20, kind="change_vs_baseline", baseline_year=2015,
                    unit="%", target_id="V"),
    ], ignore_index=True)
    r = evaluate_targets(data, t).set_index("target_id")
    assert r.at["C", "target_level"] == pytest.approx(fai["2015"] * 1.1 ** 2)
    assert r.at["V", "target_level"] == pytest.approx(fai["2015"] * 1.2)
    for k in "CV":
        met = fai["2017"] >= r.at[k, "target_level"]
        assert r.at[k, "status"] == ("achieved" if met else "not_achieved")


def test_bad_cases_give_statements_not_crashes(data):
    t = pd.concat([
        make_target("620702", "income_urban", 2025, 50000, target_id="nodata"),
        make_target("620702", "fiscal_revenue", 2025, 20, target_id="single"),
        make_target("620702", "gdp", 2025, 100, target_id="met"),
    ], ignore_index=True)
    r = evaluate_targets(data, t).set_index("target_id")
    assert r.at["nodata", "status"] == "no_data"
    assert "no data for income_urban" in r.at["nodata", "note"]
    assert "only 1 observation" in r.at["single", "note"]
    assert np.isnan(r.at["single", "projected"])
    assert r.at["met", "status"] == "achieved" and "already met" in r.at["met", "note"]


def test_relative_growth_target_on_derived_series(data):
    # Ganzhou's GDP growth at least 1 point above Zhangye city's (an ad-hoc relative target)
    t = make_target("620702", "gdp_growth_gap", 2025, 1, kind="relative_growth",
                    benchmark_region="620700")
    r = evaluate_targets(data, t).iloc[0]
    assert r["status"] in ("on_track", "insufficient", "moving_away")
    assert 0 <= r["probability"] <= 1
    assert np.isfinite(r["projected"])


def test_no_targets_and_no_series_at_all(data):
    empty = evaluate_targets(data, make_target("620702", "gdp", 2020, 200).iloc[:0])
    assert empty.empty and list(empty.columns) == RESULT_COLUMNS
    # Shaanxi's province-level targets: none of their indicators is in the bundled data
    r = evaluate_targets(data, plan_targets(["610000"]))
    assert (r["status"] == "no_data").all() and (r["note"] != "").all()
