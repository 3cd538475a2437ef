"""The Add documents page: preview, confirm, the new facts visible afterwards; bad files change nothing."""

import hashlib
import html
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import BUNDLED_SOURCES, PROJECT
from tests.formats import to_docx, to_html
from tests.snapshot import expected, expected_source

PAGE = "pages/7_Add_documents.py"
NEW_TEXT = (PROJECT / "tests" / "data" / "unseen" / "a_ru_2022.txt").read_bytes()


def open_page(files):
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    at.switch_page(PAGE).run()
    at.file_uploader(key="upload_files_0").set_value(files).run()
    return at


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_preview_then_confirm_adds_the_facts(workspace):
    sources, db = workspace
    at = open_page([("cholpon_ata.txt", NEW_TEXT, "text/plain")])
    assert not at.exception
    assert any("meeting 4" in c.value for c in at.caption)
    assert any("Participants**: 5 found, 5 new" in m.value for m in at.markdown)
    assert digest(db) and not (sources / "cholpon_ata.txt").exists()  # nothing saved before confirming
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert at.success and f"{len(expected()['sources']) + 1} sources" in at.success[0].value
    # the uploader is empty again: no «already in the tracker», no «nothing to add» beside the success
    assert not at.warning and not at.info and at.file_uploader(key="upload_files_1").value in (None, [])
    assert (sources / "cholpon_ata.txt").read_bytes() == NEW_TEXT
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM participants WHERE summit_id = 4").fetchone()[0] == 5
    timeline = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    timeline.switch_page("pages/1_Timeline.py").run()
    summits = timeline.dataframe[0].value
    assert int(summits.loc[summits["summit_id"] == 4, "source_count"].iloc[0]) == 1


def test_facts_known_from_other_sources_are_marked(workspace, tmp_path):
    text = (BUNDLED_SOURCES / "001_5b3a33e981358050.txt").read_text(encoding="utf-8")
    at = open_page([("kapital.html", to_html(text, "Дорожная карта"), "text/html")])
    agreements = at.dataframe[1].value
    assert len(agreements) == expected_source("001_5b3a33e981358050.txt")["agreements"]
    assert agreements["already_known"].all()


def test_known_guests_and_organisations_are_marked(workspace, tmp_path):
    path = tmp_path / "astana.docx"
    to_docx((BUNDLED_SOURCES / "000_2fc9c6fec2889a49.txt").read_text(encoding="utf-8"), path)
    at = open_page([("astana.docx", path.read_bytes(), "application/octet-stream")])
    participants = at.dataframe[0].value
    assert len(participants) == expected_source("000_2fc9c6fec2889a49.txt")["participants"]
    assert participants["already_known"].all()
    assert "UNRCCA" in set(participants["organization"])


def test_same_file_again_is_not_added_twice(workspace):
    raw = (BUNDLED_SOURCES / "000_2fc9c6fec2889a49.txt").read_bytes()
    at = open_page([("again.txt", raw, "text/plain")])
    assert at.warning and "000_2fc9c6fec2889a49.txt" in at.warning[0].value
    assert not at.button  # nothing to confirm
    assert at.info and "Nothing to add" in at.info[0].value


def _bad_docx():
    return b"PK\x03\x04 broken" * 20


@pytest.mark.parametrize(
    ("name", "raw", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("broken.docx", _bad_docx(), "not a readable DOCX"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(workspace, name, raw, words):
    sources, db = workspace
    before_db, before_files = digest(db), sorted(p.name for p in sources.iterdir())
    at = open_page([(name, raw, "application/octet-stream")])
    assert not at.exception
    assert at.error and words in at.error[0].value
    assert digest(db) == before_db and sorted(p.name for p in sources.iterdir()) == before_files


def test_oversized_upload_is_refused(workspace, monkeypatch):
    monkeypatch.setattr("ui.ingest.MAX_UPLOAD_MB", 1)
    at = open_page([("big.txt", b"a" * (2 * 1024 * 1024), "text/plain")])
    assert at.error and "over the 1 MB limit" in at.error[0].value


def test_failed_rebuild_removes_the_saved_file(workspace, monkeypatch):
    sources, db = workspace
    before = digest(db)

    def fail(*args, **kwargs):
        from etl.loader import BuildError

        raise BuildError("a broken rule: 1 rows")

    monkeypatch.setattr("ui.ingest.build_warehouse", fail)
    at = open_page([("new.txt", NEW_TEXT, "text/plain")])
    at.button(key="upload_confirm").click().run()
    assert at.error and "nothing was added" in at.error[0].value
    assert not (sources / "new.txt").exists() and digest(db) == before


def test_docx_upload_preview(workspace, tmp_path):
    path = tmp_path / "statement.docx"
    to_docx(NEW_TEXT.decode("utf-8"), path)
    at = open_page([("statement.docx", path.read_bytes(), "application/octet-stream")])
    assert not at.exception and any("meeting 4" in c.value for c in at.caption)


def test_two_identical_files_in_one_upload_are_added_once(workspace):
    sources, db = workspace
    at = open_page([("a.txt", NEW_TEXT, "text/plain"), ("b.txt", NEW_TEXT, "text/plain")])
    assert any("the same bytes as a.txt" in w.value for w in at.warning)
    at.button(key="upload_confirm").click().run()
    assert (sources / "a.txt").exists() and not (sources / "b.txt").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM sources").fetchone() == (6, 6)


def test_a_planted_link_is_never_written_through(workspace, tmp_path):
    import os

    from ui.ingest import add_documents

    sources, _ = workspace
    target = tmp_path / "outside.txt"
    os.symlink(target, sources / "report.txt")  # dangling: writing to it would create a file outside
    add_documents([("report.txt", NEW_TEXT)])
    assert not target.exists() and (sources / "report-2.txt").read_bytes() == NEW_TEXT


def test_the_preview_shows_the_text_as_written_not_as_markdown(app):
    """A «## » heading and a «- » list line of an upload are its text: shown literally (HTML-escaped, only the
    passages marked), never turned into a Markdown heading or bullet."""
    text = (
        "## Консультативная встреча\n"
        "- Товарооборот между странами Центральной Азии в 2024 году составил 11 млрд долларов.\n"
        + NEW_TEXT.decode("utf-8")
    )
    at = app(PAGE)
    at.file_uploader(key="upload_files_0").set_value([("list.txt", text.encode(), "text/plain")]).run()
    assert not at.exception
    shown = next(h.proto.body for h in at.get("html") if "source-text" in h.proto.body)
    assert "<h2" not in shown and "<li" not in shown and "<ul" not in shown
    assert '<mark title="figure"' in shown  # the passage with the figure is highlighted
    written = html.unescape(re.sub(r"<[^>]+>", "", shown))  # the text without the marks
    assert written.startswith("## Консультативная встреча\n- Товарооборот между странами")
    assert not any("Консультативная встреча" in m.value for m in at.markdown)  # not rendered elsewhere
