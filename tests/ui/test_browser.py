"""Once end to end in a real headless Chromium: start the server, open every page, check that charts
render and no error shows, download a table, and save screenshots to tests/screenshots/ (one window high; the
whole pages for the README come from `python -m tests.page_screenshots`)."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path

import pytest

from bench.load import free_port, start_server
from etl.build import build_warehouse
from tests.conftest import BUNDLED_SOURCES, PROJECT
from tests.fetch_site import REPORTS, serve_site
from tests.page_screenshots import CHROMIUM, CHROMIUM_ARGS, PAGES
from tests.page_screenshots import open_page as _open
from tests.snapshot import unreported_meetings

SCREENSHOTS = PROJECT / "tests" / "screenshots"
CHART_PAGES = {"timeline", "trade", "participation", "agreements"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # A workspace of its own: the upload test adds a file and rebuilds.
    workspace = tmp_path_factory.mktemp("browser")
    sources = workspace / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    build_warehouse(sources, workspace / "summits.duckdb")
    port = free_port()
    # SUMMITS_FETCH_PRIVATE: the links test's site is served on 127.0.0.1, which the dashboard refuses otherwise.
    process = start_server(
        workspace / "summits.duckdb", port, {"SUMMITS_SOURCES": str(sources), "SUMMITS_FETCH_PRIVATE": "1"}
    )
    url = f"http://127.0.0.1:{port}"
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        yield context.new_page()
        browser.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_in_chromium(server, page, name):
    _open(page, f"{server}/{PAGES[name]}")
    if name in CHART_PAGES:
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
        page.wait_for_timeout(1000)
        assert page.locator(".js-plotly-plot").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    if name == "sql":  # the result of the example query, in the main area (the schema's table waits folded)
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stDataFrame"]', timeout=30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Before the tests that add texts: these count the meetings of the bundled corpus.
def test_home_draws_meetings_no_text_reports_hollow(server, page):
    _open(page, server)
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    chart = page.locator(".js-plotly-plot").first
    fills = chart.locator(".scatterlayer path.point").evaluate_all("points => points.map(p => p.style.fill)")
    assert fills.count("none") == len(unreported_meetings())  # hollow: drawn, but no text reports them
    assert 0 < len(fills) - fills.count("none")  # the meetings texts report are filled
    assert "no texts yet" in " ".join(chart.locator("text").all_text_contents())


# Each table of these pages in a 1,400 px window: no column off to the right (the grid is a canvas, so its
# scroller's width is what a browser can tell).
FITTING_TABLES = {"timeline": 1, "sources": 1}  # page -> how many of its first tables must fit


@pytest.mark.parametrize("name", list(FITTING_TABLES))
def test_tables_fit_a_1400_px_window(server, page, name):
    _open(page, f"{server}/{PAGES[name]}")
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stDataFrame"] .dvn-scroller', timeout=30_000)
    page.wait_for_timeout(1500)
    widths = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] .dvn-scroller').evaluate_all(
        "grids => grids.map(g => [g.scrollWidth, g.clientWidth])"
    )
    for scroll_width, client_width in widths[: FITTING_TABLES[name]]:
        assert scroll_width <= client_width + 1, f"{name}: {scroll_width} px of columns in {client_width} px"


def test_url_filter_and_download_click(server, page):
    _open(page, f"{server}/Participation?country=KGZ")
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="CSV").last.click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert rows and {r["country_code"] for r in rows} == {"KGZ"}
    # The filter follows the user to another page, and stays in the address.
    page.get_by_role("link", name="Agreements").click()
    page.wait_for_url("**/Agreements?*country=KGZ*", timeout=30_000)


def test_upload_preview_and_confirm(server, page, tmp_path):
    upload = tmp_path / "cholpon_ata.txt"
    upload.write_bytes((PROJECT / "tests" / "data" / "unseen" / "a_ru_2022.txt").read_bytes())
    _open(page, f"{server}/Add_documents")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("meeting 4", exact=False).first.wait_for(timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "add_documents_preview.png"), full_page=True)
    page.get_by_role("button", name="Add 1 file to the tracker").click()
    page.get_by_text("The tracker now holds 6 sources", exact=False).wait_for(timeout=120_000)
    _open(page, f"{server}/Participation")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1500)
    ticks = page.locator(".js-plotly-plot .xtick text").all_text_contents()
    page.screenshot(path=str(SCREENSHOTS / "participation_after_upload.png"), full_page=True)
    assert "4. Cholpon-Ata 2022" in ticks
    page.screenshot(path=str(SCREENSHOTS / "participation_after_upload.png"), full_page=True)


def test_pasted_links_are_previewed_added_and_linked(server, page):
    """The issue's «done when»: three links (and a bad one) pasted, their facts previewed, confirmed, and each new
    source on the Sources page with its URL; the bad link is reported."""
    with serve_site() as site:
        _open(page, f"{server}/Add_documents")
        box = page.get_by_role("textbox", name="Links, one per line")
        box.fill("\n".join([site.url(r.path) for r in REPORTS] + [site.url("/gone.html")]))
        box.press("Control+Enter")
        page.get_by_text("HTTP 404 Not Found", exact=False).wait_for(
            timeout=120_000
        )  # the bad link, reported last
        for report in REPORTS:
            assert page.get_by_text(f"meeting {report.meeting}", exact=False).count() >= 1
        page.screenshot(path=str(SCREENSHOTS / "add_documents_links.png"), full_page=True)
        page.get_by_role("button", name="Add 3 files to the tracker").click()
        page.get_by_text("Added 3 file(s)", exact=False).wait_for(timeout=120_000)
    _open(page, f"{server}/Sources")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="CSV", exact=True).first.click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    urls = {r["title"]: r["url"] for r in rows}
    assert all(urls[report.title] == site.url(report.path) for report in REPORTS)
    page.screenshot(path=str(SCREENSHOTS / "sources_after_links.png"), full_page=True)


def test_clicking_a_bar_shows_its_sentence(server, page):
    _open(page, f"{server}/Trade_and_targets")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    page.locator(".js-plotly-plot .trace.bars .point path").first.click(force=True)
    page.wait_for_timeout(3000)
    page.screenshot(path=str(SCREENSHOTS / "trade_bar_clicked.png"), full_page=True)
    page.get_by_text("Selected figures and their sentences").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("«", exact=False).count() > 0  # the quote of the figure clicked
    # with the title of the text it comes from (a link where its address is known), not «(source 4)»
    assert page.get_by_text("» — ", exact=False).count() > 0 and page.get_by_text("(source ").count() == 0
    assert page.get_by_text("All figures").count() == 1  # the table below is still there
    page.screenshot(path=str(SCREENSHOTS / "trade_bar_clicked.png"), full_page=True)


def _sidebar(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def test_back_returns_to_the_previous_page_and_its_filters(server, page):
    """In one session: follow a page link (the filter goes along), change the filter, then Back twice — each
    step back shows the page and the filter of that step, not the filter the session holds last."""
    _open(page, f"{server}/Participation?country=KGZ")
    page.get_by_role("link", name="Agreements").click()
    page.wait_for_url("**/Agreements?country=KGZ", timeout=30_000)
    page.wait_for_timeout(1500)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.keyboard.type("Tajik")
    page.keyboard.press("Enter")
    page.wait_for_url("**/Agreements?country=KGZ&country=TJK", timeout=30_000)
    _wait_for_sidebar(page, shows="Tajikistan")
    page.go_back()  # the filter as it was before the change
    page.wait_for_url("**/Agreements?country=KGZ", timeout=30_000)
    _wait_for_sidebar(page, shows="Kyrgyzstan", lacks="Tajikistan")
    # the page before the link. Streamlit may record the link's page twice (its address, then with the filters
    # added, when the two land in different runs on a busy machine): a second Back then shows the same state.
    for _ in range(2):
        page.go_back()
        page.wait_for_timeout(1000)
        if "/Participation" in page.url:
            break
    page.wait_for_url("**/Participation?country=KGZ", timeout=30_000)
    _wait_for_sidebar(page, shows="Kyrgyzstan", lacks="Tajikistan")
    assert page.locator("h1").first.inner_text().startswith("Participation")


def _wait_for_sidebar(page, shows: str, lacks: str | None = None, seconds: float = 30) -> None:
    """Wait until the sidebar shows `shows` and not `lacks` (the page reruns after a Back at its own pace on
    a busy machine), then check it once more."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = _sidebar(page)
        if shows in text and (lacks is None or lacks not in text):
            break
        page.wait_for_timeout(250)
    page.wait_for_timeout(500)  # and it stays so: a late rerun would bring the old filter back
    text = _sidebar(page)
    assert shows in text and (lacks is None or lacks not in text), text


def test_what_only_a_browser_shows(server, page):
    _open(page, f"{server}/Timeline")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    chart = " ".join(page.locator(".js-plotly-plot").first.locator("text").all_text_contents())
    assert "no texts yet" in chart and "0 documents" not in chart  # meetings no text reports, drawn apart
    assert page.get_by_role("button", name="Deploy").count() == 0  # the developer toolbar is hidden
    # column labels: the grid is a canvas, so they are checked where show_table makes them (test_labels.py)
    _open(page, f"{server}/Participation")
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    legend = " ".join(page.locator(".js-plotly-plot .legend text").all_text_contents())
    assert "head of state" in legend and "guest" in legend and "no record" in legend


def test_timeline_downloads_the_meetings_brief_under_the_filters(server, page):
    from pypdf import PdfReader

    _open(page, f"{server}/Timeline?summit=6&country=KGZ")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Brief · PDF").click()
    assert download.value.suggested_filename.startswith("meeting-6-")
    assert download.value.suggested_filename.endswith("-kgz-brief.pdf")
    reader = PdfReader(download.value.path())
    assert "Filtered to Kyrgyzstan" in " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    page.screenshot(path=str(SCREENSHOTS / "timeline_brief.png"), full_page=True)
