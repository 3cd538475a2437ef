"""One cached read-only DuckDB connection per warehouse file, and cached query results. Caching lives
here so `warehouse.queries` stays plain Python."""

from __future__ import annotations

import os
import shlex
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import streamlit as st

from warehouse import DEFAULT_DB
from warehouse import queries as q
from warehouse.brief import build_brief, render
from warehouse.sandbox import DEFAULT_LIMITS, Limits, QueryResult, run_query

DB_ENV = "SUMMITS_DB"
BUILD_COMMAND = ".venv/bin/python -m etl build --sources data/sources --db {db}"


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV, DEFAULT_DB))


def _version(path: Path) -> int:
    """Changes when the ETL swaps in a new file, so cached connections and results are renewed."""
    return path.stat().st_mtime_ns


_connections: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}
_retired: list[
    tuple[float, duckdb.DuckDBPyConnection]
] = []  # replaced connections, closed once no reader can hold one
_connections_lock = threading.Lock()
RETIRE_AFTER_SECONDS = 120.0  # far longer than any dashboard query


def _open(path: str) -> duckdb.DuckDBPyConnection:
    """A connection of its own to the file as it is now: an in-memory database with the warehouse attached
    read-only. (`duckdb.connect(path)` would hand back the process's existing instance of that path, which
    still reads the file the ETL has just replaced.)"""
    connection = duckdb.connect(":memory:")
    connection.execute(f"ATTACH '{path.replace(chr(39), chr(39) * 2)}' AS warehouse (READ_ONLY)")
    return connection


def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per warehouse file and version. When the ETL swaps in a new file, a new
    connection is opened and the old one retired, not closed: other sessions may be reading through it; it is
    closed a while later."""
    with _connections_lock:
        current = _connections.get(path)
        if current is not None and current[0] == version:
            return current[1]
        now = time.monotonic()
        if current is not None:
            _retired.append((now, current[1]))
        connection = _open(path)
        _connections[path] = (version, connection)
        _close_retired(now - RETIRE_AFTER_SECONDS)
        return connection


def _close_retired(before: float) -> None:
    keep = []
    for retired_at, connection in _retired:
        if retired_at < before:
            connection.close()
        else:
            keep.append((retired_at, connection))
    _retired[:] = keep


def close_connection(path: Path) -> None:
    """Retire the shared connection to `path` (after a rebuild swapped in a new file): the next reader opens
    the new file."""
    with _connections_lock:
        current = _connections.pop(str(path), None)
        if current is not None:
            _retired.append((time.monotonic(), current[1]))


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection (connections are not thread-safe, cursors are)."""
    path = db_path()
    cur = _connection(str(path), _version(path)).cursor()
    cur.execute("USE warehouse")  # a cursor starts in the connection's in-memory database
    return cur


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, path: str, version: float, args: tuple, kwargs: tuple):
    with cursor() as cur:
        return getattr(q, name)(cur, *args, **dict(kwargs))


def query(name: str, *args, **kwargs):
    """Run `warehouse.queries.<name>` with these arguments, cached per warehouse version."""
    path = db_path()
    return _cached(name, str(path), _version(path), args, tuple(sorted(kwargs.items())))


Query = tuple  # a query of warehouse.queries and its arguments: ("summits", filters)


def figure(builder: Callable[..., go.Figure], *queries: Query, **kwargs) -> go.Figure:
    """`builder` drawn from the results of `queries` (each `(name, *args)`, as `query` takes them), built once
    per warehouse version for every session that shows it, and shared, not copied: pages only draw it.
    Every session's page runs on one core (Python's lock); building the same figures from the same frames
    again and again was a large part of what each page cost under load."""
    path = db_path()
    return _shared_figure(
        f"{builder.__module__}.{builder.__qualname__}",
        str(path),
        _version(path),
        queries,
        tuple(sorted(kwargs.items())),
        builder,
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def _shared_figure(
    name: str,
    path: str,
    version: int,
    queries: tuple[Query, ...],
    kwargs: tuple,
    _builder: Callable[..., go.Figure],
) -> go.Figure:
    return _builder(*(query(*spec) for spec in queries), **dict(kwargs))


def require_warehouse() -> bool:
    """Say how to build the warehouse when it is missing; True when it is there."""
    if db_path().exists():
        return True
    configured = (
        f" (set by `{DB_ENV}`)" if os.environ.get(DB_ENV) else f" (the default; `{DB_ENV}` names another)"
    )
    st.error(f"No warehouse at `{db_path()}`{configured} yet.")
    st.markdown("Build it from the bundled corpus (or your own folder of texts) with:")
    st.code(BUILD_COMMAND.format(db=shlex.quote(str(db_path()))), language="sh")
    return False


SQL_CACHE_BYTES = 64 * 1024 * 1024  # what the SQL page keeps of earlier results, in all, for every session
_sql_cache: OrderedDict[tuple, tuple[QueryResult, int]] = OrderedDict()
_sql_cache_lock = threading.Lock()


def _result_bytes(result: QueryResult) -> int:
    return int(result.frame.memory_usage(deep=True).sum())


def run_sql(sql: str, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
    """A sandboxed ad-hoc query, its result cached per warehouse version within a cap on the bytes kept (the
    least recently used go first; a result larger than the cap is not kept); raises SandboxError."""
    path = db_path()
    key = (sql, str(path), _version(path), limits)
    with _sql_cache_lock:
        if key in _sql_cache:
            _sql_cache.move_to_end(key)
            return _sql_cache[key][0]
    result = run_query(path, sql, limits)
    size = _result_bytes(result)
    with _sql_cache_lock:
        if size <= SQL_CACHE_BYTES:
            _sql_cache[key] = (result, size)
            while sum(kept for _, kept in _sql_cache.values()) > SQL_CACHE_BYTES:
                _sql_cache.popitem(last=False)
    return result


def uncached(name: str, *args, **kwargs):
    """Run `warehouse.queries.<name>` uncached, outside Streamlit's script context (a download built at
    click time runs there)."""
    with cursor() as cur:
        return getattr(q, name)(cur, *args, **kwargs)


def brief_file(summit_id: int, filters: q.Filters, fmt: str) -> bytes:
    """A meeting's brief (warehouse/brief/) as a file of format `fmt`: built when its download is clicked,
    outside Streamlit's script context, so uncached."""
    with cursor() as cur:
        return render(build_brief(cur, summit_id, filters), fmt)
