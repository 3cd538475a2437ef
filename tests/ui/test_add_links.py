"""The Add documents page's links box: pasted links are fetched from a site the test serves on 127.0.0.1, previewed
like uploads, added on confirm with their manifest rows — and then every page names the URL as the source's link.
A bad link is reported and changes nothing."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from etl.manifest import read_manifest
from tests.conftest import BUNDLED_SOURCES, PROJECT
from tests.fetch_site import REPORTS, serve_site
from ui.ingest import fetch_settings

PAGE = "pages/7_Add_documents.py"


@pytest.fixture
def workspace(workspace, monkeypatch):
    """The Add documents workspace (tests/ui/conftest.py), fetching quickly from the test's own site."""
    monkeypatch.setenv("SUMMITS_FETCH_PRIVATE", "1")  # the test's site is on 127.0.0.1
    fast = replace(fetch_settings(), host_delay=0.01, read_seconds=2.0)
    monkeypatch.setattr("ui.ingest.fetch_settings", lambda: fast)
    return workspace


@pytest.fixture
def site():
    with serve_site() as served:
        yield served


def app(page: str = PAGE) -> AppTest:
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    return at.switch_page(page).run()


def paste(at: AppTest, links: list[str]) -> AppTest:
    return at.text_area(key="fetch_links_0").input("\n".join(links)).run()


def state(sources, db) -> tuple:
    return (
        hashlib.sha256(db.read_bytes()).hexdigest(),
        sorted(p.name for p in sources.iterdir()),
        (sources / "MANIFEST.tsv").read_bytes(),
    )


def urls_shown(at: AppTest, column: str) -> set[str]:
    return {
        url for frame in at.dataframe if column in frame.value.columns for url in frame.value[column].dropna()
    }


def test_three_links_previewed_confirmed_and_linked_on_every_page(workspace, site):
    sources, db = workspace
    before = state(sources, db)
    links = [site.url(r.path) for r in REPORTS] + [site.url("/gone.html")]
    at = paste(app(), links)
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert all(f"meeting {r.meeting}" in captions and f"<{site.url(r.path)}>" in captions for r in REPORTS)
    assert any("Participants**: 4 found" in m.value for m in at.markdown)  # the facts each would add
    assert [e.value for e in at.error] == [f"{site.url('/gone.html')} — not added: HTTP 404 Not Found"]
    assert state(sources, db) == before  # nothing saved before confirming

    at.button(key="upload_confirm").click().run()
    assert not at.exception and "8 sources" in at.success[0].value
    assert at.text_area(key="fetch_links_1").value in ("", None)  # the box is empty again
    manifest = read_manifest(sources)
    bundled = read_manifest(BUNDLED_SOURCES).rows  # the bundled texts' own rows (one has its address)
    added = {row["url"]: row for file, row in manifest.rows.items() if row.get("url") and file not in bundled}
    assert set(added) == {site.url(r.path) for r in REPORTS}
    assert {row["published"] for row in added.values()} == {r.published for r in REPORTS}

    new = {site.url(r.path) for r in REPORTS}
    assert urls_shown(app("pages/5_Sources.py"), "url") >= new
    # a fact several texts give is shown with one of them: meeting 6's participants keep the bundled report's
    assert urls_shown(app("pages/3_Participation.py"), "source_url") >= new - {site.url(REPORTS[0].path)}
    assert urls_shown(app("pages/2_Trade_and_targets.py"), "source_url") >= {
        site.url(REPORTS[0].path),
        site.url(REPORTS[1].path),
    }
    timeline = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    timeline.query_params["summit"] = "4"
    timeline.switch_page("pages/1_Timeline.py").run()
    assert urls_shown(timeline, "source_url") == {site.url(REPORTS[2].path)}

    again = paste(app(), [site.url(REPORTS[0].path)])  # a link already in the tracker
    assert again.warning and "already in the tracker" in again.warning[0].value
    assert again.info and "Nothing to add" in again.info[0].value


def test_bad_links_alone_are_reported_and_change_nothing(workspace, site):
    sources, db = workspace
    before = state(sources, db)
    at = paste(app(), [site.url("/private/draft.html"), site.url("/photo.png"), "not a link"])
    assert not at.exception
    assert [e.value.split(" — ")[0] for e in at.error] == [
        site.url("/private/draft.html"),
        site.url("/photo.png"),
        "not a link",
    ]
    assert "robots.txt" in at.error[0].value and "image/png" in at.error[1].value
    assert not at.button and "Nothing to add" in at.info[0].value
    assert state(sources, db) == before
