"""The meeting brief, built from the bundled warehouse: it holds every fact the warehouse has for the meeting,
each with its passage and every text that reports it; its Markdown, Word and PDF files carry the quotes
(Cyrillic intact in the PDF's text layer); filters narrow it; it says what is not known. Expected facts are
read from the warehouse, never written here."""

from __future__ import annotations

import io
from datetime import date

import duckdb
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from warehouse.brief import UnknownSummit, build_brief, render
from warehouse.brief.__main__ import main
from warehouse.brief.markdown import escape
from warehouse.brief.model import Document, UnknownCountry
from warehouse.brief.outline import amount, file_stem, ordinal, period_text
from warehouse.queries import Filters, participation

SUMMIT = 6
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@pytest.fixture(scope="module")
def con(bundled_warehouse):
    with duckdb.connect(str(bundled_warehouse), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def brief(con):
    return build_brief(con, SUMMIT)


def _by_id(con, sql: str) -> dict:
    """{id: rest of the row} of a query whose first column is an id."""
    return {row[0]: row[1:] for row in con.execute(sql, [SUMMIT]).fetchall()}


def _sources_by_fact(con, table: str, key: str) -> dict[int, set[int]]:
    links = table.removesuffix("s") + "_sources"
    rows = con.execute(
        f"SELECT l.{key}, l.source_id FROM {links} l JOIN {table} t USING ({key}) WHERE t.summit_id = ?",
        [SUMMIT],
    ).fetchall()
    found: dict[int, set[int]] = {}
    for fact_id, source_id in rows:
        found.setdefault(fact_id, set()).add(source_id)
    return found


def _quotes(brief) -> list[str]:
    return [
        c.quote for fact in (*brief.participants, *brief.documents, *brief.figures) for c in fact.citations
    ]


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---- what the brief holds ----


def test_every_participant_with_its_role_and_quote(con, brief):
    expected = _by_id(
        con,
        "SELECT participant_id, country_code, person, role, is_chair, quote FROM participants "
        "WHERE summit_id = ?",
    )
    got = {
        p.participant_id: (p.country_code, p.person, p.role, p.is_chair, p.citations[0].quote)
        for p in brief.participants
    }
    assert expected and got == expected


def test_every_document_with_its_adoption_period_and_quote(con, brief):
    expected = _by_id(
        con,
        "SELECT agreement_id, kind, adoption, period_from, period_to, quote FROM agreements "
        "WHERE summit_id = ?",
    )
    got = {
        d.agreement_id: (d.kind, d.adoption, d.period_from, d.period_to, d.citations[0].quote)
        for d in brief.documents
    }
    assert expected and got == expected
    grouped = brief.documents_by_adoption()
    assert sum(len(docs) for _, docs in grouped) == len(expected)
    assert all(d.adoption == adoption for adoption, docs in grouped for d in docs)


def test_every_figure_with_its_year_and_quote(con, brief):
    expected = _by_id(
        con,
        "SELECT figure_id, scope, metric, kind, value, unit, period_year, quote FROM figures "
        "WHERE summit_id = ?",
    )
    got = {
        f.figure_id: (f.scope, f.metric, f.kind, f.value, f.unit, f.period_year, f.citations[0].quote)
        for f in brief.figures
    }
    assert expected and got == expected


def test_each_fact_cites_every_text_that_reports_it(con, brief):
    for facts, table, key in (
        (brief.participants, "participants", "participant_id"),
        (brief.documents, "agreements", "agreement_id"),
        (brief.figures, "figures", "figure_id"),
    ):
        expected = _sources_by_fact(con, table, key)
        assert {getattr(f, key): {c.source_id for c in f.citations} for f in facts} == expected
    cited = {
        c.source_id
        for fact in (*brief.participants, *brief.documents, *brief.figures)
        for c in fact.citations
    }
    meeting_texts = {
        s for (s,) in con.execute("SELECT source_id FROM sources WHERE summit_id = ?", [SUMMIT]).fetchall()
    }
    assert {s.source_id for s in brief.sources} == meeting_texts | cited


def test_every_quote_is_verbatim_in_its_text(con, brief):
    texts = dict(con.execute("SELECT source_id, text FROM sources").fetchall())
    for fact in (*brief.participants, *brief.documents, *brief.figures):
        assert all(c.quote in texts[c.source_id] for c in fact.citations)


# ---- the files ----


def test_markdown_holds_every_quote_and_source(brief):
    text = render(brief, "md").decode("utf-8")
    assert all(escape(line) in text for quote in _quotes(brief) for line in quote.splitlines())
    assert all(escape(s.title) in text for s in brief.sources if s.title)
    assert "## What the tracker does not know" in text


def test_docx_opens_and_holds_every_quote(brief):
    document = WordDocument(io.BytesIO(render(brief, "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert set(_quotes(brief)) <= set(paragraphs)
    assert document.core_properties.title.startswith(f"{SUMMIT}th Consultative Meeting")


def test_pdf_text_layer_keeps_russian_and_kazakh_quotes(brief):
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    quotes = _quotes(brief)
    kazakh = [q for q in quotes if KAZAKH_LETTERS & set(q)]
    assert kazakh, "the bundled meeting should have a Kazakh passage"
    assert all(_flat(q) in text for q in quotes)
    assert all(_flat(s.title) in text for s in brief.sources if s.title)


# ---- filters ----


def test_country_filter_gives_that_countrys_part(con, brief):
    (country,) = con.execute(
        "SELECT min(country_code) FROM participants WHERE summit_id = ? AND role = 'head_of_state'", [SUMMIT]
    ).fetchone()
    narrowed = build_brief(con, SUMMIT, Filters(countries=(country,)))
    assert narrowed.participants and {p.country_code for p in narrowed.participants} == {country}
    assert len(narrowed.participants) < len(brief.participants)
    assert {f.scope for f in narrowed.figures} <= {country, "C5"}
    assert [d.agreement_id for d in narrowed.documents] == [d.agreement_id for d in brief.documents]
    assert "Filtered to " in render(narrowed, "md").decode("utf-8")


def test_participants_are_the_participation_pages_rows(con):
    """The brief reads participants with a query of its own (it needs their ids): it must keep what the
    dashboard's query keeps, for the same filters."""
    for f in (Filters(), Filters(countries=("KGZ", "AZE")), Filters(confidence=("medium",))):
        brief = build_brief(con, SUMMIT, f)
        rows = participation(con, Filters(summit_id=SUMMIT, countries=f.countries, confidence=f.confidence))
        assert [(p.name, p.person, p.role, p.citations[0].quote) for p in brief.participants] == list(
            rows[["participant", "person", "role", "quote"]].itertuples(index=False, name=None)
        )


def test_confidence_filter_keeps_the_surer_facts(con):
    narrowed = build_brief(con, SUMMIT, Filters(confidence=("high",)))
    facts = (*narrowed.participants, *narrowed.documents, *narrowed.figures)
    assert facts and {f.confidence for f in facts} == {"high"}


# ---- what is not known, and errors ----


def test_a_meeting_with_no_documents_says_so(con):
    (summit,) = con.execute(
        "SELECT min(summit_id) FROM v_summits WHERE source_count > 0 AND agreement_count = 0"
    ).fetchone()
    assert summit is not None, "the bundled corpus has a meeting reported without documents"
    brief = build_brief(con, summit)
    assert "No text reports the documents of this meeting." in brief.unknowns
    assert "No text reports the documents of this meeting." in render(brief, "md").decode("utf-8")


def test_a_meeting_no_text_reports_names_what_the_calendar_knows(con):
    summit, chair = con.execute(
        "SELECT summit_id, chair FROM v_summits WHERE source_count = 0 ORDER BY 1 LIMIT 1"
    ).fetchone()
    brief = build_brief(con, summit)
    assert not (brief.participants or brief.documents or brief.figures or brief.sources)
    assert any("known only from the calendar" in u and chair in u for u in brief.unknowns)


def test_unknown_summit_and_country_are_clear_errors(con):
    (last,) = con.execute("SELECT max(summit_id) FROM summits").fetchone()
    with pytest.raises(UnknownSummit, match=f"no meeting {last + 1} "):
        build_brief(con, last + 1)
    with pytest.raises(UnknownCountry, match="XXX"):
        build_brief(con, SUMMIT, Filters(countries=("XXX",)))


# ---- the command ----


def test_command_writes_a_file_named_after_the_meeting(bundled_warehouse, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main([str(SUMMIT), "--format", "docx", "--db", str(bundled_warehouse)]) == 0
    (written,) = tmp_path.glob("*.docx")
    assert (
        written.name.startswith(f"meeting-{SUMMIT}-")
        and capsys.readouterr().out.strip() == f"wrote {written.name}"
    )
    out = tmp_path / "kgz.md"
    assert (
        main(
            [
                str(SUMMIT),
                "--format",
                "md",
                "--country",
                "kgz",
                "--db",
                str(bundled_warehouse),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "Filtered to Kyrgyzstan" in out.read_text(encoding="utf-8")


def test_command_errors_are_one_line(bundled_warehouse, tmp_path, capsys):
    assert main(["999", "--db", str(bundled_warehouse)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no meeting 999") and error.count("\n") == 1
    assert main([str(SUMMIT), "--db", str(tmp_path / "missing.duckdb")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no warehouse at") and error.count("\n") == 1


# ---- wording ----


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (11_000_000_000, "USD", "US$ 11.0 billion (11,000,000,000)"),
        (135_000_000, "USD", "US$ 135 million (135,000,000)"),
        (950_000, "USD", "US$ 950,000"),
        (14, "percent", "14 %"),
        (2.5, "percent", "2.5 %"),
    ],
)
def test_amounts(value, unit, shown):
    assert amount(value, unit) == shown


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (111, "111th"),
    ],
)
def test_ordinals(n, shown):
    assert ordinal(n) == shown


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ((2025, 2027), "valid 2025–2027"),
        ((None, 2040), "valid until 2040"),
        ((2025, None), "valid from 2025"),
        ((2024, 2024), "for 2024"),
        ((None, None), "no period stated"),
    ],
)
def test_document_periods(period, shown):
    document = Document(1, "roadmap", "approved", "…", (), *period, "high", ())
    assert period_text(document) == shown


@pytest.mark.parametrize(
    ("args", "stem"),
    [
        ((6, "Astana", date(2024, 8, 9)), "meeting-6-astana-2024-08-09-brief"),
        (
            (4, "Cholpon-Ata", date(2022, 7, 21), ("KGZ", "TJK")),
            "meeting-4-cholpon-ata-2022-07-21-kgz-tjk-brief",
        ),
        ((9, None, None), "meeting-9-brief"),
    ],
)
def test_file_names(args, stem):
    assert file_stem(*args) == stem


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. Совместное заявление;", "1\\. Совместное заявление;"),
        ("- Кыргызстан – Президент", "\\- Кыргызстан – Президент"),
        ("> цитата", "\\> цитата"),
        ("a *b* [c](d) <e> _f_", "a \\*b\\* \\[c\\](d) \\<e> \\_f\\_"),
        ("«Центральная Азия – 2040»", "«Центральная Азия – 2040»"),
    ],
)
def test_markdown_keeps_quotes_literal(text, escaped):
    assert escape(text) == escaped
