"""Shift-share analysis: the economy-wide trend, industry mix and competitiveness.

A region's change in a sectoral quantity (value added, employment) is split, sector by
sector, against a benchmark (the parent province, a prefecture, or any set of regions):

* benchmark growth (national share) ``NS_i = e_i0 * G``: growth had every sector grown
  like the benchmark's total;
* industry mix ``IM_i = e_i0 * (G_i - G)``: from the region specialising in sectors that
  grow faster or slower in the benchmark;
* competitive (regional) shift ``RS_i = e_i0 * (g_i - G_i)``: from the region's sectors
  outgrowing or lagging the same sectors in the benchmark.

``NS + IM + RS = e_i1 - e_i0`` exactly. Esteban-Marquillas split ``RS`` into a competitive
effect on homothetic levels ``e*_i = e_0 * E_i0 / E_0`` and an allocation effect
``(e_i0 - e*_i)(g_i - G_i)``. The dynamic variant sums the classic components over
consecutive years. Gerfin's variant gives multiplicative ratios.

References
----------
Dunn, E. S. (1960). A statistical and analytical technique for regional analysis.
Papers of the Regional Science Association 6, 97-112.
Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis.
Regional and Urban Economics 2(3), 249-255.
Barff, R. A. & Knight, P. L. (1988). Dynamic shift-share analysis. Growth and Change 19(2), 1-10.
Wieland, T. (2019). REAT: Regional Economic Analysis Toolbox, R package 3.0.x (functions
``shift``, ``shiftd``), whose published examples are the reference results of the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError

__all__ = ["ShiftShareResult", "shift_share", "shift_share_arrays", "shift_share_tidy"]

COMPONENTS = ("national_share", "industry_mix", "competitive")


@dataclass
class ShiftShareResult:
    """Sector-level and total shift-share components.

    ``by_sector`` has columns ``sector, level_start, level_end, change, national_share,
    industry_mix, competitive`` (plus ``homothetic, competitive_em, allocation`` for
    Esteban-Marquillas); ``totals`` is their column sums; ``method`` and ``periods`` say
    how it was computed.
    """

    by_sector: pd.DataFrame
    totals: pd.Series
    method: str
    periods: list[tuple[str, str]]

    def check_identity(self, rtol: float = 1e-9) -> None:
        """Raise if the components do not add up to the actual change."""
        t = self.totals
        s = t["national_share"] + t["industry_mix"] + t["competitive"]
        if not np.isclose(s, t["change"], rtol=rtol, atol=1e-9 * max(1.0, abs(t["change"]))):
            raise AssertionError(f"shift-share components {s} != change {t['change']}")


def shift_share_arrays(e0: np.ndarray, e1: np.ndarray, E0: np.ndarray, E1: np.ndarray) -> dict[str, np.ndarray]:
    """Classic and Esteban-Marquillas components for arrays ``(..., sectors)``.

    Works on a single region (1-d arrays) or many regions/periods at once (2-d arrays,
    one row each); all operations are vectorised.

    Examples
    --------
    >>> r = shift_share_arrays(np.array([10., 20.]), np.array([12., 21.]),
    ...                        np.array([100., 100.]), np.array([110., 100.]))
    >>> [round(float(r[k].sum()), 4) for k in ("national_share", "industry_mix", "competitive")]
    [1.5, -0.5, 2.0]
    """
    e0, e1, E0, E1 = (np.asarray(a, dtype=float) for a in (e0, e1, E0, E1))
    with np.errstate(divide="ignore", invalid="ignore"):
        G = E1.sum(axis=-1, keepdims=True) / E0.sum(axis=-1, keepdims=True) - 1
        Gi = E1 / E0 - 1
        gi = np.where(e0 != 0, e1 / e0 - 1, 0.0)
        homothetic = e0.sum(axis=-1, keepdims=True) * E0 / E0.sum(axis=-1, keepdims=True)
    ns = e0 * G
    im = e0 * (Gi - G)
    rs = np.where(e0 != 0, e0 * (gi - Gi), e1)  # a new sector: all of it is regional shift
    em_comp = np.where(e0 != 0, homothetic * (gi - Gi), 0.0)
    alloc = rs - em_comp
    return {"change": e1 - e0, "national_share": ns, "industry_mix": im, "competitive": rs,
            "homothetic": homothetic, "competitive_em": em_comp, "allocation": alloc}


def _check(e0, e1, E0, E1, sectors) -> None:
    bad = [s for s, v in zip(sectors, E0, strict=True) if not np.isfinite(v) or v <= 0]
    if bad:
        raise DataError(f"benchmark has no positive start value for sector(s) {', '.join(map(str, bad))}: "
                        "its growth rate is undefined")
    for name, arr in (("region start", e0), ("region end", e1), ("benchmark end", E1)):
        miss = [s for s, v in zip(sectors, arr, strict=True) if not np.isfinite(v)]
        if miss:
            raise DataError(f"{name} values missing for sector(s) {', '.join(map(str, miss))}")


def shift_share(region_start, region_end, bench_start, bench_end, sectors=None, *,
                method: str = "classic", periods=None) -> ShiftShareResult:
    """Shift-share for one region between two periods (or summed over periods: dynamic).

    Parameters
    ----------
    region_start, region_end, bench_start, bench_end : array-like
        Sector levels of the region and the benchmark (same sector order). For
        ``method="dynamic"`` give 2-d arrays ``(years, sectors)``: consecutive years are
        compared and the components summed.
    sectors : list, optional
        Sector names.
    method : {"classic", "esteban", "dynamic", "gerfin"}

    Examples
    --------
    Freiburg 2008-2014, 9 sectors (REAT 3.0.3 example data; first two shown):

    >>> r = shift_share([13004, 2931], [12121, 3154], [7073942, 1572378], [7155807, 1696961])
    >>> r.totals[["change", "national_share"]].round(2).tolist()
    [-660.0, 380.48]
    """
    if method not in ("classic", "esteban", "dynamic", "gerfin"):
        raise ValueError(f"method must be classic, esteban, dynamic or gerfin, not {method!r}")
    if method == "dynamic":
        R = np.asarray(region_start, dtype=float)
        B = np.asarray(bench_start, dtype=float)
        if R.ndim != 2 or R.shape[0] < 2:
            raise DataError("dynamic shift-share needs levels for at least two years (years x sectors)")
        sectors = list(sectors) if sectors is not None else list(range(R.shape[1]))
        for t in range(R.shape[0] - 1):
            _check(R[t], R[t + 1], B[t], B[t + 1], sectors)
        comps = shift_share_arrays(R[:-1], R[1:], B[:-1], B[1:])
        by = pd.DataFrame({"sector": sectors, "level_start": R[0], "level_end": R[-1]})
        for k in ("change", *COMPONENTS):
            by[k] = comps[k].sum(axis=0)
        per = periods or [(str(t), str(t + 1)) for t in range(R.shape[0] - 1)]
        yearly = pd.DataFrame({k: comps[k].sum(axis=1) for k in ("change", *COMPONENTS)})
        yearly.insert(0, "period", [f"{a}-{b}" for a, b in per])
        res = ShiftShareResult(by, by[["change", *COMPONENTS]].sum(), "dynamic", list(per))
        res.yearly = yearly  # type: ignore[attr-defined]
        return res
    e0, e1, E0, E1 = (np.asarray(a, dtype=float) for a in (region_start, region_end, bench_start, bench_end))
    sectors = list(sectors) if sectors is not None else list(range(len(e0)))
    _check(e0, e1, E0, E1, sectors)
    if method == "gerfin":
        growth_r = e1.sum() / e0.sum()
        growth_b = E1.sum() / E0.sum()
        mix = (e0 / e0.sum() * E1 / E0).sum() / growth_b
        net = growth_r / growth_b
        totals = pd.Series({"industry_mix": mix, "competitive": net / mix, "net_total_shift": net})
        by = pd.DataFrame({"sector": sectors, "level_start": e0, "level_end": e1,
                           "growth_ratio_region": e1 / e0, "growth_ratio_benchmark": E1 / E0})
        return ShiftShareResult(by, totals, "gerfin", [tuple(periods or ("start", "end"))])
    comps = shift_share_arrays(e0, e1, E0, E1)
    by = pd.DataFrame({"sector": sectors, "level_start": e0, "level_end": e1})
    keys = ["change", *COMPONENTS] + (["homothetic", "competitive_em", "allocation"] if method == "esteban" else [])
    for k in keys:
        by[k] = comps[k]
    totals = by[[k for k in keys if k != "homothetic"]].sum()
    return ShiftShareResult(by, totals, method, [tuple(periods or ("start", "end"))])


def shift_share_tidy(df: pd.DataFrame, region: str, benchmark: str | list[str], sectors: list[str],
                     start: int | str, end: int | str, method: str = "classic") -> ShiftShareResult:
    """Shift-share from the tidy table: sectors are indicator codes (e.g. the three sectors).

    ``benchmark`` is a region code or a list of codes whose sector levels are summed (e.g.
    all prefectures of the province). A benchmark missing a sector or a year is an error
    naming what is missing.

    Examples
    --------
    >>> import countyviz as cv
    >>> d = cv.best_values(cv.load_bundled(["csmar_city"]))
    >>> peers = cv.region_children("620000", ("prefecture",))
    >>> r = shift_share_tidy(d, "620700", peers, ["va_primary", "va_secondary", "va_tertiary"], 2015, 2020)
    >>> r.check_identity()
    """
    start, end = str(start), str(end)
    bench = [benchmark] if isinstance(benchmark, str) else list(benchmark)
    d = df[df["indicator"].isin(sectors) & df["period"].isin([start, end])]
    d = d.assign(region=d["region"].astype(str), indicator=d["indicator"].astype(str),
                 period=d["period"].astype(str))
    if d.duplicated(["region", "indicator", "period"]).any():
        raise DataError("several values per region, sector and year: pick one source (best_values)")
    w = d.pivot_table(index="region", columns=["period", "indicator"], values="value", aggfunc="first")

    def get(codes, period, what) -> np.ndarray:
        rows = w.reindex(codes)
        out = []
        for s in sectors:
            col = (period, s)
            vals = rows[col] if col in rows.columns else pd.Series(np.nan, index=rows.index)
            if vals.isna().any():
                miss = vals.index[vals.isna()].tolist()
                raise DataError(f"{what} has no {s} for {period} (regions {', '.join(miss[:5])})")
            out.append(vals.sum())
        return np.array(out)

    e0, e1 = get([region], start, f"region {region}"), get([region], end, f"region {region}")
    E0, E1 = get(bench, start, "benchmark"), get(bench, end, "benchmark")
    if method == "dynamic":
        years = [str(y) for y in range(int(start), int(end) + 1)]
        d2 = df[df["indicator"].isin(sectors) & df["period"].isin(years)]
        d2 = d2.assign(region=d2["region"].astype(str), indicator=d2["indicator"].astype(str),
                       period=d2["period"].astype(str))
        w = d2.pivot_table(index="region", columns=["period", "indicator"], values="value", aggfunc="first")
        R = np.vstack([get([region], y, f"region {region}") for y in years])
        B = np.vstack([get(bench, y, "benchmark") for y in years])
        return shift_share(R, None, B, None, sectors, method="dynamic",
                           periods=list(zip(years[:-1], years[1:], strict=True)))
    return shift_share(e0, e1, E0, E1, sectors, method=method, periods=(start, end))
