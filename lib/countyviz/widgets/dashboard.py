"""Comparison dashboard: pick counties, indicator, measure, years, chart and language.

The figure is a ``FigureWidget`` updated in place (``batch_update``), so a change of
selection redraws the traces without rebuilding the output. Problems (empty selection, no
data for the years) are shown as a message above the chart, never as a stack trace.
"""

from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from ..catalog import label, load_regions
from ..compare import MEASURES, Panel, bundled_panel, measure
from ..errors import DataError
from ..i18n import t
from ..plots.compare import comparison_figure
from ._common import Quiet, csv_link, has_frontend, message_html, no_frontend_note, replace_figure

__all__ = ["ComparisonDashboard", "comparison_dashboard"]

CHARTS = ("line", "bar", "slope", "bump")
LANGS = ("zh", "en")


class ComparisonDashboard(Quiet):
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
    >>> d.language.value = "en"
    >>> [tr.name for tr in d.figure.data], d.indicator.label
    (['Ganzhou District'], 'Gross domestic product')
    """

    def __init__(self, panel: Panel | None = None, regions: list[str] | None = None,
                 indicator: str = "gdp", how: str = "level", years: tuple[int, int] = (2005, 2021),
                 lang: str = "zh", chart: str = "line"):
        self.panel = panel or bundled_panel()
        self._regions = load_regions()
        have = set(self.panel.wide(indicator).index) if indicator in self.panel.indicators else set()
        self._pool = [c for c in self._regions.index if c in have or c in (regions or [])]
        self._indicators = [i for i in self.panel.indicators if self.panel.wide(i).shape[1] >= 2]
        self.lang = lang
        self.search = W.Text()
        self.prefecture = W.Dropdown()
        self.select = W.SelectMultiple(rows=8)
        self.indicator = W.Dropdown()
        self.measure = W.Dropdown()
        self.years = W.IntRangeSlider(value=years, min=1990, max=2021,
                                      layout=W.Layout(width="420px"))
        self.log = W.Checkbox(value=False)
        self.chart = W.ToggleButtons()
        self.language = W.ToggleButtons(options=[(t(f"lang_{c}", c), c) for c in LANGS], value=lang)
        for w in (self.search, self.prefecture, self.select, self.indicator, self.measure,
                  self.years, self.chart, self.language):
            w.style.description_width = "9em"
        self.message = W.HTML()
        self.download = W.HTML()
        self.table = W.HTML()
        self.figure = go.FigureWidget()
        self.result = pd.DataFrame()
        self._label_widgets(regions=tuple(regions or self._pool[:3]), indicator=indicator, how=how,
                            chart=chart)
        # stable hooks for browser tests and custom CSS
        for w, name in ((self.select, "regions"), (self.indicator, "indicator"),
                        (self.measure, "measure"), (self.language, "language"),
                        (self.message, "message"), (self.figure, "figure"), (self.table, "table")):
            w.add_class(f"cv-dash-{name}")
        for w in (self.select, self.indicator, self.measure, self.years, self.log, self.chart):
            w.observe(lambda _c: self.update(), names="value")
        self.search.observe(lambda _c: self._filter(), names="value")
        self.prefecture.observe(lambda _c: self._pick_prefecture(), names="value")
        self.language.observe(lambda c: self._switch_language(c["new"]), names="value")
        self.update()

    # ------------------------------------------------------------------ labels

    def _label_widgets(self, regions: tuple, indicator: str, how: str, chart: str) -> None:
        lang, reg = self.lang, self._regions
        self._options = [(f"{label(c, 'region', lang)} {c}", c) for c in self._pool]
        prefectures = sorted({reg.at[c, "parent"] for c in self._pool
                              if isinstance(reg.at[c, "parent"], str) and reg.at[c, "parent"] in reg.index
                              and reg.at[reg.at[c, "parent"], "level"] == "prefecture"})
        with self._quiet():
            self.search.placeholder = self.search.description = t("cmp_search", lang)
            self.prefecture.options = [("—", "")] + [(label(p, "region", lang), p) for p in prefectures]
            self.prefecture.value = ""
            self.prefecture.description = t("cmp_prefecture", lang)
            self.select.options = self._options
            self.select.value = tuple(r for r in regions if r in set(self._pool))
            self.select.description = t("cmp_regions", lang)
            self.indicator.options = [(label(i, lang=lang), i) for i in self._indicators]
            self.indicator.value = indicator
            self.indicator.description = t("cmp_indicator", lang)
            self.measure.options = [(t(f"measure_{m}", lang), m) for m in MEASURES]
            self.measure.value = how
            self.measure.description = t("cmp_measure", lang)
            self.years.description = t("cmp_years", lang)
            self.log.description = t("cmp_log", lang)
            self.chart.options = [(t(f"chart_{c}", lang), c) for c in CHARTS]
            self.chart.value = chart
            self.chart.description = t("cmp_chart", lang)
            self.language.description = t("cmp_lang", lang)
        self.search.value = ""

    def _switch_language(self, lang: str) -> None:
        self.lang = lang
        self._label_widgets(self.select.value, self.indicator.value, self.measure.value,
                            self.chart.value)
        self.update()

    # ------------------------------------------------------------------ actions
    def _filter(self) -> None:
        q = self.search.value.strip().lower()
        keep = set(self.select.value)
        opts = [o for o in self._options if not q or q in o[0].lower() or o[1] in keep]
        with self._quiet():
            self.select.options = opts
            self.select.value = tuple(v for v in keep if v in {o[1] for o in opts})

    def _pick_prefecture(self) -> None:
        p = self.prefecture.value
        if p:
            kids = [c for _, c in self._options if self._regions.at[c, "parent"] == p]
            self.select.value = tuple(kids)

    @property
    def how(self) -> str:
        """The measure drawn: the chosen one, or ranks for the bump chart."""
        return "rank" if self.chart.value == "bump" else self.measure.value

    def compute(self) -> pd.DataFrame:
        """The measure for the current selection (raises DataError with a clear message)."""
        regions = list(self.select.value)
        if not regions:
            raise DataError(t("cmp_empty", self.lang))
        lo, hi = self.years.value
        return measure(self.panel, self.indicator.value, self.how, regions=regions, start=lo, end=hi)

    def update(self) -> None:
        """Recompute and redraw the figure in place; show problems as a message."""
        if self._muted:
            return
        try:
            m = self.compute()
        except (DataError, ValueError) as e:
            self.message.value = message_html(str(e))
            replace_figure(self.figure, None)
            self.download.value = self.table.value = ""
            return
        self.message.value = ""
        self.result = m
        replace_figure(self.figure, comparison_figure(m, self.indicator.value, self.how, self.chart.value,
                                                      self.lang, self.log.value))
        self.download.value = csv_link(m, f"countyviz_{self.indicator.value}.csv",
                                       t("cmp_download", self.lang))
        tab = m.pivot(index="region", columns="year", values="value").round(2)
        tab.index = [label(r, "region", self.lang) for r in tab.index]
        tab.columns.name = t("year", self.lang)
        self.table.value = tab.to_html(classes="countyviz-table", na_rep="")

    def widget(self) -> W.Widget:
        controls = W.VBox([self.search, self.prefecture, self.select])
        options = W.VBox([self.indicator, self.measure, self.years, self.log, self.chart,
                          self.language])
        box = W.VBox([W.HBox([controls, options]), self.message, self.figure, self.download,
                      self.table])
        box.add_class("cv-dash")
        return box


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
        return no_frontend_note(lang)
    return ComparisonDashboard(panel, regions, indicator, how, years, lang).widget()
