"""The DuckDB warehouse: schema, views, data dictionary, constraint checks, queries and the SQL sandbox."""

from pathlib import Path

WAREHOUSE_DIR = Path(__file__).resolve().parent
DEFAULT_DB = WAREHOUSE_DIR / "summits.duckdb"
