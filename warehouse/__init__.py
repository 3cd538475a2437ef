"""The DuckDB warehouse: schema, views, data dictionary, constraint checks, queries and the SQL sandbox."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the dashboard imports this package before it needs DuckDB
    import duckdb

WAREHOUSE_DIR = Path(__file__).resolve().parent
DEFAULT_DB = WAREHOUSE_DIR / "summits.duckdb"


def count_rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> int:
    """How many rows `sql` gives, counted by DuckDB (none are fetched)."""
    row = con.execute(f"SELECT count(*) FROM ({sql})", params or {}).fetchone()
    return row[0] if row else 0
