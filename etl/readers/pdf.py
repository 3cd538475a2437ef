"""PDF files (pypdf): the text layer, with the headers and footers that repeat on every page removed, page
numbers dropped and words hyphenated at line ends joined again («сотруд-\\nничество» → «сотрудничество»)."""

from __future__ import annotations

import io
import re
from collections import Counter

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$|^\s*(?:стр\.?|page|бет)\s*\d+(?:\s*(?:из|of)\s*\d+)?\s*$",
    re.IGNORECASE,
)
HYPHENATED = re.compile(r"([^\W\d_])-\n([a-zа-яёәғқңөұүһі])")
EDGE_LINES = 2  # how many lines at the top and bottom of a page can be a running header or footer


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    """Lines found at the top or bottom of at least half the pages (and on two pages or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {line.strip() for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if line.strip()}
        counts.update(edges)
    return {line for line, n in counts.items() if n >= max(2, len(pages) / 2)}


SHORT_LINE = 0.6  # of a page's usual line length: a shorter line ends a paragraph or is a headline
UPPER_START = re.compile(r"^\s*[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]")


def _mark_paragraphs(lines: list[str]) -> list[str]:
    """A PDF gives lines, not paragraphs: put a blank line after a short line that the next line does not
    continue (it starts in upper case), so headlines and paragraph ends are not run into the next one."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return lines
    usual = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 5 else lengths[-1]
    out = []
    for line, following in zip(lines, lines[1:] + [""], strict=True):
        out.append(line)
        if len(line.strip()) < usual * SHORT_LINE and following.strip() and UPPER_START.match(following):
            out.append("")
    return out


def repair_pages(pages: list[str]) -> str:
    """The pages' text as one text: running headers/footers and page numbers out, hyphenation repaired."""
    split = [page.splitlines() for page in pages]
    repeated = _repeated_edges(split)
    kept = []
    for lines in split:
        body = [
            line.rstrip() for line in lines if line.strip() not in repeated and not PAGE_NUMBER.match(line)
        ]
        kept.append("\n".join(_mark_paragraphs(body)).strip())
    text = "\n".join(page for page in kept if page)
    return HYPHENATED.sub(r"\1\2", text)


def read_pdf_file(raw: bytes) -> tuple[str, str | None, dict]:
    # Imported when a PDF is read, so extraction workers for plain-text corpora stay small.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from etl.readers import RejectedFile

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise RejectedFile("encrypted", "the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except RejectedFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise RejectedFile("corrupt", f"not a readable PDF ({error.__class__.__name__}: {error})") from None
    text = repair_pages(pages)
    if not text.strip():
        raise RejectedFile("no_text", "the PDF has no text layer (a scan?); run OCR on it first")
    return text, None, {"title": title.strip() if isinstance(title, str) and title.strip() else None}
