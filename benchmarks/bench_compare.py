"""Benchmark: one dashboard update's computation on 3,000 synthetic counties, and a composite
index with 1,000 Monte Carlo draws, and one change of a weight slider in the composite
explorer. Last line ``update_ms=<median>`` (aim: < 100 ms; Monte
Carlo aim: < 5 s). The baseline is the same measure computed region by region in a loop."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _common import median_time, synthetic_panel
from countyviz.compare import Panel, measure
from countyviz.composite import monte_carlo_ranks


def main() -> None:
    data = synthetic_panel(3000, 20, ["gdp", "va_primary", "va_secondary", "va_tertiary"])
    panel = Panel(data)
    regions = sorted(data["region"].unique())
    panel.wide("gdp")  # the dashboard pivots each indicator once, then slices
    t_update = median_time(lambda: measure(panel, "gdp", "yoy", regions=regions,
                                           start=2000, end=2014), 7)
    small = regions[:100]
    t_loop = median_time(lambda: [measure(panel, "gdp", "yoy", regions=[r], start=2000, end=2014)
                                  for r in small], 3) * len(regions) / len(small)
    frame = panel.wide("gdp")[[2010]].rename(columns={2010: "gdp"})
    for ind in ("va_primary", "va_secondary", "va_tertiary"):
        frame[ind] = panel.wide(ind)[2010]
    frame = frame.dropna()
    t_mc = median_time(lambda: monte_carlo_ranks(frame, draws=1000), 3)
    from countyviz.widgets import CompositeExplorer
    explorer = CompositeExplorer(frame, draws=1000)
    slider = explorer.sliders["gdp"]

    def move_slider():  # one weight change: index, 1,000 draws, both figures redrawn
        slider.value = 2.0 if slider.value != 2.0 else 1.0
    t_explorer = median_time(move_slider, 5)
    print(f"update (3,000 counties, gdp, yoy, 15 years): median {t_update * 1000:.1f} ms; "
          f"per-region loop {t_loop * 1000:.0f} ms (timed on 100, scaled); "
          f"ratio {t_loop / t_update:.0f}")
    print(f"composite index, {len(frame):,} counties x {frame.shape[1]} indicators, "
          f"1,000 Monte Carlo draws: median {t_mc:.2f} s")
    print(f"composite explorer, one weight-slider change (same data, 1,000 draws, figures redrawn): "
          f"median {t_explorer:.2f} s; ratio to the bare Monte Carlo {t_explorer / t_mc:.2f}")
    print(f"update_ms={t_update * 1000:.1f}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
