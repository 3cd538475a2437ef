"""The combinators of etl/grammar.py on small token lists: words («w»), numbers («n»), signs («s»)."""

import pytest

from etl.grammar import Rule, or_, rule, token


def tokens(text: str) -> list[tuple[str, str]]:
    kinds = {True: "num", False: "word"}
    return [("sym", t) if t in "$%" else (kinds[t.isdigit()], t) for t in text.split()]


def number(text: str) -> int:
    return int(text)


def word_a(text: str) -> str | None:
    return text if text.startswith("a") else None


NUM = token(number, kind="num")
A = token(word_a, kind="word")
SIGN = token(lambda text: text if text == "$" else None, kind="sym")
ANY = token(lambda text: text)
NOTHING = token(lambda text: None)


def read(grammar: Rule, text: str, at: int = 0):
    """(value, how many tokens it took), or None."""
    found = grammar.match(tokens(text), at)
    return None if found is None else (found[0], found[1] - at)


CASES = [
    # token: its reader's value; another kind is not read; the end of the tokens is no match
    (NUM, "5 a", (5, 1)),
    (NUM, "a 5", None),
    (token(lambda text: 1), "a", (1, 1)),
    (token(number, kind="num"), "", None),
    (ANY, "$", ("$", 1)),
    (NOTHING, "a", None),
    # rule: the values of its parts in order; an absent optional part is None; a missing part fails it
    (rule(NUM, A), "5 ab", ((5, "ab"), 2)),
    (rule(NUM, A.optional()), "5 b", ((5, None), 1)),
    (rule(NUM, A), "5 b", None),
    (rule(NUM, A, NUM), "5 a 6", ((5, "a", 6), 3)),
    (rule(NUM, A.optional(), NUM), "5 6", ((5, None, 6), 2)),
    (rule(NUM, A, NUM), "5 a b", None),
    (rule(NUM, A, NUM, A.optional()), "5 a 6 b", ((5, "a", 6, None), 3)),
    (rule(NUM, A, NUM, A), "5 a 6 b", None),
    (rule(NUM), "5", ((5,), 1)),
    (rule(A.optional(), NUM), "5", ((None, 5), 1)),
    # optional on its own
    (A.optional(), "5", (None, 0)),
    (A.optional(), "ab", ("ab", 1)),
    # repeatable: as many as there are, at least `least`
    (NUM.repeatable(), "1 2 3 a", ([1, 2, 3], 3)),
    (NUM.repeatable(), "a", ([], 0)),
    (NUM.repeatable(least=1), "a", None),
    (NUM.repeatable(least=2), "1 a", None),
    # an optional rule repeated ends where it takes nothing, not never
    (A.optional().repeatable(), "a1 a2 5", (["a1", "a2"], 2)),
    # descending: a run while the keys fall; a None key ends it
    (NUM.repeatable(descending=lambda n: n), "9 5 1 a", ([9, 5, 1], 3)),
    (NUM.repeatable(descending=lambda n: n), "9 9 1", ([9], 1)),
    (NUM.repeatable(descending=lambda n: n), "5 9", ([5], 1)),
    (NUM.repeatable(descending=lambda n: n if n > 3 else None), "2 1", ([2], 1)),
    (NUM.repeatable(descending=lambda n: n if n > 3 else None), "9 2", ([9], 1)),
    (NUM.repeatable(least=1, descending=lambda n: n), "a", None),
    # followed_by: looks at what follows without taking it
    (SIGN.followed_by(NUM), "$ 5", ("$", 1)),
    (SIGN.followed_by(NUM), "$ a", None),
    (SIGN.followed_by(NUM), "$", None),
    (rule(NUM, SIGN.followed_by(NUM).optional()), "5 $ a", ((5, None), 1)),
    # or_: the first option that matches, in order
    (or_(A, NUM), "5", (5, 1)),
    (or_(ANY, NUM), "5", ("5", 1)),
    (or_(A, SIGN), "5", None),
    # interpretation: of a sequence and of any other rule; None rejects the match
    (rule(NUM, NUM).interpretation(sum), "2 3", (5, 2)),
    (rule(NUM, NUM, NUM).interpretation(sum), "2 3 4", (9, 3)),
    (rule(NUM, NUM, NUM, NUM).interpretation(sum), "1 2 3 4", (10, 4)),
    (rule(NUM, NUM).interpretation(lambda values: None), "2 3", None),
    (rule(NUM, NUM, NUM).interpretation(lambda values: None), "2 3 4", None),
    (rule(NUM, NUM, NUM, NUM).interpretation(lambda values: None), "1 2 3 4", None),
    (NUM.repeatable().interpretation(len), "1 2 a", (2, 2)),
    (NUM.interpretation(lambda n: n * 10 if n > 1 else None), "2", (20, 1)),
    (NUM.interpretation(lambda n: n * 10 if n > 1 else None), "1", None),
    (rule(NUM, NUM).interpretation(sum).interpretation(str), "2 3", ("5", 2)),
]


@pytest.mark.parametrize(("grammar", "text", "expected"), CASES)
def test_rule(grammar, text, expected):
    assert read(grammar, text) == expected


def test_a_rule_is_tried_where_it_is_asked():
    assert read(rule(NUM, A), "a 5 ab", at=1) == ((5, "ab"), 2)
