"""Plot builders: take tidy frames or results objects, return plotly figures (never compute)."""

from .base import CJK_FONT, apply_style, indicator_axis_title
from .compare import (
    bump_chart,
    comparison_figure,
    line_chart,
    parallel_chart,
    rank_interval_chart,
    ranking_bars,
    scatter_chart,
    score_bars,
    slope_chart,
)
from .growth import contribution_bars, contribution_waterfall, per_capita_bars, shift_share_bars
from .overview import choropleth, coverage_chart, ranking_bar
from .targets import STATUS_COLOURS, fan_chart, milestone_chart, status_table

__all__ = ["CJK_FONT", "apply_style", "choropleth", "contribution_bars", "contribution_waterfall",
           "coverage_chart", "indicator_axis_title", "per_capita_bars", "ranking_bar", "shift_share_bars",
           "STATUS_COLOURS", "fan_chart", "milestone_chart", "status_table", "bump_chart",
           "comparison_figure", "line_chart", "parallel_chart", "rank_interval_chart", "ranking_bars",
           "scatter_chart", "score_bars", "slope_chart"]
