"""Smoke test of `make lab`: JupyterLab in headless Chromium opens the comparison notebook,
runs it, and the dashboard widget renders and responds (widget extensions working)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, free_port, serve

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
pytestmark = [pytest.mark.slow, pytest.mark.browser]
FIGURE = "document.querySelector('.cv-dash-figure.js-plotly-plot')"


@pytest.fixture
def lab(tmp_path):
    # a copy: JupyterLab saves notebooks it runs, and the committed one must stay untouched
    work = tmp_path / "nb"
    work.mkdir()
    shutil.copy(REPO / "notebooks" / "30_compare.ipynb", work)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
           f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.news_url=None", "--allow-root",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
           f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    with serve(cmd, url + "api/status", tmp_path / "lab.log", env):
        yield url


def test_comparison_notebook_runs_and_widget_responds_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1200})
        page.goto(lab + "lab/tree/30_compare.ipynb", timeout=120_000)
        page.wait_for_function("""() => window.jupyterapp && window.jupyterapp.shell.currentWidget
            && window.jupyterapp.shell.currentWidget.sessionContext
            && window.jupyterapp.shell.currentWidget.sessionContext.session
            && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel""", timeout=120_000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(f"() => {FIGURE} && {FIGURE}.data && {FIGURE}.data.length === 5",
                               timeout=180_000)
        names = page.evaluate(f"() => {FIGURE}.data.map(t => t.name)")
        assert names == ["甘州区", "民乐县", "临泽县", "高台县", "山丹县"]
        page.locator(".cv-dash-regions select").select_option(label=["甘州区 620702", "山丹县 620725"])
        page.wait_for_function(f"() => {FIGURE}.data.length === 2", timeout=30_000)
        assert page.evaluate(f"() => {FIGURE}.data.map(t => t.name)") == ["甘州区", "山丹县"]
        page.locator(".cv-dash-language button", has_text="English").click()
        page.wait_for_function(f"() => {FIGURE}.data[0].name === 'Ganzhou District'", timeout=30_000)
        # the composite explorer rendered too
        page.wait_for_function("""() => { const p = document.querySelector('.cv-exp-ranks.js-plotly-plot');
            return p && p.data && p.data.length === 1; }""", timeout=60_000)
        page.locator(".cv-dash").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab_dashboard.png"))
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                            ).filter(has_text="Traceback").count() == 0
        browser.close()


def test_widget_extensions_are_installed_and_enabled():
    r = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                       capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    text = r.stdout + r.stderr
    for ext in ("@jupyter-widgets/jupyterlab-manager", "jupyterlab-plotly", "anywidget"):
        line = next((ln for ln in text.splitlines() if ext in ln), "")
        assert "enabled" in line and "OK" in line, f"{ext} not enabled:\n{text}"
