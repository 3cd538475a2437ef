"""The brief as a PDF (fpdf2) with a text layer. The fonts are DejaVu Sans, shipped in fonts/ with their
licence: the PDF core fonts have no Cyrillic, and a machine's own fonts cannot be counted on."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from warehouse.brief.markdown import KICKER
from warehouse.brief.outline import NO_LINK, Cited, Entry, Outline, Section, citation_line

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
GREY, INK, LINK = (90, 90, 90), (20, 20, 20), (5, 99, 193)
QUOTE_INDENT = 8  # mm
LINE = 5  # mm per line of body text


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


def _text(pdf: FPDF, text: str, size: float = 10, bold: bool = False, color=INK, indent: float = 0,
          link: str | None = None, gap: float = 0) -> None:
    """A left-aligned paragraph (justified text would stretch the spaces of the text layer too)."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, size * 0.5, text, align="L", link=link or None,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if gap:
        pdf.ln(gap)


KEEP_WITH_HEADING = 50  # mm: a heading with less room than this below it starts the next page


def _heading(pdf: FPDF, text: str, level: int) -> None:
    if pdf.get_y() > pdf.page_break_trigger - KEEP_WITH_HEADING:
        pdf.add_page()
    else:
        pdf.ln(3 if level == 1 else 1.5)
    _text(pdf, text, size=13 if level == 1 else 11, bold=True, gap=1.5)


def _citation(pdf: FPDF, cited: Cited) -> None:
    url = cited.source.url
    _text(pdf, cited.quote, size=9.5, color=GREY, indent=QUOTE_INDENT, gap=0.3)
    _text(pdf, f"— {citation_line(cited)}, {url or NO_LINK}", size=8, color=LINK if url else GREY,
          indent=QUOTE_INDENT, link=url, gap=0.8)


def _entry(pdf: FPDF, entry: Entry) -> None:
    # A fact stays on one page with its first passage, and each passage with the line naming its text.
    with pdf.unbreakable() as block:
        _text(block, f"• {entry.text}", bold=bool(entry.cited), gap=0.5)
        if entry.link:
            _text(block, entry.link, size=8.5, color=LINK, indent=QUOTE_INDENT / 2, link=entry.link, gap=0.5)
        if entry.cited:
            _citation(block, entry.cited[0])
    for cited in entry.cited[1:]:
        with pdf.unbreakable() as block:
            _citation(block, cited)
    pdf.ln(1)


def _section(pdf: FPDF, section: Section, level: int) -> None:
    _heading(pdf, section.heading, level)
    for note in section.notes:
        _text(pdf, note, gap=1)
    for entry in section.entries:
        _entry(pdf, entry)
    for part in section.parts:
        _section(pdf, part, level + 1)


def render_pdf(outline: Outline) -> bytes:
    """A PDF file whose text can be selected and searched."""
    pdf = _new_pdf(outline.title)
    _text(pdf, KICKER, size=8.5, color=GREY, gap=1)
    _text(pdf, outline.title, size=16, bold=True, gap=2)
    for line in outline.header:
        _text(pdf, line, size=9.5, gap=1)
    for section in outline.sections:
        _section(pdf, section, 1)
    return bytes(pdf.output())
