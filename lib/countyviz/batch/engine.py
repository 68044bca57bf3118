"""A papermill engine that executes notebooks on warm, reused kernels.

Starting a kernel and importing pandas, plotly and statsmodels costs seconds per notebook,
more than executing a short report. :class:`WarmKernelEngine` keeps one kernel per worker
thread alive between runs. Before each run it resets the kernel: user namespace cleared
(``InteractiveShell.reset``), execution counter back to 1, countyviz's figure renderer and plotly's
default renderer restored, working directory set. Library imports and the read-only data
caches stay warm. A kernel that timed out or died is discarded and replaced.

Registered for papermill as ``countyviz_warm`` (``papermill --engine countyviz_warm``).
"""

from __future__ import annotations

import atexit
import os
import threading

from jupyter_client.manager import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

__all__ = ["WARMUP_CODE", "KernelPool", "WarmKernelEngine", "pool"]

#: Imported once per kernel (what the notebooks import anyway).
WARMUP_CODE = """
import pandas, numpy, plotly.graph_objects, plotly.io, statsmodels.api, IPython.display
import countyviz, countyviz.notebook
countyviz.notebook.INITIAL_RENDERER = plotly.io.renderers.default
countyviz.load_bundled()
"""

_RESET_CODE = """
get_ipython().reset(new_session=True)  # user namespace, output cache, history session
get_ipython().execution_count = 1
import os as _cv_os, plotly.io as _cv_pio, pandas as _cv_pd, warnings as _cv_w
_cv_os.chdir({cwd!r})
import countyviz.notebook as _cv_nb
_cv_pio.renderers.default = _cv_nb.INITIAL_RENDERER
with _cv_w.catch_warnings():
    _cv_w.simplefilter('ignore')
    _cv_pd.reset_option('^display')
_cv_w.resetwarnings()
del _cv_os, _cv_pio, _cv_pd, _cv_w, _cv_nb
"""


class KernelPool:
    """One warm kernel per thread (each worker thread runs one notebook at a time)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[KernelManager] = []
        self._clients: dict[int, object] = {}
        self._lock = threading.Lock()
        atexit.register(self.shutdown)

    def get(self, kernel_name: str = "python3", cwd: str | None = None) -> KernelManager:
        km = getattr(self._local, "km", None)
        if km is not None and (not km.is_alive() or km.kernel_name != kernel_name):
            self.discard(km)
            km = None
        if km is None:
            km = KernelManager(kernel_name=kernel_name)
            km.start_kernel(cwd=cwd or os.getcwd())
            self._run(km, WARMUP_CODE, timeout=180)
            self._local.km = km
            with self._lock:
                self._all.append(km)
        return km

    def client(self, km: KernelManager, timeout: float = 60):
        """The kernel's long-lived client (started and ready once, reused for every run)."""
        kc = self._clients.get(id(km))
        if kc is None:
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=timeout)
            kc.allow_stdin = False
            self._clients[id(km)] = kc
        return kc

    def _run(self, km: KernelManager, code: str, timeout: float = 60) -> None:
        kc = self.client(km, timeout)
        reply = kc.execute_interactive(code, store_history=False, timeout=timeout,
                                       output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel set-up failed: {reply['content'].get('evalue')}")

    def reset(self, km: KernelManager, cwd: str) -> None:
        self._run(km, _RESET_CODE.format(cwd=cwd))

    def _close(self, km: KernelManager) -> None:
        """Stop the kernel's client channels and shut the kernel down (best effort)."""
        kc = self._clients.pop(id(km), None)
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:
                pass
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass

    def discard(self, km: KernelManager) -> None:
        self._close(km)
        with self._lock:
            if km in self._all:
                self._all.remove(km)
        if getattr(self._local, "km", None) is km:
            self._local.km = None

    def discard_current(self) -> None:
        km = getattr(self._local, "km", None)
        if km is not None:
            self.discard(km)

    def current(self) -> KernelManager | None:
        return getattr(self._local, "km", None)

    def shutdown(self) -> None:
        with self._lock:
            kms, self._all = list(self._all), []
        for km in kms:
            self._close(km)


pool = KernelPool()


class WarmKernelEngine(NBClientEngine):
    """Papermill engine that runs each notebook on this thread's warm kernel."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 **kwargs):
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        cwd = safe_kwargs.pop("cwd", None) or os.getcwd()
        km = pool.get(kernel_name or "python3", cwd)
        pool.reset(km, cwd)
        final_kwargs = merge_kwargs(
            safe_kwargs, timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout, kernel_name=kernel_name, log=nb_man.log if hasattr(nb_man, "log") else None,
            log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
        if final_kwargs.get("log") is None:
            final_kwargs.pop("log")
        client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
        client.kc = pool.client(km)  # reuse the ready client: no new channels, no readiness wait
        try:
            return client.execute()
        except BaseException:
            # a timed-out or interrupted kernel is in an unknown state: never reuse it
            pool.discard(km)
            raise


papermill_engines.register("countyviz_warm", WarmKernelEngine)
