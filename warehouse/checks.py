"""Constraints checked after every build, beyond what the schema enforces: each query returns the
rows that break a rule, so an empty result means the rule holds."""

from __future__ import annotations

import duckdb

from warehouse import count_rows
from warehouse.codes import FIGURE_ROW_KEY

# Checks that read the texts: run over the sources a slice at a time (SOURCES_PER_SLICE), so that the texts of a
# large corpus (20,000 reports, 270 MB) never have to fit in the build's memory at once. `contains`, not
# `strpos(…) = 0`: the same answer, in half the time (measured on 3,000 reports).
SOURCES_PER_SLICE = 2_000
# A slice by arithmetic, not by a range: DuckDB would answer a range on the key through its index, fetching
# the texts row by row (ten times slower than scanning them).
SOURCE_SLICE = "s.source_id // $per_slice = $slice"
TEXT_CHECKS: dict[str, str] = {
    "participant quotes are verbatim": f"""
        SELECT p.participant_id FROM participants p JOIN sources s USING (source_id)
        WHERE {SOURCE_SLICE} AND NOT contains(s.text, p.quote)""",
    "agreement quotes are verbatim": f"""
        SELECT a.agreement_id FROM agreements a JOIN sources s USING (source_id)
        WHERE {SOURCE_SLICE} AND NOT contains(s.text, a.quote)""",
    "figure quotes are verbatim": f"""
        SELECT f.figure_id FROM figures f JOIN sources s USING (source_id)
        WHERE {SOURCE_SLICE} AND NOT contains(s.text, f.quote)""",
    "link quotes are verbatim": f"""
        SELECT l.source_id FROM (  -- UNION, not UNION ALL: a passage that gives several facts is searched once
            SELECT source_id, quote FROM participant_sources UNION
            SELECT source_id, quote FROM agreement_sources UNION
            SELECT source_id, quote FROM figure_sources UNION
            SELECT source_id, quote FROM summit_mentions) l
        JOIN sources s USING (source_id) WHERE {SOURCE_SLICE} AND NOT contains(s.text, l.quote)""",
}

CHECKS: dict[str, str] = {
    "one participant per meeting and state or organisation": """
        SELECT coalesce(summit_id::VARCHAR, 'unplaced text ' || source_id) AS placement, country_code, organization
        FROM participants GROUP BY ALL HAVING count(*) > 1""",
    "one row per figure": f"""
        SELECT {", ".join(FIGURE_ROW_KEY)} FROM figures
        GROUP BY ALL HAVING count(*) > 1""",
    "one row per document title": """
        SELECT summit_id, kind, lower(title_ru) FROM agreements WHERE title_ru IS NOT NULL
        GROUP BY ALL HAVING count(*) > 1""",
    "every fact is linked to its own source": """
        SELECT participant_id FROM participants p WHERE NOT EXISTS (
            SELECT 1 FROM participant_sources l WHERE l.participant_id = p.participant_id AND l.source_id = p.source_id)
        UNION ALL SELECT agreement_id FROM agreements a WHERE NOT EXISTS (
            SELECT 1 FROM agreement_sources l WHERE l.agreement_id = a.agreement_id AND l.source_id = a.source_id)
        UNION ALL SELECT figure_id FROM figures f WHERE NOT EXISTS (
            SELECT 1 FROM figure_sources l WHERE l.figure_id = f.figure_id AND l.source_id = f.source_id)""",
    "source counts match the link tables": """
        SELECT figure_id FROM figures f WHERE source_count <> (
            SELECT count(DISTINCT source_id) FROM figure_sources l WHERE l.figure_id = f.figure_id)
        UNION ALL SELECT agreement_id FROM agreements a WHERE source_count <> (
            SELECT count(DISTINCT source_id) FROM agreement_sources l WHERE l.agreement_id = a.agreement_id)
        UNION ALL SELECT participant_id FROM participants p WHERE source_count <> (
            SELECT count(DISTINCT source_id) FROM participant_sources l WHERE l.participant_id = p.participant_id)""",
    "the chair is one person in summits and participants": """
        SELECT p.participant_id FROM participants p JOIN summits s USING (summit_id)
        WHERE p.is_chair <> coalesce(p.person = s.chair, false)""",
    "period_from is not after period_to": """
        SELECT agreement_id FROM agreements WHERE period_from > period_to""",
    "figure scopes are countries or C5": """
        SELECT figure_id FROM figures WHERE scope <> 'C5' AND scope NOT IN (SELECT country_code FROM countries)
        UNION ALL SELECT figure_id FROM figures
        WHERE counterpart IS NOT NULL AND counterpart <> 'C5' AND counterpart NOT IN (SELECT country_code FROM countries)""",
}


def failed_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """{check name: number of offending rows} for every check that fails."""
    failures = {}
    for name, sql in CHECKS.items():
        count = count_rows(con, sql)
        if count:
            failures[name] = count
    for name, sql in TEXT_CHECKS.items():
        count = sum(
            count_rows(con, sql, {"slice": n, "per_slice": SOURCES_PER_SLICE}) for n in _source_slices(con)
        )
        if count:
            failures[name] = count
    return failures


def _source_slices(con: duckdb.DuckDBPyConnection) -> range:
    row = con.execute("SELECT min(source_id), max(source_id) FROM sources").fetchone()
    if row is None or row[0] is None:
        return range(0)
    return range(row[0] // SOURCES_PER_SLICE, row[1] // SOURCES_PER_SLICE + 1)
