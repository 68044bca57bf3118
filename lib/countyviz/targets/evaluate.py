"""Evaluate every target of every region in one call: gaps, projections, probability, status.

The result is a tidy table with one row per target (see :func:`evaluate_targets` for the
columns), ready to sort and filter. Series are projected together (vectorised by length,
see :mod:`countyviz.targets.project`); gap arithmetic is vectorised over targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..catalog import load_indicators
from ..units import conversion_factor
from .model import growth_base_indicator, plan_targets, validate_targets
from .project import project_many
from .series import annual_table, series_for
from .status import classify, meets

__all__ = ["RESULT_COLUMNS", "backtest_targets", "evaluate_targets", "required_cagr",
           "target_projection"]

RESULT_COLUMNS = [
    "target_id", "region", "indicator", "kind", "comparison", "target_year", "target_level",
    "unit", "latest_year", "latest_value", "n_obs", "base_year", "base_value", "hist_cagr",
    "required_cagr", "required_cagr_base", "model", "backtest_error", "projected", "lo80",
    "hi80", "lo95", "hi95", "gap_abs", "gap_pct", "probability", "reach_year", "status",
    "note", "provenance", "source"]
_LEVEL_KINDS = ("level", "milestone", "share", "cagr", "change_vs_baseline")


def required_cagr(current, target, years):
    """Average annual growth (%) needed to go from ``current`` to ``target`` in ``years``.

    Scalars give a float, arrays an array (NaN where the growth is undefined).

    Examples
    --------
    Doubling in ten years needs 7.18 % a year (2 ** (1/10) - 1):

    >>> round(required_cagr(100.0, 200.0, 10), 2)
    7.18
    """
    current, target, years = (np.asarray(a, dtype=float) for a in (current, target, years))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = ((target / current) ** (1 / years) - 1) * 100
    out = np.where((years > 0) & (current > 0) & (target > 0), out, np.nan)
    return float(out) if out.ndim == 0 else out


def _value_at(s: pd.Series | None, year) -> float:
    if s is None or year is None or pd.isna(year) or int(year) not in s.index:
        return np.nan
    return float(s.loc[int(year)])


def evaluate_targets(data: pd.DataFrame, targets: pd.DataFrame | None = None, *,
                     as_of: int | None = None, method: str = "auto", window: int = 5,
                     fit_window: int = 15, engine: str = "fast", reach_horizon: int = 15
                     ) -> pd.DataFrame:
    """Evaluate targets against the data: where each stands, what it needs, where it leads.

    Parameters
    ----------
    data : DataFrame
        Tidy table (e.g. :func:`countyviz.load_bundled`).
    targets : DataFrame, optional
        Target table (:func:`plan_targets`, :func:`make_target`); default all bundled targets.
    as_of : int, optional
        Use only data up to this year ("what would we have said then").
    method : {"auto", "loglinear", "damped", "arima"}
        Projection model; ``auto`` picks per series by rolling-origin backtest.
    window : int
        Years for the historical CAGR and, without a baseline year, the status base year.
    fit_window : int
        At most this many latest points feed the projection models.
    engine : {"fast", "statsmodels"}
    reach_horizon : int
        Years after the target year searched for the year the trend reaches the target.

    Returns
    -------
    DataFrame
        One row per target. Levels are in the indicator's catalogue unit (``unit``):
        ``target_level`` (the target as a level; points for relative and ordering targets),
        ``latest_year/latest_value``, ``hist_cagr`` (% per year over ``window`` years),
        ``required_cagr`` (% per year from the latest value to the target),
        ``required_cagr_base`` (from the base year, used for the status), ``model`` and its
        ``backtest_error`` (mean absolute log error x 100), ``projected`` (median at the
        target year) with 80 % and 95 % prediction intervals, ``gap_abs``/``gap_pct``
        (projected minus target), ``probability`` of meeting the target, ``reach_year``
        (first year the median projection meets it; NaN = not within the horizon),
        ``status`` (see :mod:`countyviz.targets.status`) and a ``note`` saying what is
        missing or weak.

    Examples
    --------
    >>> from countyviz import load_bundled
    >>> from countyviz.targets import make_target
    >>> r = evaluate_targets(load_bundled(), make_target("620702", "gdp", 2020, 200),
    ...                      as_of=2017)
    >>> r[["latest_year", "target_level", "status"]].iloc[0].tolist()
    [2017, 200.0, 'moderate']
    """
    targets = plan_targets() if targets is None else validate_targets(targets)
    if targets.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS})
    table = annual_table(data, as_of)
    ind = load_indicators()
    needed: dict[tuple[str, str], tuple[pd.Series | None, str]] = {}

    def need(region: str, indicator: str) -> pd.Series | None:
        key = (region, indicator)
        if key not in needed:
            needed[key] = series_for(table, region, indicator)
        return needed[key][0]

    T = len(targets)
    spec = []  # per target: (kind-group, keys...)
    for r in targets.itertuples(index=False):
        if r.kind in _LEVEL_KINDS:
            need(r.region, r.indicator)
            spec.append(("level", (r.region, r.indicator)))
        elif r.kind == "relative_growth":
            base = growth_base_indicator(r.indicator)
            need(r.region, base)
            need(r.benchmark_region, base)
            spec.append(("relative", (r.region, base), (r.benchmark_region, base)))
        else:  # ordering
            need(r.region, r.indicator)
            need(r.region, r.benchmark_indicator)
            spec.append(("ordering", (r.region, r.indicator), (r.region, r.benchmark_indicator)))
    have = {k: (s.index.to_numpy(dtype=int), s.to_numpy(dtype=float))
            for k, (s, _) in needed.items() if s is not None}
    last_years = [int(v[0].max()) for v in have.values()]
    if not have:  # nothing to project: a placeholder keeps the array shapes
        have[("", "")] = (np.array([], dtype=int), np.array([], dtype=float))
    horizon = int(np.clip(max([int(targets["target_year"].max()) - min(last_years)]
                              if last_years else [1]) + reach_horizon, 1, 60))
    proj = project_many(have, horizon, method=method, window=fit_window, engine=engine)
    pos = {k: i for i, k in enumerate(proj.keys)}

    out = {c: np.full(T, np.nan, dtype=object) for c in RESULT_COLUMNS}
    for c in ("target_id", "region", "indicator", "kind", "comparison", "source"):
        out[c] = targets[c].to_numpy(dtype=object)
    out["target_year"] = targets["target_year"].to_numpy()
    si = np.full(T, -1)
    notes = [""] * T
    prov = [""] * T
    level = np.full(T, np.nan)
    base_year = np.full(T, np.nan)
    base_value = np.full(T, np.nan)
    unit = np.empty(T, dtype=object)
    ty = targets["target_year"].to_numpy(dtype=float)
    for i, (r, sp) in enumerate(zip(targets.itertuples(index=False), spec, strict=True)):
        keys = sp[1:]
        missing = [needed[k][1] for k in keys if needed[k][0] is None]
        prov[i] = "; ".join(needed[k][1] for k in keys if needed[k][0] is not None
                            and needed[k][1])
        if missing:
            notes[i] = "; ".join(missing)
            unit[i] = ind.at[r.indicator, "unit"]
            continue
        s = needed[keys[0]][0]
        if sp[0] != "level":
            unit[i] = "百分点"
            level[i] = r.target_value
            continue
        iu = ind.at[r.indicator, "unit"]
        unit[i] = iu
        si[i] = pos[keys[0]]
        by = r.baseline_year
        if r.kind in ("cagr", "change_vs_baseline"):
            bv = _value_at(s, by)
            if np.isnan(bv) and pd.notna(r.baseline_value) and r.kind != "cagr":
                bv = float(r.baseline_value)
            if np.isnan(bv):
                notes[i] = f"no value in the baseline year {int(by)}"
                si[i] = -1
                continue
            years = r.target_year - by
            if r.kind == "cagr":
                level[i] = bv * (1 + r.target_value / 100) ** years
            elif r.unit == "百分点":
                level[i] = bv + r.target_value
            else:
                level[i] = bv * (1 + r.target_value / 100)
            base_year[i], base_value[i] = by, bv
        else:
            f = 1.0 if r.unit in ("", iu) else conversion_factor(
                r.unit, iu, where=f"target {r.target_id}")
            level[i] = r.target_value * f
            if pd.notna(by):
                base_year[i], base_value[i] = by, _value_at(s, by)

    lv = si >= 0
    idx = np.where(lv, si, 0)
    latest_year = np.where(lv, proj.last_year[idx], np.nan)
    latest_value = np.where(lv, proj.last_value[idx], np.nan)
    out["n_obs"] = np.where(lv, proj.n_obs[idx], np.nan)
    # recent growth over `window` years; its first year is also the status base year when
    # the target has no baseline year
    series_list = [needed.get(k, (None, ""))[0] for k in proj.keys]
    hist = np.full(T, np.nan)
    for i in np.nonzero(lv)[0]:
        s = series_list[si[i]]
        cand = [y for y in s.index if latest_year[i] - window <= y < latest_year[i]]
        if cand:
            y0 = min(cand)
            hist[i] = required_cagr(s.loc[y0], latest_value[i], latest_year[i] - y0)
            if np.isnan(base_year[i]):
                base_year[i], base_value[i] = y0, float(s.loc[y0])
    cmp = targets["comparison"].to_numpy()
    req_latest = required_cagr(latest_value, level, ty - latest_year)
    req_base = required_cagr(base_value, level, ty - base_year)
    actual_since_base = required_cagr(base_value, latest_value, latest_year - base_year)

    # projection at the target year
    k = (ty - latest_year - 1)
    ok = lv & (k >= 0) & (k < proj.horizon)
    kk = np.where(ok, k, 0).astype(int)
    has_model = np.array([bool(proj.model[j]) for j in idx]) & ok
    m = np.where(has_model, proj.mean_log[idx, kk], np.nan)
    se = np.where(has_model, proj.se_log[idx, kk], np.nan)
    dfree = np.where(has_model, proj.df[idx], np.inf)
    q = {}
    for name, p in (("lo80", 0.1), ("hi80", 0.9), ("lo95", 0.025), ("hi95", 0.975)):
        q[name] = np.exp(m + stats.t.ppf(p, dfree) * se)
    projected = np.exp(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.log(np.where(level > 0, level, np.nan)) - m) / se
        p_above = stats.t.sf(z, dfree)
    upward = np.isin(cmp, [">", ">="])
    prob = np.where(upward, p_above, 1 - p_above)
    # reach year on the median path
    reach = np.full(T, np.nan)
    already = lv & meets(latest_value, level, cmp)
    reach[already] = latest_year[already]
    med = np.exp(proj.mean_log)
    for i in np.nonzero(lv & ~already)[0]:
        j = si[i]
        if not proj.model[j]:
            continue
        hit = meets(med[j], level[i], np.full(proj.horizon, cmp[i]))
        if hit.any():
            reach[i] = proj.last_year[j] + 1 + int(np.argmax(hit))
    # status
    status = np.array(["no_data"] * T, dtype=object)
    status[lv] = classify(actual_since_base[lv], req_base[lv])
    status[lv & already] = "achieved"
    past = lv & (ty <= latest_year)
    for i in np.nonzero(past)[0]:
        obs = _value_at(series_list[si[i]], ty[i])
        if np.isnan(obs):
            status[i] = "not_assessable"
            notes[i] = f"no observation in the target year {int(ty[i])}"
        else:
            status[i] = "achieved" if meets(obs, level[i], cmp[i]) else "not_achieved"
            prob[i] = 1.0 if status[i] == "achieved" else 0.0
            projected[i] = obs
    for i in np.nonzero(lv & ~past)[0]:
        j = si[i]
        extra = []
        if proj.note[j]:
            extra.append(proj.note[j])
        if already[i]:
            extra.append(f"already met in {int(latest_year[i])}")
        if status[i] == "not_assessable" and np.isnan(base_value[i]):
            extra.append("no base-year value for the status")
        if not already[i] and np.isnan(reach[i]) and proj.model[j]:
            extra.append(f"the trend does not reach the target by "
                         f"{int(proj.last_year[j] + proj.horizon)}")
        notes[i] = "; ".join([notes[i], *extra]).strip("; ")

    # relative growth and ordering: compare average growth of two series
    for i, sp in enumerate(spec):
        if sp[0] == "level" or any(needed[kx][0] is None for kx in sp[1:]):
            if sp[0] != "level":
                status[i] = "no_data"
            continue
        a, b = (needed[kx][0] for kx in sp[1:])
        common = sorted(set(a.index) & set(b.index))
        ja, jb = pos[sp[1]], pos[sp[2]]
        rate_kind = ind.at[sp[1][1], "kind"] == "rate"
        if rate_kind:  # the series are growth rates themselves: compare them directly
            if not common:
                status[i], notes[i] = "no_data", "no common years"
                continue
            last = common[-window:]
            diff = float(np.mean(a.loc[last] - b.loc[last]))
            latest_value[i], latest_year[i] = diff, last[-1]
            projected[i] = diff
            share_met = float(np.mean(meets((a.loc[last] - b.loc[last]).to_numpy(),
                                            level[i], np.full(len(last), cmp[i]))))
            prob[i] = share_met
            notes[i] = (f"average over {len(last)} year(s); probability = share of those "
                        "years meeting the condition")
        else:
            if len(common) < 2:
                status[i], notes[i] = "no_data", "fewer than two common years"
                continue
            y1 = common[-1]
            y0 = [y for y in common if y >= y1 - window][0]
            diff = float(required_cagr(a.loc[y0], a.loc[y1], y1 - y0)
                         - required_cagr(b.loc[y0], b.loc[y1], y1 - y0))
            latest_value[i], latest_year[i] = diff, y1
            steps = int(ty[i] - y1)
            if steps >= 1 and proj.model[ja] and proj.model[jb] \
                    and proj.last_year[ja] == y1 == proj.last_year[jb]:
                ma, sa = proj.mean_log[ja, steps - 1], proj.se_log[ja, steps - 1]
                mb, sb = proj.mean_log[jb, steps - 1], proj.se_log[jb, steps - 1]
                ga = (np.exp((ma - np.log(a.loc[y1])) / steps) - 1) * 100
                gb = (np.exp((mb - np.log(b.loc[y1])) / steps) - 1) * 100
                projected[i] = ga - gb
                # growth difference in log points per year, series treated as independent
                sd = np.sqrt(sa ** 2 + sb ** 2) / steps * 100
                zz = (level[i] - projected[i]) / sd
                prob[i] = stats.norm.sf(zz) if upward[i] else stats.norm.cdf(zz)
            else:
                projected[i] = diff
                notes[i] = "no projection for both series: status from the recent difference"
        met_now = meets(projected[i], level[i], cmp[i])
        status[i] = "on_track" if met_now else (
            "insufficient" if meets(latest_value[i], level[i], cmp[i]) or diff > 0
            else "moving_away")
        if ty[i] <= latest_year[i]:
            status[i] = "achieved" if meets(latest_value[i], level[i], cmp[i]) else "not_achieved"

    gap_abs = projected - level
    with np.errstate(divide="ignore", invalid="ignore"):
        gap_pct = np.where(level != 0, gap_abs / np.abs(level) * 100, np.nan)
    rel = np.array([sp[0] != "level" for sp in spec])
    gap_pct[rel] = np.nan
    out.update({
        "target_level": level, "unit": unit, "latest_year": latest_year,
        "latest_value": latest_value, "base_year": base_year, "base_value": base_value,
        "hist_cagr": hist, "required_cagr": np.where(ty > latest_year, req_latest, np.nan),
        "required_cagr_base": req_base,
        "model": np.where(lv, proj.model[idx], ""),
        "backtest_error": np.where(lv, proj.backtest_error[idx], np.nan),
        "projected": projected, **q, "gap_abs": gap_abs, "gap_pct": gap_pct,
        "probability": prob, "reach_year": reach, "status": status, "note": notes,
        "provenance": prov})
    for name in ("lo80", "hi80", "lo95", "hi95"):
        out[name] = np.where(lv & ~past, out[name], np.nan)
    res = pd.DataFrame(out)[RESULT_COLUMNS]
    for c in ("latest_year", "n_obs", "base_year", "reach_year"):
        res[c] = pd.array(res[c].astype(float).round(), dtype="Int64")
    num = ["target_level", "latest_value", "base_value", "hist_cagr", "required_cagr",
           "required_cagr_base", "backtest_error", "projected", "lo80", "hi80", "lo95", "hi95",
           "gap_abs", "gap_pct", "probability"]
    res[num] = res[num].astype(float)
    no = res["status"] == "no_data"
    res.loc[no, "probability"] = np.nan
    return res


def backtest_targets(data: pd.DataFrame, targets: pd.DataFrame | None = None, *,
                     as_of: int, **kwargs) -> pd.DataFrame:
    """"What would we have said then": evaluate with data up to ``as_of`` only, then compare
    with what happened in the target year.

    Adds ``actual`` (observed value in the target year, from all the data),
    ``actual_met``, ``in80``/``in95`` (whether the actual fell inside the intervals) and
    ``error_pct`` (projected vs actual, %).

    Examples
    --------
    >>> from countyviz import load_bundled
    >>> from countyviz.targets import plan_targets
    >>> b = backtest_targets(load_bundled(), plan_targets(["620702"]), as_of=2017)
    >>> b[["latest_year", "actual_met"]].iloc[0].tolist()
    [2017, True]
    """
    res = evaluate_targets(data, targets, as_of=as_of, **kwargs)
    full = annual_table(data)
    actual = []
    for r in res.itertuples(index=False):
        s, _ = series_for(full, r.region, r.indicator)
        actual.append(_value_at(s, r.target_year) if r.kind in _LEVEL_KINDS else np.nan)
    res["actual"] = actual
    met = pd.array(meets(res["actual"].to_numpy(), res["target_level"].to_numpy(),
                         res["comparison"].to_numpy()), dtype="boolean")
    met[res["actual"].isna().to_numpy()] = pd.NA
    res["actual_met"] = met
    res["in80"] = (res["actual"] >= res["lo80"]) & (res["actual"] <= res["hi80"])
    res["in95"] = (res["actual"] >= res["lo95"]) & (res["actual"] <= res["hi95"])
    res["error_pct"] = (res["projected"] / res["actual"] - 1) * 100
    return res


def target_projection(data: pd.DataFrame, region: str, indicator: str, horizon: int = 5, *,
                      as_of: int | None = None, method: str = "auto", fit_window: int = 15,
                      engine: str = "fast"):
    """History and projection of one series, for fan charts.

    Returns ``(history, frame, projection)``: the observed annual values (Series by year),
    the projection table (``year, model, median, lo80, hi80, lo95, hi95``; empty when no
    projection is possible) and the :class:`Projection` itself (model, backtest errors,
    note).

    Examples
    --------
    >>> from countyviz import load_bundled
    >>> h, f, p = target_projection(load_bundled(), "620702", "gdp", 3, as_of=2017)
    >>> int(h.index.max()), f["year"].tolist()
    (2017, [2018, 2019, 2020])
    """
    s, how = series_for(annual_table(data, as_of), region, indicator)
    if s is None:
        empty = pd.DataFrame(columns=["year", "model", "median", "lo80", "hi80", "lo95", "hi95"])
        return pd.Series(dtype=float), empty, None
    p = project_many({(region, indicator): (s.index.to_numpy(), s.to_numpy())}, horizon,
                     method=method, window=fit_window, engine=engine)
    return s, p.frame().drop(columns="key"), p
