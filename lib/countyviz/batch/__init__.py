"""Batch reports: run parameterized notebooks over many regions and publish offline HTML.

Modules: ``jobs`` (what to run: notebooks x regions x parameter sets), ``engine`` (a
papermill engine over warm kernels), ``publish`` (self-contained HTML pages and the index),
``runner`` (worker pool, progress, resumability, Dask scale-out).
"""

from .jobs import Job, plan_jobs, select_regions
from .runner import RunSummary, run_batch

__all__ = ["Job", "RunSummary", "plan_jobs", "run_batch", "select_regions"]
