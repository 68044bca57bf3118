"""Eurostat's classification of progress towards quantified targets."""

import numpy as np
from countyviz.targets.status import THRESHOLDS, classify, meets


def test_thresholds_are_eurostats():
    # Eurostat, "Sustainable development in the European Union - Monitoring report on
    # progress towards the SDGs in an EU context", introduction, assessment of indicators
    # with quantitative targets: ratio of actual to required growth >= 95 % significant
    # progress, >= 60 % moderate, >= 0 % insufficient, < 0 movement away.
    assert THRESHOLDS == (0.95, 0.6, 0.0)


def test_classification_at_the_boundaries():
    required = 5.0
    actual = np.array([4.75, 4.7499, 3.0, 2.9999, 0.0, -0.0001])
    assert classify(actual, required).tolist() == [
        "on_track", "moderate", "moderate", "insufficient", "insufficient", "moving_away"]


def test_undefined_ratio_is_not_assessable():
    assert classify(np.array([1.0, np.nan]), np.array([0.0, 3.0])).tolist() == [
        "not_assessable", "not_assessable"]


def test_meets_every_comparison():
    v = np.array([5, 5, 5, 5.0])
    assert meets(v, 5.0, np.array([">", ">=", "<", "<="])).tolist() == [False, True, False, True]
