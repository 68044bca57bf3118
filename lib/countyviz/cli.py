"""The ``countyviz`` command.

    countyviz report [--notebook NB ...] [--regions SEL] [-p NAME VALUE ...] [--out DIR]
    countyviz regions SEL
    countyviz notebooks

Run ``countyviz COMMAND --help`` for the options of each command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import CountyvizError

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[2]


def _default_notebooks() -> list[Path]:
    from .batch.jobs import notebook_meta
    nbs = sorted((REPO / "notebooks").glob("*.ipynb"))
    return [p for p in nbs if notebook_meta(p).get("batch_default")]


def _parse_value(text: str) -> Any:
    value = yaml.safe_load(text)
    return text if isinstance(value, (dict, list)) or value is None else value


def _report_specs(args: argparse.Namespace) -> list[dict[str, Any]]:
    overrides = {k: _parse_value(v) for k, v in (args.parameter or [])}
    if args.lang:
        overrides["lang"] = args.lang
    specs: list[dict[str, Any]] = []
    if args.params_file:
        cfg = yaml.safe_load(Path(args.params_file).read_text(encoding="utf-8")) or {}
        base = Path(args.params_file).parent
        for i, item in enumerate(cfg.get("reports", [])):
            if "notebook" not in item:
                raise CountyvizError(f"{args.params_file}: reports[{i}] has no 'notebook'")
            nb = Path(item["notebook"])
            nb = nb if nb.is_absolute() or nb.exists() else base / nb
            specs.append({"notebook": nb, "regions": args.regions or item.get("regions"),
                          "parameters": {**(item.get("parameters") or {}), **overrides},
                          "name": str(item.get("name", ""))})
    else:
        nbs = [Path(n) for n in args.notebook] if args.notebook else _default_notebooks()
        specs = [{"notebook": nb, "regions": args.regions, "parameters": dict(overrides), "name": ""}
                 for nb in nbs]
    return specs


def cmd_report(args: argparse.Namespace) -> int:
    from .batch import plan_jobs, run_batch
    jobs, skipped = [], {}
    for spec in _report_specs(args):
        j, s = plan_jobs(spec["notebook"], spec["regions"], spec["parameters"], spec["name"])
        jobs += j
        skipped.update(s)
    if not jobs:
        print("countyviz: nothing to run (no region of the selection has the data)", file=sys.stderr)
        return 1
    print(f"countyviz: {len(jobs)} report(s), {len(skipped)} region(s) skipped for lack of data; "
          f"engine={args.engine}, workers={args.workers or 'auto'}"
          + (f", scheduler={args.scheduler}" if args.scheduler else ""), file=sys.stderr)
    summary = run_batch(jobs, args.out, workers=args.workers, engine=args.engine,
                        timeout=args.timeout, force=args.force, show_code=args.show_code,
                        scheduler=args.scheduler, progress=not args.no_progress, skipped=skipped)
    print(summary)
    for e in summary.entries:
        if e["status"] in ("failed", "timeout"):
            print(f"  {e['status']}: {e['report_id']}: {e.get('error')}", file=sys.stderr)
    if summary.interrupted:
        print("countyviz: interrupted; finished reports are kept, rerun to resume", file=sys.stderr)
    print(f"index: {summary.index.resolve()}")
    return summary.exit_code


def cmd_regions(args: argparse.Namespace) -> int:
    from .batch.jobs import select_regions
    from .catalog import load_regions
    codes, skipped = select_regions(args.selection, requires=args.requires or None,
                                    min_periods=args.min_periods)
    reg = load_regions()
    for c in codes:
        print(f"{c}\t{reg.at[c, 'name_zh']}\t{reg.at[c, 'name_en']}\t{reg.at[c, 'level']}")
    for c, why in skipped.items():
        print(f"# skipped {c} {reg.at[c, 'name_zh']}: {why}", file=sys.stderr)
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    from .batch.jobs import notebook_meta
    for p in sorted((REPO / "notebooks").glob("*.ipynb")):
        m = notebook_meta(p)
        print(f"{p.relative_to(REPO)}\tregion parameter: {m['region_param']}\t"
              f"default regions: {m.get('default_regions', '-')}\trequires: {', '.join(m['requires']) or '-'}")
    return 0


def cmd_datadict(args: argparse.Namespace) -> int:
    from .datadict import data_dictionary, write_data_dictionary
    if args.check:
        if not Path(args.out).exists() or Path(args.out).read_text(encoding="utf-8") != data_dictionary():
            print(f"{args.out} is out of date: run `make datadict`", file=sys.stderr)
            return 1
        return 0
    print(f"wrote {write_data_dictionary(args.out)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="countyviz", description="County-economy analytics: batch reports "
                                 "from parameterized notebooks.")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="run notebooks over regions and publish offline HTML reports",
                       description="Run parameterized notebooks with papermill over a selection of "
                       "regions; write executed notebooks, one offline HTML page per report and an "
                       "index page. Exit code 1 if any report failed.")
    r.add_argument("-n", "--notebook", action="append", help="notebook to run (repeatable; default: "
                   "the notebooks marked batch_default)")
    r.add_argument("-r", "--regions", help="region selection: CODE, CODE/counties, CODE/prefectures, "
                   "@file, all; comma-separated (default: each notebook's own)")
    r.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="notebook parameter (repeatable), e.g. -p lang en")
    r.add_argument("--params-file", help="YAML file listing reports: notebook, regions, parameters, name")
    r.add_argument("--lang", choices=["zh", "en"], help="language of the reports (sets parameter lang)")
    r.add_argument("-o", "--out", default="reports", help="output folder (default: reports)")
    r.add_argument("-j", "--workers", type=int, help="parallel reports (default: number of cores)")
    r.add_argument("--engine", choices=["warm", "fresh"], default="warm",
                   help="warm: reuse kernels with libraries imported (fast); fresh: new kernel per report")
    r.add_argument("--scheduler", help="Dask distributed scheduler address (e.g. tcp://host:8786)")
    r.add_argument("--timeout", type=float, default=600, help="seconds per report (default 600)")
    r.add_argument("--force", action="store_true", help="redo reports that are up to date")
    r.add_argument("--show-code", action="store_true", help="show code cells in the HTML pages")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_report)
    g = sub.add_parser("regions", help="list the regions a selection resolves to",
                       description="Resolve a region selection and list code, names and level.")
    g.add_argument("selection", help="CODE, CODE/counties, CODE/prefectures, @file or all")
    g.add_argument("--requires", action="append", help="indicator the regions must have (repeatable)")
    g.add_argument("--min-periods", type=int, default=1, help="periods of data required (default 1)")
    g.set_defaults(func=cmd_regions)
    n = sub.add_parser("notebooks", help="list the bundled notebooks and their batch settings",
                       description="List notebooks with their region parameter and required data.")
    n.set_defaults(func=cmd_notebooks)
    d = sub.add_parser("datadict", help="write the data dictionary (indicators, regions, targets, sources)",
                       description="Generate the Markdown data dictionary from the catalogues and the "
                       "bundled data.")
    d.add_argument("-o", "--out", default=str(REPO / "docs" / "data_dictionary.md"),
                   help="output file (default: docs/data_dictionary.md)")
    d.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh build")
    d.set_defaults(func=cmd_datadict)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CountyvizError as err:
        print(f"countyviz: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
