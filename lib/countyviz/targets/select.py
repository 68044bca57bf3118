"""Choosing targets for a notebook: a region's plan targets, listed ids, or an ad-hoc target."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import load_regions, region_children
from ..errors import DataError
from .model import TARGET_COLUMNS, make_target, plan_targets

__all__ = ["focus_row", "model_report", "regions_under", "targets_for"]


def regions_under(parent: str) -> list[str]:
    """The parent, every county/district/city under it and the plan groupings attached to it.

    Examples
    --------
    >>> regions_under("620700")[:3]
    ['620700', '620702', '620721']
    >>> "620700_COUNTIES" in regions_under("620700")
    True
    """
    reg = load_regions()
    if parent not in reg.index:
        raise DataError(f"unknown region {parent!r} (not in data/catalog/regions.csv)")
    kids = region_children(parent, ("county", "district", "county_city", "prefecture"))
    groups = reg.index[(reg["level"] == "aggregate") & (reg["parent"] == parent)].tolist()
    return [parent, *kids, *sorted(groups)]


def targets_for(regions: str | list[str], spec: str = "plan", indicator: str = "gdp",
                adhoc_year: int = 0, adhoc_value: float = 0.0, adhoc_kind: str = "level",
                adhoc_base_year: int = 0) -> pd.DataFrame:
    """Targets for notebooks: ``spec`` = ``"plan"`` (the regions' catalogue targets), a
    comma-separated list of target ids, or ``""`` (none); plus an ad-hoc target on
    ``indicator`` for every region when ``adhoc_year`` is set (``adhoc_kind`` level or cagr).

    Examples
    --------
    >>> targets_for("620702")["target_id"].tolist()
    ['T002']
    >>> t = targets_for(["620723", "620724"], "", "gdp", 2025, 8, "cagr", 2020)
    >>> t[["target_id", "kind", "baseline_year"]].values.tolist()
    [['ADHOC-620723', 'cagr', 2020], ['ADHOC-620724', 'cagr', 2020]]
    """
    regions = [regions] if isinstance(regions, str) else list(regions)
    spec = (spec or "").strip()
    parts = []
    if spec == "plan":
        parts.append(plan_targets(regions))
    elif spec:
        ids = [s.strip() for s in spec.split(",") if s.strip()]
        allt = plan_targets()
        unknown = sorted(set(ids) - set(allt["target_id"]))
        if unknown:
            raise DataError(f"unknown target id(s) {', '.join(unknown)} "
                            "(see data/catalog/targets.csv)")
        parts.append(allt[allt["target_id"].isin(ids)])
    if adhoc_year:
        for r in regions:
            parts.append(make_target(
                r, indicator, int(adhoc_year), float(adhoc_value), kind=adhoc_kind,
                baseline_year=int(adhoc_base_year) if adhoc_base_year else None,
                target_id=f"ADHOC-{r}", source="notebook parameter"))
    if not parts:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def focus_row(results: pd.DataFrame, region: str, indicator: str) -> dict:
    """The target to draw in the fan chart: the first assessable target on ``indicator``,
    else the first assessable target, else a placeholder without a target level.

    Examples
    --------
    >>> focus_row(pd.DataFrame(columns=["indicator", "status"]), "620702", "gdp")["target_level"]
    nan
    """
    ok = results[~results["status"].isin(["no_data"])] if len(results) else results
    for cand in (ok[ok["indicator"] == indicator], ok):
        if len(cand):
            return cand.iloc[0].to_dict()
    return {"region": region, "indicator": indicator, "target_year": 0,
            "target_level": np.nan, "latest_year": np.nan, "latest_value": np.nan}


def model_report(projection) -> pd.DataFrame:
    """Backtest error of every model for a single-series projection, and which was chosen.

    Examples
    --------
    >>> from countyviz.targets import project
    >>> p = project(range(2010, 2021), [100 * 1.07 ** i for i in range(11)], 3)
    >>> model_report(p)["model"].tolist()
    ['loglinear', 'damped', 'arima']
    """
    if projection is None:
        return pd.DataFrame(columns=["model", "backtest_error_pct", "chosen"])
    rows = [(m, float(e[0]), m == projection.model[0]) for m, e in projection.errors.items()]
    return pd.DataFrame(rows, columns=["model", "backtest_error_pct", "chosen"]).round(3)
