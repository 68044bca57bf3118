"""Shared look of countyviz figures: fonts that carry Chinese, titles, unit-bearing axes."""

from __future__ import annotations

import plotly.graph_objects as go

from ..catalog import label, load_indicators

__all__ = ["CJK_FONT", "apply_style", "indicator_axis_title"]

#: Font stack with CJK glyphs (Debian's fonts-noto-cjk provides Noto Sans CJK SC).
CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def indicator_axis_title(indicator: str, lang: str = "zh") -> str:
    """Axis title with the indicator's name and unit.

    Examples
    --------
    >>> indicator_axis_title("gdp", "en")
    'Gross domestic product (亿元 = 100 million yuan)'
    >>> indicator_axis_title("gdp", "zh")
    '地区生产总值（亿元）'
    """
    base = indicator.split("@")[0]
    unit = "%" if "@" in indicator else load_indicators().at[base, "unit"]
    name = label(base, "indicator", lang)
    if lang == "zh":
        return f"{name}（{unit}）"
    unit_en = unit_label(unit, lang)
    return f"{name} ({unit} = {unit_en})" if unit_en != unit else f"{name} ({unit})"


def unit_label(unit: str, lang: str = "zh") -> str:
    """A unit as readers of ``lang`` expect it (the catalogue's English name in English).

    Examples
    --------
    >>> unit_label("亿元", "en"), unit_label("亿元", "zh"), unit_label("%", "en")
    ('100 million yuan', '亿元', '%')
    """
    from ..units import load_units
    if lang == "zh" or not unit or unit.isascii():
        return unit
    units = load_units()
    return str(units.at[unit, "name_en"]) if unit in units.index else unit


def apply_style(fig: go.Figure, title: str | None = None) -> go.Figure:
    """Apply the countyviz layout (font with CJK glyphs, white template) in place; return fig."""
    fig.update_layout(template="plotly_white", font={"family": CJK_FONT},
                      margin={"l": 60, "r": 30, "t": 60, "b": 50})
    if title is not None:
        fig.update_layout(title={"text": title})
    return fig
