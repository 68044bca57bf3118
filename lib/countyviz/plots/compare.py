"""Figures for comparisons: lines, slope, bump, scatter, ranking bars, parallel coordinates."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..catalog import label
from ..i18n import t
from .base import apply_style, unit_label

__all__ = ["bump_chart", "comparison_figure", "line_chart", "parallel_chart", "rank_interval_chart",
           "ranking_bars", "scatter_chart", "score_bars", "slope_chart"]


def _name(code: str, lang: str) -> str:
    return label(str(code), "region", lang)


def _title(indicator: str, how: str, lang: str) -> str:
    return t("cmp_title", lang, indicator=label(indicator, lang=lang), measure=t(f"measure_{how}", lang))


def line_chart(m: pd.DataFrame, indicator: str, how: str = "level", lang: str = "zh",
               log: bool = False) -> go.Figure:
    """One line per region from a :func:`countyviz.compare.measure` frame.

    Examples
    --------
    >>> m = pd.DataFrame({"region": ["620702"] * 2, "year": [2019, 2020], "value": [1.0, 2]})
    >>> line_chart(m, "gdp", lang="en").data[0].name
    'Ganzhou District'
    """
    fig = go.Figure()
    for r, g in m.groupby("region", sort=False):
        fig.add_scatter(x=g["year"], y=g["value"], mode="lines+markers", name=_name(r, lang))
    apply_style(fig, _title(indicator, how, lang))
    unit = unit_label(m["unit"].iloc[0], lang) if "unit" in m.columns and len(m) else ""
    fig.update_layout(xaxis_title=t("year", lang), yaxis_title=unit,
                      yaxis_type="log" if log else "linear")
    if how == "rank":
        fig.update_yaxes(autorange="reversed")
    return fig


def ranking_bars(m: pd.DataFrame, indicator: str, how: str = "level", lang: str = "zh",
                 year: int | None = None) -> go.Figure:
    """Horizontal bars for one year (the latest by default), best at the top.

    Examples
    --------
    >>> m = pd.DataFrame({"region": ["620702", "620723"], "year": 2020, "value": [1.0, 2]})
    >>> list(ranking_bars(m, "gdp", lang="en").data[0].x)
    [2.0, 1.0]
    """
    y = year if year is not None else int(m["year"].max())
    d = m[m["year"] == y].sort_values("value", ascending=how == "rank")
    fig = go.Figure(go.Bar(x=d["value"], y=[_name(r, lang) for r in d["region"]],
                           orientation="h", marker_color="#3182bd"))
    apply_style(fig, f"{_title(indicator, how, lang)} ({y})")
    fig.update_yaxes(autorange="reversed")  # best first, at the top
    return fig


def slope_chart(m: pd.DataFrame, indicator: str, how: str = "level", lang: str = "zh",
                years: tuple[int, int] | None = None) -> go.Figure:
    """Each region's value in two years joined by a line.

    Examples
    --------
    >>> m = pd.DataFrame({"region": ["620702"] * 3, "year": [2018, 2019, 2020], "value": [1.0, 2, 3]})
    >>> list(slope_chart(m, "gdp").data[0].x)
    [2018, 2020]
    """
    y0, y1 = years or (int(m["year"].min()), int(m["year"].max()))
    fig = go.Figure()
    for r, g in m[m["year"].isin([y0, y1])].groupby("region", sort=False):
        g = g.sort_values("year")
        fig.add_scatter(x=g["year"].tolist(), y=g["value"].tolist(), mode="lines+markers+text",
                        name=_name(r, lang), text=["", _name(r, lang)], textposition="middle right")
    apply_style(fig, _title(indicator, how, lang))
    fig.update_xaxes(tickvals=[y0, y1])
    return fig


def bump_chart(ranks: pd.DataFrame, indicator: str, lang: str = "zh") -> go.Figure:
    """Ranks over years (a ``measure(..., "rank")`` frame), rank 1 at the top.

    Examples
    --------
    >>> r = pd.DataFrame({"region": ["620702", "620702"], "year": [2019, 2020], "value": [2.0, 1]})
    >>> bump_chart(r, "gdp").layout.yaxis.autorange
    'reversed'
    """
    fig = line_chart(ranks, indicator, "rank", lang)
    fig.update_yaxes(autorange="reversed", dtick=1)
    return fig


def scatter_chart(x: pd.DataFrame, y: pd.DataFrame, size: pd.DataFrame | None = None, *,
                  labels: tuple[str, str, str] = ("", "", ""), lang: str = "zh") -> go.Figure:
    """Scatter of two indicators for one year (frames ``region, value``), bubble = a third.

    Examples
    --------
    >>> a = pd.DataFrame({"region": ["620702"], "value": [1.0]})
    >>> scatter_chart(a, a, lang="en").data[0].text
    ('Ganzhou District',)
    """
    d = x[["region", "value"]].merge(y[["region", "value"]], on="region", suffixes=("_x", "_y"))
    marker = {"color": "#3182bd", "opacity": 0.7}
    if size is not None:
        d = d.merge(size[["region", "value"]].rename(columns={"value": "s"}), on="region")
        marker["size"] = (d["s"] / d["s"].max() * 40).clip(lower=4).tolist()
    fig = go.Figure(go.Scatter(x=d["value_x"], y=d["value_y"], mode="markers", marker=marker,
                               text=[_name(r, lang) for r in d["region"]],
                               hovertemplate="%{text}<br>%{x:,.2f} / %{y:,.2f}<extra></extra>"))
    apply_style(fig)
    fig.update_layout(xaxis_title=labels[0], yaxis_title=labels[1])
    return fig


def parallel_chart(norm: pd.DataFrame, scores: pd.Series, lang: str = "zh") -> go.Figure:
    """Parallel coordinates of normalised indicators, coloured by composite score.

    Examples
    --------
    >>> n = pd.DataFrame({"gdp": [0.0, 100]}, index=["620702", "620723"])
    >>> len(parallel_chart(n, pd.Series([10.0, 90], index=n.index)).data[0].dimensions)
    2
    """
    dims = [{"label": label(c, lang=lang), "values": norm[c].tolist()} for c in norm.columns]
    dims.append({"label": t("exp_score", lang), "values": scores.reindex(norm.index).tolist()})
    fig = go.Figure(go.Parcoords(line={"color": scores.reindex(norm.index).tolist(),
                                       "colorscale": "Viridis", "showscale": True},
                                 dimensions=dims))
    apply_style(fig)
    return fig


def rank_interval_chart(mc: pd.DataFrame, lang: str = "zh", top: int = 30,
                        title: str | None = None) -> go.Figure:
    """Median rank with the 5–95 % rank interval from :func:`monte_carlo_ranks`.

    Examples
    --------
    >>> mc = pd.DataFrame({"rank_nominal": [1.0], "rank_median": [1.0], "rank_lo": [1.0],
    ...                    "rank_hi": [2.0]}, index=["620702"])
    >>> rank_interval_chart(mc).data[0].error_x.array
    (1.0,)
    """
    d = mc.sort_values("rank_median").head(top)
    fig = go.Figure(go.Scatter(
        x=d["rank_median"], y=[_name(r, lang) for r in d.index], mode="markers",
        error_x={"type": "data", "symmetric": False,
                 "array": (d["rank_hi"] - d["rank_median"]).tolist(),
                 "arrayminus": (d["rank_median"] - d["rank_lo"]).tolist()},
        marker={"size": 9, "color": "#3182bd"}))
    apply_style(fig, title)
    fig.update_yaxes(autorange="reversed", tickmode="linear")  # a label for every region
    fig.update_layout(height=max(300, 22 * len(d) + 120), xaxis_title=t("exp_rank_axis", lang))
    return fig


def score_bars(scores: pd.DataFrame, lang: str = "zh", top: int = 30) -> go.Figure:
    """Composite scores of the ``top`` regions as horizontal bars, best at the top
    (``scores`` as in :attr:`countyviz.composite.CompositeResult.scores`).

    Examples
    --------
    >>> s = pd.DataFrame({"score": [40.0, 90.0], "rank": [2, 1]}, index=["620702", "620723"])
    >>> score_bars(s, "en").data[0].y
    ('Linze County', 'Ganzhou District')
    """
    d = scores.dropna(subset=["score"]).sort_values("score", ascending=False).head(top)
    fig = go.Figure(go.Bar(x=d["score"].round(2), y=[_name(r, lang) for r in d.index],
                           orientation="h", marker_color="#3182bd"))
    apply_style(fig, t("exp_title", lang))
    fig.update_yaxes(autorange="reversed", tickmode="linear")  # best at the top, every label
    fig.update_layout(xaxis_title=t("exp_score", lang), height=max(300, 22 * len(d) + 120))
    return fig


def comparison_figure(m: pd.DataFrame, indicator: str, how: str, chart: str = "line",
                      lang: str = "zh", log: bool = False) -> go.Figure:
    """The dashboard's figure for a chart type: ``line``, ``bar``, ``slope`` or ``bump``.

    Examples
    --------
    >>> m = pd.DataFrame({"region": ["620702"] * 2, "year": [2019, 2020], "value": [1.0, 2]})
    >>> comparison_figure(m, "gdp", "level", "slope").data[0].mode
    'lines+markers+text'
    """
    if chart == "bar":
        return ranking_bars(m, indicator, how, lang)
    if chart == "slope":
        return slope_chart(m, indicator, how, lang)
    if chart == "bump":
        return bump_chart(m, indicator, lang)
    return line_chart(m, indicator, how, lang, log)
