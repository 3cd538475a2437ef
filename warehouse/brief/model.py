"""The brief of one meeting as plain records, read from the warehouse: the meeting, its participants,
documents and figures (each with every passage that reports it), its texts, and what the tracker does not
know of it. The shared filters give a part of the meeting: countries (participants of those states; figures
of those economies and of Central Asia as a whole; documents are the meeting's, adopted jointly, and stay)
and confidence (every fact). Their years and meeting do not apply: the meeting is named.

Documents and figures come through `warehouse.queries` (the dashboard's own queries, so a brief holds what
its pages show); participants, passages and texts through the few queries below, which need ids those do
not return."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from warehouse import queries as q
from warehouse.brief.unknowns import unknowns
from warehouse.codes import ADOPTIONS, REGION


class UnknownSummit(LookupError):
    """The warehouse holds no meeting of that number."""


class UnknownCountry(LookupError):
    """The country filter names a code the warehouse does not know."""


# ---- records ----


@dataclass(frozen=True)
class Source:
    """A text about the meeting, as the brief cites it («S1»)."""

    source_id: int
    label: str
    title: str | None
    url: str | None
    file_name: str
    language: str  # ru, kk, en
    publisher: str | None
    published_on: date | None
    facts: int  # facts of this brief it reports


@dataclass(frozen=True)
class Citation:
    """One text's passage behind a fact, verbatim."""

    source_id: int
    quote: str


@dataclass(frozen=True)
class Participant:
    participant_id: int
    name: str  # the country, or the organisation
    country_code: str | None
    person: str | None
    role: str  # head_of_state, guest
    is_chair: bool
    is_host: bool
    confidence: str
    citations: tuple[Citation, ...]  # the fact's own source first


@dataclass(frozen=True)
class Document:
    agreement_id: int
    kind: str
    adoption: str
    title: str
    other_titles: tuple[tuple[str, str], ...]  # (language, title) of its other-language titles
    period_from: int | None
    period_to: int | None
    confidence: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Figure:
    figure_id: int
    scope: str
    scope_name: str
    counterpart: str | None
    counterpart_name: str | None
    metric: str
    kind: str  # actual, target, change
    value: float
    unit: str  # USD, percent
    period_year: int | None
    period: str | None  # the period as the text writes it («за прошлый год»)
    confidence: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Meeting:
    summit_id: int
    held_on: date | None
    city: str | None
    host_country: str | None
    host_name: str | None
    chair: str | None
    origin: str  # reference, text, text+reference
    reference_url: str | None
    source_count: int
    # what the warehouse holds of the meeting, before any filter
    participant_count: int
    document_count: int
    figure_count: int


@dataclass(frozen=True)
class Brief:
    meeting: Meeting
    countries: tuple[tuple[str, str], ...]  # the country filter: (code, name)
    confidence: tuple[str, ...]  # the confidence filter; empty: every level
    participants: tuple[Participant, ...]
    documents: tuple[Document, ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    unknowns: tuple[str, ...]  # what the tracker does not know of this meeting (English sentences)

    @property
    def filtered(self) -> bool:
        return bool(self.countries or self.confidence)

    def source(self, source_id: int) -> Source:
        return next(s for s in self.sources if s.source_id == source_id)

    def documents_by_adoption(self) -> list[tuple[str, tuple[Document, ...]]]:
        """The documents grouped signed, approved, signed by delegations, planned; empty groups left out."""
        groups = [(a, tuple(d for d in self.documents if d.adoption == a)) for a in ADOPTIONS]
        return [(adoption, documents) for adoption, documents in groups if documents]


# ---- reading the warehouse ----


def _value(value: Any) -> Any:
    """None for a missing value; plain Python numbers and dates for DataFrame cells."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _int(value: Any) -> int | None:
    value = _value(value)
    return None if value is None else int(value)


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _value(v) for k, v in row.items()} for row in df.to_dict("records")]


MEETING_SQL = """
    SELECT summit_id, held_on, city, host_country, host_name, chair, origin, reference_url, source_count,
           participant_count, agreement_count AS document_count, figure_count
    FROM v_summits WHERE summit_id = $summit_id"""

# The same rows as queries.participation gives for one meeting (tests/warehouse/test_brief.py holds them
# equal), with the id the passages are found by.
PARTICIPANTS_SQL = """
    SELECT participant_id, coalesce(country_name, organization) AS participant, country_code, person, role,
           is_chair, coalesce(is_host, false) AS is_host, confidence, source_id, quote
    FROM v_participants
    WHERE summit_id = $summit_id
      AND (len($countries::VARCHAR[]) = 0 OR list_contains($countries::VARCHAR[], country_code))
      AND (len($confidence::VARCHAR[]) = 0 OR list_contains($confidence::VARCHAR[], confidence))
    ORDER BY role DESC, participant"""

CITATIONS_SQL = """
    SELECT 'participant' AS fact, participant_id AS fact_id, source_id, quote FROM participant_sources
    WHERE list_contains($participants::INTEGER[], participant_id)
    UNION ALL
    SELECT 'agreement', agreement_id, source_id, quote FROM agreement_sources
    WHERE list_contains($agreements::INTEGER[], agreement_id)
    UNION ALL
    SELECT 'figure', figure_id, source_id, quote FROM figure_sources WHERE list_contains($figures::INTEGER[], figure_id)
    ORDER BY fact, fact_id, source_id, quote"""

# The meeting's texts, and any other text a fact of it cites.
SOURCES_SQL = """
    SELECT source_id, title, url, file_name, language, publisher, published_on FROM v_sources
    WHERE summit_id = $summit_id OR list_contains($cited::INTEGER[], source_id)
    ORDER BY source_id"""

# Full participants of the format in the meeting's year (any year when its date is unknown) that no text
# names among its participants.
ABSENT_MEMBERS_SQL = """
    SELECT c.country_code, c.name_en FROM countries c
    WHERE c.is_member AND (CAST($year AS INTEGER) IS NULL OR c.member_since <= $year)
      AND (len($countries::VARCHAR[]) = 0 OR list_contains($countries::VARCHAR[], c.country_code))
      AND c.country_code NOT IN (SELECT country_code FROM participants
                                 WHERE summit_id = $summit_id AND country_code IS NOT NULL)
    ORDER BY c.name_en"""


def _meeting(con: duckdb.DuckDBPyConnection, summit_id: int) -> Meeting:
    rows = _records(con.execute(MEETING_SQL, {"summit_id": summit_id}).df())
    if not rows:
        known = [n for (n,) in con.execute("SELECT summit_id FROM summits ORDER BY 1").fetchall()]
        listed = ", ".join(map(str, known)) if known else "none"
        raise UnknownSummit(f"no meeting {summit_id} in the warehouse (it knows meetings: {listed})")
    row = rows[0]
    return Meeting(
        **{
            **row,
            **{
                k: int(row[k] or 0)
                for k in ("source_count", "participant_count", "document_count", "figure_count")
            },
        }
    )


def _country_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT country_code, name_en FROM countries").fetchall()) | {
        REGION: "Central Asia"
    }


Cited = dict[tuple[str, int], list["Citation"]]  # every passage behind each fact, by (kind of fact, id)


def _citations(con: duckdb.DuckDBPyConnection, ids: dict[str, list[int]]) -> Cited:
    """Every passage of every text behind each fact, keyed by (kind of fact, id)."""
    params = {"participants": ids["participant"], "agreements": ids["agreement"], "figures": ids["figure"]}
    found: dict[tuple[str, int], list[Citation]] = {}
    for fact, fact_id, source_id, quote in con.execute(CITATIONS_SQL, params).fetchall():
        found.setdefault((fact, fact_id), []).append(Citation(source_id, quote))
    return found


def _ordered(own: Citation, others: Iterable[Citation]) -> tuple[Citation, ...]:
    """The fact's own passage first, then one passage of each other text that reports it (a text that says it
    twice, in a list and in a sentence, adds nothing the first passage does not)."""
    by_source = {own.source_id: own}
    for citation in others:
        by_source.setdefault(citation.source_id, citation)
    return tuple(by_source.values())


def _titles(row: dict) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The title to head a document with (English if a text gives one, else Russian, else Kazakh) and the
    others, each with its language."""
    titles = [(lang, row[f"title_{lang}"]) for lang in ("en", "ru", "kk") if row.get(f"title_{lang}")]
    return titles[0][1], tuple(titles[1:])


def _participant_rows(con: duckdb.DuckDBPyConnection, summit_id: int, f: q.Filters) -> list[dict]:
    return _records(
        con.execute(
            PARTICIPANTS_SQL,
            {"summit_id": summit_id, "countries": list(f.countries), "confidence": list(f.confidence)},
        ).df()
    )


def _participants(rows: list[dict], cited: Cited) -> tuple[Participant, ...]:
    return tuple(
        Participant(
            participant_id=r["participant_id"],
            name=r["participant"],
            country_code=r["country_code"],
            person=r["person"],
            role=r["role"],
            is_chair=bool(r["is_chair"]),
            is_host=bool(r["is_host"]),
            confidence=r["confidence"],
            citations=_ordered(
                Citation(r["source_id"], r["quote"]), cited.get(("participant", r["participant_id"]), ())
            ),
        )
        for r in rows
    )


def _documents(rows: list[dict], cited: Cited) -> tuple[Document, ...]:
    documents = []
    for r in rows:
        title, others = _titles(r)
        documents.append(
            Document(
                agreement_id=r["agreement_id"],
                kind=r["kind"],
                adoption=r["adoption"],
                title=title,
                other_titles=others,
                period_from=_int(r["period_from"]),
                period_to=_int(r["period_to"]),
                confidence=r["confidence"],
                citations=_ordered(
                    Citation(r["source_id"], r["quote"]), cited.get(("agreement", r["agreement_id"]), ())
                ),
            )
        )
    return tuple(documents)


def _figures(rows: list[dict], cited: Cited, names: dict[str, str]) -> tuple[Figure, ...]:
    return tuple(
        Figure(
            figure_id=r["figure_id"],
            scope=r["scope"],
            scope_name=r["scope_name"] or names.get(r["scope"], r["scope"]),
            counterpart=r["counterpart"],
            counterpart_name=names.get(r["counterpart"], r["counterpart"]) if r["counterpart"] else None,
            metric=r["metric"],
            kind=r["kind"],
            value=float(r["value"]),
            unit=r["unit"],
            period_year=_int(r["period_year"]),
            period=r["period"],
            confidence=r["confidence"],
            citations=_ordered(
                Citation(r["source_id"], r["quote"]), cited.get(("figure", r["figure_id"]), ())
            ),
        )
        for r in rows
    )


def _sources(
    con: duckdb.DuckDBPyConnection, summit_id: int, facts: Iterable[Participant | Document | Figure]
) -> tuple[Source, ...]:
    counts: dict[int, int] = {}
    for fact in facts:
        for source_id in dict.fromkeys(c.source_id for c in fact.citations):
            counts[source_id] = counts.get(source_id, 0) + 1
    rows = _records(con.execute(SOURCES_SQL, {"summit_id": summit_id, "cited": list(counts)}).df())
    return tuple(
        Source(label=f"S{n}", facts=counts.get(r["source_id"], 0), **r) for n, r in enumerate(rows, start=1)
    )


def _check_countries(countries: tuple[str, ...], names: dict[str, str]) -> None:
    unknown = [c for c in countries if c not in names or c == REGION]
    if unknown:
        known = ", ".join(sorted(c for c in names if c != REGION))
        raise UnknownCountry(f"unknown country {', '.join(unknown)} (the warehouse knows: {known})")


def _facts(
    con: duckdb.DuckDBPyConnection, summit_id: int, f: q.Filters, names: dict[str, str]
) -> tuple[tuple[Participant, ...], tuple[Document, ...], tuple[Figure, ...]]:
    """The meeting's participants, documents and figures that the filters keep, each with its passages."""
    participant_rows = _participant_rows(con, summit_id, f)
    # Documents are the meeting's, adopted jointly: the country filter does not narrow them (nor does it on
    # the Agreements page).
    agreement_rows = _records(q.agreements(con, dataclasses.replace(f, countries=())))
    figure_rows = _records(q.figures(con, f))
    cited = _citations(
        con,
        {
            "participant": [r["participant_id"] for r in participant_rows],
            "agreement": [r["agreement_id"] for r in agreement_rows],
            "figure": [r["figure_id"] for r in figure_rows],
        },
    )
    return (
        _participants(participant_rows, cited),
        _documents(agreement_rows, cited),
        _figures(figure_rows, cited, names),
    )


def build_brief(con: duckdb.DuckDBPyConnection, summit_id: int, filters: q.Filters | None = None) -> Brief:
    """The brief of meeting `summit_id` as the warehouse holds it, narrowed by the filters' countries and
    confidence. Raises UnknownSummit (no such meeting) or UnknownCountry (a country code it does not know)."""
    meeting = _meeting(con, summit_id)
    f = dataclasses.replace(filters or q.Filters(), summit_id=summit_id, year_from=None, year_to=None)
    names = _country_names(con)
    _check_countries(f.countries, names)
    participants, documents, figures = _facts(con, summit_id, f, names)
    absent = con.execute(
        ABSENT_MEMBERS_SQL,
        {
            "summit_id": summit_id,
            "countries": list(f.countries),
            "year": meeting.held_on.year if meeting.held_on else None,
        },
    ).fetchall()
    brief = Brief(
        meeting=meeting,
        countries=tuple((c, names[c]) for c in f.countries),
        confidence=tuple(f.confidence),
        participants=participants,
        documents=documents,
        figures=figures,
        sources=_sources(con, summit_id, (*participants, *documents, *figures)),
        unknowns=(),
    )
    return dataclasses.replace(brief, unknowns=unknowns(brief, [name for _, name in absent]))
