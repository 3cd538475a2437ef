"""Word lists kept as data: one row a line (a word, phrase or stem pattern, and for some lists more columns
after tabs); `#` starts a comment."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

DICTS_DIR = Path(__file__).parent


@cache
def load_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Read `etl/dicts/<name>.txt`: one row a line, columns split by tabs, as written (case kept); blank lines
    and lines starting with `#` are skipped. Every list is read here, whatever its columns."""
    rows = []
    for line in (DICTS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(column.strip() for column in line.split("\t")))
    return tuple(rows)


@cache
def load_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """Rows of `name` as (key, value) pairs, keys lower-cased."""
    return tuple((row[0].lower(), row[1]) for row in load_rows(name))


@cache
def load_words(name: str) -> tuple[str, ...]:
    """The first column of `name`: a list of words, phrases or stem patterns, as written."""
    return tuple(row[0] for row in load_rows(name))


def words_where(name: str, column: str) -> tuple[str, ...]:
    """The words of `name` whose second column is `column`."""
    return tuple(row[0] for row in load_rows(name) if len(row) > 1 and row[1] == column)


@lru_cache(maxsize=65536)
def lookup_stem(word: str, name: str) -> str | None:
    """Value of the longest stem in dictionary `name` that `word` starts with."""
    word = word.lower()
    best: tuple[int, str] | None = None
    for stem, value in load_pairs(name):
        if word.startswith(stem) and (best is None or len(stem) > best[0]):
            best = (len(stem), value)
    return best[1] if best else None
