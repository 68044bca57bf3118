"""The bundled data set: every tidy file in ``data/tidy`` in one table."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .paths import data_dir
from .schema import TIDY_COLUMNS, to_categories

__all__ = ["FLAG_PRIORITY", "annual_values", "best_values", "bundled_files", "coverage",
           "load_bundled"]

#: Which figure wins when several sources give one (region, indicator, period, price basis).
FLAG_PRIORITY = {"published": 0, "estimated": 1, "derived": 2, "synthetic": 3}


def bundled_files() -> list[str]:
    """Names of the tidy files shipped in ``data/tidy`` (without suffix).

    Examples
    --------
    >>> "yearbook2020" in bundled_files()
    True
    """
    return sorted(p.name.split(".")[0] for p in (data_dir() / "tidy").glob("*.csv*"))


@lru_cache(maxsize=4)
def _load(names: tuple[str, ...]) -> pd.DataFrame:
    parts = []
    for name in names:
        path = next((data_dir() / "tidy").glob(f"{name}.csv*"))
        df = pd.read_csv(path, dtype={c: "string" for c in TIDY_COLUMNS if c != "value"},
                         keep_default_na=False, na_values=[""], engine="pyarrow")
        for c in ("price_basis", "source", "flag"):
            df[c] = df[c].fillna("")
        parts.append(df)
    return to_categories(pd.concat(parts, ignore_index=True))


def load_bundled(files: list[str] | None = None) -> pd.DataFrame:
    """Load the bundled tidy data (all files, or the named ones).

    The files were built and validated by ``tools/build_data.py``; this loader only
    reads them (fast, cached). The result is a copy: callers may modify it.

    Examples
    --------
    >>> df = load_bundled(["census"])
    >>> sorted(df["indicator"].unique().tolist())[:2]
    ['pop_resident', 'pop_rural']
    """
    names = tuple(sorted(files or bundled_files()))
    return _load(names).copy()


def coverage(df: pd.DataFrame) -> pd.DataFrame:
    """Counts of regions, periods and non-missing values per source and indicator.

    Examples
    --------
    >>> cov = coverage(load_bundled(["census"]))
    >>> int(cov.loc[cov["indicator"] == "pop_resident", "periods"].iloc[0])
    2
    """
    ok = df[df["value"].notna()].astype({"period": "string"})
    g = ok.groupby(["source", "indicator"], observed=True)
    out = g.agg(regions=("region", "nunique"), periods=("period", "nunique"),
                first=("period", "min"), last=("period", "max"), values=("value", "size"))
    return out.reset_index()


def best_values(df: pd.DataFrame) -> pd.DataFrame:
    """One figure per (region, indicator, period, price_basis): published before estimated
    before derived, then sources in the order of ``data/sources.csv``.

    The bundled data keeps every source's figure (e.g. a county's 2020 GDP from the yearbook
    and the same GDP derived from per-capita GDP x population); analyses want one.

    Examples
    --------
    >>> d = load_bundled(["yearbook2020", "csmar_county"])
    >>> b = best_values(d)
    >>> b.loc[(b.region == "620702") & (b.indicator == "gdp") & (b.period == "2020"), "flag"].tolist()
    ['published']
    """
    from .catalog import load_sources
    order = {s: i for i, s in enumerate(load_sources().index)}
    ok = df[df["value"].notna()]
    rank = (ok["flag"].astype(str).map(FLAG_PRIORITY).fillna(9) * 1000
            + ok["source"].astype(str).map(order).fillna(999))
    key = ["region", "indicator", "period", "price_basis"]
    out = ok.assign(_rank=rank.to_numpy()).sort_values("_rank", kind="stable")
    out = out.drop_duplicates(key, keep="first").drop(columns="_rank")
    return out.sort_index()


def annual_values(data: pd.DataFrame, as_of: int | None = None) -> pd.DataFrame:
    """Annual figures only, one per (region, indicator, year), at current prices.

    Keeps periods that are years, drops comparable-price figures, picks one figure per cell
    with :func:`best_values` (when the table has ``flag`` and ``source``), and adds an integer
    ``year`` column with ``region``/``indicator`` as plain strings. ``as_of`` drops later years.

    Examples
    --------
    >>> d = pd.DataFrame({"region": "r", "indicator": "gdp", "period": ["2019", "2020", "2020-06"],
    ...                   "value": [1.0, 2.0, 0.9]})
    >>> annual_values(d, as_of=2019)[["year", "value"]].values.tolist()
    [[2019.0, 1.0]]
    """
    d = data[data["period"].astype(str).str.fullmatch(r"\d{4}") & data["value"].notna()]
    if "price_basis" in d.columns:
        d = d[d["price_basis"].astype(str) != "comparable"]
    if "flag" in d.columns and "source" in d.columns:
        d = best_values(d)
    d = d.assign(year=d["period"].astype(str).astype(int).to_numpy(),
                 region=d["region"].astype(str), indicator=d["indicator"].astype(str))
    if as_of is not None:
        d = d[d["year"] <= int(as_of)]
    return d.drop_duplicates(["region", "indicator", "year"])
