"""Warehouse rows as records: one dataclass per table, each field a column of warehouse/schema.sql (same
name), and `Tables`, the rows of one build. Assembly (etl/assemble.py) makes them; the loader (etl/loader.py)
decides how they go into DuckDB. Slotted: a build holds hundreds of thousands of link rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

# ---- curated reference data ----


@dataclass(frozen=True, slots=True)
class CountryRow:
    country_code: str
    name_en: str
    name_ru: str
    name_kk: str
    is_member: bool
    member_since: int | None
    source_url: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    person_id: str
    name_en: str
    country_code: str | None
    organization: str | None
    office: str
    term_start: str | None  # ISO dates as the CSV writes them; DuckDB casts them to DATE
    term_end: str | None
    source_url: str | None


# ---- meetings and texts ----


@dataclass(frozen=True, slots=True)
class SummitRow:
    summit_id: int
    held_on: date | None
    city: str | None
    host_country: str | None
    chair: str | None
    origin: str  # text, reference, text+reference
    reference_url: str | None


@dataclass(frozen=True, slots=True)
class SourceRow:
    source_id: int
    file_name: str
    language: str
    title: str | None
    publisher: str | None
    published_on: date | None
    summit_id: int | None
    sha256: str
    text: str
    url: str | None
    encoding: str | None
    char_count: int
    format: str


@dataclass(frozen=True, slots=True)
class SummitMentionRow:
    source_id: int
    summit_id: int | None
    edition_written: int | None
    held_on_written: date | None
    city_written: str | None
    is_event_sentence: bool
    quote: str


# ---- facts, and every text that reports each ----


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    participant_id: int
    summit_id: int | None
    country_code: str | None
    organization: str | None
    person: str | None
    person_id: str | None
    role: str
    is_chair: bool
    source_id: int
    quote: str
    confidence: str
    source_count: int
    rule: str


@dataclass(frozen=True, slots=True)
class AgreementRow:
    agreement_id: int
    summit_id: int | None
    kind: str
    adoption: str
    title_ru: str | None
    title_en: str | None
    title_kk: str | None
    period_from: int | None
    period_to: int | None
    source_id: int
    quote: str
    confidence: str
    source_count: int
    rule: str


@dataclass(frozen=True, slots=True)
class FigureRow:
    figure_id: int
    summit_id: int | None
    scope: str
    counterpart: str | None
    metric: str
    kind: str
    value: float
    unit: str
    period: str | None
    period_year: int | None
    source_id: int
    quote: str
    confidence: str
    source_count: int
    rule: str
    deadline_year: int | None
    period_from: int | None = None
    period_to: int | None = None


@dataclass(frozen=True, slots=True)
class ParticipantSource:
    participant_id: int
    source_id: int
    quote: str


@dataclass(frozen=True, slots=True)
class AgreementSource:
    agreement_id: int
    source_id: int
    quote: str


@dataclass(frozen=True, slots=True)
class FigureSource:
    figure_id: int
    source_id: int
    quote: str


# ---- what could not be loaded ----


@dataclass(frozen=True, slots=True)
class RejectRow:
    file_name: str
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class ManifestWarningRow:
    line: int
    file_name: str | None
    problem: str


@dataclass
class Tables:
    """The assembled rows of a build, one list of records per table, in load order (by their foreign keys).
    A stage of a build fills some of them and leaves the others empty."""

    summits: list[SummitRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    summit_mentions: list[SummitMentionRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    participant_sources: list[ParticipantSource] = field(default_factory=list)
    agreements: list[AgreementRow] = field(default_factory=list)
    agreement_sources: list[AgreementSource] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    figure_sources: list[FigureSource] = field(default_factory=list)
    etl_rejects: list[RejectRow] = field(default_factory=list)
    manifest_warnings: list[ManifestWarningRow] = field(default_factory=list)

    def items(self) -> list[tuple[str, list]]:
        """(table name, rows) in load order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def extend(self, other: Tables) -> None:
        """Add another stage's rows to these."""
        for name, rows in other.items():
            getattr(self, name).extend(rows)
