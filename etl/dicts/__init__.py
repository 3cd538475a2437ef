"""Word lists kept as data: one `key<TAB>value` pair a line, `#` starts a comment."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

DICTS_DIR = Path(__file__).parent


@cache
def load_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """Read `etl/dicts/<name>.txt` as (key, value) pairs, keys lower-cased."""
    pairs = []
    for line in (DICTS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, value = line.split("\t")[:2]
        pairs.append((key.strip().lower(), value.strip()))
    return tuple(pairs)


@lru_cache(maxsize=65536)
def lookup_stem(word: str, name: str) -> str | None:
    """Value of the longest stem in dictionary `name` that `word` starts with."""
    word = word.lower()
    best: tuple[int, str] | None = None
    for stem, value in load_pairs(name):
        if word.startswith(stem) and (best is None or len(stem) > best[0]):
            best = (len(stem), value)
    return best[1] if best else None
