"""Adding files to the sources folder — the uploads of the Add documents page and the pages `python -m etl fetch`
brings: each under a name of its own (never over an existing file, never through a link planted under its
name), with its MANIFEST.tsv row; and taken out again, manifest included, when the build after them fails."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from etl.manifest import add_manifest_rows, read_manifest, restore_manifest


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
    previous_manifest: bytes | None = None


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
    except BaseException:
        undo_addition(addition)
        raise
    return addition


def undo_addition(addition: Addition) -> None:
    """Remove the files an addition saved and put its manifest back as it was."""
    for path in addition.paths:
        path.unlink(missing_ok=True)
    if addition.manifest_changed:
        restore_manifest(addition.directory, addition.previous_manifest)
