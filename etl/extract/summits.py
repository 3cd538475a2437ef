"""Which meeting a text is about: edition numbers («6-я», «VI», «шестой», «6-шы», «sixth») next to
the words for the meeting, dates («9 августа 2024 года», «2024 жылғы 9 тамызда», «August 9, 2024»)
and cities («в Астане», «Астанада») in the sentences that speak of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from etl.dicts import load_pairs, load_words, lookup_stem
from etl.document import Document, Passage
from etl.patterns import CodedMatcher, coded_matcher
from etl.reference import Gazetteer


@dataclass(frozen=True, slots=True)  # hundreds of thousands of them in a build: no __dict__ each
class SummitMention:
    """A passage that names a meeting: its edition if written, and the date and city said with it."""

    start: int
    end: int
    edition: int | None
    held_on: date | None
    city: str | None
    is_event_sentence: bool  # the passage says the meeting took place (состоялась, өтті, was held)
    in_headline: bool = False  # a heading or the lead: what the text is about
    is_passing: bool = False  # recalled in passing («since the first meeting in 2018», «на прошлой встрече»)
    is_dateline: bool = (
        False  # a date at the head of the text, without the meeting's words («Москва. 6 августа.»)
    )


# ---- rules: edition ----

# Cyrillic letters that look like Roman numerals («VІ» is V and a Cyrillic І).
ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}
# «6-я», «6-ой», «3-ей», «6-й», «6-шы», «7-ші», «6th», «6»; the token must end right before the meeting words.
EDITION_TOKEN = re.compile(
    r"(?:(?P<digits>\d{1,2})(?:\s*-\s*[^\W\d_]{1,3}|st|nd|rd|th)?"
    r"|(?P<roman>\b[IVXІХ]{1,4})"
    r"|(?P<word>\b[^\W\d_]{4,}))\s+$"
)
MAX_EDITION = 30


def _meeting_words() -> CodedMatcher:
    return coded_matcher(load_pairs("meeting_words"))


def edition_before(text: str, pos: int) -> int | None:
    """The edition number written just before position `pos` (where the meeting words start)."""
    m = EDITION_TOKEN.search(text[max(0, pos - 40) : pos])
    if not m:
        return None
    value: int | None
    if m.group("digits"):
        value = int(m.group("digits"))
    elif m.group("roman"):
        value = ROMAN.get(m.group("roman").translate(ROMAN_LOOKALIKES))
    else:
        ordinal = lookup_stem(m.group("word"), "ordinals")
        value = int(ordinal) if ordinal else None
    return value if value and 1 <= value <= MAX_EDITION else None


# ---- rules: dates ----

DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+([^\W\d_]{3,})\s+(\d{4})(?!\d)")
KK_YEAR_DAY_MONTH = re.compile(r"(?<!\d)(\d{4})\s+жыл\w*\s+(\d{1,2})\s+([^\W\d_]{3,})")
EN_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,})\s+(\d{1,2}),?\s+(\d{4})\b")
DIGIT = re.compile(r"\d")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(20\d\d)(?![\d])")
DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]{3,})(?!\s+\d{4})")
PASSING = re.compile(
    r"(?:\bsince\b|\bс\s+момента|\bсо\s+времени|\bс\s+перв|предыдущ|прошл(?:ой|ый|ого|ом|ую|ая|огодн)|\bprevious|\bpast\b|\blast\b|алдыңғы|өткен\s+жыл"
    r"|бастап|\bранее\b|\bearlier\b|\bбыл[аио]?\s+\w+\s+на\b|\bwas\s+\w+\s+at\b|\bat\s+the\s+first"
    r"|\bthe\s+first\s+\w+\s+meeting\s+(?:was|took)|\bнапомн\w*|\brecall\b|\bas\s+a\s+reminder|еске\s+сал\w*)",
    re.IGNORECASE,
)
PASSING_REACH = 40  # characters before the meeting's words where «since», «прошлой» … make it a recollection
DATELINE_REACH = 300  # characters at the head of a text where a date is the report's date
# What may stand before a dateline's day and month: nothing, «date», or a place and a comma or full stop
# («БИШКЕК, 14 сен», «Алматы. 29 ноября.», «Avaza, August 6, 2021», «date 2025-11-16»).
DATELINE_HEAD = re.compile(r"\W*(?:date\s+|[^\W\d_][\w\-]*(?:\s[^\W\d_][\w\-]*)?\s*[,.]\s*)?", re.IGNORECASE)
EVENT_VERBS = coded_matcher(tuple((verb, "event") for verb in load_words("event_verbs")))
CURRENT_WORDS = coded_matcher(load_pairs("current_words"))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Calendar dates written out in `text`, with their spans."""
    if not DIGIT.search(text):
        return []
    found = []
    for m in DAY_MONTH_YEAR.finditer(text):
        month = lookup_stem(m.group(2), "months")
        if month:
            found.append((_safe_date(int(m.group(3)), int(month), int(m.group(1))), m.start(), m.end()))
    for m in KK_YEAR_DAY_MONTH.finditer(text):
        month = lookup_stem(m.group(3), "months")
        if month:
            found.append((_safe_date(int(m.group(1)), int(month), int(m.group(2))), m.start(), m.end()))
    for m in EN_MONTH_DAY_YEAR.finditer(text):
        month = lookup_stem(m.group(1), "months")
        if month:
            found.append((_safe_date(int(m.group(3)), int(month), int(m.group(2))), m.start(), m.end()))
    for m in ISO_DATE.finditer(text):
        found.append((_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start(), m.end()))
    for m in DOTTED_DATE.finditer(text):
        found.append((_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end()))
    return sorted((d, s, e) for d, s, e in found if d is not None)


# ---- the extractor ----


def _mention_in(
    passage: Passage, gazetteer: Gazetteer, meeting: CodedMatcher, lead_end: int, published_on: date | None
) -> SummitMention | None:
    hits = meeting.find(passage.text)
    if not hits:
        return None
    editions = [edition_before(passage.text, start) for _, start, _ in hits]
    edition = next((e for e in editions if e is not None), None)
    first = next(
        (start for (_, start, _), e in zip(hits, editions, strict=True) if e is not None), hits[0][1]
    )
    dates = find_dates(passage.text)
    cities = gazetteer.find_cities(passage.text)
    current = {code for code, _, _ in CURRENT_WORDS.find(passage.text)}
    return SummitMention(
        start=passage.start,
        end=passage.end,
        edition=edition,
        held_on=dates[0][0] if dates else published_on if "today" in current else None,
        city=cities[0][0] if cities else None,
        is_event_sentence=bool(current) or bool(EVENT_VERBS.find(passage.text)),
        in_headline=passage.kind == "heading" or passage.end <= lead_end,
        is_passing=PASSING.search(passage.text[max(0, first - PASSING_REACH) : first + 1]) is not None,
    )


def _dateline(passage: Passage, gazetteer: Gazetteer) -> SummitMention | None:
    """A date at the head of a report («БИШКЕК, 14 сен — …», «Avaza, August 6, 2021», «07.08.2021»,
    «date 2025-11-16»): the day it was written, near the day the meeting was held. A day and month
    without a year stands for the meeting held that day in any year."""
    text = passage.text[:DATELINE_REACH]
    dates = find_dates(text)
    day: date | None
    if dates:
        day = dates[0][0]
    else:
        # Without a year, only a date that opens its paragraph (after a place name at most) is a dateline; one
        # further in is what the sentence says («… 15 наурызда мерекені атап өтуге шақырды»).
        day = next(
            (
                d
                for m in DAY_MONTH.finditer(text)
                if DATELINE_HEAD.fullmatch(text[: m.start()]) and (d := _day_month(m, gazetteer)) is not None
            ),
            None,
        )
    if day is None:
        return None
    cities = gazetteer.find_cities(text)
    return SummitMention(
        passage.start,
        passage.end,
        None,
        day,
        cities[0][0] if cities else None,
        is_event_sentence=False,
        in_headline=True,
        is_dateline=True,
    )


def _day_month(m: re.Match, gazetteer: Gazetteer) -> date | None:
    month = lookup_stem(m.group(2), "months")
    if not month:
        return None
    days = [
        s.held_on
        for s in gazetteer.summits.values()
        if s.held_on.month == int(month) and abs(s.held_on.day - int(m.group(1))) <= 1
    ]
    return days[0] if len(days) == 1 else None


def extract_summit_mentions(document: Document, gazetteer: Gazetteer) -> Iterator[SummitMention]:
    """Every passage that names a meeting, with what it says of its edition, date and city, and the
    dateline at the head of the text."""
    meeting = _meeting_words()
    to_search = document.passages_matching(meeting)
    dateline_found = False
    for n, passage in enumerate(document.passages):
        mention = (
            _mention_in(passage, gazetteer, meeting, document.lead_end, document.published_on)
            if n in to_search
            else None
        )
        if mention is None and not dateline_found and passage.start < DATELINE_REACH:
            mention = _dateline(passage, gazetteer)
            dateline_found = mention is not None
        if mention is not None:
            yield mention
