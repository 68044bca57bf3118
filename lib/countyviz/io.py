"""Load and save county data: tidy long files and wide statistical-yearbook tables.

Accepted formats: CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 as Chinese offices often
save them), Excel (``.xlsx``) and Parquet. Input files are only ever read; outputs are
written atomically (to a temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError, DataWarning, Problem
from .parsing import parse_numbers
from .schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TIDY_COLUMNS, to_categories, validate_tidy

__all__ = ["atomic_path", "read_table", "read_text", "read_tidy", "read_wide", "split_header_unit",
           "missing_cells", "tidy_from_frame", "write_tidy"]

_ENCODINGS = ("utf-8-sig", "gb18030")


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (with or without BOM) or, failing that, GBK/GB18030.

    Raises
    ------
    DataError
        If the file decodes as neither, naming the file and the first bad byte's line.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "gbk.csv")
    >>> _ = open(p, "wb").write("地区,2020\\n甘州区,1\\n".encode("gbk"))
    >>> read_text(p).splitlines()[1]
    '甘州区,1'
    """
    raw = Path(path).read_bytes()
    first_error = None
    for enc in _ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as err:
            first_error = first_error or err
    line = raw[: first_error.start].count(b"\n") + 1
    raise DataError.at(str(path), line, None,
                       f"cannot decode byte {raw[first_error.start]:#04x} at offset "
                       f"{first_error.start}: the file is neither UTF-8 nor GBK/GB18030")


def read_table(path: str | Path, *, sheet: str | int = 0, dtype: str | None = "string",
               header: int | None = 0) -> pd.DataFrame:
    """Read a CSV, Excel or Parquet file into a DataFrame, text cells kept as text.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = open(p, "w", encoding="utf-8").write("a,b\\n1,—\\n")
    >>> read_table(p)["b"].tolist()
    ['—']
    """
    path = Path(path)
    if not path.exists():
        raise DataError.at(str(path), None, None, "file not found")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        import io as _io
        sep = "\t" if suffix == ".tsv" else ","
        try:
            return pd.read_csv(_io.StringIO(read_text(path)), dtype=dtype, sep=sep,
                               keep_default_na=False, na_values=[""], header=header)
        except pd.errors.ParserError as err:
            m = re.search(r"line (\d+)", str(err))
            raise DataError.at(str(path), int(m.group(1)) if m else None, None,
                               f"malformed CSV: {err}") from None
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(path, sheet_name=sheet, dtype=dtype, header=header)
    if suffix in (".parquet", ".pq"):
        return pd.read_parquet(path)
    raise DataError.at(str(path), None, None,
                       f"unsupported file type {suffix!r} (use .csv, .xlsx or .parquet)")


def _file_rows(df: pd.DataFrame, path: Path, header_rows: int = 1) -> np.ndarray:
    # Parquet has no rows a person could open; report 1-based record numbers there.
    if path.suffix.lower() in (".parquet", ".pq"):
        return np.arange(len(df)) + 1
    return np.arange(len(df)) + 1 + header_rows


def read_tidy(path: str | Path, *, check_codes: bool = True, source: str | None = None,
              convert_units: bool = True) -> pd.DataFrame:
    """Read a tidy long file, clean its figures, convert units and validate it.

    Parameters
    ----------
    path : path-like
        CSV, Excel or Parquet with at least ``region, indicator, period, value, unit``;
        optional ``price_basis, source, flag`` (defaults ``""``, the file name, ``published``).
    check_codes : bool
        Check region and indicator codes against the catalogues.
    source : str, optional
        Source id for rows without one.
    convert_units : bool
        Convert each value to its indicator's catalogue unit (needs ``check_codes``).

    Returns
    -------
    DataFrame
        The tidy table (categorical text columns) in catalogue units. Figures printed as
        withheld or no-data markers are NaN; their locations are in
        ``df.attrs["missing"]`` (records of ``file, row, column, raw, reason``; see
        :func:`missing_cells`).

    Raises
    ------
    DataError
        Naming file, row and column: missing columns, non-numeric cells, unknown codes,
        unknown or incompatible units, bad periods, negative values where impossible,
        conflicting duplicates.

    Warns
    -----
    DataWarning
        For exact duplicate rows (dropped) and withheld figures.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "region,indicator,period,value,unit\\n620702,gdp,2020,\\"2,022,003\\",万元\\n")
    >>> read_tidy(p)[["value", "unit"]].values.tolist()
    [[202.2003, '亿元']]
    """
    path = Path(path)
    df = read_table(path)
    return tidy_from_frame(df, file=str(path), rows=_file_rows(df, path),
                           source=source or path.stem, check_codes=check_codes,
                           convert_units=convert_units)


def tidy_from_frame(df: pd.DataFrame, *, file: str = "", rows: np.ndarray | None = None,
                    source: str = "", check_codes: bool = True, convert_units: bool = True,
                    cell_columns: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """Clean and validate a DataFrame in the tidy layout (see :func:`read_tidy`).

    ``rows`` gives each record's row in the original file and ``cell_columns`` optionally
    maps a tidy column (``"value"``, ``"unit"``, ``"region"``) to the original column name
    of each record, so that errors point at the cell a person sees (used by
    :func:`read_wide`).
    """
    from .catalog import load_indicators, load_regions

    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise DataError([Problem(file, 1, c, "required column is missing (a tidy file needs "
                                 f"{', '.join(REQUIRED_COLUMNS)})") for c in missing])
    df = df.copy()
    rows = np.arange(len(df)) + 2 if rows is None else np.asarray(rows)
    cell_columns = cell_columns or {}

    def where(col: str, i: int) -> str:
        return str(cell_columns[col][i]) if col in cell_columns else col

    def fail(mask: np.ndarray, col: str, msg) -> None:
        idx = np.flatnonzero(mask)
        if len(idx):
            raise DataError([Problem(file, int(rows[i]), where(col, i), msg(i)) for i in idx])

    for col, default in OPTIONAL_COLUMNS.items():
        fill = source if col == "source" else default
        df[col] = df[col].astype("string").fillna(fill) if col in df.columns else fill
    for col in ("region", "indicator", "period", "unit"):
        fail(df[col].isna().to_numpy(), col, lambda i: "empty cell")
        df[col] = df[col].astype("string").str.strip()
    df["value"], miss = parse_numbers(df["value"], file=file, column=where("value", 0)
                                      if "value" in cell_columns else "value", rows=rows)
    ind = load_indicators() if check_codes else None
    base = df["indicator"].str.split("@").str[0]
    if check_codes:
        reg = load_regions()
        fail(~base.isin(ind.index).to_numpy(bool), "indicator",
             lambda i: f"unknown indicator code {df['indicator'].iat[i]!r} "
                       "(not in data/catalog/indicators.csv)")
        fail(~df["region"].isin(reg.index).to_numpy(bool), "region",
             lambda i: f"unknown region code {df['region'].iat[i]!r} "
                       "(not in data/catalog/regions.csv)")
    if convert_units and check_codes:
        from .units import convert, normalise_unit
        is_growth = df["indicator"].str.contains("@", regex=False).to_numpy(bool)
        target = base.map(ind["unit"]).where(~is_growth, "%")
        given = df["unit"].map(lambda u: normalise_unit(u) or u)
        try:
            df["value"] = convert(df["value"], given, target, file=file, rows=rows)
        except DataError as err:
            pos = {int(r): i for i, r in enumerate(rows)}
            raise DataError([Problem(p.file, p.row, where("unit", pos[p.row]) if p.row in pos
                                     else p.column, p.message) for p in err.problems]) from None
        df["unit"] = target
    dups = df.duplicated(keep="first").to_numpy()
    if dups.any():
        warnings.warn(f"{file}: dropped {int(dups.sum())} exact duplicate row(s), e.g. row "
                      f"{int(rows[np.flatnonzero(dups)[0]])}", DataWarning, stacklevel=3)
        df, rows = df.loc[~dups], rows[~dups]
    validate_tidy(df, file=file, rows=rows, indicators=ind if check_codes else None)
    withheld = miss[miss["reason"] == "withheld"] if len(miss) else miss
    if len(withheld):
        warnings.warn(f"{file}: {len(withheld)} withheld figure(s) ('*') read as missing, e.g. "
                      f"row {int(withheld['row'].iat[0])}", DataWarning, stacklevel=3)
    out = to_categories(df[list(TIDY_COLUMNS)].reset_index(drop=True))
    out.attrs["missing"] = miss.to_dict("records")
    out.attrs["file"] = file
    return out


_HEADER_UNIT = re.compile(r"^\s*(?P<name>.+?)\s*[（(](?P<unit>[^）)]+)[）)]\s*$")


def split_header_unit(header: str) -> tuple[str, str | None]:
    """Split a yearbook column header into name and unit.

    Examples
    --------
    >>> split_header_unit("地区生产总值（万元）")
    ('地区生产总值', '万元')
    >>> split_header_unit("GDP")
    ('GDP', None)
    """
    m = _HEADER_UNIT.match(str(header))
    if m:
        return m.group("name"), m.group("unit")
    return str(header).strip(), None


def _indicator_lookup() -> Callable[[str], str | None]:
    from .catalog import load_indicators
    ind = load_indicators()
    table: dict[str, str] = {}
    for code, row in ind.iterrows():
        table[code] = code
        table[str(row["name_zh"])] = code
        table[str(row["name_en"]).lower()] = code
        for a in str(row.get("aliases_zh") or "").split(";"):
            if a and a != "nan":
                table.setdefault(a, code)
    return lambda name: table.get(name) or table.get(name.lower())


def read_wide(path: str | Path, *, layout: str = "indicators", region_col: str | None = None,
              period: str | None = None, indicator: str | None = None, unit: str | None = None,
              region_by: str = "code", province: str | None = None, source: str | None = None,
              sheet: str | int = 0, skip_rows: int = 0) -> pd.DataFrame:
    """Read a wide statistical-yearbook table into the tidy format.

    Parameters
    ----------
    path : path-like
        CSV, Excel or Parquet; regions as rows.
    layout : {"indicators", "years"}
        ``"indicators"``: one column per indicator (``地区生产总值（万元）``), all for
        ``period``. ``"years"``: one column per year (``2018``, ``2019年``), all of
        ``indicator`` in ``unit``.
    region_col : str, optional
        The column naming the regions (default: the first column).
    region_by : {"code", "name"}
        Whether that column holds codes or Chinese names; names are matched within
        ``province`` (a province code) when given.
    period, indicator, unit : str
        See ``layout``. In the indicators layout each header carries its unit in brackets.
    skip_rows : int
        Rows between the header and the data (e.g. a units row).

    Returns
    -------
    DataFrame
        Tidy table in catalogue units, validated like :func:`read_tidy`.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "yb.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "地区,地区生产总值（万元）,第一产业增加值（万元）\\n甘州区,\\"2,022,003\\",*\\n")
    >>> t = read_wide(p, period="2020", region_by="name", province="620000")
    >>> t[["region", "indicator", "value"]].values.tolist()
    [['620702', 'gdp', 202.2003], ['620702', 'va_primary', nan]]
    """
    from .catalog import load_regions

    path = Path(path)
    file = str(path)
    df = read_table(path, sheet=sheet)
    header_rows = 1 + skip_rows
    if skip_rows:
        df = df.iloc[skip_rows:]
    rows = _file_rows(df, path, header_rows)
    region_col = region_col or df.columns[0]
    if region_col not in df.columns:
        raise DataError.at(file, 1, region_col, "region column not found")
    names = df[region_col].astype("string").str.replace(r"\s+", "", regex=True)
    if region_by == "name":
        reg = load_regions()
        cand = reg if province is None else reg[reg["province"] == province]
        lookup = {}
        for code, nm in cand["name_zh"].items():
            lookup.setdefault(nm, []).append(code)
        codes, problems = [], []
        for i, nm in enumerate(names):
            hit = lookup.get(nm, [])
            if len(hit) != 1:
                why = "is ambiguous (give province=)" if hit else "is not a known region"
                problems.append(Problem(file, int(rows[i]), region_col, f"region name {nm!r} {why}"))
            codes.append(hit[0] if hit else None)
        if problems:
            raise DataError(problems)
        region = pd.Series(codes, index=df.index)
    else:
        region = names
    value_cols = [c for c in df.columns if c != region_col]
    if layout == "indicators":
        if period is None:
            raise DataError.at(file, None, None, "layout='indicators' needs period=")
        lookup = _indicator_lookup()
        specs, problems = [], []
        for c in value_cols:
            name, u = split_header_unit(c)
            code = lookup(name)
            if code is None:
                problems.append(Problem(file, 1, str(c), f"header {name!r} matches no indicator "
                                        "(name_zh, name_en or aliases_zh in the catalogue)"))
            elif u is None and unit is None:
                problems.append(Problem(file, 1, str(c), "no unit in the header (write e.g. "
                                        "'地区生产总值（万元）') and none given"))
            specs.append((c, code, u or unit))
        if problems:
            raise DataError(problems)
        long = [pd.DataFrame({"region": region, "indicator": code, "period": period,
                              "value": df[c], "unit": u, "_row": rows, "_col": str(c)})
                for c, code, u in specs]
    elif layout == "years":
        if indicator is None or unit is None:
            raise DataError.at(file, None, None, "layout='years' needs indicator= and unit=")
        long = []
        for c in value_cols:
            m = re.fullmatch(r"\s*(\d{4})\s*年?\s*", str(c))
            if not m:
                raise DataError.at(file, 1, str(c), "column header is not a year (e.g. 2020 or 2020年)")
            long.append(pd.DataFrame({"region": region, "indicator": indicator, "period": m.group(1),
                                      "value": df[c], "unit": unit, "_row": rows, "_col": str(c)}))
    else:
        raise ValueError(f"layout must be 'indicators' or 'years', not {layout!r}")
    tidy = pd.concat(long, ignore_index=True)
    parsed, miss_all = [], []
    for col, grp in tidy.groupby("_col", sort=False):
        vals, miss = parse_numbers(grp["value"], file=file, column=col,
                                   rows=grp["_row"].to_numpy())
        parsed.append(vals)
        miss_all.append(miss)
    tidy["value"] = pd.concat(parsed)
    cols = tidy["_col"].to_numpy()
    out = tidy_from_frame(tidy.drop(columns=["_row", "_col"]), file=file,
                          rows=tidy["_row"].to_numpy(), source=source or path.stem,
                          cell_columns={"value": cols, "unit": cols, "indicator": cols,
                                        "region": np.full(len(tidy), region_col)})
    out.attrs["missing"] = pd.concat(miss_all, ignore_index=True).to_dict("records")
    return out


def missing_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Where a loaded table had blank, no-data or withheld figures (file, row, column, raw, reason).

    Examples
    --------
    >>> missing_cells(pd.DataFrame()).columns.tolist()
    ['file', 'row', 'column', 'raw', 'reason']
    """
    return pd.DataFrame(df.attrs.get("missing", []),
                        columns=["file", "row", "column", "raw", "reason"])


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path next to ``path``; rename it into place only on success.

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with atomic_path(target) as tmp:
    ...     _ = open(tmp, "w").write("done")
    >>> open(target).read()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tidy(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a tidy table atomically as CSV or Parquet (by the file's suffix).

    Examples
    --------
    >>> import tempfile, os
    >>> from countyviz.schema import empty_tidy
    >>> p = write_tidy(empty_tidy(), os.path.join(tempfile.mkdtemp(), "t.parquet"))
    >>> p.exists()
    True
    """
    path = Path(path)
    out = pd.DataFrame(df[list(TIDY_COLUMNS)])
    out.attrs = {}
    with atomic_path(path) as tmp:
        if path.suffix.lower() in (".parquet", ".pq"):
            # dictionary-encoded codes: small files that load straight into categoricals
            to_categories(out).to_parquet(tmp, index=False)
        else:
            out.to_csv(tmp, index=False, encoding="utf-8", float_format="%.10g")
    return path
