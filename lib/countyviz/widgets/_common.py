"""Helpers shared by the widgets: front-end detection, widget state, the no-front-end note."""

from __future__ import annotations

import base64
import os
from contextlib import contextmanager
from copy import deepcopy

import pandas as pd
import plotly.graph_objects as go


def has_frontend() -> bool:
    """Whether the kernel serves a live front end (JupyterLab, Notebook, Voilà).

    Jupyter Server sets ``JPY_SESSION_NAME`` for kernels it starts for a notebook and Voilà
    sets ``VOILA_*`` variables; papermill, nbclient and nbval run kernels without them.
    """
    return bool(os.environ.get("JPY_SESSION_NAME")) or any(k.startswith("VOILA_")
                                                            for k in os.environ)


def no_frontend_note(lang: str):
    """Markdown shown instead of a widget where no front end can run it."""
    from IPython.display import Markdown

    from ..i18n import t
    return Markdown(f"*{t('widget_needs_frontend', lang)}*")


def publish_state(fig: go.FigureWidget) -> None:
    """Copy the figure into the widget's synced state.

    Plotly sends edits to the browser as one-off messages, which are lost when no view
    exists yet: Voilà connects after the notebook has run, and a FigureWidget nested in a
    box is not displayed through its own ``_repr_mimebundle_`` (which would do this copy;
    plotly/plotly.py#4998). Views that already exist ignore the copy and keep applying the
    messages, so nothing is drawn twice.
    """
    fig._widget_layout = deepcopy(fig._layout_obj._props)
    fig._widget_data = deepcopy(fig._data)


def replace_figure(target: go.FigureWidget, new: go.Figure | None) -> None:
    """Redraw ``target`` in place with the traces and layout of ``new`` (``None`` clears)."""
    with target.batch_update():
        target.data = ()
        if new is not None:
            for tr in new.data:
                target.add_trace(tr)
            target.layout = new.layout
    publish_state(target)


def csv_link(frame: pd.DataFrame, filename: str, text: str, index: bool = False) -> str:
    """An HTML link that downloads ``frame`` as UTF-8 CSV (with BOM, so Excel reads Chinese)."""
    csv = frame.to_csv(index=index).encode("utf-8-sig")
    href = "data:text/csv;base64," + base64.b64encode(csv).decode()
    return f"<a download='{filename}' href='{href}'>{text}</a>"


def message_html(text: str) -> str:
    """A problem shown in the widget instead of a stack trace."""
    import html
    return f"<p style='color:#b30000'>⚠ {html.escape(text)}</p>"


class Quiet:
    """Mixin for widget classes: ``with self._quiet():`` changes several widgets without
    recomputing after each change (``update`` returns early while ``_muted``)."""

    _muted = False

    @contextmanager
    def _quiet(self):
        self._muted = True
        try:
            yield
        finally:
            self._muted = False
