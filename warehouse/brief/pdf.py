"""The brief as a PDF (fpdf2) with a text layer. The fonts are DejaVu Sans, shipped in fonts/ with their
licence: the PDF core fonts have no Cyrillic, and a machine's own fonts cannot be counted on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from warehouse.brief.markdown import KICKER
from warehouse.brief.outline import NO_LINK, Cited, Entry, Outline, Section, citation_line

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
GREY, INK, LINK = (90, 90, 90), (20, 20, 20), (5, 99, 193)
QUOTE_INDENT = 8  # mm
KEEP_WITH_HEADING = 40  # mm: a heading with less room than this below it starts the next page


@dataclass(frozen=True)
class Para:
    """A left-aligned paragraph (justified text would stretch the spaces of the text layer too)."""

    text: str
    size: float = 10
    bold: bool = False
    color: tuple[int, int, int] = INK
    indent: float = 0  # mm
    link: str | None = None
    gap: float = 0  # mm after it


class _BriefPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{KICKER} · page {self.page_no()}/{{nb}}", align="C")


def _new_pdf(title: str) -> FPDF:
    pdf = _BriefPDF(format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(title)
    pdf.set_lang("en")
    pdf.set_creator(KICKER)
    pdf.add_page()
    return pdf


def _cell(pdf: FPDF, p: Para) -> None:
    pdf.set_font(FAMILY, "B" if p.bold else "", p.size)
    pdf.multi_cell(
        pdf.epw - p.indent,
        p.size * 0.5,
        p.text,
        align="L",
        link=p.link or None,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _height(pdf: FPDF, p: Para) -> float:
    """About how tall the paragraph will be, a little over rather than under: its width in one line over the
    column's, plus a line for the slack word wrapping leaves. (A dry run of multi_cell breaks the lines
    exactly, but takes as long as drawing them.)"""
    pdf.set_font(FAMILY, "B" if p.bold else "", p.size)
    lines = sum(
        int(pdf.get_string_width(line) / (pdf.epw - p.indent - 2 * pdf.c_margin)) + 1
        for line in p.text.splitlines() or [""]
    )
    return lines * p.size * 0.5 * 1.1 + p.gap


def _block(pdf: FPDF, paras: list[Para]) -> None:
    """Paragraphs kept on one page: a new page is begun when they would not fit. (fpdf2's `unbreakable()`
    does the same by copying the whole document, fonts included, for every block: 10 s for a brief of
    20 facts.)"""
    height = sum(_height(pdf, p) for p in paras)
    if pdf.get_y() + height > pdf.page_break_trigger and height < pdf.eph:
        pdf.add_page()
    for p in paras:
        pdf.set_text_color(*p.color)
        pdf.set_x(pdf.l_margin + p.indent)
        _cell(pdf, p)
        if p.gap:
            pdf.ln(p.gap)


def _heading(pdf: FPDF, text: str, level: int) -> None:
    if pdf.get_y() > pdf.page_break_trigger - KEEP_WITH_HEADING:
        pdf.add_page()
    else:
        pdf.ln(3 if level == 1 else 1.5)
    _block(pdf, [Para(text, size=13 if level == 1 else 11, bold=True, gap=1.5)])


def _citation(cited: Cited) -> list[Para]:
    url = cited.source.url
    return [
        Para(cited.quote, size=9.5, color=GREY, indent=QUOTE_INDENT, gap=0.3),
        Para(
            f"— {citation_line(cited)}, {url or NO_LINK}",
            size=8,
            color=LINK if url else GREY,
            indent=QUOTE_INDENT,
            link=url,
            gap=0.8,
        ),
    ]


def _entry(pdf: FPDF, entry: Entry) -> None:
    # A fact stays on one page with its first passage, and each passage with the line naming its text.
    head = [Para(f"• {entry.text}", bold=bool(entry.cited), gap=0.5)]
    if entry.link:
        head.append(Para(entry.link, size=8.5, color=LINK, indent=QUOTE_INDENT / 2, link=entry.link, gap=0.5))
    _block(pdf, head + (_citation(entry.cited[0]) if entry.cited else []))
    for cited in entry.cited[1:]:
        _block(pdf, _citation(cited))
    pdf.ln(1)


def _section(pdf: FPDF, section: Section, level: int) -> None:
    _heading(pdf, section.heading, level)
    for note in section.notes:
        _block(pdf, [Para(note, gap=1)])
    for entry in section.entries:
        _entry(pdf, entry)
    for part in section.parts:
        _section(pdf, part, level + 1)


def render_pdf(outline: Outline) -> bytes:
    """A PDF file whose text can be selected and searched."""
    pdf = _new_pdf(outline.title)
    _block(pdf, [Para(KICKER, size=8.5, color=GREY, gap=1), Para(outline.title, size=16, bold=True, gap=2)])
    for line in outline.header:
        _block(pdf, [Para(line, size=9.5, gap=1)])
    for section in outline.sections:
        _section(pdf, section, 1)
    return bytes(pdf.output())
