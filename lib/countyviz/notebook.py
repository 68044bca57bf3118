"""Notebook set-up: one call makes figures work in JupyterLab, Voilà and offline HTML reports.

:func:`setup` registers the plotly renderer ``"countyviz"``: each figure is stored as
plotly's JSON (drawn by JupyterLab's plotly extension) and as an HTML ``<div>`` that
expects ``plotly.js`` to be loaded once by the page (the batch reports ship it as a local
file: no CDN). Figure ids are numbered, not random, so re-executing a notebook gives the
same output (stable notebook tests without blanket ignores).
"""

from __future__ import annotations

import itertools
import json

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from .i18n import check_lang

__all__ = ["INITIAL_RENDERER", "CountyvizRenderer", "setup"]

#: plotly's default renderer before :func:`setup` (restored between warm-kernel runs).
INITIAL_RENDERER = pio.renderers.default


class CountyvizRenderer(MimetypeRenderer):
    """Plotly JSON for Jupyter front ends plus a plotly.js-free HTML div for static pages."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def reset(self) -> None:
        """Restart figure numbering (a new notebook run)."""
        self._ids = itertools.count(1)

    def to_mimebundle(self, fig_dict: dict) -> dict:
        import plotly.graph_objects as go
        fig = go.Figure(fig_dict)
        div_id = f"countyviz-fig-{next(self._ids)}"
        height = fig.layout.height or 450
        html = fig.to_html(include_plotlyjs=False, full_html=False, div_id=div_id,
                           default_width="100%", default_height=f"{height}px",
                           config={"displaylogo": False, "responsive": True})
        data = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
        return {"application/vnd.plotly.v1+json": {"data": data.get("data", []),
                                                   "layout": data.get("layout", {}),
                                                   "config": {"displaylogo": False}},
                "text/html": html}


def setup(lang: str = "zh") -> str:
    """Prepare a notebook: figure renderer, table display; return the checked language.

    Examples
    --------
    >>> setup("en")
    'en'
    >>> import plotly.io as pio
    >>> pio.renderers.default
    'countyviz'
    """
    import pandas as pd
    check_lang(lang)
    renderer = pio.renderers["countyviz"] if "countyviz" in pio.renderers else CountyvizRenderer()
    renderer.reset()
    pio.renderers["countyviz"] = renderer
    pio.renderers.default = "countyviz"
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.precision", 2)
    return lang
