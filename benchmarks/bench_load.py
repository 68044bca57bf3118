"""Loading speed: the bundled data, and a synthetic 3,000 counties x 30 years x 30 indicators
panel from Parquet. Prints medians and the ratio against reading the same panel from CSV
(baseline measured in the same run).

    python benchmarks/bench_load.py
"""

import tempfile
from pathlib import Path

import countyviz as cv
from _common import median_time, synthetic_panel
from countyviz import data as cvdata

inds = ["gdp"] + [f"va_x{i}" for i in range(29)]
panel = synthetic_panel(3000, 30, inds)
panel["indicator"] = panel["indicator"].where(panel["indicator"] == "gdp", "industrial_output")
panel["region"] = panel["region"] + "_" + panel.groupby(["region", "period"]).cumcount().astype(str)
print(f"synthetic panel: {len(panel):,} rows")
tmp = Path(tempfile.mkdtemp())
cv.write_tidy(panel, tmp / "panel.parquet")
panel.to_csv(tmp / "panel.csv", index=False)


def bundled():
    cvdata._load.cache_clear()
    cv.load_bundled()


def pq():
    import pandas as pd
    cv.schema.to_categories(pd.read_parquet(tmp / "panel.parquet"))


def csv():
    import pandas as pd
    cv.schema.to_categories(pd.read_csv(tmp / "panel.csv", dtype={"period": str}))


t_b = median_time(bundled)
t_pq = median_time(pq, 3)
t_csv = median_time(csv, 3)
print(f"bundled data (all files, {len(cv.load_bundled()):,} rows): median {t_b * 1000:.0f} ms")
print(f"synthetic 2.7M rows from Parquet: median {t_pq:.2f} s; from CSV: median {t_csv:.2f} s")
print(f"ratio={t_csv / t_pq:.1f}")
