"""The brief as a Word document (python-docx), with the styles of its default template: Title, Heading 1–2,
List Bullet, Quote; links are real hyperlinks."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.document import Document as WordFile
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from warehouse.brief.markdown import KICKER
from warehouse.brief.outline import NO_LINK, Entry, Outline, Section, citation_line

LINK_COLOR = "0563C1"


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """python-docx has no call that adds a hyperlink: write the run inside a w:hyperlink element."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), LINK_COLOR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([color, underline])
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.extend([props, text_element])
    link.append(run)
    paragraph._p.append(link)


def _link(paragraph: Paragraph, url: str | None) -> None:
    if url:
        _hyperlink(paragraph, url, url)
    else:
        paragraph.add_run(NO_LINK)


def _entry(doc: WordFile, entry: Entry) -> None:
    item = doc.add_paragraph(entry.text, style="List Bullet")
    if entry.link:
        item.add_run(" — ")
        _link(item, entry.link)
    for cited in entry.cited:
        doc.add_paragraph(cited.quote, style="Quote")
        source = doc.add_paragraph(style="Quote")
        source.add_run(f"— {citation_line(cited)}, ")
        _link(source, cited.source.url)
        for run in source.runs:
            run.font.size = Pt(9)


def _section(doc: WordFile, section: Section, level: int) -> None:
    doc.add_heading(section.heading, level=level)
    for note in section.notes:
        doc.add_paragraph(note)
    for entry in section.entries:
        _entry(doc, entry)
    for part in section.parts:
        _section(doc, part, level + 1)


def render_docx(outline: Outline) -> bytes:
    """A .docx file."""
    doc = WordDocument()
    doc.core_properties.title = outline.title
    doc.core_properties.subject = KICKER
    kicker = doc.add_paragraph().add_run(KICKER)
    kicker.font.size, kicker.font.color.rgb = Pt(9), RGBColor(0x59, 0x59, 0x59)
    doc.add_heading(outline.title, level=0)
    for line in outline.header:
        doc.add_paragraph(line)
    for section in outline.sections:
        _section(doc, section, 1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
