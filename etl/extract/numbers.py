"""Amounts of money and percentages written in Russian, Kazakh and English:
«$135 миллионов», «1 миллиард $700 миллионов», «11 миллиард долларға», «15процентов», «1,7 млрд долл.»,
«10 пайызға», «$11 billion», and typos of the scale words («миллииард»)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from etl.dicts import load_pairs, load_words, lookup_stem
from etl.patterns import Gate, prefix_gate

# ---- tokens ----

TOKEN = re.compile(
    r"(?P<num>\d+(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?)"
    r"|(?P<sym>[$€%])"
    r"|(?P<word>[^\W\d_]+)"
)
DIGIT = re.compile(r"\d")
PERCENT_WORDS = load_words("percent_words")
CURRENCY_FILLERS = frozenset(word.lower() for word in load_words("currency_fillers"))
FUZZY_SCALE_MIN_SCORE = 85


class Token(NamedTuple):  # a tuple: a passage holds hundreds, made in one pass
    kind: str  # num | sym | word
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str  # USD, EUR, KZT, … or percent
    start: int
    end: int


def tokenize(text: str, start: int = 0) -> list[Token]:
    return [Token(m.lastgroup, m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start)]  # type: ignore[arg-type]


def _word_start_before(text: str, position: int, reach: int = 6) -> int:
    """A word boundary a few characters before `position`, so that «$» or «USD» before a number is kept."""
    start = max(0, position - reach)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return start


def _fold_repeats(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word.lower())


@lru_cache(maxsize=65536)
def scale_of(word: str) -> int | None:
    """Multiplier of a number word («млрд» → 10**9), tolerant of doubled or slipped letters."""
    folded = _fold_repeats(word)
    for stem, value in load_pairs("scales"):
        if folded.startswith(_fold_repeats(stem)):
            return int(value)
    if len(folded) >= 6:
        for stem, value in load_pairs("scales"):
            if len(stem) >= 6 and fuzz.ratio(folded[: len(stem)], _fold_repeats(stem)) >= FUZZY_SCALE_MIN_SCORE:
                return int(value)
    return None


def currency_of(token: Token) -> str | None:
    if token.kind == "sym":
        return {"$": "USD", "€": "EUR"}.get(token.text)
    if token.kind == "word":
        word = token.text.lower()
        code = lookup_stem(word, "currencies")
        # «сум» (the Uzbek currency) is also the stem of «сумма».
        if code and not word.startswith("сумм"):
            return code
    return None


def _is_percent(token: Token) -> bool:
    return token.text == "%" or (token.kind == "word" and token.text.lower().startswith(PERCENT_WORDS))


def _number(text: str) -> float:
    return float(re.sub(r"[\u00a0\u202f ]", "", text).replace(",", "."))


@cache
def _unit_gate() -> Gate | None:
    """Finds a currency or percent word or sign, without which a text holds no amount."""
    return prefix_gate([stem for stem, _ in load_pairs("currencies")] + ["%", "us", *PERCENT_WORDS])


def unit_words() -> Gate | None:
    """What a passage holds when it may hold an amount: a currency or percent word or sign."""
    return _unit_gate()


def find_amounts(text: str) -> list[Amount]:
    """Money amounts (with a currency) and percentages in `text`, with their spans."""
    first_digit = DIGIT.search(text)
    if not first_digit:
        return []
    gate = _unit_gate()
    if gate is not None and gate.first(text.lower()) is None:
        return []
    # Nothing before the first number can start an amount but a currency just before it.
    tokens = tokenize(text, _word_start_before(text, first_digit.start()))
    amounts: list[Amount] = []
    resume = 0
    for i in _amount_starts(tokens):
        if i < resume:
            continue
        amount, i_next = _read_amount(tokens, i)
        if amount is not None:
            amounts.append(amount)
            resume = i_next
    return amounts


def _amount_starts(tokens: list[Token]) -> list[int]:
    """Where an amount may start: a number, or a currency sign or code just before one."""
    return [i for i, (kind, text, _, _) in enumerate(tokens)
            if kind == "num" or (kind == "sym" and text in "$€") or (kind == "word" and text.upper() in ("USD", "US"))]


def _read_amount(tokens: list[Token], i: int) -> tuple[Amount | None, int]:
    start_index = i
    currency = None
    if tokens[i].kind == "sym" and tokens[i].text in "$€":
        currency = currency_of(tokens[i])
        i += 1
    elif tokens[i].kind == "word" and tokens[i].text.upper() in ("USD", "US"):
        currency = "USD"
        i += 1
    if i >= len(tokens) or tokens[i].kind != "num":
        return None, start_index + 1
    total, last_scale, j = 0.0, None, i
    # Compound amounts: «1 миллиард $700 миллионов» = 1.7 billion (each part smaller than the last).
    while j < len(tokens) and tokens[j].kind == "num":
        number = _number(tokens[j].text)
        scale = scale_of(tokens[j + 1].text) if j + 1 < len(tokens) and tokens[j + 1].kind == "word" else None
        if last_scale is not None and (scale is None or scale >= last_scale):
            break
        total += number * (scale or 1)
        j += 2 if scale else 1
        last_scale = scale or 1
        # «$» may repeat before the next part, and «млрд.» may carry a dot.
        if j + 1 < len(tokens) and tokens[j].kind == "sym" and tokens[j].text in "$€" and tokens[j + 1].kind == "num":
            currency = currency or currency_of(tokens[j])
            j += 1
        if last_scale == 1:
            break
    if j < len(tokens) and _is_percent(tokens[j]) and currency is None:
        return Amount(total, "percent", tokens[i].start, tokens[j].end), j + 1
    k = j
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.lower() in CURRENCY_FILLERS:
        k += 1
    if k < len(tokens) and currency_of(tokens[k]):
        currency = currency or currency_of(tokens[k])
        end = tokens[k].end
        k += 1
        if k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.lower() in CURRENCY_FILLERS:
            end = tokens[k].end
            k += 1
        return Amount(total, currency, tokens[start_index].start, end), k  # type: ignore[arg-type]  # currency_of gave one
    if currency:
        return Amount(total, currency, tokens[start_index].start, tokens[j - 1].end), j
    return None, start_index + 1
