"""Stem patterns from the reference data and word lists, matched word by word.

A pattern is a few words; `*` at the end of a word stands for any letters (case endings), so
"Республик* Казахстан*" matches «Республики Казахстан» and «Республикой Казахстан». Words are
matched whole, case-insensitively, except all-capital abbreviations (КР, ООН), which keep their case.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from etl.dicts import load_words

if TYPE_CHECKING:
    from etl.document import Document


def phrases_regex(phrases: Iterable[str]) -> str:
    """The regex source of an alternation of phrases as written (any white space between words; `*` after a
    word: any letters), longest first, so that «олардың» is tried before «олар»."""
    return "|".join(
        r"\s+".join(_phrase_word(word) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )


def _phrase_word(word: str) -> str:
    return re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)


def words_regex(name: str, before: str = "", after: str = "", flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The phrases of word list `name` (etl/dicts) as one regex: `before` + alternation + `after`."""
    return re.compile(before + "(?:" + phrases_regex(load_words(name)) + ")" + after, flags)


@lru_cache(maxsize=65536)  # texts of one meeting repeat its document titles
def normalize_key(text: str) -> str:
    """Fold a title or name for comparison: lower case, ё→е, letters and digits only."""
    text = text.lower().replace("ё", "е")
    return " ".join(re.findall(r"[^\W_]+", text))


# ---- many coded patterns in one pass ----

PREFIX_LENGTH = 3
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


# Longer than any passage (document.MAX_PASSAGE_CHARS): a whole text, which the meeting placement reads.
LONG_TEXT_CHARS = 3_000


def tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(word, lower-cased word, start, end) of every word of `text`; hyphenated words are one word. Cached:
    a passage is matched by several extractors in a row. Whole texts are kept only a few at a time: each
    holds thousands of words, and 4,096 of them (the cache of passages) took gigabytes."""
    return _passage_tokens(text) if len(text) <= LONG_TEXT_CHARS else _text_tokens(text)


def _tokenize(text: str) -> tuple[tuple[str, str, int, int], ...]:
    return tuple((m.group(), m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text))


_passage_tokens = lru_cache(maxsize=4096)(_tokenize)
_text_tokens = lru_cache(maxsize=4)(_tokenize)


def lower_case(text: str) -> str:
    """`text` in lower case; cached like `tokens`: every matcher asks about the passages in turn."""
    return _passage_lower(text) if len(text) <= LONG_TEXT_CHARS else text.lower()


_passage_lower = lru_cache(maxsize=4096)(str.lower)


def word_positions(text: str) -> dict[str, tuple[int, ...]]:
    """Positions of the words of `text` by their first letters (the whole word when shorter); cached as
    `tokens` is."""
    return _passage_positions(text) if len(text) <= LONG_TEXT_CHARS else _text_positions(text)


def _positions(text: str) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for n, (_, lower, _, _) in enumerate(tokens(text)):
        index.setdefault(lower[:PREFIX_LENGTH], []).append(n)
    return {key: tuple(positions) for key, positions in index.items()}


_passage_positions = lru_cache(maxsize=4096)(_positions)
_text_positions = lru_cache(maxsize=4)(_positions)


class Gate:
    """Finds any of a set of words (lower case) as a substring, for all of them in one pass in C (an
    Aho-Corasick automaton): the cheap test that spares most passages the matching word by word."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self.automaton = ahocorasick.Automaton()
        for word in self.words:
            self.automaton.add_word(word, len(word))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def first(self, text: str, start: int = 0) -> int | None:
        """Where the first word found at or after `start` begins (the one that ends first), or None."""
        if self.empty:
            return None
        for end, length in self.automaton.iter(text, start):
            return end - length + 1
        return None


def prefix_gate(words: Iterable[str]) -> Gate | None:
    """A `Gate` finding any of `words` (lower case) as a substring; None (nothing can be ruled out) if a word
    is empty."""
    words = list(words)
    return None if any(not word for word in words) else Gate(words)


def passages_with_gate(gate: Gate | None, document: Document) -> Container[int]:
    """Indices of the passages of `document` in which `gate` (a `prefix_gate`) finds a word. Every passage
    when that cannot be told."""
    if gate is None:
        return range(len(document.passages))
    return _DOCUMENT_GATES.passages_hit(gate, document)


class _DocumentGates:
    """Every gate the extractors have asked about a whole document, as one automaton: a document is
    searched once for all their words, not once per gate and passage (five gates asked about each of a
    text's passages were a tenth of extraction's time, measured). The answer for the document last asked
    about is kept, per thread, since the extractors ask about one document in turn."""

    def __init__(self) -> None:
        # The gates' bits and their automaton, replaced together in one assignment: a file's time budget may
        # stop the build anywhere (a signal), and a gate half added would find nothing in every later text.
        self._state: _GateState = ({}, None)
        self._adding = threading.Lock()
        self._last = threading.local()  # per thread: the document last asked about, and its masks

    def passages_hit(self, gate: Gate, document: Document) -> Container[int]:
        state = self._state
        if gate not in state[0]:
            state = self._add(gate)
        masks = self._masks_of(document, state)
        if masks is None:  # a letter whose lower case is longer: offsets would drift
            return range(len(document.passages))
        bit = state[0][gate]
        return {n for n, mask in enumerate(masks) if mask & bit}

    def _add(self, gate: Gate) -> _GateState:
        with self._adding:
            known, _ = self._state
            if gate in known:
                return self._state
            bits = {**known, gate: 1 << len(known)}
            words: dict[str, int] = {}
            for each, bit in bits.items():
                for word in each.words:
                    words[word] = words.get(word, 0) | bit
            automaton = ahocorasick.Automaton()
            for word, found in words.items():
                automaton.add_word(word, (len(word), found))
            if words:
                automaton.make_automaton()
            self._state = (bits, automaton if words else None)
            return self._state

    def _masks_of(self, document: Document, state: _GateState) -> list[int] | None:
        last = getattr(self._last, "answer", None)
        if (
            last is not None
            and last[0] is document
            and last[1] is document.text
            and last[2] is document.passages
            and last[3] is state
        ):
            return last[4]
        masks = _passage_masks(state[1], document)
        self._last.answer = (document, document.text, document.passages, state, masks)
        return masks


_GateState = tuple[dict[Gate, int], "ahocorasick.Automaton | None"]


def _passage_masks(automaton: ahocorasick.Automaton | None, document: Document) -> list[int] | None:
    """The gates found in each passage, as bits; None when lower case changes the text's length. A word must
    lie inside one passage. One pass over the whole text, every match taken: the automaton copies the string
    it is given at each call, so searching again from each passage's start was quadratic (8 minutes on 20 MB),
    and a passage at a time cost a third more on ordinary reports (measured)."""
    passages = document.passages
    masks = [0] * len(passages)
    lowered = document.text.lower()
    if len(lowered) != len(document.text):
        return None
    if automaton is None or not passages:
        return masks
    starts, ends = [p.start for p in passages], [p.end for p in passages]
    count, n = len(passages), 0
    for end, (length, bits) in automaton.iter(lowered):
        while ends[n] <= end:  # matches come in the order they end: so do passages
            n += 1
            if n == count:
                return masks
        if end - length + 1 >= starts[n]:  # not between passages, nor across two
            masks[n] |= bits
    return masks


_DOCUMENT_GATES = _DocumentGates()


class _Pattern:
    """One stem pattern as a list of word tests: (text, is_stem, keeps_case)."""

    def __init__(self, pattern: str, code: str):
        self.code = code
        self.keeps_case = pattern.isupper() and len(pattern) <= 6
        self.words = [
            (w.rstrip("*") if self.keeps_case else w.rstrip("*").lower(), w.endswith("*"))
            for w in pattern.split()
        ]
        self.length = len(pattern)

    def key(self) -> str | None:
        first, is_stem = self.words[0]
        first = first.lower()
        if len(first) >= PREFIX_LENGTH:
            return first[:PREFIX_LENGTH]
        return None if is_stem else first

    def match_from(self, text: str, lower: str, first: tuple[int, int]) -> int | None:
        """End offset when the pattern matches the words from the word spanning `first` on, else None: the
        words are read one by one from the text (`lower` is it in lower case, of the same length)."""
        start, end = first
        for n, (expected, is_stem) in enumerate(self.words):
            if n:
                following = SPACE_THEN_TOKEN.match(text, end)
                if following is None:
                    return None
                start, end = following.span(1)
            word = text[start:end] if self.keeps_case else lower[start:end]
            if not (word.startswith(expected) if is_stem else word == expected):
                return None
        return end

    def match_at(self, text: str, words: tuple, i: int) -> int | None:
        """End offset when the pattern matches the words from `i` on, else None."""
        if i + len(self.words) > len(words):
            return None
        for n, (expected, is_stem) in enumerate(self.words):
            original, lower, start, _ = words[i + n]
            if n and not text[words[i + n - 1][3] : start].isspace():
                return None
            word = original if self.keeps_case else lower
            if not (word.startswith(expected) if is_stem else word == expected):
                return None
        return words[i + len(self.words) - 1][3]


class CodedMatcher:
    """Stem patterns, each with a code («Республик* Казахстан*» → KAZ), matched word by word: the words of a
    text are looked up by their first letters, so a sentence costs a few dictionary look-ups per pattern
    list rather than a regex pass per pattern — which is what keeps extraction fast."""

    def __init__(self, pairs: tuple[tuple[str, str], ...]):
        patterns = sorted(
            (_Pattern(p, c) for p, c in set(pairs) if p.strip()),
            key=lambda pat: (-len(pat.words), -pat.length),
        )
        self.by_key: dict[str, list[_Pattern]] = {}
        self.anywhere: list[_Pattern] = []  # short stems («ж*») can start any word
        for pattern in patterns:
            key = pattern.key()
            (self.by_key.setdefault(key, []) if key else self.anywhere).append(pattern)
        self.prefixes = frozenset(self.by_key)
        # Every word of a pattern must occur; its longest is the rarest, so the best to look for.
        self.gate = prefix_gate(
            max((word.lower() for word, _ in pattern.words), key=len) for pattern in patterns
        )
        self.first_words = _first_word_automaton(
            [*(p for g in self.by_key.values() for p in g), *self.anywhere]
        )

    def could_match(self, text: str) -> bool:
        """False when no pattern's longest word occurs in `text` even as a substring: a search in C,
        which spares most passages the splitting into words."""
        return self.gate is None or self.gate.first(lower_case(text)) is not None

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(code, start, end) of every match, left to right, without overlaps; the longest pattern wins."""
        return list(_find(self, text))

    def starts(self, text: str) -> bool:
        """Whether a pattern matches at the start of `text` (after white space)."""
        found = self.find(text)
        return bool(found) and not text[: found[0][1]].strip()

    def codes_of(self, text: str) -> list[str]:
        """The codes of every pattern that matches the whole of `text` (one surname may be two people's)."""
        words = tokens(text)
        if not words or words[0][2] != 0:
            return []
        candidates = (self.by_key.get(words[0][1][:PREFIX_LENGTH]) or []) + self.anywhere
        return sorted(
            {pattern.code for pattern in candidates if pattern.match_at(text, words, 0) == len(text)}
        )

    def _starts(self, text: str) -> list[int]:
        """Word positions where one of the patterns may start: only words with a known prefix."""
        index = word_positions(text)
        if self.anywhere:
            return list(range(len(tokens(text))))
        keys = (
            self.prefixes.intersection(index)
            if len(index) < len(self.prefixes)
            else [key for key in index if key in self.prefixes]
        )
        if len(keys) == 1:
            return list(index[next(iter(keys))])
        return sorted(n for key in keys for n in index[key])

    def _find(self, text: str) -> tuple[tuple[str, int, int], ...]:
        if not self.could_match(text):
            return ()
        lower = lower_case(text)
        # Word by word when offsets would drift, or when a capital sigma's lower case depends on the letters
        # around it (final ς), which differ between the whole text and one word
        if len(lower) != len(text) or "Σ" in text or self.first_words is None:
            return self._find_in_words(text)
        found: list[tuple[str, int, int]] = []
        taken_to = 0
        for start, candidates in _starts_of_first_words(self.first_words, text, lower):
            if start < taken_to:
                continue
            word = TOKEN.match(text, start)
            if word is None:
                continue
            best: tuple[_Pattern, int] | None = None
            for _, pattern in candidates:
                end = pattern.match_from(text, lower, word.span())
                if end is not None and (best is None or end > best[1]):
                    best = (pattern, end)
            if best:
                found.append((best[0].code, start, best[1]))
                taken_to = best[1]
        return tuple(found)

    def _find_in_words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """`_find` for a text whose lower case has another length: its words split first."""
        words = tokens(text)
        found, skip_to = [], 0
        by_key, anywhere = self.by_key, self.anywhere
        for i in self._starts(text):
            if i < skip_to:
                continue
            best = None
            for group in (by_key.get(words[i][1][:PREFIX_LENGTH]), anywhere):
                for pattern in group or ():
                    end = pattern.match_at(text, words, i)
                    if end is not None and (best is None or end > best[1]):
                        best = (pattern, end)
            if best:
                found.append((best[0].code, words[i][2], best[1]))
                skip_to = i + len(best[0].words)
        return tuple(found)


SPACE_THEN_TOKEN = re.compile(r"\s+(" + TOKEN.pattern + ")")


def _first_word_automaton(patterns: list[_Pattern]) -> ahocorasick.Automaton | None:
    """The patterns' first words (lower case) in one automaton, each with its patterns in the order they are
    tried (`patterns`' order; the first of two equally long matches wins)."""
    by_word: dict[str, list[tuple[int, _Pattern]]] = {}
    for order, pattern in enumerate(patterns):
        by_word.setdefault(pattern.words[0][0].lower(), []).append((order, pattern))
    if not by_word or "" in by_word:
        return None
    automaton = ahocorasick.Automaton()
    for word, candidates in by_word.items():
        automaton.add_word(word, (len(word), tuple(candidates)))
    automaton.make_automaton()
    return automaton


def _starts_of_first_words(
    automaton: ahocorasick.Automaton, text: str, lower: str
) -> list[tuple[int, list[tuple[int, _Pattern]]]]:
    """Where a pattern's first word begins a word of `text`, left to right, with the patterns that may start
    there in the order they are tried. Found in one pass in C over the passage, instead of splitting it into
    words (which cost a third of extraction on texts that share no sentence, measured)."""
    at: dict[int, list[tuple[int, _Pattern]]] = {}
    for end, (length, candidates) in automaton.iter(lower):
        start = end - length + 1
        if start and (
            text[start - 1].isalnum() or (text[start - 1] == "-" and start > 1 and text[start - 2].isalnum())
        ):
            continue  # inside a word (a hyphenated word is one word)
        if start in at:
            at[start].extend(candidates)
        else:
            at[start] = list(candidates)
    starts = sorted(at.items())
    for _, candidates in starts:
        if len(candidates) > 1:
            candidates.sort(key=_order)
    return starts


def _order(candidate: tuple[int, _Pattern]) -> int:
    return candidate[0]


@lru_cache(maxsize=16384)  # several extractors ask one matcher about one passage (a figure per amount)
def _find(matcher: CodedMatcher, text: str) -> tuple[tuple[str, int, int], ...]:
    return matcher._find(text)


@cache
def coded_matcher(pairs: tuple[tuple[str, str], ...]) -> CodedMatcher:
    return CodedMatcher(pairs)
