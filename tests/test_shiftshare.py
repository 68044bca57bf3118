"""Shift-share against the published results of the R package REAT 3.0.3.

Source: tests/reference/reat/README.md (Wieland, REAT, GitHub cran/REAT commit 602f988);
Freiburg and Goettingen example data sets and the package's `shift` / `shiftd` results.
"""

import numpy as np
import pandas as pd
import pytest
from countyviz import DataError, shift_share

from conftest import TESTS

REAT = TESTS / "reference" / "reat"


@pytest.fixture(scope="module")
def expected():
    e = pd.read_csv(REAT / "reat_freiburg_goettingen_expected.csv")
    return e


def ref(expected, dataset, fn, call, method, period, component):
    m = ((expected.dataset == dataset) & (expected.function_name == fn) & (expected.call == call) & (expected.method == method)
         & (expected.period == period) & (expected.component == component))
    return float(expected.loc[m, "value"].item())


@pytest.fixture(scope="module")
def freiburg():
    return pd.read_csv(REAT / "reat_freiburg_input.csv")


def test_dunn_freiburg(freiburg, expected):
    f = freiburg
    r = shift_share(f.e_Freiburg2008, f.e_Freiburg2014, f.e_Germany2008, f.e_Germany2014, f.industry)
    call = "documented Rd example"
    assert r.totals["change"] == ref(expected, "Freiburg", "shift", call, "Dunn", "2008->2014", "Growth (t1-t)")
    for ours, theirs in [("national_share", "National share"), ("industry_mix", "Industrial mix"),
                         ("competitive", "Regional share")]:
        assert r.totals[ours] == pytest.approx(ref(expected, "Freiburg", "shift", call, "Dunn", "2008->2014", theirs), rel=1e-9)
    net = r.totals["industry_mix"] + r.totals["competitive"]
    assert net == pytest.approx(ref(expected, "Freiburg", "shift", call, "Dunn", "2008->2014", "Net total shift"))
    r.check_identity()


def test_esteban_marquillas_freiburg(freiburg, expected):
    f = freiburg
    r = shift_share(f.e_Freiburg2008, f.e_Freiburg2014, f.e_Germany2008, f.e_Germany2014, f.industry,
                    method="esteban")
    call = "documented Rd example"
    assert r.totals["competitive_em"] == pytest.approx(
        ref(expected, "Freiburg", "shift", call, "Esteban", "2008->2014", "Regional share"), rel=1e-9)
    assert r.totals["allocation"] == pytest.approx(
        ref(expected, "Freiburg", "shift", call, "Esteban", "2008->2014", "Allocation effect"), rel=1e-9)


def test_gerfin_freiburg(freiburg, expected):
    f = freiburg
    r = shift_share(f.e_Freiburg2008, f.e_Freiburg2014, f.e_Germany2008, f.e_Germany2014, method="gerfin")
    call = "documented Rd example"
    for ours, theirs in [("industry_mix", "Industrial mix"), ("competitive", "Regional share"),
                         ("net_total_shift", "Net total shift")]:
        assert r.totals[ours] == pytest.approx(ref(expected, "Freiburg", "shift", call, "Gerfin", "2008->2014", theirs), rel=1e-9)


@pytest.fixture(scope="module")
def goettingen():
    g = pd.read_csv(REAT / "reat_goettingen_input.csv")
    return g[g.WZ2008_Code != "A-R"]  # the total row is not a sector


def test_dynamic_goettingen_corrected_call(goettingen, expected):
    years = list(range(2008, 2018))
    R = goettingen[[f"Goettingen{y}" for y in years]].to_numpy().T
    B = goettingen[[f"BRD{y}" for y in years]].to_numpy().T
    r = shift_share(R, None, B, None, goettingen.WZ2008_Code.tolist(), method="dynamic",
                    periods=list(zip(years[:-1], years[1:], strict=True)))
    call = "corrected (cols 4:12,14:22)"
    for ours, theirs in [("change", "Growth (t1-t)"), ("national_share", "National share"),
                         ("industry_mix", "Industrial mix"), ("competitive", "Regional share")]:
        assert r.totals[ours] == pytest.approx(ref(expected, "Goettingen", "shiftd", call, "Dunn", "2008->2017 total", theirs), rel=1e-9)
    y = r.yearly.set_index("period")
    assert y.loc["2008-2009", "national_share"] == pytest.approx(
        ref(expected, "Goettingen", "shiftd", call, "Dunn", "2008-2009", "National share"), rel=1e-9)
    assert y.loc["2014-2015", "competitive"] == pytest.approx(
        ref(expected, "Goettingen", "shiftd", call, "Dunn", "2014-2015", "Regional share"), rel=1e-9)


def test_static_goettingen(goettingen, expected):
    g = goettingen
    r = shift_share(g.Goettingen2008, g.Goettingen2017, g.BRD2008, g.BRD2017)
    assert r.totals["competitive"] == pytest.approx(
        ref(expected, "Goettingen", "shift", "static 2008 vs 2017", "Dunn", "2008->2017", "Regional share"), rel=1e-9)


def test_benchmark_without_a_sector_is_an_error():
    with pytest.raises(DataError, match="benchmark has no positive start value for sector"):
        shift_share([1, 2], [2, 3], [10, 0], [11, 1], ["a", "b"])


def test_missing_region_value_is_an_error():
    with pytest.raises(DataError, match="region end values missing for sector"):
        shift_share([1, 2], [2, np.nan], [10, 5], [11, 6], ["a", "b"])
