"""Repairs of the raw sources, tested on real excerpts (tests/fixtures/README.md cites them)."""

import pandas as pd
import pytest
from countyviz import DataError, load_regions
from countyviz.sources import assign_codes_by_name, normalise_growth, read_hlghpz_yearbook


@pytest.fixture
def yearbook(fixtures):
    return read_hlghpz_yearbook(fixtures / "yearbook_excerpt_v2.csv")


def test_stray_comma_row_is_shifted_back(yearbook):
    table, units, report = yearbook
    assert report["stray_comma_rows"] == [5]
    row = table.set_index("Area").loc["长宁县"]
    # After the repair each figure is back under its header (expenditure 36.9 亿元, deposits 114.7 亿元).
    assert row["地方一般公共预算收入"] == "80075"
    assert row["地方一般公共预算支出"] == "369079"
    assert row["住户储蓄存款余额"] == "1147460"
    assert row["提供住宿的社会工作机构床位"] == "1361"


def test_blank_inside_one_character_name_is_removed(yearbook):
    table, _, report = yearbook
    assert "丰县" in set(table["Area"]) and "丰 县" not in set(table["Area"])
    assert report["names_stripped"] == 1


def test_footnote_digit_is_removed(yearbook):
    table, _, report = yearbook
    assert "永川区" in set(table["Area"])
    assert report["footnote_digits_removed"] == [(10, "永川区1")]


def test_units_row_is_read(yearbook):
    _, units, _ = yearbook
    assert units["地区生产总值"] == "万元" and units["户籍人口"] == "人"


def test_double_province_label_resolved_against_codes(yearbook):
    table, _, _ = yearbook
    reg = load_regions().reset_index()
    reg = reg[reg["level"].isin(["county", "district", "county_city"])]
    prov = load_regions()["name_zh"]
    reg = reg.assign(province_name=reg["province"].map(prov))
    codes, how = assign_codes_by_name(table, reg)
    got = dict(zip(table["Area"], codes, strict=True))
    # 浦口区 is labelled "上海市、江苏省"; it is Nanjing's district 320111 (GB/T 2260).
    assert got["浦口区"] == "320111"
    assert got["甘州区"] == "620702"
    assert got["朝阳县"] == "211321"  # 朝阳县 of 辽宁省; the name also exists elsewhere? unique here
    assert how["how"].eq("label").all()


def test_field_count_mismatch_is_an_error(tmp_path, fixtures):
    text = (fixtures / "yearbook_excerpt_v2.csv").read_text(encoding="utf-8").splitlines()
    text[4] = text[4] + ",1,2,3"
    p = tmp_path / "broken.csv"
    p.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(DataError, match="row 5"):
        read_hlghpz_yearbook(p)


def test_published_growth_index_rows_are_normalised(fixtures):
    raw = pd.read_csv(fixtures / "CRE_Gdpct_excerpt.csv", encoding="utf-8-sig", dtype=str)
    g, converted = normalise_growth(pd.to_numeric(raw["GDPYoY"]))
    zhangye = raw["Ctnm_id"] == "620700"
    by_year = dict(zip(raw.loc[zhangye, "Sgnyea"], g[zhangye], strict=True))
    # CSMAR prints Zhangye 2021 as 106.9633 (previous year = 100): +6.9633 %; 2019 as 6.5 %.
    assert by_year["2021"] == pytest.approx(6.9633)
    assert by_year["2019"] == pytest.approx(6.5)
    assert converted[zhangye & (raw["Sgnyea"] == "2021")].all()
    assert converted.sum() == (pd.to_numeric(raw["GDPYoY"]) > 50).sum()


def test_implausible_growth_is_an_error():
    with pytest.raises(DataError, match="row 3"):
        normalise_growth(pd.Series([5.0, 320.0]), rows=[2, 3])
