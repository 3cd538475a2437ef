"""Documents signed, approved or planned at a meeting: numbered lists under a header that says what
happened to them («сторонами подписаны такие документы:», «Итоговым коммюнике … утверждены
документы:»), and running sentences («Лидеры поручили … подготовить к следующей встрече Соглашение о
транзите …», «… көлік дәліздерін дамыту жоспары бар» after «құжаттарға қол қойылды»)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from etl.dicts import DICTS_DIR, load_pairs, load_rows, load_words, lookup_stem, words_where
from etl.document import LIST_MARKER, Document, Passage
from etl.patterns import CodedMatcher, coded_matcher, phrases_regex, words_regex
from etl.reference import Gazetteer
from etl.russian import inflect_phrase, parses, to_nominative


@dataclass(frozen=True, slots=True)  # hundreds of thousands of them in a build: no __dict__ each
class AgreementMention:
    start: int
    end: int
    kind: str
    adoption: str  # signed | approved | signed_by_delegations | planned
    title: str
    language: str
    period_from: int | None
    period_to: int | None
    rule: str  # list: a line under a header; ordinal: «Второй документ — …»; sentence; passive: «X were approved»

    @property
    def from_list(self) -> bool:
        """Listed under an explicit header (more reliable than a running sentence)."""
        return self.rule in ("list", "ordinal")


# ---- rules: kinds and cues ----

DOCUMENT_NOUNS = coded_matcher(load_pairs("document_nouns"))
NOT_ADOPTION = coded_matcher(
    tuple((p, "not_adoption") for p in load_words("not_adoption"))
)  # «приняли участие»
NOT_ADOPTION_REACH = 30  # characters after the verb in which they stand
KAZAKH_LIST_OPENERS = re.compile(
    r"(?:" + phrases_regex(load_words("list_openers")) + r"|:)\s*", re.IGNORECASE
)
LIST_FOLLOW_UP = words_regex("list_follow_ups", r"^\W*")
ENUMERATION_BEFORE = re.compile(
    r"(?:,|\bи|\bа также|\band|\bмен|\bжәне)\s*(?:the\s+)?[«\"]?\s*$", re.IGNORECASE
)
RUNNING_TITLE_END = re.compile(r"\s*(?:[;(]|\.(?:\s|$)|$)")
TRAILING_JOINER = re.compile(r"(?:,|\s+(?:и|and|а также|as well as|және|мен))+\s*$", re.IGNORECASE)
# Capitalised adjective before the kind word belongs to the title («Астанинское коммюнике»).
LEADING_ADJECTIVE = re.compile(r"([«\"]?[А-ЯЁA-Z][\w-]*(?:ое|ая|ую|ий|ый|ой|ие|ые|ого|ей|ых)\s+)$")
# «Первый документ — меморандум о …», «Екінші құжат – …», «The fourth document is a …»
ORDINAL_DOCUMENT = re.compile(
    r"^\W*(?:the\s+)?(?P<ordinal>[^\W\d_]+)\s+(?:документ\w*|құжат\w*|document)\s*(?:[—–:-]+|\s(?:is|was)\b)\s*(?P<title>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
# «…, второй документ — …», «…; Второй — …», "…, and the third document is …": the next one in the sentence.
NEXT_ORDINAL = re.compile(
    r"\s*[,;]\s*(?:а\s+|and\s+)?(?:the\s+)?(?P<ordinal>[^\W\d_]+)"
    r"(?:\s+(?:документ\w*|құжат\w*|document)\s*(?:[—–:]|\s-\s|\s(?:is|was)\b)|\s*(?:[—–:]|\s-\s))\s*",
    re.IGNORECASE,
)
# «приняли решение утвердить Стратегию …, Регламент … и перечень проектов …»: three documents, no decision.
DECISION_TO = re.compile(r"решени\w*\s+(?P<verb>одобрить|утвердить|принять|подписать)\b", re.IGNORECASE)
DECISION_TO_ADOPTION = {
    "одобрить": "approved",
    "утвердить": "signed",
    "принять": "signed",
    "подписать": "signed",
}
# The title before a passive verb: «The decision on … were also approved», «Концепция … была одобрена».
PASSIVE_BEFORE = re.compile(
    r"\s+(?:(?:was|were|has been|have been|had been|is|are|been|был\w*|будет|будут)\s+)?"
    r"(?:also\s+|также\s+|unanimously\s+)?$",
    re.IGNORECASE,
)
TITLE_OPENING = 40  # a title before its verb starts the sentence: its kind word within these characters
# Where an English title ends in a running sentence: «… in the New Era by the heads of …».
# Or at a comma that opens a clause about the document: "…, outlining the priorities …", "…, which …".
EN_TITLE_TAIL = re.compile(
    r"\s+(?:by|between)\s+the\s+(?:leaders|heads|presidents)\b|,\s+(?:which|that|\w+ing|aimed|designed)\b",
    re.IGNORECASE,
)
# "… and the Silk Road 2035 transport strategy": English puts a document's name before its kind word, in a
# noun compound after «and the»; no preposition, article or verb in the past tense among its words.
EN_PREMODIFIERS = re.compile(
    r"(?:\band|,)\s+(?:the|a|an)\s+"
    r"((?:(?!(?:of|on|for|in|to|with|by|at|from|and|the|a|an)\s|\w+ed\s)[\w\"“”«»–—-]+\s+){1,6})$",
    re.IGNORECASE,
)
# In a list, a capitalised kind word right after a capitalised word starts the next document
# («Joint communique of the Ministers Memorandum on …», «… министров транспорта Соглашение о …»).
ITEM_BREAK_BEFORE = re.compile(r"(?:\b[A-ZА-ЯЁ][\w-]*|[)»\"])\s+$")
ITEM_LEAD = re.compile(r"^\W*(?:the\s+|a\s+|an\s+)?", re.IGNORECASE)
ITEM_LEAD_WORDS = 1  # words allowed before the kind word of a list line («Региональная программа …»)
# A statement «по итогам саммита», "on the outcomes of the summit", is the meeting's joint statement.
STATEMENT_WORDS = words_regex("statement_words")
OUTCOME_WORDS = words_regex("outcome_words")
# «Бірлескен мәлімдеме арқылы … мақұлданды»: by means of; matched right after the kind word.
KAZAKH_INSTRUMENT = re.compile(r"\w*\s+арқылы\b")
# «поручили … в короткий срок завершить подготовку и согласование проекта «Программы по воде»»: a planned
# document may stand far from its verb.
PLANNED_WINDOW = 160
DONE_WINDOW = 80


@cache
def _kinds(language: str) -> CodedMatcher:
    return coded_matcher(tuple((p, k) for p, k, lang in _kind_rows() if lang == language))


@cache
def _kind_rows() -> tuple[tuple[str, str, str], ...]:
    rows = []
    for line in (DICTS_DIR / "document_kinds.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, kind, lang = line.split("\t")
            rows.append((pattern.lower(), kind, lang))
    return tuple(rows)


def find_kinds(text: str, language: str) -> list[tuple[str, int, int]]:
    """Kind words in `text`, in text order («совместное заявление» before «заявление» at one place)."""
    return _kinds(language).find(text)


def find_adoptions(text: str) -> list[tuple[str, int, int]]:
    """Verbs that say a document was signed, approved or planned, with their spans, in text order; not
    those a speaker proposes ("we should at last adopt a Charter of …", «предлагаю подписать …»)."""
    return [
        hit
        for hit in _adoption_cues().find(text)
        if not NOT_ADOPTION.starts(text[hit[2] : hit[2] + NOT_ADOPTION_REACH])
        and not PROPOSED.search(text[max(0, hit[1] - PROPOSAL_REACH) : hit[1]])
    ]


# A proposal is not a document signed or planned: the verb of proposing shortly before the cue.
PROPOSED = words_regex("proposal_words", r"\b", r"\b")
PROPOSAL_REACH = 40


def _adoption_cues() -> CodedMatcher:
    return coded_matcher(load_pairs("adoption_cues"))


# «…, рассказал министр транспорта»: the minister reports the signing, he does not sign.
REPORTED_BY = words_regex("reporting_verbs", after=r"\W+(?:\w+\W+)?$")


def _delegation_signing(text: str) -> bool:
    return any(
        not REPORTED_BY.search(text[:start])
        for _, start, _ in coded_matcher(load_pairs("delegation_agents")).find(text)
    )


# ---- rules: periods ----

YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s*[-–—]\s*(20\d\d)(?!\d)")
UNTIL_YEAR = re.compile(
    r"(?:\bдо|\bпо|\buntil|\bto|[-–—])\s*(20\d\d)(?!\d)|(20\d\d)\s*жыл\w*\s+дейін", re.IGNORECASE
)
FOR_YEAR = re.compile(r"(?:\bна|\bfor)\s+(20\d\d)\s+год|(20\d\d)\s+жылға\s+арналған", re.IGNORECASE)


def parse_period(title: str) -> tuple[int | None, int | None]:
    """Years a document covers: «на 2025-2027 годы» → (2025, 2027), «Шёлковый путь – 2045» →
    (None, 2045), «до 2030 года» → (None, 2030), «на 2026 год» → (2026, 2026)."""
    if "20" not in title:  # every pattern needs a year of this century: most titles are spared three searches
        return None, None
    if m := YEAR_RANGE.search(title):
        first, last = int(m.group(1)), int(m.group(2))
        # «на 2027–2025 годы» is a slip of the pen: which year is meant cannot be told, so neither is kept
        # (a period that ends before it begins would fail the warehouse's check on every build).
        return (first, last) if first <= last else (None, None)
    if m := FOR_YEAR.search(title):
        year = int(m.group(1) or m.group(2))
        return year, year
    if m := UNTIL_YEAR.search(title):
        return None, int(m.group(1) or m.group(2))
    return None, None


# ---- titles ----


def clean_title(text: str) -> str:
    text = LIST_MARKER.sub("", text, count=1)
    text = re.sub(r"\s+", " ", text).strip(" \t*")
    text = text.rstrip(";,.: ")
    if text.count("«") > text.count("»"):
        text = text.replace("«", "", 1)
    return text[:1].upper() + text[1:]


def _kind_of_title(title: str, language: str) -> str | None:
    kinds = find_kinds(title[:60] if language != "kk" else title, language)
    if not kinds:
        return None
    return kinds[-1][0] if language == "kk" else kinds[0][0]


def _mention(
    passage: Passage, kind: str, adoption: str, title: str, language: str, rule: str
) -> AgreementMention:
    period_from, period_to = parse_period(title)
    if kind == "other" and STATEMENT_WORDS.search(title) and OUTCOME_WORDS.search(title):
        kind = "joint_statement"
    return AgreementMention(
        passage.start, passage.end, kind, adoption, title, language, period_from, period_to, rule
    )


# ---- titles that point back: «Положение о нём», "its Charter" ----


def _pronoun_agreement(part: str) -> dict[str, frozenset[str]]:
    """Pronouns of one part («нём», "its") with the grammemes their antecedent's head noun carries."""
    return {
        row[0].lower(): frozenset(row[2].split()) for row in load_rows("pronoun_objects") if row[1] == part
    }


OBJECT_PRONOUNS = _pronoun_agreement("object")
POSSESSIVES = _pronoun_agreement("possessive")
# «… Положение о нём», "… Regulations on it": a preposition and an object pronoun end the title.
PRONOUN_ENDING = re.compile(
    r"\s(?P<preposition>"
    + phrases_regex(words_where("pronoun_objects", "preposition"))
    + r")\s+(?P<pronoun>"
    + phrases_regex(OBJECT_PRONOUNS)
    + r")$",
    re.IGNORECASE,
)
# «утвердили его Устав», "adopted its Charter": a possessive right before the title.
POSSESSIVE_BEFORE = re.compile(r"(?<!\w)(?P<pronoun>" + phrases_regex(POSSESSIVES) + r")\s+$", re.IGNORECASE)
RU_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
RU_VOWEL_START = re.compile(r"^[аоуэиыАОУЭИЫ]")  # «об Ассоциации», «о Совете»
# Where what a pronoun stands for ends: a comma, a bracket, or «и» before a verb or another name.
ANTECEDENT_END = re.compile(r"\s*(?:[,;.(]|\s(?:и|а также|and|as well as)\s+(?=[А-ЯЁA-Z]|\w+(?:ли|ed)\b))")
# A name in English: an article and capitalised words, joined by «of», «on», «for», «and» («the Council of
# Water Ministers», «a Youth Forum»); a country's name has no article and is no antecedent of «it».
EN_NAME = re.compile(
    r"\b(?:the|a|an)\s+[A-Z][\w-]*(?:\s+(?:(?:of|on|for|and|in)\s+(?:the\s+)?)?[A-Z][\w-]*)*"
)
EN_NAME_HEAD = re.compile(r"^(?:the|a|an)\s+((?:[A-Z][\w-]*\s+)*?[A-Z][\w-]*)(?:\s+(?:of|on|for|and|in)\b|$)")


def resolve_pronoun(title: str, before: str, previous: str, language: str) -> str:
    """A title that names its subject by a pronoun, with the pronoun replaced by what it stands for in the
    sentence (`before` the title) or the sentence before it: «Положение о нём» after «учредили Совет
    по воде» → «Положение о Совете по воде»; "its Charter" → "Charter of the Water Council". A pronoun
    nothing resolves is dropped («Положение»), and so is then a title that is only a kind word."""
    if language == "kk":
        return KAZAKH_POSSESSIVE.sub("", title, count=1)  # «оның Ережесі»: Kazakh is not resolved
    if ending := PRONOUN_ENDING.search(title):
        pronoun = ending.group("pronoun").lower()
        name = _antecedent(before, previous, OBJECT_PRONOUNS[pronoun], "loct", language)
        if not name:
            return title[: ending.start()]
        preposition = ending.group("preposition")
        if language == "ru":
            preposition = "об" if RU_VOWEL_START.match(name) else "о"
        return f"{title[: ending.start('preposition')]}{preposition} {name}"
    if possessive := POSSESSIVE_BEFORE.search(before):
        agreement = POSSESSIVES[possessive.group("pronoun").lower()]
        name = _antecedent(before[: possessive.start()], previous, agreement, "gent", language)
        kinds = find_kinds(title, language)
        if name and kinds:
            joined = name if language == "ru" else f"of {name}"
            return f"{title[: kinds[0][2]]} {joined}{title[kinds[0][2] :]}"
    return title


KAZAKH_POSSESSIVE = re.compile(r"^(?:" + phrases_regex(POSSESSIVES) + r")\s+", re.IGNORECASE)


def _antecedent(
    before: str, previous: str, agreement: frozenset[str], case: str, language: str
) -> str | None:
    """The name a pronoun stands for, in `case`: in the same sentence before it, else in the sentence before."""
    find = _russian_antecedent if language == "ru" else _english_antecedent
    return find(before, agreement, case) or find(previous, agreement, case)


def _english_antecedent(text: str, agreement: frozenset[str], _case: str) -> str | None:
    """The first name with an article after the sentence's first word: "The leaders set up the Water Council
    and …" → "the Water Council"; "it" takes a singular head, "them" a plural one."""
    for name in EN_NAME.finditer(text, 1):
        head = EN_NAME_HEAD.match(name.group())
        if head and head.group(1).endswith("s") == ("plur" in agreement):
            return re.sub(r"^an?\s", "the ", " ".join(name.group().split()), flags=re.IGNORECASE)
    return None


def _russian_antecedent(text: str, agreement: frozenset[str], case: str) -> str | None:
    """The first name after the sentence's first verb whose head noun agrees with the pronoun, put in
    `case`: a capitalised noun, or capitalised adjectives and their noun («Единого фонда»), with the words
    that follow it to the end of its clause («по водным ресурсам»)."""
    words = list(RU_WORD.finditer(text))
    verb = next((n for n, w in enumerate(words) if _is_verb(w.group())), 0)
    for n in range(verb + 1, len(words)):
        if not words[n].group()[0].isupper():
            continue
        phrase = _agreeing_phrase(words, n, agreement)
        if phrase is None:
            continue
        head_end = words[n + len(phrase) - 1].end()
        clause_end = ANTECEDENT_END.search(text, head_end)
        tail = text[head_end : clause_end.start() if clause_end else len(text)]
        inflected = inflect_phrase(phrase, "plur" if "plur" in agreement else "sing", case)
        if inflected:
            return " ".join([*inflected, *tail.split()])  # a line break inside a name is a space
    return None


def _is_verb(word: str) -> bool:
    return any(p.tag.POS in ("VERB", "INFN") for p in parses(word.lower())[:1])


def _agreeing_phrase(
    words: list[re.Match[str]], first: int, agreement: frozenset[str]
) -> list[tuple[str, Any]] | None:
    """Adjectives from `words[first]` up to a noun that agrees with the pronoun: [(word, parse), …]."""
    phrase: list[tuple[str, Any]] = []
    for m in words[first : first + 4]:
        word = m.group()
        nouns = [p for p in parses(word.lower()) if p.tag.POS == "NOUN" and _agrees(p, agreement)]
        if nouns:
            return [*phrase, (word, nouns[0])]
        adjectives = [p for p in parses(word.lower()) if p.tag.POS in ("ADJF", "PRTF")]
        if not adjectives:
            return None
        phrase.append((word, adjectives))
    return None


def _agrees(noun: Any, agreement: frozenset[str]) -> bool:
    number = "plur" if "plur" in agreement else "sing"
    return noun.tag.number == number and (number == "plur" or noun.tag.gender in agreement)


def is_bare_kind(title: str, language: str) -> bool:
    """A title that is only a kind word («Меморандум», "the Memorandum", «Келісімге»)."""
    kinds = find_kinds(title, language)
    if not kinds:
        return False
    rest = title[: kinds[0][1]] + title[kinds[0][2] :]
    return not re.sub(r"\b(?:the|a|an)\b|\W", "", rest, flags=re.IGNORECASE)


def _is_titled(title: str, kind: str, language: str) -> bool:
    """Whether `title` names one document: not a bare kind word, as two memoranda could not be told apart.
    A meeting has one joint statement, so «подписали совместное заявление» names it."""
    return bool(title) and (kind == "joint_statement" or not is_bare_kind(title, language))


# ---- running sentences ----


def _title_start(text: str, kind_start: int, language: str) -> int:
    """Where a title starts: at its kind word, or at the capitalised adjective (and quote) before it, or at
    the English words that name it before its kind word."""
    if language == "en" and (compound := EN_PREMODIFIERS.search(text, 0, kind_start)):
        return compound.start(1)
    adjective = LEADING_ADJECTIVE.search(text[:kind_start])
    start = adjective.start() if adjective else kind_start
    return start - 1 if start > 0 and text[start - 1] == "«" else start


def _running_titles(
    text: str, after: int, before: int, before_end: int, language: str
) -> list[tuple[str, str, int]]:
    """(kind, title, where it starts) of documents whose names start between positions `after` and `before` and end
    by `before_end` (where the next verb starts) in a Russian or English sentence."""
    kinds = [k for k in find_kinds(text, language) if after <= k[1] < before_end]
    if kinds and kinds[0][1] > before:  # the first document starts near its verb; the others follow it
        kinds = []
    title_starts = [_title_start(text, start, language) for _, start, _ in kinds]
    found: list[tuple[str, str, int, int]] = []
    for n, (kind, start, _) in enumerate(kinds):
        title_start = title_starts[n]
        if n > 0 and not (found and ENUMERATION_BEFORE.search(text[found[-1][3] : title_start])):
            continue
        if n > 0 and found and start < found[-1][3]:
            continue
        end_match = RUNNING_TITLE_END.search(text, start + 1, before_end)
        title_end = end_match.start() if end_match else before_end
        title_end = _next_clause(text, start, title_end, language) or title_end
        for nxt in title_starts[n + 1 :]:
            if nxt < title_end and (joiner := ENUMERATION_BEFORE.search(text, start, nxt)):
                title_end = joiner.start()
                break
        if language == "en" and (tail := EN_TITLE_TAIL.search(text, start, title_end)):
            title_end = tail.start()
        title = TRAILING_JOINER.sub("", text[title_start:title_end])
        found.append((kind, title, title_start, title_end))
    return [(kind, title, title_start) for kind, title, title_start, _ in found]


# «… одобрили План действий по развитию туризма и обсудили экологию»: «и» and a verb start the next clause.
CLAUSE_JOIN = re.compile(r",?\s+(?:и|а также|а|and|as well as)\s+([^\W\d_]+)", re.IGNORECASE)
EN_CLAUSE_VERB = re.compile(
    r"(?:discuss|agree|note|call|express|exchang|welcom|stress|emphasi[sz]|underlin|decid)\w*ed$",
    re.IGNORECASE,
)


def _next_clause(text: str, start: int, end: int, language: str) -> int | None:
    """Where a clause with a verb of its own starts inside what looked like a title, if it does."""
    for m in CLAUSE_JOIN.finditer(text, start, end):
        word = m.group(1)
        is_verb = (
            EN_CLAUSE_VERB.match(word)
            if language == "en"
            else language == "ru" and any(p.tag.POS == "VERB" for p in parses(word.lower())[:1])
        )
        if is_verb:
            return m.start()
    return None


def _kazakh_titles(text: str, cue: str) -> list[tuple[str, str, int]]:
    """(kind, title, where it starts) of documents in a Kazakh sentence, where the kind word ends the title:
    «Жасыл экономика тұжырымдамасы мен көлік дәліздерін дамыту жоспары бар»."""
    opener = KAZAKH_LIST_OPENERS.search(text)
    cursor = opener.end() if opener else _after_subject(text, cue)
    found = []
    for kind, start, end in find_kinds(text, "kk"):
        if start < cursor:
            continue
        if instrument := KAZAKH_INSTRUMENT.match(text, end):
            cursor = instrument.end()  # «… арқылы»: the instrument by which the documents were adopted
            continue
        if QUANTIFIER_BEFORE.search(text, 0, start):
            cursor = end  # «бірқатар шешімдер»: decisions, not one named document
            continue
        title_start = _kazakh_title_start(text, cursor, start)
        found.append((kind, text[title_start:end], title_start))
        cursor = end
    return found


# «бірқатар (маңызды) шешімдер»: a quantifier up to two words before the kind word
QUANTIFIER_BEFORE = words_regex("quantifiers", after=r"\s+(?:[\w-]+\s+){0,2}$")
KAZAKH_JOINER = re.compile(r"\s*(?:,|\bмен\b|\bжәне\b)\s*", re.IGNORECASE)
# The subject of an active verb («Мемлекет басшылары … қол қойды»); a passive one («қол қойылды») has none.
SIGNING_SUBJECT = re.compile(
    r"(?<!\w)(?:" + phrases_regex(words_where("signing_subjects", "kk")) + r")(?!\w)\s*", re.IGNORECASE
)
KAZAKH_PASSIVE = re.compile(r"[лн][ае]?д[ыі]$")  # «қойылды», «мақұлданды», «қойылады»; not «қабылдады»


def _after_subject(text: str, cue: str) -> int:
    """Where the object of an active Kazakh verb may start: after its subject, if one is named."""
    if KAZAKH_PASSIVE.search(cue):
        return 0
    subject = SIGNING_SUBJECT.search(text)
    return subject.end() if subject else 0


def _kazakh_title_start(text: str, cursor: int, kind_start: int) -> int:
    """A Kazakh title runs back from its kind word to the last comma before it («…, X тұжырымдамасы»), and
    not over a joiner that links it to the document before («… мен X жоспары»)."""
    start = cursor
    comma = text.rfind(", ", cursor, kind_start)
    if comma >= 0:
        start = comma + 2
    joiner = KAZAKH_JOINER.match(text, start)
    return joiner.end() if joiner else start


def _titles_before_passive(text: str, cue_start: int, language: str) -> list[tuple[str, str, int]]:
    """«The decision on X were also approved»: the title opens the sentence and ends at the verb."""
    verb = PASSIVE_BEFORE.search(text, 0, cue_start)
    end = verb.start() if verb else cue_start
    titles = _running_titles(text, 0, TITLE_OPENING, end, language) if end > 0 else []
    # The subject of a passive verb is in the nominative; «Совместным заявлением … были одобрены» names the
    # instrument, not what was approved.
    return [title for title in titles if language != "ru" or to_nominative(title[1]) == title[1]]


def _documents_in_sentence(
    passage: Passage, previous: str, language: str, cues: list[tuple[str, int, int]]
) -> list[AgreementMention]:
    """Documents named in a sentence with the verbs `cues`; `previous` is the sentence before it, where a
    pronoun in a title may point («Создан Совет по воде. Утверждено Положение о нём.»)."""
    mentions: list[AgreementMention] = []
    for n, (adoption, cue_start, cue_end) in enumerate(cues):
        rule = "sentence"
        if language == "kk":
            titles = _kazakh_titles(passage.text, passage.text[cue_start:cue_end]) if n == 0 else []
        else:
            window = PLANNED_WINDOW if adoption == "planned" else DONE_WINDOW
            limit = cues[n + 1][1] if n + 1 < len(cues) else len(passage.text)
            titles = _running_titles(passage.text, cue_end, min(cue_end + window, limit), limit, language)
            if not titles and n == 0:
                titles = _titles_before_passive(passage.text, cues[0][1], language)
                rule = "passive"
        for kind, raw_title, start in titles:
            title = clean_title(raw_title)
            if language == "ru":
                title = to_nominative(title)
            title = resolve_pronoun(title, passage.text[:start], previous, language)
            if _is_titled(title, kind, language):
                mentions.append(_mention(passage, kind, adoption, title, language, rule))
    return mentions


def _adoptions_of(passage: Passage) -> list[tuple[str, int, int]]:
    found = find_adoptions(passage.text)
    if not found:
        return []
    found = _decisions_to_adopt(passage.text, found)
    delegation = _delegation_signing(passage.text)
    return [
        ("signed_by_delegations" if adoption == "signed" and delegation else adoption, start, end)
        for adoption, start, end in found
    ]


def _decisions_to_adopt(text: str, cues: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """«приняли решение одобрить X, Y и Z»: the infinitive is the cue for X, Y and Z, and the «решение»
    before it is no document of its own."""
    for m in DECISION_TO.finditer(text):
        verb = (DECISION_TO_ADOPTION[m.group("verb").lower()], m.start("verb"), m.end("verb"))
        cues = [c for c in cues if not (c[2] <= m.start() and not text[c[2] : m.start()].strip())] + [verb]
    return sorted(cues, key=lambda c: c[1])


# ---- the extractor ----


def _kind_opens(text: str, language: str) -> bool:
    """Whether a line starts with a kind of document, after an article and at most two words
    («Региональная программа …», «The Joint statement …»)."""
    lead = ITEM_LEAD.match(text).end()  # type: ignore[union-attr]  # it matches the empty string too
    kinds = find_kinds(text[: lead + 80], language)
    return bool(kinds) and len(text[lead : kinds[0][1]].split()) <= ITEM_LEAD_WORDS


def _is_list_line(passage: Passage, language: str) -> bool:
    """A line of a list written without markers, under a header ending with a colon: it names a kind of
    document first, or ends with «;»."""
    text = passage.text.strip()
    if passage.kind == "list_item":
        return True
    if passage.ends_with_colon or find_adoptions(text):  # the header of the next list, or a sentence
        return False
    return _kind_opens(text, language) or text.endswith(";")


ITEM_SEPARATOR = re.compile(r";\s+")


def _split_items(text: str, language: str) -> list[str]:
    """One list line may hold several documents, apart by «;» or run together where the punctuation was lost
    («Joint communique of the Ministers Memorandum on …»); Kazakh titles end with their kind word."""
    if ITEM_SEPARATOR.search(text.rstrip(" ;.")):
        return [item for part in ITEM_SEPARATOR.split(text) for item in _split_items(part, language)]
    if language == "kk":
        return [text]
    cuts = [
        start
        for _, start, _ in find_kinds(text, language)
        if start > 0 and text[start].isupper() and ITEM_BREAK_BEFORE.search(text[:start])
    ]
    adjectives = [LEADING_ADJECTIVE.search(text[:cut]) for cut in cuts]
    cuts = [a.start() if a else cut for a, cut in zip(adjectives, cuts, strict=True)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip(" .;,")]


def _listed(passage: Passage, adoption: str, language: str) -> Iterator[AgreementMention]:
    for item in _split_items(passage.text, language):
        title = clean_title(ITEM_LEAD.sub("", LIST_MARKER.sub("", item, count=1), count=1))
        own = find_adoptions(title[:12])  # «Approved Roadmap …» in a list of signed documents
        if own and own[0][1] == 0:
            adoption, title = own[0][0], clean_title(title[own[0][2] :])
        if title and language == "ru":
            title = to_nominative(title)  # «главы государств приняли: Концепцию …»
        kind = _kind_of_title(title, language) or "other"
        if _is_titled(title, kind, language):
            yield _mention(passage, kind, adoption, title, language, "list")


def _ordinal_documents(passage: Passage, adoption: str, language: str) -> list[AgreementMention]:
    """«Второй документ — меморандум о туризме» after a sentence saying that the documents were adopted;
    one sentence may name several («Первый документ — X, второй — Y, Третий документ — Z»)."""
    m = ORDINAL_DOCUMENT.match(passage.text)
    if not m or not lookup_stem(m.group("ordinal"), "ordinals"):
        return []
    starts = [m.start("title")]
    ends = []
    for nxt in NEXT_ORDINAL.finditer(passage.text, m.start("title")):
        if lookup_stem(nxt.group("ordinal"), "ordinals"):
            ends.append(nxt.start())
            starts.append(nxt.end())
    ends.append(len(passage.text))
    mentions = []
    for start, end in zip(starts, ends, strict=True):
        title = clean_title(ITEM_LEAD.sub("", passage.text[start:end], count=1))  # "… is a charter of …"
        if language == "ru":
            title = to_nominative(title)
        kind = _kind_of_title(title, language) or "other"
        if _is_titled(title, kind, language):
            mentions.append(_mention(passage, kind, adoption, title, language, "ordinal"))
    return mentions


def _without_headline_repeats(mentions: list[AgreementMention], headline_end: int) -> list[AgreementMention]:
    """A headline names a document the body names too («Подписан договор …» over «… подписали договор о
    дружбе …»): keep the body's, which has the whole title."""
    body_kinds = {m.kind for m in mentions if m.start >= headline_end}
    return [m for m in mentions if m.start >= headline_end or m.kind not in body_kinds]


def extract_agreements(document: Document, gazetteer: Gazetteer) -> Iterator[AgreementMention]:
    """Every document the text says was signed, approved or is to be prepared."""
    mentions = list(_agreement_mentions(document))
    headline_end = document.passages[0].end if document.passages else 0
    yield from _without_headline_repeats(mentions, headline_end)


def _agreement_mentions(document: Document) -> Iterator[AgreementMention]:
    language = document.language
    list_adoption: str | None = None  # set by a header ending with a colon, for the list under it
    pending: str | None = None  # a header cut in two («… были одобрены» / «следующие документы:»)
    carried: str | None = None  # «… құжаттарға қол қойылды. Олардың қатарында …»
    documents_adopted: str | None = (
        None  # «… приняты пять документов»: the adoption of the documents named later
    )
    with_cues = document.passages_matching(_adoption_cues())
    with_nouns = document.passages_matching(DOCUMENT_NOUNS)
    for n, passage in enumerate(document.passages):
        if list_adoption and _is_list_line(passage, language):
            yield from _listed(passage, list_adoption, language)
            continue
        cues = _adoptions_of(passage) if n in with_cues else []
        mentions_documents = n in with_nouns and bool(DOCUMENT_NOUNS.find(passage.text))
        if (
            documents_adopted
            and not cues
            and (ordinals := _ordinal_documents(passage, documents_adopted, language))
        ):
            yield from ordinals
            continue
        if passage.ends_with_colon:
            list_adoption = (
                cues[-1][0]
                if cues
                else (
                    pending
                    or (
                        documents_adopted
                        if mentions_documents or LIST_FOLLOW_UP.search(passage.text)
                        else None
                    )
                )
            )
            pending = None
            if list_adoption:
                continue
        else:
            list_adoption = None
        if not cues and carried and LIST_FOLLOW_UP.match(passage.text):
            cues = [(carried, 0, 0)]
        carried = None
        if not cues:
            if passage.text.rstrip(" *").endswith("."):
                pending = None
            continue
        previous = document.passages[n - 1].text if n else ""
        mentions = _documents_in_sentence(passage, previous, language, cues)
        yield from mentions
        ends_sentence = passage.text.rstrip(" *").endswith(".")
        if mentions_documents:
            documents_adopted = cues[0][0]
        if not mentions:
            carried = cues[0][0] if ends_sentence and mentions_documents else None
            pending = None if ends_sentence else cues[0][0]
