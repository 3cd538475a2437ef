"""Files → readers → extractors: the per-file half of the ETL, independent of every other file."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TypeVar

from etl.document import Document
from etl.extract.agreements import AgreementMention, extract_agreements
from etl.extract.figures import FigureMention, extract_figures
from etl.extract.participants import ParticipantMention, extract_participants
from etl.extract.summits import SummitMention, extract_summit_mentions
from etl.manifest import MANIFEST_NAME
from etl.readers import MAX_FILE_BYTES, RejectedFile, read_document
from etl.reference import Gazetteer, load_gazetteer
from etl.spool import Spooled, TextSpool, read_spooled

T = TypeVar("T")
Fact = SummitMention | ParticipantMention | AgreementMention | FigureMention
EXTRACTORS = (extract_summit_mentions, extract_participants, extract_agreements, extract_figures)


@dataclass
class ExtractedSource:
    document: Document
    facts: list[Fact] = field(default_factory=list)
    source_id: int = 0  # given when all sources are known, in file-name order
    _by_kind: dict[type, list] | None = field(default=None, init=False, repr=False, compare=False)
    _quotes: dict[tuple[int, int], str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _packed: _PackedText | None = field(default=None, init=False, repr=False, compare=False)

    def quote(self, start: int, end: int) -> str:
        """The text from `start` to `end`: one string per passage, however many facts quote it (a sentence
        naming five presidents is quoted five times)."""
        span = (start, end)
        if span not in self._quotes:
            self._quotes[span] = self.text[start:end]
        return self._quotes[span]

    def facts_of(self, kind: type[T]) -> list[T]:
        """The facts of one kind, in text order; the facts are split by kind once, on first use."""
        if self._by_kind is None:
            self._by_kind = {}
            for fact in self.facts:
                self._by_kind.setdefault(type(fact), []).append(fact)
        return self._by_kind.get(kind, [])

    @property
    def text(self) -> str:
        """The whole text, read back from its spool if it was packed (each call reads it again: read it once)."""
        if self._packed is None:
            return self.document.text
        if self._packed.spooled is None:
            raise RuntimeError(f"the text of {self.document.file_name} was let go once it was written")
        return read_spooled(self._packed.spooled)

    @property
    def char_count(self) -> int:
        return self._packed.char_count if self._packed else len(self.document.text)

    @property
    def trimmed_end(self) -> tuple[int, str]:
        """Where the text ends without its trailing white space, and its last character there."""
        if self._packed:
            return self._packed.trimmed_end
        trimmed = self.document.text.rstrip()
        return len(trimmed), trimmed[-1:]

    @property
    def is_packed(self) -> bool:
        return self._packed is not None

    @property
    def packed_meeting(self) -> int | None:
        """The meeting the text was placed at when it was packed."""
        return self._packed.meeting if self._packed else None

    def pack(self, meeting: int | None, spool: TextSpool) -> None:
        """Keep what assembly reads of the text (the facts' quotes, its length and end, and `meeting`, where
        placement put it: placement reads the whole text) and put the text itself in `spool` until its row is
        written: a build holds every text's facts until all are assembled, and 20,000 reports took a quarter of
        a gigabyte as strings."""
        if self._packed is not None:
            return
        for fact in self.facts:
            self.quote(fact.start, fact.end)
        text = self.document.text
        self._packed = _PackedText(
            spooled=spool.add(text),
            char_count=len(text),
            trimmed_end=self.trimmed_end,
            meeting=meeting,
        )
        self.document.text = ""  # the spooled copy is the text now; `text` reads it back

    def let_go_of_text(self) -> None:
        """Forget where a packed text lies once its row is written: its quotes, length, end and meeting stay."""
        if self._packed is not None:
            self._packed = replace(self._packed, spooled=None)


@dataclass(frozen=True)
class _PackedText:
    spooled: Spooled | None  # None once let go
    char_count: int
    trimmed_end: tuple[int, str]
    meeting: int | None


@dataclass(frozen=True)
class Rejection:
    file_name: str
    reason: str
    detail: str


def extract_facts(document: Document, gazetteer: Gazetteer) -> list[Fact]:
    """Every fact all extractors find in `document`."""
    return [fact for extractor in EXTRACTORS for fact in extractor(document, gazetteer)]


def list_source_files(directory: Path) -> list[Path]:
    """Every file in the sources folder but the manifest and hidden files, in name order."""
    return [path for path, _ in list_source_sizes(directory)]


def list_source_sizes(directory: Path) -> list[tuple[Path, int]]:
    """(path, size in bytes) of every source file, in name order; one directory scan, one stat per file."""
    with os.scandir(directory) as entries:
        # A symbolic link is listed (and rejected when read), never followed: its size is the link's own.
        files = [
            (entry.name, entry.stat(follow_symlinks=False).st_size)
            for entry in entries
            if (entry.is_symlink() or entry.is_file(follow_symlinks=False))
            and entry.name != MANIFEST_NAME
            and not entry.name.startswith(".")
        ]
    files.sort()
    return [(directory / name, size) for name, size in files]


def read_and_extract(
    path: Path,
    metadata: dict[str, str],
    gazetteer: Gazetteer | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    raw: bytes | None = None,
) -> ExtractedSource | Rejection:
    """One file's document and facts, or why it was rejected. Never raises for bad input."""
    gazetteer = gazetteer or load_gazetteer()
    name = _printable_name(path.name)
    try:
        document = read_document(path, metadata, max_bytes=max_bytes, raw=raw)
    except RejectedFile as rejected:
        return Rejection(name, rejected.reason, str(rejected))
    except OSError as error:
        return Rejection(name, "unreadable", f"could not be read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 — whatever a hostile file makes a library raise, only it is lost
        return Rejection(
            name, "corrupt", f"could not be read ({error.__class__.__name__}: {_first_line(error)})"
        )
    try:
        with time_budget(FILE_SECONDS):
            return ExtractedSource(document, extract_facts(document, gazetteer))
    except FileTimeout:
        return Rejection(
            name, "too_slow", f"the extraction ran over its {FILE_SECONDS:g} s budget and was stopped"
        )
    except Exception as error:  # noqa: BLE001 — a text the rules cannot read is rejected, the build goes on
        return Rejection(
            name,
            "extraction_failed",
            f"the facts could not be extracted ({error.__class__.__name__}: {_first_line(error)})",
        )


FILE_SECONDS = 60.0  # no report takes a second; a file that takes a minute is rejected, the rest loads


class FileTimeout(Exception):
    """One file's extraction ran over its time budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in the block after `seconds` (a timer signal: only in a process's main thread, which
    is where the build and its workers extract; elsewhere, as in the dashboard's preview thread, no budget)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [""])[0][:200]


def _printable_name(name: str) -> str:
    """A file name that may hold bytes that are not UTF-8 (os gives them as surrogates), made printable."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
