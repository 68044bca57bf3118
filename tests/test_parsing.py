import numpy as np
import pandas as pd
import pytest
from countyviz import DataError, parse_numbers


def test_report_figures_parse_and_markers_become_missing_not_zero():
    s = pd.Series(["1,234.5", "１２３", "—", "…", "", "*", "*.*", "−4.5", "12.5%", None, "1.2e3"])
    nums, miss = parse_numbers(s, file="f.csv", column="value")
    assert nums.iloc[:2].tolist() == [1234.5, 123.0]
    assert nums.iloc[2:7].isna().all()
    assert nums.iloc[7] == -4.5
    assert nums.iloc[8] == 12.5
    assert np.isnan(nums.iloc[9])
    assert nums.iloc[10] == 1200.0
    assert (nums.fillna(-1) != 0).all(), "a marker must never turn into zero"
    assert miss["row"].tolist() == [4, 5, 6, 7, 8, 11]
    assert miss["reason"].tolist() == ["no data marker", "no data marker", "blank", "withheld",
                                       "withheld", "blank"]


def test_non_numeric_cells_are_named_with_row_and_column():
    with pytest.raises(DataError) as err:
        parse_numbers(pd.Series(["1", "2", "12,3x", "abc"]), file="gdp.csv", column="value")
    text = str(err.value)
    assert "gdp.csv, row 4, column 'value': '12,3x' is not a number" in text
    assert "row 5" in text


def test_misplaced_thousands_separator_is_not_silently_accepted():
    with pytest.raises(DataError):
        parse_numbers(pd.Series(["12,34"]), column="value")


def test_numeric_input_passes_through():
    nums, miss = parse_numbers(pd.Series([1.0, np.nan]), column="v")
    assert nums.iloc[0] == 1.0 and len(miss) == 1
