"""The catalogues in data/catalog follow their schema and cover the bundled data."""

import countyviz as cv
import pandas as pd
import pytest
from countyviz.catalog import INDICATOR_KINDS, REGION_LEVELS


def test_indicator_catalogue_schema():
    ind = cv.load_indicators()
    assert ind.index.is_unique
    assert set(ind["kind"]) <= set(INDICATOR_KINDS)
    assert ind["name_zh"].str.len().gt(0).all() and ind["name_en"].str.len().gt(0).all()
    for code, comps in ind["components"].items():
        if comps:
            assert ind.at[code, "additive"], f"{code} has components but is not additive"
            assert all(ind.at[c, "unit"] == ind.at[code, "unit"] for c in comps), code


def test_region_catalogue_schema():
    reg = cv.load_regions()
    assert set(reg["level"]) <= set(REGION_LEVELS)
    admin = reg[~reg["level"].isin(["aggregate", "park"])]
    assert admin.index.str.fullmatch(r"\d{6}").all()
    assert reg["name_en"].notna().all()
    # GB/T 2260 codes of the plan counties (Zhangye, Fushun)
    assert reg.loc["620702", "name_zh"] == "甘州区"
    assert reg.loc["620721", "name_zh"] == "肃南裕固族自治县"
    assert reg.loc["210421", "name_zh"] == "抚顺县"
    assert cv.region_children("210400_COUNTIES", levels=("county",)) == []


def test_aggregate_members_exist():
    reg = cv.load_regions()
    for code, members in reg["members"].dropna().items():
        for m in members.split(";"):
            assert m in reg.index, (code, m)


def test_targets_catalogue_maps_every_plan_row():
    t = cv.load_targets()
    assert len(t) == 58
    assert t["source"].isin(cv.load_sources().index).all()
    gz = t[(t["region"] == "620702") & (t["indicator"] == "gdp")].iloc[0]
    assert (gz["target_year"], gz["target_value"], gz["comparison"]) == (2020, 200.0, ">")
    fushun = t[(t["region"] == "210400_PARKS") & (t["kind"] == "milestone")]
    assert fushun.sort_values("target_year")["target_value"].tolist() == [871, 1016, 1175]


def test_every_code_in_bundled_data_is_catalogued():
    d = cv.load_bundled()
    assert d["region"].isin(cv.load_regions().index).all()
    base = d["indicator"].astype(str).str.split("@").str[0]
    assert base.isin(cv.load_indicators().index).all()
    assert d["source"].isin(cv.load_sources().index).all()


def test_labels_in_both_languages():
    assert cv.label("620702", "region", "zh") == "甘州区"
    assert cv.label("620702", "region", "en") == "Ganzhou District"
    assert cv.label("va_secondary", lang="en") == "Value added of the secondary sector"


@pytest.mark.parametrize("broken,fragment", [
    ("kind", "is not one of"),
    ("components", "unknown component"),
])
def test_broken_indicator_catalogue_is_reported(tmp_path, monkeypatch, broken, fragment):
    import shutil

    from countyviz import catalog, paths, units
    shutil.copytree(paths.data_dir() / "catalog", tmp_path / "catalog")
    f = tmp_path / "catalog/indicators.csv"
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df.loc[3, broken] = "bogus"
    df.to_csv(f, index=False)
    monkeypatch.setenv("COUNTYVIZ_DATA", str(tmp_path))
    catalog.load_indicators.cache_clear()
    units.load_units.cache_clear()
    try:
        with pytest.raises(cv.DataError) as err:
            catalog.load_indicators()
        assert "row 5" in str(err.value) and fragment in str(err.value)
    finally:
        monkeypatch.delenv("COUNTYVIZ_DATA")
        catalog.load_indicators.cache_clear()
        units.load_units.cache_clear()
