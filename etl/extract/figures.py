"""Trade and investment figures: an amount in US dollars or a percentage, what it measures
(«товарооборот», «өңір ішіндегі сауда», «прямые иностранные инвестиции»), whose economy
(«товарооборот Кыргызстана», or Central Asia as a whole), whether it is a value reached, a target or
a change, and the period it covers («за прошлый год», «в январе-августе этого года», «к 2030 году»). Growth said
as a multiple («удвоился», «вырос в три раза», «tripled») is a change in percent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.dicts import load_pairs, load_rows, load_words
from etl.document import Document, Passage
from etl.extract.numbers import Amount, find_amounts, unit_stems
from etl.patterns import CodedMatcher, Gate, coded_matcher, phrases_regex, prefix_gate, words_regex
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
    # how its year is found: explicit | deadline | last_year | this_year | month_range | range (etl/dicts/periods)
    period_rule: str | None
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
# In Kazakh the owner comes first, in the genitive: «Қазақстанның сауда айналымы», «Өзбекстанның экспорты».
GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$", re.IGNORECASE)
WORDS_BEFORE_METRIC = re.compile(r"^\s+(?:\w+\s+){0,2}$")
POSSESSOR_WINDOW = 40
# «Kazakh exports», «Kazakh entrepreneurs signed export contracts»: an adjective of a country right before the
# metric, or before someone who trades for it, makes the figure that country's.
ECONOMY_ADJECTIVES = coded_matcher(load_pairs("economy_adjectives"))
ADJECTIVE_BEFORE_METRIC = re.compile(
    r"(?:^|\s)(?P<adjective>\w+(?:-\w+)*)\s+(?:(?:"
    + phrases_regex(load_words("economy_agents"))
    + r")\s+(?:\w+\s+){0,2})?$",
    re.IGNORECASE,
)
# «Kazakhstan and the region should raise their trade turnover»: the subject owns the metric.
PRONOUN_BEFORE_METRIC = words_regex("possessive_pronouns", r"\b", r"\s+$")
SUBJECT_WINDOW = 120
ANAPHORA = coded_matcher(tuple((p, "anaphora") for p in load_words("anaphora")))
CUE_WINDOW_BEFORE = 60
CUE_WINDOW_AFTER = 40


def _metrics() -> CodedMatcher:
    return coded_matcher(load_pairs("metrics"))


def _cues() -> CodedMatcher:
    return coded_matcher(load_pairs("figure_cues"))


@cache
def _number_words() -> dict[str, float]:
    return {word.lower(): float(value) for word, value in load_pairs("number_words")}


@cache
def _number_pattern() -> str:
    """What `{n}` stands for in periods: digits («5», «2,5») or a number word («пять», «екі»)."""
    return r"(?P<n>\d+(?:[.,]\d+)?|" + phrases_regex(_number_words()) + r")"


def number_value(word: str) -> float | None:
    """«5» → 5, «2,5» → 2.5, «пяти» → 5; None for any other word."""
    if word[:1].isdigit():
        return float(word.replace(",", "."))
    return _number_words().get(word.lower())


def _with_number(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{n}", _number_pattern()), re.IGNORECASE)


@cache
def _period_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_with_number(pattern), rule) for pattern, rule in load_rows("periods"))


def years_counted(period: str) -> int | None:
    """The length of a span of years as written: «за последние пять лет» → 5, «over 3 years» → 3."""
    for rx, rule in _period_forms():
        found = rx.search(period)
        if rule == "range" and found and "n" in rx.groupindex and found.group("n"):
            value = number_value(found.group("n"))
            return int(value) if value is not None and value == int(value) else None
    return None


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
    owner = _owner(text, metric_start, gazetteer)
    if owner:
        possessor, partner = owner
        counterpart = next((code for code in own + others if code != possessor), partner)
        return possessor, counterpart or (REGION if region else None)
    if own:
        counterpart = others[0] if others else (own[1] if len(own) > 1 else (REGION if region else None))
        return own[0], counterpart
    if others:
        return others[0], REGION if region else None
    return REGION, None


def _owner(text: str, metric_start: int, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """(the economy whose metric it is, the other side if the words that say so name one), when the words
    before the metric say whose it is."""
    return (
        _possessor(text, metric_start, gazetteer)
        or _adjective_owner(text, metric_start)
        or _subject_owner(text, metric_start, gazetteer)
    )


def _adjective_owner(text: str, metric_start: int) -> tuple[str, str | None] | None:
    """«Kazakh exports», «узбекский экспорт», «Kazakh companies signed export contracts»; «Kazakh-Uzbek
    trade» is Kazakhstan's with Uzbekistan."""
    before = text[max(0, metric_start - POSSESSOR_WINDOW) : metric_start]
    found = ADJECTIVE_BEFORE_METRIC.search(before)
    if not found:
        return None
    codes = [hit[0] for part in found.group("adjective").split("-") for hit in ECONOMY_ADJECTIVES.find(part)]
    if not codes:
        return None
    return codes[0], next((code for code in codes[1:] if code != codes[0]), None)


def _subject_owner(text: str, metric_start: int, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """«Kazakhstan and the Central Asian countries should raise their trade turnover»: the first country of
    the clause, and the next country or the region named after it as the other side."""
    if not PRONOUN_BEFORE_METRIC.search(text[max(0, metric_start - 10) : metric_start]):
        return None
    clause_start = max(_clause_around(text, metric_start)[0], metric_start - SUBJECT_WINDOW)
    subject = text[clause_start:metric_start]
    countries = [code for code, _, _ in gazetteer.find_countries(subject)]
    if not countries:
        return None
    partner = next((code for code in countries[1:] if code != countries[0]), None)
    return countries[0], partner or (REGION if REGION_WORDS.find(subject) else None)


def _possessor(text: str, metric_start: int, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """The country whose metric it is when written before it: «Kazakhstan's trade turnover», «Қазақстанның
    Өзбекстанмен сауда айналымы» (and the other side, when named between them)."""
    start = max(0, metric_start - POSSESSOR_WINDOW)
    before = text[start:metric_start]
    countries = gazetteer.find_countries(before)
    for n in range(len(countries) - 1, -1, -1):
        code, country_start, end = countries[n]
        owned = POSSESSIVE_BEFORE_METRIC.match(before[end:]) or (
            GENITIVE.search(before[country_start:end]) and WORDS_BEFORE_METRIC.match(before[end:])
        )
        if owned:
            partner = next((other for other, _, _ in countries[n + 1 :] if other != code), None)
            return code, partner
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


# ---- growth said as a multiple: «удвоился», «вырос в три раза», «екі есе өсті», «tripled» ----

GROWTH_VERBS = words_regex("growth_verbs", r"\b", r"\b")
MULTIPLE_REACH = 30  # characters around an anchor word («раз») that its form («в полтора раза») may take


@cache
def _multiples() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The forms of etl/dicts/multiples as one regex (one pass over a passage, not one per form): form k is
    group `m{k}`, its number group `n{k}`; and each form's factor as written."""
    rows = load_rows("multiples")
    # Any word or number stands for {n} here, and `number_value` tells a number: an alternation of the number
    # words tried at every position made the pass ten times slower.
    forms = [
        f"(?P<m{k}>" + pattern.replace("{n}", rf"(?P<n{k}>\d+(?:[.,]\d+)?|[^\W\d_]+)") + ")"
        for k, (pattern, _) in enumerate(rows)
    ]
    return re.compile("|".join(forms), re.IGNORECASE), tuple(factor for _, factor in rows)


@cache
def figure_words() -> Gate | None:
    """Finds a currency or percent word or a verb of growth, without which a passage holds no figure."""
    return prefix_gate([*unit_stems(), *(word.rstrip("*").lower() for word in load_words("growth_verbs"))])


@cache
def _multiple_anchors() -> Gate | None:
    """Each form's longest run of letters («раз», «есе», «fold», «doubled»): where a multiple may be."""
    anchors = []
    for pattern, _ in load_rows("multiples"):
        letters = re.findall(r"[^\W\d_]+", re.sub(r"\\[a-zA-Z]|\{n\}", " ", pattern))
        anchors.append(max(letters, key=len).lower())
    return prefix_gate(anchors)


def find_multiples(text: str) -> list[Amount]:
    """Growth said as a multiple, as a change in percent: «удвоился» → 100, «в 2,5 раза» → 150. Only where a
    verb of growth stands in the clause. The forms are tried only around their anchor words: run over a whole
    passage, the regex cost 0.7 µs a character."""
    rx, factors = _multiples()
    anchors = _multiple_anchors()
    lowered = text.lower()
    found: list[Amount] = []
    position = 0
    while anchors is not None and (hit := anchors.first(lowered, position)) is not None:
        position = hit + 1
        window = rx.finditer(text, max(0, hit - MULTIPLE_REACH), hit + MULTIPLE_REACH)
        m = next((m for m in window if m.start() <= hit < m.end()), None)
        if m is None or (found and m.start() < found[-1].end):
            continue
        k = int(m.lastgroup[1:])  # type: ignore[index]  # the form's outer group closes last
        factor = number_value(m.group(f"n{k}")) if factors[k] == "n" else float(factors[k])
        if factor is None or factor <= 1:
            continue
        clause_start, clause_end = _clause_around(text, m.start())
        if GROWTH_VERBS.search(text, clause_start, clause_end) is not None:
            found.append(Amount(round((factor - 1) * 100, 6), "percent", m.start(), m.end()))
    return found


def _grew_to(text: str, multiple: Amount, amounts: list[Amount]) -> bool:
    """«doubled to more than $10 billion», «вырос вдвое — до 8 млрд»: an amount it grew to, in its clause."""
    _, clause_end = _clause_around(text, multiple.start)
    return any(
        multiple.end <= a.start < clause_end and TARGET_BEFORE_AMOUNT.search(text[multiple.end : a.start])
        for a in amounts
    )


def _amounts_with_kind(text: str) -> list[tuple[Amount, str | None]]:
    """The passage's amounts, and its multiples with their kind (a change) when a multiple is said; in text
    order."""
    amounts = find_amounts(text)
    multiples = [m for m in find_multiples(text) if not _grew_to(text, m, amounts)]
    found: list[tuple[Amount, str | None]] = [(a, None) for a in amounts] + [(m, "change") for m in multiples]
    return sorted(found, key=lambda pair: pair[0].start)


# ---- the extractor ----


def _figures_in(
    passage: Passage, gazetteer: Gazetteer, previous: FigureMention | None
) -> list[FigureMention]:
    text = passage.text
    found: list[FigureMention] = []
    for amount, said_kind in _amounts_with_kind(text):
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
                kind=said_kind or figure_kind(text, amount),
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
    with_figures = document.passages_matching(figure_words())
    for n, passage in enumerate(document.passages):
        if passage.kind == "heading" or n not in with_figures:
            continue
        adjacent = previous if passage.block - previous_block <= 1 else None
        figures = _figures_in(passage, gazetteer, adjacent)
        yield from figures
        if figures:
            previous, previous_block = figures[-1], passage.block
