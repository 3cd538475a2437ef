"""Facts from every source → warehouse rows: find which meeting each text is about, resolve people
by office and date, and merge what several texts (in several languages) say of one fact into one row."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from rapidfuzz import fuzz, process

from etl.extract.agreements import AgreementMention
from etl.extract.figures import FigureMention
from etl.extract.participants import ParticipantMention
from etl.extract.summits import SummitMention
from etl.patterns import normalize_key
from etl.pipeline import ExtractedSource, Rejection
from etl.reference import Gazetteer
from warehouse.codes import FIGURE_ROW_KEY

CALENDAR_TOLERANCE = timedelta(days=3)
TITLE_MATCH_MIN_SCORE = 95
ADOPTION_STRENGTH = {"signed": 3, "approved": 3, "signed_by_delegations": 3, "planned": 1}
ADOPTION_ORDER = {"signed": 0, "approved": 1, "signed_by_delegations": 2, "planned": 3}


Rows = list[dict] | dict[str, list]  # row by row, or column by column (the largest tables)


@dataclass
class Tables:
    """Warehouse rows, one entry per table: a list of dicts, or for the largest tables (summit_mentions and
    the link tables) a dict of columns."""

    sources: list[dict]
    summits: list[dict]
    summit_mentions: dict[str, list]
    participants: list[dict]
    participant_sources: dict[str, list]
    agreements: list[dict]
    agreement_sources: dict[str, list]
    figures: list[dict]
    figure_sources: dict[str, list]
    rejects: list[dict]
    manifest_warnings: list[dict] = field(default_factory=list)


# ---- which meeting a text is about ----


def _calendar_edition(day: date, gazetteer: Gazetteer) -> int | None:
    for summit in gazetteer.summits.values():
        if abs(summit.held_on - day) <= CALENDAR_TOLERANCE:
            return summit.summit_id
    return None


# How much each kind of evidence weighs for the meeting it points to (measured on the dev set).
EDITION_WEIGHT = 2  # «VI Консультативная встреча»
HEADLINE_BONUS = 2  # … in a heading or the lead
EVENT_BONUS = 1  # … in a sentence that says it took place
DATE_WEIGHT = 3  # a date within three days of the meeting's
CITY_WEIGHT = 1  # the meeting's city, named with the meeting's words
PUBLISHED_WEIGHT = 2  # published within a week after the meeting
PUBLISHED_REACH = timedelta(days=7)
LEADER_WEIGHT = 1  # per head of state named who was in office on the meeting's day (minus those who were not)


def summit_evidence(source: ExtractedSource, gazetteer: Gazetteer) -> Counter[int]:
    """Each meeting's score from what the text says: edition numbers (the headline and lead weigh more,
    recollections in passing nothing), dates and datelines, the city with the meeting's words, the
    publication date."""
    scores: Counter[int] = Counter()
    for m in source.facts_of(SummitMention):
        if m.is_passing:
            continue
        if m.edition is not None:
            scores[m.edition] += EDITION_WEIGHT + (HEADLINE_BONUS if m.in_headline or m.start < source.document.lead_end
                                                   else 0) + (EVENT_BONUS if m.is_event_sentence else 0)
        if m.held_on and (edition := _calendar_edition(m.held_on, gazetteer)):
            scores[edition] += DATE_WEIGHT
    cities: Counter[str] = Counter()
    for m in source.facts_of(SummitMention):
        if m.city and not m.is_passing and not m.is_dateline:
            cities[m.city] = max(cities[m.city], CITY_WEIGHT + (EVENT_BONUS if m.is_event_sentence else 0))
    for summit in gazetteer.summits.values():
        scores[summit.summit_id] += cities[summit.city]
    published = source.document.published_on
    if published:
        for summit in gazetteer.summits.values():
            if timedelta(0) <= published - summit.held_on <= PUBLISHED_REACH:
                scores[summit.summit_id] += PUBLISHED_WEIGHT
    return scores


def leaders_in_office(source: ExtractedSource, candidates: list[int], gazetteer: Gazetteer) -> Counter[int]:
    """For each candidate meeting, the heads of state the text names who held office on its day, less those
    who did not (a text where Nazarbayev speaks as president is not about 2024)."""
    named = {p for _, start, end in gazetteer.find_surnames(source.document.text)
             for p in gazetteer.people_named(source.document.text[start:end])}
    presidents = [gazetteer.people[p] for p in named if gazetteer.people[p].office == "president"]
    scores: Counter[int] = Counter()
    for edition in candidates:
        day = gazetteer.summits[edition].held_on
        for person in presidents:
            namesakes = [p for p in presidents if p.country_code == person.country_code]
            in_office = any(p.in_office_on(day) for p in namesakes)
            scores[edition] += LEADER_WEIGHT if in_office else -LEADER_WEIGHT
    return scores


def resolve_summit(source: ExtractedSource, gazetteer: Gazetteer) -> int | None:
    """The meeting a text is about: the one the evidence points to most; the leaders it names in office
    break ties between the meetings of the calendar. None when nothing points anywhere (the text's facts
    are kept unassigned, its evidence in summit_mentions)."""
    if not source.facts_of(SummitMention):
        return None
    scores = summit_evidence(source, gazetteer)
    best = max(scores.values(), default=0)
    tied = sorted(e for e, score in scores.items() if score == best and best > 0)
    if len(tied) == 1:
        return tied[0]
    candidates = [e for e in (tied or gazetteer.summits) if e in gazetteer.summits]
    if not candidates:
        return tied[0] if tied else None
    leaders = leaders_in_office(source, candidates, gazetteer)
    top = max(leaders.values(), default=0)
    chosen = [e for e in candidates if leaders[e] == top and top > 0]
    return chosen[0] if len(chosen) == 1 or (tied and chosen) else None


def _summit_date(summit_id: int | None, summits: dict[int, dict]) -> date | None:
    row = summits.get(summit_id) if summit_id is not None else None
    return row["held_on"] if row else None


def build_summits(resolved: list[tuple[ExtractedSource, int | None]], gazetteer: Gazetteer) -> dict[int, dict]:
    """One row per meeting in the calendar or named by a text. Date and city come from the texts that
    say where and when it took place; the curated calendar fills what no text says."""
    dates: dict[int, Counter] = defaultdict(Counter)
    cities: dict[int, Counter] = defaultdict(Counter)
    published: dict[int, list[date]] = defaultdict(list)
    for source, summit_id in resolved:
        if summit_id is None:
            continue
        if source.document.published_on:
            published[summit_id].append(source.document.published_on)
        for m in source.facts_of(SummitMention):
            if m.edition not in (None, summit_id):
                continue
            if m.held_on and m.is_event_sentence:
                dates[summit_id][m.held_on] += 1
            if m.city and (m.is_event_sentence or m.edition == summit_id):
                cities[summit_id][m.city] += 1
    editions = set(gazetteer.summits) | {s for _, s in resolved if s is not None}
    rows = {}
    for edition in sorted(editions):
        calendar = gazetteer.summits.get(edition)
        # The curated calendar wins for the meetings it knows: a text that recalls another meeting in passing
        # must not move it; texts date and place only the meetings the calendar does not know yet.
        if calendar:
            held_on, city = calendar.held_on, calendar.city
        else:
            held_on = dates[edition].most_common(1)[0][0] if dates[edition] else None
            city = cities[edition].most_common(1)[0][0] if cities[edition] else None
        if held_on is None and published[edition]:
            held_on = min(published[edition])  # no text says when: the first report is the best bound
        from_text = bool(dates[edition] or cities[edition])
        rows[edition] = {
            "summit_id": edition,
            "held_on": held_on,
            "city": city,
            "host_country": gazetteer.city_country.get(city) if city else (calendar.host_country if calendar else None),
            "chair": calendar.chair if calendar else None,
            # a meeting the calendar does not know comes from the texts alone, whatever they say of it
            "origin": "text" if not calendar else "text+reference" if from_text else "reference",
            "reference_url": calendar.source_url if calendar else None,
        }
    return rows


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
    is_member = country is not None and country.member_since is not None and (year is None or country.member_since <= year)
    return "head_of_state" if is_member else "guest"


def _participant_order(row: dict) -> tuple:
    """Meetings in order, then the texts placed at none, each on its own; hosts of a meeting by role and name."""
    unplaced = row["summit_id"] is None
    return (unplaced, row["summit_id"] or 0, row["source_id"] if unplaced else 0, row["role"],
            row["country_code"] or "~", row["organization"] or "")


def build_participants(resolved, summits, gazetteer) -> tuple[list[dict], dict[str, list]]:
    merged: dict[tuple, dict] = {}
    links: list[tuple] = []
    # Texts of one meeting name the same few leaders thousands of times: resolve each name once.
    resolved_people: dict[tuple, tuple[str | None, str]] = {}
    for source, summit_id in resolved:
        # A text placed at no meeting keeps its participants to itself, dated by its publication.
        day = _summit_date(summit_id, summits) if summit_id is not None else source.document.published_on
        placement = summit_id if summit_id is not None else f"unplaced:{source.source_id}"
        for m in source.facts_of(ParticipantMention):
            if m.rule == "act" and not _held_office(m, day, gazetteer):
                continue  # a former president recalled, not one who came
            key = (placement, m.country_code or "", m.organization or "")
            person_key = (m.person_ids, m.country_code, m.is_guest, day)
            if person_key not in resolved_people:
                resolved_people[person_key] = (_resolve_person(m, day, gazetteer), _role(m, day, gazetteer))
            person_id, role = resolved_people[person_key]
            quote = source.quote(m.start, m.end)
            links.append((key, source.source_id, quote))
            known = merged.get(key)
            named_in_text = bool(m.person_ids) and m.rule != "act"
            if known is not None:
                known["is_chair"] = known["is_chair"] or m.is_chair
                if role == "guest":
                    known["role"] = "guest"
                if not named_in_text or known["named_in_text"]:
                    continue
            row = {
                "summit_id": summit_id,
                "country_code": m.country_code,
                "organization": m.organization,
                "person": gazetteer.people[person_id].name_en if person_id else m.person_name,
                "person_id": person_id,
                "role": role,
                "is_chair": m.is_chair,
                "source_id": source.source_id,
                "quote": quote,
                "named_in_text": named_in_text,
                "rule": m.rule,
                "key": key,
            }
            if known is None:
                merged[key] = row
            else:
                known.update(row, is_chair=known["is_chair"], role=known["role"])
    rows = sorted(merged.values(), key=_participant_order)
    ids = {}
    for n, row in enumerate(rows, start=1):
        row["participant_id"] = n
        named_in_text = row.pop("named_in_text")
        row["confidence"] = "low" if row["rule"] == "ner" else "high" if named_in_text else "medium"
        ids[row.pop("key")] = n
    link_rows = _unique_links(ids, links, "participant_id")
    _count_sources(rows, link_rows, "participant_id")
    return rows, link_rows


def decide_chairs(summits: dict[int, dict], participants: list[dict], gazetteer: Gazetteer) -> dict[int, str | None]:
    """Who chaired each meeting, decided once: the curated calendar's chair for the meetings it knows; else the
    one a text says chaired it («под председательством …»); else the host's head of state on the day (the
    host chairs the Consultative Meetings)."""
    named: dict[int, str] = {}
    for row in participants:
        if row["is_chair"] and row["person"] and row["summit_id"] is not None:
            named.setdefault(row["summit_id"], row["person"])
    chairs = {}
    for summit_id, summit in summits.items():
        host = summit["host_country"]
        president = gazetteer.president_on(host, summit["held_on"]) if host and summit["held_on"] else None
        chairs[summit_id] = summit["chair"] or named.get(summit_id) or (president.name_en if president else None)
    return chairs


def apply_chairs(chairs: dict[int, str | None], summits: dict[int, dict], participants: list[dict]) -> None:
    """One source of truth for the chair: `summits.chair` and `participants.is_chair` both from `chairs`."""
    for summit_id, chair in chairs.items():
        summits[summit_id]["chair"] = chair
    for row in participants:
        row["is_chair"] = row["summit_id"] is not None and row["person"] is not None and \
            row["person"] == chairs.get(row["summit_id"])


def _unique_links(ids: dict, links: list[tuple], id_column: str) -> dict[str, list]:
    """The link table, column by column (it is the largest table: a row per report of a fact), from
    (fact key, source id, quote), each once."""
    unique = dict.fromkeys((ids[key], source_id, quote) for key, source_id, quote in links)
    fact_ids, source_ids, quotes = (list(column) for column in zip(*unique, strict=True)) if unique else ([], [], [])
    return {id_column: fact_ids, "source_id": source_ids, "quote": quotes}


def _count_sources(rows: list[dict], links: dict[str, list], id_column: str) -> None:
    """Store on each fact how many texts report it (the link table, counted once at load time)."""
    sources: dict[int, set[int]] = defaultdict(set)
    for fact_id, source_id in zip(links[id_column], links["source_id"], strict=True):
        sources[fact_id].add(source_id)
    for row in rows:
        row["source_count"] = len(sources[row[id_column]])


# ---- agreements ----


class _DocumentGroup:
    """The documents merged so far for one meeting and kind, indexed by title per language."""

    def __init__(self, summit_id: int | None = None):
        self.summit_id = summit_id
        self.documents: list[dict] = []
        self.exact: dict[tuple[str, str], dict] = {}
        # Per language, titles sorted by length: a near-identical title has a near-identical length,
        # so only a slice of them needs comparing.
        self.lengths: dict[str, list[int]] = defaultdict(list)
        self.keys: dict[str, list[str]] = defaultdict(list)
        self.cut: dict[str, list[str]] = defaultdict(list)  # titles a text ends in the middle of
        self.words: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)  # each title's words, split once
        self.by_years: dict[tuple, list[dict]] = defaultdict(list)  # documents that give years, by their years

    def add(self, document: dict) -> None:
        self.documents.append(document)

    def dated(self, document: dict) -> None:
        """Index a document by its years once it has them."""
        self.by_years[_years_of(document)].append(document)

    def add_title(self, document: dict, language: str, key: str, cut: bool = False) -> None:
        if cut:
            self.cut[language].append(key)
        if (language, key) not in self.exact:
            self.exact[(language, key)] = document
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
        best = process.extractOne(key, self.keys[language][low:high], scorer=fuzz.ratio,
                                  score_cutoff=TITLE_MATCH_MIN_SCORE)
        return best[0] if best is not None else None

    def _only_document(self, language: str, keys, years: tuple[int | None, int | None]) -> dict | None:
        """The one document the titles `keys` name, leaving out those of other years; None if none or several
        («План действий по развитию туризма» may be the plan for 2025-2027 or the one until 2034)."""
        documents = {id(d): d for d in (self.exact[(language, k)] for k in keys)
                     if years == (None, None) or (d["period_from"], d["period_to"]) in (years, (None, None))}
        return next(iter(documents.values())) if len(documents) == 1 else None

    def _whole_title(self, m: AgreementMention, key: str, cut: bool) -> dict | None:
        """The document whose title a text cut off at its end starts: «Дорожная карта по развитию р» is the
        whole title another text gives; and the other way round."""
        if len(key) < CUT_TITLE_MIN_CHARS:
            return None
        if cut:
            keys = [whole for whole in self.keys[m.language] if _starts_like(whole, key)]
        else:
            keys = [part for part in self.cut[m.language] if _starts_like(key, part)]
        return self._only_document(m.language, keys, (m.period_from, m.period_to))

    def _fuller_title(self, m: AgreementMention, key: str) -> dict | None:
        """The document whose title holds every word of this one, or the other way round, one a report
        shortened: «Договор о дружбе … Центральной Азии» and «… Центральной Азии в XXI веке» at one meeting."""
        words = frozenset(key.split())
        titles = self.words[m.language]
        if len(words) < SHORTENED_TITLE_MIN_WORDS or len(titles) > SHORTENED_TITLE_MAX_COMPARED:
            return None
        related = [other for other, other_words in titles.items() if words <= other_words or other_words <= words]
        return self._only_document(m.language, related, (m.period_from, m.period_to))

    def match(self, m: AgreementMention, key: str, cut: bool = False) -> dict | None:
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
            return self.documents[0]  # a meeting's heads of state sign one joint statement, however reports word it
        if (m.period_from, m.period_to) != (None, None):
            same_years = [a for a in self.by_years.get((m.period_from, m.period_to), ())
                          if any(fuzz.token_set_ratio(key, other) >= SAME_YEARS_MIN_SCORE
                                 for other in a["titles"].get(m.language, ()))]
            if len(same_years) == 1:
                return same_years[0]  # the same years and nearly the same words, one worded more fully
        other_language = [a for a in self.documents if m.language not in a["titles"]]
        if cut and m.kind != "other" and len(other_language) == 1 and len(self.documents) == 1:
            return other_language[0]  # cut off before its years or names: the meeting's one document of the kind
        if (m.period_from, m.period_to) != (None, None):
            same_years = [a for a in other_language if (a["period_from"], a["period_to"]) == (m.period_from, m.period_to)]
            return same_years[0] if len(same_years) == 1 else None
        # Russian and Kazakh titles share their names and numbers («Мирзиёева» / «Мирзиёевті»).
        if len(other_language) == 1 and _name_stems(m.title) & other_language[0]["stems"]:
            return other_language[0]
        return None


def _years_of(document: dict) -> tuple[int | None, int | None]:
    return document["period_from"], document["period_to"]


def _same_years(document: dict, m: AgreementMention) -> bool:
    """Whether a document and a mention may be one: not when both give years and they differ («на 2025-2029
    годы» and «на 2028-2030 годы» are two plans, however alike the titles)."""
    theirs, ours = _years_of(document), (m.period_from, m.period_to)
    return theirs == ours or (None, None) in (theirs, ours)


def _starts_like(whole: str, part: str) -> bool:
    """Whether `whole` starts with `part`, give or take an article («roadmap for develop» / «roadmap for the
    development …»)."""
    return whole.startswith(part) or fuzz.ratio(whole[:len(part) + 4], part) >= CUT_TITLE_MIN_SCORE


CUT_TITLE_MIN_SCORE = 90
SAME_YEARS_MIN_SCORE = 90
SHORTENED_TITLE_MIN_WORDS = 5  # fewer words («Соглашение о транзите») may name several documents
SHORTENED_TITLE_MAX_COMPARED = 200  # titles of one meeting and kind compared word by word, at most
CUT_TITLE_MIN_CHARS = 15  # a cut-off title at least this long names one document («Дорожная карт» does not)
NAME_STEM = re.compile(r"(?<![\w-])(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]{4,}|\d{4})")
COMMON_STEMS = frozenset({"центр", "орта", "респу", "прези", "глав", "мемле", "centr", "presi", "repub", "азия", "азии"})


@lru_cache(maxsize=65536)
def _name_stems(title: str) -> frozenset[str]:
    """The first five letters of the capitalised words (names) and the years of a title, less the words
    every title of the meetings holds."""
    stems = {word.lower()[:5] for word in NAME_STEM.findall(title[1:])}
    return frozenset(stem for stem in stems if stem[:4] not in COMMON_STEMS and stem not in COMMON_STEMS)


def _strength(m: AgreementMention) -> tuple[int, int]:
    return (1 if m.from_list else 0, ADOPTION_STRENGTH[m.adoption])


def build_agreements(resolved) -> tuple[list[dict], dict[str, list]]:
    merged: list[dict] = []
    groups: dict[tuple, _DocumentGroup] = {}  # only one meeting and kind can match
    links: list[tuple] = []
    for source, summit_id in resolved:
        text = source.document.text.rstrip()
        # A text that stops on a letter was cut off (an excerpt, a page's first kilobytes): its last title may be too.
        text_end = len(text) if text[-1:].isalnum() else len(text) + 1
        for m in source.facts_of(AgreementMention):
            quote = source.quote(m.start, m.end)
            group = groups.get((summit_id, m.kind)) or groups.setdefault((summit_id, m.kind), _DocumentGroup(summit_id))
            key = normalize_key(m.title)
            cut = m.end >= text_end
            a = group.match(m, key, cut)
            if a is None and cut and len(key) < CUT_TITLE_MIN_CHARS:
                continue  # «Action Pla»: too little of a title left to say which document
            if a is None:
                a = {"summit_id": summit_id, "kind": m.kind, "titles": {}, "title": {}, "best": None, "stems": set(),
                     "period_from": None, "period_to": None, "order": len(merged)}
                merged.append(a)
                group.add(a)
            if _years_of(a) == (None, None) and (m.period_from, m.period_to) != (None, None):
                a["period_from"], a["period_to"] = m.period_from, m.period_to  # the years a shortened title left out
                group.dated(a)
            a["titles"].setdefault(m.language, set()).add(key)
            a["stems"] |= _name_stems(m.title)
            group.add_title(a, m.language, key, cut)
            known = a["title"].get(m.language)
            if known is None or (len(m.title) > len(known) and key.startswith(normalize_key(known))):
                a["title"][m.language] = m.title  # the whole title over one a text cut off
            if a["best"] is None or _strength(m) > _strength(a["best"][0]):
                a["best"] = (m, source.source_id, quote)
            links.append((id(a), source.source_id, quote))
    merged.sort(key=lambda a: (a["summit_id"] is None, a["summit_id"] or 0, ADOPTION_ORDER[a["best"][0].adoption], a["order"]))
    rows, ids = [], {}
    for n, a in enumerate(merged, start=1):
        best, source_id, quote = a["best"]
        ids[id(a)] = n
        rows.append({
            "agreement_id": n,
            "summit_id": a["summit_id"],
            "kind": a["kind"],
            "adoption": best.adoption,
            "title_ru": a["title"].get("ru"),
            "title_en": a["title"].get("en"),
            "title_kk": a["title"].get("kk"),
            "period_from": a["period_from"],
            "period_to": a["period_to"],
            "source_id": source_id,
            "quote": quote,
            "confidence": "high" if best.from_list else "medium",
            "rule": best.rule,
        })
    link_rows = _unique_links(ids, links, "agreement_id")
    _count_sources(rows, link_rows, "agreement_id")
    return rows, link_rows


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


def build_figures(resolved, summits) -> tuple[list[dict], dict[str, list]]:
    merged: dict[tuple, dict] = {}
    links: list[tuple] = []
    for source, summit_id in resolved:
        reference_day = source.document.published_on or _summit_date(summit_id, summits)
        for m in source.facts_of(FigureMention):
            quote = source.quote(m.start, m.end)
            row = {
                "summit_id": summit_id, "scope": m.scope, "counterpart": m.counterpart, "metric": m.metric,
                "kind": m.kind, "value": m.value, "unit": m.unit, "period": m.period,
                "period_year": _period_year(m, reference_day), "source_id": source.source_id, "quote": quote,
                "confidence": "low" if m.metric_inherited else "medium",
                "rule": "anaphora" if m.metric_inherited else "sentence", "order": len(merged),
            }
            key = tuple(row[column] for column in FIGURE_ROW_KEY)  # one row per figure and value
            merged.setdefault(key, row)
            links.append((key, source.source_id, quote))
    rows = sorted(merged.values(), key=lambda r: (r["summit_id"] is None, r["summit_id"] or 0, r["order"]))
    ids = {}
    for n, row in enumerate(rows, start=1):
        row["figure_id"] = n
        row.pop("order")
        ids[tuple(row[column] for column in FIGURE_ROW_KEY)] = n
    link_rows = _unique_links(ids, links, "figure_id")
    _count_sources(rows, link_rows, "figure_id")
    return rows, link_rows


# ---- everything ----


def assemble_in_stages(extracted: list[ExtractedSource], rejections: list[Rejection],
                       gazetteer: Gazetteer, manifest_warnings: list | None = None) -> Iterator[dict[str, Rows]]:
    """Warehouse rows, a few tables at a time in load order (by their foreign keys), so that the loader
    can write one stage while the next is assembled. Sources get ids in file-name order."""
    extracted = sorted(extracted, key=lambda s: s.document.file_name)
    for n, source in enumerate(extracted, start=1):
        source.source_id = n
    resolved = [(source, resolve_summit(source, gazetteer)) for source in extracted]
    summits = build_summits(resolved, gazetteer)
    participants, participant_sources = build_participants(resolved, summits, gazetteer)
    apply_chairs(decide_chairs(summits, participants, gazetteer), summits, participants)
    yield {
        "summits": list(summits.values()),
        "sources": [_source_row(source, summit_id) for source, summit_id in resolved],
        "summit_mentions": _summit_mention_columns(resolved),
        "participants": participants,
        "participant_sources": participant_sources,
        "rejects": [{"file_name": r.file_name, "reason": r.reason, "detail": r.detail}
                    for r in sorted(rejections, key=lambda r: r.file_name)],
        "manifest_warnings": [{"line": w.line, "file_name": w.file_name, "problem": w.problem}
                              for w in manifest_warnings or []],
    }
    del participants, participant_sources  # written by now: let their rows go while the rest is assembled
    yield dict(zip(("agreements", "agreement_sources"), build_agreements(resolved), strict=True))
    yield dict(zip(("figures", "figure_sources"), build_figures(resolved, summits), strict=True))


def _summit_mention_columns(resolved: list[tuple[ExtractedSource, int | None]]) -> dict[str, list]:
    """The summit_mentions table column by column: every passage that names a meeting, with what it says."""
    mentions = [(source, summit_id, m) for source, summit_id in resolved for m in source.facts_of(SummitMention)]
    return {
        "source_id": [source.source_id for source, _, _ in mentions],
        "summit_id": [summit_id for _, summit_id, _ in mentions],
        "edition_written": [m.edition for _, _, m in mentions],
        "held_on_written": [m.held_on for _, _, m in mentions],
        "city_written": [m.city for _, _, m in mentions],
        "is_event_sentence": [m.is_event_sentence for _, _, m in mentions],
        "quote": [source.quote(m.start, m.end) for source, _, m in mentions],
    }


def assemble(extracted: list[ExtractedSource], rejections: list[Rejection], gazetteer: Gazetteer) -> Tables:
    """Warehouse rows from every extracted source, in a stable order (by file name)."""
    rows: dict[str, Rows] = {}
    for stage in assemble_in_stages(extracted, rejections, gazetteer):
        rows.update(stage)
    return Tables(**rows)


def _source_row(source: ExtractedSource, summit_id: int | None) -> dict:
    doc = source.document
    return {
        "source_id": source.source_id, "file_name": doc.file_name, "language": doc.language,
        "title": doc.title, "publisher": doc.publisher, "published_on": doc.published_on,
        "summit_id": summit_id, "sha256": doc.sha256, "text": doc.text, "url": doc.url,
        "encoding": doc.encoding, "char_count": len(doc.text), "format": doc.format,
    }
