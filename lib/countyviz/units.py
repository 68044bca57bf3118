"""Explicit unit conversion driven by ``data/catalog/units.csv``.

Every unit belongs to a dimension (money in yuan, persons, percent, ...) and has a factor
to that dimension's base unit. Converting between units of the same dimension multiplies
by the ratio of factors; converting across dimensions is an error.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import DataError, Problem
from .paths import catalog_path

__all__ = ["conversion_factor", "convert", "load_units", "normalise_unit"]


@lru_cache(maxsize=1)
def load_units() -> pd.DataFrame:
    """The unit catalogue, indexed by canonical unit.

    Examples
    --------
    >>> float(load_units().loc["亿元", "factor"])
    100000000.0
    """
    df = pd.read_csv(catalog_path("units.csv"), dtype={"unit": str, "aliases": str})
    df["factor"] = df["factor"].astype("float64")
    return df.set_index("unit")


@lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    units = load_units()
    out = {u: u for u in units.index}
    for unit, aliases in units["aliases"].dropna().items():
        for a in str(aliases).split(";"):
            if a.strip():
                out[a.strip()] = unit
    return out


def normalise_unit(unit: str) -> str | None:
    """Map a unit as printed (``"（万元）"``, ``"CNY"``) to its canonical form, or None.

    Examples
    --------
    >>> normalise_unit("（万元）")
    '万元'
    >>> normalise_unit("furlongs") is None
    True
    """
    if unit is None or (isinstance(unit, float) and np.isnan(unit)):
        return None
    u = str(unit).strip().strip("()（）[]【】").strip()
    u = u.replace("％", "%")
    return _alias_map().get(u)


def conversion_factor(from_unit: str, to_unit: str, *, where: str = "") -> float:
    """Factor to multiply values in ``from_unit`` by to express them in ``to_unit``.

    Raises
    ------
    DataError
        If either unit is unknown or the two measure different things.

    Examples
    --------
    >>> conversion_factor("万元", "亿元")
    0.0001
    """
    units = load_units()
    f, t = normalise_unit(from_unit), normalise_unit(to_unit)
    if f is None or t is None:
        bad = from_unit if f is None else to_unit
        raise DataError([Problem(where, None, "unit", f"unknown unit {bad!r} (see data/catalog/units.csv)")])
    if units.at[f, "dimension"] != units.at[t, "dimension"]:
        raise DataError([Problem(where, None, "unit",
                                 f"cannot convert {from_unit!r} ({units.at[f, 'dimension']}) "
                                 f"to {to_unit!r} ({units.at[t, 'dimension']})")])
    return float(units.at[f, "factor"] / units.at[t, "factor"])


def convert(values: pd.Series, from_units: pd.Series, to_units: pd.Series, *,
            file: str = "", rows: np.ndarray | None = None) -> pd.Series:
    """Convert each value from its unit to a target unit (row by row, vectorised per unit pair).

    Parameters
    ----------
    values : Series of float
    from_units, to_units : Series of str
        Unit of each value as given and as wanted (e.g. the indicator's catalogue unit).
    file : str
        Source file, for error messages.
    rows : array of int, optional
        File row numbers for error messages.

    Raises
    ------
    DataError
        Naming file, row and column ``unit`` for every row whose unit is unknown or of
        another dimension than the target.

    Examples
    --------
    >>> convert(pd.Series([12000.0]), pd.Series(["万元"]), pd.Series(["亿元"])).tolist()
    [1.2]
    """
    if rows is None:
        rows = np.arange(len(values)) + 2
    rows = np.asarray(rows)
    pairs = pd.DataFrame({"f": from_units.astype(str).to_numpy(), "t": to_units.astype(str).to_numpy()})
    factor = np.ones(len(values))
    problems: list[Problem] = []
    for (f, t), idx in pairs.groupby(["f", "t"], sort=False).indices.items():
        if f == t:
            continue
        try:
            factor[idx] = conversion_factor(f, t)
        except DataError as err:
            msg = err.problems[0].message
            problems.extend(Problem(file, int(r), "unit", msg) for r in rows[idx])
    if problems:
        raise DataError(problems)
    return values * factor
