"""The work of one extraction process: a batch of files read, extracted and cached. Kept apart from the
build so that a worker process imports only the readers and extractors, not DuckDB and Arrow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.cache import ExtractionCache, cache_key
from etl.pipeline import ExtractedSource, Rejection, read_and_extract
from etl.placement import resolve_summit
from etl.reference import load_gazetteer
from etl.spool import TextSpool


@dataclass(frozen=True)
class ExtractionJob:
    path: Path
    metadata: dict[str, str]
    key: str | None  # cache key; None when not hashed yet (the worker hashes it) or too large to hash
    cache_dir: Path
    spool_dir: Path  # where the batch's texts wait for the loader (etl/spool.py)


def die_with_parent() -> None:
    """A worker's initializer: on Linux, ask the kernel to end this process when the build that started it
    dies (killed mid-extraction, its workers would otherwise run on, ~130 MB each)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        pass


PR_SET_PDEATHSIG = 1


def extract_batch(
    jobs: list[ExtractionJob], max_bytes: int, on_file: Callable[[Path], None] | None = None
) -> list[tuple[str | None, ExtractedSource | Rejection]]:
    """Read, extract and cache a batch of files: (cache key, result) per file, the key None for a rejected
    file. Runs in a worker process, so the cache is written in parallel too, as one pack per batch."""
    results: list[tuple[str | None, ExtractedSource | Rejection]] = []
    entries = []
    for job in jobs:
        result = read_and_extract(job.path, job.metadata, max_bytes=max_bytes)
        if on_file:
            on_file(job.path)
        key = None
        if isinstance(result, ExtractedSource):
            result.document.passages = []  # the facts hold their spans; passages need not travel back
            key = job.key or cache_key(result.document.sha256, job.metadata)
            entries.append((key, result))
        results.append((key, result))
    if jobs:
        ExtractionCache(jobs[0].cache_dir).put_many(entries)
    gazetteer = load_gazetteer()
    if entries:
        with TextSpool(jobs[0].spool_dir) as spool:
            for _, source in entries:
                # after caching (the cache keeps the text): placed while the whole text is here, then packed
                source.pack(resolve_summit(source, gazetteer), spool)
    return results
