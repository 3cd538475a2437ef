"""The facts the bundled corpus (data/sources) gives, written down once: tests/data/bundled_facts.json holds the
key columns of every meeting, text, participant, document and figure of the warehouse built from it.
tests/test_bundled_facts.py compares a fresh build with it; other tests take their expected counts from it.

A change that is meant to change the facts (a new rule, a new text in data/sources) regenerates it on purpose:

    .venv/bin/python -m tests.snapshot --update    # build from data/sources, rewrite the file
    .venv/bin/python -m tests.snapshot             # build and show what differs from the file (exit 1 if any)

and the diff of the file goes into the commit, where a reviewer sees every fact that came or went."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

SNAPSHOT = Path(__file__).resolve().parent / "data" / "bundled_facts.json"

# The columns that say what a fact is (not its quote or ids), per table, in the order the rows are listed.
QUERIES = {
    "summits": "SELECT summit_id, held_on, city, host_country, chair, origin FROM summits ORDER BY summit_id",
    # each text with the meeting it was placed at and how many facts it reports (one fact, however often quoted)
    "sources": """
        SELECT s.file_name, s.language, s.format, s.summit_id,
               (SELECT count(DISTINCT participant_id) FROM participant_sources l WHERE l.source_id = s.source_id)
                   AS participants,
               (SELECT count(DISTINCT agreement_id) FROM agreement_sources l WHERE l.source_id = s.source_id) AS agreements,
               (SELECT count(DISTINCT figure_id) FROM figure_sources l WHERE l.source_id = s.source_id) AS figures
        FROM sources s ORDER BY s.source_id""",
    "participants": """
        SELECT summit_id, country_code, organization, person, role, is_chair, confidence, rule, source_count
        FROM participants ORDER BY participant_id""",
    "agreements": """
        SELECT summit_id, kind, adoption, title_ru, title_kk, title_en, period_from, period_to, confidence, rule,
               source_count
        FROM agreements ORDER BY agreement_id""",
    "figures": """
        SELECT summit_id, scope, counterpart, metric, kind, value, unit, period_year, confidence, rule, source_count
        FROM figures ORDER BY figure_id""",
}

Facts = dict[str, list[dict[str, Any]]]


def read_facts(db: Path) -> Facts:
    """The key columns of every fact in the warehouse at `db`, as JSON gives them back (dates as ISO strings)."""
    with duckdb.connect(str(db), read_only=True) as con:
        facts = {}
        for table, sql in QUERIES.items():
            cursor = con.execute(sql)
            columns = [c[0] for c in cursor.description or ()]
            facts[table] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return json.loads(json.dumps(facts, default=str))


def load(path: Path = SNAPSHOT) -> Facts:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {table: data[table] for table in QUERIES}


@cache
def expected() -> Facts:
    """The snapshot's facts, for tests that need a count of the bundled warehouse's rows (do not change them)."""
    return load()


def expected_source(file_name: str) -> dict[str, Any]:
    """A bundled text's row: its meeting and how many participants, documents and figures it reports."""
    return next(s for s in expected()["sources"] if s["file_name"] == file_name)


def unreported_meetings() -> list[int]:
    """The meetings of the calendar no bundled text reports."""
    reported = {s["summit_id"] for s in expected()["sources"]}
    return [s["summit_id"] for s in expected()["summits"] if s["summit_id"] not in reported]


def write(facts: Facts, path: Path = SNAPSHOT) -> None:
    """One fact per line, so that a change to the facts is a readable diff."""
    lines = [
        "{",
        '  "_about": "Key columns of every fact of the warehouse built from data/sources. '
        'Regenerate on purpose: python -m tests.snapshot --update (see tests/snapshot.py).",',
    ]
    for n, table in enumerate(QUERIES):
        rows = [f"    {json.dumps(row, ensure_ascii=False)}" for row in facts[table]]
        lines.append(f'  "{table}": [')
        lines.append(",\n".join(rows))
        lines.append("  ]" + ("," if n < len(QUERIES) - 1 else ""))
    lines.append("}")
    path.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")


def differences(expected: Facts, actual: Facts) -> list[str]:
    """What a build gives that the snapshot does not hold, and the other way round, table by table."""
    lines = []
    for table in QUERIES:
        want, got = expected[table], actual[table]
        if want == got:
            continue
        missing = Counter(map(_key, want)) - Counter(map(_key, got))
        extra = Counter(map(_key, got)) - Counter(map(_key, want))
        lines.append(f"{table}: {len(want)} rows expected, {len(got)} built")
        lines += [f"  missing {row}" for row in missing.elements()]
        lines += [f"  extra   {row}" for row in extra.elements()]
        if not missing and not extra:
            lines.append("  the same rows in another order (their ids changed)")
    return lines


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def build_bundled(directory: Path) -> Path:
    """The warehouse built from a copy of data/sources in `directory`."""
    from etl.build import build_warehouse

    sources = directory / "sources"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "sources", sources)
    db = directory / "summits.duckdb"
    build_warehouse(sources, db)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.snapshot",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--update", action="store_true", help="rewrite tests/data/bundled_facts.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        actual = read_facts(build_bundled(Path(tmp)))
    if args.update:
        write(actual)
        print(f"wrote {SNAPSHOT}: " + ", ".join(f"{len(rows)} {table}" for table, rows in actual.items()))
        return 0
    diff = differences(load(), actual)
    print("\n".join(diff) if diff else "the bundled corpus gives exactly the facts of the snapshot")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
