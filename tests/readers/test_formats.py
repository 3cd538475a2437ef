"""The bundled texts converted to HTML, PDF and DOCX (by the tests) give the same facts as the .txt files."""

import re

import duckdb
import pytest

from etl.build import build_warehouse
from tests.conftest import BUNDLED_SOURCES
from tests.formats import cyrillic_font, to_docx, to_html, to_pdf

FACTS = {
    "participants": "SELECT summit_id, country_code, organization, person, role, is_chair FROM participants",
    "agreements": "SELECT summit_id, kind, adoption, title_ru, title_kk, period_from, period_to FROM agreements",
    "figures": "SELECT summit_id, scope, counterpart, metric, kind, value, unit, period_year FROM figures",
    "meetings": "SELECT DISTINCT summit_id FROM sources",
}


def convert(fmt: str, target):
    target.mkdir()
    for source in sorted(BUNDLED_SOURCES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        path = target / f"{source.stem}.{fmt}"
        if fmt == "html":
            path.write_bytes(to_html(text, source.stem))
        elif fmt == "docx":
            to_docx(text, path)
        else:
            to_pdf(text, path)
    (target / "MANIFEST.tsv").write_text(
        (BUNDLED_SOURCES / "MANIFEST.tsv").read_text(encoding="utf-8").replace(".txt", f".{fmt}"),
        encoding="utf-8",
    )


def facts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            name: sorted(
                (
                    tuple(re.sub(r"\s+", " ", v) if isinstance(v, str) else v for v in row)
                    for row in con.execute(sql).fetchall()
                ),
                key=repr,
            )
            for name, sql in FACTS.items()
        }


@pytest.fixture(scope="module")
def txt_facts(bundled_warehouse):
    return facts(bundled_warehouse)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_same_facts_as_plain_text(fmt, txt_facts, tmp_path):
    if fmt == "pdf" and cyrillic_font() is None:
        pytest.skip("no Cyrillic TrueType font to write the test PDFs (apt-get install fonts-dejavu-core)")
    convert(fmt, tmp_path / fmt)
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(tmp_path / fmt, db)
    assert summary.rejections == []
    got = facts(db)
    for name in FACTS:
        assert got[name] == txt_facts[name], name
