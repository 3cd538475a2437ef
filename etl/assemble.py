"""Facts from every source → warehouse rows: find which meeting each text is about, resolve people
by office and date, and merge what several texts (in several languages) say of one fact into one row.

Each stage returns what it decides (the meeting of each text, the merged facts, the chair of each meeting)
as records; the rows of etl/rows.py are made once, from those decisions, and never changed afterwards."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from etl.extract.agreements import AgreementMention
from etl.extract.figures import FigureMention, years_counted
from etl.extract.participants import ParticipantMention
from etl.extract.summits import SummitMention
from etl.manifest import ManifestWarning
from etl.patterns import normalize_key
from etl.pipeline import ExtractedSource, Rejection
from etl.placement import resolve_summit
from etl.reference import Gazetteer
from etl.rows import (
    AgreementRow,
    AgreementSource,
    FigureRow,
    FigureSource,
    ManifestWarningRow,
    ParticipantRow,
    ParticipantSource,
    RejectRow,
    SourceRow,
    SummitMentionRow,
    SummitRow,
    Tables,
)
from warehouse.codes import FIGURE_ROW_KEY

TITLE_MATCH_MIN_SCORE = 95
FUZZY_TITLES_PER_DOCUMENT = 8  # wordings of one document in one language a new title is compared with
ADOPTION_STRENGTH = {"signed": 3, "approved": 3, "signed_by_delegations": 3, "planned": 1}
ADOPTION_ORDER = {"signed": 0, "approved": 1, "signed_by_delegations": 2, "planned": 3}


class Placed(NamedTuple):
    """A text and the meeting it is about (None: placed at none)."""

    source: ExtractedSource
    summit_id: int | None


# ---- which meeting a text is about (etl/placement.py) ----


def place_sources(extracted: Iterable[ExtractedSource], gazetteer: Gazetteer) -> list[Placed]:
    """Every text with the meeting it is about, in file-name order; sources get their ids in that order."""
    ordered = sorted(extracted, key=lambda s: s.document.file_name)
    for n, source in enumerate(ordered, start=1):
        source.source_id = n
    # a packed text was placed when it was packed: placement reads the whole text
    return [
        Placed(source, source.packed_meeting if source.is_packed else resolve_summit(source, gazetteer))
        for source in ordered
    ]


# ---- meetings ----


@dataclass
class _Reports:
    """What the texts placed at one meeting say of it: the dates and cities they give it, when they appeared."""

    dates: Counter[date] = field(default_factory=Counter)
    cities: Counter[str] = field(default_factory=Counter)
    published: list[date] = field(default_factory=list)


def _reports_per_meeting(placed: Iterable[Placed]) -> defaultdict[int, _Reports]:
    reports: defaultdict[int, _Reports] = defaultdict(_Reports)
    for source, summit_id in placed:
        if summit_id is None:
            continue
        if source.document.published_on:
            reports[summit_id].published.append(source.document.published_on)
        for m in source.facts_of(SummitMention):
            if m.edition not in (None, summit_id):
                continue
            if m.held_on and m.is_event_sentence:
                reports[summit_id].dates[m.held_on] += 1
            if m.city and (m.is_event_sentence or m.edition == summit_id):
                reports[summit_id].cities[m.city] += 1
    return reports


def _summit_row(edition: int, reports: _Reports, gazetteer: Gazetteer) -> SummitRow:
    calendar = gazetteer.summits.get(edition)
    held_on: date | None
    city: str | None
    # The curated calendar wins for the meetings it knows: a text that recalls another meeting in passing
    # must not move it; texts date and place only the meetings the calendar does not know yet.
    if calendar:
        held_on, city = calendar.held_on, calendar.city
    else:
        held_on = reports.dates.most_common(1)[0][0] if reports.dates else None
        city = reports.cities.most_common(1)[0][0] if reports.cities else None
    if held_on is None and reports.published:
        held_on = min(reports.published)  # no text says when: the first report is the best bound
    from_text = bool(reports.dates or reports.cities)
    return SummitRow(
        summit_id=edition,
        held_on=held_on,
        city=city,
        host_country=gazetteer.city_country.get(city)
        if city
        else (calendar.host_country if calendar else None),
        chair=calendar.chair if calendar else None,
        # a meeting the calendar does not know comes from the texts alone, whatever they say of it
        origin="text" if not calendar else "text+reference" if from_text else "reference",
        reference_url=calendar.source_url if calendar else None,
    )


def build_summits(placed: Sequence[Placed], gazetteer: Gazetteer) -> dict[int, SummitRow]:
    """One row per meeting in the calendar or named by a text. Date and city come from the texts that
    say where and when it took place; the curated calendar fills what no text says. The chair is the
    calendar's (None for a meeting it does not know): `decide_chairs` settles it."""
    reports = _reports_per_meeting(placed)
    editions = set(gazetteer.summits) | {s for _, s in placed if s is not None}
    return {edition: _summit_row(edition, reports[edition], gazetteer) for edition in sorted(editions)}


def _summit_date(summit_id: int | None, summits: Mapping[int, SummitRow]) -> date | None:
    row = summits.get(summit_id) if summit_id is not None else None
    return row.held_on if row else None


# ---- participants ----


def _resolve_person(mention: ParticipantMention, day: date | None, gazetteer: Gazetteer) -> str | None:
    candidates = [gazetteer.people[p] for p in mention.person_ids]
    if day is not None and len(candidates) > 1:
        candidates = [p for p in candidates if p.in_office_on(day)] or candidates
    if candidates:
        return candidates[0].person_id
    if mention.country_code:
        person = gazetteer.president_on(mention.country_code, day)
        return person.person_id if person else None
    return None


def _held_office(mention: ParticipantMention, day: date | None, gazetteer: Gazetteer) -> bool:
    people = [gazetteer.people[p] for p in mention.person_ids]
    return day is None or not people or any(p.in_office_on(day) or p.office != "president" for p in people)


def _role(mention: ParticipantMention, day: date | None, gazetteer: Gazetteer) -> str:
    if mention.is_guest or mention.country_code is None:
        return "guest"
    country = gazetteer.countries.get(mention.country_code)
    year = day.year if day else None
    is_member = (
        country is not None
        and country.member_since is not None
        and (year is None or country.member_since <= year)
    )
    return "head_of_state" if is_member else "guest"


class _People:
    """Who a mention names and in what role, on a day. Texts of one meeting name the same few leaders
    thousands of times: each name is resolved once."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._known: dict[tuple[tuple[str, ...], str | None, bool, date | None], tuple[str | None, str]] = {}

    def person_and_role(self, m: ParticipantMention, day: date | None) -> tuple[str | None, str]:
        key = (m.person_ids, m.country_code, m.is_guest, day)
        if key not in self._known:
            self._known[key] = (_resolve_person(m, day, self.gazetteer), _role(m, day, self.gazetteer))
        return self._known[key]


ParticipantKey = tuple[int | str, str, str]  # (meeting, or «unplaced:<source id>»; country; organisation)
Link = tuple[object, int, str]  # (the fact's key, source id, quote): one text's report of a fact


@dataclass
class MergedParticipant:
    """One participant of one meeting, merged from every text that reports it: the first text that names the
    person gives the row; any text may make them a guest or say they chaired."""

    key: ParticipantKey
    summit_id: int | None
    country_code: str | None
    organization: str | None
    person: str | None
    person_id: str | None
    role: str
    said_chair: bool  # a text says they chaired («под председательством …»)
    source_id: int
    quote: str
    named_in_text: bool  # the text names the person (not a title, not a leader found acting)
    rule: str

    @property
    def confidence(self) -> str:
        return "low" if self.rule == "ner" else "high" if self.named_in_text else "medium"


def _participant_order(p: MergedParticipant) -> tuple[bool, int, int, str, str, str]:
    """Meetings in order, then the texts placed at none, each on its own; hosts of a meeting by role and name."""
    unplaced = p.summit_id is None
    return (
        unplaced,
        p.summit_id or 0,
        p.source_id if unplaced else 0,
        p.role,
        p.country_code or "~",
        p.organization or "",
    )


def merge_participants(
    placed: Sequence[Placed], summits: Mapping[int, SummitRow], gazetteer: Gazetteer
) -> tuple[list[MergedParticipant], list[Link]]:
    """Every participant once per meeting, in table order, and every text's report of one."""
    merged: dict[ParticipantKey, MergedParticipant] = {}
    links: list[Link] = []
    people = _People(gazetteer)
    for source, summit_id in placed:
        # A text placed at no meeting keeps its participants to itself, dated by its publication.
        day = _summit_date(summit_id, summits) if summit_id is not None else source.document.published_on
        placement = summit_id if summit_id is not None else f"unplaced:{source.source_id}"
        for m in source.facts_of(ParticipantMention):
            if m.rule == "act" and not _held_office(m, day, gazetteer):
                continue  # a former president recalled, not one who came
            key = (placement, m.country_code or "", m.organization or "")
            person_id, role = people.person_and_role(m, day)
            quote = source.quote(m.start, m.end)
            links.append((key, source.source_id, quote))
            named_in_text = bool(m.person_ids) and m.rule != "act"
            known = merged.get(key)
            if known is not None:
                known.said_chair = known.said_chair or m.is_chair
                if role == "guest":
                    known.role = "guest"
                if not named_in_text or known.named_in_text:
                    continue
            merged[key] = MergedParticipant(
                key=key,
                summit_id=summit_id,
                country_code=m.country_code,
                organization=m.organization,
                person=gazetteer.people[person_id].name_en if person_id else m.person_name,
                person_id=person_id,
                role=known.role if known else role,
                said_chair=known.said_chair if known else m.is_chair,
                source_id=source.source_id,
                quote=quote,
                named_in_text=named_in_text,
                rule=m.rule,
            )
    return sorted(merged.values(), key=_participant_order), links


def chairs_named(participants: Iterable[MergedParticipant]) -> dict[int, str]:
    """The chair the texts of each meeting name («под председательством …»), the first in table order."""
    named: dict[int, str] = {}
    for p in participants:
        if p.said_chair and p.person and p.summit_id is not None:
            named.setdefault(p.summit_id, p.person)
    return named


def decide_chairs(
    summits: Mapping[int, SummitRow], named: Mapping[int, str], gazetteer: Gazetteer
) -> dict[int, str | None]:
    """Who chaired each meeting, decided once: the curated calendar's chair for the meetings it knows; else the
    one a text says chaired it (`named`); else the host's head of state on the day (the host chairs the
    Consultative Meetings)."""
    chairs = {}
    for summit_id, summit in summits.items():
        host = summit.host_country
        president = gazetteer.president_on(host, summit.held_on) if host and summit.held_on else None
        chairs[summit_id] = summit.chair or named.get(summit_id) or (president.name_en if president else None)
    return chairs


def with_chairs(summits: Mapping[int, SummitRow], chairs: Mapping[int, str | None]) -> list[SummitRow]:
    """The meetings' rows with the chairs decided."""
    return [replace(summit, chair=chairs[summit_id]) for summit_id, summit in summits.items()]


def _is_chair(p: MergedParticipant, chairs: Mapping[int, str | None]) -> bool:
    """One source of truth for the chair: `participants.is_chair` from the same decision as `summits.chair`."""
    return p.summit_id is not None and p.person is not None and p.person == chairs.get(p.summit_id)


def participant_rows(
    participants: Sequence[MergedParticipant], links: Iterable[Link], chairs: Mapping[int, str | None]
) -> tuple[list[ParticipantRow], list[ParticipantSource]]:
    ids = {p.key: n for n, p in enumerate(participants, start=1)}
    reports = _unique_links(ids, links)
    counts = _source_counts(reports)
    rows = [
        ParticipantRow(
            participant_id=n,
            summit_id=p.summit_id,
            country_code=p.country_code,
            organization=p.organization,
            person=p.person,
            person_id=p.person_id,
            role=p.role,
            is_chair=_is_chair(p, chairs),
            source_id=p.source_id,
            quote=p.quote,
            confidence=p.confidence,
            source_count=counts.get(n, 0),
            rule=p.rule,
        )
        for n, p in enumerate(participants, start=1)
    ]
    return rows, [ParticipantSource(*report) for report in reports]


def _unique_links(ids: Mapping[Any, int], links: Iterable[Link]) -> list[tuple[int, int, str]]:
    """(fact id, source id, quote) for each report of a fact, once each, in the order first reported (a link
    table is the largest table: a row per report of a fact)."""
    return list(dict.fromkeys((ids[key], source_id, quote) for key, source_id, quote in links))


def _source_counts(links: Iterable[tuple[int, int, str]]) -> dict[int, int]:
    """How many texts report each fact (the link table, counted once at load time)."""
    sources: defaultdict[int, set[int]] = defaultdict(set)
    for fact_id, source_id, _ in links:
        sources[fact_id].add(source_id)
    return {fact_id: len(ids) for fact_id, ids in sources.items()}


# ---- agreements ----


class _Report(NamedTuple):
    """A text's mention of a document, with where it is."""

    mention: AgreementMention
    source_id: int
    quote: str


@dataclass(eq=False)  # one document is one object: compared and hashed by identity
class MergedDocument:
    """One document of one meeting, merged from every text that names it, in any language."""

    summit_id: int | None
    kind: str
    order: int  # when it was first named: documents of one adoption keep the texts' order
    best: _Report  # the surest mention: from a list, then by adoption
    titles: dict[str, set[str]] = field(default_factory=dict)  # normalised titles per language
    title: dict[str, str] = field(default_factory=dict)  # the fullest title per language, as written
    stems: set[str] = field(default_factory=set)  # names and years of its titles (_name_stems)
    years: tuple[int | None, int | None] = (None, None)  # (from, to), as the documents are compared by them

    def take(self, report: _Report, key: str) -> None:
        """What one more mention tells: a title, the years a shortened title left out, a surer adoption."""
        m = report.mention
        if self.years == (None, None):
            self.years = (m.period_from, m.period_to)
        self.titles.setdefault(m.language, set()).add(key)
        self.stems |= _name_stems(m.title)
        known = self.title.get(m.language)
        if known is None or (len(m.title) > len(known) and key.startswith(normalize_key(known))):
            self.title[m.language] = m.title  # the whole title over one a text cut off
        if _strength(m) > _strength(self.best.mention):
            self.best = report

    def row(self, agreement_id: int, source_count: int) -> AgreementRow:
        best, source_id, quote = self.best
        return AgreementRow(
            agreement_id=agreement_id,
            summit_id=self.summit_id,
            kind=self.kind,
            adoption=best.adoption,
            title_ru=self.title.get("ru"),
            title_en=self.title.get("en"),
            title_kk=self.title.get("kk"),
            period_from=self.years[0],
            period_to=self.years[1],
            source_id=source_id,
            quote=quote,
            confidence="high" if best.from_list else "medium",
            source_count=source_count,
            rule=best.rule,
        )


class _DocumentGroup:
    """The documents merged so far for one meeting and kind, indexed by title per language."""

    def __init__(self, summit_id: int | None = None):
        self.summit_id = summit_id
        self.documents: list[MergedDocument] = []
        self.exact: dict[tuple[str, str], MergedDocument] = {}
        # Per language, titles sorted by length: a near-identical title has a near-identical length,
        # so only a slice of them needs comparing.
        self.lengths: dict[str, list[int]] = defaultdict(list)
        self.keys: dict[str, list[str]] = defaultdict(list)
        self.cut: dict[str, list[str]] = defaultdict(list)  # titles a text ends in the middle of
        self.words: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)  # each title's words, split once
        self.indexed: Counter[tuple[MergedDocument, str]] = (
            Counter()
        )  # wordings of a document compared with new ones
        # documents that give years, by their years
        self.by_years: dict[tuple[int | None, int | None], list[MergedDocument]] = defaultdict(list)

    def add(self, document: MergedDocument) -> None:
        self.documents.append(document)

    def take(self, document: MergedDocument, report: _Report, key: str, cut: bool) -> None:
        """A mention of `document`: the document takes what it tells, and is indexed by its title (and by the
        years it may newly have)."""
        undated = document.years == (None, None)
        document.take(report, key)
        if undated and document.years != (None, None):
            self.by_years[document.years].append(document)  # the years a shortened title left out
        self.add_title(document, report.mention.language, key, cut)

    def add_title(self, document: MergedDocument, language: str, key: str, cut: bool = False) -> None:
        if (language, key) in self.exact:
            if cut and key not in self.cut[language]:
                self.cut[language].append(key)
            return
        self.exact[(language, key)] = document  # every wording, for the exact look-up
        # A new wording is compared with a few wordings of each document, not with all of them: thousands of
        # reports of one meeting word its documents in thousands of ways (years, numbers), and comparing each
        # with every one before was quadratic (20,000 texts: 50 s of a 2-minute build).
        if self.indexed[(document, language)] >= FUZZY_TITLES_PER_DOCUMENT:
            return
        self.indexed[(document, language)] += 1
        if cut:
            self.cut[language].append(key)
        position = bisect_right(self.lengths[language], len(key))
        self.lengths[language].insert(position, len(key))
        self.keys[language].insert(position, key)
        words = frozenset(key.split())
        if len(words) >= SHORTENED_TITLE_MIN_WORDS:
            self.words[language][key] = words

    def _similar_title(self, language: str, key: str) -> str | None:
        # fuzz.ratio is 100·(1 − distance / (l1 + l2)) and the distance is at least |l1 − l2|.
        share = TITLE_MATCH_MIN_SCORE / 100
        lengths = self.lengths[language]
        low = bisect_left(lengths, math.floor(len(key) * share / (2 - share)))
        high = bisect_right(lengths, math.ceil(len(key) * (2 - share) / share))
        best = process.extractOne(
            key, self.keys[language][low:high], scorer=fuzz.ratio, score_cutoff=TITLE_MATCH_MIN_SCORE
        )
        return best[0] if best is not None else None

    def _only_document(
        self, language: str, keys: Iterable[str], years: tuple[int | None, int | None]
    ) -> MergedDocument | None:
        """The one document the titles `keys` name, leaving out those of other years; None if none or several
        («План действий по развитию туризма» may be the plan for 2025-2027 or the one until 2034)."""
        documents = dict.fromkeys(
            d
            for d in (self.exact[(language, k)] for k in keys)
            if years == (None, None) or d.years in (years, (None, None))
        )
        return next(iter(documents)) if len(documents) == 1 else None

    def _whole_title(self, m: AgreementMention, key: str, cut: bool) -> MergedDocument | None:
        """The document whose title a text cut off at its end starts: «Дорожная карта по развитию р» is the
        whole title another text gives; and the other way round."""
        if len(key) < CUT_TITLE_MIN_CHARS:
            return None
        if cut:
            keys = [whole for whole in self.keys[m.language] if _starts_like(whole, key)]
        else:
            keys = [part for part in self.cut[m.language] if _starts_like(key, part)]
        return self._only_document(m.language, keys, (m.period_from, m.period_to))

    def _fuller_title(self, m: AgreementMention, key: str) -> MergedDocument | None:
        """The document whose title holds every word of this one, or the other way round, one a report
        shortened: «Договор о дружбе … Центральной Азии» and «… Центральной Азии в XXI веке» at one meeting."""
        words = frozenset(key.split())
        titles = self.words[m.language]
        if len(words) < SHORTENED_TITLE_MIN_WORDS or len(titles) > SHORTENED_TITLE_MAX_COMPARED:
            return None
        related = [
            other for other, other_words in titles.items() if words <= other_words or other_words <= words
        ]
        return self._only_document(m.language, related, (m.period_from, m.period_to))

    def match(self, m: AgreementMention, key: str, cut: bool = False) -> MergedDocument | None:
        """The document mention `m` names, if exactly one: the same title, else a near-identical one
        (spelling, dashes, quotes), else one that a text cut off starts, else — across languages, where
        titles cannot be compared — the one with the same years."""
        if (m.language, key) in self.exact:
            return self.exact[(m.language, key)]
        similar = self._similar_title(m.language, key)
        if similar is not None and _same_years(self.exact[(m.language, similar)], m):
            return self.exact[(m.language, similar)]
        whole = self._whole_title(m, key, cut) or self._fuller_title(m, key)
        if whole is not None:
            return whole
        if m.kind == "joint_statement" and self.documents and self.summit_id is not None:
            return self.documents[
                0
            ]  # a meeting's heads of state sign one joint statement, however reports word it
        if (m.period_from, m.period_to) != (None, None):
            same_years = [
                a
                for a in self.by_years.get((m.period_from, m.period_to), ())
                if any(
                    fuzz.token_set_ratio(key, other) >= SAME_YEARS_MIN_SCORE
                    for other in a.titles.get(m.language, ())
                )
            ]
            if len(same_years) == 1:
                return same_years[0]  # the same years and nearly the same words, one worded more fully
        other_language = [a for a in self.documents if m.language not in a.titles]
        if cut and m.kind != "other" and len(other_language) == 1 and len(self.documents) == 1:
            return other_language[
                0
            ]  # cut off before its years or names: the meeting's one document of the kind
        if (m.period_from, m.period_to) != (None, None):
            same_years = [a for a in other_language if a.years == (m.period_from, m.period_to)]
            return same_years[0] if len(same_years) == 1 else None
        # Russian and Kazakh titles share their names and numbers («Мирзиёева» / «Мирзиёевті»).
        if len(other_language) == 1 and _name_stems(m.title) & other_language[0].stems:
            return other_language[0]
        return None


def _same_years(document: MergedDocument, m: AgreementMention) -> bool:
    """Whether a document and a mention may be one: not when both give years and they differ («на 2025-2029
    годы» and «на 2028-2030 годы» are two plans, however alike the titles)."""
    theirs, ours = document.years, (m.period_from, m.period_to)
    return theirs == ours or (None, None) in (theirs, ours)


def _starts_like(whole: str, part: str) -> bool:
    """Whether `whole` starts with `part`, give or take an article («roadmap for develop» / «roadmap for the
    development …»)."""
    return whole.startswith(part) or fuzz.ratio(whole[: len(part) + 4], part) >= CUT_TITLE_MIN_SCORE


CUT_TITLE_MIN_SCORE = 90
SAME_YEARS_MIN_SCORE = 90
SHORTENED_TITLE_MIN_WORDS = 5  # fewer words («Соглашение о транзите») may name several documents
SHORTENED_TITLE_MAX_COMPARED = 200  # titles of one meeting and kind compared word by word, at most
CUT_TITLE_MIN_CHARS = 15  # a cut-off title at least this long names one document («Дорожная карт» does not)
NAME_STEM = re.compile(r"(?<![\w-])(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]{4,}|\d{4})")
COMMON_STEMS = frozenset(
    {"центр", "орта", "респу", "прези", "глав", "мемле", "centr", "presi", "repub", "азия", "азии"}
)


@lru_cache(maxsize=65536)
def _name_stems(title: str) -> frozenset[str]:
    """The first five letters of the capitalised words (names) and the years of a title, less the words
    every title of the meetings holds."""
    stems = {word.lower()[:5] for word in NAME_STEM.findall(title[1:])}
    return frozenset(stem for stem in stems if stem[:4] not in COMMON_STEMS and stem not in COMMON_STEMS)


def _strength(m: AgreementMention) -> tuple[int, int]:
    return (1 if m.from_list else 0, ADOPTION_STRENGTH[m.adoption])


def _text_end(source: ExtractedSource) -> int:
    """Where a title must reach to be cut off: a text that stops on a letter was cut off (an excerpt, a page's
    first kilobytes), and its last title may be too; a text that ends properly cuts nothing."""
    length, last = source.trimmed_end
    return length if last.isalnum() else length + 1


def merge_documents(placed: Iterable[Placed]) -> tuple[list[MergedDocument], list[Link]]:
    """Every document once per meeting, in the order first named, and every text's report of one."""
    documents: list[MergedDocument] = []
    groups: dict[tuple[int | None, str], _DocumentGroup] = {}  # only one meeting and kind can match
    links: list[Link] = []
    for source, summit_id in placed:
        text_end = _text_end(source)
        for m in source.facts_of(AgreementMention):
            report = _Report(m, source.source_id, source.quote(m.start, m.end))
            group = groups.get((summit_id, m.kind)) or groups.setdefault(
                (summit_id, m.kind), _DocumentGroup(summit_id)
            )
            key = normalize_key(m.title)
            cut = m.end >= text_end
            document = group.match(m, key, cut)
            if document is None and cut and len(key) < CUT_TITLE_MIN_CHARS:
                continue  # «Action Pla»: too little of a title left to say which document
            if document is None:
                document = MergedDocument(summit_id, m.kind, order=len(documents), best=report)
                documents.append(document)
                group.add(document)
            group.take(document, report, key, cut)
            links.append((document, source.source_id, report.quote))
    return documents, links


def _document_order(d: MergedDocument) -> tuple[bool, int, int, int]:
    """Meetings in order, the texts placed at none last; signed before approved before planned; then as named."""
    return (d.summit_id is None, d.summit_id or 0, ADOPTION_ORDER[d.best.mention.adoption], d.order)


def build_agreements(placed: Iterable[Placed]) -> tuple[list[AgreementRow], list[AgreementSource]]:
    documents, links = merge_documents(placed)
    documents.sort(key=_document_order)
    ids = {document: n for n, document in enumerate(documents, start=1)}
    reports = _unique_links(ids, links)
    counts = _source_counts(reports)
    rows = [document.row(n, counts.get(n, 0)) for n, document in enumerate(documents, start=1)]
    return rows, [AgreementSource(*report) for report in reports]


# ---- figures ----


def _period_year(m: FigureMention, reference_day: date | None) -> int | None:
    if m.period_year is not None:
        return m.period_year
    if reference_day is None or m.period_rule is None:
        return None
    text = (m.period or "").lower()
    if m.period_rule == "last_year" or (m.period_rule == "month_range" and "прошл" in text):
        return reference_day.year - 1
    if m.period_rule in ("this_year", "month_range"):
        return reference_day.year
    return None


def _years_spanned(m: FigureMention, reference_day: date | None) -> tuple[int | None, int | None]:
    """The first and last year of a span counted back from the text's day: «за последние пять лет» in a text
    of 2024 → (2019, 2024). A target's span lies ahead, and a span of no written length is not counted."""
    if m.period is None or m.period_rule != "range" or reference_day is None or m.kind == "target":
        return None, None
    years = years_counted(m.period)
    return (None, None) if years is None else (reference_day.year - years, reference_day.year)


def _deadline_year(m: FigureMention, period_year: int | None) -> int | None:
    """The year a target is due by, when the text says so («к 2030 году», «by 2030»)."""
    return period_year if m.kind == "target" and m.period_rule == "deadline" else None


figure_key: Callable[[FigureRow], tuple] = attrgetter(*FIGURE_ROW_KEY)  # one row per figure and value


def _figure(
    m: FigureMention, summit_id: int | None, reference_day: date | None, source_id: int, quote: str
) -> FigureRow:
    """A report's figure as a row; its id and source count come when every report is in (`build_figures`)."""
    period_year = _period_year(m, reference_day)
    period_from, period_to = _years_spanned(m, reference_day)
    return FigureRow(
        figure_id=0,
        summit_id=summit_id,
        scope=m.scope,
        counterpart=m.counterpart,
        metric=m.metric,
        kind=m.kind,
        value=m.value,
        unit=m.unit,
        period=m.period,
        period_year=period_year,
        source_id=source_id,
        quote=quote,
        # a metric taken from the sentence before («Енді оны … жеткізу») is less sure
        confidence="low" if m.metric_inherited else "medium",
        source_count=0,
        rule="anaphora" if m.metric_inherited else "sentence",
        deadline_year=_deadline_year(m, period_year),
        period_from=period_from,
        period_to=period_to,
    )


def merge_figures(
    placed: Iterable[Placed], summits: Mapping[int, SummitRow]
) -> tuple[list[FigureRow], list[Link]]:
    """Every figure and value once, as its first report gives it, meetings in order (each in the order first
    reported); and every text's report of one."""
    merged: dict[tuple, FigureRow] = {}
    links: list[Link] = []
    for source, summit_id in placed:
        reference_day = source.document.published_on or _summit_date(summit_id, summits)
        for m in source.facts_of(FigureMention):
            quote = source.quote(m.start, m.end)
            figure = _figure(m, summit_id, reference_day, source.source_id, quote)
            key = figure_key(figure)
            merged.setdefault(key, figure)
            links.append((key, source.source_id, quote))
    # sorted() is stable: within a meeting, figures keep the order they were first reported in
    return sorted(merged.values(), key=lambda f: (f.summit_id is None, f.summit_id or 0)), links


def build_figures(
    placed: Iterable[Placed], summits: Mapping[int, SummitRow]
) -> tuple[list[FigureRow], list[FigureSource]]:
    figures, links = merge_figures(placed, summits)
    ids = {figure_key(figure): n for n, figure in enumerate(figures, start=1)}
    reports = _unique_links(ids, links)
    counts = _source_counts(reports)
    rows = [
        replace(figure, figure_id=n, source_count=counts.get(n, 0))
        for n, figure in enumerate(figures, start=1)
    ]
    return rows, [FigureSource(*report) for report in reports]


# ---- texts ----


def _source_row(source: ExtractedSource, summit_id: int | None) -> SourceRow:
    doc = source.document
    return SourceRow(
        source_id=source.source_id,
        file_name=doc.file_name,
        language=doc.language,
        title=doc.title,
        publisher=doc.publisher,
        published_on=doc.published_on,
        summit_id=summit_id,
        sha256=doc.sha256,
        text=source.text,
        url=doc.url,
        encoding=doc.encoding,
        char_count=source.char_count,
        format=doc.format,
    )


def _summit_mention_rows(placed: Iterable[Placed]) -> list[SummitMentionRow]:
    """Every passage that names a meeting, with what it says."""
    return [
        SummitMentionRow(
            source_id=source.source_id,
            summit_id=summit_id,
            edition_written=m.edition,
            held_on_written=m.held_on,
            city_written=m.city,
            is_event_sentence=m.is_event_sentence,
            quote=source.quote(m.start, m.end),
        )
        for source, summit_id in placed
        for m in source.facts_of(SummitMention)
    ]


# ---- everything ----


def _meeting_tables(
    placed: Sequence[Placed],
    participants: list[MergedParticipant],
    links: list[Link],
    chairs: Mapping[int, str | None],
    rejections: Iterable[Rejection],
    manifest_warnings: Iterable[ManifestWarning],
) -> Tables:
    """After the texts: what they say of the meetings, the participants, and the files and manifest rows
    that could not be read."""
    rows, participant_sources = participant_rows(participants, links, chairs)
    return Tables(
        summit_mentions=_summit_mention_rows(placed),
        participants=rows,
        participant_sources=participant_sources,
        etl_rejects=[
            RejectRow(r.file_name, r.reason, r.detail) for r in sorted(rejections, key=lambda r: r.file_name)
        ],
        manifest_warnings=[ManifestWarningRow(w.line, w.file_name, w.problem) for w in manifest_warnings],
    )


TEXTS_PER_STAGE = 2000  # texts read back at a time for the sources table (~30 MB of reports)


def _text_tables(placed: Sequence[Placed]) -> Iterator[Tables]:
    """The sources table a slice at a time: each text is read back from its spool only for its row, and let go
    once the row is made (what the later stages read of it, its quotes, was kept when it was packed)."""
    for offset in range(0, len(placed), TEXTS_PER_STAGE):
        rows = []
        for source, summit_id in placed[offset : offset + TEXTS_PER_STAGE]:
            rows.append(_source_row(source, summit_id))
            source.let_go_of_text()
        yield Tables(sources=rows)


def _agreement_tables(placed: Sequence[Placed]) -> Tables:
    agreements, agreement_sources = build_agreements(placed)
    return Tables(agreements=agreements, agreement_sources=agreement_sources)


def _figure_tables(placed: Sequence[Placed], summits: Mapping[int, SummitRow]) -> Tables:
    figures, figure_sources = build_figures(placed, summits)
    return Tables(figures=figures, figure_sources=figure_sources)


def assemble_in_stages(
    extracted: Iterable[ExtractedSource],
    rejections: Iterable[Rejection],
    gazetteer: Gazetteer,
    manifest_warnings: Iterable[ManifestWarning] = (),
) -> Iterator[Tables]:
    """Warehouse rows, a few tables at a time in load order (by their foreign keys), so that the loader
    can write one stage while the next is assembled; each stage's rows are let go once the loader has them.
    Sources get ids in file-name order."""
    placed = place_sources(extracted, gazetteer)
    summits = build_summits(placed, gazetteer)
    participants, links = merge_participants(placed, summits, gazetteer)
    # the chair of a meeting is in both summits and participants: decided once, before either is written
    chairs = decide_chairs(summits, chairs_named(participants), gazetteer)
    yield Tables(summits=with_chairs(summits, chairs))
    yield from _text_tables(placed)
    yield _meeting_tables(placed, participants, links, chairs, rejections, manifest_warnings)
    yield _agreement_tables(placed)
    yield _figure_tables(placed, summits)


def assemble(
    extracted: Iterable[ExtractedSource], rejections: Iterable[Rejection], gazetteer: Gazetteer
) -> Tables:
    """Warehouse rows from every extracted source, in a stable order (by file name)."""
    tables = Tables()
    for stage in assemble_in_stages(extracted, rejections, gazetteer):
        tables.extend(stage)
    return tables
