"""The ETL on texts it was not written against: three reports of other meetings, in Russian, English
and Kazakh, written for this test in the shapes real reports take (tests/data/unseen/)."""

from pathlib import Path

import duckdb
import pytest

from etl.build import build_warehouse

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("unseen") / "w.duckdb"
    build_warehouse(UNSEEN, path)
    with duckdb.connect(str(path), read_only=True) as con:
        yield con


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_each_text_finds_its_meeting(db):
    assert rows(db, "SELECT language, summit_id FROM sources ORDER BY file_name") == [
        ("ru", 4),
        ("en", 5),
        ("kk", 7),
    ]
    assert rows(db, "SELECT summit_id, city, chair FROM summits WHERE summit_id IN (4, 5, 7) ORDER BY 1") == [
        (4, "Cholpon-Ata", "Sadyr Japarov"),
        (5, "Dushanbe", "Emomali Rahmon"),
        (7, "Tashkent", "Shavkat Mirziyoyev"),
    ]


def test_participants_in_three_languages(db):
    got = rows(db, "SELECT summit_id, country_code, role FROM participants ORDER BY 1, 2")
    five = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert [(s, c) for s, c, _ in got if s == 4] == [(4, c) for c in five]
    assert (5, "AZE", "guest") in got and (7, "AZE", "head_of_state") in got
    assert rows(db, "SELECT person FROM participants WHERE summit_id = 4 AND country_code = 'TKM'") == [
        ("Gurbanguly Berdimuhamedov",)
    ]


def test_documents_in_three_languages(db):
    assert rows(
        db, "SELECT summit_id, kind, adoption, period_from, period_to FROM agreements ORDER BY 1, 2"
    ) == [
        (4, "roadmap", "signed", 2022, 2024),
        (4, "treaty", "signed", None, None),
        (5, "joint_statement", "signed", None, None),
        (5, "roadmap", "signed", 2022, 2024),
        (7, "joint_statement", "signed", None, None),
        (7, "roadmap", "signed", 2026, 2028),
    ]
    assert rows(db, "SELECT title_en FROM agreements WHERE summit_id = 5 ORDER BY 1") == [
        ("Joint Statement",),
        ("Roadmap for the Development of Regional Cooperation for 2022-2024",),
    ]


def test_figures_in_three_languages(db):
    assert rows(
        db, "SELECT summit_id, scope, metric, kind, value, unit, period_year FROM figures ORDER BY figure_id"
    ) == [
        (4, "C5", "intra_regional_trade", "change", 40.0, "percent", 2021),
        (4, "C5", "intra_regional_trade", "actual", 7.5e9, "USD", 2021),
        (5, "C5", "intra_regional_trade", "actual", 10e9, "USD", 2022),
        (5, "C5", "intra_regional_trade", "target", 15e9, "USD", None),
        (7, "C5", "intra_regional_trade", "actual", 11e9, "USD", 2024),
    ]


def test_a_meeting_missing_from_the_calendar_still_loads(tmp_path):
    """A report of a meeting the curated calendar does not know yet, in a city the gazetteer does not know,
    without a date, and with a manifest that spells the language oddly: the build still succeeds."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "next.txt").write_text(
        "В Ашхабаде прошла восьмая Консультативная встреча глав государств Центральной Азии. "
        "В ней приняли участие Президент Казахстана Касым-Жомарт Токаев и Президент Туркменистана Сердар "
        "Бердымухамедов.\n",
        encoding="utf-8",
    )
    (sources / "MANIFEST.tsv").write_text("file\tlanguage\nnext.txt\tRU\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(sources, db)
    assert summary.counts["participants"] == 2
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT language, summit_id FROM sources").fetchall() == [("ru", 8)]
        assert con.execute(
            "SELECT city, host_country, origin FROM summits WHERE summit_id = 8"
        ).fetchall() == [("Ashgabat", "TKM", "text")]
