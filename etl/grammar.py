"""Rules over tokens, composed the way yargy's are (`rule`, `or_`, `.optional()`, `.repeatable()`,
`.interpretation()`), so that a grammar reads like the phrases it matches:

    PART = rule(NUMBER, SCALE.optional())          # «1 миллиард», «700», «3,2 млрд»
    MONEY = rule(SIGN.optional(), PART, CURRENCY)  # «$5 млрд долларов»

Tokens are tuples whose first two items are their kind and their text (`("num", "1 500", …)`). A rule is
tried at one token and either fails (None) or gives a value and the index of the token after it. The parse is
greedy and ordered, with no search: `or_` takes its first option that matches, `.optional()` and
`.repeatable()` take as much as they can and never give it back. That is all the amounts need, and it keeps a
rule a few plain function calls. (yargy itself, an Earley chart parser over morphological tokens, ran a rough
version of the amount rules in ~115 ms on the 70 passages of the dev set and bundled reports that hold a
currency or percent word, 30 times what `find_amounts` takes on all 1,193 of their passages; and it would
bring pymorphy2 and its dictionary beside pymorphy3.)

One convention throughout: None means "no match". A token rule matches where its reader returns a value,
and an interpretation that returns None rejects the match (a money amount with no currency is none).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Match = tuple[Any, int]  # the value, and the index of the token after the match
Matcher = Callable[[Sequence[Any], int], Match | None]
Step = tuple[Matcher, bool]  # a part of a sequence: its matcher, and whether it may be absent


class Rule:
    """A matcher with yargy's chaining methods. The matchers are closures that call each other directly: an
    amount is tried at every number of a passage, so the layer must cost little more than an index walk. For
    that, a sequence keeps its steps (so that an interpretation is applied inside it, not by a wrapper) and an
    optional rule the matcher it wraps (so that a sequence tries that one and notes an absence itself)."""

    __slots__ = ("match", "optional_of", "steps")

    def __init__(
        self, match: Matcher, optional_of: Matcher | None = None, steps: tuple[Step, ...] | None = None
    ) -> None:
        self.match = match
        self.optional_of = optional_of
        self.steps = steps

    def optional(self) -> Rule:
        """The rule or nothing; its value is None when absent."""
        match = self.match

        def optional(tokens: Sequence[Any], i: int) -> Match:
            found = match(tokens, i)
            return (None, i) if found is None else found

        return Rule(optional, optional_of=match)

    def repeatable(self, least: int = 0, descending: Callable[[Any], Any] | None = None) -> Rule:
        """The rule `least` or more times, as a list of values. With `descending`, the run is only as long as
        the keys `descending(value)` fall from each value to the next, and a value whose key is None ends it:
        «1 миллиард 700 миллионов» (scales 10**9, then 10**6) is one run, «1 500» after «1 миллиард» is not part
        of it, and nothing is tried after «1 500»."""
        match = self.match

        def repeat(tokens: Sequence[Any], i: int) -> Match | None:
            values: list[Any] = []
            # A match that takes no token ends the run: an optional rule would otherwise repeat forever.
            while (found := match(tokens, i)) is not None and found[1] > i:
                values.append(found[0])
                i = found[1]
            return (values, i) if len(values) >= least else None

        key_of: Callable[[Any], Any] = descending or (lambda value: None)

        def run(tokens: Sequence[Any], i: int) -> Match | None:
            values: list[Any] = []
            key = None
            while (found := match(tokens, i)) is not None and found[1] > i:
                next_key = key_of(found[0])
                if values and (next_key is None or next_key >= key):
                    break
                values.append(found[0])
                i = found[1]
                key = next_key
                if key is None:
                    break
            return (values, i) if len(values) >= least else None

        return Rule(repeat if descending is None else run)

    def followed_by(self, other: Rule) -> Rule:
        """The rule, only where `other` matches right after it (`other` is looked at, not taken)."""
        match, ahead = self.match, other.match

        def followed(tokens: Sequence[Any], i: int) -> Match | None:
            found = match(tokens, i)
            return found if found is not None and ahead(tokens, found[1]) is not None else None

        return Rule(followed)

    def interpretation(self, interpret: Callable[[Any], Any]) -> Rule:
        """The rule with its value turned into `interpret(value)`; None from `interpret` rejects the match."""
        if self.steps is not None:
            return Rule(_sequence(self.steps, interpret))
        match = self.match

        def interpreted(tokens: Sequence[Any], i: int) -> Match | None:
            found = match(tokens, i)
            if found is None:
                return None
            value = interpret(found[0])
            return None if value is None else (value, found[1])

        return Rule(interpreted)


def token(read: Callable[[str], Any], kind: str | None = None) -> Rule:
    """One token for which `read(its text)` is not None; that is the value («млрд» → 10**9). With `kind`, only
    a token of that kind is read (yargy's `type('INT')`), so most tokens are turned away before a call."""
    if kind is None:

        def one(tokens: Sequence[Any], i: int) -> Match | None:
            if i < len(tokens):
                value = read(tokens[i][1])
                if value is not None:
                    return value, i + 1
            return None

    else:

        def one(tokens: Sequence[Any], i: int) -> Match | None:
            if i < len(tokens) and tokens[i][0] == kind:
                value = read(tokens[i][1])
                if value is not None:
                    return value, i + 1
            return None

    return Rule(one)


def rule(*parts: Rule) -> Rule:
    """The parts one after another; the value is the tuple of their values (None for an absent optional)."""
    steps = tuple((part.optional_of or part.match, part.optional_of is not None) for part in parts)
    return Rule(_sequence(steps), steps=steps)


def _sequence(steps: tuple[Step, ...], interpret: Callable[[Any], Any] | None = None) -> Matcher:
    # Sequences of two and three parts (every rule of the amounts) are written out step by step: an amount is
    # then tried in ~3.7 µs against ~4.3 µs with the loop, which serves the other lengths (the index walk that
    # the grammar replaced took ~2.5 µs).
    if len(steps) == 2:
        return _two(steps, interpret)
    if len(steps) == 3:
        return _three(steps, interpret)
    return _any(steps, interpret)


def _any(steps: tuple[Step, ...], interpret: Callable[[Any], Any] | None) -> Matcher:
    def sequence(tokens: Sequence[Any], i: int) -> Match | None:
        values = []
        for match, optional in steps:
            found = match(tokens, i)
            if found is not None:
                values.append(found[0])
                i = found[1]
            elif optional:
                values.append(None)
            else:
                return None
        if interpret is None:
            return tuple(values), i
        value = interpret(tuple(values))
        return None if value is None else (value, i)

    return sequence


def _two(steps: tuple[Step, ...], interpret: Callable[[Any], Any] | None) -> Matcher:
    (match0, optional0), (match1, optional1) = steps

    def sequence(tokens: Sequence[Any], i: int) -> Match | None:
        found = match0(tokens, i)
        if found is not None:
            value0, i = found
        elif optional0:
            value0 = None
        else:
            return None
        found = match1(tokens, i)
        if found is not None:
            value1, i = found
        elif optional1:
            value1 = None
        else:
            return None
        if interpret is None:
            return (value0, value1), i
        value = interpret((value0, value1))
        return None if value is None else (value, i)

    return sequence


def _three(steps: tuple[Step, ...], interpret: Callable[[Any], Any] | None) -> Matcher:
    (match0, optional0), (match1, optional1), (match2, optional2) = steps

    def sequence(tokens: Sequence[Any], i: int) -> Match | None:
        found = match0(tokens, i)
        if found is not None:
            value0, i = found
        elif optional0:
            value0 = None
        else:
            return None
        found = match1(tokens, i)
        if found is not None:
            value1, i = found
        elif optional1:
            value1 = None
        else:
            return None
        found = match2(tokens, i)
        if found is not None:
            value2, i = found
        elif optional2:
            value2 = None
        else:
            return None
        if interpret is None:
            return (value0, value1, value2), i
        value = interpret((value0, value1, value2))
        return None if value is None else (value, i)

    return sequence


def or_(*options: Rule) -> Rule:
    """The first of `options` that matches."""
    matches = tuple(option.match for option in options)

    def first(tokens: Sequence[Any], i: int) -> Match | None:
        for match in matches:
            found = match(tokens, i)
            if found is not None:
                return found
        return None

    return Rule(first)
