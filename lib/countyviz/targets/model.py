"""Plan targets as a table: read from the catalogue or built in code, validated.

A target table has one row per target with the columns of ``data/catalog/targets.csv``:
``target_id, region, indicator, kind, baseline_year, baseline_value, target_year,
target_value, unit, comparison, benchmark_region, benchmark_indicator, source``.

Kinds
-----
``level``               the indicator reaches ``target_value`` (in ``unit``) by ``target_year``
``milestone``           one step of a year-by-year path (several rows with one region/indicator)
``share``               a share indicator (in %) reaches ``target_value``
``cagr``                average growth of ``target_value`` %/year from ``baseline_year``
``change_vs_baseline``  change by ``target_value`` % (or percentage points when ``unit`` is
                        ``百分点``) from ``baseline_year``
``relative_growth``     average growth at least ``target_value`` points above the growth of
                        ``benchmark_region``
``ordering``            growth of ``indicator`` above growth of ``benchmark_indicator``
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import load_indicators, load_regions, load_targets
from ..errors import DataError, Problem

__all__ = ["KINDS", "TARGET_COLUMNS", "make_target", "plan_targets", "validate_targets"]

KINDS = ("level", "milestone", "share", "cagr", "change_vs_baseline", "relative_growth",
         "ordering")
TARGET_COLUMNS = ["target_id", "region", "indicator", "kind", "baseline_year", "baseline_value",
                  "target_year", "target_value", "unit", "comparison", "benchmark_region",
                  "benchmark_indicator", "source", "note"]
_GROWTH_BASE = "_growth_gap"


def plan_targets(regions: list[str] | None = None) -> pd.DataFrame:
    """The bundled plan targets (``data/catalog/targets.csv``), optionally for some regions.

    Examples
    --------
    >>> t = plan_targets(["620702"])
    >>> t[["target_id", "indicator", "kind", "target_year", "target_value"]].values.tolist()
    [['T002', 'gdp', 'level', 2020, 200.0]]
    """
    t = load_targets()
    if regions is not None:
        t = t[t["region"].isin(regions)]
    return validate_targets(t.reset_index(drop=True), file="data/catalog/targets.csv")


def make_target(region: str, indicator: str, target_year: int, target_value: float, *,
                kind: str = "level", comparison: str = ">=", unit: str | None = None,
                baseline_year: int | None = None, baseline_value: float | None = None,
                benchmark_region: str | None = None, benchmark_indicator: str | None = None,
                target_id: str = "ADHOC", source: str = "ad hoc", note: str = ""
                ) -> pd.DataFrame:
    """A one-row target table for an ad-hoc target (validated like the catalogue).

    ``unit`` defaults to the indicator's unit (``%/year`` for ``cagr``).

    Examples
    --------
    >>> t = make_target("620702", "gdp", 2025, 300)
    >>> t[["region", "kind", "unit", "comparison"]].iloc[0].tolist()
    ['620702', 'level', '亿元', '>=']
    >>> make_target("999999", "gdp", 2025, 300)
    Traceback (most recent call last):
    ...
    countyviz.errors.DataError: ad-hoc target, row 1, column 'region': unknown region '999999' (not in data/catalog/regions.csv)
    """
    ind = load_indicators()
    if unit is None:
        if kind == "cagr":
            unit = "%/year"
        elif kind in ("relative_growth", "ordering"):
            unit = "百分点"
        else:
            unit = ind.at[indicator, "unit"] if indicator in ind.index else ""
    row = {"target_id": target_id, "region": region, "indicator": indicator, "kind": kind,
           "baseline_year": baseline_year, "baseline_value": baseline_value,
           "target_year": target_year, "target_value": target_value, "unit": unit,
           "comparison": comparison, "benchmark_region": benchmark_region,
           "benchmark_indicator": benchmark_indicator, "source": source, "note": note}
    return validate_targets(pd.DataFrame([row]), file="ad-hoc target")


def validate_targets(targets: pd.DataFrame, *, file: str = "targets",
                     data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check a target table; return it with normalised dtypes.

    Errors name the file, the row (1 = first data row; catalogue rows are counted as in
    the file, header = row 1) and the column: unknown region or indicator, unknown kind or
    comparison, missing or impossible values (a share outside 0-100, a negative level of
    a non-negative indicator, a baseline year not before the target year, a relative
    target without a benchmark). With ``data``, a target year before the first year of
    the region's data is an error too.

    Examples
    --------
    >>> t = make_target("620702", "gdp", 2025, 300)
    >>> t.loc[0, "target_value"] = -5
    >>> validate_targets(t, file="my_targets.csv")
    Traceback (most recent call last):
    ...
    countyviz.errors.DataError: my_targets.csv, row 1, column 'target_value': impossible target -5 for gdp, which cannot be negative
    """
    t = targets.copy()
    for c in TARGET_COLUMNS:
        if c not in t.columns:
            t[c] = np.nan if c in ("baseline_year", "baseline_value") else ""
    offset = 2 if file.endswith(".csv") and file.startswith("data/") else 1
    ind, reg = load_indicators(), load_regions()
    problems: list[Problem] = []

    def bad(i: int, col: str, msg: str) -> None:
        problems.append(Problem(file, i + offset, col, msg))

    t = t.reset_index(drop=True)
    for c in ("baseline_year", "baseline_value", "target_year", "target_value"):
        num = pd.to_numeric(t[c], errors="coerce")
        for i in np.nonzero(num.isna() & t[c].notna() & (t[c].astype(str).str.strip() != ""))[0]:
            bad(int(i), c, f"{t[c].iat[i]!r} is not a number")
        t[c] = num
    for c in ("benchmark_region", "benchmark_indicator", "source", "note", "unit"):
        t[c] = t[c].fillna("").astype(str)
    for i, r in t.iterrows():
        i = int(i)
        if r["region"] not in reg.index:
            bad(i, "region", f"unknown region {r['region']!r} (not in data/catalog/regions.csv)")
        if r["indicator"] not in ind.index:
            bad(i, "indicator",
                f"unknown indicator {r['indicator']!r} (not in data/catalog/indicators.csv)")
            continue
        if r["kind"] not in KINDS:
            bad(i, "kind", f"unknown kind {r['kind']!r}; use one of {', '.join(KINDS)}")
            continue
        if r["comparison"] not in (">", ">=", "<", "<="):
            bad(i, "comparison", f"comparison {r['comparison']!r} must be >, >=, < or <=")
        if pd.isna(r["target_year"]):
            bad(i, "target_year", "missing target year")
        v = r["target_value"]
        if pd.isna(v):
            bad(i, "target_value", "missing target value")
            continue
        if (r["kind"] in ("level", "milestone") and bool(ind.at[r["indicator"], "nonnegative"])
                and v < 0):
            bad(i, "target_value", f"impossible target {v} for {r['indicator']}, "
                "which cannot be negative")
        if (r["kind"] == "share" or r["unit"] == "%") and r["kind"] in ("share", "level") \
                and not 0 <= v <= 100:
            bad(i, "target_value", f"impossible share {v}% (must lie between 0 and 100)")
        if r["kind"] in ("cagr", "change_vs_baseline") and r["unit"] != "百分点" and v <= -100:
            bad(i, "target_value", f"impossible change {v}% (a level cannot fall by 100% or more)")
        by = r["baseline_year"]
        if r["kind"] in ("cagr", "change_vs_baseline") and pd.isna(by):
            bad(i, "baseline_year", f"a {r['kind']} target needs a baseline year")
        if pd.notna(by) and pd.notna(r["target_year"]) and by >= r["target_year"]:
            bad(i, "baseline_year", f"baseline year {int(by)} is not before the target year "
                f"{int(r['target_year'])}")
        if r["kind"] == "relative_growth" and not r["benchmark_region"]:
            bad(i, "benchmark_region", "a relative_growth target needs a benchmark region")
        if r["benchmark_region"] and r["benchmark_region"] not in reg.index:
            bad(i, "benchmark_region", f"unknown region {r['benchmark_region']!r}")
        if r["kind"] == "ordering" and r["benchmark_indicator"] not in ind.index:
            bad(i, "benchmark_indicator", "an ordering target needs a known benchmark indicator, "
                f"got {r['benchmark_indicator']!r}")
    if data is not None and not problems:
        first = (data.assign(_y=pd.to_numeric(data["period"].astype(str).str[:4]))
                 .groupby(data["region"].astype(str))["_y"].min())
        for i, r in t.iterrows():
            f = first.get(r["region"])
            if f is not None and r["target_year"] < f:
                bad(int(i), "target_year", f"target year {int(r['target_year'])} is before the "
                    f"region's first data year {int(f)}")
    if problems:
        raise DataError(problems)
    t["target_year"] = t["target_year"].astype("int64")
    return t[TARGET_COLUMNS + [c for c in t.columns if c not in TARGET_COLUMNS]]


def growth_base_indicator(indicator: str) -> str:
    """Level indicator behind a growth-gap indicator (``gdp_growth_gap`` -> ``gdp``).

    Examples
    --------
    >>> growth_base_indicator("gdp_growth_gap"), growth_base_indicator("fai")
    ('gdp', 'fai')
    """
    return indicator[: -len(_GROWTH_BASE)] if indicator.endswith(_GROWTH_BASE) else indicator
