"""Interactive comparison dashboard (ipywidgets + plotly FigureWidget).

The figure is a ``FigureWidget`` updated in place (``batch_update``), so a change of
selection redraws the traces without rebuilding the output. Problems (empty selection, no
data for the years) are shown as a message above the chart, never as a stack trace.
"""

from __future__ import annotations

import base64

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from .catalog import label, load_regions
from .compare import MEASURES, Panel, bundled_panel, measure
from .errors import DataError
from .i18n import t
from .plots.compare import comparison_figure

__all__ = ["ComparisonDashboard", "comparison_dashboard", "has_frontend"]

CHARTS = ("line", "bar", "slope", "bump")


class ComparisonDashboard:
    """Widgets, state and update logic of the comparison dashboard (see
    :func:`comparison_dashboard`). ``update()`` recomputes and redraws; tests call it.

    Examples
    --------
    >>> d = ComparisonDashboard(regions=["620702", "620723"], indicator="gdp")
    >>> [tr.name for tr in d.figure.data]
    ['甘州区', '临泽县']
    >>> d.select.value = ("620702",)
    >>> [tr.name for tr in d.figure.data]
    ['甘州区']
    """

    def __init__(self, panel: Panel | None = None, regions: list[str] | None = None,
                 indicator: str = "gdp", how: str = "level", years: tuple[int, int] = (2005, 2021),
                 lang: str = "zh", chart: str = "line"):
        self.panel = panel or bundled_panel()
        reg = load_regions()
        have = set(self.panel.wide(indicator).index) if indicator in self.panel.indicators else set()
        pool = [c for c in reg.index if c in have or c in (regions or [])]
        self.lang = lang
        self._options = [(f"{label(c, 'region', lang)} {c}", c) for c in pool]
        self.search = W.Text(placeholder=t("cmp_search", lang), description=t("cmp_search", lang))
        prefectures = sorted({reg.at[c, "parent"] for c in pool if isinstance(reg.at[c, "parent"], str)
                              and reg.at[c, "parent"] in reg.index
                              and reg.at[reg.at[c, "parent"], "level"] == "prefecture"})
        self.prefecture = W.Dropdown(options=[("—", "")] + [(label(p, "region", lang), p)
                                                           for p in prefectures],
                                     description=t("cmp_prefecture", lang))
        self.select = W.SelectMultiple(options=self._options, value=tuple(regions or pool[:3]),
                                       rows=8, description=t("cmp_regions", lang))
        inds = [i for i in self.panel.indicators if self.panel.wide(i).shape[1] >= 2]
        self.indicator = W.Dropdown(options=[(label(i, lang=lang), i) for i in inds],
                                    value=indicator, description=t("cmp_indicator", lang))
        self.measure = W.Dropdown(options=[(t(f"measure_{m}", lang), m) for m in MEASURES],
                                  value=how, description=t("cmp_measure", lang))
        self.years = W.IntRangeSlider(value=years, min=1990, max=2021,
                                      description=t("cmp_years", lang))
        self.log = W.Checkbox(value=False, description=t("cmp_log", lang))
        self.chart = W.ToggleButtons(options=[(t(f"chart_{c}", lang), c) for c in CHARTS],
                                     value=chart, description=t("cmp_chart", lang))
        self.message = W.HTML()
        self.download = W.HTML()
        self.table = W.HTML()
        self.figure = go.FigureWidget()
        self.result = pd.DataFrame()
        for w in (self.select, self.indicator, self.measure, self.years, self.log, self.chart):
            w.observe(lambda _c: self.update(), names="value")
        self.search.observe(lambda _c: self._filter(), names="value")
        self.prefecture.observe(lambda _c: self._pick_prefecture(), names="value")
        self.update()

    # ------------------------------------------------------------------ actions
    def _filter(self) -> None:
        q = self.search.value.strip().lower()
        keep = set(self.select.value)
        opts = [o for o in self._options if not q or q in o[0].lower() or o[1] in keep]
        self.select.options = opts
        self.select.value = tuple(v for v in keep if v in {o[1] for o in opts})

    def _pick_prefecture(self) -> None:
        p = self.prefecture.value
        if p:
            reg = load_regions()
            kids = [c for _, c in self._options if reg.at[c, "parent"] == p]
            self.select.value = tuple(kids)

    def compute(self) -> pd.DataFrame:
        """The measure for the current selection (raises DataError with a clear message)."""
        regions = list(self.select.value)
        if not regions:
            raise DataError(t("cmp_empty", self.lang))
        how = "rank" if self.chart.value == "bump" else self.measure.value
        lo, hi = self.years.value
        return measure(self.panel, self.indicator.value, how, regions=regions, start=lo, end=hi)

    def update(self) -> None:
        """Recompute and redraw the figure in place; show problems as a message."""
        try:
            m = self.compute()
        except (DataError, ValueError) as e:
            self.message.value = f"<p style='color:#b30000'>⚠ {e}</p>"
            with self.figure.batch_update():
                self.figure.data = ()
            return
        self.message.value = ""
        self.result = m
        how = "rank" if self.chart.value == "bump" else self.measure.value
        new = comparison_figure(m, self.indicator.value, how, self.chart.value, self.lang,
                                self.log.value)
        with self.figure.batch_update():
            self.figure.data = ()
            for tr in new.data:
                self.figure.add_trace(tr)
            self.figure.layout = new.layout
        csv = m.to_csv(index=False).encode("utf-8-sig")
        href = "data:text/csv;base64," + base64.b64encode(csv).decode()
        self.download.value = (f"<a download='countyviz_{self.indicator.value}.csv' "
                               f"href='{href}'>{t('cmp_download', self.lang)}</a>")
        tab = m.pivot(index="region", columns="year", values="value").round(2)
        tab.index = [label(r, "region", self.lang) for r in tab.index]
        self.table.value = tab.to_html(classes="countyviz-table", na_rep="")

    def widget(self) -> W.Widget:
        controls = W.VBox([self.search, self.prefecture, self.select])
        options = W.VBox([self.indicator, self.measure, self.years, self.log, self.chart])
        return W.VBox([W.HBox([controls, options]), self.message, self.figure, self.download,
                       self.table])


def has_frontend() -> bool:
    """Whether the kernel serves a live front end (JupyterLab, Notebook, Voilà).

    Jupyter Server sets ``JPY_SESSION_NAME`` for kernels it starts for a notebook and Voilà
    sets ``VOILA_*`` variables; papermill, nbclient and nbval run kernels without them.
    """
    import os
    return bool(os.environ.get("JPY_SESSION_NAME")) or any(k.startswith("VOILA_")
                                                            for k in os.environ)


def comparison_dashboard(regions: list[str] | None = None, indicator: str = "gdp",
                         how: str = "level", years: tuple[int, int] = (2005, 2021),
                         lang: str = "zh", panel: Panel | None = None, force: bool = False):
    """Open the comparison dashboard in one call (JupyterLab or Voilà).

    Without a front end (papermill, batch reports) it returns a short note instead: the
    plotly widget would otherwise store megabytes of JavaScript and state in the executed
    notebook. ``force=True`` builds the widget anyway.

    Examples
    --------
    >>> w = comparison_dashboard(["620702"], lang="en", force=True)
    >>> type(w).__name__
    'VBox'
    """
    if not (force or has_frontend()):
        from IPython.display import Markdown
        return Markdown("*交互控件需在 JupyterLab 或 Voilà 中运行（`make lab`）。*" if lang == "zh"
                        else "*The interactive widgets need JupyterLab or Voilà (`make lab`).*")
    return ComparisonDashboard(panel, regions, indicator, how, years, lang).widget()
