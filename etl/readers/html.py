"""Saved web pages: the article's text without navigation, scripts or boilerplate (trafilatura), and the
title, publication date, canonical address and site name from the page's metadata when it has them."""

from __future__ import annotations

from etl.language import count_matched
from etl.readers.text import LETTERS, agency_in_dateline, decode, parse_iso_date

MIN_ARTICLE_LETTERS = 80  # less than a sentence or two is a menu or a caption, not an article


def read_html_file(raw: bytes) -> tuple[str, str, dict]:
    # Imported here, not at the top: trafilatura and lxml weigh ~100 MB per extraction worker and most
    # corpora are plain text.
    import trafilatura

    from etl.readers import RejectedFile

    html, encoding = decode(raw, require_letters=False)
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or count_matched(LETTERS, text) < MIN_ARTICLE_LETTERS:
        raise RejectedFile("no_article", "no article text found in the HTML page (only navigation or markup)")
    # trafilatura writes one paragraph (or list item) a line; a blank line between them keeps a headline
    # from running into the lead below it.
    text = "\n\n".join(line for line in text.splitlines() if line.strip()) + "\n"
    metadata = trafilatura.extract_metadata(html)
    extra = {
        "title": metadata.title if metadata and metadata.title else None,
        "published_on": parse_iso_date(metadata.date) if metadata and metadata.date else None,
        # the page's canonical address and its site's name: what a reader cites
        "url": metadata.url
        if metadata and (metadata.url or "").startswith(("http://", "https://"))
        else None,
        "publisher": (metadata.sitename or metadata.hostname) if metadata else None,
    }
    if not extra["publisher"]:
        extra["publisher"] = agency_in_dateline(text)
    return text, encoding, extra
