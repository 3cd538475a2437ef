"""Stem patterns from the reference data and word lists, compiled to regular expressions.

A pattern is a few words; `*` at the end of a word stands for any letters (case endings), so
"Республик* Казахстан*" matches «Республики Казахстан» and «Республикой Казахстан». Words are
matched whole, case-insensitively, except all-capital abbreviations (КР, ООН), which keep their case.
"""

from __future__ import annotations

import re
from functools import cache

LETTER = r"[^\W\d_]"
WORD_START = r"(?<![\w-])"
WORD_END = r"(?![\w])"


def _word_regex(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + LETTER + "*"
    return re.escape(word)


def stem_regex(pattern: str) -> str:
    """The regex source for one stem pattern (no flags)."""
    words = [_word_regex(w) for w in pattern.split()]
    body = r"\s+".join(words)
    if pattern.isupper() and len(pattern) <= 6:
        return WORD_START + "(?-i:" + body + ")" + WORD_END
    return WORD_START + body + WORD_END


@cache
def compile_stems(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of `patterns`, longest alternatives first."""
    ordered = sorted(set(patterns), key=len, reverse=True)
    return re.compile("|".join(f"(?:{stem_regex(p)})" for p in ordered), re.IGNORECASE)


def normalize_key(text: str) -> str:
    """Fold a title or name for comparison: lower case, ё→е, letters and digits only."""
    text = text.lower().replace("ё", "е")
    return " ".join(re.findall(r"[^\W_]+", text))
