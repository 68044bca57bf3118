"""Shared helpers for benchmarks: synthetic panels (named as synthetic) and timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd


def synthetic_panel(n_regions: int = 3000, n_years: int = 30, indicators: list[str] | None = None,
                    seed: int = 1) -> pd.DataFrame:
    """A synthetic tidy panel (flag = "synthetic", source = "synthetic"); never bundled data.

    Sector indicators grow at random rates; ``gdp`` is the exact sum of the three sectors.
    """
    rng = np.random.default_rng(seed)
    indicators = indicators or ["gdp", "va_primary", "va_secondary", "va_tertiary"]
    years = np.arange(1995, 1995 + n_years)
    regions = np.array([f"S{i:05d}" for i in range(n_regions)])
    frames = []
    sectors = [i for i in indicators if i != "gdp"]
    levels = {}
    for ind in sectors:
        base = rng.lognormal(3, 1, n_regions)
        growth = rng.normal(0.08, 0.05, (n_years, n_regions))
        levels[ind] = base * np.cumprod(1 + growth, axis=0)
    if "gdp" in indicators:
        levels["gdp"] = sum(levels[s] for s in sectors if s.startswith("va_")) if any(
            s.startswith("va_") for s in sectors) else rng.lognormal(5, 1, (n_years, n_regions))
    for ind, arr in levels.items():
        frames.append(pd.DataFrame({"region": np.tile(regions, n_years), "indicator": ind,
                                    "period": np.repeat(years.astype(str), n_regions),
                                    "value": arr.ravel(), "unit": "亿元", "price_basis": "current",
                                    "source": "synthetic", "flag": "synthetic"}))
    return pd.concat(frames, ignore_index=True)


def median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
