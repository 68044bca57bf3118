"""Run batch jobs: worker pool or Dask cluster, progress, isolation, timeouts, resumability.

Every report is written atomically (temporary file, then rename): an interrupted run leaves
complete reports or none. A run records each report in ``manifest.json`` with a key over
the notebook, its parameters, the bundled data and the countyviz version; a re-run skips
reports whose key is unchanged (``force=True`` redoes them).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from ..catalog import label
from ..io import atomic_path
from ..paths import data_dir
from ..report import read_key_figures
from .jobs import Job
from .publish import copy_assets, notebook_to_html, write_index

__all__ = ["ENGINES", "RunSummary", "data_fingerprint", "run_batch", "run_one"]

#: ``warm``: reused kernels (countyviz's papermill engine); ``fresh``: papermill's default.
ENGINES = {"warm": "countyviz_warm", "fresh": "nbclient"}


@dataclass
class RunSummary:
    """What a batch run did."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    index: Path | None = None
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e["status"] == status)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if any(e["status"] in ("failed", "timeout") for e in self.entries) else 0

    def __str__(self) -> str:
        parts = [f"{s}={self.count(s)}" for s in ("ok", "cached", "failed", "timeout", "skipped")]
        return f"{len(self.entries)} reports in {self.seconds:.1f} s: " + ", ".join(parts)


def data_fingerprint(root: Path | None = None) -> str:
    """Hash of the bundled data's content (catalogues, tidy files, sources).

    Examples
    --------
    >>> len(data_fingerprint())
    16
    """
    root = root or data_dir()
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in (".csv", ".json", ".geojson", ".parquet"):
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _error_notebook(job: Job, message: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(
        f"# {job.report_id}\n\n**报告生成失败 · The report failed:**\n\n```\n{message}\n```"))
    return nb


def run_one(job: Job, out_dir: str | Path, *, engine: str = "warm", timeout: float = 600,
            show_code: bool = False, kernel_name: str = "python3", key: str = "") -> dict[str, Any]:
    """Execute one job and publish its notebook and HTML page; never raises for a bad report.

    Returns the manifest entry (status ``ok``, ``failed`` or ``timeout``).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from . import engine as _engine

    out_dir = Path(out_dir)
    nb_dir = out_dir / "notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{job.report_id}.", suffix=".ipynb", dir=nb_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    status, error = "ok", None
    timer = None
    fired = threading.Event()
    if engine == "warm":
        km = _engine.pool.get(kernel_name)

        def _kill() -> None:
            fired.set()
            try:
                # interrupt the running cell: the report ends with an error at once and
                # the kernel is then discarded (never reused after a timeout)
                km.interrupt_kernel()
            except Exception:
                pass
        timer = threading.Timer(timeout, _kill)
        timer.daemon = True
        timer.start()
    try:
        papermill.execute_notebook(str(job.notebook), str(tmp), parameters=job.parameters,
                                   engine_name=ENGINES[engine], kernel_name=kernel_name,
                                   progress_bar=False, log_output=False,
                                   execution_timeout=timeout,
                                   request_save_on_cell_execute=False)
    except PapermillExecutionError as err:
        status, error = "failed", f"{err.ename}: {err.evalue}"
        if "Timeout" in err.ename or "timed out" in str(err.evalue):
            status = "timeout"
    except Exception as err:
        status, error = "failed", f"{type(err).__name__}: {err}"
    finally:
        if timer is not None:
            timer.cancel()
    if fired.is_set():
        status, error = "timeout", f"report exceeded the time limit of {timeout:g} s"
        _engine.pool.discard_current()
    try:
        nb = nbformat.read(str(tmp), as_version=4) if tmp.stat().st_size else _error_notebook(job, error or "")
    except Exception:
        nb = _error_notebook(job, error or "no output")
    for cell in nb.cells:
        # papermill gives its injected cell a random id; a fixed one keeps reports reproducible
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    try:
        region_name = label(job.region, "region", job.parameters.get("lang", "zh")) if job.region else ""
        title = f"{job.notebook.stem} · {region_name}" if region_name else job.notebook.stem
        page = notebook_to_html(nb, title=title, show_code=show_code)
        html_name = f"{job.report_id}.html"
        with atomic_path(out_dir / html_name) as t:
            t.write_text(page, encoding="utf-8")
        nbformat.write(nb, str(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, nb_dir / f"{job.report_id}.ipynb")
    finally:
        tmp.unlink(missing_ok=True)
    labels = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []) if cell.cell_type == "code" else []:
            payload = o.get("data", {}).get("application/vnd.countyviz.key-figures+json")
            if payload:
                labels.update(payload.get("labels", {}))
    return {"report_id": job.report_id, "notebook": job.notebook.stem, "region": job.region,
            "region_name": region_name, "parameters": job.parameters, "status": status,
            "error": error, "seconds": round(time.perf_counter() - start, 2), "html": html_name,
            "notebook_file": f"notebooks/{job.report_id}.ipynb", "key": key,
            "key_figures": read_key_figures(nb), "key_labels": labels}


def _load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    p = out_dir / "manifest.json"
    if p.exists():
        try:
            return {e["report_id"]: e for e in json.loads(p.read_text("utf-8"))["reports"]}
        except (ValueError, KeyError):
            return {}
    return {}


def _save_manifest(out_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
    with atomic_path(out_dir / "manifest.json") as tmp:
        tmp.write_text(json.dumps({"reports": list(entries.values())}, ensure_ascii=False, indent=1,
                                  default=str), encoding="utf-8")


def run_batch(jobs: list[Job], out_dir: str | Path, *, workers: int | None = None,
              engine: str = "warm", timeout: float = 600, force: bool = False,
              show_code: bool = False, scheduler: str | None = None, progress: bool = True,
              skipped: dict[str, str] | None = None, title: str = "countyviz reports") -> RunSummary:
    """Run jobs in parallel and publish their pages and the index.

    Parameters
    ----------
    jobs : list of Job
    out_dir : path
        Output folder: ``<report>.html``, ``notebooks/<report>.ipynb``, ``assets/``,
        ``manifest.json``, ``index.html``.
    workers : int, optional
        Parallel reports (default: the number of CPU cores).
    engine : {"warm", "fresh"}
        Warm reused kernels (fast) or a fresh kernel per report (papermill's default).
    timeout : float
        Seconds a report may run (warm engine: whole report; fresh engine: per cell).
    force : bool
        Redo reports that are up to date.
    scheduler : str, optional
        Address of a Dask distributed scheduler to run on instead of local threads.
    skipped : dict, optional
        Regions left out by the selection (code -> reason), listed on the index page.
    """
    logging.getLogger("papermill").setLevel(logging.WARNING)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_assets(out_dir)
    t0 = time.perf_counter()
    fp = data_fingerprint()
    manifest = _load_manifest(out_dir)
    summary = RunSummary()
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        key = job.key(fp)
        old = manifest.get(job.report_id)
        if (not force and old and old.get("key") == key and old.get("status") == "ok"
                and (out_dir / old["html"]).exists() and (out_dir / old["notebook_file"]).exists()):
            manifest[job.report_id] = {**old, "status_detail": "cached"}
            summary.entries.append({**old, "status": "cached"})
        else:
            todo.append((job, key))
    for code, reason in (skipped or {}).items():
        summary.entries.append({"report_id": f"skipped__{code}", "notebook": "", "region": code,
                                "region_name": label(code, "region"), "status": "skipped",
                                "error": reason, "seconds": 0.0, "html": None})
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(todo), unit="report", desc="countyviz", mininterval=0.5)
    lock = threading.Lock()

    def finished(entry: dict[str, Any]) -> None:
        with lock:
            manifest[entry["report_id"]] = entry
            summary.entries.append(entry)
            _save_manifest(out_dir, manifest)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(ok=summary.count("ok"), failed=summary.count("failed") + summary.count("timeout"))

    kwargs = {"engine": engine, "timeout": timeout, "show_code": show_code}
    try:
        if scheduler:
            _run_dask(todo, out_dir, scheduler, kwargs, finished)
        else:
            _run_threads(todo, out_dir, workers or os.cpu_count() or 1, kwargs, finished)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if bar is not None:
            bar.close()
        _save_manifest(out_dir, manifest)
        summary.seconds = time.perf_counter() - t0
        summary.index = write_index(out_dir, summary.entries, title=title)
    return summary


def _run_threads(todo, out_dir, workers, kwargs, finished) -> None:
    from . import engine as _engine
    ex = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="countyviz")
    pending: set[Future] = {ex.submit(run_one, job, out_dir, key=key, **kwargs) for job, key in todo}
    try:
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for f in done:
                finished(f.result())
    except KeyboardInterrupt:
        for f in pending:
            f.cancel()
        _engine.pool.shutdown()  # running reports end at once; their temp files are removed
        ex.shutdown(wait=True, cancel_futures=True)
        raise
    ex.shutdown(wait=True)
    _engine.pool.shutdown()


def _run_dask(todo, out_dir, scheduler, kwargs, finished) -> None:
    from distributed import Client, as_completed
    with Client(scheduler) as client:
        futures = [client.submit(run_one, job, str(out_dir), key=key, pure=False, **kwargs)
                   for job, key in todo]
        try:
            for fut in as_completed(futures):
                finished(fut.result())
        except KeyboardInterrupt:
            client.cancel(futures)
            raise
