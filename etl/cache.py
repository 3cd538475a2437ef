"""The extraction cache behind incremental builds: each file's document and facts, stored as JSON under
the hash of its bytes and metadata, so an unchanged file is not read through the extractors again.

Entries live in `<warehouse dir>/.etl-cache/<rules version>/`, where the rules version hashes the ETL's
code, word lists and reference data: any change to the rules starts a fresh cache."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
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
FACT_TYPES = {cls.__name__: cls for cls in (SummitMention, ParticipantMention, AgreementMention, FigureMention)}
DATE_FIELDS = {"held_on", "published_on"}


@cache
def rules_version() -> str:
    """A hash of everything that decides what is extracted: etl/ code and word lists, reference data."""
    digest = hashlib.sha256()
    files = sorted([*PROJECT.joinpath("etl").rglob("*.py"), *PROJECT.joinpath("etl", "dicts").glob("*.txt"),
                    *PROJECT.joinpath("data", "reference").glob("*.csv")])
    for path in files:
        digest.update(path.relative_to(PROJECT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(raw_sha256: str, metadata: dict[str, str]) -> str:
    return hashlib.sha256((raw_sha256 + json.dumps(metadata, sort_keys=True)).encode()).hexdigest()


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _encode(source: ExtractedSource) -> dict:
    doc = source.document
    fields = {f.name: _plain(getattr(doc, f.name)) for f in dataclasses.fields(doc) if f.name != "passages"}
    return {
        "document": fields,
        # Facts are flat records (strings, numbers, tuples of strings): a shallow copy is enough,
        # and far cheaper than dataclasses.asdict's deep copy.
        "facts": [{"type": type(f).__name__, **{n: _plain(getattr(f, n)) for n in _field_names(type(f))}}
                  for f in source.facts],
    }


def _decode(data: dict) -> ExtractedSource:
    fields = dict(data["document"])
    fields["published_on"] = date.fromisoformat(fields["published_on"]) if fields["published_on"] else None
    doc = Document(**fields)
    facts = []
    for raw in data["facts"]:
        raw = dict(raw)
        cls = FACT_TYPES[raw.pop("type")]
        for name in DATE_FIELDS & raw.keys():
            raw[name] = date.fromisoformat(raw[name]) if raw[name] else None
        for name, value in raw.items():
            if isinstance(value, list):
                raw[name] = tuple(value)
        facts.append(cls(**raw))
    return ExtractedSource(doc, facts)


class ExtractionCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.root = self.directory.parent

    @classmethod
    def for_warehouse(cls, db_path: Path) -> ExtractionCache:
        """The cache beside a warehouse file, for the current rules."""
        return cls(Path(db_path).parent / ".etl-cache" / rules_version())

    def get(self, key: str) -> ExtractedSource | None:
        path = self.directory / f"{key}.json"
        try:
            return _decode(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a missing or unreadable entry is simply extracted again

    def put(self, key: str, source: ExtractedSource) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{key}.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(_encode(source), ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)

    def prune(self, keep: set[str]) -> None:
        """Drop entries of files no longer in the corpus and caches of older rules."""
        for old in self.root.glob("*"):
            if old != self.directory and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        for entry in self.directory.glob("*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
