"""A published report opened in headless Chromium with the network blocked shows its charts."""

import http.server
import shutil
import threading
from functools import partial
from urllib.parse import urlparse

import pytest
from countyviz.batch import Job
from countyviz.batch.publish import copy_assets
from countyviz.batch.runner import run_one

from conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def served(tmp_path):
    copy_assets(tmp_path)
    entry = run_one(Job(REPO / "notebooks" / "10_growth_decomposition.ipynb", "620700",
                        {"region": "620700", "lang": "zh"}), tmp_path, engine="fresh")
    assert entry["status"] == "ok"
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a, **k: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/{entry['html']}", tmp_path
    srv.shutdown()


def test_report_renders_charts_offline(served, tmp_path):
    from playwright.sync_api import sync_playwright
    url, out = served
    outside, local = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})

        def route(r):
            host = urlparse(r.request.url).hostname
            if host in ("127.0.0.1", "localhost") or r.request.url.startswith("data:"):
                local.append(r.request.url)
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        page.goto(url, wait_until="load")
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=20000)
        n_plots = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
        bars = page.evaluate("document.querySelectorAll('.js-plotly-plot .bars path, .js-plotly-plot .point path').length")
        art = REPO / "test-artifacts"
        art.mkdir(exist_ok=True)
        page.screenshot(path=str(art / "report_620700_offline.png"), full_page=True)
        browser.close()
    assert outside == [], f"requests left localhost: {outside}"
    assert any(u.endswith("assets/plotly.min.js") for u in local)
    assert n_plots == 4 and bars > 10  # waterfall, pulls, shift-share, per capita
