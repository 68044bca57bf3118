"""Readers for the raw public sources bundled in ``data/``, with their known defects repaired.

These are used by ``tools/build_data.py`` to (re)build the tidy files in ``data/tidy`` and
are tested on excerpts in ``tests/fixtures``. Each repair is documented where it happens
and counted in the returned report, so that nothing is changed silently.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError, Problem
from .io import read_text

__all__ = ["assign_codes_by_name", "normalise_growth", "read_hlghpz_yearbook"]

#: Column of the 长宁县 (Sichuan) row that holds the stray empty field (0-based).
_STRAY_FIELD_INDEX = 12


def read_hlghpz_yearbook(path: str | Path) -> tuple[pd.DataFrame, dict[str, str], dict]:
    """Read the transcribed 2020 county-yearbook table and repair its known defects.

    Layout: header row, a unit row (``Unit,...``), an empty ``Remark`` row, then one row
    per county; all values in the units of the unit row.

    Repairs (each counted in the returned report):

    * a row with exactly one field too many whose field 12 is empty (the 长宁县 row has a
      stray comma after 地方一般公共预算收入) loses that empty field; any other field-count
      mismatch is an error naming the row;
    * county names are stripped of inner and outer blanks (``"丰 县"`` -> ``"丰县"``);
    * a footnote digit typed after a name is removed (``"永川区1"`` -> ``"永川区"``);
    * empty trailing fields beyond the header are dropped.

    Returns
    -------
    table : DataFrame
        ``Area`` (repaired name), ``Province`` (label as given), then the value columns as
        text (parse with :func:`countyviz.parsing.parse_numbers`), and ``row`` (file line).
    units : dict
        Column name -> unit text from the unit row.
    report : dict
        ``{"stray_comma_rows": [...], "names_stripped": n}``.

    Examples
    --------
    >>> from countyviz.paths import data_dir
    >>> t, units, rep = read_hlghpz_yearbook(
    ...     data_dir().parent / "tests/fixtures/yearbook_excerpt_v2.csv")
    >>> units["地区生产总值"], rep["names_stripped"] > 0
    ('万元', True)
    """
    path = Path(path)
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    ncol = len(header)
    if len(rows) < 3 or rows[1][:1] != ["Unit"]:
        raise DataError.at(str(path), 2, None, "expected the unit row ('Unit,...') on row 2")
    units = dict(zip(header, rows[1], strict=False))
    report = {"stray_comma_rows": [], "names_stripped": 0}
    records, lines = [], []
    for lineno, r in enumerate(rows[3:], start=4):
        while len(r) > ncol and r[-1] == "" and len(r) - ncol != 1:
            r = r[:-1]
        if len(r) > ncol:
            extra = len(r) - ncol
            # v2 rows carry 2 empty trailing fields; strip those before judging.
            trailing = 0
            while trailing < extra and r[len(r) - 1 - trailing] == "":
                trailing += 1
            if len(r) - trailing == ncol:
                r = r[:ncol]
            elif len(r) - trailing == ncol + 1 and r[_STRAY_FIELD_INDEX] == "":
                r = (r[:_STRAY_FIELD_INDEX] + r[_STRAY_FIELD_INDEX + 1:])[:ncol]
                report["stray_comma_rows"].append(lineno)
            else:
                raise DataError.at(str(path), lineno, None,
                                   f"{len(r)} fields where the header has {ncol}")
        elif len(r) < ncol:
            if len(r) <= 1:
                continue
            raise DataError.at(str(path), lineno, None, f"{len(r)} fields where the header has {ncol}")
        name = "".join(r[0].split())
        if name != r[0]:
            report["names_stripped"] += 1
        if re.search(r"\d+$", name) and not re.fullmatch(r"\d+", name):
            # a footnote marker typed into the name ("永川区1")
            report.setdefault("footnote_digits_removed", []).append((lineno, name))
            name = re.sub(r"\d+$", "", name)
        records.append([name] + r[1:])
        lines.append(lineno)
    table = pd.DataFrame(records, columns=header, dtype="object")
    table["row"] = lines
    return table, units, report


def assign_codes_by_name(table: pd.DataFrame, regions: pd.DataFrame, *, name_col: str = "Area",
                         province_col: str = "Province", file: str = "",
                         fallback_province: pd.Series | None = None
                         ) -> tuple[pd.Series, pd.DataFrame]:
    """Join county names to 6-digit codes, tolerating wrong or double province labels.

    Names repeat across provinces (城关区, 朝阳县), so a name alone is not a key. For each
    row the candidate provinces are those in its label (``"甘肃省、青海省"`` gives two); the
    row matches the county of that name in one of them. Failing that, a name that is unique
    nationwide matches; failing that, ``fallback_province`` (e.g. the cleaner v1 label) is
    tried. Rows that still match zero or several counties are left without a code and
    listed in the report.

    Parameters
    ----------
    table : DataFrame
        With ``name_col`` and ``province_col``.
    regions : DataFrame
        County-level regions with columns ``code``, ``name_zh``, ``province_name``.

    Returns
    -------
    codes : Series of str (NaN where unmatched)
    report : DataFrame
        One row per input row: ``name, label, code, how`` with ``how`` in
        ``label``, ``unique_name``, ``fallback``, ``ambiguous``, ``unmatched``.

    Examples
    --------
    >>> regs = pd.DataFrame({"code": ["620702", "620102", "540102"],
    ...                      "name_zh": ["甘州区", "城关区", "城关区"],
    ...                      "province_name": ["甘肃省", "甘肃省", "西藏自治区"]})
    >>> t = pd.DataFrame({"Area": ["城关区", "甘州区"], "Province": ["甘肃省、青海省", "陕西省"]})
    >>> codes, rep = assign_codes_by_name(t, regs)
    >>> codes.tolist(), rep["how"].tolist()
    (['620102', '620702'], ['label', 'unique_name'])
    """
    by_name: dict[str, list[tuple[str, str]]] = {}
    for code, name, prov in regions[["code", "name_zh", "province_name"]].itertuples(index=False):
        by_name.setdefault(name, []).append((code, prov))
    codes, hows = [], []
    for i, (name, label) in enumerate(table[[name_col, province_col]].itertuples(index=False)):
        cands = by_name.get(name, [])
        provs = [p for p in str(label).split("、") if p]
        hit = [c for c, p in cands if p in provs]
        how = "label"
        if len(hit) != 1 and len(cands) == 1:
            hit, how = [cands[0][0]], "unique_name"
        if len(hit) != 1 and fallback_province is not None:
            fb = fallback_province.iat[i]
            if isinstance(fb, str):
                hit2 = [c for c, p in cands if p == fb]
                if len(hit2) == 1:
                    hit, how = hit2, "fallback"
        if len(hit) == 1:
            codes.append(hit[0])
        else:
            codes.append(np.nan)
            how = "ambiguous" if len(cands) > 1 else "unmatched"
        hows.append(how)
    report = pd.DataFrame({"name": table[name_col].to_numpy(), "label": table[province_col].to_numpy(),
                           "code": codes, "how": hows})
    return pd.Series(codes, index=table.index, dtype="object"), report


def normalise_growth(values: pd.Series, nominal_growth: pd.Series | None = None, *,
                     file: str = "", column: str = "GDPYoY",
                     rows: np.ndarray | None = None) -> tuple[pd.Series, pd.Series]:
    """Bring published growth figures to one convention: percent change (6.5 = +6.5 %).

    Statistical tables mix two conventions in one column: percent change (``6.5``) and an
    index with the previous year = 100 (``106.96``). A value is read as an index when it
    lies in [50, 250] -- no prefecture grows by more than 50 % in real terms, and an index
    below 50 would mean the economy halved -- and, where the nominal growth of the same
    row is known, when the index reading is closer to it than the percent reading.
    Values outside both plausible ranges raise an error.

    Returns
    -------
    growth : Series of float, percent change
    converted : Series of bool, True where an index was converted

    Examples
    --------
    >>> g, conv = normalise_growth(pd.Series([6.5, 106.96, -2.1, None]))
    >>> g.round(2).tolist(), conv.tolist()
    ([6.5, 6.96, -2.1, nan], [False, True, False, False])
    """
    v = pd.to_numeric(values, errors="raise").astype("float64")
    is_index = (v >= 50) & (v <= 250)
    if nominal_growth is not None:
        nom = nominal_growth.astype("float64")
        closer = (v - 100 - nom).abs() < (v - nom).abs()
        ambiguous = (v >= 30) & (v < 50) & nom.notna()
        is_index = is_index | (ambiguous & closer)
    bad = (v.notna() & ~is_index & ((v > 50) | (v < -50))).to_numpy()
    if bad.any():
        rows = np.arange(len(v)) + 2 if rows is None else np.asarray(rows)
        raise DataError([Problem(file, int(rows[i]), column,
                                 f"{v.iat[i]:g} is neither a plausible growth rate in percent "
                                 "nor an index with the previous year = 100")
                         for i in np.flatnonzero(bad)])
    out = v.where(~is_index, v - 100.0)
    return out, is_index.fillna(False).astype(bool)
