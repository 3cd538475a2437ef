"""Which meeting a text is about, by weighing evidence: edition numbers, dates and datelines, the city, the
publication date (the headline and lead weigh more, recollections in passing nothing), and the heads of state
it names who were in office, to break ties. Per text, independent of every other text, so a build decides it
once, while the whole text is at hand (before the text is packed)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from etl.extract.summits import SummitMention
from etl.pipeline import ExtractedSource
from etl.reference import Gazetteer

CALENDAR_TOLERANCE = timedelta(days=3)


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
            scores[m.edition] += (
                EDITION_WEIGHT
                + (HEADLINE_BONUS if m.in_headline or m.start < source.document.lead_end else 0)
                + (EVENT_BONUS if m.is_event_sentence else 0)
            )
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
    text = source.text
    named = {
        p for _, start, end in gazetteer.find_surnames(text) for p in gazetteer.people_named(text[start:end])
    }
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
    leaders = leaders_in_office(source, candidates, gazetteer)
    top = max(leaders.values(), default=0)
    chosen = [e for e in candidates if leaders[e] == top and top > 0]
    # Still tied, the text is left unplaced (its evidence kept) rather than put at the earliest meeting.
    return chosen[0] if len(chosen) == 1 else None
