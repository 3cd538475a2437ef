"""`python -m tests.page_screenshots [--out docs/screenshots] [--width 1400]`: a screenshot of every dashboard page,
whole, on the bundled corpus, as headless Chromium shows it.

Streamlit scrolls inside its own container, so Playwright's `full_page` captures one window's height only: each
page is measured (the height of its main container) and the window made that tall before the picture is taken.
The dashboard runs as a user runs it (bench.load.start_server) on a warehouse built from `data/sources` in a
temporary folder; nothing in the project is written but the PNGs."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.load import free_port, start_server
from etl.build import build_warehouse
from tests.conftest import BUNDLED_SOURCES, PROJECT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# screenshot name -> the page's address under the server (the SQL page with a query, so it shows a result)
PAGES = {
    "home": "",
    "timeline": "Timeline",
    "trade": "Trade_and_targets",
    "participation": "Participation",
    "agreements": "Agreements",
    "sources": "Sources",
    "sql": "SQL?sql=SELECT+kind%2C+count(*)+AS+n+FROM+agreements+GROUP+BY+kind",
    "add_documents": "Add_documents",
    "data_quality": "Data_quality",
}
CHART_PAGES = {"home", "timeline", "trade", "participation", "agreements"}
MIN_HEIGHT, MAX_HEIGHT = 1000, 6000  # a page taller than this is cut (none is, on the bundled corpus)


def open_page(page, url: str) -> None:
    """Load `url` and wait until Streamlit has finished running the page (its title drawn, no «running» sign)."""
    page.goto(url, wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && document.querySelector('h1')",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)


# Add documents is shown previewing a text of a meeting the bundled corpus lacks (never confirmed: nothing is added).
UPLOAD = PROJECT / "tests" / "data" / "unseen" / "a_ru_2022.txt"


def wait_for_content(page, name: str) -> None:
    """Charts are drawn after the page's run ends; the SQL page's result table comes with its run."""
    if name == "add_documents":
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(UPLOAD))
        page.get_by_text("meeting 4", exact=False).first.wait_for(timeout=60_000)
        page.get_by_text("The text, with the passages").click()  # open the text with its passages marked
    if name in CHART_PAGES:
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30_000)
    if name == "sql":
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stDataFrame"]', timeout=30_000)
    page.wait_for_timeout(1000)


MAIN_HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


def content_height(page) -> int:
    """The height of the page's content (Streamlit's main container scrolls, the window does not), once it has
    stopped growing: a source's text or a table may arrive after the page's run has ended."""
    height = page.evaluate(MAIN_HEIGHT)
    for _ in range(20):
        page.wait_for_timeout(500)
        now = page.evaluate(MAIN_HEIGHT)
        if now == height:
            break
        height = now
    return max(MIN_HEIGHT, min(MAX_HEIGHT, int(height)))


def screenshot_page(page, url: str, name: str, out: Path, width: int) -> Path:
    """One page, whole: opened, measured, the window made as tall as it, redrawn and saved as `out/name.png`."""
    page.set_viewport_size({"width": width, "height": MIN_HEIGHT})
    open_page(page, url)
    wait_for_content(page, name)
    page.set_viewport_size({"width": width, "height": content_height(page)})
    page.wait_for_timeout(1500)  # charts and tables redraw for the new size
    path = out / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def take_screenshots(out: Path, width: int = 1400, names: list[str] | None = None) -> list[Path]:
    """Build the bundled warehouse, start the dashboard on it and save a screenshot of each page in `out`."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        shutil.copytree(BUNDLED_SOURCES, sources)
        db = Path(tmp) / "summits.duckdb"
        build_warehouse(sources, db)
        port = free_port()
        server = start_server(db, port)  # the page names the default sources folder; nothing is confirmed
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page()
                for name in names or list(PAGES):
                    saved.append(
                        screenshot_page(page, f"http://127.0.0.1:{port}/{PAGES[name]}", name, out, width)
                    )
                    print(f"wrote {saved[-1]}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.page_screenshots", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1400, help="window width in pixels (default 1400)")
    parser.add_argument("pages", nargs="*", help=f"pages to take (default: all of {', '.join(PAGES)})")
    args = parser.parse_args(argv)
    if unknown := sorted(set(args.pages) - set(PAGES)):
        parser.error(f"no such page: {', '.join(unknown)}")
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 1
    take_screenshots(args.out, args.width, args.pages or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
