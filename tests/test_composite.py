"""Composite indices against published examples (COINr ASEM, JMcDM entropy, R MCDA TOPSIS)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from countyviz.composite import (
    aggregate,
    aggregate_tree,
    composite_index,
    entropy_weights,
    monte_carlo_ranks,
    normalise,
    preset_indicators,
    topsis,
)
from countyviz.errors import DataError

REF = Path(__file__).parent / "reference" / "coinr_asem"


@pytest.fixture(scope="module")
def asem():
    meta = pd.read_csv(REF / "asem_iMeta.csv")
    meta = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    treated = pd.read_csv(REF / "asem_treated.csv").set_index("uCode")
    normalised = pd.read_csv(REF / "asem_normalised.csv").set_index("uCode")
    aggregated = pd.read_csv(REF / "asem_aggregated.csv").set_index("uCode")
    return meta, treated, normalised, aggregated


def test_minmax_normalisation_matches_coinr(asem):
    meta, treated, normalised, _ = asem
    ind = meta[meta["Level"] == 1]
    directions = dict(zip(ind["iCode"], ind["Direction"], strict=True))
    ours = normalise(treated[ind["iCode"]], "minmax", directions)
    pd.testing.assert_frame_equal(ours, normalised[ind["iCode"]].astype(float), atol=1e-9)


def test_hierarchical_aggregation_matches_coinr(asem):
    meta, _, normalised, aggregated = asem
    tree = meta.rename(columns={"iCode": "code", "Parent": "parent", "Weight": "weight",
                                "Level": "level"})
    ours = aggregate_tree(normalised[meta.loc[meta["Level"] == 1, "iCode"]], tree)
    cols = meta.loc[meta["Level"] > 1, "iCode"]
    pd.testing.assert_frame_equal(ours[cols], aggregated[cols].astype(float), atol=1e-9)
    # COINr vignette: CHE 68.38, NLD 64.82, DNK 64.80, NOR 64.47, BEL 63.54, SWE 63.00
    top = ours["Index"].sort_values(ascending=False).head(6).round(2)
    assert top.to_dict() == {"CHE": 68.38, "NLD": 64.82, "DNK": 64.80, "NOR": 64.47,
                             "BEL": 63.54, "SWE": 63.00}


def test_entropy_weights_match_jmcdm():
    # JMcDM (github jbytecode/JMcDM, src/entropy.jl docstring example; method as in
    # Ulutas 2019, OPUS 13(19)): weights 0.29967, 0.44137, 0.07009, 0.02124, 0.04902,
    # 0.02308, 0.04776, 0.04776
    x = pd.DataFrame({"C1": [2, 4, 3, 5, 4, 3], "C2": [1, 1, 2, 1, 2, 2],
                      "C3": [4, 5, 6, 5, 5, 6], "C4": [7, 6, 6, 7, 6, 6],
                      "C5": [6, 7, 5, 6, 7, 6], "C6": [6, 7, 6, 7, 7, 6],
                      "C7": [7, 6, 8, 7, 6, 6], "C8": [3000, 3500, 4000, 3000, 3000, 3500]})
    expected = [0.29967360960, 0.44136733892, 0.07009088720, 0.02123823711, 0.04902292895,
                0.02308037885, 0.04776330969, 0.04776330969]
    np.testing.assert_allclose(entropy_weights(x), expected, atol=1e-10)


def test_topsis_ideal_solutions_match_r_mcda():
    # R package MCDA, TOPSIS.Rd example (cars: price min, economy/aesthetics/boot max,
    # weights 0.35/0.25/0.25/0.15): positive ideal 0.179573776, 0.171636015, 0.159499658,
    # 0.087302767; negative ideal 0.212610118, 0.124958799, 0.131352659, 0.085797547
    cars = pd.DataFrame([[5490, 51.4, 8.5, 285], [6500, 70.6, 7, 288], [6489, 54.3, 7.5, 290]],
                        index=["Corsa", "Clio", "Fiesta"],
                        columns=["price", "economy", "aesthetics", "boot"], dtype=float)
    w = {"price": 0.35, "economy": 0.25, "aesthetics": 0.25, "boot": 0.15}
    res = topsis(cars, w, {"price": -1})
    np.testing.assert_allclose(res.attrs["ideal"], [0.179573776, 0.171636015, 0.159499658,
                                                    0.087302767], atol=1e-9)
    np.testing.assert_allclose(res.attrs["anti_ideal"], [0.212610118, 0.124958799, 0.131352659,
                                                         0.085797547], atol=1e-9)
    assert res["closeness"].between(0, 1).all()


def test_zero_variance_and_missing_data_are_stated():
    f = pd.DataFrame({"a": [1.0, 2, 3], "flat": [5.0, 5, 5]}, index=list("xyz"))
    with pytest.raises(DataError, match="flat.*zero variance"):
        normalise(f)
    g = pd.DataFrame({"a": [1.0, 2, 3], "b": [1.0, np.nan, 2.0]}, index=list("xyz"))
    r = composite_index(g, max_missing=0.4)
    assert np.isnan(r.scores.loc["y", "score"]) and any("no score" in n for n in r.notes)
    with pytest.raises(DataError, match="no data for any region"):
        composite_index(pd.DataFrame({"a": [1.0, 2], "b": [np.nan, np.nan]}))


def test_geometric_aggregation_and_weights():
    n = pd.DataFrame({"a": [4.0], "b": [1.0]})
    assert aggregate(n, {"a": 1, "b": 1}, "geometric").iloc[0] == pytest.approx(2.0)
    r = composite_index(pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}), weights="entropy")
    assert r.weights.sum() == pytest.approx(1)


def test_monte_carlo_rank_intervals_cover_nominal_ranks():
    rng = np.random.default_rng(0)
    f = pd.DataFrame(rng.lognormal(size=(40, 5)), columns=list("abcde"))
    mc = monte_carlo_ranks(f, draws=300)
    assert (mc["rank_lo"] <= mc["rank_median"]).all() and (mc["rank_median"] <= mc["rank_hi"]).all()
    assert ((mc["rank_lo"] <= mc["rank_nominal"]) & (mc["rank_nominal"] <= mc["rank_hi"])).mean() > 0.9


def test_preset_names_what_is_missing():
    use, missing = preset_indicators({"gdp_per_capita", "fai"})
    assert set(use) == {"gdp_per_capita", "fai@growth"}
    assert "income_urban" in missing and "rd_to_gdp" in missing


def test_monte_carlo_centres_on_the_given_weights():
    rng = np.random.default_rng(1)
    f = pd.DataFrame(rng.lognormal(size=(30, 3)), columns=list("abc"))
    w = {"a": 0.7, "b": 0.3, "c": 0.0}
    # no perturbation and one normalisation: every draw is the nominal index
    mc = monte_carlo_ranks(f, weights=w, draws=50, weight_spread=0.0, normalisations=("minmax",))
    nominal = composite_index(f, weights=w).scores["rank"].astype(float)
    assert (mc["rank_lo"] == mc["rank_hi"]).all()
    assert mc["rank_median"].tolist() == nominal.tolist() == mc["rank_nominal"].tolist()
    # a zero weight stays zero under perturbation: c cannot move any rank
    g = f.assign(c=rng.permutation(f["c"].to_numpy()))
    mc2 = monte_carlo_ranks(g, weights=w, draws=50, weight_spread=0.0, normalisations=("minmax",))
    assert mc2["rank_median"].tolist() == mc["rank_median"].tolist()
    with pytest.raises(DataError, match="not all zero"):
        composite_index(f, weights={"a": 0, "b": 0})
    with pytest.raises(DataError, match="not all zero"):
        monte_carlo_ranks(f, weights={"a": -1, "b": 1})
