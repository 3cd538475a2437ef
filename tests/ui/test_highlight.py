"""The source text as HTML: every character of the text escaped, only the marks are markup; where quotes
overlap, the first mark wins (then the kind of fact listed first)."""

import re

import pytest

from ui.highlight import FACT_COLORS, highlight_passages, legend

HOSTILE = (
    "Президенты подписали <script>alert(\"x\")</script> & «договор» 'о' воде.\n## Не заголовок\n- не пункт"
)
MARK = re.compile(
    r'<mark title="(?P<fact>[^"]*)" style="background:(?P<color>[^"]*)">(?P<text>.*?)</mark>', re.DOTALL
)


def marks(html: str) -> list[tuple[str, str]]:
    """(kind of fact, marked text) in text order."""
    return [(m["fact"], m["text"]) for m in MARK.finditer(html)]


def test_hostile_text_is_escaped_and_the_quote_still_marked():
    html = highlight_passages(HOSTILE, [("agreement", 'подписали <script>alert("x")</script> &')])
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
    assert html.count("<mark") == 1 and 'title="agreement"' in html
    assert "## Не заголовок\n- не пункт" in html  # markers stay text


@pytest.mark.parametrize(
    ("text", "passages", "expected"),
    [
        # a quote the text holds twice is marked twice
        (
            "Товарооборот вырос. Товарооборот вырос.",
            [("figure", "Товарооборот вырос.")],
            [("figure", "Товарооборот вырос."), ("figure", "Товарооборот вырос.")],
        ),
        # overlapping quotes: the one that starts first wins, the other is not marked at all
        (
            "Товарооборот вырос. Товарооборот вырос.",
            [("figure", "Товарооборот вырос."), ("participant", "вырос. Товарооборот")],
            [("figure", "Товарооборот вырос."), ("figure", "Товарооборот вырос.")],
        ),
        # two kinds of fact from one passage: the kind listed first in FACT_COLORS wins
        (
            "Лидеры подписали Концепцию.",
            [("agreement", "Лидеры подписали Концепцию."), ("participant", "Лидеры подписали Концепцию.")],
            [("participant", "Лидеры подписали Концепцию.")],
        ),
        # quotes side by side are both marked
        (
            "Один. Два.",
            [("meeting", "Два."), ("figure", "Один.")],
            [("figure", "Один."), ("meeting", "Два.")],
        ),
        # a quote the text does not hold, or an empty one, marks nothing
        ("Текст.", [("figure", "другое"), ("figure", "")], []),
    ],
)
def test_which_passages_are_marked(text, passages, expected):
    assert marks(highlight_passages(text, passages)) == expected


def test_the_text_outside_the_marks_is_kept_whole_and_in_order():
    text = "Начало <b>. Середина & конец."
    html = highlight_passages(text, [("figure", "Середина")])
    assert re.sub(r"<mark[^>]*>|</mark>", "", html) == (
        '<div class="source-text" style="white-space: pre-wrap; font-size: 0.95rem">'
        "Начало &lt;b&gt;. Середина &amp; конец.</div>"
    )


def test_each_kind_of_fact_has_its_colour_and_an_unknown_one_is_grey():
    html = highlight_passages("А. Б.", [("participant", "А."), ("rumour", "Б.")])
    colors = [m["color"] for m in MARK.finditer(html)]
    assert colors == [FACT_COLORS["participant"], "#eeeeee"]


def test_the_legend_shows_the_kinds_asked_for_in_their_colours():
    assert legend(("figure", "meeting")) == (
        f'<mark style="background:{FACT_COLORS["figure"]}">figure</mark> '
        f'<mark style="background:{FACT_COLORS["meeting"]}">meeting</mark>'
    )
    assert legend().count("<mark") == len(FACT_COLORS)
