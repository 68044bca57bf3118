"""Loaders: the bad-input corpus in tests/bad_inputs, formats, wide tables, atomic writes."""

import hashlib
import warnings

import numpy as np
import pandas as pd
import pytest
from countyviz import DataError, DataWarning, read_tidy, read_wide, write_tidy
from countyviz.io import atomic_path, missing_cells

# file -> (fragments every one of which the error message must contain)
REJECTED = {
    "duplicate_conflict.csv": ["row 2", "column 'value'", "conflicting duplicates", "rows [2, 4]"],
    "unknown_region.csv": ["row 3", "column 'region'", "unknown region code '629999'"],
    "unknown_indicator.csv": ["row 3", "column 'indicator'", "unknown indicator code 'gpd'"],
    "non_numeric.csv": ["row 3", "column 'value'", "'12.3x' is not a number"],
    "mixed_units.csv": ["row 3", "column 'unit'", "cannot convert '万人'"],
    "unknown_unit.csv": ["row 2", "column 'unit'", "unknown unit '亿美刀'"],
    "negative.csv": ["row 3", "column 'value'", "negative"],
    "missing_column.csv": ["row 1", "column 'unit'", "required column is missing"],
    "bad_period.csv": ["row 2", "column 'period'", "'2020年' is not a period"],
    "bad_encoding.csv": ["row 2", "neither UTF-8 nor GBK"],
    "empty_region.csv": ["row 3", "column 'region'", "empty cell"],
}


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_bad_files_are_rejected_with_file_row_and_column(bad_inputs, name):
    before = _digest(bad_inputs)
    with pytest.raises(DataError) as err:
        read_tidy(bad_inputs / name)
    msg = str(err.value)
    assert name in msg, msg
    for fragment in REJECTED[name]:
        assert fragment in msg, f"{fragment!r} not in {msg!r}"
    assert _digest(bad_inputs) == before, "loading must never modify input files"


def test_utf8_with_report_figures(bad_inputs):
    df = read_tidy(bad_inputs / "ok_utf8.csv")
    assert df["value"].round(4).tolist()[:2] == [192.4307, 202.2003]
    assert np.isnan(df["value"].iloc[2])
    assert (df["unit"] == "亿元").all()
    assert missing_cells(df)["row"].tolist() == [4]


def test_gbk_file_loads(bad_inputs):
    df = read_tidy(bad_inputs / "ok_gbk.csv")
    assert df["value"].tolist() == [202.2, 80.1]


def test_exact_duplicates_warn_and_are_dropped(bad_inputs):
    with pytest.warns(DataWarning, match="dropped 1 exact duplicate row"):
        df = read_tidy(bad_inputs / "duplicate_exact.csv")
    assert len(df) == 1


def test_withheld_figures_warn_and_are_missing_with_location(bad_inputs):
    with pytest.warns(DataWarning, match="2 withheld figure"):
        df = read_tidy(bad_inputs / "withheld.csv")
    assert df["value"].isna().sum() == 2
    miss = missing_cells(df)
    assert miss["row"].tolist() == [3, 4] and set(miss["reason"]) == {"withheld"}


def test_excel_and_parquet_round_trip(tmp_path, bad_inputs):
    src = read_tidy(bad_inputs / "ok_gbk.csv")
    pq = write_tidy(src, tmp_path / "x.parquet")
    xl = tmp_path / "x.xlsx"
    src.astype({c: str for c in src.columns if c != "value"}).to_excel(xl, index=False)
    for p in (pq, xl):
        back = read_tidy(p)
        assert back["value"].tolist() == src["value"].tolist()
        assert back["region"].astype(str).tolist() == ["620702", "620723"]


def test_parquet_errors_name_record_numbers(tmp_path):
    df = pd.DataFrame({"region": ["620702", "x"], "indicator": "gdp", "period": "2020",
                       "value": [1.0, 2.0], "unit": "亿元"})
    df.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(DataError, match=r"bad.parquet, row 2, column 'region'"):
        read_tidy(tmp_path / "bad.parquet")


def test_wide_yearbook_table_with_units_in_headers(bad_inputs):
    t = read_wide(bad_inputs / "wide_yearbook.csv", period="2020", region_by="name",
                  province="620000")
    got = t.set_index(["region", "indicator"])["value"]
    assert got[("620702", "gdp")] == pytest.approx(202.2003)
    assert got[("620702", "pop_registered")] == pytest.approx(51.758)
    assert np.isnan(got[("620723", "gdp")])
    reasons = missing_cells(t).set_index(["row", "column"])["reason"]
    assert reasons[(3, "地区生产总值（万元）")] == "withheld"


def test_wide_years_layout_in_gbk(bad_inputs):
    t = read_wide(bad_inputs / "wide_years_gbk.csv", layout="years", indicator="gdp", unit="亿元",
                  region_by="name", province="620000")
    assert t.loc[t["region"] == "620723", "value"].isna().sum() == 1
    assert sorted(t["period"].astype(str).unique()) == ["2018", "2019", "2020"]


@pytest.mark.parametrize("name,fragments", [
    ("wide_unknown_header.csv", ["row 1", "column '幸福指数（分）'", "matches no indicator"]),
    ("wide_no_unit.csv", ["row 1", "column '地区生产总值'", "no unit"]),
    ("wide_bad_name.csv", ["row 3", "column '地区'", "'张掖新区' is not a known region"]),
])
def test_wide_table_errors(bad_inputs, name, fragments):
    with pytest.raises(DataError) as err:
        read_wide(bad_inputs / name, period="2020", region_by="name", province="620000")
    for f in fragments:
        assert f in str(err.value), str(err.value)


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_read_tidy_emits_no_other_warnings(bad_inputs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_tidy(bad_inputs / "ok_utf8.csv")
