"""Documents signed, approved or planned at a meeting: numbered lists under a header that says what
happened to them («президентами подписаны следующие документы:», «Совместным заявлением …
одобрены следующие документы:»), and running sentences («Главы государств поручили … подготовить
к подписанию Договор о дружбе …», «… Жол картасы бар» after «құжаттарға қол қойылды»)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from etl.dicts import DICTS_DIR, load_pairs, load_words, lookup_stem, words_where
from etl.document import LIST_MARKER, Document, Passage
from etl.patterns import CodedMatcher, coded_matcher, phrases_regex, words_regex
from etl.reference import Gazetteer
from etl.russian import parses, to_nominative


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
# «Первый документ — совместное заявление …», «Екінші құжат – …», «The third document is the …»
ORDINAL_DOCUMENT = re.compile(
    r"^\W*(?:the\s+)?(?P<ordinal>[^\W\d_]+)\s+(?:документ\w*|құжат\w*|document)\s*(?:[—–:-]+|\s(?:is|was)\b)\s*(?P<title>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
# «приняли решение одобрить Концепцию …, Программу … и дорожную карту …»: three documents approved, no decision.
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
# Where an English title ends in a running sentence: «… in the 21st Century by the leaders of …».
EN_TITLE_TAIL = re.compile(r"\s+(?:by|between)\s+the\s+(?:leaders|heads|presidents)\b", re.IGNORECASE)
# In a list, a capitalised kind word right after a capitalised word starts the next document
# («Joint statement of the Heads of State Agreement on …», «… глав государств ЦА Соглашение о …»).
ITEM_BREAK_BEFORE = re.compile(r"(?:\b[A-ZА-ЯЁ][\w-]*|[)»\"])\s+$")
ITEM_LEAD = re.compile(r"^\W*(?:the\s+|a\s+|an\s+)?", re.IGNORECASE)
ITEM_LEAD_WORDS = 1  # words allowed before the kind word of a list line («Региональная программа …»)
# A statement "on the results of the meeting" is the meeting's joint statement.
STATEMENT_WORDS = words_regex("statement_words")
OUTCOME_WORDS = words_regex("outcome_words")
KAZAKH_INSTRUMENT = re.compile(r"^\S*\s+арқылы\b")  # «Бірлескен мәлімдеме арқылы … мақұлданды»: by means of
PLANNED_WINDOW = (
    160  # «поручили … завершить в ближайшее время работу по согласованию проекта «Дорожной карты»»
)
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
    those a speaker proposes («it is high time for the adoption of …», «предлагаю подписать …»)."""
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


# «…, сообщил министр иностранных дел»: the minister reports the signing, he does not sign.
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
    """Years a document covers: «на 2025-2027 годы» → (2025, 2027), «Центральная Азия – 2040» →
    (None, 2040), «до 2030 года» → (None, 2030), «на 2026 год» → (2026, 2026)."""
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


# ---- running sentences ----


def _title_start(text: str, kind_start: int) -> int:
    """Where a title starts: at its kind word, or at the capitalised adjective (and quote) before it."""
    adjective = LEADING_ADJECTIVE.search(text[:kind_start])
    start = adjective.start() if adjective else kind_start
    return start - 1 if start > 0 and text[start - 1] == "«" else start


def _running_titles(
    text: str, after: int, before: int, before_end: int, language: str
) -> list[tuple[str, str]]:
    """(kind, title) of documents whose names start between positions `after` and `before` and end
    by `before_end` (where the next verb starts) in a Russian or English sentence."""
    kinds = [k for k in find_kinds(text, language) if after <= k[1] < before_end]
    if kinds and kinds[0][1] > before:  # the first document starts near its verb; the others follow it
        kinds = []
    title_starts = [_title_start(text, start) for _, start, _ in kinds]
    found: list[tuple[str, str, int]] = []
    for n, (kind, start, _) in enumerate(kinds):
        title_start = title_starts[n]
        if n > 0 and not (found and ENUMERATION_BEFORE.search(text[found[-1][2] : title_start])):
            continue
        if n > 0 and found and start < found[-1][2]:
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
        found.append((kind, title, title_end))
    return [(kind, title) for kind, title, _ in found]


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


def _kazakh_titles(text: str) -> list[tuple[str, str]]:
    """(kind, title) of documents in a Kazakh sentence, where the kind word ends the title:
    «“Орталық Азия – 2040” аймақтық кооперацияны дамыту тұжырымдамасы мен … Жол картасы бар»."""
    opener = KAZAKH_LIST_OPENERS.search(text)
    cursor = opener.end() if opener else 0
    found = []
    for kind, start, end in find_kinds(text, "kk"):
        if start < cursor:
            continue
        if KAZAKH_INSTRUMENT.match(text[start:]) or QUANTIFIER_BEFORE.search(text, 0, start):
            cursor = end  # «… арқылы»: the instrument; «бірқатар шешімдер»: decisions, not one named document
            continue
        title = re.sub(r"^\s*(?:мен|және|,)\s+", "", text[cursor:end])
        title = title.split(", ")[-1]  # «…, X тұжырымдамасы»: the title starts after the last comma
        found.append((kind, title))
        cursor = end
    return found


QUANTIFIER_BEFORE = words_regex("quantifiers", after=r"\s+$")
PRONOUN_OBJECT = re.compile(
    r"\s(?:"
    + phrases_regex(words_where("pronoun_objects", "preposition"))
    + r")\s+(?:"
    + phrases_regex(words_where("pronoun_objects", "pronoun"))
    + ")$"
)


def _titles_before_passive(text: str, cue_start: int, language: str) -> list[tuple[str, str]]:
    """«The decision on X were also approved»: the title opens the sentence and ends at the verb."""
    verb = PASSIVE_BEFORE.search(text, 0, cue_start)
    end = verb.start() if verb else cue_start
    titles = _running_titles(text, 0, TITLE_OPENING, end, language) if end > 0 else []
    # The subject of a passive verb is in the nominative; «Совместным заявлением … были одобрены» names the
    # instrument, not what was approved.
    return [(kind, title) for kind, title in titles if language != "ru" or to_nominative(title) == title]


def _documents_in_sentence(
    passage: Passage, language: str, cues: list[tuple[str, int, int]]
) -> list[AgreementMention]:
    mentions: list[AgreementMention] = []
    for n, (adoption, _, cue_end) in enumerate(cues):
        rule = "sentence"
        if language == "kk":
            titles = _kazakh_titles(passage.text) if n == 0 else []
        else:
            window = PLANNED_WINDOW if adoption == "planned" else DONE_WINDOW
            limit = cues[n + 1][1] if n + 1 < len(cues) else len(passage.text)
            titles = _running_titles(passage.text, cue_end, min(cue_end + window, limit), limit, language)
            if not titles and n == 0:
                titles = _titles_before_passive(passage.text, cues[0][1], language)
                rule = "passive"
        for kind, raw_title in titles:
            title = clean_title(raw_title)
            if language == "ru":
                title = to_nominative(title)
            if PRONOUN_OBJECT.search(title) and mentions:
                # «… приняли решение об X и одобрили Положение о нём»: say what «нём» stands for.
                title = f"{title} ({mentions[-1].title})"
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
    («Joint statement of the Heads of State Agreement on …»); Kazakh titles end with their kind word."""
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
        if title:
            kind = _kind_of_title(title, language) or "other"
            yield _mention(passage, kind, adoption, title, language, "list")


def _ordinal_document(passage: Passage, adoption: str, language: str) -> AgreementMention | None:
    """«Второй документ — соглашение об …» after a sentence saying that the documents were adopted."""
    m = ORDINAL_DOCUMENT.match(passage.text)
    if not m or not lookup_stem(m.group("ordinal"), "ordinals"):
        return None
    title = clean_title(m.group("title"))
    if language == "ru":
        title = to_nominative(title)
    kind = _kind_of_title(title, language) or "other"
    return _mention(passage, kind, adoption, title, language, "ordinal")


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
            and (ordinal := _ordinal_document(passage, documents_adopted, language))
        ):
            yield ordinal
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
        mentions = _documents_in_sentence(passage, language, cues)
        yield from mentions
        ends_sentence = passage.text.rstrip(" *").endswith(".")
        if mentions_documents:
            documents_adopted = cues[0][0]
        if not mentions:
            carried = cues[0][0] if ends_sentence and mentions_documents else None
            pending = None if ends_sentence else cues[0][0]
