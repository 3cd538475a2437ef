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
