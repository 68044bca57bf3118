"""Benchmark: batch target evaluation (bundled targets; synthetic 3,000 regions x 5 targets).

Prints median times, time per series for each projection model (fast engine and, for
reference, statsmodels one series at a time), and on the last line
``seconds=<synthetic batch time with automatic model choice>``. Goal: under 60 s on a
2-core machine. Synthetic values are random (flag "synthetic") on real region codes, so the
target validation runs as for real targets.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import countyviz as cv
from _common import median_time
from countyviz.catalog import load_regions
from countyviz.targets import evaluate_targets, plan_targets
from countyviz.targets.model import validate_targets
from countyviz.targets.project import MODELS, fit_forecast

INDICATORS = ["gdp", "fai", "income_urban", "income_rural", "fiscal_revenue"]


def synthetic(n: int = 3000, years: range = range(2006, 2021), seed: int = 3):
    rng = np.random.default_rng(seed)
    reg = load_regions()
    codes = reg.index[reg["level"].isin(["county", "district", "county_city", "prefecture"])][:n]
    frames, targets = [], []
    T = len(years)
    for ind in INDICATORS:
        base = rng.lognormal(3, 1, len(codes))
        growth = rng.normal(0.07, 0.04, (T, len(codes))) + rng.normal(0, 0.02, len(codes))
        lev = base * np.cumprod(1 + growth, axis=0)
        frames.append(pd.DataFrame({
            "region": np.tile(codes, T), "indicator": ind,
            "period": np.repeat([str(y) for y in years], len(codes)), "value": lev.ravel(),
            "unit": "", "price_basis": "current", "source": "synthetic", "flag": "synthetic"}))
        target_level = lev[-1] * rng.uniform(1.1, 1.8, len(codes))
        targets.append(pd.DataFrame({
            "target_id": [f"{ind}-{c}" for c in codes], "region": codes, "indicator": ind,
            "kind": "level", "target_year": 2025, "target_value": target_level,
            "unit": "", "comparison": ">=", "source": "synthetic"}))
    return pd.concat(frames, ignore_index=True), pd.concat(targets, ignore_index=True)


def main() -> None:
    warnings.simplefilter("ignore")
    data = cv.load_bundled()
    t_bundled = median_time(lambda: evaluate_targets(data), 5)
    print(f"bundled: {len(plan_targets())} plan targets evaluated, median {t_bundled:.2f} s")

    panel, targets = synthetic()
    targets = validate_targets(targets)
    n_series = targets.groupby(["region", "indicator"]).ngroups
    Y = np.log(panel.pivot(index=["region", "indicator"], columns="period",
                           values="value").to_numpy())
    for model in MODELS:
        t_fast = median_time(lambda m=model: fit_forecast(m, Y, 5), 3)
        t_sm = median_time(lambda m=model: fit_forecast(m, Y[:5], 5, engine="statsmodels"), 3) / 5
        print(f"{model:9s}: fast engine {t_fast / len(Y) * 1e6:8.1f} us/series "
              f"({len(Y):,} series in {t_fast:.2f} s); statsmodels {t_sm * 1e3:7.1f} ms/series; "
              f"ratio {t_sm / (t_fast / len(Y)):,.0f}")
    t0 = time.perf_counter()
    res = evaluate_targets(panel, targets, method="auto")
    t_auto = time.perf_counter() - t0
    chosen = res["model"].value_counts().to_dict()
    print(f"synthetic {targets['region'].nunique():,} regions x {len(INDICATORS)} targets "
          f"({n_series:,} series, {len(Y.T)} years): auto model choice with rolling-origin "
          f"backtest {t_auto:.2f} s; models chosen {chosen}")
    # the same work with statsmodels one series at a time, timed on 20 series and scaled
    sample = targets[targets["region"].isin(targets["region"].unique()[:4])]
    t1 = time.perf_counter()
    evaluate_targets(panel[panel["region"].isin(sample["region"])], sample, engine="statsmodels")
    t_sm_batch = (time.perf_counter() - t1) / len(sample) * len(targets)
    print(f"statsmodels engine (timed on {len(sample)} targets, scaled): {t_sm_batch:,.0f} s; "
          f"ratio {t_sm_batch / t_auto:,.0f}")
    print(f"seconds={t_auto:.2f}")


if __name__ == "__main__":
    main()
