"""What the tracker would take from one uploaded file, without saving it: its document, the meeting it is
about and its facts as warehouse rows. The dashboard's Add documents page shows this before the user
confirms."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.assemble import assemble
from etl.document import Document
from etl.pipeline import ExtractedSource, Rejection, read_and_extract
from etl.readers import MAX_FILE_BYTES
from etl.reference import load_gazetteer
from etl.rows import Tables
from etl.sources_folder import safe_file_name


@dataclass
class Preview:
    file_name: str
    rejection: Rejection | None
    document: Document | None = None
    summit_id: int | None = None
    tables: Tables | None = None


def preview_upload(
    name: str, raw: bytes, max_bytes: int = MAX_FILE_BYTES, metadata: dict[str, str] | None = None
) -> Preview:
    """Read and extract an uploaded file as the ETL would (with `metadata`, the manifest row it will be saved
    with); bad files come back with their rejection."""
    name = safe_file_name(name)
    gazetteer = load_gazetteer()
    result = read_and_extract(Path(name), metadata or {}, gazetteer, max_bytes=max_bytes, raw=raw)
    if isinstance(result, Rejection):
        return Preview(name, result)
    tables = assemble([ExtractedSource(result.document, result.facts)], [], gazetteer)
    return Preview(name, None, result.document, tables.sources[0].summit_id, tables)


# ---- the same, in a process of its own ----

PREVIEW_SECONDS = 60.0  # a report previews in a second or two
PREVIEW_ADDRESS_SPACE_MB = 3072  # the Russian morphology and the NER model are loaded in it


def preview_isolated(
    name: str,
    raw: bytes,
    max_bytes: int = MAX_FILE_BYTES,
    seconds: float = PREVIEW_SECONDS,
    address_space_mb: int = PREVIEW_ADDRESS_SPACE_MB,
    metadata: dict[str, str] | None = None,
) -> Preview:
    """`preview_upload` in a separate process with a time and a memory limit, as the SQL sandbox runs queries:
    a hostile upload (a 5 MB line, a zip bomb) costs that process, never the dashboard's server. A file that
    runs out of time or memory comes back rejected, with the reason."""
    name = safe_file_name(name)
    request = pickle.dumps(
        {
            "name": name,
            "raw": raw,
            "max_bytes": max_bytes,
            "address_space_mb": address_space_mb,
            "metadata": metadata or {},
        }
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "etl.preview_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        out, err = worker.communicate(request, timeout=seconds)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        return Preview(
            name, Rejection(name, "too_slow", f"reading it took more than {seconds:g} s; not read")
        )
    if worker.returncode == 0 and out:
        return pickle.loads(out)  # our own process, our own code: trusted  # noqa: S301
    message = err.decode(errors="replace")
    if "MemoryError" in message or "bad_alloc" in message or worker.returncode in (-9, 137):
        return Preview(
            name, Rejection(name, "too_large", "reading it needed more memory than a preview may use")
        )
    last = ([line for line in message.splitlines() if line.strip()] or ["no message"])[-1]
    return Preview(name, Rejection(name, "corrupt", f"could not be read ({last[:200]})"))
