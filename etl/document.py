"""The plain-text document every reader returns, and its passages (sentences, list items, headings).

A passage is a slice of the document's text: its `text` is `document.text[start:end]`, so every
quote the extractors keep can be found verbatim in the source."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from etl.dicts import load_words, words_where
from etl.patterns import CodedMatcher, Gate, passages_with_gate

# ---- line shapes ----

LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)](?=\s|[^\W\d_])|[-•*–—](?=\s)|[а-яa-z]\)(?=\s))")
MARKDOWN_HEADING = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*].*\*\*\s*$)")
TERMINAL = ".!?;:…"
CLOSERS = "»\"”)*' "
LOWER_START = re.compile(r"^\s*[«\"(]?[^\W\d_]", re.UNICODE)
HEADING_MAX_CHARS = 200
# A «# …» line longer than any headline is a text run together on one line, read as sentences: as one heading
# it was cut into 3,000-character passages that no rule could read (5 MB on one line: twice the time per MB).
MARKDOWN_HEADING_MAX_CHARS = 1_000
LEAD_PASSAGES = 3

# ---- sentence boundaries ----

SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"„(]?[^\W\d_a-zа-яёәғқңөұүһі]|[«\"„]?\d)")
LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
LAST_WORD_REACH = 40  # characters looked back for it: longer than any abbreviation
# After an abbreviation a full stop ends no sentence («г. Ташкент» is «the city of Tashkent»), unless it may end
# one (a unit or a year: «… составил $4 млрд. Товарооборот …», «в 2024 г. Президент») and a capital follows.
ABBREVIATIONS = frozenset(load_words("abbreviations"))
SENTENCE_FINAL_ABBREVIATIONS = frozenset(words_where("abbreviations", "final"))
YEAR_BEFORE = re.compile(r"\d{4}\s*$")
CURRENCY_AFTER = re.compile(r"(?:США|АҚШ|USD|US|EUR|долл)\b")  # «1,5 млрд. долл. США»: the amount goes on
STARTS_SENTENCE = re.compile(r"[«\"„(]?[^\W\d_a-zа-яёәғқңөұүһі]")


class Passage(NamedTuple):  # a tuple: a text has hundreds, made in one pass
    start: int
    end: int
    kind: str  # heading | list_item | sentence
    text: str
    block: int  # index of the paragraph (or list item) it belongs to

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip(" *").endswith(":")


@dataclass
class Document:
    file_name: str
    text: str
    language: str
    sha256: str
    encoding: str | None = "utf-8"  # None for binary formats (PDF, DOCX)
    format: str = "txt"  # txt, md, html, pdf, docx
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_on: date | None = None
    passages: list[Passage] = field(default_factory=list)
    lead_end: int = 0  # where the title and lead (the first passages) end: they name the meeting best

    def set_passages(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.lead_end = passages[min(LEAD_PASSAGES, len(passages)) - 1].end if passages else 0

    def passages_at(self, offsets: Iterable[int]) -> set[int]:
        """Indices of the passages that hold any of `offsets` (offsets between passages hold none)."""
        starts = [p.start for p in self.passages]
        found = set()
        for offset in offsets:
            n = bisect_right(starts, offset) - 1
            if n >= 0 and offset < self.passages[n].end:
                found.add(n)
        return found

    def passages_matching(self, finder: CodedMatcher | Gate | None) -> Container[int]:
        """Indices of the passages that may hold a word `finder` looks for (its gate finds one), found in one
        pass in C; every passage when it cannot tell. The one way an extractor skips the passages it has no
        business in: `if n in document.passages_matching(MATCHER)`."""
        return passages_with_gate(finder.gate if isinstance(finder, CodedMatcher) else finder, self)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


LINE_CONTENT = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its leading and trailing white space


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line's stripped content."""
    return [m.span() for m in LINE_CONTENT.finditer(text)]


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for texts cut into short lines mid-sentence (PDF copies): several lines that follow a
    blank line start in lower case after a line with no closing punctuation."""
    breaks = 0
    for (_, prev_end), (start, _) in zip(lines, lines[1:], strict=False):
        gap = text[prev_end:start]
        if "\n\n" in gap.replace(" ", "") and text[prev_end - 1] not in TERMINAL:
            if LOWER_START.match(text[start : start + 3]) and text[start].islower():
                breaks += 1
    return breaks >= 3


def _starts_block(text: str, prev: tuple, line: tuple, wrapped: bool) -> bool:
    """Whether `line` starts a new paragraph or list item; lines are (start, end, content, is_list_item,
    is_heading)."""
    start, _, content, is_list_item, is_heading = line
    _, prev_end, prev_text, _, prev_is_heading = prev
    if is_list_item or is_heading or prev_is_heading:
        return True
    if prev_text.rstrip(CLOSERS)[-1:] in TERMINAL:
        return True
    if content[:1].islower():
        return False
    blank_between = "\n\n" in text[prev_end:start].replace(" ", "").replace("\t", "")
    return blank_between and not wrapped


def _blocks(text: str) -> list[tuple[int, int]]:
    lines = _lines(text)
    if not lines:
        return []
    wrapped = _is_hard_wrapped(text, lines)
    described = []
    for start, end in lines:
        content = text[start:end]
        described.append(
            (start, end, content, bool(LIST_MARKER.match(content)), bool(MARKDOWN_HEADING.match(content)))
        )
    blocks = [list(lines[0])]
    for prev, line in zip(described, described[1:], strict=False):
        if _starts_block(text, prev, line, wrapped):
            blocks.append([line[0], line[1]])
        else:
            blocks[-1][1] = line[1]
    return [(s, e) for s, e in blocks]


def _block_kind(content: str) -> str:
    if LIST_MARKER.match(content):
        return "list_item"
    if MARKDOWN_HEADING.match(content) and len(content) <= MARKDOWN_HEADING_MAX_CHARS:
        return "heading"
    one_line = "\n" not in content.strip()
    if (
        one_line
        and len(content) <= HEADING_MAX_CHARS
        and content.rstrip(CLOSERS)[-1:] not in TERMINAL
        and len(_sentence_spans(content, 0, len(content))) == 1
    ):
        return "heading"  # a line cut off after a whole sentence is text, not a heading
    return "sentence"


def _abbreviation_ends_sentence(text: str, end: re.Match, token: str, token_start: int) -> bool:
    """Whether the abbreviation before a full stop also ends its sentence: a unit or a year («млрд.», «2024 г.»)
    followed by a capital letter."""
    if (
        token not in SENTENCE_FINAL_ABBREVIATIONS
        or not STARTS_SENTENCE.match(text, end.end())
        or CURRENCY_AFTER.match(text, end.end())
    ):
        return False
    if token in ("г", "гг", "ж", "жж"):
        return YEAR_BEFORE.search(text, max(0, token_start - 12), token_start) is not None
    return True


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        # The word before the full stop: an abbreviation («г.», «млрд.») does not end a sentence.
        word = LAST_WORD.search(text[max(cursor, m.start() - LAST_WORD_REACH) : m.start() + 1])
        token = word.group(1).lower() if word else ""
        if (
            token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
        ) and not _abbreviation_ends_sentence(
            text, m, token, word.start(1) + max(cursor, m.start() - LAST_WORD_REACH) if word else m.start()
        ):
            continue
        stop = m.start() + len(m.group().rstrip())
        spans.append((cursor, stop))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


MAX_PASSAGE_CHARS = 3_000  # no sentence is longer; a 5 MB text without full stops or line breaks is cut here


def _capped(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans no longer than MAX_PASSAGE_CHARS, cut at a space where there is one: every extractor's cost
    then grows with the text's length, never with the square of one passage's."""
    capped = []
    for start, end in spans:
        while end - start > MAX_PASSAGE_CHARS:
            cut = text.rfind(" ", start + MAX_PASSAGE_CHARS // 2, start + MAX_PASSAGE_CHARS)
            cut = cut if cut > start else start + MAX_PASSAGE_CHARS
            capped.append((start, cut))
            start = cut
        capped.append((start, end))
    return capped


def segment(text: str) -> list[Passage]:
    """Split a text into headings, list items and sentences, keeping offsets into `text`."""
    passages = []
    for block_no, (start, end) in enumerate(_blocks(text)):
        kind = _block_kind(text[start:end])
        if kind == "heading":
            spans = [(start, end)]
        else:
            # A numbered paragraph of a statement may hold several sentences; the first keeps the marker.
            marker = LIST_MARKER.match(text[start:end]) if kind == "list_item" else None
            body_start = start + marker.end() if marker else start
            spans = _sentence_spans(text, body_start, end)
            spans[0] = (start, spans[0][1])
        for n, (s, e) in enumerate(_capped(spans, text)):
            if text[s:e].strip():
                passage_kind = kind if n == 0 else "sentence"
                passages.append(Passage(s, e, passage_kind, text[s:e], block_no))
    return passages
