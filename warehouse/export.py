"""Export every warehouse table as Parquet, the way to take the data to a bigger engine (DuckDB over
object storage, Spark, Trino): tables tied to a meeting are partitioned by the meeting's year
(`figures/year=2024/…parquet`, Hive style), the others are one file each (`countries.parquet`)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from warehouse import count_rows

PARTITIONED_BY_YEAR = ("summits", "sources", "summit_mentions", "participants", "agreements", "figures")
YEAR_OF_MEETING = "(SELECT year(s.held_on) FROM summits s WHERE s.summit_id = t.summit_id)"
SINGLE_FILE = (
    "countries",
    "people",
    "participant_sources",
    "agreement_sources",
    "figure_sources",
    "etl_rejects",
)


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(db_path: Path, directory: Path) -> dict[str, int]:
    """Write every table under `directory` (replacing an earlier export); returns rows per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        for table in PARTITIONED_BY_YEAR:
            target = directory / table
            shutil.rmtree(target, ignore_errors=True)
            year = "year(t.held_on)" if table == "summits" else YEAR_OF_MEETING
            con.execute(
                f"COPY (SELECT t.*, {year} AS year FROM {table} t) TO {_quote_path(target)} "
                "(FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE true)"
            )
            counts[table] = count_rows(con, f"FROM {table}")
        for table in SINGLE_FILE:
            con.execute(f"COPY {table} TO {_quote_path(directory / f'{table}.parquet')} (FORMAT parquet)")
            counts[table] = count_rows(con, f"FROM {table}")
    return counts


def read_exported(directory: Path, table: str) -> duckdb.DuckDBPyRelation:
    """One exported table read back (without the partition column), for checks and round trips."""
    con = duckdb.connect()
    if table in PARTITIONED_BY_YEAR:
        return con.sql(
            f"SELECT * EXCLUDE (year) FROM read_parquet({_quote_path(Path(directory) / table / '**' / '*.parquet')}, "
            "hive_partitioning = true)"
        )
    return con.sql(f"SELECT * FROM read_parquet({_quote_path(Path(directory) / f'{table}.parquet')})")


# ---- one result as a file ----

FILE_FORMATS = ("csv", "xlsx", "parquet")


def frame_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """A table as a CSV (UTF-8 with a byte-order mark, so Excel reads Cyrillic), an Excel workbook or a Parquet
    file, with the warehouse's column names and raw values."""
    if fmt == "csv":
        return df.to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    if fmt == "parquet":
        df.to_parquet(buffer, index=False)
    elif fmt == "xlsx":
        _excel_safe(df).to_excel(buffer, index=False, sheet_name="data")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return buffer.getvalue()


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Excel keeps no time zones and at most 32,767 characters a cell."""
    out = df.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
        elif pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: v[:32_767] if isinstance(v, str) else v)
    return out
