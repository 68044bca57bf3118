"""The notebook tests can fail: a changed figure in a stored output fails nbval, while a
changed volatile part (a plotly div id) passes because the sanitize rules cover it."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "21_target_status.ipynb"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
pytestmark = pytest.mark.slow


def _nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                           "--nbval", "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"),
                           str(path)], capture_output=True, text=True, cwd=path.parent)


def _edit(tmp_path: Path, change) -> Path:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert change(nb), "the edit found nothing to change"
    out = tmp_path / NOTEBOOK.name
    out.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def test_a_changed_figure_fails(tmp_path):
    def change(nb):
        for cell in nb["cells"]:
            for o in cell.get("outputs", []):
                text = "".join(o.get("data", {}).get("text/plain", []))
                if "已实现" in text:  # the status count table
                    o["data"]["text/plain"] = re.sub(r"(已实现\s+)(\d+)", lambda m: m[1] + str(int(m[2]) + 1), text)
                    return True
        return False
    r = _nbval(_edit(tmp_path, change))
    assert r.returncode != 0 and "1 failed" in r.stdout, r.stdout[-2000:]


def _rules() -> list[tuple[re.Pattern, str]]:
    import configparser
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def _sanitize(text: str) -> str:
    for rx, rep in _rules():
        text = rx.sub(rep, text)
    return text


def test_volatile_parts_are_sanitized_and_figures_are_not():
    # plotly's default div ids (uuid4), object reprs, clocks: equal after sanitizing
    assert _sanitize('<div id="0f6c1d2e-9a1b-4c3d-8e7f-001122334455">') == \
        _sanitize('<div id="a1b2c3d4-e5f6-4a7b-8c9d-abcdefabcdef">')
    assert _sanitize("<Foo object at 0x7f3a2c1d9e80>") == _sanitize("<Foo object at 0x7f00deadbeef>")
    assert _sanitize("run at 2026-11-25 07:22:12") == _sanitize("run at 2025-01-02T10:00:00.123")
    # figures, years and periods are never touched
    for text in ("已实现    3", "448.7331", "2023-08", "2020", "growth 6.92 %", "countyviz-fig-1"):
        assert _sanitize(text) == text
