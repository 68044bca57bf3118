"""Screenshot of a batch report for the README (headless Chromium, offline).

    python tools/screenshot_report.py [--region 620700] [--out docs/img/report_growth.png]

Runs `countyviz report` for the growth-decomposition notebook in a temporary folder, opens
the page from disk with network access blocked, and saves the top of the page as PNG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default="620700")
    ap.add_argument("--notebook", default="notebooks/10_growth_decomposition.ipynb")
    ap.add_argument("--out", default=str(REPO / "docs" / "img" / "report_growth.png"))
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "countyviz.cli", "report", "-n", args.notebook,
                        "-r", args.region, "-o", tmp, "--no-progress"], check=True, cwd=REPO)
        page_file = next(Path(tmp).glob(f"{Path(args.notebook).stem}__{args.region}.html"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 1500})
            page.route("http*://**", lambda route: route.abort())  # offline, like a closed network
            page.goto(page_file.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            page.wait_for_timeout(1000)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
