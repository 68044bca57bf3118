"""Build the workshop's learner and solutions notebooks from one source (``workshop/source``).

Cells tagged ``exercise`` hold the placeholder a learner fills in, cells tagged ``solution``
the worked answer. nbconvert's ``TagRemovePreprocessor`` drops the solutions for the learner
version and the placeholders for the solutions version; outputs are cleared in both. With
``--execute`` the solutions are run with papermill so their outputs are stored (GitHub and
JupyterLab show them before anyone runs them). Files are written atomically.

    python tools/build_workshop.py            # learner/ and solutions/ from source/
    python tools/build_workshop.py --execute  # and run the solutions
    python tools/build_workshop.py --check    # fail if the committed files are out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import (
    ClearMetadataPreprocessor,
    ClearOutputPreprocessor,
    TagRemovePreprocessor,
)
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1] / "workshop"
VERSIONS = {"learner": "solution", "solutions": "exercise"}  # version -> tag it drops


def build(nb: nbformat.NotebookNode, version: str) -> nbformat.NotebookNode:
    """The ``learner`` or ``solutions`` version of a source notebook (outputs cleared)."""
    nb = nbformat.from_dict(nb)  # a copy
    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = {VERSIONS[version]}
    c.TagRemovePreprocessor.enabled = True
    for pre in (TagRemovePreprocessor(config=c), ClearOutputPreprocessor()):
        nb, _ = pre.preprocess(nb, {})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    return nb


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str, list]]:
    return [(c.cell_type, c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells]


def _write(nb: nbformat.NotebookNode, path: Path) -> None:
    from countyviz.io import atomic_path
    with atomic_path(path) as tmp:
        nbformat.write(nb, tmp)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--execute", action="store_true", help="run the solutions with papermill")
    ap.add_argument("--check", action="store_true", help="only check the committed files")
    args = ap.parse_args(argv)
    stale = []
    for src in sorted((ROOT / "source").glob("*.ipynb")):
        source = nbformat.read(src, as_version=4)
        for version in VERSIONS:
            out = ROOT / version / src.name
            new = build(source, version)
            if args.check:
                if not out.exists() or _sources(nbformat.read(out, as_version=4)) != _sources(new):
                    stale.append(str(out.relative_to(ROOT.parent)))
                continue
            _write(new, out)
            if version == "solutions" and args.execute:
                import papermill as pm
                tmp = out.with_suffix(".run.ipynb")
                pm.execute_notebook(str(out), str(tmp), cwd=str(out.parent), kernel_name="python3",
                                    progress_bar=False)
                ran = nbformat.read(tmp, as_version=4)
                ClearMetadataPreprocessor(preserve_cell_metadata_mask={"tags"}).preprocess(ran, {})
                ran.metadata = new.metadata
                _write(ran, out)
                tmp.unlink()
            print(f"wrote {out.relative_to(ROOT.parent)}")
    if stale:
        print("out of date (run `make workshop`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
