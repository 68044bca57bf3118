"""The comparison notebook served by Voilà, driven in headless Chromium with Playwright."""

import sys
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, free_port, serve

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def voila(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           "--VoilaConfiguration.file_allowlist=['.*']", "--show_tracebacks=True",
           str(REPO / "notebooks" / "30_compare.ipynb")]
    with serve(cmd, url + "voila/static/", tmp_path / "voila.log"):
        yield url


def _traces(page):
    return page.evaluate("""() => {
        const plots = [...document.querySelectorAll('.cv-dash-figure.js-plotly-plot, .cv-dash-figure .js-plotly-plot')];
        const p = plots[plots.length - 1];
        return p.data.map(t => ({name: t.name, y: Array.from(t.y || []).slice(0, 3)}));
    }""")


def test_dashboard_responds_to_selection_and_indicator(voila):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.goto(voila, timeout=180_000)
        select = page.locator(".cv-dash-regions select")
        select.wait_for(timeout=180_000)
        page.wait_for_function("""() => { const ps = document.querySelectorAll('.cv-dash-figure.js-plotly-plot, .cv-dash-figure .js-plotly-plot');
            return ps.length > 0 && ps[ps.length - 1].data && ps[ps.length - 1].data.length === 5; }""",
                               timeout=120_000)
        before = _traces(page)
        assert len(before) == 5  # the five default counties
        # select two counties only
        select.select_option(label=["甘州区 620702", "临泽县 620723"])
        page.wait_for_function("""() => { const ps = document.querySelectorAll('.cv-dash-figure.js-plotly-plot, .cv-dash-figure .js-plotly-plot');
            return ps[ps.length - 1].data.length === 2; }""", timeout=30_000)
        two = _traces(page)
        assert {t["name"] for t in two} == {"甘州区", "临泽县"}
        # change the indicator: the values change
        dropdown = page.locator(".cv-dash-indicator select")
        label = dropdown.locator("option", has_text="人均地区生产总值").first.get_attribute("value")
        dropdown.select_option(label)
        page.wait_for_function(f"""() => {{ const ps = document.querySelectorAll('.cv-dash-figure.js-plotly-plot, .cv-dash-figure .js-plotly-plot');
            const d = ps[ps.length - 1].data; return d.length === 2 &&
            Array.from(d[0].y).slice(0, 3).join() !== {two[0]['y']!r}.join(); }}""", timeout=30_000)
        after = _traces(page)
        assert after[0]["y"] != two[0]["y"]
        page.locator(".cv-dash").screenshot(path=str(ARTIFACTS / "voila_dashboard.png"))
        # the composite-index explorer: entropy weights move the scores
        scores = """() => { const p = document.querySelector('.cv-exp-scores.js-plotly-plot');
            return p && p.data && p.data.length ? Array.from(p.data[0].x).join() : null; }"""
        page.wait_for_function(scores, timeout=30_000)
        equal = page.evaluate(scores)
        page.locator(".cv-exp-scheme select").select_option(label="熵权法")
        try:  # a busy machine (two browsers, two kernels on two cores) can take a while
            page.wait_for_function(f"() => ({scores})() !== {equal!r}", timeout=90_000)
        except Exception:
            state = page.evaluate("""() => ({scheme: document.querySelector('.cv-exp-scheme select').value,
                message: document.querySelector('.cv-exp-message').innerText,
                sliders: [...document.querySelectorAll('.cv-exp .widget-readout')].map(e => e.innerText)})""")
            pytest.fail(f"scores did not change after choosing entropy weights; page state: {state}")
        ranks = page.evaluate("""() => document.querySelector('.cv-exp-ranks.js-plotly-plot').data[0].x.length""")
        assert ranks > 5
        page.locator(".cv-exp").screenshot(path=str(ARTIFACTS / "voila_composite_explorer.png"))
        # an empty selection gives a message, not a stack trace
        select.select_option([])
        page.wait_for_selector("text=请至少选择一个地区", timeout=30_000)
        assert page.locator("text=Traceback").count() == 0
        browser.close()
