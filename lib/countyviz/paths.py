"""Where the bundled data lives.

The data folder is the repository's ``data/`` next to ``lib/``; set the environment
variable ``COUNTYVIZ_DATA`` to use another copy (e.g. an installed, read-only one).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["catalog_path", "data_dir"]


def data_dir() -> Path:
    """The root of the bundled data (``data/``).

    Examples
    --------
    >>> (data_dir() / "catalog").is_dir()
    True
    """
    env = os.environ.get("COUNTYVIZ_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def catalog_path(name: str) -> Path:
    """Path of a catalogue file in ``data/catalog``."""
    return data_dir() / "catalog" / name
