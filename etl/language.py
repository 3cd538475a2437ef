"""Language of a text: Kazakh, Russian or English, from its letters."""

from __future__ import annotations

import re

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Kazakh prose uses its own letters in roughly one word in three; 1% of Cyrillic letters is far
# above what a Russian text quoting a Kazakh name reaches.
KAZAKH_SHARE = 0.01


def detect_language(text: str) -> str:
    """'kk', 'ru' or 'en'."""
    sample = text[:10000]
    cyrillic = len(CYRILLIC.findall(sample))
    latin = len(LATIN.findall(sample))
    if cyrillic == 0 and latin == 0:
        return "ru"
    if cyrillic < latin:
        return "en"
    kazakh = len(KAZAKH_LETTERS.findall(sample))
    return "kk" if kazakh / cyrillic >= KAZAKH_SHARE else "ru"
