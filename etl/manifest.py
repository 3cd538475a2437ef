"""MANIFEST.tsv: optional metadata per source file (file, language, publisher, url, published, title), read
strictly. Tabs separate the fields and quotes are plain characters (an unclosed quote must not swallow the
next row); a row that says something wrong is reported and its wrong field left out, and a manifest that
cannot be read at all is reported in one line while the files are read without it."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MANIFEST_NAME = "MANIFEST.tsv"
COLUMNS = ("file", "language", "publisher", "url", "published", "title", "summit_edition", "query")
LANGUAGES = ("ru", "kk", "en")
MAX_FIELD_CHARS = 2_000  # a title or URL is never longer; a 128 KB field is a broken or hostile file
MAX_MANIFEST_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ManifestWarning:
    line: int  # 0: the whole manifest
    file_name: str | None
    problem: str


@dataclass
class Manifest:
    rows: dict[str, dict[str, str]]
    warnings: list[ManifestWarning]

    def get(self, file_name: str, default: dict | None = None) -> dict[str, str]:
        return self.rows.get(file_name, default if default is not None else {})


def read_manifest(directory: Path, files: set[str] | None = None) -> Manifest:
    """The manifest beside the sources (empty without one), with a warning per row it could not take as
    written; `files` (the names in the folder) lets a row about a missing file be reported."""
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file() or path.is_symlink():
        return Manifest({}, [])
    raw = path.read_bytes()
    if len(raw) > MAX_MANIFEST_BYTES:
        return _unread(f"{len(raw):,} bytes is more than any manifest; read the files without it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _unread("not UTF-8 (save it as UTF-8; cp1251 is not read); the files are read without it")
    lines = [line.split("\t") for line in text.splitlines()]
    if not lines or "file" not in [h.strip().lower() for h in lines[0]]:
        return _unread("no header row with a «file» column; the files are read without it")
    header = [h.strip().lower() for h in lines[0]]
    rows: dict[str, dict[str, str]] = {}
    warnings: list[ManifestWarning] = []
    for number, fields in enumerate(lines[1:], start=2):
        if not any(f.strip() for f in fields):
            continue
        row, problems = _row(header, fields)
        name = row.get("file")
        if not name:
            warnings.append(ManifestWarning(number, None, "no file name; row left out"))
            continue
        if files is not None and name not in files:
            problems.append("no such file in the folder")
        if name in rows:
            problems.append("a second row for this file; the first is kept")
        else:
            rows[name] = row
        warnings += [ManifestWarning(number, name, problem) for problem in problems]
    return Manifest(rows, warnings)


def _unread(problem: str) -> Manifest:
    return Manifest({}, [ManifestWarning(0, None, problem)])


def _row(header: list[str], fields: list[str]) -> tuple[dict[str, str], list[str]]:
    problems = []
    if len(fields) != len(header):
        problems.append(
            f"{len(fields)} fields where the header has {len(header)}; the fields that fit are read"
        )
    row = {}
    for column, value in zip(header, fields, strict=False):
        value = value.strip()
        if len(value) > MAX_FIELD_CHARS:
            problems.append(f"{column}: {len(value):,} characters, left out")
            continue
        if column in ("file", "language", "publisher", "url", "published", "title") and value:
            row[column] = value
    if row.get("language") and row["language"].lower() not in LANGUAGES:
        problems.append(
            f"language «{row.pop('language')}» is none of {', '.join(LANGUAGES)}; detected from the text"
        )
    elif row.get("language"):
        row["language"] = row["language"].lower()
    if row.get("published") and not _is_date(row["published"]):
        problems.append(f"published «{row.pop('published')}» is not a date (YYYY-MM-DD); left out")
    if row.get("url") and not row["url"].startswith(("http://", "https://")):
        problems.append(f"url «{row.pop('url')[:80]}» is not a web address; left out")
    return row, problems


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ---- writing rows ----

WRITTEN_COLUMNS = ("file", "language", "publisher", "url", "published", "title")


class ManifestError(Exception):
    """The manifest is there but cannot be added to without losing what it says."""


def manifest_field(column: str, value: object) -> str:
    """`value` as `read_manifest` takes it back unchanged, or "" when it would be refused: one line (a tab or
    line break would start a new field or row), at most MAX_FIELD_CHARS, a date as YYYY-MM-DD, a web address,
    a language we read."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    text = " ".join(
        text.split()
    )  # tabs, line breaks (and \x85, \u2028, which splitlines also breaks at) → spaces
    if column == "language":
        text = text.lower() if text.lower() in LANGUAGES else ""
    elif column == "published":
        text = text if _is_date(text) else ""
    elif column == "url":
        text = text if text.startswith(("http://", "https://")) and len(text) <= MAX_FIELD_CHARS else ""
    return text[:MAX_FIELD_CHARS]


def add_manifest_rows(directory: Path, rows: list[dict[str, object]]) -> bytes | None:
    """Append rows (each with a `file`) to the manifest in `directory`, creating it or adding the columns it
    lacks; returns the manifest's previous bytes (None: there was none) so `restore_manifest` can undo it.
    The file is replaced in one rename, so a reader never sees half of it. Raises ManifestError when the
    manifest is a link or cannot be read (a rewrite would throw away what it says)."""
    path = Path(directory) / MANIFEST_NAME
    previous = _previous_manifest(path)
    text = previous.decode("utf-8-sig") if previous else ""
    lines = text.splitlines() if text.strip() else ["\t".join(WRITTEN_COLUMNS)]
    header = [h.strip().lower() for h in lines[0].split("\t")]
    missing = [column for column in WRITTEN_COLUMNS if column not in header]
    if missing:
        # Only rows that fit the old header get the new empty fields; a ragged row is already reported as such.
        lines = ["\t".join(lines[0].split("\t") + missing)] + [
            line + "\t" * len(missing) if line.count("\t") == len(header) - 1 and line.strip() else line
            for line in lines[1:]
        ]
        header += missing
    for row in rows:
        if manifest_field("file", row.get("file")) != row.get("file") or not row.get("file"):
            raise ValueError(f"{row.get('file')!r} cannot be written in a manifest row as it is")
        lines.append("\t".join(manifest_field(column, row.get(column)) for column in header))
    bom = "\ufeff" if previous and previous.startswith(b"\xef\xbb\xbf") else ""
    _replace(path, (bom + "\n".join(lines) + "\n").encode("utf-8"))
    return previous


def restore_manifest(directory: Path, previous: bytes | None) -> None:
    """Put back the manifest `add_manifest_rows` replaced (or remove the one it created)."""
    path = Path(directory) / MANIFEST_NAME
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        _replace(path, previous)


def remove_manifest_rows(directory: Path, file_names: Collection[str], created: bool = False) -> None:
    """Take the rows of `file_names` out of the manifest, and nothing else: rows others added since stay (putting
    the old bytes back would lose them). A manifest `created` by the rows taken out goes with them."""
    path = Path(directory) / MANIFEST_NAME
    if path.is_symlink() or not path.exists():
        return
    raw = path.read_bytes()
    lines = raw.decode("utf-8-sig").splitlines()
    if not lines:
        return
    header = [h.strip().lower() for h in lines[0].split("\t")]
    column = header.index("file") if "file" in header else 0
    kept = [lines[0]] + [
        line for line in lines[1:] if _field(line, column) not in file_names or not line.strip()
    ]
    if created and not any(line.strip() for line in kept[1:]):
        path.unlink(missing_ok=True)
        return
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    _replace(path, (bom + "\n".join(kept) + "\n").encode("utf-8"))


def _field(line: str, column: int) -> str:
    fields = line.split("\t")
    return fields[column].strip() if column < len(fields) else ""


def _previous_manifest(path: Path) -> bytes | None:
    if path.is_symlink():
        raise ManifestError(f"{path} is a symbolic link; it is not read, and not written through")
    if not path.exists():
        return None
    raw = path.read_bytes()
    problems = read_manifest(path.parent).warnings
    if any(w.line == 0 for w in problems) and raw.decode("utf-8-sig", "replace").strip():
        raise ManifestError(f"{path} cannot be read ({problems[0].problem}); fix it before adding rows")
    return raw


def _replace(path: Path, data: bytes) -> None:
    # A hidden temporary name: the build lists no hidden files, so it never reads this half-written copy.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)  # left by a killed run of a process with our id
    try:
        with open(temporary, "xb") as handle:  # «x»: never through a link planted under this name
            handle.write(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
