"""One cached read-only DuckDB connection per warehouse file, and cached query results. Caching lives
here so `warehouse.queries` stays plain Python."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import streamlit as st

from warehouse import DEFAULT_DB
from warehouse import queries as q
from warehouse.sandbox import DEFAULT_LIMITS, Limits, QueryResult, run_query

DB_ENV = "SUMMITS_DB"
BUILD_COMMAND = ".venv/bin/python -m etl build --sources data/sources --db warehouse/summits.duckdb"


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV, DEFAULT_DB))


def _version(path: Path) -> float:
    """Changes when the ETL swaps in a new file, so cached connections and results are renewed."""
    return path.stat().st_mtime_ns


@st.cache_resource(show_spinner=False)
def _connection(path: str, version: float) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection (connections are not thread-safe, cursors are)."""
    path = db_path()
    return _connection(str(path), _version(path)).cursor()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, path: str, version: float, args: tuple, kwargs: tuple):
    with cursor() as cur:
        return getattr(q, name)(cur, *args, **dict(kwargs))


def query(name: str, *args, **kwargs):
    """Run `warehouse.queries.<name>` with these arguments, cached per warehouse version."""
    path = db_path()
    return _cached(name, str(path), _version(path), args, tuple(sorted(kwargs.items())))


def require_warehouse() -> bool:
    """Say how to build the warehouse when it is missing; True when it is there."""
    if db_path().exists():
        return True
    st.error(f"No warehouse at `{db_path()}` yet.")
    st.markdown("Build it from the bundled corpus (or your own folder of texts) with:")
    st.code(BUILD_COMMAND, language="sh")
    return False


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_sql(sql: str, path: str, version: float, limits: Limits) -> QueryResult:
    return run_query(Path(path), sql, limits)


def run_sql(sql: str, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
    """A sandboxed ad-hoc query (cached per warehouse version); raises SandboxError."""
    path = db_path()
    return _cached_sql(sql, str(path), _version(path), limits)


def uncached(name: str, *args, **kwargs):
    """Run `warehouse.queries.<name>` on a connection of its own, outside Streamlit's script context
    (a download built at click time runs there)."""
    with duckdb.connect(str(db_path()), read_only=True) as con:
        return getattr(q, name)(con, *args, **kwargs)
