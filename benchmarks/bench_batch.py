"""Batch throughput: N region reports of the growth notebook, naive sequential `papermill`
CLI calls versus `countyviz report` with its defaults, on the same machine in the same run.

Checks that both produce the same report content (cell outputs), prints throughput, peak
memory of each approach (children included) and finally `ratio=<naive time / countyviz time>`.

    python benchmarks/bench_batch.py [N]      # default N = 50
"""

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NB = REPO / "notebooks" / "10_growth_decomposition.ipynb"


def regions(n: int) -> list[str]:
    from countyviz.batch import plan_jobs
    jobs, _ = plan_jobs(NB)
    codes = [j.region for j in jobs]
    # cycle through the available prefectures with both languages to reach n reports
    out = []
    i = 0
    while len(out) < n:
        out.append((codes[i % len(codes)], "zh" if (i // len(codes)) % 2 == 0 else "en"))
        i += 1
    return out


def peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def outputs(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.outputs]
            for c in nb.cells if c.cell_type == "code"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    work = Path(tempfile.mkdtemp(prefix="cv-bench-"))
    todo = regions(n)
    print(f"{n} reports of {NB.name} over {len({r for r, _ in todo})} prefectures x languages")

    t = time.perf_counter()
    naive_dir = work / "naive"
    naive_dir.mkdir()
    for i, (r, lang) in enumerate(todo):
        subprocess.run([str(BIN / "papermill"), str(NB), str(naive_dir / f"{i}.ipynb"), "-r", "region", r,
                        "-p", "lang", lang, "--no-progress-bar", "--log-level", "ERROR"], check=True,
                       capture_output=True)
    naive = time.perf_counter() - t
    naive_mem = peak_children_mb()

    spec = work / "reports.yml"
    reports = [{"notebook": str(NB), "regions": r, "parameters": {"lang": lang}, "name": f"{lang}{i}"}
               for i, (r, lang) in enumerate(todo)]
    spec.write_text(json.dumps({"reports": reports}), encoding="utf-8")
    t = time.perf_counter()
    subprocess.run([str(BIN / "countyviz"), "report", "--params-file", str(spec), "--out", str(work / "cv"),
                    "--no-progress"], check=True, capture_output=True)
    fast = time.perf_counter() - t
    cv_mem = peak_children_mb()

    # same content: compare every report's outputs with its naive twin
    same = 0
    for i, (r, lang) in enumerate(todo):
        a = outputs(naive_dir / f"{i}.ipynb")
        b = outputs(work / "cv" / "notebooks" / f"10_growth_decomposition__{r}__{lang}{i}.ipynb")
        same += a[1:] == b[1:]  # cell 0 is the parameters cell; papermill's injected cell differs in the tag only
    print(f"naive papermill CLI, sequential: {naive:.1f} s ({n / naive * 60:.1f} reports/min), "
          f"peak child RSS {naive_mem:.0f} MB")
    print(f"countyviz report (defaults):     {fast:.1f} s ({n / fast * 60:.1f} reports/min, "
          f"includes HTML pages and index), peak child RSS {cv_mem:.0f} MB")
    print(f"identical report content: {same}/{n}")
    shutil.rmtree(work, ignore_errors=True)
    print(f"ratio={naive / fast:.1f}")


if __name__ == "__main__":
    main()
