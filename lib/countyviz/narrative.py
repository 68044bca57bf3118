"""Sentences for notebooks, computed from results in the chosen language (no hard-coded numbers)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalog import label, load_indicators, load_regions, region_children
from .contributions import ContributionResult
from .errors import DataError
from .i18n import t
from .shiftshare import ShiftShareResult

__all__ = ["note", "available_window", "benchmark_regions", "describe_contributions", "describe_per_capita",
           "describe_shift_share"]


def _md(text: str):
    from IPython.display import Markdown
    return Markdown(text)


def note(text: str):
    """Show a remark as Markdown, or nothing when it is empty.

    Examples
    --------
    >>> note("") is None
    True
    """
    return _md(f"*{text}*") if text else None


def available_window(df: pd.DataFrame, region: str, indicators: list[str], start: int, end: int
                     ) -> tuple[int, int, str]:
    """The widest window within [start, end] where the region has all indicators at both ends.

    Returns ``(start, end, note)``; the note (empty if unchanged) says what was adjusted.

    Examples
    --------
    >>> import countyviz as cv
    >>> d = cv.best_values(cv.load_bundled(["csmar_city"]))
    >>> available_window(d, "610800", ["gdp", "va_primary"], 1995, 2019)[:2]
    (2000, 2019)
    """
    sub = df[(df["region"] == region) & df["indicator"].isin(indicators) & df["value"].notna()]
    years = sub.groupby("period")["indicator"].nunique()
    ok = sorted(int(p) for p, n in years.items() if n == len(set(indicators)) and str(p).isdigit())
    if len(ok) < 2:
        raise DataError(f"region {region} has {', '.join(indicators)} in fewer than two years")
    inside = [y for y in ok if start <= y <= end]
    if len(inside) >= 2:
        s, e = inside[0], inside[-1]
    else:
        s, e = ok[0], ok[-1]
    note = "" if (s, e) == (start, end) else t("window_note", "en", want=f"{start}-{end}", got=f"{s}-{e}")
    return s, e, note


def benchmark_regions(region: str, benchmark: str = "") -> tuple[list[str], str]:
    """Benchmark set for shift-share: given codes (comma-separated) or, by default, the
    region's peers -- all regions of its level under its province.

    Returns ``(codes, description_key_args)`` where the description names the set.

    Examples
    --------
    >>> codes, name = benchmark_regions("620700")
    >>> "620700" in codes, name
    (True, 'prefectures:620000')
    """
    reg = load_regions()
    if benchmark:
        codes = [c.strip() for c in benchmark.split(",") if c.strip()]
        for c in codes:
            if c not in reg.index:
                raise DataError(f"unknown benchmark region {c!r}")
        return codes, "list:" + ",".join(codes)
    prov = reg.at[region, "province"]
    level = reg.at[region, "level"]
    if level == "prefecture":
        return region_children(prov, ("prefecture",)), f"prefectures:{prov}"
    return region_children(prov), f"counties:{prov}"


def _benchmark_label(desc: str, lang: str) -> str:
    kind, _, arg = desc.partition(":")
    if kind == "prefectures":
        return t("benchmark_peers", lang, parent=label(arg, "region", lang))
    if kind == "counties":
        return t("benchmark_counties", lang, parent=label(arg, "region", lang))
    return ", ".join(label(c, "region", lang) for c in arg.split(","))


def _fmt(v: float, dec: int = 2) -> str:
    return "—" if v is None or not np.isfinite(v) else f"{v:,.{dec}f}"


def describe_contributions(res: ContributionResult, region: str, lang: str = "zh"):
    """One paragraph on a window's growth and its main contributors (Markdown).

    Uses the last comparison of ``region`` in ``res`` (compute it with ``start``/``end``).
    """
    agg = res.aggregate[res.aggregate["region"] == region]
    if agg.empty:
        raise DataError(f"no contributions for region {region!r}")
    a = agg.iloc[-1]
    tab = res.table[(res.table["region"] == region) & (res.table["period"] == a["period"])]
    tab = tab.sort_values("change", ascending=False)
    years = int(a["period"]) - int(a["start"])
    cagr = ((a["level"] / a["level_start"]) ** (1 / years) - 1) * 100 if a["level_start"] > 0 else np.nan
    top = tab.iloc[0]
    second = ""
    if len(tab) > 1:
        second = t("growth_second", lang, name=label(tab.iloc[1]["component"], lang=lang),
                   rate=_fmt(tab.iloc[1]["contribution_rate_pct"], 1))
    unit = load_indicators().at[res.aggregate_code, "unit"]
    text = t("growth_window", lang, start=a["start"], end=a["period"], region=label(region, "region", lang),
             indicator=label(res.aggregate_code, lang=lang), v0=_fmt(a["level_start"]), v1=_fmt(a["level"]),
             unit=unit, cagr=_fmt(cagr), top=label(top["component"], lang=lang),
             top_rate=_fmt(top["contribution_rate_pct"], 1), top_pull=_fmt(top["pull_pp"]), second=second)
    if abs(a["residual_pp"]) >= 0.005:
        text += " " + t("growth_residual_note", lang, resid=_fmt(a["residual_pp"]))
    return _md(text)


def describe_shift_share(ss: ShiftShareResult, region: str, benchmark_desc: str, indicator: str,
                         lang: str = "zh"):
    """One paragraph on a shift-share result (Markdown)."""
    tot = ss.totals
    start, end = ss.periods[0][0], ss.periods[-1][-1]
    verdict = t("ss_verdict_pos" if tot["competitive"] >= 0 else "ss_verdict_neg", lang)
    text = t("shift_share_text", lang, benchmark=_benchmark_label(benchmark_desc, lang),
             region=label(region, "region", lang), start=start, end=end, change=_fmt(tot["change"]),
             unit=load_indicators().at[indicator, "unit"], ns=_fmt(tot["national_share"]),
             im=_fmt(tot["industry_mix"]), rs=_fmt(tot["competitive"]), verdict=verdict)
    return _md(text)


def describe_per_capita(decomp: pd.DataFrame, region: str, indicator: str, lang: str = "zh"):
    """One sentence on the population / per-capita split (Markdown)."""
    r = decomp[decomp["region"] == region].iloc[0]
    if r["note"]:
        return _md(r["note"])
    return _md(t("per_capita_text", lang, start=r["start"], end=r["end"], indicator=label(indicator, lang=lang),
                 g=_fmt(r["growth_pa_pct"]), p=_fmt(r["population_pa_pct"]), y=_fmt(r["per_capita_pa_pct"])))
