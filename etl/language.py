"""Language of a text: Kazakh, Russian or English, from its letters."""

from __future__ import annotations

import re

CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
LATIN = re.compile(r"[A-Za-z]+")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]+")
# Kazakh prose uses its own letters in roughly one word in three; 1% of Cyrillic letters is far
# above what a Russian text quoting a Kazakh name reaches.
KAZAKH_SHARE = 0.01


def count_matched(runs: re.Pattern[str], text: str) -> int:
    """Characters of `text` inside matches of `runs` (a pattern of runs, `[…]+`: one match per word,
    not per letter, is what keeps this cheap)."""
    return sum(map(len, runs.findall(text)))


def detect_language(text: str) -> str:
    """'kk', 'ru' or 'en'."""
    sample = text[:10000]
    cyrillic = count_matched(CYRILLIC, sample)
    latin = count_matched(LATIN, sample)
    if cyrillic == 0 and latin == 0:
        return "ru"
    if cyrillic < latin:
        return "en"
    kazakh = count_matched(KAZAKH_LETTERS, sample)
    return "kk" if kazakh / cyrillic >= KAZAKH_SHARE else "ru"
