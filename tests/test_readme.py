"""The README's Python blocks run as written (in order, one namespace, from the repository
root), so the documented ways of loading data and calling the library stay true."""

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_examples():
    assert len(BLOCKS) >= 4


def test_readme_python_blocks_run(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    ns: dict = {}
    for i, block in enumerate(BLOCKS, 1):
        try:
            exec(compile(block, f"README.md python block {i}", "exec"), ns)
        except Exception as e:  # name the block that broke
            pytest.fail(f"README python block {i} failed: {type(e).__name__}: {e}\n{block}")
    out = capsys.readouterr().out
    assert "Ganzhou District" in out  # the yearbook example printed its sector shares
    assert os.getcwd() == str(REPO)
