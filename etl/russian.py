"""Russian morphology through pymorphy3: put a document title met in running text into the
nominative («проекта «Дорожной карты» по развитию …» → «Дорожная карта по развитию …»)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import pymorphy3

OBLIQUE_CASES = {"gent", "datv", "accs", "ablt", "loct"}


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple:
    """pymorphy3's parses of a word; titles repeat the same few words, so they are kept."""
    return tuple(morph().parse(word))


def _head_noun_parse(word: str) -> Any:  # pymorphy3's Parse, None when the word is no noun
    nouns = [p for p in parses(word) if p.tag.POS == "NOUN"]
    singular = [p for p in nouns if p.tag.number == "sing"]
    return (singular or nouns or [None])[0]


def _restore_case(original: str, inflected: str) -> str:
    return inflected[:1].upper() + inflected[1:] if original[:1].isupper() else inflected


@lru_cache(
    maxsize=8192
)  # texts of one meeting repeat its titles; inflecting one costs a third of a millisecond
def to_nominative(title: str) -> str:
    """Inflect the leading adjectives and head noun of `title` to the nominative singular."""
    words = list(re.finditer(r"[А-Яа-яЁё-]+", title))
    if not words:
        return title
    head_index = None
    for n, m in enumerate(words[:4]):
        parse = _head_noun_parse(m.group())
        if parse is not None and parse.tag.case in OBLIQUE_CASES | {"nomn"}:
            head_index = n
            break
    if head_index is None:
        return title
    head = _head_noun_parse(words[head_index].group())
    if head.tag.case == "nomn":
        return title
    replacements = []
    nominative_head = head.inflect({"nomn", "sing"})
    if nominative_head is None:
        return title
    gender = head.tag.gender
    for m in words[:head_index]:
        adjectives = [p for p in parses(m.group()) if p.tag.POS in ("ADJF", "PRTF")]
        if not adjectives:
            return title
        inflected = adjectives[0].inflect({"nomn", "sing", gender} - {None})
        if inflected is None:
            return title
        replacements.append((m, _restore_case(m.group(), inflected.word)))
    replacements.append((words[head_index], _restore_case(words[head_index].group(), nominative_head.word)))
    out = title
    for m, word in reversed(replacements):
        out = out[: m.start()] + word + out[m.end() :]
    out = re.sub(r"^«([^«»]+)»", r"\1", out)
    return out


def inflect_phrase(phrase: list[tuple[str, Any]], number: str, case: str) -> list[str] | None:
    """The words of `phrase` ([(word, its parses), …, (noun, its parse)]) put in `case` and `number`,
    adjectives agreeing with their noun; None if one cannot be."""
    word, noun = phrase[-1]
    head = noun.inflect({case, number})
    if head is None:
        return None
    out = []
    for adjective_word, adjectives in phrase[:-1]:
        matching = [a for a in adjectives if a.tag.case == noun.tag.case] or adjectives
        grammemes = {case, number} | ({noun.tag.gender} if number == "sing" else set())
        inflected = matching[0].inflect(grammemes)
        if inflected is None:
            return None
        out.append(_restore_case(adjective_word, inflected.word))
    return [*out, _restore_case(word, head.word)]
