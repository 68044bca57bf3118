"""Errors and warnings that point at the offending file, row and column.

Every problem found in input data is reported with its location so that an analyst
can open the file and fix the cell: ``gdp.csv, row 14, column 'value': '12,3x' is not a number``.
Row numbers are 1-based line numbers of the file as a spreadsheet shows them
(the header is row 1 of a CSV file).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CountyvizError", "DataError", "DataWarning", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts) + ": " + self.message if parts else self.message


class CountyvizError(Exception):
    """Base class of countyviz errors."""


class DataError(CountyvizError, ValueError):
    """Input data that cannot be used as it is.

    Parameters
    ----------
    problems : iterable of Problem
        Located problems; the message lists the first ``max_shown``.

    Examples
    --------
    >>> err = DataError([Problem("gdp.csv", 3, "value", "'abc' is not a number")])
    >>> str(err)
    "gdp.csv, row 3, column 'value': 'abc' is not a number"
    """

    max_shown = 10

    def __init__(self, problems: Iterable[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        lines = [str(p) for p in self.problems[: self.max_shown]]
        more = len(self.problems) - self.max_shown
        if more > 0:
            lines.append(f"... and {more} more problem(s) of the same kind")
        super().__init__("\n".join(lines))

    @classmethod
    def at(cls, file: str, row: int | None, column: str | None, message: str) -> DataError:
        """Build an error for a single location."""
        return cls([Problem(str(file), row, column, message)])


class DataWarning(UserWarning):
    """Data that can still be used but deserves a look (dropped duplicates, withheld figures)."""
