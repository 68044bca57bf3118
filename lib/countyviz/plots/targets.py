"""Figures for plan targets: fan chart, traffic-light status table, milestone path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..catalog import label
from ..i18n import t
from .base import apply_style, indicator_axis_title

__all__ = ["STATUS_COLOURS", "fan_chart", "milestone_chart", "status_table"]

#: Traffic-light colours per status.
STATUS_COLOURS = {"achieved": "#1a9850", "on_track": "#91cf60", "moderate": "#fee08b",
                  "insufficient": "#fc8d59", "moving_away": "#d73027",
                  "not_achieved": "#a50026", "not_assessable": "#d9d9d9", "no_data": "#f0f0f0"}


def fan_chart(history: pd.Series, projection: pd.DataFrame, target: pd.Series | dict,
              lang: str = "zh") -> go.Figure:
    """History, projected median with 80 % / 95 % bands, the target and the required path.

    Parameters
    ----------
    history : Series
        Observed values indexed by year.
    projection : DataFrame
        One series of :meth:`Projection.frame` (``year, median, lo80, hi80, lo95, hi95``).
    target : row of :func:`evaluate_targets` (``region, indicator, target_year,
        target_level, latest_year, latest_value``).

    Examples
    --------
    >>> h = pd.Series([100.0, 110, 121], index=[2018, 2019, 2020])
    >>> p = pd.DataFrame({"year": [2021, 2022], "median": [133.0, 146], "lo80": [128.0, 138],
    ...                   "hi80": [138.0, 154], "lo95": [125.0, 133], "hi95": [141.0, 160]})
    >>> tg = {"region": "620702", "indicator": "gdp", "target_year": 2022, "target_level": 150.0,
    ...       "latest_year": 2020, "latest_value": 121.0}
    >>> [d.name for d in fan_chart(h, p, tg, "en").data][:3]
    ['95% prediction interval', '95% prediction interval', '80% prediction interval']
    """
    tg = dict(target)
    fig = go.Figure()
    for band, colour in (("95", "rgba(49,130,189,0.15)"), ("80", "rgba(49,130,189,0.30)")):
        if len(projection):
            name = t(f"fan_band{band}", lang)
            fig.add_scatter(x=projection["year"], y=projection[f"hi{band}"], mode="lines",
                            line={"width": 0}, name=name, showlegend=False, hoverinfo="skip")
            fig.add_scatter(x=projection["year"], y=projection[f"lo{band}"], mode="lines",
                            line={"width": 0}, fill="tonexty", fillcolor=colour, name=name)
    fig.add_scatter(x=history.index.to_numpy(), y=history.to_numpy(), mode="lines+markers",
                    name=t("fan_history", lang), line={"color": "#08519c"})
    if len(projection):
        x = np.concatenate([[history.index[-1]], projection["year"].to_numpy()])
        y = np.concatenate([[history.iloc[-1]], projection["median"].to_numpy()])
        fig.add_scatter(x=x, y=y, mode="lines", name=t("fan_median", lang),
                        line={"color": "#3182bd", "dash": "dash"})
    ly, lv, ty, tv = (tg.get("latest_year"), tg.get("latest_value"), tg["target_year"],
                      tg["target_level"])
    if pd.notna(tv):
        if pd.notna(ly) and pd.notna(lv) and ty > ly and lv > 0 and tv > 0:
            years = np.arange(int(ly), int(ty) + 1)
            path = lv * (tv / lv) ** ((years - ly) / (ty - ly))
            fig.add_scatter(x=years, y=path, mode="lines", name=t("fan_required", lang),
                            line={"color": "#e6550d", "dash": "dot"})
        fig.add_scatter(x=[ty], y=[tv], mode="markers", name=t("fan_target", lang),
                        marker={"symbol": "star", "size": 16, "color": "#e6550d"})
    region = label(str(tg["region"]), "region", lang)
    ind = label(str(tg["indicator"]), lang=lang)
    apply_style(fig, t("fan_title", lang, region=region, indicator=ind))
    fig.update_layout(xaxis_title=t("year", lang),
                      yaxis_title=indicator_axis_title(str(tg["indicator"]), lang),
                      hovermode="x unified")
    return fig


def status_table(results: pd.DataFrame, lang: str = "zh", digits: int = 1) -> go.Figure:
    """Traffic-light table of target evaluations (one row per target).

    Examples
    --------
    >>> r = pd.DataFrame({"region": ["620702"], "indicator": ["gdp"], "target_year": [2020],
    ...     "target_level": [200.0], "latest_value": [229.9], "required_cagr": [np.nan],
    ...     "hist_cagr": [7.1], "projected": [202.2], "probability": [1.0],
    ...     "status": ["achieved"]})
    >>> fig = status_table(r, "en")
    >>> fig.data[0].cells.values[-1]
    ['Achieved']
    """
    r = results
    statuses = r["status"].astype(str)
    colour = [STATUS_COLOURS.get(s, "#ffffff") for s in statuses]

    def fmt(col, pct=False):
        v = r[col].astype(float)
        return [("" if pd.isna(x) else f"{x * 100:.0f}%" if pct else f"{x:,.{digits}f}")
                for x in v]

    cols = [
        ("col_region", [label(str(c), "region", lang) for c in r["region"]]),
        ("col_indicator", [label(str(c), lang=lang) for c in r["indicator"]]),
        ("col_target_year", r["target_year"].astype(str).tolist()),
        ("col_target", fmt("target_level")),
        ("col_latest", fmt("latest_value")),
        ("col_required", fmt("required_cagr")),
        ("col_hist", fmt("hist_cagr")),
        ("col_projected", fmt("projected")),
        ("col_probability", fmt("probability", pct=True)),
        ("col_status", [t(f"status_{s}", lang) for s in statuses]),
    ]
    fills = [["#ffffff"] * len(r)] * (len(cols) - 1) + [colour]
    fig = go.Figure(go.Table(
        header={"values": [t(k, lang) for k, _ in cols], "fill_color": "#deebf7",
                "align": "left"},
        cells={"values": [v for _, v in cols], "fill_color": fills, "align": "left"}))
    apply_style(fig)
    fig.update_layout(height=min(120 + 28 * len(r), 1200), margin={"t": 20, "b": 10})
    return fig


def milestone_chart(history: pd.Series, milestones: pd.DataFrame, region: str, indicator: str,
                    lang: str = "zh") -> go.Figure:
    """Actuals against a year-by-year milestone path (``target_year``, ``target_level``).

    Examples
    --------
    >>> h = pd.Series([800.0, 950], index=[2018, 2019])
    >>> m = pd.DataFrame({"target_year": [2018, 2019, 2020], "target_level": [871.0, 1016, 1175]})
    >>> fig = milestone_chart(h, m, "210400_PARKS", "industrial_output", "en")
    >>> fig.data[0].name, list(fig.data[0].y)
    ('Milestones', [871.0, 1016.0, 1175.0])
    """
    m = milestones.sort_values("target_year")
    fig = go.Figure()
    fig.add_scatter(x=m["target_year"], y=m["target_level"], mode="lines+markers",
                    name=t("milestone_path", lang), line={"color": "#e6550d", "dash": "dot"},
                    marker={"symbol": "star", "size": 12})
    fig.add_bar(x=history.index.to_numpy(), y=history.to_numpy(), name=t("fan_history", lang),
                marker_color="#3182bd", opacity=0.8)
    apply_style(fig, t("milestone_title", lang, region=label(region, "region", lang),
                       indicator=label(indicator, lang=lang)))
    fig.update_layout(xaxis_title=t("year", lang),
                      yaxis_title=indicator_axis_title(indicator, lang))
    return fig
