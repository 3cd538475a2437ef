"""The whole ETL as one library call: a sources folder in, a warehouse file out, a summary back."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from etl.assemble import assemble
from etl.loader import write_warehouse
from etl.pipeline import ExtractedSource, Rejection, list_source_files, read_and_extract, read_manifest
from etl.readers import MAX_FILE_BYTES
from etl.reference import load_gazetteer

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


@dataclass
class BuildSummary:
    counts: dict[str, int]
    rejections: list[Rejection]
    seconds: dict[str, float] = field(default_factory=dict)
    bytes_read: int = 0


def build_warehouse(sources_dir: Path, db_path: Path, on_file: Callable[[Path], None] | None = None,
                    max_bytes: int = MAX_FILE_BYTES) -> BuildSummary:
    """Read every file in `sources_dir`, extract its facts and write the warehouse at `db_path`.
    Files that cannot be read are reported in the summary (and `etl_rejects`), never fatal."""
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        raise FileNotFoundError(f"sources folder not found: {sources_dir}")
    gazetteer = load_gazetteer()
    manifest = read_manifest(sources_dir)
    started = time.perf_counter()
    extracted: list[ExtractedSource] = []
    rejections: list[Rejection] = []
    for path in list_source_files(sources_dir):
        result = read_and_extract(path, manifest.get(path.name, {}), gazetteer, max_bytes=max_bytes)
        (extracted if isinstance(result, ExtractedSource) else rejections).append(result)
        if on_file:
            on_file(path)
    extracted_at = time.perf_counter()
    tables = assemble(extracted, rejections, gazetteer)
    write_warehouse(tables, db_path)
    loaded_at = time.perf_counter()
    counts = {
        "sources": len(tables.sources), "summits": len({s["summit_id"] for s in tables.sources if s["summit_id"]}),
        "participants": len(tables.participants), "agreements": len(tables.agreements),
        "figures": len(tables.figures), "rejected": len(rejections),
    }
    return BuildSummary(
        counts=counts, rejections=rejections,
        seconds={"read+extract": extracted_at - started, "assemble+load": loaded_at - extracted_at},
        bytes_read=sum(len(s.document.text.encode()) for s in extracted),
    )
