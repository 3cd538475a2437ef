from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from etl.build import build_warehouse
from etl.document import Document, segment
from etl.language import detect_language
from etl.reference import load_gazetteer

PROJECT = Path(__file__).resolve().parent.parent
BUNDLED_SOURCES = PROJECT / "data" / "sources"


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


def make_document(text: str, language: str | None = None, file_name: str = "test.txt") -> Document:
    """A Document from a literal text, as a reader would return it."""
    document = Document(
        file_name=file_name,
        text=text,
        language=language or detect_language(text),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    document.set_passages(segment(text))
    return document


@pytest.fixture(scope="session")
def bundled_warehouse(tmp_path_factory) -> Path:
    """The warehouse built once from the bundled corpus (a copy, so tests never touch data/)."""
    root = tmp_path_factory.mktemp("bundled")
    sources = root / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    db = root / "summits.duckdb"
    build_warehouse(sources, db)
    return db
