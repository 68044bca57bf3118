import pandas as pd
import pytest
from countyviz import DataError, full_year_estimate, parse_ytd_period, ytd_to_monthly, ytd_yoy


def test_period_labels():
    assert parse_ytd_period("1-8月", 2023) == "2023-08"
    assert parse_ytd_period("1—2月", 2023) == "2023-02"
    assert parse_ytd_period("12月", 2023) == "2023-12"
    with pytest.raises(DataError):
        parse_ytd_period("1-13月", 2023)


def test_cumulative_to_monthly_with_gap_and_combined_jan_feb():
    d = pd.DataFrame({"region": "R", "indicator": "x", "unit": "亿元",
                      "period": ["2023-02", "2023-03", "2023-04", "2023-06"],
                      "value": [20.0, 32.0, 45.0, 70.0], "flag": "published"})
    m = ytd_to_monthly(d)
    assert m["value"].tolist()[:3] == [20.0, 12.0, 13.0]
    assert pd.isna(m["value"].iloc[3]), "June minus April is two months, not June"
    assert set(m["flag"]) == {"derived"}


def test_park_report_yoy_consistency():
    # Park report (source 002_0c8bad910db2f3a0.txt): 1-8月 output 141.76 亿元, +18.66 % on last year.
    prev = 141.76 / 1.1866
    d = pd.DataFrame({"region": "P", "indicator": "x", "unit": "亿元",
                      "period": ["2022-08", "2023-08"], "value": [prev, 141.76]})
    assert ytd_yoy(d)["yoy_pct"].iloc[1] == pytest.approx(18.66)


def test_full_year_estimate_from_seasonal_share():
    d = pd.DataFrame({"region": "R", "indicator": "x", "unit": "亿元",
                      "period": ["2021-08", "2021-12", "2022-08", "2022-12", "2023-08"],
                      "value": [60.0, 100.0, 66.0, 110.0, 72.0]})
    est = full_year_estimate(d, year=2023, month=8).iloc[0]
    assert est["estimate"] == pytest.approx(120.0)
    assert est["low"] == pytest.approx(120.0) and est["high"] == pytest.approx(120.0)
    assert est["years_used"] == 2


def test_full_year_estimate_without_history_says_so():
    d = pd.DataFrame({"region": "R", "indicator": "x", "unit": "亿元",
                      "period": ["2023-08"], "value": [72.0]})
    est = full_year_estimate(d, year=2023, month=8).iloc[0]
    assert est["years_used"] == 0 and pd.isna(est["estimate"])


def test_non_monthly_periods_rejected():
    d = pd.DataFrame({"region": "R", "indicator": "x", "period": ["2023"], "value": [1.0]})
    with pytest.raises(DataError, match="not a month"):
        ytd_to_monthly(d)
