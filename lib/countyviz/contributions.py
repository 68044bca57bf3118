"""Contributions of components to the growth of an additive aggregate (贡献率 and 拉动).

For an aggregate ``Y = sum_i C_i`` between periods ``t-1`` and ``t``:

* contribution rate (贡献率, %): ``100 * dC_i / dY`` -- the share of the aggregate's change
  that came from component ``i``; the rates add up to 100;
* pull (拉动, percentage points): ``100 * dC_i / Y_{t-1}`` -- how much of the aggregate's
  growth rate component ``i`` accounts for; the pulls add up to the growth rate.

Where the components do not add up exactly to the published aggregate (rounding,
unallocated items) the difference is reported as a residual, never spread silently.
When the aggregate barely changes, a contribution rate is meaningless (it explodes): it
is reported as undefined (NaN with a note), never as infinity.

The real-terms variant follows the statistical offices' method: pull of ``i`` = its share
of the aggregate in the previous period at current prices x its real growth rate;
the sum of pulls is the implied real growth of the aggregate, compared with the
published one.

References
----------
National Bureau of Statistics of China, 《中国统计年鉴》 explanatory notes: "贡献率指各产业
增加值增量与生产总值增量之比" (contribution share = increment of a sector's value added /
increment of GDP); pull = contribution share x GDP growth rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .catalog import indicator_components, load_indicators
from .errors import DataError
from .growth import _annual

__all__ = ["ContributionResult", "contributions", "contributions_from_levels", "real_contributions"]

#: Below this absolute aggregate growth (percent), contribution rates are undefined.
MIN_GROWTH_PCT = 0.05


@dataclass
class ContributionResult:
    """Contributions to growth, in tidy form.

    Attributes
    ----------
    table : DataFrame
        One row per region, period and component: ``region, start, period, component,
        level_start, level, change, contribution_rate_pct, pull_pp, share_start_pct``.
    aggregate : DataFrame
        One row per region and period: ``region, start, period, level_start, level,
        growth_pct, sum_pulls_pp, residual_pp, residual_rate_pct, rate_defined, note``.
    missing : DataFrame
        Region-periods left out and why (``region, start, period, reason``).
    """

    aggregate_code: str
    components: tuple[str, ...]
    method: str
    table: pd.DataFrame
    aggregate: pd.DataFrame
    missing: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["region", "start", "period", "reason"]))

    def for_region(self, region: str) -> ContributionResult:
        """The same result restricted to one region."""
        return ContributionResult(
            self.aggregate_code, self.components, self.method,
            self.table[self.table["region"] == region].reset_index(drop=True),
            self.aggregate[self.aggregate["region"] == region].reset_index(drop=True),
            self.missing[self.missing["region"] == region].reset_index(drop=True))

    def check_identity(self, tol: float = 1e-9) -> None:
        """Raise if pulls plus residual do not add up to the aggregate's growth."""
        a = self.aggregate.dropna(subset=["growth_pct"])
        gap = (a["sum_pulls_pp"] + a["residual_pp"] - a["growth_pct"]).abs()
        if (gap > tol * np.maximum(1, a["growth_pct"].abs())).any():
            bad = a[gap > tol].iloc[0]
            raise AssertionError(f"pulls do not add up to growth for {bad['region']} {bad['period']}")


def contributions_from_levels(wide: pd.DataFrame, aggregate: str, components: list[str],
                              pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Vectorised core: ``wide`` indexed by (region, year) with the aggregate and components;
    ``pairs`` has columns region, start, period (years) naming each comparison."""
    idx0 = pd.MultiIndex.from_arrays([pairs["region"], pairs["start"]])
    idx1 = pd.MultiIndex.from_arrays([pairs["region"], pairs["period"]])
    cols = [aggregate, *components]
    v0 = wide.reindex(idx0)[cols].to_numpy(float)
    v1 = wide.reindex(idx1)[cols].to_numpy(float)
    y0, y1 = v0[:, 0], v1[:, 0]
    c0, c1 = v0[:, 1:], v1[:, 1:]
    dy = y1 - y0
    dc = c1 - c0
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(y0 != 0, dy / y0 * 100, np.nan)
        pulls = np.where(y0[:, None] != 0, dc / y0[:, None] * 100, np.nan)
        defined = np.abs(growth) >= MIN_GROWTH_PCT
        rates = np.where(defined[:, None], dc / dy[:, None] * 100, np.nan)
        share0 = np.where(y0[:, None] != 0, c0 / y0[:, None] * 100, np.nan)
    residual = dy - dc.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        residual_pp = np.where(y0 != 0, residual / y0 * 100, np.nan)
        residual_rate = np.where(defined, residual / dy * 100, np.nan)
    n, k = dc.shape
    table = pd.DataFrame({
        "region": np.repeat(pairs["region"].to_numpy(), k),
        "start": np.repeat(pairs["start"].to_numpy(), k),
        "period": np.repeat(pairs["period"].to_numpy(), k),
        "component": np.tile(np.asarray(components, dtype=object), n),
        "level_start": c0.ravel(), "level": c1.ravel(), "change": dc.ravel(),
        "contribution_rate_pct": rates.ravel(), "pull_pp": pulls.ravel(),
        "share_start_pct": share0.ravel()})
    agg = pd.DataFrame({
        "region": pairs["region"].to_numpy(), "start": pairs["start"].to_numpy(),
        "period": pairs["period"].to_numpy(), "level_start": y0, "level": y1, "growth_pct": growth,
        "sum_pulls_pp": pulls.sum(axis=1), "residual_pp": residual_pp,
        "residual_rate_pct": residual_rate, "rate_defined": defined,
        "note": np.where(defined, "", f"aggregate growth below {MIN_GROWTH_PCT} %: contribution "
                         "rates undefined")})
    return table, agg


def _resolve_components(aggregate: str, components) -> tuple[str, ...]:
    ind = load_indicators()
    if aggregate not in ind.index:
        raise DataError(f"unknown indicator {aggregate!r}")
    if components is None:
        components = indicator_components(aggregate)
    elif not ind.at[aggregate, "additive"]:
        raise DataError(f"indicator {aggregate!r} is not additive (a {ind.at[aggregate, 'kind']}); "
                        "contributions need a sum of components")
    components = tuple(components)
    for c in components:
        if c not in ind.index:
            raise DataError(f"unknown component indicator {c!r}")
        if ind.at[c, "unit"] != ind.at[aggregate, "unit"]:
            raise DataError(f"component {c!r} is in {ind.at[c, 'unit']} but {aggregate!r} in "
                            f"{ind.at[aggregate, 'unit']}: convert to one unit first")
        if not ind.at[c, "additive"]:
            raise DataError(f"component {c!r} is not additive ({ind.at[c, 'kind']})")
    return components


def contributions(df: pd.DataFrame, aggregate: str = "gdp", components: list[str] | None = None,
                  *, start: int | str | None = None, end: int | str | None = None,
                  regions: list[str] | None = None) -> ContributionResult:
    """Contribution rates and pulls of components to the growth of an aggregate.

    Parameters
    ----------
    df : DataFrame
        Tidy table, annual periods, one value per region, indicator and year (e.g. after
        :func:`countyviz.best_values`), levels at current prices.
    aggregate : str
        Indicator code of the total (default ``"gdp"``).
    components : list of str, optional
        Component codes; default: the catalogue's declared components of ``aggregate``.
    start, end : int, optional
        Compare these two years only (a window). Default: every pair of consecutive years.
    regions : list of str, optional
        Restrict to these regions.

    Returns
    -------
    ContributionResult

    Raises
    ------
    DataError
        Unknown or non-additive indicators, mixed units, or no region with the data; the
        message names what is missing. Region-periods with partial data are listed in
        ``result.missing``.

    Notes
    -----
    ``rate_i = 100 dC_i / dY``, ``pull_i = 100 dC_i / Y_{t-1}``; ``sum_i pull_i + residual =
    growth``. Rates are undefined when ``|growth| < MIN_GROWTH_PCT``.

    Examples
    --------
    Park report (source 002): output 141.76 亿元 (+18.66 %), lead industries 55.84 (+21.42 %)
    and 38.27 (+26.39 %):

    >>> d = pd.DataFrame({"region": "P", "period": ["2022", "2023"] * 3,
    ...     "indicator": ["industrial_output"] * 2 + ["industrial_output_textile_apparel"] * 2
    ...                  + ["industrial_output_health_food"] * 2,
    ...     "value": [141.76 / 1.1866, 141.76, 55.84 / 1.2142, 55.84, 38.27 / 1.2639, 38.27]})
    >>> r = contributions(d, "industrial_output",
    ...                   ["industrial_output_textile_apparel", "industrial_output_health_food"])
    >>> r.table["pull_pp"].round(2).tolist(), r.table["contribution_rate_pct"].round(1).tolist()
    ([8.24, 6.69], [44.2, 35.8])
    >>> round(float(r.aggregate["residual_pp"].iloc[0]), 2)  # the other industries
    3.73
    """
    components = _resolve_components(aggregate, components)
    cols = [aggregate, *components]
    sub = df[df["indicator"].isin(cols)]
    if regions is not None:
        sub = sub[sub["region"].isin(regions)]
    if sub.empty:
        raise DataError(f"no data for {aggregate!r} or its components {list(components)}"
                        + (f" in regions {regions[:5]}" if regions else ""))
    present = set(sub["indicator"].astype(str))
    absent = [c for c in cols if c not in present]
    if absent:
        raise DataError(f"no data at all for {', '.join(absent)}: contributions to {aggregate!r} "
                        f"need {', '.join(cols)}")
    wide = annual_wide_checked(sub, cols)
    years = wide.reset_index()[["region", "year"]]
    if start is not None or end is not None:
        if start is None or end is None:
            raise DataError("give both start and end, or neither")
        rs = years["region"].unique()
        pairs = pd.DataFrame({"region": rs, "start": int(start), "period": int(end)})
    else:
        pairs = years.rename(columns={"year": "period"}).assign(start=lambda p: p["period"] - 1)
        pairs = pairs[["region", "start", "period"]]
    have = wide.notna()
    h0 = have.reindex(pd.MultiIndex.from_arrays([pairs["region"], pairs["start"]]))
    h1 = have.reindex(pd.MultiIndex.from_arrays([pairs["region"], pairs["period"]]))
    ok = (h0.fillna(False).to_numpy(bool) & h1.fillna(False).to_numpy(bool))
    complete = ok.all(axis=1)
    reasons = []
    for i in np.flatnonzero(~complete):
        miss0 = [c for c, k in zip(cols, h0.iloc[i].fillna(False), strict=True) if not k]
        miss1 = [c for c, k in zip(cols, h1.iloc[i].fillna(False), strict=True) if not k]
        parts = []
        if miss0:
            parts.append(f"{pairs['start'].iat[i]}: no {', '.join(miss0)}")
        if miss1:
            parts.append(f"{pairs['period'].iat[i]}: no {', '.join(miss1)}")
        reasons.append("; ".join(parts))
    missing = pairs[~complete].assign(reason=reasons).reset_index(drop=True)
    if start is None:
        # the first year of every series has no previous year: not worth reporting
        first = pairs.groupby("region")["period"].transform("min") == pairs["period"]
        missing = missing[~first[~complete].to_numpy()].reset_index(drop=True)
    pairs = pairs[complete].reset_index(drop=True)
    if pairs.empty:
        raise DataError(f"no region has {', '.join(cols)} in two comparable years"
                        + (f"; e.g. {missing['region'].iat[0]}: {missing['reason'].iat[0]}" if len(missing) else ""))
    table, agg = contributions_from_levels(wide, aggregate, list(components), pairs)
    for f in (table, agg):
        f["start"] = f["start"].astype(str)
        f["period"] = f["period"].astype(str)
    return ContributionResult(aggregate, components, "nominal", table, agg, missing)


def annual_wide_checked(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    d = _annual(df)
    return d.pivot(index=["region", "year"], columns="indicator", values="value").reindex(columns=cols).sort_index()


def real_contributions(levels: pd.DataFrame, real_growth: pd.DataFrame, aggregate: str = "gdp",
                       components: list[str] | None = None,
                       published_growth: pd.DataFrame | None = None) -> ContributionResult:
    """Real-terms pulls: previous-year current-price weights x component real growth.

    Parameters
    ----------
    levels : DataFrame
        Tidy current-price levels of the aggregate and its components.
    real_growth : DataFrame
        Tidy real growth rates (%) with the component codes as ``indicator``.
    published_growth : DataFrame, optional
        Tidy published real growth of the aggregate (``indicator`` = aggregate code or
        ``gdp_real_growth``); the residual is published minus implied growth.

    Notes
    -----
    ``pull_i,t = 100 * C_i,t-1 / Y_t-1 * g_i,t / 100``; implied aggregate growth =
    ``sum_i pull_i,t``; contribution rate = ``100 * pull_i / G`` with ``G`` the published
    growth when given (else the implied growth).

    Examples
    --------
    >>> lv = pd.DataFrame({"region": "r", "period": "2018", "indicator": ["gdp", "va_primary",
    ...     "va_secondary", "va_tertiary"], "value": [100.0, 10.0, 40.0, 50.0]})
    >>> g = pd.DataFrame({"region": "r", "period": "2019", "indicator": ["va_primary",
    ...     "va_secondary", "va_tertiary"], "value": [3.0, 5.0, 8.0]})
    >>> r = real_contributions(lv, g)
    >>> r.table["pull_pp"].round(2).tolist(), float(r.aggregate["growth_pct"].iloc[0])
    ([0.3, 2.0, 4.0], 6.3)
    """
    components = _resolve_components(aggregate, components)
    cols = [aggregate, *components]
    w = annual_wide_checked(levels[levels["indicator"].isin(cols)], cols)
    g = annual_wide_checked(real_growth[real_growth["indicator"].isin(components)], list(components))
    gi = g.reset_index()[["region", "year"]]
    prev = pd.MultiIndex.from_arrays([gi["region"], gi["year"] - 1])
    wp = w.reindex(prev).to_numpy(float)
    gv = g.to_numpy(float)
    y0 = wp[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = wp[:, 1:] / y0[:, None]
    pulls = weights * gv
    implied = pulls.sum(axis=1)
    ok = np.isfinite(pulls).all(axis=1)
    pub = np.full(len(gi), np.nan)
    if published_growth is not None:
        pg = _annual(published_growth).set_index(["region", "year"])["value"]
        pg = pg[~pg.index.duplicated()]
        pub = pg.reindex(pd.MultiIndex.from_frame(gi)).to_numpy(float)
    base = np.where(np.isfinite(pub), pub, implied)
    defined = np.abs(base) >= MIN_GROWTH_PCT
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = np.where(defined[:, None], pulls / base[:, None] * 100, np.nan)
    n, k = pulls.shape
    keep = np.repeat(ok, k)
    table = pd.DataFrame({
        "region": np.repeat(gi["region"].to_numpy(), k), "start": np.repeat((gi["year"] - 1).astype(str).to_numpy(), k),
        "period": np.repeat(gi["year"].astype(str).to_numpy(), k),
        "component": np.tile(np.asarray(components, dtype=object), n),
        "share_start_pct": (weights * 100).ravel(), "real_growth_pct": gv.ravel(),
        "pull_pp": pulls.ravel(), "contribution_rate_pct": rates.ravel()})[keep].reset_index(drop=True)
    agg = pd.DataFrame({
        "region": gi["region"].to_numpy(), "start": (gi["year"] - 1).astype(str).to_numpy(),
        "period": gi["year"].astype(str).to_numpy(), "growth_pct": base, "implied_growth_pct": implied,
        "published_growth_pct": pub, "sum_pulls_pp": implied,
        "residual_pp": np.where(np.isfinite(pub), pub - implied, 0.0), "rate_defined": defined,
        "note": np.where(np.isfinite(pub), "", "no published aggregate growth: residual not checked")})[ok]
    missing = gi[~ok].rename(columns={"year": "period"}).assign(
        start=lambda d: (d["period"] - 1).astype(str), period=lambda d: d["period"].astype(str),
        reason="missing previous-year levels or component growth")
    return ContributionResult(aggregate, components, "real", table, agg.reset_index(drop=True),
                              missing[["region", "start", "period", "reason"]].reset_index(drop=True))
