"""A meeting brief: one Consultative Meeting as a document — date, city, host and chair; participants with
their roles; documents by adoption with their periods; figures with their years; each fact with the passage
that reports it and its text's title and link; the texts; and what the tracker does not know of the meeting.

    brief = build_brief(con, 6, Filters(countries=("KGZ",)))   # plain records (model.py)
    data = render(brief, "pdf")                                 # bytes: md, docx or pdf

`python -m warehouse.brief SUMMIT_ID --format md|docx|pdf` writes one from the command line (__main__.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from warehouse.brief.markdown import render_markdown
from warehouse.brief.model import Brief, UnknownSummit, build_brief
from warehouse.brief.outline import Outline, file_stem, outline
from warehouse.brief.pdf import render_pdf
from warehouse.brief.word import render_docx

__all__ = ["FORMATS", "Brief", "UnknownSummit", "build_brief", "file_name", "render"]

FORMATS: dict[str, str] = {  # format → MIME type
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_RENDERERS: dict[str, Callable[[Outline], bytes]] = {
    "md": render_markdown,
    "docx": render_docx,
    "pdf": render_pdf,
}


def render(brief: Brief, fmt: str) -> bytes:
    """The brief as a file of format `fmt` (md, docx, pdf)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(_RENDERERS)}")
    return _RENDERERS[fmt](outline(brief))


def file_name(
    summit_id: int, city: str | None, held_on: date | None, fmt: str, countries: tuple[str, ...] = ()
) -> str:
    """«meeting-6-astana-2024-08-09-brief.pdf»: a brief's file is named after its meeting (and countries)."""
    return f"{file_stem(summit_id, city, held_on, countries)}.{fmt}"
