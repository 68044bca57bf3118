"""The catalogues in ``data/catalog``: indicators, regions, sources and targets.

Each catalogue is a plain CSV file; the loaders check its schema and return a DataFrame
indexed by code. Names come in Chinese (``name_zh``) and English (``name_en``);
:func:`label` picks one by language.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .errors import DataError, Problem
from .paths import catalog_path, data_dir

__all__ = ["INDICATOR_KINDS", "REGION_LEVELS", "indicator_components", "label",
           "load_indicators", "load_regions", "load_sources", "load_targets", "region_children"]

INDICATOR_KINDS = ("flow", "stock", "rate", "ratio", "index")
REGION_LEVELS = ("country", "province", "prefecture", "county", "district", "county_city",
                 "aggregate", "park")
DIRECTIONS = ("higher", "lower", "neutral")


def _read(name: str, dtype: dict | None = None) -> pd.DataFrame:
    path = catalog_path(name)
    if not path.exists():
        raise DataError([Problem(str(path), None, None, "catalogue file is missing")])
    return pd.read_csv(path, dtype=dtype or {}, keep_default_na=False, na_values=[""])


def _require(df: pd.DataFrame, file: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError([Problem(file, 1, c, "required catalogue column is missing")
                         for c in missing])


def _check_values(df: pd.DataFrame, file: str, column: str, allowed) -> None:
    bad = ~df[column].isin(allowed)
    if bad.any():
        raise DataError([Problem(file, int(i) + 2, column,
                                 f"{df[column].iat[i]!r} is not one of {list(allowed)}")
                         for i in bad.to_numpy().nonzero()[0]])


def _check_unique(df: pd.DataFrame, file: str, column: str) -> None:
    dup = df[column].duplicated(keep=False)
    if dup.any():
        raise DataError([Problem(file, int(i) + 2, column, f"code {df[column].iat[i]!r} repeats")
                         for i in dup.to_numpy().nonzero()[0]])


@lru_cache(maxsize=1)
def load_indicators() -> pd.DataFrame:
    """Indicator catalogue indexed by ``code``.

    Columns: ``name_zh, name_en, unit, kind, additive, components, direction,
    per_capita_denominator, nonnegative, decimals, aliases_zh, description_en``.
    ``components`` is a tuple of codes (empty when the indicator is not a declared sum).

    Examples
    --------
    >>> ind = load_indicators()
    >>> ind.loc["gdp", "components"]
    ('va_primary', 'va_secondary', 'va_tertiary')
    >>> ind.loc["gdp", "unit"]
    '亿元'
    """
    file = "data/catalog/indicators.csv"
    df = _read("indicators.csv", {"code": str})
    _require(df, file, ["code", "name_zh", "name_en", "unit", "kind", "additive", "components",
                        "direction", "per_capita_denominator", "nonnegative", "decimals"])
    _check_unique(df, file, "code")
    _check_values(df, file, "kind", INDICATOR_KINDS)
    _check_values(df, file, "direction", DIRECTIONS)
    from .units import load_units
    _check_values(df, file, "unit", list(load_units().index))
    for col in ("additive", "nonnegative"):
        df[col] = df[col].map({"true": True, "false": False, True: True, False: False})
        if df[col].isna().any():
            _check_values(df, file, col, [True, False])
    df["components"] = df["components"].fillna("").map(
        lambda s: tuple(c for c in str(s).split(";") if c))
    codes = set(df["code"])
    bad = [Problem(file, int(i) + 2, "components", f"unknown component {c!r}")
           for i, comps in enumerate(df["components"]) for c in comps if c not in codes]
    bad += [Problem(file, int(i) + 2, "per_capita_denominator", f"unknown indicator {d!r}")
            for i, d in enumerate(df["per_capita_denominator"]) if pd.notna(d) and d not in codes]
    if bad:
        raise DataError(bad)
    df["decimals"] = df["decimals"].astype("int64")
    return df.set_index("code")


@lru_cache(maxsize=1)
def load_regions() -> pd.DataFrame:
    """Region catalogue indexed by ``code``.

    Columns: ``name_zh, name_en, level, parent, province, functional_zone, source``.
    Counties, districts and county-level cities carry their 6-digit GB/T 2260 code
    (2020 vintage); groupings used by plans have codes such as ``620700_COUNTIES``.

    Examples
    --------
    >>> reg = load_regions()
    >>> reg.loc["620702", ["name_zh", "name_en", "level", "parent"]].tolist()
    ['甘州区', 'Ganzhou District', 'district', '620700']
    """
    file = "data/catalog/regions.csv"
    df = _read("regions.csv", {"code": str, "parent": str, "province": str})
    _require(df, file, ["code", "name_zh", "name_en", "level", "parent", "province"])
    _check_unique(df, file, "code")
    _check_values(df, file, "level", REGION_LEVELS)
    known = set(df["code"])
    bad = df["parent"].notna() & ~df["parent"].isin(known)
    if bad.any():
        raise DataError([Problem(file, int(i) + 2, "parent", f"unknown parent {df['parent'].iat[i]!r}")
                         for i in bad.to_numpy().nonzero()[0]])
    return df.set_index("code")


@lru_cache(maxsize=1)
def load_sources() -> pd.DataFrame:
    """Source catalogue (``data/sources.csv``) indexed by ``source`` id.

    Examples
    --------
    >>> "census" in load_sources().index
    True
    """
    df = pd.read_csv(data_dir() / "sources.csv", keep_default_na=False)
    _require(df, "data/sources.csv", ["source", "title", "origin", "licence"])
    return df.set_index("source")


def load_targets() -> pd.DataFrame:
    """Plan targets (``data/catalog/targets.csv``), one row per target.

    Columns: ``target_id, region, subject_zh, indicator, kind, baseline_year,
    baseline_value, target_year, target_value, unit, comparison, benchmark, source,
    note``. ``kind`` is one of level, cagr, share, milestone, change_vs_baseline,
    relative_growth, ordering.

    Examples
    --------
    >>> t = load_targets()
    >>> row = t.loc[t["region"] == "620702"].iloc[0]
    >>> row["indicator"], int(row["target_year"]), float(row["target_value"])
    ('gdp', 2020, 200.0)
    """
    file = "data/catalog/targets.csv"
    df = _read("targets.csv", {"target_id": str, "region": str})
    _require(df, file, ["target_id", "region", "indicator", "kind", "target_year",
                        "target_value", "unit", "comparison", "source"])
    _check_unique(df, file, "target_id")
    _check_values(df, file, "kind", ["level", "cagr", "share", "milestone",
                                     "change_vs_baseline", "relative_growth", "ordering"])
    _check_values(df, file, "comparison", [">", ">=", "<", "<="])
    for col, cat in (("region", load_regions()), ("indicator", load_indicators())):
        bad = ~df[col].isin(cat.index)
        if bad.any():
            raise DataError([Problem(file, int(i) + 2, col, f"unknown {col} {df[col].iat[i]!r}")
                             for i in bad.to_numpy().nonzero()[0]])
    df["target_year"] = df["target_year"].astype("int64")
    return df


def indicator_components(code: str) -> tuple[str, ...]:
    """Component indicators of an additive aggregate as the catalogue declares them.

    Raises
    ------
    DataError
        If the indicator is unknown or has no declared components.

    Examples
    --------
    >>> indicator_components("gdp")
    ('va_primary', 'va_secondary', 'va_tertiary')
    """
    ind = load_indicators()
    if code not in ind.index:
        raise DataError(f"unknown indicator {code!r} (not in data/catalog/indicators.csv)")
    comps = ind.at[code, "components"]
    if not comps:
        raise DataError(f"indicator {code!r} is not declared as a sum of components "
                        "in data/catalog/indicators.csv")
    return comps


def region_children(code: str, levels: tuple[str, ...] = ("county", "district", "county_city")
                    ) -> list[str]:
    """Codes of the regions directly or indirectly under ``code`` at the given levels.

    Examples
    --------
    >>> region_children("620700")
    ['620702', '620721', '620722', '620723', '620724', '620725']
    """
    reg = load_regions()
    parent = reg["parent"]
    out, frontier = [], [code]
    while frontier:
        kids = parent.index[parent.isin(frontier)].tolist()
        out += kids
        frontier = kids
    return sorted(c for c in out if reg.at[c, "level"] in levels)


def label(code: str, kind: str = "indicator", lang: str = "zh") -> str:
    """Name of an indicator or region in the chosen language (``"zh"`` or ``"en"``).

    Examples
    --------
    >>> label("gdp", lang="en"), label("gdp", lang="zh")
    ('Gross domestic product', '地区生产总值')
    >>> label("industrial_output@yoy", lang="zh")
    '工业总产值同比增速'
    >>> label("fai@growth", lang="en")
    'Fixed-asset investment, growth'
    """
    if kind == "indicator" and "@" in code:
        base, measure = code.split("@", 1)
        suffix = {"yoy": ("同比增速", "year-on-year growth"),
                  "growth": ("增速", "growth")}.get(measure, (measure, measure))
        return (f"{label(base, kind, lang)}{suffix[0]}" if lang == "zh"
                else f"{label(base, kind, lang)}, {suffix[1]}")
    cat = load_indicators() if kind == "indicator" else load_regions()
    col = "name_zh" if lang == "zh" else "name_en"
    return str(cat.at[code, col]) if code in cat.index else code
