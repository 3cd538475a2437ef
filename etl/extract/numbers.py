"""Amounts of money and percentages written in Russian, Kazakh and English:
«$135 миллионов», «1 миллиард $700 миллионов», «11 миллиард долларға», «15процентов», «1,7 млрд долл.»,
«10 пайызға», «$11 billion», «50 per cent», «EUR 5 million», «US dollars 5 million», and typos of the scale
words («миллииард»). Read by a grammar of named rules over tokens (see «the grammar» below and etl/grammar.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import fuzz

from etl.dicts import load_pairs, load_words, lookup_stem
from etl.grammar import Rule, or_, rule, token
from etl.patterns import Gate, prefix_gate

# ---- tokens ----

TOKEN = re.compile(
    r"(?P<num>\d+(?:[\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?)"
    r"|(?P<sym>[$€%])"
    r"|(?P<word>[^\W\d_]+)"
)
DIGIT = re.compile(r"\d")
# One-word percent stems («процент», «percent»), and phrases of several words («per cent») read word by word.
PERCENT_WORDS = tuple(word for word in load_words("percent_words") if " " not in word)
PERCENT_PHRASES = tuple(word.lower().split() for word in load_words("percent_words") if " " in word)
CURRENCY_FILLERS = frozenset(word.lower() for word in load_words("currency_fillers"))
FUZZY_SCALE_MIN_SCORE = 85
CURRENCY_REACH = 16  # characters before the first number where its currency may start: «US dollars 5»
SIGNS = {"$": "USD", "€": "EUR"}


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


# ---- what a token means (the readers of the grammar's token rules: None where it is not of the kind) ----


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
            if (
                len(stem) >= 6
                and fuzz.ratio(folded[: len(stem)], _fold_repeats(stem)) >= FUZZY_SCALE_MIN_SCORE
            ):
                return int(value)
    return None


def currency_of(text: str) -> str | None:
    """ISO code of a currency word or sign («долларов», «теңге», «$»); None for any other token."""
    word = text.lower()
    code = lookup_stem(word, "currencies")
    # «сум» (the Uzbek currency) is also the stem of «сумма».
    return code if code and not word.startswith("сумм") else None


def _number(text: str) -> float:
    # str.replace, not re.sub: both the percentage and the money rule read the number at each start, and this
    # costs 250 ns against 930 ns.
    return float(text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", "."))


@cache
def _currency_codes() -> dict[str, str]:
    """ISO codes written before a number («USD 600 mln», «EUR 5 million»), and «US» for dollars."""
    return {code: code for _, code in load_pairs("currencies")} | {"US": "USD"}


def _code(text: str) -> str | None:
    return _currency_codes().get(text.upper())


def _currency_word(text: str) -> str | None:
    """A currency written as a word, not a sign: «dollars» in «US dollars 5 million»."""
    return None if not text.isalpha() else currency_of(text)


def _filler(text: str) -> str | None:
    return text if text.lower() in CURRENCY_FILLERS else None


def _percent(text: str) -> str | None:
    return "percent" if text == "%" or text.lower().startswith(PERCENT_WORDS) else None


def _word(expected: str) -> Rule:
    """One word token, whatever its case."""
    return token(lambda text: text if text.lower() == expected else None, kind="word")


def _phrase(words: list[str]) -> Rule:
    return rule(*(_word(word) for word in words)).interpretation(lambda _: "percent")


# ---- the grammar (etl/grammar.py: greedy, left to right, each rule tried at one token) ----
# A part's value is (number, scale, …), the scale None when no scale word follows the number.

_scale = itemgetter(1)  # of a part


def _total(parts: list[tuple]) -> float:
    total = 0.0
    for part in parts:
        total += part[0] * (part[1] or 1)
    return total


def _percentage(values: tuple) -> tuple[float, str]:
    parts, _ = values
    return _total(parts), "percent"


def _money(values: tuple) -> tuple[float, str] | None:
    """The currency is the first one written: before the number, before one of its parts, or after it; an
    amount with none is no amount."""
    before, parts, after = values
    currency = before
    for part in parts:
        currency = currency or part[2]
    if after is not None:
        currency = currency or after[1]
    return None if currency is None else (_total(parts), currency)


NUMBER = token(_number, kind="num")  # «1 500», «3,2», «8.4»
SCALE = token(scale_of, kind="word")  # «млрд», «миллиардов», «billion», «мың», «миллииард»
SIGN = token(SIGNS.get, kind="sym")  # «$», «€»
CODE = token(_code, kind="word")  # «USD», «US», «EUR»
CURRENCY_WORD = token(_currency_word, kind="word")  # «dollars», «euros»
CURRENCY = token(currency_of)  # «долларов», «долларға», «теңге», «евро»; a sign after the number, «5 млрд $»
FILLER = token(_filler, kind="word")  # «АҚШ», «США», «US»
PERCENT = or_(
    token(_percent), *(_phrase(words) for words in PERCENT_PHRASES)
)  # «%», «процентов», «пайызға», «percent», «per cent»

# «1 миллиард 700 миллионов» is 1.7 billion: parts in a row, each smaller than the last. A part with no scale
# word («1 500») ends the amount.
PART = rule(NUMBER, SCALE.optional())
PARTS = PART.repeatable(least=1, descending=_scale)

# In money «$» may stand again before the next part: «1 миллиард $700 миллионов». It is taken wherever a
# number follows, even one that does not continue the amount («5 $6 млн» is «5 $»).
MONEY_PART = rule(NUMBER, SCALE.optional(), SIGN.followed_by(NUMBER).optional())
MONEY_PARTS = MONEY_PART.repeatable(least=1, descending=_scale)

CURRENCY_BEFORE = or_(SIGN, CODE)  # «$5 млрд», «€300 million», «USD 600 mln»
CURRENCY_AFTER = rule(
    FILLER.repeatable(), CURRENCY, FILLER.optional()
)  # «млрд АҚШ долларына», «долларов США»

# «14 %», «на 14 процентов», «20 пайызға». Its parts take no «$»: a currency already written («$5 %»,
# «1 млрд $500 млн %») makes the amount money.
PERCENTAGE = rule(PARTS, PERCENT).interpretation(_percentage)
MONEY = rule(CURRENCY_BEFORE.optional(), MONEY_PARTS, CURRENCY_AFTER.optional()).interpretation(_money)
# «US dollars 5 million», «euros 40 million»: the currency in words before the number. A scale word must
# follow, so that «долларов 2024 года» («в ценах долларов 2024 года») is no amount.
WORDS_FIRST = rule(FILLER.optional(), CURRENCY_WORD, NUMBER, SCALE).interpretation(
    lambda values: (values[2] * values[3], values[1])
)
AMOUNT = or_(PERCENTAGE, MONEY, WORDS_FIRST)


# ---- the extractor ----


@cache
def unit_stems() -> tuple[str, ...]:
    """Currency and percent words and signs (lower case), one of which any amount holds."""
    codes = [code.lower() for code in _currency_codes()]
    phrases = [" ".join(words) for words in PERCENT_PHRASES]
    return (*(stem for stem, _ in load_pairs("currencies")), "%", *codes, *PERCENT_WORDS, *phrases)


@cache
def unit_words() -> Gate | None:
    """Finds a currency or percent word or sign, without which a text (or a passage) holds no amount."""
    return prefix_gate(unit_stems())


def find_amounts(text: str) -> list[Amount]:
    """Money amounts (with a currency) and percentages in `text`, with their spans."""
    first_digit = DIGIT.search(text)
    if not first_digit:
        return []
    gate = unit_words()
    if gate is not None and gate.first(text.lower()) is None:
        return []
    # Nothing before the first number can start an amount but a currency just before it («US dollars 5»).
    tokens = tokenize(text, _word_start_before(text, first_digit.start(), CURRENCY_REACH))
    amounts: list[Amount] = []
    resume = 0
    for i in _amount_starts(tokens):
        if i < resume:
            continue
        found = AMOUNT.match(tokens, i)
        if found is not None:
            (value, unit), resume = found
            amounts.append(Amount(value, unit, tokens[i].start, tokens[resume - 1].end))
    return amounts


def _amount_starts(tokens: list[Token]) -> list[int]:
    """Where an amount may start: a number, a currency sign or code, or a currency word just before a number
    («US dollars 5 million»)."""
    codes = _currency_codes()
    starts = []
    for i, (kind, text, _, _) in enumerate(tokens):
        if kind == "num":
            if i and tokens[i - 1][0] == "word" and _word_before_number(tokens[i - 1][1], codes):
                starts.append(i - 1)
            starts.append(i)
        elif (kind == "sym" and text in "$€") or (kind == "word" and text.upper() in codes):
            starts.append(i)
    return starts  # in order: a word before a number is added just before it


def _word_before_number(text: str, codes: dict[str, str]) -> bool:
    """A currency word or a filler right before a number, not already a code: «dollars 5», «US dollars 5»."""
    return text.upper() not in codes and (_filler(text) is not None or currency_of(text) is not None)
