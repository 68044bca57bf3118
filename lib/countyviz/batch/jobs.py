"""What a batch run does: notebooks x regions x parameter sets, each a :class:`Job`.

Region selections (``--regions``), comma-separated items:

* ``620702`` -- that region;
* ``620700/counties`` -- the county-level regions under a prefecture or province;
* ``620000/prefectures`` -- the prefectures of a province;
* ``@file`` -- codes from a file (one per line, or a CSV with a ``region`` column);
* ``all`` -- every region that has the data the notebook needs.

A notebook declares in its metadata (``metadata.countyviz``) the name of its region
parameter, the indicators it needs and its default selection, so that regions without
the data are skipped with a reason instead of producing an empty report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from ..catalog import load_regions, region_children
from ..errors import DataError

__all__ = ["Job", "notebook_meta", "plan_jobs", "select_regions"]

COUNTY_LEVELS = ("county", "district", "county_city")


@dataclass
class Job:
    """One report: a notebook run with one parameter set."""

    notebook: Path
    region: str | None
    parameters: dict[str, Any] = field(default_factory=dict)
    name: str = ""

    @property
    def report_id(self) -> str:
        base = self.notebook.stem
        tail = self.region or "all"
        return f"{base}__{tail}" + (f"__{self.name}" if self.name else "")

    def key(self, data_fingerprint: str) -> str:
        """Hash of everything the report depends on (for resumable runs)."""
        from .. import __version__
        h = hashlib.sha256()
        h.update(self.notebook.read_bytes())
        h.update(json.dumps(self.parameters, sort_keys=True, default=str).encode())
        h.update(data_fingerprint.encode())
        h.update(__version__.encode())
        return h.hexdigest()[:20]


def notebook_meta(path: str | Path) -> dict[str, Any]:
    """The ``countyviz`` block of a notebook's metadata (region parameter, required data).

    Examples
    --------
    >>> from countyviz.paths import data_dir
    >>> notebook_meta(data_dir().parent / "notebooks/00_data_overview.ipynb")["region_param"]
    'province'
    """
    nb = nbformat.read(str(path), as_version=4)
    meta = dict(nb.metadata.get("countyviz", {}))
    meta.setdefault("region_param", "region")
    meta.setdefault("requires", [])
    meta.setdefault("min_periods", 1)
    return meta


def _regions_with_data(requires: list[str], min_periods: int) -> set[str]:
    from ..data import best_values, load_bundled
    if not requires:
        return set(load_regions().index)
    d = best_values(load_bundled())
    d = d[d["indicator"].isin(requires)]
    counts = d.groupby(["region", "indicator"], observed=True)["period"].nunique()
    counts = counts[counts >= min_periods].reset_index()
    per_region = counts.groupby("region", observed=True)["indicator"].nunique()
    return set(per_region[per_region == len(set(requires))].index.astype(str))


def select_regions(spec: str, *, requires: list[str] | None = None, min_periods: int = 1,
                   base_dir: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """Resolve a region selection; return (selected codes, skipped code -> reason).

    Examples
    --------
    >>> sel, skipped = select_regions("620700/counties")
    >>> sel
    ['620702', '620721', '620722', '620723', '620724', '620725']
    >>> select_regions("999999")
    Traceback (most recent call last):
    ...
    countyviz.errors.DataError: --regions: unknown region code '999999'
    """
    reg = load_regions()
    codes: list[str] = []
    for item in [s.strip() for s in spec.split(",") if s.strip()]:
        if item == "all":
            codes += sorted(_regions_with_data(requires or [], min_periods))
        elif item.startswith("@"):
            path = Path(item[1:])
            if base_dir and not path.is_absolute():
                path = base_dir / path
            if not path.exists():
                raise DataError(f"--regions: file {path} not found")
            if path.suffix.lower() == ".csv":
                codes += pd.read_csv(path, dtype=str)["region"].str.strip().tolist()
            else:
                codes += [ln.split("#")[0].strip() for ln in path.read_text("utf-8").splitlines()
                          if ln.split("#")[0].strip()]
        elif "/" in item:
            code, what = item.split("/", 1)
            if code not in reg.index:
                raise DataError(f"--regions: unknown region code {code!r}")
            if what == "counties":
                codes += region_children(code, COUNTY_LEVELS)
            elif what == "prefectures":
                codes += region_children(code, ("prefecture",))
            else:
                raise DataError(f"--regions: {item!r}: use CODE/counties or CODE/prefectures")
        else:
            codes.append(item)
    unknown = [c for c in codes if c not in reg.index]
    if unknown:
        raise DataError(f"--regions: unknown region code {unknown[0]!r}"
                        + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""))
    codes = list(dict.fromkeys(codes))
    skipped: dict[str, str] = {}
    if requires:
        have = _regions_with_data(requires, min_periods)
        for c in codes:
            if c not in have:
                skipped[c] = (f"no data: needs {', '.join(requires)} "
                              f"with at least {min_periods} period(s)")
        codes = [c for c in codes if c in have]
    return codes, skipped


def plan_jobs(notebook: str | Path, regions: str | None = None,
              parameters: dict[str, Any] | None = None, name: str = ""
              ) -> tuple[list[Job], dict[str, str]]:
    """Jobs for one notebook over a region selection (default: the notebook's own).

    Examples
    --------
    >>> from countyviz.paths import data_dir
    >>> jobs, skipped = plan_jobs(data_dir().parent / "notebooks/00_data_overview.ipynb", "620000")
    >>> [(j.region, j.parameters) for j in jobs]
    [('620000', {'province': '620000'})]
    """
    path = Path(notebook)
    if not path.exists():
        raise DataError(f"notebook {path} not found")
    meta = notebook_meta(path)
    spec = regions or meta.get("default_regions")
    params = dict(parameters or {})
    if spec is None:
        return [Job(path, None, params, name)], {}
    codes, skipped = select_regions(spec, requires=meta["requires"], min_periods=meta["min_periods"])
    jobs = [Job(path, c, {**params, meta["region_param"]: c}, name) for c in codes]
    return jobs, skipped
