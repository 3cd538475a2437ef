"""Adding files to the sources folder — the uploads of the Add documents page and the pages `python -m etl fetch`
brings: each under a name of its own (never over an existing file, never through a link planted under its
name), with its MANIFEST.tsv row; and taken out again, manifest included, when the build after them fails."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from etl.manifest import (
    MANIFEST_NAME,
    add_manifest_rows,
    read_manifest,
    remove_manifest_rows,
    restore_manifest,
)

try:
    import fcntl
except ImportError:  # not POSIX: additions are not serialised (one user at a time)
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class NewSource:
    name: str  # wished-for file name; a free one is taken
    raw: bytes
    manifest: dict[str, object] | None = None  # its manifest row without `file` (url, title, publisher, …)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass
class Addition:
    """What `add_sources` wrote, so that `undo_addition` can take it out again."""

    directory: Path
    paths: list[Path] = field(default_factory=list)
    manifest_changed: bool = False
    previous_manifest: bytes | None = None  # None: there was none
    written_manifest: bytes | None = None


def safe_file_name(name: str) -> str:
    """The base name only (no folders, no leading dots), so a name cannot write outside the sources folder.
    «../../etc/passwd» → «passwd»"""
    base = Path(name.replace("\\", "/")).name.lstrip(".").strip()
    return base or "upload.txt"


def _free_name(directory: Path, name: str, taken: Collection[str]) -> Path:
    path = directory / name
    stem, suffix, n = path.stem, path.suffix, 1
    # A dangling link «exists» not, but writing through it would escape; a name the manifest already has a row
    # for would get that row's metadata, not its own.
    while path.exists() or path.is_symlink() or path.name in taken:
        n += 1
        path = directory / f"{stem}-{n}{suffix}"
    return path


def save_new_file(directory: Path, name: str, raw: bytes, taken: Collection[str] = frozenset()) -> Path:
    """Write a new file in the folder and nowhere else: opened with «xb», so an existing file or a link planted
    under its name is never written through. `taken`: names not to use though no file has them."""
    while True:
        path = _free_name(directory, safe_file_name(name), taken)
        try:
            with open(path, "xb") as handle:
                handle.write(raw)
            return path
        except FileExistsError:
            continue  # taken between the check and the open: the next free name


def unique_sources(sources: list[NewSource]) -> list[NewSource]:
    """The sources with the same bytes kept once (the first)."""
    seen: set[str] = set()
    unique = []
    for source in sources:
        if source.sha256 not in seen:
            seen.add(source.sha256)
            unique.append(source)
    return unique


def add_sources(directory: Path, sources: list[NewSource]) -> Addition:
    """Save each source (the same bytes once) under a free name, then append the manifest rows of those that
    have one. If anything fails, what was written is removed again and the error raised."""
    directory = Path(directory)
    addition = Addition(directory)
    with folder_lock(directory):
        try:
            taken = set(read_manifest(directory).rows)
            rows = []
            for source in unique_sources(sources):
                path = save_new_file(directory, source.name, source.raw, taken)
                addition.paths.append(path)
                if source.manifest is not None:
                    rows.append({**source.manifest, "file": path.name})
            if rows:
                addition.previous_manifest = add_manifest_rows(directory, rows)
                addition.manifest_changed = True
                addition.written_manifest = (directory / MANIFEST_NAME).read_bytes()
        except BaseException:
            _undo(addition)
            raise
    return addition


def undo_addition(addition: Addition) -> None:
    """Remove the files an addition saved and put the manifest back as it was; if others added rows since, only
    this addition's rows are taken out (theirs stay)."""
    with folder_lock(addition.directory):
        _undo(addition)


def _undo(addition: Addition) -> None:
    for path in addition.paths:
        path.unlink(missing_ok=True)
    if not addition.manifest_changed:
        return
    manifest = addition.directory / MANIFEST_NAME
    if manifest.exists() and manifest.read_bytes() == addition.written_manifest:
        restore_manifest(addition.directory, addition.previous_manifest)
    else:
        names = {path.name for path in addition.paths}
        remove_manifest_rows(addition.directory, names, created=addition.previous_manifest is None)


@contextmanager
def folder_lock(directory: Path) -> Iterator[None]:
    """One addition to the folder at a time, across processes (two users of the dashboard, a fetch from the
    command line): the manifest is read, a row appended and the file replaced, and two doing so at once would
    each write the other's row away."""
    if fcntl is None:
        yield
        return
    # The folder itself is locked: no lock file to leave behind, or to list as a source.
    handle = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing lets go of the lock
