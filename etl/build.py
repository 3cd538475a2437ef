"""The whole ETL as one library call: a sources folder in, a warehouse file out, a summary back.

Files whose bytes (and manifest row) are unchanged since the last build come from the extraction cache;
the others are read and extracted, on every core when there are many. Assembly and loading always run over
the whole corpus, so an incremental build gives the same warehouse as a full one."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, repeat
from multiprocessing import get_context
from pathlib import Path

from etl.assemble import assemble_in_stages
from etl.batches import ExtractionJob, die_with_parent, extract_batch
from etl.cache import ExtractionCache, cache_key
from etl.loader import WarehouseWriter
from etl.manifest import ManifestWarning, read_manifest
from etl.pipeline import ExtractedSource, Rejection, list_source_sizes
from etl.readers import MAX_FILE_BYTES
from etl.reference import load_gazetteer

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves
BATCHES_PER_WORKER = 32  # small batches at the end keep both cores busy to the last file


@dataclass
class BuildSummary:
    counts: dict[str, int]
    rejections: list[Rejection]
    seconds: dict[str, float] = field(default_factory=dict)
    bytes_read: int = 0  # size of every source file, read or served from the cache
    files_extracted: int = 0
    files_from_cache: int = 0
    manifest_warnings: list[ManifestWarning] = field(default_factory=list)


def _batches(jobs: list[ExtractionJob], workers: int) -> list[list[ExtractionJob]]:
    """Contiguous batches, several per worker so that one slow batch does not leave a core idle at the end."""
    size = max(PARALLEL_MIN_FILES // 2, -(-len(jobs) // (workers * BATCHES_PER_WORKER)))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def _extract_all(jobs: list[ExtractionJob], max_bytes: int, workers: int, on_file: Callable[[Path], None] | None):
    if workers <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        for batch in _batches(jobs, 1):
            yield from extract_batch(batch, max_bytes, on_file)
        return
    # spawn, not fork: the ETL may run inside a threaded server (the dashboard's upload page).
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=die_with_parent) as pool:
        batches = pool.map(extract_batch, _batches(jobs, workers), repeat(max_bytes))
        for job, (key, result) in zip(jobs, chain.from_iterable(batches), strict=True):
            if on_file:
                on_file(job.path)
            yield key, result


@contextmanager
def _cyclic_gc_paused():
    """A build holds hundreds of thousands of facts and makes no reference cycles: Python's cyclic
    collector would walk them all, again and again, as they pile up (two thirds of the main process's CPU
    while 20,000 texts were extracted, measured); reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_warehouse(sources_dir: Path, db_path: Path, on_file: Callable[[Path], None] | None = None,
                    max_bytes: int = MAX_FILE_BYTES, full: bool = False, workers: int | None = None) -> BuildSummary:
    """Read every file in `sources_dir`, extract its facts and write the warehouse at `db_path`.
    Files that cannot be read are reported in the summary (and `etl_rejects`), never fatal.
    `full` ignores the extraction cache; `workers` defaults to the number of cores."""
    with _cyclic_gc_paused():
        return _build(Path(sources_dir), Path(db_path), on_file, max_bytes, full, workers)


def _build(sources_dir: Path, db_path: Path, on_file: Callable[[Path], None] | None, max_bytes: int, full: bool,
           workers: int | None) -> BuildSummary:
    if not sources_dir.is_dir():
        raise FileNotFoundError(f"sources folder not found: {sources_dir}")
    workers = workers or os.cpu_count() or 1
    gazetteer = load_gazetteer()
    sources = list_source_sizes(sources_dir)
    manifest = read_manifest(sources_dir, {path.name for path, _ in sources})
    extraction_cache = ExtractionCache.for_warehouse(db_path)
    started = time.perf_counter()

    extracted: list[ExtractedSource] = []
    rejections: list[Rejection] = []
    jobs: list[ExtractionJob] = []
    keys: set[str] = set()
    bytes_read = 0
    # With nothing to look up (a first or --full build), the workers hash what they read anyway.
    consult_cache = extraction_cache.has_entries() and not full
    for path, size in sources:
        metadata = manifest.get(path.name, {})
        bytes_read += size
        key = None
        if consult_cache and size <= max_bytes and not path.is_symlink():  # a link is rejected by its reader
            try:
                key = cache_key(hashlib.sha256(path.read_bytes()).hexdigest(), metadata)
            except OSError:  # gone or unreadable since the folder was listed: the reader says why
                jobs.append(ExtractionJob(path, metadata, None, extraction_cache.directory))
                continue
            keys.add(key)
            hit = extraction_cache.get(key)
            if hit is not None:
                hit.document.file_name = path.name
                extracted.append(hit)
                if on_file:
                    on_file(path)
                continue
        jobs.append(ExtractionJob(path, metadata, key, extraction_cache.directory))
    hashed_at = time.perf_counter()

    for key, result in _extract_all(jobs, max_bytes, workers, on_file):
        if isinstance(result, ExtractedSource):
            extracted.append(result)
            keys.add(key)
        else:
            rejections.append(result)
    extracted_at = time.perf_counter()

    loaded_files = len(extracted) + len(rejections)
    counts: dict[str, int] = {}
    with WarehouseWriter(db_path) as writer:
        for stage in assemble_in_stages(extracted, rejections, gazetteer, manifest.warnings):
            writer.write(stage)
            writer.commit_in_background()  # written out while the next stage is assembled
            counts.update({table: len(stage[table]) for table in ("sources", "participants", "agreements", "figures")
                           if table in stage})
            if "sources" in stage:  # the meetings the texts are about, not the calendar's
                counts["summits"] = len({s["summit_id"] for s in stage["sources"] if s["summit_id"]})
            del stage  # its rows are in the warehouse now; free them while the next stage is assembled
        del extracted  # every fact and text is in the warehouse now
        assembled_at = time.perf_counter()
        writer.finish()
    extraction_cache.prune(keys)
    loaded_at = time.perf_counter()
    counts = {name: counts.get(name, 0) for name in ("sources", "summits", "participants", "agreements", "figures")}
    counts["rejected"] = len(rejections)
    return BuildSummary(
        counts=counts, rejections=rejections,
        seconds={"read+hash": hashed_at - started, "extract": extracted_at - hashed_at,
                 "assemble": assembled_at - extracted_at, "load": loaded_at - assembled_at},
        bytes_read=bytes_read, files_extracted=len(jobs), files_from_cache=loaded_files - len(jobs),
        manifest_warnings=manifest.warnings,
    )
