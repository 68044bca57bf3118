"""The tidy long table every module exchanges, and its validation.

Columns
-------
region : str
    Region code: official 6-digit administrative division code (GB/T 2260) or a code from
    ``data/catalog/regions.csv`` for groupings (e.g. ``620700_COUNTIES``) and parks.
indicator : str
    Indicator code from ``data/catalog/indicators.csv``.
period : str
    ``"2020"`` (year), ``"2023-08"`` (month; for year-to-date data the cumulative value to
    the end of that month), or ``"2023Q2"`` (quarter).
value : float
    The figure in ``unit``; missing figures are NaN (never zero).
unit : str
    Canonical unit from ``data/catalog/units.csv``; the loaders convert to the indicator's
    catalogue unit.
price_basis : str
    ``"current"``, ``"comparable"`` or ``""`` where prices do not apply.
source : str
    Source identifier from ``data/sources.csv``.
flag : str
    ``"published"``, ``"derived"`` (computed here from published figures), ``"estimated"``
    or ``"synthetic"``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .errors import DataError, Problem

__all__ = ["FLAGS", "OPTIONAL_COLUMNS", "PERIOD_PATTERN", "PRICE_BASES", "REQUIRED_COLUMNS",
           "TIDY_COLUMNS", "empty_tidy", "period_year", "to_categories", "validate_tidy"]

REQUIRED_COLUMNS = ("region", "indicator", "period", "value", "unit")
OPTIONAL_COLUMNS = {"price_basis": "", "source": "", "flag": "published"}
TIDY_COLUMNS = REQUIRED_COLUMNS + tuple(OPTIONAL_COLUMNS)
FLAGS = ("published", "derived", "estimated", "synthetic")
PRICE_BASES = ("current", "comparable", "")
PERIOD_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$")
_CATEGORICAL = ("region", "indicator", "unit", "price_basis", "source", "flag")


def empty_tidy() -> pd.DataFrame:
    """An empty tidy table with the right columns and dtypes.

    Examples
    --------
    >>> list(empty_tidy().columns)
    ['region', 'indicator', 'period', 'value', 'unit', 'price_basis', 'source', 'flag']
    """
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in TIDY_COLUMNS})
    df["value"] = df["value"].astype("float64")
    return to_categories(df)


def to_categories(df: pd.DataFrame) -> pd.DataFrame:
    """Store the repeated text columns (codes, units, sources) as categoricals (memory and speed)."""
    out = df.copy()
    for c in _CATEGORICAL:
        if c in out.columns and not isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype("string").astype("category")
    if "period" in out.columns:
        # periods stay text (ordered comparisons such as period >= "2015" must work)
        out["period"] = out["period"].astype("string")
    return out


def period_year(period: pd.Series) -> pd.Series:
    """Calendar year of each period string.

    Examples
    --------
    >>> period_year(pd.Series(["2020", "2023-08", "2019Q4"])).tolist()
    [2020, 2023, 2019]
    """
    return pd.to_numeric(period.astype("string").str.slice(0, 4)).astype("int64")


def validate_tidy(df: pd.DataFrame, *, file: str = "", rows: np.ndarray | None = None,
                  indicators: pd.DataFrame | None = None,
                  regions: pd.DataFrame | None = None) -> None:
    """Check a tidy table; raise :class:`DataError` naming file, row and column.

    Checks: required columns present; periods well formed; values finite or NaN;
    flags and price bases from the allowed sets; unique (region, indicator, period,
    price_basis); codes known to the catalogues when given; non-negative indicators
    not negative.

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["620702"], "indicator": ["gdp"], "period": ["20x0"],
    ...                    "value": [1.0], "unit": ["亿元"]})
    >>> validate_tidy(df, file="mine.csv")
    Traceback (most recent call last):
    ...
    countyviz.errors.DataError: mine.csv, row 2, column 'period': '20x0' is not a period ...
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise DataError([Problem(file, 1, c, "required column is missing "
                                 f"(a tidy table needs {', '.join(REQUIRED_COLUMNS)})")
                         for c in missing])
    rows = np.arange(len(df)) + 2 if rows is None else np.asarray(rows)
    problems: list[Problem] = []

    def flag_rows(mask: np.ndarray, column: str, make_msg) -> None:
        for i in np.flatnonzero(mask)[: DataError.max_shown + 1]:
            problems.append(Problem(file, int(rows[i]), column, make_msg(i)))

    period = df["period"].astype("string").fillna("")
    ok = period.str.fullmatch(PERIOD_PATTERN.pattern).fillna(False).to_numpy(bool)
    flag_rows(~ok, "period",
              lambda i: f"{period.iat[i]!r} is not a period (YYYY, YYYY-MM or YYYYQn)")
    vals = df["value"].to_numpy("float64", na_value=np.nan)
    flag_rows(np.isinf(vals), "value", lambda i: "value is infinite")
    for col, allowed in (("flag", FLAGS), ("price_basis", PRICE_BASES)):
        if col in df.columns:
            s = df[col].astype("string").fillna("")
            bad = ~s.isin(allowed).to_numpy(bool)
            flag_rows(bad, col, lambda i, s=s, allowed=allowed:
                      f"{s.iat[i]!r} is not one of {', '.join(repr(a) for a in allowed)}")
    for col, cat in (("indicator", indicators), ("region", regions)):
        if cat is not None:
            s = df[col].astype("string")
            # "<code>@yoy" is the published year-on-year growth (%) of indicator <code>
            base = s.str.split("@").str[0] if col == "indicator" else s
            bad = ~base.isin(cat.index).to_numpy(bool)
            flag_rows(bad, col, lambda i, s=s, col=col:
                      f"unknown {col} code {s.iat[i]!r} (not in data/catalog/{col}s.csv)")
    if indicators is not None and "nonnegative" in indicators.columns:
        nonneg = df["indicator"].astype("string").map(indicators["nonnegative"]).fillna(False)
        bad = nonneg.to_numpy(bool) & (vals < 0)
        flag_rows(bad, "value", lambda i: f"{vals[i]:g} is negative, impossible for "
                  f"indicator {df['indicator'].iat[i]!r}")
    key = [c for c in ("region", "indicator", "period", "price_basis") if c in df.columns]
    dup = df.duplicated(key, keep=False).to_numpy()
    if dup.any():
        sub = df.loc[dup, key + ["value"]].assign(_row=rows[dup])
        for _, grp in sub.groupby(key, observed=True, sort=False):
            if grp["value"].nunique(dropna=False) > 1:
                r = grp["_row"].tolist()
                problems.append(Problem(file, int(r[0]), "value",
                                        f"conflicting duplicates for {tuple(grp.iloc[0][key])}: "
                                        f"rows {r} give {grp['value'].tolist()}"))
                if len(problems) > DataError.max_shown:
                    break
    if problems:
        raise DataError(problems)
