"""The source text as HTML: every character of the text escaped, only the marks are markup."""

from ui.highlight import highlight_passages

HOSTILE = 'Президенты подписали <script>alert("x")</script> & «договор» \'о\' воде.\n## Не заголовок\n- не пункт'


def test_hostile_text_is_escaped_and_the_quote_still_marked():
    html = highlight_passages(HOSTILE, [("agreement", 'подписали <script>alert("x")</script> &')])
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
    assert html.count("<mark") == 1 and 'title="agreement"' in html
    assert "## Не заголовок\n- не пункт" in html  # markers stay text


def test_a_quote_in_the_text_twice_is_marked_twice_and_overlaps_once():
    text = "Товарооборот вырос. Товарооборот вырос."
    html = highlight_passages(text, [("figure", "Товарооборот вырос."), ("participant", "вырос. Товарооборот")])
    assert html.count("<mark") == 2


def test_a_quote_that_is_not_in_the_text_marks_nothing():
    assert "<mark" not in highlight_passages("Текст.", [("figure", "другое"), ("figure", "")])
