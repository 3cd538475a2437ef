"""The whole ETL as one library call: a sources folder in, a warehouse file out, a summary back.

Files whose bytes (and manifest row) are unchanged since the last build come from the extraction cache;
the others are read and extracted, on every core when there are many. Assembly and loading always run over
the whole corpus, so an incremental build gives the same warehouse as a full one."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
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
from etl.manifest import Manifest, ManifestWarning, read_manifest
from etl.pipeline import ExtractedSource, Rejection, list_source_sizes
from etl.placement import resolve_summit
from etl.readers import MAX_FILE_BYTES
from etl.reference import Gazetteer, load_gazetteer
from etl.rows import Tables
from etl.spool import TextSpool, spool_folder

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
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def _extract_all(
    jobs: list[ExtractionJob], max_bytes: int, workers: int, on_file: Callable[[Path], None] | None
) -> Iterator[tuple[str | None, ExtractedSource | Rejection]]:
    if workers <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        for batch in _batches(jobs, 1):
            yield from extract_batch(batch, max_bytes, on_file)
        return
    # spawn, not fork: the ETL may run inside a threaded server (the dashboard's upload page).
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=die_with_parent
    ) as pool:
        batches = pool.map(extract_batch, _batches(jobs, workers), repeat(max_bytes))
        for job, (key, result) in zip(jobs, chain.from_iterable(batches), strict=True):
            if on_file:
                on_file(job.path)
            yield key, result


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
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


def build_warehouse(
    sources_dir: Path,
    db_path: Path,
    on_file: Callable[[Path], None] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    full: bool = False,
    workers: int | None = None,
) -> BuildSummary:
    """Read every file in `sources_dir`, extract its facts and write the warehouse at `db_path`.
    Files that cannot be read are reported in the summary (and `etl_rejects`), never fatal.
    `full` ignores the extraction cache; `workers` defaults to the number of cores."""
    with _cyclic_gc_paused():
        return _build(Path(sources_dir), Path(db_path), on_file, max_bytes, full, workers)


def _build(
    sources_dir: Path,
    db_path: Path,
    on_file: Callable[[Path], None] | None,
    max_bytes: int,
    full: bool,
    workers: int | None,
) -> BuildSummary:
    if not sources_dir.is_dir():
        raise FileNotFoundError(f"sources folder not found: {sources_dir}")
    gazetteer = load_gazetteer()
    files = list_source_sizes(sources_dir)
    manifest = read_manifest(sources_dir, {path.name for path, _ in files})
    cache = ExtractionCache.for_warehouse(db_path)
    started = time.perf_counter()
    # the new warehouse file, its schema and reference rows are made on a thread while the files are read
    with spool_folder(db_path) as spool_dir, WarehouseWriter(db_path).open_in_background() as writer:
        plan = _plan(files, manifest, cache, max_bytes, full, on_file, gazetteer, spool_dir)
        hashed_at = time.perf_counter()
        rejections = _extract(plan, max_bytes, workers or os.cpu_count() or 1, on_file)
        extracted_at = time.perf_counter()
        counts, assembled_at = _load(writer, plan.extracted, rejections, gazetteer, manifest.warnings)
    cache.prune(plan.keys)
    loaded_at = time.perf_counter()
    return BuildSummary(
        counts={**counts, "rejected": len(rejections)},
        rejections=rejections,
        seconds={
            "read+hash": hashed_at - started,
            "extract": extracted_at - hashed_at,
            "assemble": assembled_at - extracted_at,
            "load": loaded_at - assembled_at,
        },
        bytes_read=plan.bytes_read,
        files_extracted=len(plan.jobs),
        files_from_cache=plan.from_cache,
        manifest_warnings=manifest.warnings,
    )


# ---- plan: what the cache holds, what must be extracted ----


@dataclass
class _Plan:
    """A build's work: the texts already extracted (from the cache, then from the jobs), the files still to
    extract, and the cache keys of the whole corpus (the entries the cache keeps)."""

    extracted: list[ExtractedSource] = field(default_factory=list)
    jobs: list[ExtractionJob] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    bytes_read: int = 0  # size of every source file, read or served from the cache
    from_cache: int = 0


def _plan(
    files: list[tuple[Path, int]],
    manifest: Manifest,
    cache: ExtractionCache,
    max_bytes: int,
    full: bool,
    on_file: Callable[[Path], None] | None,
    gazetteer: Gazetteer,
    spool_dir: Path,
) -> _Plan:
    """Take every file whose bytes (and manifest row) the cache knows from it; the others become jobs. Their
    texts wait in `spool_dir` for the loader, as the jobs' will."""
    plan = _Plan()
    # With nothing to look up (a first or --full build), the workers hash what they read anyway.
    consult_cache = cache.has_entries() and not full
    with TextSpool(spool_dir) as spool:
        for path, size in files:
            metadata = manifest.get(path.name, {})
            plan.bytes_read += size
            # a link is rejected by its reader; a file over the size limit is never read
            key = (
                _cache_key(path, metadata)
                if consult_cache and size <= max_bytes and not path.is_symlink()
                else None
            )
            hit = cache.get(key) if key is not None else None
            if key is not None:
                plan.keys.add(key)
            if hit is None:
                plan.jobs.append(ExtractionJob(path, metadata, key, cache.directory, spool_dir))
                continue
            hit.document.file_name = path.name
            hit.pack(resolve_summit(hit, gazetteer), spool)
            plan.extracted.append(hit)
            plan.from_cache += 1
            if on_file:
                on_file(path)
    return plan


def _cache_key(path: Path, metadata: dict[str, str]) -> str | None:
    """The file's cache key; None when it is gone or unreadable since the folder was listed (its reader says why)."""
    try:
        return cache_key(hashlib.sha256(path.read_bytes()).hexdigest(), metadata)
    except OSError:
        return None


# ---- extract ----


def _extract(
    plan: _Plan, max_bytes: int, workers: int, on_file: Callable[[Path], None] | None
) -> list[Rejection]:
    """Run the plan's jobs: their texts join `plan.extracted` (their keys `plan.keys`); returns the files rejected."""
    rejections: list[Rejection] = []
    for key, result in _extract_all(plan.jobs, max_bytes, workers, on_file):
        if isinstance(result, ExtractedSource):
            plan.extracted.append(result)
            if key is not None:
                plan.keys.add(key)
        else:
            rejections.append(result)
    return rejections


# ---- assemble and load ----

COUNTED = ("sources", "summits", "participants", "agreements", "figures")


def _counted(stage: Tables) -> Counter[str]:
    """The rows a stage adds to the fact tables (the meetings the texts are about are counted apart)."""
    return Counter(
        {
            "sources": len(stage.sources),
            "participants": len(stage.participants),
            "agreements": len(stage.agreements),
            "figures": len(stage.figures),
        }
    )


def _load(
    writer: WarehouseWriter,
    extracted: list[ExtractedSource],
    rejections: list[Rejection],
    gazetteer: Gazetteer,
    manifest_warnings: list[ManifestWarning],
) -> tuple[dict[str, int], float]:
    """Assemble the rows stage by stage and write each while the next is assembled; swap the new warehouse in.
    Returns the counts and when assembly ended. Empties `extracted` once it is written, to free the texts."""
    counts: Counter[str] = Counter()
    reported: set[int] = set()  # the meetings the texts are about (not the calendar's)
    for stage in assemble_in_stages(extracted, rejections, gazetteer, manifest_warnings):
        writer.write(stage)
        writer.commit_in_background()  # written out while the next stage is assembled
        counts.update(_counted(stage))
        reported.update(s.summit_id for s in stage.sources if s.summit_id)
        del stage  # its rows are in the warehouse now; free them while the next stage is assembled
    counts["summits"] = len(reported)
    extracted.clear()  # every fact and text is in the warehouse now
    assembled_at = time.perf_counter()
    writer.finish()
    return {name: counts[name] for name in COUNTED}, assembled_at
