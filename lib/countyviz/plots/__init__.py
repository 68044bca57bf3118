"""Plot builders: take tidy frames or results objects, return plotly figures (never compute)."""

from .base import CJK_FONT, apply_style, indicator_axis_title
from .overview import choropleth, coverage_chart, ranking_bar

__all__ = ["CJK_FONT", "apply_style", "choropleth", "coverage_chart", "indicator_axis_title",
           "ranking_bar"]
