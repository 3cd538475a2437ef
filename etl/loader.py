"""Write the assembled rows into a new DuckDB file and swap it in only when it is complete and its
checks pass, so a crash or a bad run never leaves a half-built warehouse where a good one was."""

from __future__ import annotations

import os
import uuid
from dataclasses import fields
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.assemble import Tables
from etl.reference import REFERENCE_DIR, read_reference_csv
from warehouse import WAREHOUSE_DIR
from warehouse.checks import failed_checks
from warehouse.dictionary import read_dictionary

LOAD_MEMORY_LIMIT = "256MB"
INSERT_BATCH_ROWS = 5000
# Load order follows the foreign keys.
TABLE_ORDER = (
    "countries", "people", "summits", "sources", "summit_mentions", "participants", "participant_sources",
    "agreements", "agreement_sources", "figures", "figure_sources", "etl_rejects",
)


class BuildError(Exception):
    """The new warehouse failed its checks; the old one was left in place."""


def reference_rows(reference_dir: Path = REFERENCE_DIR) -> dict[str, list[dict]]:
    """Rows of the curated countries and people tables."""
    countries = [
        {**r, "is_member": r["is_member"] == "true", "member_since": int(r["member_since"]) if r["member_since"] else None}
        for r in read_reference_csv("countries", reference_dir)
    ]
    people = [{k: (v or None) for k, v in r.items()} for r in read_reference_csv("people", reference_dir)]
    return {"countries": countries, "people": people}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert through Arrow in batches: fast (no row-by-row INSERT) and with a bounded copy in memory.
    Batches are built column by column, which skips a dict per row."""
    if not rows:
        return
    columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
    for offset in range(0, len(rows), INSERT_BATCH_ROWS):
        chunk = rows[offset:offset + INSERT_BATCH_ROWS]
        batch = pa.table({c: [row.get(c) for row in chunk] for c in columns})  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")


def _comment(con: duckdb.DuckDBPyConnection) -> None:
    """Store the data dictionary in the file, so `duckdb_columns()` explains every column."""
    objects = {r[0]: r[1] for r in con.execute(
        "SELECT table_name, 'TABLE' FROM duckdb_tables() UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() "
        "WHERE NOT internal").fetchall()}
    for table, columns in read_dictionary().items():
        if table not in objects:
            continue
        if columns.get(""):
            con.execute(f"COMMENT ON {objects[table]} {table} IS ?".replace("?", _sql_string(columns[""])))
        for column, text in columns.items():
            if column:
                con.execute(f"COMMENT ON COLUMN {table}.{column} IS {_sql_string(text)}")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_warehouse(tables: Tables, db_path: Path, reference_dir: Path = REFERENCE_DIR) -> None:
    """Build the warehouse at `db_path` atomically: a temporary file, checks, then a rename."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per build: two builds (two users of the dashboard, say) never share a temporary file.
    temporary = db_path.with_name(f".{db_path.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    temporary.unlink(missing_ok=True)
    # Not dataclasses.asdict: it deep-copies every row, which costs more than the whole load.
    rows = {**reference_rows(reference_dir), **{f.name: getattr(tables, f.name) for f in fields(tables)}}
    rows["etl_rejects"] = rows.pop("rejects")
    try:
        # DuckDB would take up to 80% of the machine's memory for its buffers; a build needs far less.
        with duckdb.connect(str(temporary), config={"memory_limit": LOAD_MEMORY_LIMIT}) as con:
            con.execute((WAREHOUSE_DIR / "schema.sql").read_text(encoding="utf-8"))
            # One transaction: DuckDB writes the new row groups straight to the file instead of
            # through its write-ahead log, which halves the load of the texts.
            con.execute("BEGIN")
            for table in TABLE_ORDER:
                _insert(con, table, rows[table])
            con.execute("COMMIT")
            con.execute((WAREHOUSE_DIR / "views.sql").read_text(encoding="utf-8"))
            _comment(con)
            failures = failed_checks(con)
            if failures:
                raise BuildError("; ".join(f"{name}: {count} rows" for name, count in failures.items()))
            con.execute("CHECKPOINT")
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(str(temporary) + ".wal").unlink(missing_ok=True)
