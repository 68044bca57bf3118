"""Composite indices: normalisation, weights, aggregation, TOPSIS and rank uncertainty.

All functions take a wide frame (one row per region, one column per indicator) and a
``directions`` mapping (``+1`` higher is better, ``-1`` lower is better).

Missing data: normalisation and aggregation skip missing values (a region's score is the
weighted mean of the indicators it has, weights re-scaled), and :func:`composite_index`
reports for every region how many indicators it lacks (``n_missing``); regions missing more
than ``max_missing`` of them get no score. TOPSIS needs complete rows and drops the others
with a note. Zero-variance indicators cannot be normalised by min-max or z-score: they are
an error that names the indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError
from .i18n import t

__all__ = ["CORE_PRESET", "aggregate", "aggregate_tree", "composite_index", "entropy_weights", "monte_carlo_ranks",
           "normalise", "pca_weights", "preset_indicators", "scheme_weights", "topsis"]

NORMALISATIONS = ("minmax", "zscore", "rank", "target")
AGGREGATIONS = ("arithmetic", "geometric")

#: Core monitoring indicators of the plan documents, with their direction.
CORE_PRESET = {
    "gdp_per_capita": 1, "fai@growth": 1, "lead_industry_va": 1, "income_urban": 1,
    "income_rural": 1, "tax_paid@growth": 1, "rd_to_gdp": 1, "investment_attracted": 1,
}


def _dir(frame: pd.DataFrame, directions: dict | None) -> pd.Series:
    d = pd.Series({c: 1 for c in frame.columns}, dtype=float)
    if directions:
        d.update(pd.Series({k: v for k, v in directions.items() if k in d.index}, dtype=float))
    return d


def _as_weights(weights: pd.Series | dict | None, columns: pd.Index) -> pd.Series:
    """Weights for ``columns`` as shares summing to 1 (missing ones 0; default equal)."""
    w = pd.Series(1.0, index=columns) if weights is None else \
        pd.Series(weights, dtype=float).reindex(columns).fillna(0.0)
    if (w < 0).any() or w.sum() <= 0:
        raise DataError("weights must be non-negative and not all zero: "
                        + ", ".join(f"{k}={v:g}" for k, v in w.items()))
    return w / w.sum()


def scheme_weights(frame: pd.DataFrame, scheme: str = "equal", directions: dict | None = None,
                   normalisation: str = "minmax") -> pd.Series:
    """Weights by a named scheme: ``equal``; ``entropy`` (on min-max normalised values);
    ``pca`` (first principal component of the ``normalisation``-normalised indicators).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 1, 2], "b": [1.0, 2, 3]})
    >>> scheme_weights(f, "equal").tolist(), bool(scheme_weights(f, "entropy")["a"] > 0.5)
    ([0.5, 0.5], True)
    """
    if scheme == "equal":
        return pd.Series(1.0 / frame.shape[1], index=frame.columns)
    if scheme == "entropy":
        return entropy_weights(normalise(frame, "minmax", directions))
    if scheme == "pca":
        return pca_weights(normalise(frame, normalisation, directions))
    raise ValueError(f"unknown weights {scheme!r}: equal, entropy, pca or a mapping")


def normalise(frame: pd.DataFrame, method: str = "minmax", directions: dict | None = None,
              targets: dict | None = None) -> pd.DataFrame:
    """Normalise each column so that higher is better.

    ``minmax`` to 0–100 (as COINr's default), ``zscore`` (mean 0, sd 1), ``rank``
    (1 = worst … n = best, ties averaged), ``target`` (distance to target: value / target
    x 100, capped at 100; for lower-is-better target / value x 100).

    Raises
    ------
    DataError
        For a column with zero variance (min-max, z-score), or a missing target.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3], "b": [10.0, 20, 40]})
    >>> normalise(f, "minmax", {"b": -1}).round(1).values.tolist()
    [[0.0, 100.0], [50.0, 66.7], [100.0, 0.0]]
    """
    if method not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {method!r}; use one of {NORMALISATIONS}")
    d = _dir(frame, directions)
    x = frame.astype(float)
    if method == "target":
        targets = targets or {}
        missing = [c for c in x.columns if c not in targets]
        if missing:
            raise DataError(f"distance-to-target normalisation needs a target for {missing}")
        t = pd.Series(targets, dtype=float)[x.columns]
        up = (x / t * 100).clip(upper=100)
        down = (t / x * 100).clip(upper=100)
        return up.where(d > 0, down)
    x = x * d
    if method == "rank":
        return x.rank(method="average")
    lo, hi = x.min(), x.max()
    flat = [c for c in x.columns if not (hi[c] > lo[c])]
    if flat:
        raise DataError(f"indicator(s) {', '.join(map(str, flat))} have the same value for every "
                        f"region (zero variance): they cannot be normalised by {method}; "
                        "drop them or choose rank normalisation")
    if method == "minmax":
        return (x - lo) / (hi - lo) * 100
    return (x - x.mean()) / x.std(ddof=1)


def entropy_weights(frame: pd.DataFrame) -> pd.Series:
    """Entropy weight method: ``p_ij = x_ij / sum_i x_ij``, ``e_j = -sum_i p ln p / ln n``,
    ``w_j = (1 - e_j) / sum_k (1 - e_k)``. Values must be non-negative (normalise first).

    Examples
    --------
    >>> entropy_weights(pd.DataFrame({"a": [1.0, 1, 1], "b": [1.0, 2, 3]})).round(3).tolist()
    [0.0, 1.0]
    """
    x = frame.astype(float).dropna()
    if (x < 0).any().any():
        raise DataError("entropy weights need non-negative values (normalise by min-max first)")
    n = len(x)
    if n < 2:
        raise DataError("entropy weights need at least two regions with complete data")
    p = x / x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / np.log(n)
    dvg = 1 - e
    return pd.Series(dvg / dvg.sum(), index=x.columns)


def pca_weights(frame: pd.DataFrame) -> pd.Series:
    """Weights from the first principal component of the standardised indicators
    (squared loadings, as in the OECD/JRC Handbook on Constructing Composite Indicators).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 4, 6, 8.5], "c": [1.0, 0, 1, 0]})
    >>> w = pca_weights(f)
    >>> bool(w["a"] > w["c"]), round(float(w.sum()), 6)
    (True, 1.0)
    """
    x = frame.astype(float).dropna()
    z = (x - x.mean()) / x.std(ddof=1)
    _, vecs = np.linalg.eigh(np.cov(z.to_numpy(), rowvar=False))
    load = vecs[:, -1] ** 2
    return pd.Series(load / load.sum(), index=x.columns)


def aggregate(norm: pd.DataFrame, weights: pd.Series | dict | None = None,
              method: str = "arithmetic") -> pd.Series:
    """Weighted arithmetic or geometric mean per row, skipping missing values.

    Geometric aggregation needs positive values (e.g. min-max scaled to 1–100).

    Examples
    --------
    >>> n = pd.DataFrame({"a": [100.0, 50], "b": [0.0, np.nan]})
    >>> aggregate(n, {"a": 1, "b": 3}).tolist()
    [25.0, 50.0]
    """
    if method not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {method!r}; use one of {AGGREGATIONS}")
    w = pd.Series(1.0, index=norm.columns) if weights is None else pd.Series(weights, dtype=float)
    w = w.reindex(norm.columns).fillna(0.0)
    x = norm.to_numpy(dtype=float)
    have = np.isfinite(x)
    W = np.where(have, w.to_numpy(), 0.0)
    wsum = W.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            s = np.where(have, x, 0.0) * W
            out = s.sum(axis=1) / wsum
        else:
            if (x[have] <= 0).any():
                raise DataError("geometric aggregation needs positive values; rescale "
                                "(e.g. min-max to 1-100) first")
            out = np.exp((np.where(have, np.log(np.where(have, x, 1.0)), 0.0) * W).sum(axis=1)
                         / wsum)
    return pd.Series(np.where(wsum > 0, out, np.nan), index=norm.index)


def topsis(frame: pd.DataFrame, weights: pd.Series | dict | None = None,
           directions: dict | None = None) -> pd.DataFrame:
    """TOPSIS (Hwang & Yoon 1981): vector normalisation, weighting, distances to the ideal
    and anti-ideal solutions, closeness ``C = D- / (D+ + D-)``.

    Returns columns ``d_plus, d_minus, closeness, rank``; rows with missing values are left
    out (their closeness is NaN). ``attrs["ideal"]``/``attrs["anti_ideal"]`` hold the
    weighted ideal and anti-ideal solutions.

    Examples
    --------
    >>> f = pd.DataFrame({"cost": [250.0, 200, 300], "quality": [16.0, 16, 32]}, index=list("xyz"))
    >>> topsis(f, directions={"cost": -1})["rank"].tolist()
    [3, 2, 1]
    """
    x = frame.astype(float)
    ok = x.notna().all(axis=1)
    xc = x[ok]
    w = _as_weights(weights, x.columns)
    d = _dir(x, directions)
    v = xc / np.sqrt((xc ** 2).sum()) * w
    ideal = v.max().where(d > 0, v.min())
    anti = v.min().where(d > 0, v.max())
    dp = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((v - anti) ** 2).sum(axis=1))
    c = dm / (dp + dm)
    out = pd.DataFrame({"d_plus": dp, "d_minus": dm, "closeness": c}).reindex(x.index)
    out["rank"] = out["closeness"].rank(ascending=False, method="min").astype("Int64")
    out.attrs["ideal"], out.attrs["anti_ideal"] = ideal, anti
    return out


@dataclass
class CompositeResult:
    """Scores, ranks and the choices behind a composite index."""

    scores: pd.DataFrame
    normalised: pd.DataFrame
    weights: pd.Series
    notes: list


def composite_index(frame: pd.DataFrame, directions: dict | None = None, *,
                    weights: str | dict = "equal", normalisation: str = "minmax",
                    aggregation: str = "arithmetic", targets: dict | None = None,
                    max_missing: float = 0.34, lang: str = "en") -> CompositeResult:
    """Build a composite index in one call (normalise → weight → aggregate).

    ``weights``: ``"equal"``, ``"entropy"``, ``"pca"`` or a manual mapping. Geometric
    aggregation rescales min-max scores to 1–100 first. ``lang`` is the language of the notes.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 2, np.nan]}, index=["x", "y", "z"])
    >>> r = composite_index(f, max_missing=0.5)
    >>> r.scores[["score", "rank", "n_missing"]].values.tolist()
    [[50.0, 2, 0], [25.0, 3, 0], [100.0, 1, 1]]
    """
    notes = []
    x = frame.astype(float)
    empty = [c for c in x.columns if x[c].notna().sum() == 0]
    if empty:
        raise DataError(f"indicator(s) {', '.join(empty)} have no data for any region")
    norm = normalise(x, normalisation, directions, targets)
    if aggregation == "geometric":
        if normalisation != "minmax":
            raise DataError("geometric aggregation is offered with min-max normalisation")
        norm = 1 + norm * 0.99
    w = (scheme_weights(x, weights, directions, normalisation) if isinstance(weights, str)
         else _as_weights(weights, x.columns))
    n_missing = x.isna().sum(axis=1)
    score = aggregate(norm, w, aggregation)
    too_many = n_missing / x.shape[1] > max_missing
    if too_many.any():
        notes.append(t("composite_no_score", lang, n=int(too_many.sum()), share=f"{max_missing:.0%}"))
    score[too_many] = np.nan
    if (n_missing[~too_many] > 0).any():
        notes.append(t("composite_partial", lang))
    scores = pd.DataFrame({"score": score, "rank": score.rank(ascending=False, method="min")
                           .astype("Int64"), "n_missing": n_missing})
    return CompositeResult(scores, norm, w, notes)


def monte_carlo_ranks(frame: pd.DataFrame, directions: dict | None = None, *, draws: int = 1000,
                      weights: pd.Series | dict | None = None, weight_spread: float = 0.25,
                      normalisations: tuple[str, ...] = ("minmax", "zscore", "rank"),
                      aggregations: tuple[str, ...] = ("arithmetic",), seed: int = 0
                      ) -> pd.DataFrame:
    """Rank uncertainty: re-compute the index ``draws`` times with weights perturbed
    uniformly by ±``weight_spread`` (relative) and a random normalisation and aggregation.

    ``weights`` are the nominal weights (default equal; a mapping may leave indicators out,
    which gives them weight 0). Returns per region the median rank, the 5th–95th percentile
    rank interval, and the nominal rank (nominal weights, min-max, arithmetic). Regions
    with missing indicators are left out. Vectorised over draws.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [1.0, 3, 2, 4]}, index=list("wxyz"))
    >>> mc = monte_carlo_ranks(f, draws=200)
    >>> mc.loc["z", ["rank_median", "rank_lo", "rank_hi"]].tolist()
    [1.0, 1.0, 1.0]
    """
    x = frame.astype(float).dropna()
    if len(x) < 2:
        raise DataError("rank uncertainty needs at least two regions with complete data")
    rng = np.random.default_rng(seed)
    k = x.shape[1]
    norms = {m: normalise(x, m, directions).to_numpy() for m in normalisations}
    for m in norms:  # put every normalisation on a comparable positive scale
        a = norms[m]
        norms[m] = 1 + (a - a.min(axis=0)) / (a.max(axis=0) - a.min(axis=0)) * 99
    base = _as_weights(weights, x.columns)
    W = base.to_numpy() * (1 + rng.uniform(-weight_spread, weight_spread, (draws, k)))
    W = W / W.sum(axis=1, keepdims=True)
    which_n = rng.integers(len(normalisations), size=draws)
    which_a = rng.integers(len(aggregations), size=draws)
    ranks = np.empty((draws, len(x)))
    for ni, m in enumerate(normalisations):
        for ai, agg in enumerate(aggregations):
            sel = (which_n == ni) & (which_a == ai)
            if not sel.any():
                continue
            A = norms[m]
            S = W[sel] @ A.T if agg == "arithmetic" else np.exp(W[sel] @ np.log(A).T)
            ranks[sel] = (-S).argsort(axis=1).argsort(axis=1) + 1
    nominal = composite_index(x, directions, weights=base.to_dict()).scores["rank"]
    return pd.DataFrame({
        "rank_nominal": nominal.astype(float),
        "rank_median": np.median(ranks, axis=0),
        "rank_lo": np.percentile(ranks, 5, axis=0),
        "rank_hi": np.percentile(ranks, 95, axis=0),
    }, index=x.index)


def preset_indicators(available: list[str] | set[str]) -> tuple[dict, list[str]]:
    """The core monitoring preset restricted to what the data holds.

    Returns ``(directions of the usable indicators, missing indicator codes)``. ``@growth``
    marks an indicator used as its growth rate.

    Examples
    --------
    >>> use, missing = preset_indicators({"gdp_per_capita", "fai", "income_urban"})
    >>> sorted(use), "rd_to_gdp" in missing
    (['fai@growth', 'gdp_per_capita', 'income_urban'], True)
    """
    use, missing = {}, []
    for code, direction in CORE_PRESET.items():
        base = code.split("@")[0]
        if base in available:
            use[code] = direction
        else:
            missing.append(code)
    return use, missing


def aggregate_tree(norm: pd.DataFrame, tree: pd.DataFrame, method: str = "arithmetic"
                   ) -> pd.DataFrame:
    """Aggregate level by level through a hierarchy (indicators → pillars → … → index).

    ``tree`` has columns ``code, parent, weight, level`` (level 1 = indicators). Each
    aggregate is the weighted mean of its children (missing children skipped). Returns the
    normalised indicators with one extra column per aggregate.

    Examples
    --------
    >>> n = pd.DataFrame({"a": [10.0, 20], "b": [30.0, 40]})
    >>> tree = pd.DataFrame({"code": ["a", "b", "P"], "parent": ["P", "P", None],
    ...                      "weight": [1.0, 1, 1], "level": [1, 1, 2]})
    >>> aggregate_tree(n, tree)["P"].tolist()
    [20.0, 30.0]
    """
    out = norm.astype(float).copy()
    for lvl in sorted(tree["level"].dropna().unique())[1:]:
        for code in tree.loc[tree["level"] == lvl, "code"]:
            kids = tree[tree["parent"] == code]
            missing = [c for c in kids["code"] if c not in out.columns]
            if missing:
                raise DataError(f"aggregate {code!r}: children {missing} are not in the data")
            out[code] = aggregate(out[kids["code"].tolist()],
                                  dict(zip(kids["code"], kids["weight"], strict=True)), method)
    return out
