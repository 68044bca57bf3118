"""Turn figures as printed in Chinese statistical reports into numbers.

Reports print thousands separators (``1,234.5``), full-width digits (``１２３``),
dashes and ellipses for "no data" (``—``, ``-``, ``…``) and asterisks for withheld
figures (``*``, ``*.*``). All of these become missing values, never zero, and every
such cell is recorded so that the analyst can see where data was absent.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .errors import DataError, Problem

__all__ = ["MISSING_MARKERS", "WITHHELD_PATTERN", "parse_numbers"]

#: Cell texts that mean "no figure" (after NFKC normalisation and stripping).
MISSING_MARKERS = frozenset(
    {"", "-", "--", "—", "——", "–", "…", "……", "...", "..", "nan", "NaN", "NA", "N/A", "null",
     "None", "无", "空"}
)
#: Withheld (confidential) figures are printed as asterisks, optionally with a dot.
WITHHELD_PATTERN = re.compile(r"^\*+(\.\*+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    # minus signs used in typeset tables
    return text.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")


def parse_numbers(
    values: pd.Series,
    *,
    file: str = "",
    column: str | None = None,
    rows: pd.Series | np.ndarray | None = None,
    allow_percent: bool = True,
) -> tuple[pd.Series, pd.DataFrame]:
    """Parse a column of report figures into floats.

    Parameters
    ----------
    values : Series
        Cells as read from a file (strings, numbers or a mix).
    file, column : str
        Where the cells come from, for error messages.
    rows : array-like of int, optional
        File row number of each cell (defaults to position + 2, i.e. a CSV with a header).
    allow_percent : bool
        Accept a trailing ``%`` (the number is kept as printed, in percent).

    Returns
    -------
    numbers : Series of float64
        Same index as ``values``; missing and withheld figures are NaN.
    missing : DataFrame
        One row per cell that became missing: ``file, row, column, raw, reason``
        with reason ``"blank"``, ``"no data marker"`` or ``"withheld"``.

    Raises
    ------
    DataError
        For cells that are not numbers, naming file, row and column of each.

    Examples
    --------
    >>> s = pd.Series(["1,234.5", "１２", "—", "*.*", "-3"])
    >>> nums, miss = parse_numbers(s, file="t.csv", column="value")
    >>> nums.tolist()
    [1234.5, 12.0, nan, nan, -3.0]
    >>> miss["reason"].tolist()
    ['no data marker', 'withheld']
    """
    if rows is None:
        rows = np.arange(len(values)) + 2
    rows = np.asarray(rows)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
        miss_pos = np.flatnonzero(out.isna().to_numpy())
        missing = pd.DataFrame(
            {"file": file, "row": rows[miss_pos], "column": column, "raw": "",
             "reason": "blank"}
        )
        return out, missing

    raw = values.astype("object")
    out = np.full(len(raw), np.nan)
    miss_rows, miss_raw, miss_reason, bad = [], [], [], []
    texts = raw.to_numpy()
    for i, cell in enumerate(texts):
        if isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool):
            if cell == cell:  # not NaN
                out[i] = float(cell)
            else:
                miss_rows.append(rows[i])
                miss_raw.append("")
                miss_reason.append("blank")
            continue
        if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
            miss_rows.append(rows[i])
            miss_raw.append("")
            miss_reason.append("blank")
            continue
        text = _normalise(str(cell))
        if text in MISSING_MARKERS:
            miss_rows.append(rows[i])
            miss_raw.append(str(cell))
            miss_reason.append("blank" if text == "" else "no data marker")
            continue
        if WITHHELD_PATTERN.match(text):
            miss_rows.append(rows[i])
            miss_raw.append(str(cell))
            miss_reason.append("withheld")
            continue
        t = text
        if allow_percent and t.endswith("%"):
            t = t[:-1]
        if _THOUSANDS.match(t):
            t = t.replace(",", "")
        if _NUMBER.match(t):
            out[i] = float(t)
        else:
            bad.append(Problem(file, int(rows[i]), column, f"{str(cell)!r} is not a number"))
    if bad:
        raise DataError(bad)
    missing = pd.DataFrame(
        {"file": file, "row": np.asarray(miss_rows, dtype="int64"), "column": column,
         "raw": miss_raw, "reason": miss_reason}
    )
    return pd.Series(out, index=values.index, name=values.name), missing
