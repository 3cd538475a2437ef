"""Readers turn a file into a `Document`, one module per input format; a file that cannot be read
raises `RejectedFile` with a reason code and a message a user can act on."""

from __future__ import annotations

import hashlib
from pathlib import Path

from etl.document import Document, segment
from etl.language import detect_language
from etl.readers import docx as docx_reader
from etl.readers import html as html_reader
from etl.readers import pdf as pdf_reader
from etl.readers import text as text_reader

MAX_FILE_BYTES = 20 * 1024 * 1024
LANGUAGES = ("ru", "kk", "en")

# file suffix → (format name, reader); every reader returns (text, encoding, {title, published_on})
READERS = {
    ".txt": ("txt", text_reader.read_text_file),
    ".md": ("md", text_reader.read_text_file),
    ".html": ("html", html_reader.read_html_file),
    ".htm": ("html", html_reader.read_html_file),
    ".pdf": ("pdf", pdf_reader.read_pdf_file),
    ".docx": ("docx", docx_reader.read_docx_file),
}


class RejectedFile(Exception):
    """A source that cannot be loaded: `reason` is a short code, the message says why."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def supported_suffixes() -> tuple[str, ...]:
    return tuple(READERS)


def read_document(
    path: Path,
    metadata: dict[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    raw: bytes | None = None,
) -> Document:
    """Read one source file (or its bytes, when already read) into a segmented `Document`, or raise
    `RejectedFile`."""
    metadata = metadata or {}
    known = READERS.get(path.suffix.lower())
    if known is None:
        raise RejectedFile(
            "unsupported_format",
            f"{path.suffix or 'no extension'}: not a format the ETL reads ({', '.join(READERS)})",
        )
    fmt, reader = known
    if raw is None and (path.is_symlink() or not path.is_file()):
        # «x.txt → /etc/passwd»: what a link points at is not a source the user dropped into the folder
        raise RejectedFile(
            "not_regular", "a symbolic link or special file, not a regular file in the folder: not read"
        )
    size = len(raw) if raw is not None else path.stat().st_size
    if size > max_bytes:
        raise RejectedFile("too_large", f"{size:,} bytes is over the {max_bytes:,}-byte limit")
    raw = raw if raw is not None else path.read_bytes()
    if not raw.strip():
        raise RejectedFile("empty", "the file is empty")
    text, encoding, extra = reader(raw)
    if not text.strip():
        raise RejectedFile("no_text", "no text could be read from the file")
    language = (metadata.get("language") or "").strip().lower()
    if language not in LANGUAGES:  # a manifest may say "RU" or a language we do not read: detect it
        language = detect_language(text)
    document = Document(
        file_name=path.name,
        text=text,
        language=language,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        format=fmt,
        title=metadata.get("title") or extra.get("title"),
        publisher=metadata.get("publisher") or extra.get("publisher") or None,
        url=metadata.get("url") or extra.get("url") or None,
        published_on=text_reader.parse_iso_date(metadata.get("published")) or extra.get("published_on"),
    )
    document.set_passages(segment(text_reader.without_metadata(text)))
    return document
