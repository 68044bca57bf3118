"""The comparison dashboard's state and messages, without a browser (the browser test is
test_voila_browser.py)."""

import pandas as pd
from countyviz.compare import bundled_panel, measure
from countyviz.widgets import ComparisonDashboard, comparison_dashboard

REGIONS = ["620702", "620722", "620723"]


def make(**kw):
    return ComparisonDashboard(regions=REGIONS, **kw)


def test_figure_matches_the_computed_measure():
    d = make(indicator="gdp", how="cagr", years=(2010, 2021))
    m = measure(bundled_panel(), "gdp", "cagr", regions=REGIONS, start=2010, end=2021)
    pd.testing.assert_frame_equal(d.result.reset_index(drop=True), m.reset_index(drop=True))
    got = {tr.name: list(tr.y) for tr in d.figure.data}
    assert got["甘州区"] == m.loc[m["region"] == "620702", "value"].tolist()


def test_widget_state_carries_the_traces_for_late_views():
    # Voilà and nested boxes create the browser view after the updates were sent
    d = make()
    assert [tr["name"] for tr in d.figure._widget_data] == ["甘州区", "民乐县", "临泽县"]
    d.select.value = ("620723",)
    assert [tr["name"] for tr in d.figure._widget_data] == ["临泽县"]


def test_empty_selection_and_years_without_data_give_messages():
    d = make()
    d.select.value = ()
    assert "请至少选择一个地区" in d.message.value and len(d.figure.data) == 0
    assert d.table.value == "" and d.download.value == ""
    d.select.value = ("620702",)
    assert d.message.value == "" and len(d.figure.data) == 1
    d.years.value = (1990, 1995)  # the bundled series start later
    assert "⚠" in d.message.value and len(d.figure.data) == 0
    assert "Traceback" not in d.message.value


def test_language_switch_relabels_everything_and_keeps_choices():
    d = make(indicator="gdp_per_capita", how="index", chart="slope")
    d.language.value = "en"
    assert d.indicator.value == "gdp_per_capita" and d.measure.value == "index"
    assert d.chart.value == "slope" and d.select.value == tuple(REGIONS)
    assert d.indicator.label == "GDP per capita" and d.measure.label.startswith("Index")
    assert d.select.description == "Regions" and "Year" in d.table.value
    assert {tr.name for tr in d.figure.data} == {"Ganzhou District", "Minle County", "Linze County"}
    d.language.value = "zh"
    assert d.select.description == "地区"


def test_search_and_prefecture_pick():
    d = make()
    d.search.value = "山丹"
    labels = [o[0] for o in d.select.options]
    assert "山丹县 620725" in labels and set(d.select.value) == set(REGIONS)
    d.search.value = ""
    d.prefecture.value = "620700"
    assert set(d.select.value) >= {"620702", "620721", "620722", "620723", "620724", "620725"}
    assert len(d.figure.data) == len(d.select.value)


def test_without_front_end_a_note_not_a_widget():
    note = comparison_dashboard(REGIONS, lang="en")
    assert "JupyterLab" in note.data
