import pandas as pd
import pytest
from countyviz import DataError, conversion_factor, convert, normalise_unit


def test_money_conversions():
    assert conversion_factor("万元", "亿元") == pytest.approx(1e-4)
    assert conversion_factor("元", "万元") == pytest.approx(1e-4)
    assert conversion_factor("亿元", "元") == pytest.approx(1e8)
    assert conversion_factor("万人", "人") == pytest.approx(1e4)


def test_header_style_units_are_normalised():
    assert normalise_unit("（万元）") == "万元"
    assert normalise_unit("(亿元)") == "亿元"
    assert normalise_unit("％") == "%"


def test_cross_dimension_conversion_names_row_and_column():
    with pytest.raises(DataError) as err:
        convert(pd.Series([1.0, 2.0]), pd.Series(["万元", "万人"]), pd.Series(["亿元", "亿元"]),
                file="x.csv", rows=[2, 3])
    assert "x.csv, row 3, column 'unit'" in str(err.value)
    assert "cannot convert '万人'" in str(err.value)


def test_unknown_unit():
    with pytest.raises(DataError, match="unknown unit"):
        conversion_factor("furlong", "亿元")
