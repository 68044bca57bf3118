"""The composite-index explorer: sliders drive composite_index and monte_carlo_ranks, and bad
input becomes a message in the widget."""

import numpy as np
import pandas as pd
import pytest
from countyviz.composite import composite_index, entropy_weights, monte_carlo_ranks, normalise
from countyviz.widgets import CompositeExplorer, composite_explorer


@pytest.fixture
def frame():
    rng = np.random.default_rng(3)
    idx = ["620702", "620721", "620722", "620723", "620724", "620725", "620802", "620821"]
    return pd.DataFrame(rng.lognormal(size=(8, 3)), index=idx, columns=["gdp_per_capita", "fai", "population"])


def test_sliders_set_the_weights_of_index_and_intervals(frame):
    e = CompositeExplorer(frame, {"population": -1}, draws=200)
    e.sliders["gdp_per_capita"].value = 3.0
    e.sliders["population"].value = 0.0
    w = {"gdp_per_capita": 0.75, "fai": 0.25}
    ref = composite_index(frame[list(w)], {"population": -1}, weights=w)
    pd.testing.assert_series_equal(e.result.scores["score"], ref.scores["score"])
    mc = monte_carlo_ranks(frame[list(w)], draws=200, weights=w)
    pd.testing.assert_frame_equal(e.ranks, mc)
    assert "75%" in e.shares.value
    bars = e.scores_figure.data[0]
    assert bars.y[0] == "甘州区" if ref.scores["rank"].idxmin() == "620702" else bars.y[0] != "甘州区"
    assert len(e.ranks_figure.data[0].x) == len(frame)
    assert [tr["type"] for tr in e.ranks_figure._widget_data] == ["scatter"]


def test_weight_schemes_fill_the_sliders(frame):
    e = CompositeExplorer(frame, draws=50)
    e.scheme.value = "entropy"
    ew = entropy_weights(normalise(frame, "minmax"))
    got = pd.Series({c: s.value for c, s in e.sliders.items()})
    np.testing.assert_allclose(got / got.sum(), ew / ew.sum(), atol=0.03)  # sliders step 0.1
    e.sliders["fai"].value = 2.0
    assert e.scheme.value == "manual"


def test_bad_input_gives_messages_not_tracebacks(frame):
    f = frame.assign(fai=5.0)  # zero variance
    e = CompositeExplorer(f, draws=50)
    assert "fai" in e.message.value and "zero variance" in e.message.value
    assert len(e.scores_figure.data) == 0
    e.sliders["fai"].value = 0.0  # leave it out: the index works again
    assert e.message.value == "" and len(e.scores_figure.data) == 1
    for s in e.sliders.values():
        s.value = 0.0
    assert "至少给一个指标" in e.message.value
    g = frame.copy()
    g.iloc[0, 1] = np.nan  # a region misses an indicator
    e = CompositeExplorer(g, lang="en", draws=50)
    assert "left out of the rank simulation" in e.notes.value and "Ganzhou District" in e.notes.value
    assert e.result.scores.loc["620702", "n_missing"] == 1
    e.normalisation.value = "zscore"
    e.aggregation.value = "geometric"
    assert "geometric" in e.message.value


def test_without_front_end_a_note(frame):
    assert "Voilà" in composite_explorer(frame, lang="en").data


def test_top_n_redraws_without_recomputing(frame, monkeypatch):
    import countyviz.widgets.explorer as ex
    e = CompositeExplorer(frame, draws=50)
    calls = []
    monkeypatch.setattr(ex, "monte_carlo_ranks", lambda *a, **k: calls.append(1))
    e.top.value = 3
    assert calls == [] and len(e.scores_figure.data[0].y) == 3
    assert len(e.ranks_figure.data[0].y) == 3
