"""Write the assembled rows into a new DuckDB file and swap it in only when it is complete and its
checks pass, so a crash or a bad run never leaves a half-built warehouse where a good one was."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from etl.reference import REFERENCE_DIR, read_reference_csv
from etl.rows import CountryRow, PersonRow, Tables
from warehouse import WAREHOUSE_DIR
from warehouse.checks import failed_checks
from warehouse.dictionary import read_dictionary

LOAD_MEMORY_LIMIT = "256MB"
INSERT_BATCH_ROWS = 5000
TEXTS_PER_COMMIT = 2000
# Load order follows the foreign keys: the curated tables, then the assembled ones (etl/rows.py's Tables).
REFERENCE_TABLES = ("countries", "people")


class BuildError(Exception):
    """The new warehouse failed its checks; the old one was left in place."""


def reference_rows(reference_dir: Path = REFERENCE_DIR) -> dict[str, list[Any]]:
    """Rows of the curated countries and people tables."""
    countries = [
        CountryRow(
            country_code=r["country_code"],
            name_en=r["name_en"],
            name_ru=r["name_ru"],
            name_kk=r["name_kk"],
            is_member=r["is_member"] == "true",
            member_since=int(r["member_since"]) if r["member_since"] else None,
            source_url=r["source_url"],
        )
        for r in read_reference_csv("countries", reference_dir)
    ]
    people = [
        PersonRow(
            person_id=r["person_id"],
            name_en=r["name_en"],
            country_code=r["country_code"] or None,
            organization=r["organization"] or None,
            office=r["office"],
            term_start=r["term_start"] or None,
            term_end=r["term_end"] or None,
            source_url=r["source_url"] or None,
        )
        for r in read_reference_csv("people", reference_dir)
    ]
    return {"countries": countries, "people": people}


@cache
def _arrow_pool() -> pa.MemoryPool:
    """The C library's allocator: it hands freed batches back to the system at once, where Arrow's default
    pool keeps them (a build's peak memory was 100 MB higher with it, measured on 20,000 texts)."""
    return pa.system_memory_pool()


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Any]) -> None:
    """Insert records (dataclasses of etl/rows.py, one type per table, each field a column) through Arrow,
    column by column in batches: fast (no row-by-row INSERT) and with a bounded copy in memory."""
    if not rows:
        return
    columns = _record_columns(con, table, rows[0])
    getters = [attrgetter(column) for column in columns]
    for offset in range(0, len(rows), INSERT_BATCH_ROWS):
        chunk = rows[offset : offset + INSERT_BATCH_ROWS]
        arrays = [pa.array(list(map(get, chunk)), memory_pool=_arrow_pool()) for get in getters]
        con.register("load_batch", pa.Table.from_arrays(arrays, names=columns))
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM load_batch")
        con.unregister("load_batch")


def _record_columns(con: duckdb.DuckDBPyConnection, table: str, record: Any) -> list[str]:
    """The record's fields, refused if one is not a column of the table (a typo would otherwise load nothing)."""
    columns = [f.name for f in fields(record)]
    known = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"not columns of {table}: {', '.join(unknown)}")
    return columns


def store_dictionary(con: duckdb.DuckDBPyConnection) -> None:
    """Store the data dictionary in the file, so `duckdb_columns()` explains every column."""
    objects = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT table_name, 'TABLE' FROM duckdb_tables() UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() "
            "WHERE NOT internal"
        ).fetchall()
    }
    statements = []
    for table, columns in read_dictionary().items():
        if table not in objects:
            continue
        if columns.get(""):
            statements.append(f"COMMENT ON {objects[table]} {table} IS {_sql_string(columns[''])}")
        for column, text in columns.items():
            if column:
                statements.append(f"COMMENT ON COLUMN {table}.{column} IS {_sql_string(text)}")
    if statements:  # in one transaction: a commit per comment took three times as long, measured
        con.execute("BEGIN;\n" + ";\n".join(statements) + ";\nCOMMIT")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# The file is written in a storage format the newest DuckDB command-line shell on PyPI (duckdb-cli, pinned in
# pyproject.toml) still reads, so `duckdb -readonly warehouse/summits.duckdb` opens what the Python library wrote.
STORAGE_VERSION = "v1.5.0"


def remove_stale_builds(db_path: Path) -> list[Path]:
    """Delete the temporary files of builds that were killed (`.summits.duckdb.building-<pid>-…`, their WAL and
    their folder of texts) whose process is gone; a build still running keeps its own. Returns what was removed."""
    removed = []
    for path in db_path.parent.glob(f".{db_path.name}.building-*"):
        pid = path.name.removeprefix(f".{db_path.name}.building-").split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            if path.is_dir() and not path.is_symlink():  # its spool of texts (etl/spool.py)
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WarehouseWriter:
    """A new warehouse in a temporary file, filled table by table, checked, then swapped in for the old
    one by a rename. Leaving the block without `finish()` (or with an error) leaves the old one untouched.

        with WarehouseWriter(path) as writer:
            writer.write(Tables(summits=[...], sources=[...]))
            writer.commit_in_background()  # DuckDB compresses and writes the texts while Python goes on
            writer.write(Tables(agreements=[...]))
            writer.finish()
    """

    def __init__(self, db_path: Path, reference_dir: Path = REFERENCE_DIR):
        self.db_path = Path(db_path)
        self.reference_dir = reference_dir
        # Unique per build: two builds (two users of the dashboard, say) never share a temporary file.
        self.temporary = self.db_path.with_name(
            f".{self.db_path.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        )
        self.con: duckdb.DuckDBPyConnection | None = None
        self._in_transaction = False
        self._committing: threading.Thread | None = None
        self._opening: threading.Thread | None = None
        self._error: BaseException | None = None

    def __enter__(self) -> WarehouseWriter:
        if self._opening is None:  # not already being opened by `open_in_background`
            self._open()
        return self

    def open_in_background(self) -> WarehouseWriter:
        """Create the file, its schema and reference rows on a thread; the first use of the writer waits for it.
        A build opens it while its workers extract (the first Arrow insert of a process alone took 0.2 s)."""

        def open_catching() -> None:
            try:
                self._open()
            except BaseException as error:  # re-raised on the caller's thread
                self._error = error

        self._opening = threading.Thread(target=open_catching, name="warehouse-open", daemon=True)
        self._opening.start()
        return self

    def _wait_for_open(self) -> None:
        if self._opening is not None:
            self._opening.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _open(self) -> None:
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(self.db_path)
        self.temporary.unlink(missing_ok=True)
        # DuckDB would take up to 80% of the machine's memory for its buffers; a build needs far less.
        self.con = duckdb.connect(
            str(self.temporary),
            config={"memory_limit": LOAD_MEMORY_LIMIT, "storage_compatibility_version": STORAGE_VERSION},
        )
        self.con.execute((WAREHOUSE_DIR / "schema.sql").read_text(encoding="utf-8"))
        references = reference_rows(self.reference_dir)
        self._insert([(table, references[table]) for table in REFERENCE_TABLES])

    def write(self, tables: Tables) -> None:
        """Insert the rows of every table, in foreign-key order."""
        self._insert(tables.items())

    def _insert(self, tables: Sequence[tuple[str, Sequence[Any]]]) -> None:
        self._wait_for_commit()
        con = self._connection()
        if not self._in_transaction:
            # Inside a transaction DuckDB writes new row groups straight to the file instead of through
            # its write-ahead log, which halves the load of the texts.
            con.execute("BEGIN")
            self._in_transaction = True
        for table, rows in tables:
            if table != "sources":
                insert_rows(con, table, rows)
                continue
            # The texts are committed a slice at a time: DuckDB keeps what one transaction adds in memory
            # beyond its memory_limit (20,000 reports in one: +1 GB); nothing is visible before the swap anyway.
            for offset in range(0, len(rows), TEXTS_PER_COMMIT):
                if offset:
                    con.execute("COMMIT")
                    con.execute("BEGIN")
                insert_rows(con, table, rows[offset : offset + TEXTS_PER_COMMIT])

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._opening is not None and self._opening is not threading.current_thread():
            self._wait_for_open()
        if self.con is None:
            raise RuntimeError("the warehouse writer is not open: use it in a `with` block")
        return self.con

    def commit_in_background(self) -> None:
        """Commit what is written on a thread: DuckDB releases the GIL while it compresses and writes, so
        the caller can assemble the next tables meanwhile. The next call waits for it."""
        self._wait_for_commit()
        if not self._in_transaction:
            return
        self._in_transaction = False

        con = self._connection()

        def commit() -> None:
            try:
                con.execute("COMMIT")
            except BaseException as error:  # re-raised on the caller's thread
                self._error = error

        self._committing = threading.Thread(target=commit, name="warehouse-commit", daemon=True)
        self._committing.start()

    def _wait_for_commit(self) -> None:
        if self._committing is not None:
            self._committing.join()
            self._committing = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def finish(self) -> None:
        """Commit, add views and the data dictionary, run the checks, and swap the file in."""
        self._wait_for_commit()
        con = self._connection()
        if self._in_transaction:
            con.execute("COMMIT")
            self._in_transaction = False
        con.execute((WAREHOUSE_DIR / "views.sql").read_text(encoding="utf-8"))
        store_dictionary(con)
        failures = failed_checks(con)
        if failures:
            raise BuildError("; ".join(f"{name}: {count} rows" for name, count in failures.items()))
        con.execute("CHECKPOINT")
        con.close()
        self.con = None
        os.replace(self.temporary, self.db_path)

    def __exit__(self, *exc: object) -> None:
        if self._opening is not None:
            self._opening.join()
        if self._committing is not None:
            self._committing.join()
        if self.con is not None:
            self.con.close()
        self.temporary.unlink(missing_ok=True)
        Path(str(self.temporary) + ".wal").unlink(missing_ok=True)


def write_warehouse(tables: Tables, db_path: Path, reference_dir: Path = REFERENCE_DIR) -> None:
    """Build the warehouse at `db_path` atomically from assembled rows: a temporary file, checks, a rename."""
    with WarehouseWriter(db_path, reference_dir) as writer:
        writer.write(tables)
        writer.finish()
