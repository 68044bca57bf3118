"""The workshop track: generated notebooks up to date, checks that can fail, learner
notebooks that run as handed out. (The solutions notebooks run under nbval in make test.)"""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from countyviz.workshop import EXERCISES, check, reference
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
WORKSHOP = REPO / "workshop"


def _tags(cell):
    return set(cell.metadata.get("tags", []))


def test_generated_notebooks_match_the_source():
    r = subprocess.run([sys.executable, str(REPO / "tools" / "build_workshop.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_exercise_has_placeholder_solution_and_check():
    seen = []
    for src in sorted((WORKSHOP / "source").glob("*.ipynb")):
        nb = nbformat.read(src, as_version=4)
        cells = nb.cells
        assert any("parameters" in _tags(c) for c in cells), src.name
        for i, c in enumerate(cells):
            if "exercise" in _tags(c):
                assert "= ..." in c.source
                assert "solution" in _tags(cells[i + 1]) and "check" in _tags(cells[i + 2])
                seen.append(cells[i + 2].source.split('"')[1])
    assert seen == list(EXERCISES)  # every exercise is taught, in order
    for name in ("learner", "solutions"):
        for f in (WORKSHOP / name).glob("*.ipynb"):
            drop = "solution" if name == "learner" else "exercise"
            assert not any(drop in _tags(c) for c in nbformat.read(f, as_version=4).cells), f


@pytest.mark.parametrize("exercise", list(EXERCISES))
def test_checks_accept_the_reference_and_reject_other_answers(exercise):
    want = reference(exercise)
    assert check(exercise, want, "en")
    assert not check(exercise, ..., "en")
    if isinstance(want, str):
        assert not check(exercise, want + "x", "en")
    else:
        assert not check(exercise, float(want) + 1, "en")
        assert not check(exercise, "not a number", "zh")


def test_fraction_instead_of_percent_gets_a_hint():
    r = check("1.3", reference("1.3") / 100, "en")
    assert not r and "percentage" in repr(r)


def test_published_figures_behind_the_answers():
    # Zhangye GDP 2019: 448.7331 亿元 (CSMAR county-economy database, current prices; the
    # same figure as tests/test_growth.py), and six county-level units under Zhangye
    # (GB/T 2260: 甘州区 民乐县 临泽县 高台县 山丹县 肃南裕固族自治县).
    assert reference("1.1") == pytest.approx(448.7331)
    assert reference("1.2") == 6


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((WORKSHOP / "learner").glob("*.ipynb")), ids=lambda p: p.stem)
def test_learner_notebooks_run_as_handed_out(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = [c for c in nb.cells if "check" in _tags(c)]
    assert checks
    for c in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        assert text.startswith("… 练习"), text  # "not answered yet", not an error


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((WORKSHOP / "solutions").glob("*.ipynb")), ids=lambda p: p.stem)
def test_solutions_in_english(path, tmp_path):
    import papermill as pm
    out = tmp_path / path.name
    pm.execute_notebook(str(path), str(out), parameters={"lang": "en"}, cwd=str(path.parent),
                        kernel_name="python3", progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    checks = ["".join(o.get("data", {}).get("text/plain", "")) for c in nb.cells if "check" in _tags(c)
              for o in c.outputs]
    assert checks and all(t.startswith("✓ Exercise") for t in checks), checks
    # charts and tables speak English too: no Chinese region names in the plotly figures
    figs = [o["data"]["application/vnd.plotly.v1+json"] for c in nb.cells for o in c.get("outputs", [])
            if "application/vnd.plotly.v1+json" in o.get("data", {})]
    for fig in figs:
        names = [str(tr.get("name", "")) for tr in fig["data"]]
        names += [str(y) for tr in fig["data"] if isinstance(tr.get("y"), list) for y in tr["y"][:3]]
        assert not any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n), names
