"""Check cells of the workshop track (``workshop/``): compare a learner's answer with the
reference worked out by the library from the bundled data, and say whether it is right.

The reference is computed, never typed in: the same functions the analysts' notebooks use
(and that the unit tests check against published figures) produce it, so a change of data
or method cannot leave a stale answer key behind.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .catalog import region_children
from .contributions import contributions
from .data import best_values, load_bundled
from .errors import DataError
from .i18n import t

__all__ = ["EXERCISES", "CheckResult", "check", "reference"]


@lru_cache(maxsize=1)
def _data() -> pd.DataFrame:
    return load_bundled()


@lru_cache(maxsize=1)
def _best() -> pd.DataFrame:
    return best_values(_data())


def _value(region: str, indicator: str, year: int) -> float:
    b = _best()
    hit = b[(b["region"] == region) & (b["indicator"] == indicator) & (b["period"] == str(year))]
    if hit.empty:
        raise DataError(f"no bundled value of {indicator} for {region} in {year}")
    return float(hit["value"].iloc[0])


def _cagr(region: str, indicator: str, start: int, end: int) -> float:
    return ((_value(region, indicator, end) / _value(region, indicator, start)) ** (1 / (end - start)) - 1) * 100


def _contribution(region: str, component: str, column: str, start: int, end: int) -> float:
    tab = contributions(_data(), "gdp", start=start, end=end, regions=[region]).table
    return float(tab.loc[tab["component"] == component, column].iloc[0])


def _top_contributor(region: str, start: int, end: int) -> str:
    tab = contributions(_data(), "gdp", start=start, end=end, regions=[region]).table
    return str(tab.loc[tab["contribution_rate_pct"].idxmax(), "component"])


def _target_status(target_id: str) -> str:
    from .targets import evaluate_targets
    ev = evaluate_targets(_data())
    return str(ev.loc[ev["target_id"] == target_id, "status"].iloc[0])


def _peer_values(parent: str, indicator: str, year: int) -> pd.Series:
    return pd.Series({c: _value(c, indicator, year) for c in region_children(parent)})


def _rank(region: str, parent: str, indicator: str, year: int) -> int:
    return int(_peer_values(parent, indicator, year).rank(ascending=False, method="min")[region])


def _minmax(region: str, parent: str, indicator: str, year: int) -> float:
    v = _peer_values(parent, indicator, year)
    return float((v[region] - v.min()) / (v.max() - v.min()) * 100)


def _composite_top(parent: str, indicators: tuple[str, ...], year: int) -> str:
    from .composite import composite_index
    frame = pd.DataFrame({i: _peer_values(parent, i, year) for i in indicators})
    scores = composite_index(frame).scores
    return str(scores["score"].idxmax())


@dataclass(frozen=True)
class Exercise:
    """One workshop exercise: how to compute its reference answer and how close is right."""

    reference: Callable[[], object]
    tolerance: float = 0.0  # absolute, in the answer's unit; 0 for exact answers


#: Exercises by number ("notebook.exercise"); the hint texts are ``ws_hint_<n>`` in texts.csv.
EXERCISES: dict[str, Exercise] = {
    "1.1": Exercise(lambda: _value("620700", "gdp", 2019), 0.01),
    "1.2": Exercise(lambda: len(region_children("620700"))),
    "1.3": Exercise(lambda: _cagr("620702", "gdp", 2010, 2020), 0.01),
    "2.1": Exercise(lambda: _contribution("620700", "va_secondary", "contribution_rate_pct", 2015, 2019), 0.05),
    "2.2": Exercise(lambda: _contribution("620700", "va_tertiary", "pull_pp", 2015, 2019), 0.05),
    "2.3": Exercise(lambda: _top_contributor("620700", 2015, 2019)),
    "3.1": Exercise(lambda: ((200 / _value("620702", "gdp", 2017)) ** (1 / 3) - 1) * 100, 0.01),
    "3.2": Exercise(lambda: _cagr("620702", "gdp", 2012, 2017), 0.01),
    "3.3": Exercise(lambda: _target_status("T003")),
    "4.1": Exercise(lambda: _rank("620723", "620700", "gdp_per_capita", 2019)),
    "4.2": Exercise(lambda: _minmax("620723", "620700", "gdp_per_capita", 2019), 0.05),
    "4.3": Exercise(lambda: _composite_top("620700", ("gdp_per_capita", "gdp"), 2019)),
}


def reference(exercise: str) -> object:
    """The reference answer of an exercise (what the solutions notebook computes).

    Examples
    --------
    >>> reference("1.2")
    6
    """
    if exercise not in EXERCISES:
        raise KeyError(f"no exercise {exercise!r}; known: {', '.join(EXERCISES)}")
    return EXERCISES[exercise].reference()


def _scalar(answer: object) -> object:
    if isinstance(answer, pd.DataFrame) and answer.size == 1:
        return answer.iloc[0, 0]
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return answer.iloc[0]
    return answer


@dataclass(frozen=True)
class CheckResult:
    """Outcome of :func:`check`: true when right; shows its message in a notebook."""

    exercise: str
    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return self.message


def check(exercise: str, answer: object, lang: str = "zh") -> CheckResult:
    """Say whether ``answer`` to ``exercise`` is right.

    Numbers count as right within the exercise's tolerance; a share given as a fraction
    where a percentage is asked (0.07 for 7 %) gets a hint instead. ``...`` (the exercise
    placeholder) means not answered yet. The result is true when the answer is right and
    shows the message as the cell's output.

    Examples
    --------
    >>> check("1.2", 6, "en")
    ✓ Exercise 1.2: correct.
    >>> check("1.2", ..., "en")
    … Exercise 1.2: not answered yet — replace ... with your answer.
    >>> bool(check("1.2", 7, "en"))
    False
    """
    ex = EXERCISES.get(exercise)
    if ex is None:
        raise KeyError(f"no exercise {exercise!r}; known: {', '.join(EXERCISES)}")
    got = _scalar(answer)
    if got is ... or got is None:
        return CheckResult(exercise, False, t("ws_missing", lang, n=exercise))
    want = ex.reference()
    hint = ""
    if isinstance(want, str):
        ok = str(got).strip() == want
    else:
        try:
            g = float(got)
        except (TypeError, ValueError):
            g = math.nan
        ok = not math.isnan(g) and abs(g - float(want)) <= ex.tolerance + 1e-9
        if not ok and not math.isnan(g) and want != 0 and abs(g * 100 - float(want)) <= ex.tolerance + 1e-9:
            hint = t("ws_percent", lang)
    if ok:
        return CheckResult(exercise, True, t("ws_right", lang, n=exercise))
    hint = hint or t(f"ws_hint_{exercise.replace('.', '_')}", lang)
    return CheckResult(exercise, False, t("ws_wrong", lang, n=exercise, got=got, hint=hint))
