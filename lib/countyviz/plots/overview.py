"""Overview figures: data coverage, a ranking for one year, a county map."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from ..catalog import label, load_regions
from ..errors import DataError
from ..i18n import t
from ..paths import data_dir
from .base import apply_style, indicator_axis_title

__all__ = ["choropleth", "coverage_chart", "load_geojson", "ranking_bar"]


def coverage_chart(cov: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Horizontal bars of non-missing values per source and indicator (from :func:`coverage`).

    Examples
    --------
    >>> cov = pd.DataFrame({"source": ["census"], "indicator": ["pop_resident"], "values": [10]})
    >>> coverage_chart(cov, "en").data[0].y[0]
    'Resident population'
    """
    fig = go.Figure()
    for source, grp in cov.groupby("source", sort=True):
        fig.add_bar(y=[label(i, lang=lang) for i in grp["indicator"]], x=grp["values"],
                    orientation="h", name=str(source))
    fig.update_layout(barmode="stack", xaxis_title=t("values", lang), yaxis_title=t("indicator", lang),
                      height=max(300, 18 * cov["indicator"].nunique() + 120))
    return apply_style(fig, t("coverage_title", lang))


def ranking_bar(df: pd.DataFrame, indicator: str, period: str, lang: str = "zh",
                top: int | None = None) -> go.Figure:
    """Bars of one indicator across regions for one period, largest first.

    Parameters
    ----------
    df : DataFrame
        Tidy table (one value per region for this indicator and period, e.g. after
        :func:`countyviz.best_values`).

    Raises
    ------
    DataError
        If there is no value for that indicator and period (never an empty chart).
    """
    sub = df[(df["indicator"] == indicator) & (df["period"] == str(period)) & df["value"].notna()]
    if sub.empty:
        raise DataError(f"no values of {indicator!r} for {period} in the selection")
    sub = sub.sort_values("value", ascending=False)
    if top:
        sub = sub.head(top)
    names = [label(r, "region", lang) for r in sub["region"].astype(str)]
    fig = go.Figure(go.Bar(x=names, y=sub["value"], customdata=sub["region"].astype(str),
                           hovertemplate="%{x} (%{customdata}): %{y:,.2f}<extra></extra>"))
    fig.update_layout(yaxis_title=indicator_axis_title(indicator, lang), xaxis_title=t("region", lang))
    return apply_style(fig, t("ranking_title", lang, indicator=label(indicator, lang=lang), period=period))


@lru_cache(maxsize=8)
def load_geojson(province: str) -> dict:
    """Simplified county boundaries of a bundled province (``620000``, ``210000``, ``610000``)."""
    path = data_dir() / "geo" / f"counties_{province}.geojson"
    if not path.exists():
        raise DataError(f"no bundled boundaries for province {province!r} "
                        "(available: 620000 Gansu, 210000 Liaoning, 610000 Shaanxi)")
    return json.loads(path.read_text(encoding="utf-8"))


def choropleth(df: pd.DataFrame, indicator: str, period: str, province: str,
               lang: str = "zh") -> go.Figure:
    """County map of one indicator in one period for a bundled province.

    Counties without a value are left blank and listed under the map, so gaps are visible
    and never read as zero.
    """
    gj = load_geojson(province)
    ids = [f["id"] for f in gj["features"]]
    sub = df[(df["indicator"] == indicator) & (df["period"] == str(period))]
    vals = sub.set_index(sub["region"].astype(str))["value"].reindex(ids)
    if vals.notna().sum() == 0:
        raise DataError(f"no values of {indicator!r} for {period} in province {province}")
    reg = load_regions()
    names = [label(i, "region", lang) if i in reg.index else i for i in ids]
    ok = vals.notna().to_numpy()
    fig = go.Figure(go.Choropleth(
        geojson=gj, locations=[i for i, k in zip(ids, ok, strict=True) if k],
        z=vals[ok].to_numpy(), text=[n for n, k in zip(names, ok, strict=True) if k],
        colorscale="Blues", marker_line_width=0.3,
        colorbar={"title": {"text": indicator_axis_title(indicator, lang)}},
        hovertemplate="%{text}: %{z:,.2f}<extra></extra>"))
    missing = [n for n, k in zip(names, ok, strict=True) if not k]
    if missing:
        # counties without a figure are left blank and named under the map, never shown as zero
        fig.add_annotation(text=t("selection_missing", lang, k=len(missing)) + " " + "、".join(missing[:12])
                           + ("…" if len(missing) > 12 else ""), showarrow=False, x=0, y=-0.02,
                           xref="paper", yref="paper", xanchor="left", yanchor="top", font={"size": 11})
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(height=520)
    return apply_style(fig, t("map_title", lang, indicator=label(indicator, lang=lang), period=period))
