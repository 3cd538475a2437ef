"""Where a build keeps its texts between extraction and loading: appended as UTF-8 to files in a folder beside
the new warehouse, and read back one by one when the sources table is written.

A build of 20,000 reports holds their facts in memory until every text is in, but not the texts themselves
(a quarter of a gigabyte). Keeping them compressed in memory cost each worker a zlib pass over every text and
the loader another to undo it; a file costs a write and a read."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NamedTuple


class Spooled(NamedTuple):
    """Where one text lies: its spool file, the offset and the length of its UTF-8 bytes."""

    path: str
    offset: int
    size: int


class TextSpool:
    """One spool file, written by one process (a worker's batch, or the build itself)."""

    def __init__(self, directory: Path):
        self.path = Path(directory) / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.txt"
        # opened with the first text: a build that takes no text from the cache makes no file for them
        self._file: BinaryIO | None = None
        self._offset = 0

    def add(self, text: str) -> Spooled:
        data = text.encode("utf-8", "surrogatepass")  # a text is kept exactly as read
        if self._file is None:
            self._file = self.path.open("ab")
        self._file.write(data)
        spooled = Spooled(str(self.path), self._offset, len(data))
        self._offset += len(data)
        return spooled

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> TextSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_spooled(spooled: Spooled) -> str:
    """The text back, as it was added."""
    with open(spooled.path, "rb") as file:
        file.seek(spooled.offset)
        data = file.read(spooled.size)
    if len(data) != spooled.size:
        raise OSError(f"the spool file {spooled.path} lost a text (the build's temporary files were removed)")
    return data.decode("utf-8", "surrogatepass")


@contextmanager
def spool_folder(db_path: Path) -> Iterator[Path]:
    """A folder for a build's spool files beside the warehouse it builds, removed when the block ends. Named like
    the build's temporary file (`.summits.duckdb.building-<pid>-…`), so that a killed build's folder is removed
    by the next build (etl/loader.remove_stale_builds)."""
    folder = Path(db_path).with_name(
        f".{Path(db_path).name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}.texts"
    )
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
