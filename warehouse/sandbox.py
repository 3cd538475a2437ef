"""The SQL sandbox used by the SQL page and `python -m warehouse.sql`.

Defence in depth, each layer enough on its own for what it covers:
1. One statement, and only a reading one (SELECT / WITH / VALUES / DESCRIBE / SHOW / SUMMARIZE / EXPLAIN
   of them), decided by DuckDB's own parser, so comments and case tricks change nothing.
2. The query runs in a separate process (`warehouse.sandbox_worker`) on a read-only connection opened
   with `enable_external_access=false`, extension autoloading off and `lock_configuration=true`: no file,
   URL or extension can be reached and no setting changed, even from inside a SELECT.
3. Limits: DuckDB's `max_execution_time` and `memory_limit`, an address-space limit on the worker (a
   string blown up by `repeat()` fails there instead of taking the server down), a hard kill when the
   time limit plus a grace period passes, and a cap on the rows returned.
"""

from __future__ import annotations

import atexit
import io
import json
import re
import selectors
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

READING_STATEMENTS = {"SELECT"}
EXPLAIN_PREFIX = re.compile(r"^\s*EXPLAIN(?:\s+ANALYZE)?\s+", re.IGNORECASE)
LEADING_COMMENTS = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
MAX_EXPLAIN_DEPTH = 3
CHECK_HERE_CHARS = 2_000  # a statement this short is cheap to parse in the server too
MAX_SQL_CHARS = 20_000  # a person's query is a few hundred characters; a 4 MB one only costs the parser memory
# Functions that tell about the server (paths, settings, secrets, extensions), not about the warehouse.
REVEALING = re.compile(r"\b(?:duckdb_databases|duckdb_extensions|duckdb_settings|duckdb_secrets|duckdb_temporary_files"
                       r"|current_setting|getenv|which_secret|pragma_database_list|pragma_version|database_list"
                       r"|duckdb_memory|duckdb_external_file_cache)\b", re.IGNORECASE)
KILL_GRACE_SECONDS = 2.0


@dataclass(frozen=True)
class Limits:
    timeout_seconds: float = 5.0
    max_rows: int = 10_000
    memory_limit: str = "512MB"
    address_space_mb: int = 2048
    threads: int = 2


DEFAULT_LIMITS = Limits()


class SandboxError(Exception):
    """A query that did not answer; `kind` is refused, timeout or failed; the message is one line."""

    kind = "failed"


class QueryRefused(SandboxError):
    kind = "refused"


class QueryTimeout(SandboxError):
    kind = "timeout"


class QueryFailed(SandboxError):
    kind = "failed"


@dataclass
class QueryResult:
    frame: pd.DataFrame
    truncated: bool  # more rows than the cap; `frame` holds the first `max_rows`
    total_rows: int | None  # the full count when it was cheap to get
    seconds: float


_parser: duckdb.DuckDBPyConnection | None = None  # an empty in-memory database, only for its parser
_parser_lock = threading.Lock()


def _statement_types(sql: str) -> list[str]:
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = duckdb.connect(":memory:")
        try:
            statements = _parser.extract_statements(sql)
        except duckdb.Error as error:
            raise QueryRefused(f"the SQL does not parse: {_first_line(str(error))}") from None
    return [s.type.name for s in statements]


def check_length(sql: str) -> None:
    """Refuse SQL longer than any query a person writes, before anything parses it (in the server)."""
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"the SQL is {len(sql):,} characters long; at most {MAX_SQL_CHARS:,} may run")


def check_statement(sql: str) -> None:
    """Raise QueryRefused unless `sql` is exactly one reading statement (EXPLAIN of one included), that does
    not ask for the server's paths or settings. Runs inside the sandboxed worker."""
    check_length(sql)
    if revealing := REVEALING.search(sql):
        raise QueryRefused(f"{revealing.group(0)} tells about the server, not the warehouse; it may not run")
    for _ in range(MAX_EXPLAIN_DEPTH):
        types = _statement_types(sql)
        if not types:
            raise QueryRefused("no statement to run")
        if len(types) > 1:
            raise QueryRefused(f"only one statement at a time may run; got {len(types)}")
        if types[0] != "EXPLAIN":
            break
        # «/**/ EXPLAIN SELECT 1»: comments first, then the EXPLAIN, then what it explains
        stripped = EXPLAIN_PREFIX.sub("", LEADING_COMMENTS.sub("", sql, count=1), count=1)
        if stripped == sql:
            raise QueryRefused("EXPLAIN of what? The statement after EXPLAIN could not be read")
        sql = stripped
    else:
        raise QueryRefused("EXPLAIN of an EXPLAIN: explain the query itself")
    kind = types[0]
    if kind not in READING_STATEMENTS:
        raise QueryRefused(f"only reading statements (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) "
                           f"may run; this is {_written_keyword(sql) or kind}")


# The statement's first word as the user wrote it, after comments: DuckDB calls INSTALL a LOAD statement.
FIRST_KEYWORD = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*([A-Za-z_]+)", re.DOTALL)


def _written_keyword(sql: str) -> str | None:
    m = FIRST_KEYWORD.match(sql)
    return m.group(1).upper() if m else None


def _last_line(message: str) -> str:
    """A traceback's last line says what happened; its first only that there was one."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"


STARTUP_SECONDS = 30.0
POOL_SIZE = 2  # workers started ahead, each waiting for one query


def _start_worker(key: tuple[str, str]) -> subprocess.Popen:
    """A worker that opens `key`'s warehouse (with its limits) while it waits for a query."""
    db, limits = key
    return subprocess.Popen([sys.executable, "-m", "warehouse.sandbox_worker", "--db", db, "--limits", limits],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parent.parent)


class _WorkerPool:
    """Sandbox workers started ahead of their queries, so a query does not wait for a process to start. Each
    worker still answers one query and ends (a fresh, locked-down process per query, as before); taking one
    starts its replacement at once."""

    def __init__(self, size: int):
        self.size = size
        self.idle: dict[tuple[str, str], list[subprocess.Popen]] = {}  # per warehouse file and limits
        self.lock = threading.Lock()
        atexit.register(self.close)

    def take(self, db_path: Path, limits: Limits) -> subprocess.Popen:
        key = (str(db_path), json.dumps(asdict(limits)))
        with self.lock:
            for other in [k for k in self.idle if k != key]:  # another file or limits asked last: let them go
                self._stop(self.idle.pop(other))
            idle = [w for w in self.idle.get(key, []) if w.poll() is None]
            worker = idle.pop(0) if idle else _start_worker(key)
            while len(idle) < self.size:
                idle.append(_start_worker(key))
            self.idle[key] = idle
            return worker

    @staticmethod
    def _stop(workers: list[subprocess.Popen]) -> None:
        for worker in workers:
            worker.kill()
            worker.communicate()

    def close(self) -> None:
        with self.lock:
            for workers in self.idle.values():
                self._stop(workers)
            self.idle = {}


_POOL = _WorkerPool(POOL_SIZE)


def _ready(worker: subprocess.Popen, seconds: float) -> bool:
    """Wait for the worker's «ready» line; False if it does not come in time (or the worker ended first)."""
    if worker.stdout is None:  # not started with a pipe: it can say nothing
        return False
    with selectors.DefaultSelector() as selector:
        selector.register(worker.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            return False
    return worker.stdout.readline() == b"ready\n"


def run_query(db_path: Path, sql: str, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
    """Run one reading statement in a sandboxed worker process; raise a SandboxError if it does not answer.
    A short statement is checked here too, to refuse at once without starting a worker; a long one is parsed
    only in the worker, under its limits (nested parentheses cost the parser memory)."""
    check_length(sql)
    if len(sql) <= CHECK_HERE_CHARS:
        check_statement(sql)
    if not Path(db_path).exists():
        raise QueryFailed(f"no warehouse at {db_path}")
    request = json.dumps({"db": str(db_path), "sql": sql, "limits": asdict(limits)}).encode()
    worker = _POOL.take(db_path, limits)
    # The time limit is the query's: it starts when the worker has started up (on a busy machine that alone
    # may take seconds) and says it is ready. A worker started ahead is ready at once.
    if not _ready(worker, STARTUP_SECONDS):
        worker.kill()
        _, err = worker.communicate()
        raise QueryFailed(f"the query process did not start within {STARTUP_SECONDS:g} s "
                          f"({_first_line(err.decode(errors='replace')) if err else 'the machine is busy'})")
    try:
        if worker.stdin is not None:
            worker.stdin.write(request)
            worker.stdin.close()
    except BrokenPipeError:
        pass  # it ended already; what it said is read below
    worker.stdin = None  # sent and closed: communicate() below only reads
    started = time.perf_counter()
    try:
        out, err = worker.communicate(timeout=limits.timeout_seconds + KILL_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise QueryTimeout(f"the query ran over the {limits.timeout_seconds:g} s time limit and was stopped") from None
    header, _, body = out.partition(b"\n")
    try:
        reply = json.loads(header)
    except json.JSONDecodeError:
        message = err.decode(errors="replace")
        if "MemoryError" in message or "std::bad_alloc" in message or worker.returncode in (-9, 137):
            raise QueryFailed(f"the query needed more memory than the sandbox allows ({limits.memory_limit}, "
                              f"{limits.address_space_mb} MB in all) and was stopped") from None
        raise QueryFailed(f"the query process ended without an answer (exit code {worker.returncode}; "
                          f"{_last_line(message)})") from None
    if not reply["ok"]:
        error = {"timeout": QueryTimeout, "refused": QueryRefused}.get(reply["kind"], QueryFailed)
        raise error(reply["message"])
    frame = pa.ipc.open_stream(io.BytesIO(body)).read_all().to_pandas() if body else pd.DataFrame()
    return QueryResult(frame, reply["truncated"], reply["total_rows"], time.perf_counter() - started)
