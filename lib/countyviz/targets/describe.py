"""Sentences about target evaluations, in Chinese or English, computed from the results."""

from __future__ import annotations

import pandas as pd

from ..catalog import label
from ..i18n import t

__all__ = ["describe_target", "describe_targets", "status_counts"]


def _f(v: float, d: int = 1) -> str:
    return "—" if pd.isna(v) else f"{v:,.{d}f}"


def describe_target(row: pd.Series | dict, lang: str = "zh") -> str:
    """One paragraph on one evaluated target (a row of :func:`evaluate_targets`).

    Examples
    --------
    >>> row = {"region": "620702", "indicator": "gdp", "target_year": 2020, "target_level": 200.0,
    ...        "unit": "亿元", "latest_year": 2017, "latest_value": 163.6, "required_cagr": 6.9,
    ...        "hist_cagr": 5.5, "model": "damped", "backtest_error": 4.3, "projected": 174.4,
    ...        "lo80": 160.8, "hi80": 189.1, "probability": 0.02, "reach_year": None,
    ...        "status": "moderate", "note": "", "comparison": ">"}
    >>> print(describe_target(row, "en"))  # doctest: +NORMALIZE_WHITESPACE
    Ganzhou District, Gross domestic product: target > 200.0 亿元 in 2020. Latest 163.6 (2017);
    reaching the target needs 6.9 % a year, against 5.5 % a year recently. The damped model
    (backtest error 4.3 %) projects 174.4 (80 % interval 160.8–189.1); probability of meeting
    the target 2 %. The trend does not reach the target within the projection horizon.
    Status: Moderate progress.
    """
    r = dict(row)
    region = label(str(r["region"]), "region", lang)
    ind = label(str(r["indicator"]), lang=lang)
    status = t(f"status_{r['status']}", lang)
    cmp, ty, tl, unit = r["comparison"], int(r["target_year"]), r["target_level"], r["unit"]
    if r["status"] == "no_data" or pd.isna(r.get("latest_value")):
        return (f"{region}，{ind}：目标 {cmp} {_f(tl)} {unit}（{ty} 年）。无法评估：{r['note']}。"
                if lang == "zh" else
                f"{region}, {ind}: target {cmp} {_f(tl)} {unit} in {ty}. Cannot be assessed: "
                f"{r['note']}.")
    ly = int(r["latest_year"])
    if lang == "zh":
        s = (f"{region}，{ind}：目标 {ty} 年 {cmp} {_f(tl)} {unit}。最新值 {_f(r['latest_value'])}"
             f"（{ly} 年）")
        if ty <= ly:
            return s + f"；目标年已过，实际 {_f(r['projected'])}。状态：{status}。"
        s += (f"；达标需年均增长 {_f(r['required_cagr'])}%，近年实际年均 {_f(r['hist_cagr'])}%。")
        if r.get("model"):
            s += (f"{r['model']} 模型（回测误差 {_f(r['backtest_error'])}%）预测 {ty} 年为 "
                  f"{_f(r['projected'])}（80% 区间 {_f(r['lo80'])}–{_f(r['hi80'])}），"
                  f"达标概率 {_f(r['probability'] * 100, 0)}%。")
            s += (f"按趋势 {int(r['reach_year'])} 年达标。" if pd.notna(r.get("reach_year"))
                  else "在预测期内按趋势达不到目标。")
        return s + f"状态：{status}。" + (f"（{r['note']}）" if r.get("note") else "")
    s = (f"{region}, {ind}: target {cmp} {_f(tl)} {unit} in {ty}. Latest {_f(r['latest_value'])}"
         f" ({ly})")
    if ty <= ly:
        return s + f"; the target year has passed, actual {_f(r['projected'])}. Status: {status}."
    s += (f"; reaching the target needs {_f(r['required_cagr'])} % a year, against "
          f"{_f(r['hist_cagr'])} % a year recently.")
    if r.get("model"):
        s += (f" The {r['model']} model (backtest error {_f(r['backtest_error'])} %) projects "
              f"{_f(r['projected'])} (80 % interval {_f(r['lo80'])}–{_f(r['hi80'])}); probability"
              f" of meeting the target {_f(r['probability'] * 100, 0)} %.")
        s += (f" The trend reaches the target in {int(r['reach_year'])}."
              if pd.notna(r.get("reach_year"))
              else " The trend does not reach the target within the projection horizon.")
    return s + f" Status: {status}." + (f" ({r['note']})" if r.get("note") else "")


def status_counts(results: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Number of targets per status (in the language chosen), best status first.

    Examples
    --------
    >>> status_counts(pd.DataFrame({"status": ["on_track", "no_data", "on_track"]}), "en")
                 status  targets
    0          On track        2
    1           No data        1
    """
    from .status import STATUS_ORDER
    c = results["status"].value_counts()
    rows = [(t(f"status_{s}", lang), int(c[s])) for s in STATUS_ORDER if s in c.index]
    return pd.DataFrame(rows, columns=["status" if lang == "en" else "状态",
                                       "targets" if lang == "en" else "目标数"])


def describe_targets(results: pd.DataFrame, lang: str = "zh"):
    """Markdown list of every evaluated target (see :func:`describe_target`)."""
    from IPython.display import Markdown
    if results.empty:
        return Markdown("*该地区在目标目录中没有规划目标。*" if lang == "zh"
                        else "*No plan targets for this region in the target catalogue.*")
    return Markdown("\n".join(f"- {describe_target(r, lang)}" for _, r in results.iterrows()))
