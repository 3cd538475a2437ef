"""The SQL sandbox used by the SQL page and `python -m warehouse.sql`.

Defence in depth, each layer enough on its own for what it covers:
1. One statement, and only a reading one (SELECT / WITH / VALUES / DESCRIBE / SHOW / SUMMARIZE / EXPLAIN
   of them), decided by DuckDB's own parser, so comments and case tricks change nothing.
2. The query runs in a separate process (`warehouse.sandbox_worker`, kept for up to QUERIES_PER_WORKER
   queries, each on a cursor of its own) on a read-only connection opened
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
import os
import re
import selectors
import subprocess
import sys
import tempfile
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
MAX_SQL_CHARS = (
    20_000  # a person's query is a few hundred characters; a 4 MB one only costs the parser memory
)
# Functions that tell about the server (paths, settings, secrets, extensions), not about the warehouse.
REVEALING = re.compile(
    r"\b(?:duckdb_databases|duckdb_extensions|duckdb_settings|duckdb_secrets|duckdb_temporary_files"
    r"|current_setting|getenv|which_secret|pragma_database_list|pragma_version|database_list"
    r"|duckdb_memory|duckdb_external_file_cache)\b",
    re.IGNORECASE,
)
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
        raise QueryRefused(
            f"only reading statements (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) "
            f"may run; this is {_written_keyword(sql) or kind}"
        )


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
POOL_SIZE = 2  # idle workers kept per warehouse file and limits
QUERIES_PER_WORKER = 100  # then it is replaced, so no worker lives for ever


class _NotTaken(Exception):
    """The worker had ended before the request reached it."""


class _Worker:
    """One sandbox worker process: it opens the warehouse while it waits, then answers one query a line, its
    connection (and DuckDB's cache) kept warm between them. Reads are by file descriptor with a deadline, so a
    worker that hangs is killed on time."""

    def __init__(self, key: tuple[str, str]):
        db, limits = key
        self.key = key
        self.errors = tempfile.TemporaryFile()  # read when it dies: its last words say why
        self.process = subprocess.Popen(
            [sys.executable, "-m", "warehouse.sandbox_worker", "--db", db, "--limits", limits],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self.process.stdin is not None and self.process.stdout is not None  # started with pipes
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.buffer = bytearray()
        self.ready = False
        self.served = 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def _fill(self, deadline: float) -> bool:
        """Read what the worker has written; False at its end; TimeoutError past the deadline."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                raise TimeoutError
        chunk = os.read(self.stdout.fileno(), 1 << 20)
        self.buffer += chunk
        return bool(chunk)

    def read_line(self, deadline: float) -> bytes | None:
        while b"\n" not in self.buffer:
            if not self._fill(deadline):
                return None
        line, _, rest = bytes(self.buffer).partition(b"\n")
        self.buffer = bytearray(rest)
        return line

    def read_exactly(self, size: int, deadline: float) -> bytes | None:
        while len(self.buffer) < size:
            if not self._fill(deadline):
                return None
        data, self.buffer = bytes(self.buffer[:size]), self.buffer[size:]
        return data

    def send(self, request: bytes) -> bool:
        try:
            self.stdin.write(request + b"\n")
            self.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False  # it ended already: what it said is read from its errors

    def last_words(self) -> str:
        self.process.wait()
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        for pipe in (self.stdin, self.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        self.errors.close()


class _WorkerPool:
    """Sandbox workers started ahead of their queries and kept between them, so a query neither waits for a
    process to start nor for a cold cache. Each is still one locked-down process with the same limits; it is
    replaced after a time-out, a kill or QUERIES_PER_WORKER queries. The most recently used worker is taken
    first (its cache is warmest), and a spare is started whenever none is left idle."""

    def __init__(self, size: int):
        self.size = size
        self.idle: dict[tuple[str, str], list[_Worker]] = {}  # per warehouse file and limits
        self.lock = threading.Lock()
        atexit.register(self.close)

    def take(self, db_path: Path, limits: Limits) -> _Worker:
        key = (str(db_path), json.dumps(asdict(limits)))
        with self.lock:
            for other in [k for k in self.idle if k != key]:  # another file or limits asked last: let them go
                for worker in self.idle.pop(other):
                    worker.stop()
            idle = []
            for worker in self.idle.get(key, []):
                idle.append(worker) if worker.alive() else worker.stop()
            worker = idle.pop() if idle else _Worker(key)
            if not idle:
                idle.append(_Worker(key))  # for a query that comes while this one runs
            self.idle[key] = idle
            return worker

    def give_back(self, worker: _Worker) -> None:
        with self.lock:
            idle = self.idle.get(worker.key)
            if (
                idle is not None
                and worker.alive()
                and worker.served < QUERIES_PER_WORKER
                and len(idle) < self.size
            ):
                idle.append(worker)
            else:
                worker.stop()

    def close(self) -> None:
        with self.lock:
            for workers in self.idle.values():
                for worker in workers:
                    worker.stop()
            self.idle = {}


_POOL = _WorkerPool(POOL_SIZE)


def run_query(db_path: Path, sql: str, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
    """Run one reading statement in a sandboxed worker process; raise a SandboxError if it does not answer.
    A short statement is checked here too, to refuse at once without asking a worker; a long one is parsed
    only in the worker, under its limits (nested parentheses cost the parser memory)."""
    check_length(sql)
    if len(sql) <= CHECK_HERE_CHARS:
        check_statement(sql)
    if not Path(db_path).exists():
        raise QueryFailed(f"no warehouse at {db_path}")
    request = json.dumps({"db": str(db_path), "sql": sql, "limits": asdict(limits)}).encode()
    for attempt in (1, 2):
        worker = _POOL.take(db_path, limits)
        try:
            reply, body, seconds = _ask(worker, request, limits)
            break
        except _NotTaken:
            worker.stop()  # it died while it waited (killed): the query never ran, another worker takes it
            if attempt == 2:
                raise QueryFailed("the query process ended before it could take the query") from None
        except BaseException:
            worker.stop()
            raise
    worker.served += 1
    if reply["ok"] or reply["kind"] != "timeout":
        _POOL.give_back(worker)
    else:
        worker.stop()  # it ends itself after a time-out
    if not reply["ok"]:
        error = {"timeout": QueryTimeout, "refused": QueryRefused}.get(reply["kind"], QueryFailed)
        raise error(reply["message"])
    frame = pa.ipc.open_stream(io.BytesIO(body)).read_all().to_pandas() if body else pd.DataFrame()
    return QueryResult(frame, reply["truncated"], reply["total_rows"], seconds)


def _ask(worker: _Worker, request: bytes, limits: Limits) -> tuple[dict, bytes, float]:
    """Send one request and read the reply: (header, body, seconds). The time limit is the query's: it starts
    once the worker has said it is ready (on a busy machine starting up alone may take seconds); a worker
    started ahead is ready at once."""
    if not worker.ready:
        try:
            worker.ready = worker.read_line(time.monotonic() + STARTUP_SECONDS) == b"ready"
        except TimeoutError:
            raise QueryFailed(
                f"the query process did not start within {STARTUP_SECONDS:g} s (the machine is busy)"
            ) from None
        if not worker.ready:
            raise QueryFailed(f"the query process did not start ({_first_line(worker.last_words())})")
    started = time.perf_counter()
    deadline = time.monotonic() + limits.timeout_seconds + KILL_GRACE_SECONDS
    try:
        if not worker.send(request):
            raise _NotTaken
        header = worker.read_line(deadline)
        reply = json.loads(header) if header else None
        body = worker.read_exactly(reply["body_bytes"], deadline) if reply else None
    except TimeoutError:
        raise QueryTimeout(
            f"the query ran over the {limits.timeout_seconds:g} s time limit and was stopped"
        ) from None
    if reply is None or body is None:
        raise _died(worker, limits)
    return reply, body, time.perf_counter() - started


def _died(worker: _Worker, limits: Limits) -> QueryFailed:
    """Why a worker ended without an answer: out of memory, or what its last line says."""
    try:
        worker.process.wait(timeout=KILL_GRACE_SECONDS)  # its output ended: it is ending
    except subprocess.TimeoutExpired:
        worker.process.kill()
    message = worker.last_words()
    if "MemoryError" in message or "std::bad_alloc" in message or worker.process.returncode in (-9, 137):
        return QueryFailed(
            f"the query needed more memory than the sandbox allows ({limits.memory_limit}, "
            f"{limits.address_space_mb} MB in all) and was stopped"
        )
    return QueryFailed(
        f"the query process ended without an answer (exit code {worker.process.returncode}; "
        f"{_last_line(message)})"
    )
