"""Documents signed, approved or planned at a meeting: numbered lists under a header that says what
happened to them («президентами подписаны следующие документы:», «Совместным заявлением …
одобрены следующие документы:»), and running sentences («Главы государств поручили … подготовить
к подписанию Договор о дружбе …», «… Жол картасы бар» after «құжаттарға қол қойылды»)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from etl.dicts import DICTS_DIR, load_pairs
from etl.document import LIST_MARKER, Document, Passage
from etl.patterns import CodedMatcher, coded_matcher
from etl.reference import Gazetteer
from etl.russian import to_nominative


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
    from_list: bool  # listed under an explicit header (more reliable than a running sentence)


# ---- rules: kinds and cues ----

DOCUMENT_NOUNS = coded_matcher((("документ*", "documents"), ("құжат*", "documents"), ("document*", "documents")))
NOT_ADOPTION = re.compile(r"^\s*(?:участи|в\s+работе|part\b)", re.IGNORECASE)  # «приняли участие»
KAZAKH_LIST_OPENERS = re.compile(r"(?:қатарында|атап айтқанда|арасында|:)\s*", re.IGNORECASE)
# A sentence that names the documents of the sentence before it («… құжаттарға қол қойылды. Олардың
# қатарында …», «… подписан ряд документов. Среди них …»).
LIST_FOLLOW_UP = re.compile(r"^\W*(?:олардың|олар|среди них|в их числе|в том числе|among them|these include|they include)",
                            re.IGNORECASE)
ENUMERATION_BEFORE = re.compile(r"(?:,|\bи|\bа также|\band|\bмен|\bжәне)\s*[«\"]?\s*$", re.IGNORECASE)
RUNNING_TITLE_END = re.compile(r"\s*(?:[;(]|\.(?:\s|$)|$)")
TRAILING_JOINER = re.compile(r"(?:,|\s+(?:и|and|а также|as well as|және|мен))+\s*$", re.IGNORECASE)
# Capitalised adjective before the kind word belongs to the title («Астанинское коммюнике»).
LEADING_ADJECTIVE = re.compile(r"([«\"]?[А-ЯЁA-Z][\w-]*(?:ое|ая|ий|ый|ое|ие|ые|ская|ское|ский)\s+)$")
PLANNED_WINDOW = 160  # «поручили … завершить в ближайшее время работу по согласованию проекта «Дорожной карты»»
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
    """Verbs that say a document was signed, approved or planned, with their spans, in text order."""
    return [hit for hit in _adoption_cues().find(text) if not NOT_ADOPTION.match(text[hit[2]:])]


def _adoption_cues() -> CodedMatcher:
    return coded_matcher(load_pairs("adoption_cues"))


def _delegation_signing(text: str) -> bool:
    return bool(coded_matcher(load_pairs("delegation_agents")).find(text))


# ---- rules: periods ----

YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s*[-–—]\s*(20\d\d)(?!\d)")
UNTIL_YEAR = re.compile(r"(?:\bдо|\bпо|\buntil|\bto|[-–—])\s*(20\d\d)(?!\d)|(20\d\d)\s*жыл\w*\s+дейін", re.IGNORECASE)
FOR_YEAR = re.compile(r"(?:\bна|\bfor)\s+(20\d\d)\s+год|(20\d\d)\s+жылға\s+арналған", re.IGNORECASE)


def parse_period(title: str) -> tuple[int | None, int | None]:
    """Years a document covers: «на 2025-2027 годы» → (2025, 2027), «Центральная Азия – 2040» →
    (None, 2040), «до 2030 года» → (None, 2030), «на 2026 год» → (2026, 2026)."""
    if m := YEAR_RANGE.search(title):
        return int(m.group(1)), int(m.group(2))
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


def _mention(passage: Passage, kind: str, adoption: str, title: str, language: str, from_list: bool) -> AgreementMention:
    period_from, period_to = parse_period(title)
    return AgreementMention(passage.start, passage.end, kind, adoption, title, language,
                            period_from, period_to, from_list)


# ---- running sentences ----


def _running_titles(text: str, after: int, before: int, before_end: int, language: str) -> list[tuple[str, str]]:
    """(kind, title) of documents whose names start between positions `after` and `before` and end
    by `before_end` (where the next verb starts) in a Russian or English sentence."""
    kinds = [k for k in find_kinds(text, language) if after <= k[1] <= before]
    found = []
    for n, (kind, start, _) in enumerate(kinds):
        if n > 0 and not ENUMERATION_BEFORE.search(text[kinds[n - 1][2]:start]):
            continue
        if n > 0 and found and start < found[-1][2]:
            continue
        adjective = LEADING_ADJECTIVE.search(text[:start])
        title_start = adjective.start() if adjective else start
        if title_start > 0 and text[title_start - 1] == "«":
            title_start -= 1
        end_match = RUNNING_TITLE_END.search(text, start + 1, before_end)
        title_end = end_match.start() if end_match else before_end
        next_starts = [k[1] for k in kinds[n + 1:] if ENUMERATION_BEFORE.search(text[start:k[1]])
                       and k[1] < title_end]
        for nxt in next_starts:
            joiner = ENUMERATION_BEFORE.search(text[:nxt])
            title_end = joiner.start() if joiner else nxt
            break
        title = TRAILING_JOINER.sub("", text[title_start:title_end])
        found.append((kind, title, title_end))
    return [(kind, title) for kind, title, _ in found]


def _kazakh_titles(text: str) -> list[tuple[str, str]]:
    """(kind, title) of documents in a Kazakh sentence, where the kind word ends the title:
    «“Орталық Азия – 2040” аймақтық кооперацияны дамыту тұжырымдамасы мен … Жол картасы бар»."""
    opener = KAZAKH_LIST_OPENERS.search(text)
    cursor = opener.end() if opener else 0
    found = []
    for kind, start, end in find_kinds(text, "kk"):
        if start < cursor:
            continue
        title = re.sub(r"^\s*(?:мен|және|,)\s+", "", text[cursor:end])
        title = title.split(", ")[-1]  # «…, X тұжырымдамасы»: the title starts after the last comma
        found.append((kind, title))
        cursor = end
    return found


PRONOUN_OBJECT = re.compile(r"\s(?:о|об|к)\s+(?:нём|нем|ней|них)$")


def _documents_in_sentence(passage: Passage, language: str, cues: list[tuple[str, int, int]]) -> list[AgreementMention]:
    mentions: list[AgreementMention] = []
    for n, (adoption, _, cue_end) in enumerate(cues):
        if language == "kk":
            titles = _kazakh_titles(passage.text) if n == 0 else []
        else:
            window = PLANNED_WINDOW if adoption == "planned" else DONE_WINDOW
            limit = cues[n + 1][1] if n + 1 < len(cues) else len(passage.text)
            titles = _running_titles(passage.text, cue_end, min(cue_end + window, limit), limit, language)
        for kind, raw_title in titles:
            title = clean_title(raw_title)
            if language == "ru":
                title = to_nominative(title)
            if PRONOUN_OBJECT.search(title) and mentions:
                # «… приняли решение об X и одобрили Положение о нём»: say what «нём» stands for.
                title = f"{title} ({mentions[-1].title})"
            mentions.append(_mention(passage, kind, adoption, title, language, from_list=False))
    return mentions


def _adoptions_of(passage: Passage) -> list[tuple[str, int, int]]:
    found = find_adoptions(passage.text)
    if not found:
        return []
    delegation = _delegation_signing(passage.text)
    return [("signed_by_delegations" if adoption == "signed" and delegation else adoption, start, end)
            for adoption, start, end in found]


# ---- the extractor ----


def extract_agreements(document: Document, gazetteer: Gazetteer) -> Iterator[AgreementMention]:
    """Every document the text says was signed, approved or is to be prepared."""
    language = document.language
    list_adoption: str | None = None  # set by a header ending with a colon, for the list under it
    pending: str | None = None  # a header cut in two («… были одобрены» / «следующие документы:»)
    carried: str | None = None  # «… құжаттарға қол қойылды. Олардың қатарында …»
    with_cues = _adoption_cues().passages_to_search(document)
    with_nouns = DOCUMENT_NOUNS.passages_to_search(document)
    for n, passage in enumerate(document.passages):
        if passage.kind == "list_item" and list_adoption:
            title = clean_title(passage.text)
            kind = _kind_of_title(title, language) or "other"
            yield _mention(passage, kind, list_adoption, title, language, from_list=True)
            continue
        cues = _adoptions_of(passage) if n in with_cues else []
        mentions_documents = n in with_nouns and bool(DOCUMENT_NOUNS.find(passage.text))
        if passage.ends_with_colon:
            list_adoption = cues[0][0] if cues and mentions_documents else (pending if mentions_documents else None)
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
        if not mentions:
            carried = cues[0][0] if ends_sentence and mentions_documents else None
            pending = None if ends_sentence else cues[0][0]
