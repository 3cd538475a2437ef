"""Trade and investment figures: an amount in US dollars or a percentage, what it measures
(«товарооборот», «өңір ішіндегі сауда», «прямые иностранные инвестиции»), whose economy
(«товарооборот Кыргызстана», or Central Asia as a whole), whether it is a value reached, a target or
a change, and the period it covers («за прошлый год», «в январе-августе этого года»)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.dicts import DICTS_DIR, load_pairs, load_words
from etl.document import Document, Passage
from etl.extract.numbers import Amount, find_amounts, unit_words
from etl.patterns import CodedMatcher, coded_matcher, phrases_regex, words_regex
from etl.reference import Gazetteer
from warehouse.codes import REGION


@dataclass(frozen=True, slots=True)  # hundreds of thousands of them in a build: no __dict__ each
class FigureMention:
    start: int
    end: int
    scope: str  # country_code, or C5 for Central Asia as a whole
    counterpart: str | None  # the other side of a trade or investment flow, if said
    metric: str
    kind: str  # actual | target | change
    value: float
    unit: str  # USD | percent
    period: str | None  # the period as written
    period_rule: str | None  # how its year is found: explicit | last_year | this_year | month_range | range
    period_year: int | None  # the year when written out
    metric_inherited: bool  # the metric came from the sentence before («Енді оны … жеткізу»)


LOADED_UNITS = ("USD", "percent")

# ---- rules ----

REGION_WORDS = coded_matcher(tuple((p, "region") for p in load_words("region_words")))
FROM_WORDS = words_regex("from_words", r"\b", r"\s+(?:\w+\s+){0,2}$")
# «more than», «almost» may stand between the preposition and the amount: «by more than 80%», «до более чем».
QUALIFIER = r"(?:(?:" + phrases_regex(load_words("qualifiers")) + r")\s+)?"
CHANGE_BEFORE_PERCENT = re.compile(r"(?:\bна|\bby)\s+" + QUALIFIER + r"$", re.IGNORECASE)
TARGET_BEFORE_AMOUNT = re.compile(r"(?:\bдо|\bto)\s+" + QUALIFIER + r"(?:US\s*)?[$]?\s*$", re.IGNORECASE)
# A sum of money is a change only when it is what something grew or fell by.
CHANGE_BY_AMOUNT = re.compile(r"(?:\bна|\bby|\bon)\s+" + QUALIFIER + r"(?:US\s*)?[$]?\s*$", re.IGNORECASE)
# «Kazakhstan's trade turnover», «Kazakhstan’s total exports»: the country owns the metric named after it.
POSSESSIVE_BEFORE_METRIC = re.compile(r"^['’]s\s+(?:\w+\s+){0,2}$")
POSSESSOR_WINDOW = 40
ANAPHORA = coded_matcher(tuple((p, "anaphora") for p in load_words("anaphora")))
CUE_WINDOW_BEFORE = 60
CUE_WINDOW_AFTER = 40


def _metrics() -> CodedMatcher:
    return coded_matcher(load_pairs("metrics"))


def _cues() -> CodedMatcher:
    return coded_matcher(load_pairs("figure_cues"))


@cache
def _period_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = []
    for line in (DICTS_DIR / "periods.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, rule = line.rsplit("\t", 1)
            rows.append((re.compile(pattern, re.IGNORECASE), rule))
    return tuple(rows)


@lru_cache(maxsize=1024)  # asked once per amount of a passage
def _find_periods(text: str) -> tuple[tuple[str, int, int], ...]:
    hits = [(m.start(), -m.end(), rule) for rx, rule in _period_forms() for m in rx.finditer(text)]
    taken: list[tuple[str, int, int]] = []
    for start, neg_end, rule in sorted(hits):
        if not any(s <= start < e for _, s, e in taken):
            taken.append((rule, start, -neg_end))
    return tuple(taken)


def find_metric(text: str, before: int) -> tuple[str, int] | None:
    """The metric named nearest before position `before` (or, failing that, after it)."""
    hits = _metrics().find(text)
    preceding = [h for h in hits if h[2] <= before]
    if preceding:
        metric, start, _ = preceding[-1]
        return metric, start
    following = [h for h in hits if h[1] >= before]
    return (following[0][0], following[0][1]) if following else None


def figure_kind(text: str, amount: Amount) -> str:
    """actual, target or change, from the words nearest the amount."""
    before = text[: amount.start]
    if amount.unit == "percent" and CHANGE_BEFORE_PERCENT.search(before):
        return "change"
    window_start, window_end = max(0, amount.start - CUE_WINDOW_BEFORE), amount.end + CUE_WINDOW_AFTER
    # Found once per passage (a passage has several amounts), then kept to the words around this one.
    cues = [cue for cue in _cues().find(text) if cue[1] >= window_start and cue[2] <= window_end]
    if not cues:
        return "target" if TARGET_BEFORE_AMOUNT.search(before) else "actual"

    def distance(cue: tuple[str, int, int]) -> int:
        _, start, end = cue
        return amount.start - end if end <= amount.start else max(0, start - amount.end)

    kind = min(cues, key=distance)[0]
    if kind not in ("change", "grew"):
        return kind
    if amount.unit == "percent" or CHANGE_BY_AMOUNT.search(before):
        return "change"
    if kind == "change" and TARGET_BEFORE_AMOUNT.search(before):
        return "target"  # «увеличить до $15 млрд», «growth to $15 billion»
    return "actual"  # «grew to $8 billion», «вырос до 8 млрд» is where it got


def figure_scope(
    text: str, metric: str, metric_start: int, amount_start: int, gazetteer: Gazetteer
) -> tuple[str, str | None]:
    """(scope, counterpart): the economy measured and the other side of the flow, if named."""
    if metric == "intra_regional_trade":
        return REGION, None
    window = text[metric_start:amount_start]
    countries = [(code, s) for code, s, _ in gazetteer.find_countries(window)]
    region = bool(REGION_WORDS.find(window))
    own = [code for code, s in countries if not FROM_WORDS.search(window[:s])]
    others = [code for code, s in countries if FROM_WORDS.search(window[:s])]
    possessor = _possessor(text, metric_start, gazetteer)
    if possessor:
        counterpart = next((code for code in own + others if code != possessor), REGION if region else None)
        return possessor, counterpart
    if own:
        counterpart = others[0] if others else (own[1] if len(own) > 1 else (REGION if region else None))
        return own[0], counterpart
    if others:
        return others[0], REGION if region else None
    return REGION, None


def _possessor(text: str, metric_start: int, gazetteer: Gazetteer) -> str | None:
    """The country whose metric it is when written before it: «Kazakhstan's trade turnover»."""
    start = max(0, metric_start - POSSESSOR_WINDOW)
    before = text[start:metric_start]
    for code, _, end in reversed(gazetteer.find_countries(before)):
        if POSSESSIVE_BEFORE_METRIC.match(before[end:]):
            return code
    return None


CLAUSE_BREAK = re.compile(r"(?:[,;]\s+(?:and|but|while|а|и|но|а также|ал|бірақ)\b|;)", re.IGNORECASE)


def _clause_around(text: str, position: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in CLAUSE_BREAK.finditer(text):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


def find_period(text: str, position: int = 0) -> tuple[str, str, int | None] | None:
    """(period as written, rule, year if written) of the period phrase nearest `position` in its clause."""
    clause_start, clause_end = _clause_around(text, position)
    hits = [h for h in _find_periods(text) if clause_start <= h[1] < clause_end]
    if not hits:
        return None
    rule, start, end = min(hits, key=lambda h: abs(h[1] - position))
    phrase = re.sub(r"\s+", " ", text[start:end])
    year = re.search(r"20\d\d", phrase)
    return phrase, rule, int(year.group()) if year else None


# ---- the extractor ----


def _figures_in(
    passage: Passage, gazetteer: Gazetteer, previous: FigureMention | None
) -> list[FigureMention]:
    text = passage.text
    found: list[FigureMention] = []
    for amount in find_amounts(text):
        if amount.unit not in LOADED_UNITS:
            continue
        metric_hit = find_metric(text, amount.start)
        inherited = False
        if metric_hit is None:
            prior = found[-1] if found else previous
            if prior is None or not (ANAPHORA.find(text) or found):
                continue
            metric, scope, counterpart, inherited = prior.metric, prior.scope, prior.counterpart, True
        else:
            metric, metric_start = metric_hit
            scope, counterpart = figure_scope(
                text, metric, min(metric_start, amount.start), amount.start, gazetteer
            )
        period = find_period(text, amount.start)
        found.append(
            FigureMention(
                start=passage.start,
                end=passage.end,
                scope=scope,
                counterpart=counterpart,
                metric=metric,
                kind=figure_kind(text, amount),
                value=round(amount.value, 6),
                unit=amount.unit,
                period=period[0] if period else None,
                period_rule=period[1] if period else None,
                period_year=period[2] if period else None,
                metric_inherited=inherited,
            )
        )
    return found


def extract_figures(document: Document, gazetteer: Gazetteer) -> Iterator[FigureMention]:
    """Every trade or investment figure, in text order. A sentence with an amount but no metric
    takes the metric of the figure in the sentence before when it points back to it («оны», «его»)."""
    previous: FigureMention | None = None
    previous_block = -1
    with_units = document.passages_matching(unit_words())
    for n, passage in enumerate(document.passages):
        if passage.kind == "heading" or n not in with_units:
            continue
        adjacent = previous if passage.block - previous_block <= 1 else None
        figures = _figures_in(passage, gazetteer, adjacent)
        yield from figures
        if figures:
            previous, previous_block = figures[-1], passage.block
