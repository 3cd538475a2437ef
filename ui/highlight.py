"""A source's text as HTML with the passages the ETL took from it marked, everything else escaped."""

from __future__ import annotations

import html

FACT_COLORS = {"participant": "#ffe08a", "agreement": "#b6e3b6", "figure": "#9fd3ff", "meeting": "#e4d4ff"}
PRIORITY = {
    fact: n for n, fact in enumerate(FACT_COLORS)
}  # one passage, several facts: the first colour wins


def legend(facts: tuple[str, ...] = tuple(FACT_COLORS)) -> str:
    """The colour of each kind of fact, as HTML."""
    return " ".join(f'<mark style="background:{FACT_COLORS[fact]}">{fact}</mark>' for fact in facts)


def highlight_passages(text: str, passages: list[tuple[str, str]]) -> str:
    """`text` with each (fact, quote) marked where it occurs; overlaps keep the first mark."""
    spans = []
    for fact, quote in passages:
        start = text.find(quote) if quote else -1
        while start >= 0:
            spans.append((start, PRIORITY.get(fact, len(PRIORITY)), start + len(quote), fact))
            start = text.find(quote, start + len(quote))
    spans.sort()
    out, cursor = [], 0
    for start, _, end, fact in spans:
        if start < cursor:
            continue
        out.append(html.escape(text[cursor:start]))
        color = FACT_COLORS.get(fact, "#eeeeee")
        out.append(f'<mark title="{fact}" style="background:{color}">{html.escape(text[start:end])}</mark>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    # Shown with st.html, not st.markdown: the source's «## » and «- » are its text, not Markdown to render.
    return (
        '<div class="source-text" style="white-space: pre-wrap; font-size: 0.95rem">'
        + "".join(out)
        + "</div>"
    )
