"""Language of a text: Kazakh, Russian or English, from its letters."""

from __future__ import annotations

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Kazakh prose uses its own letters in roughly one word in three; 1% of Cyrillic letters is far
# above what a Russian text quoting a Kazakh name reaches.
KAZAKH_SHARE = 0.01


def detect_language(text: str) -> str:
    """'kk', 'ru' or 'en'."""
    sample = text[:50000]
    cyrillic = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyrillic == 0 and latin == 0:
        return "ru"
    if cyrillic < latin:
        return "en"
    kazakh = sum(1 for ch in sample if ch in KAZAKH_LETTERS)
    return "kk" if kazakh / cyrillic >= KAZAKH_SHARE else "ru"
