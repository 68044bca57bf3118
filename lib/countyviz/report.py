"""What a notebook reports back to the batch index: key figures.

A notebook calls :func:`key_figures` once with the few numbers that belong on the index
page (latest growth, target status, ...). They are displayed as a small table and stored
in the executed notebook under a dedicated MIME type, from which :func:`read_key_figures`
reads them back.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["KEY_FIGURES_MIME", "key_figures", "read_key_figures"]

KEY_FIGURES_MIME = "application/vnd.countyviz.key-figures+json"


def _clean(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):
        return _clean(v.item())
    return v


def key_figures(figures: dict[str, Any], labels: dict[str, str] | None = None) -> None:
    """Display key figures and store them for the batch index.

    Parameters
    ----------
    figures : dict
        Name -> number or short text. NaN becomes ``null`` (shown as "—").
    labels : dict, optional
        Name -> label shown in the table (in the notebook's language).

    Examples
    --------
    Outside a notebook the bundle is printed as a dict:

    >>> key_figures({"gdp_growth": 6.5}, {"gdp_growth": "GDP growth (%)"})  # doctest: +ELLIPSIS
    {'application/vnd.countyviz.key-figures+json': {'figures': {'gdp_growth': 6.5}, ...| GDP growth (%) | 6.50 |'}
    """
    from IPython.display import display
    clean = {k: _clean(v) for k, v in figures.items()}
    labels = labels or {}
    rows = "\n".join(f"| {labels.get(k, k)} | {'—' if v is None else (f'{v:,.2f}' if isinstance(v, float) else v)} |"
                     for k, v in clean.items())
    md = "| | |\n|---|---|\n" + rows
    display({KEY_FIGURES_MIME: {"figures": clean, "labels": labels}, "text/markdown": md}, raw=True)


def read_key_figures(nb: dict) -> dict[str, Any]:
    """Key figures stored in an executed notebook (empty if none).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...        "data": {KEY_FIGURES_MIME: {"figures": {"g": 1.5}, "labels": {}}}}]}]}
    >>> read_key_figures(nb)
    {'g': 1.5}
    """
    out: dict[str, Any] = {}
    for cell in nb.get("cells", []):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = o.get("data", {})
            if KEY_FIGURES_MIME in data:
                payload = data[KEY_FIGURES_MIME]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                out.update(payload.get("figures", {}))
    return out
