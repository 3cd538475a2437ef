"""Word documents (python-docx): paragraphs in order, numbered and bulleted lists written out as
«1. …» / «- …» so the extractors see a list as they would in a plain text, then tables row by row."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx is imported when a .docx is read
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

NUMBERED_STYLES = ("list number",)
BULLETED_STYLES = ("list bullet", "list paragraph")


def _list_kind(paragraph: Paragraph) -> str | None:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if any(style.startswith(s) for s in NUMBERED_STYLES):
        return "number"
    if any(style.startswith(s) for s in BULLETED_STYLES) or numbered:
        return "bullet" if "bullet" in style else "number"
    return None


def document_lines(document: DocxDocument) -> list[str]:
    lines, counter = [], 0
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            counter = 0
            lines.append("")
            continue
        kind = _list_kind(paragraph)
        if kind == "number":
            counter += 1
            lines.append(f"{counter}. {text}")
        elif kind == "bullet":
            lines.append(f"- {text}")
        else:
            counter = 0
            lines.append(text)
        lines.append("")
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                lines += [" – ".join(dict.fromkeys(cells)), ""]
    return lines


MAX_INFLATED_BYTES = (
    200 * 1024 * 1024
)  # a report's DOCX inflates to a few MB; 5 MB that inflate to 2 GiB is a bomb
CHUNK = 1024 * 1024


def _check_inflated_size(raw: bytes) -> None:
    """Refuse an archive that inflates past the limit, by what it declares and by what it really holds (the
    declared sizes may lie), before python-docx inflates any of it."""
    from etl.readers import RejectedFile

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise RejectedFile("corrupt", "not a readable DOCX (not a ZIP archive)") from None
    with archive:
        declared = sum(info.file_size for info in archive.infolist())
        if declared > MAX_INFLATED_BYTES:
            raise RejectedFile(
                "too_large",
                f"the DOCX would inflate to {declared / 2**20:,.0f} MB "
                f"(at most {MAX_INFLATED_BYTES / 2**20:.0f} MB are read)",
            )
        inflated = 0
        for info in archive.infolist():
            try:
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        inflated += len(chunk)
                        if inflated > MAX_INFLATED_BYTES:
                            raise RejectedFile(
                                "too_large",
                                "the DOCX inflates to more than it declares, past "
                                f"{MAX_INFLATED_BYTES / 2**20:.0f} MB",
                            )
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise RejectedFile("corrupt", f"not a readable DOCX ({error.__class__.__name__})") from None


def read_docx_file(raw: bytes) -> tuple[str, str | None, dict]:
    # Imported when a DOCX is read, so extraction workers for plain-text corpora stay small.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from etl.readers import RejectedFile

    _check_inflated_size(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RejectedFile("corrupt", f"not a readable DOCX ({error.__class__.__name__})") from None
    text = "\n".join(document_lines(document)).strip() + "\n"
    if not text.strip():
        raise RejectedFile("no_text", "the DOCX has no text")
    title = document.core_properties.title
    return text, None, {"title": title.strip() if title and title.strip() else None}
