"""The extraction cache behind incremental builds: each file's document and facts, stored as JSON under
the hash of its bytes and metadata, so an unchanged file is not read through the extractors again.

Entries are kept in packs: JSON-lines files (`<key>\t<json>` per line), one per batch of files extracted
together, because thousands of small files cost more file-system work than the extraction they save. A
build that leaves stale or duplicate entries, or many packs, behind rewrites the live entries as one pack.
Packs live in `<warehouse dir>/.etl-cache/<rules version>/`, where the rules version hashes the ETL's
code, word lists and reference data: any change to the rules starts a fresh cache."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import os
import re
import shutil
import time
import uuid
from datetime import date
from functools import cache
from pathlib import Path

from etl.document import Document
from etl.extract.agreements import AgreementMention
from etl.extract.figures import FigureMention
from etl.extract.participants import ParticipantMention
from etl.extract.summits import SummitMention
from etl.pipeline import ExtractedSource

PROJECT = Path(__file__).resolve().parent.parent
RULES_VERSION_CHARS = 16
FACT_TYPES = {
    cls.__name__: cls for cls in (SummitMention, ParticipantMention, AgreementMention, FigureMention)
}
DATE_FIELDS = {"held_on", "published_on"}


@cache
def rules_version() -> str:
    """A hash of everything that decides what is extracted: etl/ code and word lists, reference data."""
    digest = hashlib.sha256()
    files = sorted(
        [
            *PROJECT.joinpath("etl").rglob("*.py"),
            *PROJECT.joinpath("etl", "dicts").glob("*.txt"),
            *PROJECT.joinpath("data", "reference").glob("*.csv"),
        ]
    )
    for path in files:
        digest.update(path.relative_to(PROJECT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:RULES_VERSION_CHARS]


def cache_key(raw_sha256: str, metadata: dict[str, str]) -> str:
    return hashlib.sha256((raw_sha256 + json.dumps(metadata, sort_keys=True)).encode()).hexdigest()


PACK_SUFFIX = ".jsonl"
RULES_VERSION_NAME = re.compile(rf"[0-9a-f]{{{RULES_VERSION_CHARS}}}")  # a folder rules_version() names
MAX_PACKS = 256  # beyond this many packs, reading them costs more than rewriting them as one


def _json_default(value: object) -> str:
    """JSON for the one non-JSON type in a document or fact: dates."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not stored in the extraction cache")


@cache
def _values_of(cls: type) -> operator.attrgetter:
    """Reads every field of a fact at once, as a tuple, in C."""
    return operator.attrgetter(*_field_names(cls))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _tuple_positions(cls: type) -> tuple[int, ...]:
    return tuple(n for n, f in enumerate(dataclasses.fields(cls)) if str(f.type).startswith("tuple"))


@cache
def _date_positions(cls: type) -> tuple[int, ...]:
    return tuple(n for n, name in enumerate(_field_names(cls)) if name in DATE_FIELDS)


def _encode(source: ExtractedSource) -> dict:
    doc = source.document
    fields = {name: getattr(doc, name) for name in _field_names(Document) if name != "passages"}
    return {
        "document": fields,
        # A fact is a flat record (strings, numbers, tuples of strings): stored as [type, *values] in field
        # order, which the rules version pins, so that reading it back is one positional call.
        # (a class is hashable; mypy takes a dataclass's __hash__ = None for its class's)
        "facts": [[type(f).__name__, *_values_of(type(f))(f)] for f in source.facts],  # type: ignore[arg-type]
    }


def _decode(data: dict) -> ExtractedSource:
    fields = dict(data["document"])
    fields["published_on"] = date.fromisoformat(fields["published_on"]) if fields["published_on"] else None
    facts = []
    for raw in data["facts"]:
        cls = FACT_TYPES[raw[0]]
        values = raw[1:]
        for n in _tuple_positions(cls):  # JSON gives back lists
            values[n] = tuple(values[n])
        for n in _date_positions(cls):
            values[n] = date.fromisoformat(values[n]) if values[n] else None
        facts.append(cls(*values))
    return ExtractedSource(Document(**fields), facts)


def encode_entry(key: str, source: ExtractedSource) -> str:
    """One pack line."""
    return key + "\t" + json.dumps(_encode(source), ensure_ascii=False, default=_json_default) + "\n"


TAKEN = ""  # an entry the build has read (its payload let go)


class ExtractionCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.root = self.directory.parent
        self._entries: dict[str, str] | None = None  # key → JSON, read from the packs on first use
        self._lines_read = 0
        self._packs_at_start: set[Path] | None = None  # the packs there when the build began

    @classmethod
    def for_warehouse(cls, db_path: Path) -> ExtractionCache:
        """The cache beside a warehouse file, for the current rules."""
        return cls(Path(db_path).parent / ".etl-cache" / rules_version())

    def has_entries(self) -> bool:
        """Whether there is anything to look up; a build asks once, at its start."""
        self._packs_at_start = set(self._packs())
        return bool(self._packs_at_start)

    def _packs(self) -> list[Path]:
        return sorted(self.directory.glob(f"*{PACK_SUFFIX}"))

    def _read_packs(self) -> dict[str, str]:
        entries: dict[str, str] = {}
        self._lines_read = 0
        for pack in self._packs():
            try:
                content = pack.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # an unreadable pack only means its files are extracted again
            for line in content.split("\n"):  # not splitlines(): JSON leaves U+2028 and U+0085 unescaped
                key, tab, payload = line.partition("\t")
                if tab:
                    entries[key] = payload
                    self._lines_read += 1
        return entries

    def get(self, key: str) -> ExtractedSource | None:
        """The entry of `key`, taken once: its text is let go of here, as the build holds the decoded entry (the
        whole cache as text was half a gigabyte at 20,000 reports). A second file with the same bytes and
        manifest row finds it taken and is extracted again."""
        if self._entries is None:
            self._entries = self._read_packs()
        payload = self._entries.get(key)
        if not payload:
            return None
        self._entries[key] = TAKEN  # the key stays: pruning asks which entries the packs hold
        try:
            return _decode(json.loads(payload))
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # a damaged entry is simply extracted again

    def put_many(self, entries: list[tuple[str, ExtractedSource]]) -> None:
        """Write entries as one new pack; its name is unique, so parallel writers never collide."""
        if not entries:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        self._write_pack("".join(encode_entry(key, source) for key, source in entries))

    def _write_pack(self, content: str) -> Path:
        path = self.directory / f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}{PACK_SUFFIX}"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(path)
        return path

    def _clean_without_reading(self, packs: list[Path], keep: set[str]) -> bool:
        """True when what this cache saw at the build's start shows every entry live, without reading the
        packs again: there were none (all are this build's), or the ones read then held only live entries."""
        if self._packs_at_start is None:
            return False
        if not self._packs_at_start:
            return True
        return (
            self._entries is not None
            and self._packs_at_start <= set(packs)
            and self._only_live(self._entries, keep)
        )

    def _only_live(self, entries: dict[str, str], keep: set[str]) -> bool:
        """The packs last read held each entry once, and only entries in `keep`."""
        return self._lines_read == len(entries) and entries.keys() <= keep

    def prune(self, keep: set[str]) -> None:
        """Drop caches of older rules; rewrite the packs as one when they hold entries of files no longer
        in the corpus, duplicates, or are too many."""
        for old in self.root.glob("*"):
            # Only what looks like another rules version: never a folder the cache did not make.
            if old != self.directory and old.is_dir() and RULES_VERSION_NAME.fullmatch(old.name):
                shutil.rmtree(old, ignore_errors=True)
        packs = self._packs()
        if len(packs) <= MAX_PACKS and self._clean_without_reading(packs, keep):
            return
        entries = self._read_packs()
        if len(packs) <= MAX_PACKS and self._only_live(entries, keep):
            return
        live = "".join(f"{key}\t{entries[key]}\n" for key in sorted(keep & entries.keys()))
        written = self._write_pack(live) if live else None
        for pack in packs:
            if pack != written:
                pack.unlink(missing_ok=True)
        for leftover in self.directory.glob("*.tmp"):
            leftover.unlink(missing_ok=True)
        self._entries = None
