"""Figures for growth decompositions: waterfall, stacked pulls with the growth line, shift-share bars."""

from __future__ import annotations

import plotly.graph_objects as go

from ..catalog import label, load_indicators
from ..contributions import ContributionResult
from ..errors import DataError
from ..i18n import t
from ..shiftshare import ShiftShareResult
from .base import apply_style, indicator_axis_title

__all__ = ["contribution_bars", "contribution_waterfall", "per_capita_bars", "shift_share_bars"]


def _name(code, lang: str) -> str:
    return label(str(code), lang=lang)


def contribution_waterfall(res: ContributionResult, region: str, period: str | None = None,
                           lang: str = "zh") -> go.Figure:
    """Waterfall from the start level to the end level through each component's change.

    Examples
    --------
    >>> import pandas as pd
    >>> from countyviz.contributions import contributions
    >>> d = pd.DataFrame({"region": "r", "period": ["2019", "2020"] * 4, "indicator": ["gdp"] * 2
    ...     + ["va_primary"] * 2 + ["va_secondary"] * 2 + ["va_tertiary"] * 2,
    ...     "value": [100, 110, 10, 11, 40, 43, 50, 56.0]})
    >>> fig = contribution_waterfall(contributions(d), "r", lang="en")
    >>> list(fig.data[0].measure)
    ['absolute', 'relative', 'relative', 'relative', 'total']
    """
    agg = res.aggregate[res.aggregate["region"] == region]
    if agg.empty:
        raise DataError(f"no contributions for region {region!r}")
    row = agg.iloc[-1] if period is None else agg[agg["period"] == str(period)].iloc[0]
    tab = res.table[(res.table["region"] == region) & (res.table["period"] == row["period"])]
    x = [t("start", lang, period=row["start"])] + [_name(c, lang) for c in tab["component"]]
    y = [row["level_start"]] + tab["change"].tolist()
    measure = ["absolute"] + ["relative"] * len(tab)
    resid = row["level"] - row["level_start"] - tab["change"].sum()
    decimals = int(load_indicators().at[res.aggregate_code, "decimals"])
    if abs(resid) >= 0.5 * 10 ** -decimals:  # a residual that shows at the printed precision
        x.append(t("residual", lang))
        y.append(resid)
        measure.append("relative")
    x.append(t("end", lang, period=row["period"]))
    y.append(row["level"])
    measure.append("total")
    text = [f"{v:,.2f}" for v in y]
    fig = go.Figure(go.Waterfall(x=x, y=y, measure=measure, text=text, textposition="outside",
                                 connector={"line": {"color": "#999"}}))
    fig.update_layout(yaxis_title=indicator_axis_title(res.aggregate_code, lang), showlegend=False)
    title = f"{label(region, 'region', lang)} · {_name(res.aggregate_code, lang)} {row['start']}→{row['period']}"
    return apply_style(fig, title)


def contribution_bars(res: ContributionResult, region: str, lang: str = "zh") -> go.Figure:
    """Stacked pulls (percentage points) per period with the aggregate's growth as a line.

    The bars of a year add up to the line (plus a residual bar when components do not sum
    to the aggregate).
    """
    tab = res.table[res.table["region"] == region]
    agg = res.aggregate[res.aggregate["region"] == region]
    if tab.empty:
        raise DataError(f"no contributions for region {region!r}")
    fig = go.Figure()
    for comp, grp in tab.groupby("component", sort=False):
        fig.add_bar(x=grp["period"], y=grp["pull_pp"], name=_name(comp, lang),
                    customdata=grp["contribution_rate_pct"],
                    hovertemplate="%{x}: %{y:.2f} pp · %{customdata:.1f}%<extra>" + _name(comp, lang) + "</extra>")
    if (agg["residual_pp"].abs() > 1e-6).any():
        fig.add_bar(x=agg["period"], y=agg["residual_pp"], name=t("residual", lang), marker_color="#bbbbbb")
    fig.add_scatter(x=agg["period"], y=agg["growth_pct"], mode="lines+markers", name=t(
        "aggregate_growth", lang, indicator=_name(res.aggregate_code, lang)), line={"color": "black"})
    fig.update_layout(barmode="relative", yaxis_title=t("pull_pp", lang), xaxis_title=t("year", lang),
                      legend={"orientation": "h", "y": -0.2})
    return apply_style(fig, f"{label(region, 'region', lang)} · {t('pull_pp', lang)}")


def shift_share_bars(res: ShiftShareResult, lang: str = "zh", title: str | None = None) -> go.Figure:
    """Grouped bars of benchmark growth, industry mix and competitive effects by sector."""
    by = res.by_sector
    if "national_share" not in by.columns:
        raise DataError("Gerfin ratios have no additive components to draw")
    names = [_name(s, lang) for s in by["sector"]]
    fig = go.Figure()
    for key in ("national_share", "industry_mix", "competitive"):
        fig.add_bar(x=names, y=by[key], name=t(key, lang))
    fig.add_scatter(x=names, y=by["change"], mode="markers", marker={"symbol": "diamond", "size": 11,
                    "color": "black"}, name=t("change", lang))
    fig.update_layout(barmode="relative", xaxis_title=t("sector", lang), legend={"orientation": "h", "y": -0.2})
    return apply_style(fig, title)


def per_capita_bars(decomp, region: str, lang: str = "zh") -> go.Figure:
    """Bars of the log growth split (population vs per capita) for one region."""
    row = decomp[decomp["region"] == region]
    if row.empty or row["note"].iloc[0]:
        raise DataError(f"no per-capita decomposition for {region!r}"
                        + (f": {row['note'].iloc[0]}" if not row.empty else ""))
    r = row.iloc[0]
    fig = go.Figure(go.Bar(x=[t("population_growth", lang), t("per_capita_growth", lang)],
                           y=[r["population_pa_pct"], r["per_capita_pa_pct"]],
                           text=[f"{r['population_pa_pct']:.2f}", f"{r['per_capita_pa_pct']:.2f}"],
                           textposition="outside"))
    fig.update_layout(yaxis_title=t("growth_pct", lang) + (" / 年" if lang == "zh" else " per year"))
    return apply_style(fig, f"{label(region, 'region', lang)} {r['start']}–{r['end']}")
