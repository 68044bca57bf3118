"""Composite-index explorer: weight sliders, normalisation and aggregation choices, with the
scores and the Monte Carlo rank intervals redrawn in place.

A weight slider is a relative weight (0 leaves the indicator out); the effective shares are
printed under the sliders. The rank-interval view perturbs the chosen weights by ±spread and,
if asked, varies the normalisation, so the user sees which ranks survive other reasonable
choices (OECD/JRC Handbook on Constructing Composite Indicators, 2008, step 7).
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..catalog import label
from ..composite import composite_index, monte_carlo_ranks, scheme_weights
from ..errors import DataError
from ..i18n import t
from ..plots.compare import rank_interval_chart, score_bars
from ._common import Quiet, csv_link, has_frontend, message_html, no_frontend_note, replace_figure

__all__ = ["CompositeExplorer", "composite_explorer"]

SCHEMES = ("manual", "equal", "entropy", "pca")
NORMS = ("minmax", "zscore", "rank")
AGGS = ("arithmetic", "geometric")


class CompositeExplorer(Quiet):
    """Widgets, state and update logic of the composite-index explorer (see
    :func:`composite_explorer`). ``update()`` recomputes and redraws; tests call it.

    Parameters
    ----------
    frame : DataFrame
        One row per region, one column per indicator (e.g. from
        :func:`countyviz.compare.indicator_frame`).
    directions : dict, optional
        ``+1`` higher is better, ``-1`` lower is better (default all ``+1``).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["620702", "620723", "620722"])
    >>> e = CompositeExplorer(f, draws=50)
    >>> e.result.scores["rank"].tolist()
    [2, 3, 1]
    >>> e.sliders["b"].value = 0.0
    >>> e.result.scores["rank"].tolist()
    [3, 2, 1]
    >>> e.sliders["a"].value = 0.0
    >>> e.message.value
    "<p style='color:#b30000'>⚠ 至少给一个指标大于 0 的权重。</p>"
    """

    def __init__(self, frame: pd.DataFrame, directions: dict | None = None, lang: str = "zh",
                 draws: int = 1000, top: int = 20, spread: float = 0.25, seed: int = 0):
        if frame.shape[1] == 0:
            raise DataError("the composite explorer needs at least one indicator column")
        self.frame = frame.astype(float)
        self.directions = {c: 1 for c in frame.columns} | dict(directions or {})
        self.lang, self.draws, self.seed = lang, draws, seed
        style = {"description_width": "16em"}
        self.sliders = {c: W.FloatSlider(value=1.0, min=0.0, max=5.0, step=0.1,
                                         description=label(c, lang=lang), style=style,
                                         layout=W.Layout(width="34em"))
                        for c in self.frame.columns}
        self.scheme = W.Dropdown(options=[(t(f"weights_{s}" if s != "manual" else "exp_weights_manual",
                                             lang), s) for s in SCHEMES],
                                 value="manual", description=t("exp_weights_from", lang))
        self.normalisation = W.Dropdown(options=[(t(f"norm_{m}", lang), m) for m in NORMS],
                                        value="minmax", description=t("exp_normalisation", lang))
        self.aggregation = W.Dropdown(options=[(t(f"agg_{a}", lang), a) for a in AGGS],
                                      value="arithmetic", description=t("exp_aggregation", lang))
        self.spread = W.FloatSlider(value=spread, min=0.0, max=0.9, step=0.05, readout_format=".0%",
                                    description=t("exp_spread", lang))
        self.vary_norm = W.Checkbox(value=True, description=t("exp_vary_norm", lang))
        self.top = W.IntSlider(value=min(top, len(frame)), min=1, max=max(1, len(frame)),
                               description=t("exp_top", lang))
        self.shares = W.HTML()
        self.message = W.HTML()
        self.notes = W.HTML()
        self.download = W.HTML()
        self.scores_figure = go.FigureWidget()
        self.ranks_figure = go.FigureWidget()
        self.result = None
        self.ranks = pd.DataFrame()
        for w, name in ((self.message, "message"), (self.scores_figure, "scores"),
                        (self.ranks_figure, "ranks"), (self.scheme, "scheme")):
            w.add_class(f"cv-exp-{name}")
        for w in (*self.sliders.values(), self.normalisation, self.aggregation, self.spread,
                  self.vary_norm):
            w.observe(lambda _c: self.update(), names="value")
        self.top.observe(lambda _c: self._draw(), names="value")
        for s in self.sliders.values():
            s.observe(lambda _c: self._manual(), names="value")
        self.scheme.observe(lambda _c: self._apply_scheme(), names="value")
        self.update()


    def _manual(self) -> None:
        if not self._muted and self.scheme.value != "manual":
            with self._quiet():
                self.scheme.value = "manual"

    def _apply_scheme(self) -> None:
        """Set the sliders to equal, entropy or PCA weights (scaled so the mean is 1)."""
        s = self.scheme.value
        if s == "manual":
            return
        try:
            w = scheme_weights(self.frame, s, self.directions, self.normalisation.value)
        except (DataError, ValueError, np.linalg.LinAlgError) as e:
            self.message.value = message_html(str(e))
            return
        w = w / w.mean()
        with self._quiet():
            for c, v in w.items():
                self.sliders[c].value = float(np.clip(round(v, 1), 0, self.sliders[c].max))
        self.update()

    def weights(self) -> pd.Series:
        """The slider weights as shares summing to 1 (raises DataError if all are 0)."""
        w = pd.Series({c: s.value for c, s in self.sliders.items()}, dtype=float)
        if w.sum() <= 0:
            raise DataError(t("exp_zero_weights", self.lang))
        return w / w.sum()

    def update(self) -> None:
        """Recompute the index and the rank intervals; redraw both figures in place."""
        if self._muted:
            return
        lang = self.lang
        try:
            w = self.weights()
            use = list(w.index[w > 0])
            x = self.frame[use]
            res = composite_index(x, self.directions, weights=w[use].to_dict(),
                                  normalisation=self.normalisation.value,
                                  aggregation=self.aggregation.value, lang=lang)
            norms = NORMS if self.vary_norm.value else (self.normalisation.value,)
            mc = monte_carlo_ranks(x, self.directions, draws=self.draws, weights=w[use],
                                   weight_spread=self.spread.value, normalisations=norms,
                                   aggregations=(self.aggregation.value,), seed=self.seed)
        except (DataError, ValueError) as e:
            self.message.value = message_html(str(e))
            self.result = None  # nothing stale to redraw
            for f in (self.scores_figure, self.ranks_figure):
                replace_figure(f, None)
            self.notes.value = self.download.value = ""
            return
        self.message.value = ""
        self.result, self.ranks = res, mc
        self.shares.value = t("exp_shares", lang, shares="；".join(
            f"{label(c, lang=lang)} {v:.0%}" for c, v in w.items()))
        notes = list(res.notes)
        left_out = [r for r in x.index if r not in mc.index]
        if left_out:
            names = "、".join(label(r, "region", lang) for r in left_out[:10])
            notes.append(t("exp_incomplete", lang, n=len(left_out),
                           regions=names + ("…" if len(left_out) > 10 else "")))
        self.notes.value = "<br>".join(notes)
        self._draw()
        table = res.scores.join(mc, how="left")
        self.download.value = csv_link(table, "countyviz_composite.csv", t("cmp_download", lang),
                                       index=True)

    def _draw(self) -> None:
        """Redraw both figures from the last result (a change of top N recomputes nothing)."""
        if self.result is None or self._muted:
            return
        top = self.top.value
        replace_figure(self.scores_figure, score_bars(self.result.scores, self.lang, top))
        replace_figure(self.ranks_figure, rank_interval_chart(
            self.ranks, self.lang, top, title=t("exp_rank_title", self.lang, draws=self.draws)))

    def widget(self) -> W.Widget:
        choices = W.VBox([self.scheme, self.normalisation, self.aggregation, self.spread,
                          self.vary_norm, self.top])
        weights = W.VBox([W.HTML(f"<b>{t('exp_weights', self.lang)}</b>"), *self.sliders.values(),
                          self.shares])
        box = W.VBox([W.HBox([weights, choices]), self.message, self.notes,
                      self.scores_figure, self.ranks_figure, self.download])
        box.add_class("cv-exp")
        return box


def composite_explorer(frame: pd.DataFrame, directions: dict | None = None, lang: str = "zh",
                       draws: int = 1000, force: bool = False):
    """Open the composite-index explorer in one call (JupyterLab or Voilà).

    Without a front end (papermill, batch reports) it returns a short note instead, like
    :func:`countyviz.widgets.comparison_dashboard`.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["620702", "620723", "620722"])
    >>> type(composite_explorer(f, draws=20, force=True)).__name__
    'VBox'
    """
    if not (force or has_frontend()):
        return no_frontend_note(lang)
    return CompositeExplorer(frame, directions, lang, draws).widget()
