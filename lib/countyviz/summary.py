"""Short summaries of tidy tables for notebooks: what a data set holds, what a selection shows."""

from __future__ import annotations

import pandas as pd

from .catalog import label, load_indicators
from .i18n import t

__all__ = ["contribution_table", "dataset_summary", "describe_selection", "selection_stats"]


def dataset_summary(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One row per source: regions, indicators, first and last period, values, missing, derived.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["a", "b"], "indicator": "gdp", "period": ["2019", "2020"],
    ...                   "value": [1.0, None], "source": "s", "flag": ["published", "derived"]})
    >>> dataset_summary(d, "en").iloc[0].tolist()
    [2, 1, '2019', '2020', 1, 1, 1]
    """
    d = df.astype({"period": "string", "source": "string"})
    g = d.groupby("source", observed=True)
    out = pd.DataFrame({
        "regions": g["region"].nunique(),
        "indicators": g["indicator"].nunique(),
        "first": g["period"].min(),
        "last": g["period"].max(),
        "values": g["value"].count(),
        "missing": g["value"].apply(lambda s: int(s.isna().sum())),
        "derived": g["flag"].apply(lambda s: int((s == "derived").sum())),
    })
    out.index.name = t("source", lang)
    return out.rename(columns={c: t(c, lang) for c in out.columns})


def selection_stats(df: pd.DataFrame, indicator: str, period: str,
                    regions: list[str] | None = None) -> dict:
    """Count, extremes and median of one indicator in one period over a selection.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["a", "b"], "indicator": "gdp", "period": "2020", "value": [1.0, 3.0]})
    >>> s = selection_stats(d, "gdp", "2020", regions=["a", "b", "c"])
    >>> s["n"], s["top"], s["median"], s["missing"]
    (2, 'b', 2.0, 1)
    """
    sub = df[(df["indicator"] == indicator) & (df["period"] == str(period)) & df["value"].notna()]
    sub = sub.assign(region=sub["region"].astype(str))
    universe = set(regions) if regions is not None else set(df["region"].astype(str))
    if sub.empty:
        return {"n": 0, "missing": len(universe)}
    s = sub.set_index("region")["value"]
    return {"n": int(s.size), "top": s.idxmax(), "top_value": float(s.max()),
            "bottom": s.idxmin(), "bottom_value": float(s.min()), "median": float(s.median()),
            "missing": len(universe - set(s.index))}


def describe_selection(df: pd.DataFrame, indicator: str, period: str, lang: str = "zh",
                       regions: list[str] | None = None):
    """A sentence (Markdown) on one indicator across a selection, in the chosen language.

    Examples
    --------
    >>> d = pd.DataFrame({"region": ["620702", "620723"], "indicator": "gdp", "period": "2020",
    ...                   "value": [202.2, 80.1]})
    >>> print(describe_selection(d, "gdp", "2020", "en").data)
    2 regions have Gross domestic product for 2020: highest Ganzhou District (202.20), lowest Linze County (80.10), median 141.15 亿元.
    """
    from IPython.display import Markdown
    st = selection_stats(df, indicator, period, regions)
    name = label(indicator, lang=lang)
    if st["n"] == 0:
        return Markdown(t("selection_empty", lang, indicator=name, period=period))
    dec = int(load_indicators().at[indicator, "decimals"]) if indicator in load_indicators().index else 2
    fmt = f"{{:,.{dec}f}}"
    missing_text = t("selection_missing", lang, k=st["missing"]) if st["missing"] else ""
    text = t("selection_summary", lang, n=st["n"], indicator=name, period=period,
             top=label(st["top"], "region", lang), top_value=fmt.format(st["top_value"]),
             bottom=label(st["bottom"], "region", lang), bottom_value=fmt.format(st["bottom_value"]),
             median=fmt.format(st["median"]), unit=load_indicators().at[indicator, "unit"],
             missing_text=missing_text)
    return Markdown(text.strip())


def contribution_table(res, region: str, lang: str = "zh") -> pd.DataFrame:
    """The last comparison of ``region`` as a readable table (localised column names).

    Examples
    --------
    >>> from countyviz.contributions import contributions
    >>> d = pd.DataFrame({"region": "r", "period": ["2019", "2020"] * 4, "indicator": ["gdp"] * 2
    ...     + ["va_primary"] * 2 + ["va_secondary"] * 2 + ["va_tertiary"] * 2,
    ...     "value": [100, 110, 10, 11, 40, 43, 50, 56.0]})
    >>> contribution_table(contributions(d), "r", "en").columns.tolist()[:3]
    ['Component', 'Start level', 'End level']
    """
    agg = res.aggregate[res.aggregate["region"] == region]
    last = agg["period"].iloc[-1]
    tab = res.table[(res.table["region"] == region) & (res.table["period"] == last)]
    out = pd.DataFrame({
        t("component", lang): [label(c, lang=lang) for c in tab["component"]],
        t("level_start", lang): tab["level_start"].to_numpy(),
        t("level_end", lang): tab["level"].to_numpy(),
        t("change", lang): tab["change"].to_numpy(),
        t("share_start_pct", lang): tab["share_start_pct"].to_numpy(),
        t("contribution_pct", lang): tab["contribution_rate_pct"].to_numpy(),
        t("pull_pp", lang): tab["pull_pp"].to_numpy(),
    })
    return out.round(2)
