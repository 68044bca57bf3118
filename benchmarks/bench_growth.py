"""Contributions and shift-share for all regions x all periods, vectorised vs a per-region loop.

Data: the bundled prefecture panel (all regions, all years) and a synthetic panel of
3,000 counties x 30 years x 10 sectors (flag "synthetic"). The baseline is a
straightforward loop over regions measured in the same run. Last line: ratio=<loop / vectorised>.

    python benchmarks/bench_growth.py
"""

import countyviz as cv
import numpy as np
from _common import median_time, synthetic_panel
from countyviz.shiftshare import shift_share, shift_share_arrays

SECTORS = [f"s{i}" for i in range(10)]


def vectorised(wide: np.ndarray, bench: np.ndarray):
    """wide: (regions, years, 1 + sectors) levels; bench: (years, sectors)."""
    y0, y1 = wide[:, :-1, 0], wide[:, 1:, 0]
    c0, c1 = wide[:, :-1, 1:], wide[:, 1:, 1:]
    dy = (y1 - y0)[..., None]
    pulls = (c1 - c0) / y0[..., None] * 100
    rates = (c1 - c0) / dy * 100
    ss = shift_share_arrays(c0, c1, bench[None, :-1, :], bench[None, 1:, :])
    return pulls, rates, ss["competitive"].sum(axis=1)


def loop(wide: np.ndarray, bench: np.ndarray):
    out = []
    for r in range(wide.shape[0]):
        for t in range(1, wide.shape[1]):
            y0, y1 = wide[r, t - 1, 0], wide[r, t, 0]
            rows = []
            for i in range(1, wide.shape[2]):
                d = wide[r, t, i] - wide[r, t - 1, i]
                rows.append((d / y0 * 100, d / (y1 - y0) * 100))
            out.append(rows)
        shift_share(wide[r, :, 1:], None, bench, None, method="dynamic")
    return out


def main() -> None:
    d = cv.best_values(cv.load_bundled(["csmar_city"]))
    t_bundled = median_time(lambda: cv.contributions(d), 5)
    res = cv.contributions(d)
    peers = cv.region_children("620000", ("prefecture",))
    t_ss = median_time(lambda: [cv.shift_share_tidy(d, r, peers, ["va_primary", "va_secondary", "va_tertiary"], 2005, 2019)
                                for r in peers if r in set(d["region"])], 3)
    print(f"bundled prefectures: contributions for {len(res.aggregate):,} region-years: median {t_bundled * 1000:.0f} ms; "
          f"shift-share 2005-2019 for {len(peers)} Gansu prefectures: median {t_ss * 1000:.0f} ms")

    rng = np.random.default_rng(7)
    n, T, k = 3000, 30, len(SECTORS)
    sect = rng.lognormal(3, 1, (n, 1, k)) * np.cumprod(1 + rng.normal(0.07, 0.05, (n, T, k)), axis=1)
    wide = np.concatenate([sect.sum(axis=2, keepdims=True), sect], axis=2)
    bench = sect.sum(axis=0)
    t_vec = median_time(lambda: vectorised(wide, bench), 5)
    small = wide[:300]
    t_loop_small = median_time(lambda: loop(small, bench), 1)
    t_loop = t_loop_small * n / small.shape[0]
    # the tidy-table path on the synthetic panel (pivot + vectorised core)
    panel = synthetic_panel(n, T, ["gdp", "va_primary", "va_secondary", "va_tertiary"])
    t_tidy = median_time(lambda: cv.contributions(panel), 3)
    print(f"synthetic {n} x {T} years x {k} sectors: vectorised contributions + dynamic shift-share "
          f"median {t_vec:.3f} s; per-region loop {t_loop:.1f} s (timed on {small.shape[0]} regions, scaled)")
    print(f"synthetic {n} x {T} x 3 sectors through the tidy API (cv.contributions): median {t_tidy:.2f} s")
    print(f"ratio={t_loop / t_vec:.1f}")


if __name__ == "__main__":
    main()
