"""End to end: build the warehouse from the bundled corpus and query it."""

import shutil

import duckdb
import pytest

from etl.__main__ import main
from etl.build import build_warehouse
from etl.loader import BuildError
from etl.rows import Tables
from tests.conftest import BUNDLED_SOURCES
from tests.snapshot import expected


def query(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_meetings_found(bundled_warehouse):
    rows = query(
        bundled_warehouse,
        """
        SELECT DISTINCT s.summit_id, s.held_on::VARCHAR, s.city, s.host_country
        FROM sources x JOIN summits s USING (summit_id) ORDER BY 1""",
    )
    assert rows == [
        (3, "2021-08-06", "Turkmenbashi", "TKM"),
        (6, "2024-08-09", "Astana", "KAZ"),
        (7, "2025-11-16", "Tashkent", "UZB"),
    ]


def test_every_source_has_a_meeting(bundled_warehouse):
    assert query(bundled_warehouse, "SELECT count(*) FROM sources WHERE summit_id IS NULL") == [(0,)]


def test_every_fact_names_the_rule_that_found_it(bundled_warehouse):
    rules = query(
        bundled_warehouse,
        """
        SELECT 'participants', rule, confidence FROM participants UNION
        SELECT 'agreements', rule, confidence FROM agreements UNION
        SELECT 'figures', rule, confidence FROM figures ORDER BY ALL""",
    )
    allowed = {
        "participants": {"cue", "list", "act", "ner"},
        "agreements": {"list", "ordinal", "sentence", "passive"},
        "figures": {"sentence", "anaphora"},
    }
    assert rules and all(rule in allowed[table] for table, rule, _ in rules)
    # a rule that reads a list is surer than one that reads a running sentence
    assert ("agreements", "list", "high") in rules and ("agreements", "sentence", "medium") in rules


def test_the_chair_is_one_person_in_summits_and_participants(bundled_warehouse):
    chairs = query(
        bundled_warehouse,
        """
        SELECT p.summit_id, p.country_code, p.person = s.chair FROM participants p JOIN summits s USING (summit_id)
        WHERE p.is_chair ORDER BY 1""",
    )
    # every covered meeting's host chaired it, and each is flagged once
    assert chairs == [(3, "TKM", True), (6, "KAZ", True), (7, "UZB", True)]


def test_participants_with_roles(bundled_warehouse):
    rows = query(
        bundled_warehouse,
        """
        SELECT summit_id, coalesce(country_code, organization), role FROM participants ORDER BY 1, 2""",
    )
    by_summit = {}
    for summit, who, role in rows:
        by_summit.setdefault(summit, {})[who] = role
    members = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert {k for k, v in by_summit[3].items() if v == "head_of_state"} == members
    assert by_summit[6]["AZE"] == "guest" and by_summit[6]["UNRCCA"] == "guest"
    assert {k for k, v in by_summit[6].items() if v == "head_of_state"} == members
    assert by_summit[7]["AZE"] == "head_of_state"  # a full participant from 2025
    assert query(
        bundled_warehouse, "SELECT person FROM participants WHERE summit_id = 3 AND country_code = 'TKM'"
    ) == [("Gurbanguly Berdimuhamedov",)]


def test_documents_are_not_duplicated_across_sources_and_languages(bundled_warehouse):
    rows = query(
        bundled_warehouse,
        """
        SELECT kind, adoption, period_from, period_to, title_kk IS NOT NULL FROM agreements
        WHERE summit_id = 6 AND kind IN ('concept', 'roadmap') ORDER BY kind""",
    )
    assert rows == [("concept", "signed", None, 2040, True), ("roadmap", "approved", 2025, 2027, True)]


def test_planned_documents_of_2021(bundled_warehouse):
    rows = query(
        bundled_warehouse,
        "SELECT kind, period_from, period_to FROM agreements WHERE adoption = 'planned' ORDER BY 1",
    )
    assert rows == [("roadmap", 2022, 2024), ("treaty", None, None)]


def test_figures(bundled_warehouse):
    rows = query(
        bundled_warehouse,
        """
        SELECT summit_id, scope, metric, kind, value, unit FROM figures ORDER BY figure_id""",
    )
    assert (6, "C5", "intra_regional_trade", "actual", 11e9, "USD") in rows
    assert (6, "C5", "intra_regional_trade", "target", 15e9, "USD") in rows
    assert (7, "KGZ", "trade_turnover", "actual", 1.7e9, "USD") in rows
    assert (7, "KGZ", "fdi_inflow", "actual", 135e6, "USD") in rows


def test_quotes_are_verbatim(bundled_warehouse):
    for table in ("participants", "agreements", "figures"):
        bad = query(
            bundled_warehouse,
            f"SELECT count(*) FROM {table} t JOIN sources s USING (source_id) "
            "WHERE strpos(s.text, t.quote) = 0",
        )
        assert bad == [(0,)], table


def test_build_is_idempotent(bundled_warehouse, tmp_path):
    again = tmp_path / "again.duckdb"
    build_warehouse(BUNDLED_SOURCES, again)
    for table in ("summits", "sources", "participants", "agreements", "figures", "agreement_sources"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert query(bundled_warehouse, sql) == query(again, sql)


def test_bad_files_are_reported_and_the_rest_loads(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "image.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "w.duckdb"
    assert main(["build", "--sources", str(sources), "--db", str(db)]) == 3
    assert query(db, "SELECT file_name, reason FROM etl_rejects ORDER BY 1") == [
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
    ]
    assert query(db, "SELECT count(*) FROM sources") == [(len(expected()["sources"]),)]


def test_failed_build_keeps_the_old_warehouse(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    build_warehouse(BUNDLED_SOURCES, db)
    before = db.read_bytes()
    monkeypatch.setattr("etl.loader.failed_checks", lambda con: {"a broken rule": 1})
    with pytest.raises(BuildError):
        build_warehouse(BUNDLED_SOURCES, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".etl-cache", "w.duckdb"]  # no half-built file left


def test_missing_sources_folder_is_a_usage_error(tmp_path):
    assert main(["build", "--sources", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb")]) == 2


TABLES = tuple(name for name, _ in Tables().items())  # every table a build assembles


def dump(db):
    return {table: query(db, f"SELECT * FROM {table} ORDER BY ALL") for table in TABLES}


def test_incremental_build_equals_full_build(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    moved = sources / "003_af078beea3b2eae0.txt"
    held_back = moved.read_bytes()
    moved.unlink()
    texts = len(expected()["sources"])
    incremental = tmp_path / "inc" / "w.duckdb"
    first = build_warehouse(sources, incremental)
    assert (first.files_extracted, first.files_from_cache) == (texts - 1, 0)
    moved.write_bytes(held_back)
    (sources / "001_5b3a33e981358050.txt").write_text("Изменённый текст без фактов.", encoding="utf-8")
    second = build_warehouse(sources, incremental)
    assert (second.files_extracted, second.files_from_cache) == (
        2,
        texts - 2,
    )  # the one back, the one changed
    full = tmp_path / "full" / "w.duckdb"
    third = build_warehouse(sources, full, full=True)
    assert third.files_extracted == texts
    assert dump(incremental) == dump(full)


def test_parallel_extraction_equals_serial(tmp_path, monkeypatch):
    monkeypatch.setattr("etl.build.PARALLEL_MIN_FILES", 1)
    parallel = tmp_path / "p" / "w.duckdb"
    serial = tmp_path / "s" / "w.duckdb"
    build_warehouse(BUNDLED_SOURCES, parallel, workers=2)
    build_warehouse(BUNDLED_SOURCES, serial, workers=1)
    assert dump(parallel) == dump(serial)


def test_the_readme_duckdb_shell_example_opens_the_warehouse(bundled_warehouse):
    import re
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import PROJECT

    shell = Path(sys.executable).parent / "duckdb"
    if not shell.exists():
        pytest.skip(
            "the duckdb shell (duckdb-cli in pyproject.toml and requirements.lock) is not installed in this environment"
        )
    example = re.search(
        r'duckdb -readonly warehouse/summits.duckdb "([^"]+)"', (PROJECT / "README.md").read_text("utf-8")
    )
    result = subprocess.run(
        [str(shell), "-readonly", str(bundled_warehouse), example.group(1)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "joint_statement" in result.stdout
