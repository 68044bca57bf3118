"""Interface texts in Chinese and English (``data/catalog/texts.csv``).

Every label a chart or table shows goes through :func:`t`, so that one ``lang`` setting
switches a whole notebook between 中文 and English.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .paths import catalog_path

__all__ = ["LANGS", "check_lang", "t"]

LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def _texts() -> pd.DataFrame:
    return pd.read_csv(catalog_path("texts.csv"), keep_default_na=False).set_index("key")


def check_lang(lang: str) -> str:
    """Validate a language code.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    Examples
    --------
    >>> t("ranking_title", "en", indicator="GDP", period="2020")
    'GDP ranking (2020)'
    >>> t("growth_pct", "zh")
    '增长率（%）'
    """
    check_lang(lang)
    texts = _texts()
    if key not in texts.index:
        raise KeyError(f"no text {key!r} in data/catalog/texts.csv")
    return str(texts.at[key, lang]).format(**values)
