"""The Add documents page's bridge to the ETL — the one place the dashboard writes: preview an upload or a
fetched link, mark what the warehouse already holds, save confirmed files (and fetched pages' manifest rows)
into the sources folder and rebuild (incrementally and atomically: a failed build leaves the warehouse and the
folder as they were)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from etl.build import DEFAULT_SOURCES, BuildSummary, build_warehouse
from etl.fetch import (
    FetchSettings,
    KnownSources,
    LinkFailure,
    Page,
    duplicate_link,
    fetch_pages,
    known_sources,
    links_in,
    manifest_row,
    page_metadata,
)
from etl.loader import BuildError
from etl.patterns import normalize_key
from etl.preview import Preview, preview_isolated
from etl.sources_folder import NewSource, add_sources, undo_addition
from ui.data import close_connection, cursor, db_path
from warehouse import queries as q
from warehouse.codes import FIGURE_ROW_KEY

SOURCES_ENV = "SUMMITS_SOURCES"
MAX_UPLOAD_MB = 20
_build_lock = threading.Lock()  # one rebuild at a time per server


def sources_path() -> Path:
    return Path(os.environ.get(SOURCES_ENV, DEFAULT_SOURCES))


@dataclass
class UploadReview:
    preview: Preview
    duplicate_of: str | None  # a source with the same bytes is already loaded
    participants: pd.DataFrame
    agreements: pd.DataFrame
    figures: pd.DataFrame

    @property
    def can_add(self) -> bool:
        return self.preview.rejection is None and self.duplicate_of is None


def _text(value) -> str:
    """A key part from a cell that may be None, NaN or pandas' NA."""
    return "" if value is None or pd.isna(value) else str(value)


def _mark_participants(rows: list[dict], known: pd.DataFrame) -> pd.DataFrame:
    keys = {(_text(c), _text(o)) for c, o in known.itertuples(index=False)}
    frame = pd.DataFrame(
        rows, columns=["country_code", "organization", "person", "role", "is_chair", "quote"]
    )
    frame.insert(
        0, "already_known", [(_text(r["country_code"]), _text(r["organization"])) in keys for r in rows]
    )
    return frame


def _mark_agreements(rows: list[dict], known: pd.DataFrame) -> pd.DataFrame:
    titles = set()
    periods = set()
    for r in known.itertuples(index=False):
        titles |= {
            (r.kind, normalize_key(t)) for t in (r.title_ru, r.title_kk, r.title_en) if isinstance(t, str)
        }
        if not (pd.isna(r.period_from) and pd.isna(r.period_to)):
            periods.add(
                (
                    r.kind,
                    None if pd.isna(r.period_from) else int(r.period_from),
                    None if pd.isna(r.period_to) else int(r.period_to),
                )
            )
    columns = ["kind", "adoption", "title_ru", "title_kk", "title_en", "period_from", "period_to", "quote"]
    frame = pd.DataFrame(rows, columns=columns)
    flags = []
    for r in rows:
        title = r["title_ru"] or r["title_kk"] or r["title_en"] or ""
        years = (r["kind"], r["period_from"], r["period_to"])
        same_years = (r["period_from"], r["period_to"]) != (None, None) and years in periods
        flags.append((r["kind"], normalize_key(title)) in titles or same_years)
    frame.insert(0, "already_known", flags)
    return frame


def _figure_key(row) -> tuple:
    """A figure's row key (warehouse/codes.py) with missing values as None and numbers as numbers, whether the
    row comes from the warehouse (pandas) or from the preview (dicts)."""

    def plain(column: str):
        value = row[column]
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        return (
            float(value)
            if column == "value"
            else int(value)
            if column in ("summit_id", "period_year")
            else value
        )

    return tuple(plain(column) for column in FIGURE_ROW_KEY)


def _mark_figures(rows: list[dict], known: pd.DataFrame) -> pd.DataFrame:
    keys = {_figure_key(r) for _, r in known.iterrows()}
    frame = pd.DataFrame(
        rows,
        columns=["scope", "counterpart", "metric", "kind", "value", "unit", "period", "period_year", "quote"],
    )
    frame.insert(0, "already_known", [_figure_key(r) in keys for r in rows])
    return frame


KNOWN_COLUMNS = {
    "participants": ["country_code", "organization"],
    "agreements": ["kind", "title_ru", "title_kk", "title_en", "period_from", "period_to"],
    "figures": list(FIGURE_ROW_KEY),
}


def _known_facts(summit_id: int | None, raw: bytes) -> tuple[str | None, dict[str, pd.DataFrame]]:
    """(file already loaded with these bytes, the meeting's facts in the warehouse); empty without a warehouse."""
    if not db_path().exists():
        return None, {name: pd.DataFrame(columns=columns) for name, columns in KNOWN_COLUMNS.items()}
    with cursor() as con:
        return q.source_with_hash(con, hashlib.sha256(raw).hexdigest()), {
            "participants": q.known_participants(con, summit_id),
            "agreements": q.known_agreements(con, summit_id),
            "figures": q.known_figures(con, summit_id),
        }


def review_upload(name: str, raw: bytes, metadata: dict[str, str] | None = None) -> UploadReview:
    """The preview of one upload, each fact marked as already in the warehouse (from other sources) or new."""
    preview = preview_isolated(
        name, raw, max_bytes=MAX_UPLOAD_MB * 1024 * 1024, metadata=metadata
    )  # in a limited process
    if preview.rejection is not None:
        return UploadReview(preview, None, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    duplicate, known = _known_facts(preview.summit_id, raw)
    tables = preview.tables
    return UploadReview(
        preview,
        duplicate,
        _mark_participants(_dicts(tables.participants), known["participants"]),
        _mark_agreements(_dicts(tables.agreements), known["agreements"]),
        _mark_figures(_dicts(tables.figures), known["figures"]),
    )


def _dicts(rows: list) -> list[dict]:
    return [asdict(row) for row in rows]


def add_documents(files: list[tuple[str, bytes] | NewSource]) -> BuildSummary:
    """Save the files (uploads as (name, bytes); fetched pages as NewSource, with their manifest rows) into the
    sources folder and rebuild the warehouse. If the build fails, the saved files and manifest rows are removed
    again and the previous warehouse stays; the error is raised."""
    directory = sources_path()
    directory.mkdir(parents=True, exist_ok=True)
    sources = [f if isinstance(f, NewSource) else NewSource(*f) for f in files]
    with _build_lock:
        addition = add_sources(directory, sources)  # takes out what it wrote if it fails itself
        try:
            summary = build_warehouse(directory, db_path())
            close_connection(db_path())
            return summary
        except (BuildError, OSError):
            undo_addition(addition)
            raise


# ---- links ----

FETCH_PRIVATE_ENV = (
    "SUMMITS_FETCH_PRIVATE"  # "1": links into this machine or its network are fetched too (tests)
)
MAX_LINKS = 20  # each is fetched and previewed in turn, a few seconds each


def fetch_settings() -> FetchSettings:
    return FetchSettings(
        max_bytes=MAX_UPLOAD_MB * 1024 * 1024, allow_private=os.environ.get(FETCH_PRIVATE_ENV) == "1"
    )


@dataclass
class LinkReview:
    """A fetched page's preview, and the manifest row it will be saved with."""

    page: Page
    review: UploadReview
    manifest: dict[str, object]

    def new_source(self) -> NewSource:
        return NewSource(self.page.file_name, self.page.raw, self.manifest)


@dataclass
class LinksReview:
    text: str  # the links as pasted
    pages: list[LinkReview]
    failures: list[LinkFailure]  # duplicates (reason «duplicate») included


def _warehouse_text_owner(text: str) -> str | None:
    if not db_path().exists():
        return None
    with cursor() as con:
        return q.source_with_text(con, text)


def review_links(text: str, on_link: Callable[[str], None] | None = None) -> LinksReview:
    """Fetch each pasted link (etl/fetch.py: robots.txt, limits, one site at a time) and preview its page as an
    upload is previewed; a link that fails, holds no article or is already in the tracker comes back with why."""
    links = links_in(text)
    failures = [
        LinkFailure(url, "too_many_links", f"at most {MAX_LINKS} links at a time; paste it again afterwards")
        for url in links[MAX_LINKS:]
    ]
    known = (
        known_sources(sources_path(), _warehouse_text_owner) if sources_path().is_dir() else KnownSources()
    )
    pages = []
    for result in fetch_pages(links[:MAX_LINKS], known, fetch_settings(), on_link):
        if isinstance(result, LinkFailure):
            failures.append(result)
            continue
        review = review_upload(result.file_name, result.raw, metadata=page_metadata(result))
        document = review.preview.document
        if review.preview.rejection is not None:
            failures.append(
                LinkFailure(result.url, review.preview.rejection.reason, review.preview.rejection.detail)
            )
        elif owner := review.duplicate_of or known.text_owner(document.text):
            failures.append(duplicate_link(result.url, owner))
        else:
            known.remember(result, result.file_name, document.text)
            pages.append(LinkReview(result, review, manifest_row(result, document)))
    return LinksReview(text, pages, failures)
