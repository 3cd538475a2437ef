"""What the tracker would take from one uploaded file, without saving it: its document, the meeting it is
about and its facts as warehouse rows. The dashboard's Add documents page shows this before the user
confirms."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.assemble import Tables, assemble
from etl.document import Document
from etl.pipeline import ExtractedSource, Rejection, read_and_extract
from etl.readers import MAX_FILE_BYTES
from etl.reference import load_gazetteer


@dataclass
class Preview:
    file_name: str
    rejection: Rejection | None
    document: Document | None = None
    summit_id: int | None = None
    tables: Tables | None = None


def safe_file_name(name: str) -> str:
    """The base name only (no folders, no leading dots), so an upload cannot write outside the sources folder."""
    base = Path(name.replace("\\", "/")).name.lstrip(".").strip()
    return base or "upload.txt"


def preview_upload(name: str, raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> Preview:
    """Read and extract an uploaded file as the ETL would; bad files come back with their rejection."""
    name = safe_file_name(name)
    gazetteer = load_gazetteer()
    result = read_and_extract(Path(name), {}, gazetteer, max_bytes=max_bytes, raw=raw)
    if isinstance(result, Rejection):
        return Preview(name, result)
    tables = assemble([ExtractedSource(result.document, result.facts)], [], gazetteer)
    return Preview(name, None, result.document, tables.sources[0]["summit_id"], tables)
