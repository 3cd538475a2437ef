"""Sandboxed queries, in a process of their own: `python -m warehouse.sandbox_worker` says «ready», then reads
one JSON request a line on stdin and answers each with a JSON header line (its `body_bytes` says how many bytes
follow) and the result as an Arrow IPC stream, on stdout, until stdin closes."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a query comes, not when the worker starts
    import duckdb
    import pyarrow as pa

    # (db, limits, connection, file version): the warehouse a worker opened while it waited
    Opened = tuple[str, dict, duckdb.DuckDBPyConnection, tuple[int, int]]

TIMEOUT_MESSAGE = "maximum execution time"


def _limit_address_space(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _connect(db: str, limits: dict) -> duckdb.DuckDBPyConnection:
    import duckdb

    config = {
        "access_mode": "READ_ONLY",
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_persistent_secrets": False,
        "memory_limit": limits["memory_limit"],
        "threads": limits["threads"],
        "max_execution_time": int(limits["timeout_seconds"] * 1000),
        "temp_directory": "",  # nothing spills to disk next to the warehouse
        "lock_configuration": True,
    }
    return duckdb.connect(db, read_only=True, config=config)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, max_rows: int) -> tuple[pa.Table, bool]:
    import pyarrow as pa

    reader = con.sql(sql).to_arrow_reader(2048)
    batches, rows = [], 0
    try:
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            if rows > max_rows:
                break
    finally:
        reader.close()
    table = pa.Table.from_batches(batches, schema=reader.schema) if batches else reader.schema.empty_table()
    truncated = table.num_rows > max_rows
    return table.slice(0, max_rows), truncated


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int | None:
    from warehouse import count_rows

    try:
        return count_rows(con, sql)
    except Exception:  # noqa: BLE001 — the count is a courtesy; any failure just leaves it out
        return None


def answer(request: dict, opened: tuple | None = None) -> tuple[dict, bytes, tuple | None]:
    """The answer to one request, and the connection to keep for the next: `opened` is a (db, limits,
    connection, file version) opened before (while the worker waited, or for the query before), used when
    the request is for that file, unchanged, with those limits."""
    import duckdb
    import pyarrow as pa

    from warehouse.sandbox import SandboxError, check_statement

    limits = request["limits"]
    started = time.perf_counter()
    try:
        check_statement(request["sql"])  # parsed here, under the worker's limits, not in the server
    except SandboxError as error:
        return {"ok": False, "kind": error.kind, "message": str(error)}, b"", opened
    current = None
    try:
        current = _connection_for(request, opened)
        # A cursor of its own for each query: the database (and its cache) is shared, a result left unread
        # when the rows ran over the cap is not.
        with current[2].cursor() as con:
            table, truncated = _fetch(con, request["sql"], limits["max_rows"])
            elapsed = time.perf_counter() - started
            cheap = (
                truncated
                and elapsed < limits["timeout_seconds"] / 3
                and not request["sql"]
                .lstrip()
                .upper()
                .startswith(("DESCRIBE", "SHOW", "SUMMARIZE", "EXPLAIN"))
            )
            total = _count(con, request["sql"]) if cheap else (table.num_rows if not truncated else None)
    except duckdb.InterruptException as error:
        kind = "timeout" if TIMEOUT_MESSAGE in str(error).lower() else "failed"
        return {"ok": False, "kind": kind, "message": _message(error, limits)}, b"", current
    except duckdb.Error as error:
        return {"ok": False, "kind": "failed", "message": _message(error, limits)}, b"", current
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    header = {"ok": True, "truncated": truncated, "total_rows": total}
    return header, sink.getvalue().to_pybytes(), current


def _connection_for(request: dict, opened: tuple | None) -> tuple:
    """The connection opened before when it is to this file, unchanged since, with these limits (its cache is
    warm); else a new one, the old closed first (DuckDB would hand the old file's instance to a new connection
    to the same path)."""
    db, limits = request["db"], request["limits"]
    if opened and (opened[0], opened[1]) == (db, limits) and opened[3] == _file_version(db):
        return opened
    if opened:
        opened[2].close()
    version = _file_version(db)  # before opening: a swap in between shows as a changed version next time
    return db, limits, _connect(db, limits), version


def _message(error: Exception, limits: dict) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if TIMEOUT_MESSAGE in text.lower():
        return f"the query ran over the {limits['timeout_seconds']:g} s time limit and was stopped"
    if "out of memory" in text.lower():
        return f"the query needed more memory than the sandbox allows ({limits['memory_limit']}): {text}"
    if "file system operations are disabled" in text or "Permission Error" in text:
        return f"files and URLs cannot be read from SQL here: {text}"
    return text


READY = b"ready\n"


def _open_ahead(argv: list[str]) -> Opened | None:
    """`--db PATH --limits JSON`: open the warehouse while waiting for the query (the likely file and limits);
    (db, limits, connection), or None when not asked or the file cannot be opened now."""
    if len(argv) != 4 or argv[0] != "--db" or argv[2] != "--limits":
        return None
    try:
        return _connection_for({"db": argv[1], "limits": json.loads(argv[3])}, None)
    except Exception:  # noqa: BLE001 — opened again, with the error reported, when the query comes
        return None


def _file_version(db: str) -> tuple[int, int]:
    stat = os.stat(db)
    return stat.st_ino, stat.st_mtime_ns


def main() -> None:
    import warnings

    warnings.simplefilter(
        "ignore"
    )  # a library's warning is no answer, and would end up in every error message
    # Loaded before saying ready, and before the request: a worker can be started ahead of its query (the
    # sandbox keeps one or two waiting), and starting up is never the query's time.
    import duckdb  # noqa: F401
    import pyarrow  # noqa: F401

    import warehouse.sandbox  # noqa: F401 — the statement check

    opened = _open_ahead(sys.argv[1:])
    sys.stdout.buffer.write(READY)
    sys.stdout.buffer.flush()
    # One request a line, for as long as the server keeps this worker (it retires it after a number of queries,
    # a time-out or a kill); the connection stays open between them, so its cache stays warm.
    limited = False
    for line in sys.stdin.buffer:
        request = json.loads(line)
        if not limited:
            _limit_address_space(request["limits"]["address_space_mb"])
            limited = True
        header, body, opened = answer(request, opened)
        header["body_bytes"] = len(body)
        sys.stdout.buffer.write(json.dumps(header).encode() + b"\n" + body)
        sys.stdout.buffer.flush()
        if header.get("kind") == "timeout":
            break  # an interrupted query may leave its memory behind: a fresh worker takes the next one
    os._exit(0)  # skip the interpreter's teardown, which the caller would wait for


if __name__ == "__main__":
    main()
