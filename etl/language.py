"""Language of a text: Kazakh, Russian or English, from its letters."""

from __future__ import annotations

import re

# Counted in the UTF-8 bytes, where C does the counting: U+0400–U+04FF are exactly the characters whose
# first byte is D0–D3. Kazakh's own letters (әғқңөұүһ) all lie in U+0480–U+04FF, first byte D2 or D3,
# where Russian has no letter; і is counted by itself.
CYRILLIC_LEAD_BYTES = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
NOT_LATIN_BYTES = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
KAZAKH_MARKS = (b"\xd2", b"\xd3", "і".encode(), "І".encode())
# Kazakh prose uses its own letters in roughly one word in three; 1% of Cyrillic letters is far
# above what a Russian text quoting a Kazakh name reaches.
KAZAKH_SHARE = 0.01


def count_matched(runs: re.Pattern[str], text: str) -> int:
    """Characters of `text` inside matches of `runs` (a pattern of runs, `[…]+`: one match per word,
    not per letter, is what keeps this cheap)."""
    return sum(map(len, runs.findall(text)))


def detect_language(text: str) -> str:
    """'kk', 'ru' or 'en'."""
    sample = text[:10000].encode("utf-8", "replace")
    cyrillic = sum(map(sample.count, CYRILLIC_LEAD_BYTES))
    latin = len(sample.translate(None, NOT_LATIN_BYTES))
    if cyrillic == 0 and latin == 0:
        return "ru"
    if cyrillic < latin:
        return "en"
    kazakh = sum(map(sample.count, KAZAKH_MARKS))
    return "kk" if kazakh / cyrillic >= KAZAKH_SHARE else "ru"
