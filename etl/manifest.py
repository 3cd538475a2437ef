"""MANIFEST.tsv: optional metadata per source file (file, language, publisher, url, published, title), read
strictly. Tabs separate the fields and quotes are plain characters (an unclosed quote must not swallow the
next row); a row that says something wrong is reported and its wrong field left out, and a manifest that
cannot be read at all is reported in one line while the files are read without it."""

from __future__ import annotations

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
        problems.append(f"{len(fields)} fields where the header has {len(header)}; the fields that fit are read")
    row = {}
    for column, value in zip(header, fields, strict=False):
        value = value.strip()
        if len(value) > MAX_FIELD_CHARS:
            problems.append(f"{column}: {len(value):,} characters, left out")
            continue
        if column in ("file", "language", "publisher", "url", "published", "title") and value:
            row[column] = value
    if row.get("language") and row["language"].lower() not in LANGUAGES:
        problems.append(f"language «{row.pop('language')}» is none of {', '.join(LANGUAGES)}; detected from the text")
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
