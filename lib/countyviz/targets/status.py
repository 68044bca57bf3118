"""Status of progress towards a quantified target (Eurostat's method).

Method
------
Eurostat's assessment of indicators with quantified targets (Eurostat, *Sustainable
development in the European Union — Monitoring report on progress towards the SDGs in an
EU context*, methodological introduction, "indicators with quantitative targets"; the same
rule has been used in every edition since 2017) compares the **actual** average annual
growth rate of the indicator since the base year with the growth rate **required** from the
base year to reach the target in the target year, as the ratio ``r = actual / required``:

=================  ==========================  ===================================
``r >= 0.95``      significant progress        ``on_track``
``0.6 <= r < 0.95``  moderate progress          ``moderate``
``0 <= r < 0.6``   insufficient progress       ``insufficient``
``r < 0``          movement away from target   ``moving_away``
=================  ==========================  ===================================

Additions for plan monitoring: a target already met by the latest observation is
``achieved``; once the target year has passed, the target is ``achieved`` or
``not_achieved`` by the observed value; ``no_data`` and ``not_assessable`` say why no
status could be given. For a target that requires no growth (the base value already
equals the target) the ratio is undefined and the status follows the target comparison.
"""

from __future__ import annotations

import numpy as np

__all__ = ["STATUS_ORDER", "THRESHOLDS", "classify", "meets"]

#: Ratio thresholds (actual / required growth) of the Eurostat method.
THRESHOLDS = (0.95, 0.6, 0.0)
#: Statuses from best to worst (for sorting and colours).
STATUS_ORDER = ("achieved", "on_track", "moderate", "insufficient", "moving_away",
                "not_achieved", "not_assessable", "no_data")


def meets(value, target, comparison):
    """Whether ``value`` satisfies ``comparison`` against ``target`` (vectorised; NaN -> False).

    Examples
    --------
    >>> meets(np.array([5.0, 3.0, np.nan]), 4.0, np.array([">=", "<", ">"])).tolist()
    [True, True, False]
    """
    value, target = np.asarray(value, dtype=float), np.asarray(target, dtype=float)
    comparison = np.asarray(comparison)
    out = np.select([comparison == ">", comparison == ">=", comparison == "<",
                     comparison == "<="],
                    [value > target, value >= target, value < target, value <= target], False)
    return out & np.isfinite(value) & np.isfinite(target)


def classify(actual_growth, required_growth):
    """Eurostat status from actual and required average growth rates (any common unit).

    Examples
    --------
    Required 10 %/year: actual 9.6 (ratio 0.96), 7 (0.7), 3 (0.3), -1 (negative):

    >>> classify(np.array([9.6, 7.0, 3.0, -1.0]), 10.0).tolist()
    ['on_track', 'moderate', 'insufficient', 'moving_away']

    A falling target (e.g. water use, required -4 %/year) reads the same way:

    >>> classify(np.array([-4.0, -2.0, 1.0]), -4.0).tolist()
    ['on_track', 'insufficient', 'moving_away']
    """
    a = np.asarray(actual_growth, dtype=float)
    r_req = np.broadcast_to(np.asarray(required_growth, dtype=float), a.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = a / r_req
    hi, mid, lo = THRESHOLDS
    out = np.select([~np.isfinite(ratio), ratio >= hi, ratio >= mid, ratio >= lo],
                    ["not_assessable", "on_track", "moderate", "insufficient"], "moving_away")
    return out.astype(object)
