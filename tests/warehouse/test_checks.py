"""The build's checks: a quote that is not in its text is found whichever slice of the sources it is in."""

import shutil

import duckdb

from warehouse import checks


def test_a_quote_not_in_its_text_is_found_in_any_slice_of_the_sources(
    bundled_warehouse, tmp_path, monkeypatch
):
    db = tmp_path / "w.duckdb"
    shutil.copy(bundled_warehouse, db)
    monkeypatch.setattr(checks, "SOURCES_PER_SLICE", 1)  # every source a slice of its own
    with duckdb.connect(str(db)) as con:
        assert checks.failed_checks(con) == {}
        last = con.execute("SELECT max(source_id) FROM figures").fetchone()[0]
        con.execute("UPDATE figures SET quote = 'no such sentence' WHERE source_id = $s", {"s": last})
        failures = checks.failed_checks(con)
    assert failures.get("figure quotes are verbatim", 0) >= 1


def test_a_chair_flag_that_disagrees_with_the_meeting_fails_the_build_check(bundled_warehouse, tmp_path):
    """participants.is_chair and summits.chair name one chair: flipping one participant's flag is caught."""
    db = tmp_path / "w.duckdb"
    shutil.copy(bundled_warehouse, db)
    with duckdb.connect(str(db)) as con:
        assert "the chair is one person in summits and participants" not in checks.failed_checks(con)
        chair = con.execute(
            "SELECT p.participant_id FROM participants p JOIN summits s USING (summit_id) "
            "WHERE p.person = s.chair LIMIT 1"
        ).fetchone()
        assert chair is not None, "the bundled corpus names at least one chair among the participants"
        _flip_chair_flag(con, chair[0])
        failures = checks.failed_checks(con)
    assert failures.get("the chair is one person in summits and participants") == 1


def _flip_chair_flag(con: duckdb.DuckDBPyConnection, participant_id: int) -> None:
    """DuckDB updates a row as a delete and an insert, which the link table's foreign key refuses: its rows
    are set aside while the flag flips."""
    params = {"id": participant_id}
    con.execute(
        "CREATE TEMP TABLE kept AS SELECT * FROM participant_sources WHERE participant_id = $id", params
    )
    con.execute("DELETE FROM participant_sources WHERE participant_id = $id", params)
    con.execute("UPDATE participants SET is_chair = NOT is_chair WHERE participant_id = $id", params)
    con.execute("INSERT INTO participant_sources SELECT * FROM kept")
