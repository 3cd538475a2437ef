"""Who took part in a meeting: heads of state named («Шавкат Мирзиёев», «Тоқаевтың») or by title
(«Президент Кыргызской Республики», «Қазақстан Республикасының Президенті»), organisations
(«Региональный центр ООН по превентивной дипломатии»), whether they came as guests, and who chaired.
Only passages that speak of taking part, chairing or guests count, and the list items under them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from etl.dicts import load_pairs, load_words, words_where
from etl.document import Document, Passage
from etl.ner import Entity, find_entities, has_unknown_name
from etl.patterns import CodedMatcher, Gate, coded_matcher, lower_case, phrases_regex, words_regex
from etl.reference import Gazetteer
from etl.russian import OBLIQUE_CASES, parses, to_nominative


@dataclass(frozen=True, slots=True)  # hundreds of thousands of them in a build: no __dict__ each
class ParticipantMention:
    """A head of state, guest or organisation said to take part; the person may be known only by
    country and title until the meeting's date tells who held the office."""

    start: int
    end: int
    country_code: str | None
    organization: str | None
    person_ids: tuple[str, ...]  # candidates from the name forms, empty when named by title only
    is_guest: bool
    is_chair: bool
    rule: str = (
        "cue"  # cue: a passage about taking part; list: a line under such a passage; act: a leader who acts;
    )
    # ner: a guest the reference does not know, found by natasha's NER beside the organisation they represent
    person_name: str | None = None  # the name as written, for a person the reference does not know


# ---- rules ----

CHAIR_AFTER_CUE = 60  # «под председательством Президента Казахстана Касым-Жомарта Токаева»
CHAIR_BEFORE_CUE = 3  # «Қасым-Жомарт Тоқаевтың төрағалығымен»
NAME_WINDOW = 60  # characters between a given name and a surname of one person («Сердар Бердымухамедов»)
# What may stand between a title and its country: «President of the Kyrgyz Republic», «Президент Казахстана»;
# and, in Kazakh, between the country and the title after it: «Қазақстан Республикасының Президенті».
TITLE_THEN_COUNTRY = re.compile(r"\s*(?:(?:of|the)\s+)*", re.IGNORECASE)
COUNTRY_THEN_TITLE = re.compile(r"\s*(?:Республикасы\w*\s+)?", re.IGNORECASE)
# Who speaks by video is not in the room (a guest who sends a recorded address): not a participant.
VIDEO = words_regex("video_words")
VIDEO_WORDS = Gate(phrase.split()[0].rstrip("*").lower() for phrase in load_words("video_words"))
# «… signed by the leaders of A, B and C»: in a passage about acts, the agent of a passive verb acts too.
PASSIVE_AGENT = re.compile(r"\bby\s+the\s+(?:leaders|presidents|heads\s+of\s+state)\s+of\b", re.IGNORECASE)
ENUMERATION_JOIN = re.compile(r"^\s*(?:,|и|and|және|мен|,\s*и|,\s*and)?\s*$", re.IGNORECASE)
# Cues of acting. «speech» is a verb of speaking with no object, so its subject may also follow it:
# «С речью выступил Президент Кыргызстана».
ACTING = ("act", "speech")

# ---- a leader only talked about is not acting ----

# A word of a leader's designation: a capitalised word, a title, «of the» («Президента Туркменистана Сердара
# Бердымухамедова», «the President of Kazakhstan», «Қазақстан Республикасының Президенті»).
DESIGNATION_WORD = (
    r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'.-]*|(?i:" + phrases_regex(load_words("leader_titles")) + r"|of|the)(?!\w))"
)
TALK_REACH = 120  # characters before a mention searched for a word of talk and the designation after it
# «говорили о Токаеве», «обсудили инициативы Президента Туркменистана», «the proposal of the President of …».
TALK_BEFORE = re.compile(
    r"(?<!\w)(?i:" + phrases_regex(words_where("talked_about", "before")) + r")"
    r"(?P<between>(?:\s+" + DESIGNATION_WORD + r"){0,5})\s+$"
)
# «Тоқаев туралы»; «Түрікменстан Президентінің бастамасы», «Tokayev's initiative» (a genitive before the noun).
TALK_AFTER = re.compile(
    r"[\w’'-]*(?P<between>(?:\s+" + DESIGNATION_WORD + r"){0,3}?)"
    r"(?:\s+(?i:" + phrases_regex(words_where("talked_about", "after")) + r")"
    r"|(?:(?<=[нтд][ыі]ң)|(?<=['’]s))\s+(?i:"
    + phrases_regex(words_where("talked_about", "possessed"))
    + r"))"
    r"(?!\w)"
)
CYRILLIC_WORD = re.compile(r"[а-яё][а-яё-]*", re.IGNORECASE)


def _oblique(word: str) -> bool:
    """Whether a Russian word can be in a case other than the nominative («Президента», «Токаеве»; not
    «Президент»)."""
    return any(p.tag.case in OBLIQUE_CASES for p in parses(word))


def _talked_about(text: str, start: int, end: int, words_after: int) -> bool:
    """Whether the leader named at text[start:end] is the topic of talk, not someone acting: «обсудили инициативы
    Президента Туркменистана», «говорили о Токаеве», «Тоқаевтың бастамасы». `words_after`: how many
    designation words may follow the name before the genitive (a country: «Түрікменстан Президентінің»; a
    surname carries the ending itself)."""
    before = TALK_BEFORE.search(text, max(0, start - TALK_REACH), start)
    if before is not None:
        # Russian marks the object by its case: «инициативы Президента …» is talked about, but in «В развитие
        # инициативы Президент Узбекистана предложил …» the nominative is the subject.
        words = before.group("between").split() + [text[start:end]]
        if all(_oblique(w) for w in words if CYRILLIC_WORD.fullmatch(w)):
            return True
    after = TALK_AFTER.match(text, end)
    return after is not None and len(after.group("between").split()) <= words_after


# Who speaks may be named right after the verb: the designations that follow, joined by commas and «и».
SUBJECT_RUN = re.compile(r"(?:\s*(?:,|(?i:и|and|және)\s)?\s*" + DESIGNATION_WORD + r")+")


def _subjects_after(text: str, cues: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Stretches right after a verb of speaking that name its subject: «выступил Президент Кыргызстана»."""
    spans = []
    for kind, _, end in cues:
        run = SUBJECT_RUN.match(text, end) if kind == "speech" else None
        if run:
            spans.append((end, run.end()))
    return spans


def _cues() -> CodedMatcher:
    return coded_matcher(load_pairs("participation_cues"))


def _not_names() -> CodedMatcher:
    return coded_matcher(load_pairs("not_names"))


def _titles() -> CodedMatcher:
    return coded_matcher(load_pairs("leader_titles"))


def titled_countries(text: str, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """Countries written with a leader's title: «Президент Казахстана», «президентов Казахстана,
    Кыргызстана и Узбекистана», «Қазақстан Республикасының Президенті», «President of Kazakhstan»."""
    countries = gazetteer.find_countries(text)
    if not countries:
        return []
    titles = [(start, end) for _, start, end in _titles().find(text)]
    title_ends = sorted(end for _, end in titles)
    title_starts = sorted(start for start, _ in titles)
    found: list[tuple[str, int, int]] = []
    for code, start, end in countries:
        # Only the title nearest before and the one nearest after can be next to the country (bisect, not a
        # comparison with every title: a long passage names hundreds of both).
        before = bisect_right(title_ends, start) - 1
        after = bisect_left(title_starts, end)
        titled_before = (
            before >= 0 and TITLE_THEN_COUNTRY.fullmatch(text[title_ends[before] : start]) is not None
        )
        titled_after = (
            after < len(title_starts)
            and COUNTRY_THEN_TITLE.fullmatch(text[end : title_starts[after]]) is not None
        )
        in_enumeration = bool(found) and ENUMERATION_JOIN.match(text[found[-1][2] : start])
        if titled_before or titled_after or in_enumeration:
            found.append((code, start, end))
    return found


def _person_candidates(text: str, gazetteer: Gazetteer) -> list[tuple[tuple[str, ...], int, int]]:
    given = gazetteer.find_given_names(text)
    people = []
    for _, start, end in gazetteer.find_surnames(text):
        candidates = gazetteer.people_named(text[start:end])
        near = {
            code
            for code, g_start, g_end in given
            if abs(start - g_end) <= NAME_WINDOW or abs(g_start - end) <= NAME_WINDOW
        }
        narrowed = tuple(c for c in candidates if c in near) or tuple(candidates)
        people.append((narrowed, start, end))
    return people


def _country_of(person_ids: tuple[str, ...], gazetteer: Gazetteer) -> str | None:
    countries = {gazetteer.people[p].country_code for p in person_ids}
    return countries.pop() if len(countries) == 1 else None


def _mentions_in(
    passage: Passage,
    gazetteer: Gazetteer,
    guest: int | None,
    chair: tuple[int, int] | None,
    rule: str = "cue",
    titles_before: int | None = None,
    video: tuple[int, int] | None = None,
    subjects: tuple[tuple[int, int], ...] = (),
) -> list[ParticipantMention]:
    """One mention per country or organisation named in a participation passage; with `titles_before`, a
    country named by title only counts before that position (the subject: «Президенты A и B обсудили»,
    not «поблагодарил Президента C») or in `subjects` («выступил Президент C»). Never a leader only talked
    about («обсудили инициативы Президента C»)."""
    text = passage.text
    by_key: dict[str, ParticipantMention] = {}

    def is_guest(start: int) -> bool:
        # «… приняли участие A и B. В качестве почётных гостей — C»: the guests are named after the word.
        return guest is not None and start >= guest

    order: list[tuple[int, str]] = []

    def add(key: str, pos: int, mention: ParticipantMention, talked_about: bool = False) -> None:
        if video is not None and video[0] <= pos < video[1]:
            return  # named in the clause about a video address: not in the room
        if talked_about:
            return  # «обсудили инициативы Президента C»: the topic of the talk, not one who acts
        known = by_key.get(key)
        if known is None:
            order.append((pos, key))
            by_key[key] = mention
        elif mention.person_ids and not known.person_ids:
            by_key[key] = mention

    def is_chair(start: int, end: int) -> bool:
        # «под председательством Президента Казахстана …» names the chair right after the cue;
        # «Тоқаевтың төрағалығымен» right before it.
        if chair is None:
            return False
        return 0 <= start - chair[1] <= CHAIR_AFTER_CUE or 0 <= chair[0] - end <= CHAIR_BEFORE_CUE

    for person_ids, start, end in _person_candidates(text, gazetteer):
        person = gazetteer.people[person_ids[0]]
        country = _country_of(person_ids, gazetteer)
        key = country or person.organization or person_ids[0]
        add(
            key,
            start,
            ParticipantMention(
                passage.start,
                passage.end,
                country,
                person.organization,
                person_ids,
                is_guest(start) or person.organization is not None,
                is_chair(start, end),
                rule,
            ),
            _talked_about(text, start, end, words_after=0),
        )
    agent = PASSIVE_AGENT.search(text, titles_before) if titles_before is not None else None
    for code, start, end in titled_countries(text, gazetteer):
        if (
            titles_before is not None
            and start > titles_before
            and not (agent and start > agent.start())
            and not any(s <= start < e for s, e in subjects)
        ):
            continue
        add(
            code,
            start,
            ParticipantMention(
                passage.start, passage.end, code, None, (), is_guest(start), is_chair(start, end), rule
            ),
            _talked_about(text, start, end, words_after=3),
        )
    for org, start, end in gazetteer.find_organizations(text):
        if titles_before is not None and start > titles_before:
            continue  # «Президенты подчеркнули роль ООН»: an organisation talked about, not one acting
        add(
            org,
            start,
            ParticipantMention(passage.start, passage.end, None, org, (), True, False, rule),
            _talked_about(text, start, end, words_after=0),
        )
    return [by_key[key] for _, key in sorted(order)]


EMPLOYER_REACH = 60  # characters between an organisation and the name of who represents it
# «Специальный представитель ЕС …»: the model may tag a body's short name as a place; after an envoy's title
# it is the body the envoy represents.
ENVOY_TITLE = words_regex("envoy_titles", after=r"\s+$")
# «…, передаёт корреспондент «Степного вестника» Анна Орлова»: who reports the meeting is no guest of it.
REPORTER = words_regex("reporter_words")


def _unknown_guests(passage: Passage, gazetteer: Gazetteer) -> list[ParticipantMention]:
    """Guests the reference does not know, in a Russian passage about taking part: a person the NER model
    finds right after an organisation it finds («Генеральный секретарь ШОС Бахтияр Олжасов»). A person
    with no organisation before the name (a minister of a member state, a journalist) is left alone."""
    text = passage.text
    if not has_unknown_name(text, []):
        return []  # not even a name-like pair of words: nothing to look up
    known = [
        (s, e)
        for find in (
            gazetteer.find_surnames,
            gazetteer.find_given_names,
            gazetteer.find_countries,
            gazetteer.find_cities,
            gazetteer.find_organizations,
            _not_names().find,
        )
        for _, s, e in find(text)
    ]
    if not has_unknown_name(text, known):
        return []  # the fast pass: every name-like pair is one the reference knows
    entities = find_entities(text)
    found = []
    for entity in entities:
        if entity.kind != "PER" or any(s < entity.end and entity.start < e for s, e in known):
            continue
        organization = _represented(text, entities, entity.start, gazetteer)
        if organization:
            found.append(
                ParticipantMention(
                    passage.start,
                    passage.end,
                    None,
                    organization,
                    (),
                    True,
                    False,
                    "ner",
                    person_name=text[entity.start : entity.end],
                )
            )
    return found


def _represented(
    text: str, entities: tuple[Entity, ...], person_start: int, gazetteer: Gazetteer
) -> str | None:
    """The organisation named just before a person, in the nominative; not a state's ministry («МИД Казахстана»).
    A place right after an envoy's title is taken for the body («Специальный представитель ЕС …»)."""
    before = [
        e
        for e in entities
        if e.end <= person_start
        and person_start - e.end <= EMPLOYER_REACH
        and (e.kind == "ORG" or (e.kind == "LOC" and _after_envoy_title(text, e.start)))
    ]
    if not before:
        return None
    name = text[before[-1].start : before[-1].end]
    if gazetteer.find_countries(name) or REPORTER.search(
        text, max(0, before[-1].start - EMPLOYER_REACH), person_start
    ):
        return None
    known = gazetteer.find_organizations(name)
    if known:
        return known[0][0]
    return name if name.isupper() else to_nominative(name)  # an abbreviation («ЕС») has no case to undo


def _after_envoy_title(text: str, start: int) -> bool:
    return ENVOY_TITLE.search(text, max(0, start - EMPLOYER_REACH), start) is not None


# Where a clause ends: in «…, а гость обратился к залу по видеосвязи» the last part is a clause of its own.
CLAUSE_BREAK = re.compile(r"[;,]\s+|\s+(?:а также|as well as|while|and|и)\s+", re.IGNORECASE)


def _video_clause(text: str) -> tuple[int, int] | None:
    """The clause that speaks of a video address («…, и глава одной из организаций прислал видеопослание»):
    who is named in it spoke from elsewhere; those named in the other clauses were in the room."""
    if VIDEO_WORDS.first(lower_case(text)) is None:  # one pass in C spares most passages the regex
        return None
    video = VIDEO.search(text)
    if video is None:
        return None
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, video.start())), default=0)
    following = CLAUSE_BREAK.search(text, video.end())
    return start, following.start() if following else len(text)


def _first_cue(cues: list[tuple[str, int, int]], kind: str) -> tuple[int, int] | None:
    return next(((start, end) for k, start, end in cues if k == kind), None)


def extract_participants(document: Document, gazetteer: Gazetteer) -> Iterator[ParticipantMention]:
    """Participants named in passages that speak of taking part, chairing or guests, in the lines that
    follow such a passage when it ends with a colon (marked as a list or not: «Kazakhstan – President …»),
    and heads of state who act in a passage: speak, sign, propose, welcome. Not who speaks by video."""
    list_is_participants = False
    with_cues = document.passages_matching(_cues())
    for n, passage in enumerate(document.passages):
        if list_is_participants and passage.kind in ("list_item", "heading"):
            yield from _mentions_in(passage, gazetteer, guest=None, chair=None, rule="list")
            continue
        list_is_participants = False
        cues = _cues().find(passage.text) if n in with_cues else []
        if not cues:
            continue
        chair = _first_cue(cues, "chair")
        if passage.ends_with_colon and not any(kind in ACTING for kind, _, _ in cues):
            list_is_participants = True
        guest_cue = _first_cue(cues, "guest")
        guest = guest_cue[0] if guest_cue else None
        video = _video_clause(passage.text)
        only_acts = all(kind in ACTING for kind, _, _ in cues)
        if only_acts:
            yield from _mentions_in(
                passage,
                gazetteer,
                guest=guest,
                chair=chair,
                rule="act",
                titles_before=cues[0][1],
                video=video,
                subjects=tuple(_subjects_after(passage.text, cues)),
            )
        else:
            yield from _mentions_in(passage, gazetteer, guest=guest, chair=chair, video=video)
            if document.language == "ru" and video is None:
                yield from _unknown_guests(passage, gazetteer)
