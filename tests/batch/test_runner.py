"""End-to-end batch runs: reports, failures, resume, warm/fresh equivalence, timeouts, Dask."""

import json
from pathlib import Path

import nbformat
import pytest
from countyviz.batch import Job, plan_jobs, run_batch
from countyviz.batch.runner import run_one

from conftest import REPO, TESTS

pytestmark = pytest.mark.slow
GROWTH = REPO / "notebooks" / "10_growth_decomposition.ipynb"
SLEEPY = TESTS / "fixtures" / "notebooks" / "sleepy.ipynb"
LEAKY = TESTS / "fixtures" / "notebooks" / "leaky.ipynb"


def _outputs(nb):
    """Cell outputs without volatile metadata (what a report shows)."""
    out = []
    for c in nb.cells:
        if c.cell_type == "code":
            out.append([{k: v for k, v in o.items() if k not in ("metadata",)} for o in c.outputs])
            out.append(c.execution_count)
    return out


def test_batch_with_a_failing_region_then_resume(tmp_path):
    jobs, skipped = plan_jobs(GROWTH, "620700,610800")
    assert [j.region for j in jobs] == ["620700", "610800"] and not skipped
    # 620702 (a district) has no multi-year sector data: that report must fail alone.
    jobs.append(Job(GROWTH, "620702", {"region": "620702"}))
    s = run_batch(jobs, tmp_path, workers=2, progress=False, timeout=300)
    status = {e["region"]: e["status"] for e in s.entries}
    assert status == {"620700": "ok", "610800": "ok", "620702": "failed"}
    assert s.exit_code == 1
    failed = next(e for e in s.entries if e["region"] == "620702")
    assert "DataError" in failed["error"]
    page = (tmp_path / failed["html"]).read_text("utf-8")
    assert "DataError" in page, "the failed report's page shows the error"
    ok = next(e for e in s.entries if e["region"] == "620700")
    assert ok["key_figures"]["window"] == "2010-2019"
    assert ok["key_figures"]["cagr_pct"] == pytest.approx(((448.7331 / 212.7034) ** (1 / 9) - 1) * 100, rel=1e-3)
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "张掖市" in index and "failed" in index and ok["html"] in index
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob(".*.ipynb"))
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert len(manifest["reports"]) == 3

    # resume: unchanged reports are skipped, the failed one is retried
    s2 = run_batch(jobs, tmp_path, workers=2, progress=False)
    status2 = {e["region"]: e["status"] for e in s2.entries}
    assert status2 == {"620700": "cached", "610800": "cached", "620702": "failed"}
    # a parameter change or --force redoes a report
    changed = [Job(GROWTH, "620700", {"region": "620700", "lang": "en"})]
    s3 = run_batch(changed, tmp_path, workers=1, progress=False)
    assert s3.entries[0]["status"] == "ok"
    s4 = run_batch(changed, tmp_path, workers=1, progress=False, force=True)
    assert s4.entries[0]["status"] == "ok"


def test_warm_kernel_reports_equal_fresh_kernel_reports(tmp_path):
    job = Job(GROWTH, "210400", {"region": "210400", "lang": "en"})
    fresh = run_one(job, tmp_path / "fresh", engine="fresh")
    # run something else first on the warm kernel, so that state could leak
    run_one(Job(GROWTH, "620700", {"region": "620700"}), tmp_path / "warm", engine="warm")
    warm = run_one(job, tmp_path / "warm", engine="warm")
    assert fresh["status"] == warm["status"] == "ok"
    nb_f = nbformat.read(tmp_path / "fresh" / fresh["notebook_file"], as_version=4)
    nb_w = nbformat.read(tmp_path / "warm" / warm["notebook_file"], as_version=4)
    assert _outputs(nb_f) == _outputs(nb_w)
    assert (tmp_path / "fresh" / fresh["html"]).read_text("utf-8") == (tmp_path / "warm" / warm["html"]).read_text("utf-8")


def test_warm_kernel_namespace_is_reset(tmp_path):
    a = run_one(Job(LEAKY, "a", {"region": "620702"}), tmp_path, engine="warm")
    b = run_one(Job(LEAKY, "b", {"region": "620723"}), tmp_path, engine="warm")
    nb = nbformat.read(tmp_path / b["notebook_file"], as_version=4)
    printed = nb.cells[-1].outputs[0]["text"]
    assert a["status"] == b["status"] == "ok"
    assert "leftover" not in printed and printed.strip() == "['region']"


def test_timeout_marks_report_and_kernel_is_replaced(tmp_path):
    slow = run_one(Job(SLEEPY, "slow", {"seconds": 60}), tmp_path, engine="warm", timeout=4)
    assert slow["status"] == "timeout"
    quick = run_one(Job(SLEEPY, "quick", {"seconds": 0}), tmp_path, engine="warm", timeout=60)
    assert quick["status"] == "ok" and quick["key_figures"] == {"slept": 0}


def test_dask_local_cluster(tmp_path):
    from distributed import LocalCluster
    jobs = [Job(SLEEPY, r, {"region": r, "seconds": 0}) for r in ("620702", "620723")]
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        s = run_batch(jobs, tmp_path, scheduler=cluster.scheduler_address, progress=False)
    assert sorted(e["status"] for e in s.entries) == ["ok", "ok"]
    assert (tmp_path / "index.html").exists()
    assert all(Path(tmp_path / e["html"]).exists() for e in s.entries)


def test_ctrl_c_stops_cleanly(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    exe = Path(sys.executable).parent / "countyviz"
    out = tmp_path / "out"
    proc = subprocess.Popen([str(exe), "report", "-n", str(SLEEPY), "-r", "620702,620723,620724,620725",
                             "-p", "seconds", "40", "--out", str(out), "--no-progress", "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list((out / "notebooks").glob(".*.ipynb")):
        time.sleep(0.2)  # wait until reports are running
    time.sleep(2)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    assert not list(out.rglob(".*.ipynb")) and not list(out.rglob("*.part")), "no half-written files"
    assert (out / "index.html").exists() and (out / "manifest.json").exists()
