"""Papermill entry point for the warm-kernel engine, loaded lazily.

papermill loads entry points while ``papermill.engines`` is being imported; the engine
itself subclasses a papermill class, so the entry point names this thin forwarder, which
imports :mod:`countyviz.batch.engine` only when a notebook is executed.
"""

from __future__ import annotations

__all__ = ["WarmKernelEngine"]


class WarmKernelEngine:
    """Forwards to :class:`countyviz.batch.engine.WarmKernelEngine`."""

    @classmethod
    def execute_notebook(cls, *args, **kwargs):
        from .engine import WarmKernelEngine as Engine
        return Engine.execute_notebook(*args, **kwargs)
