"""The Timeline offers the chosen meeting's brief (Markdown, Word, PDF) under the page's filters. AppTest finds
the buttons but cannot fetch their files: the files are checked through the function the buttons call."""

import io

import duckdb
from docx import Document as WordDocument

from ui.data import brief_file
from warehouse.brief import FORMATS
from warehouse.queries import Filters

TIMELINE = "pages/1_Timeline.py"


def _brief_buttons(at) -> dict[str, str]:
    """{format: label} of the brief's download buttons."""
    buttons = {}
    for element in at.get("download_button"):
        key = element.proto.id.rsplit("-", 1)[-1]
        if key.startswith("timeline_brief_"):
            buttons[key.removeprefix("timeline_brief_")] = element.proto.label
    return buttons


def test_timeline_offers_the_brief_of_the_chosen_meeting(app):
    at = app(TIMELINE, summit="6", country="KGZ")
    assert not at.exception
    assert at.selectbox(key="timeline_summit").value == 6
    assert set(_brief_buttons(at)) == set(FORMATS)
    assert any("countries and confidence apply" in c.value for c in at.caption)


def test_a_meeting_no_text_reports_still_has_its_brief(app, bundled_warehouse):
    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        (unreported,) = con.execute("SELECT min(summit_id) FROM v_summits WHERE source_count = 0").fetchone()
    at = app(TIMELINE)
    at.selectbox(key="timeline_summit").set_value(unreported).run()
    assert not at.exception and at.info  # the page says no text reports it…
    assert set(_brief_buttons(at)) == set(FORMATS)  # …and its brief says what the calendar knows


def test_the_brief_files_honour_the_filters(bundled_warehouse, monkeypatch):
    monkeypatch.setenv("SUMMITS_DB", str(bundled_warehouse))
    narrowed = brief_file(6, Filters(countries=("KGZ",)), "md").decode("utf-8")
    assert "Filtered to Kyrgyzstan" in narrowed and "Kazakhstan — " not in narrowed
    assert brief_file(6, Filters(), "pdf").startswith(b"%PDF")
    assert WordDocument(io.BytesIO(brief_file(6, Filters(), "docx"))).paragraphs
