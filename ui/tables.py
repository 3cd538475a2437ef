"""Tables with downloads: CSV and Parquet of the filtered table. A table too long to show whole shows its
first rows, and its downloads are built from the full filtered query when clicked."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
import streamlit as st

FORMATS = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The DataFrame as a CSV (UTF-8) or Parquet file."""
    if fmt == "csv":
        return df.to_csv(index=False).encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        df.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}")


def show_table(df: pd.DataFrame, name: str, key: str, total: int | None = None,
               full_table: Callable[[], pd.DataFrame] | None = None) -> None:
    """Show `df` with CSV and Parquet downloads. When `total` says the filtered table is longer than
    `df`, the downloads come from `full_table()`, run only when the user clicks."""
    dates = {c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in df.columns
             if pd.api.types.is_datetime64_any_dtype(df[c])}
    st.dataframe(df, key=f"{key}_table", hide_index=True, column_config=dates)
    partial = total is not None and total > len(df) and full_table is not None
    if partial:
        st.caption(f"Showing the first {len(df):,} of {total:,} rows; the downloads hold all {total:,}.")
    columns = st.columns([1, 1, 6])
    for column, fmt in zip(columns, FORMATS, strict=False):
        data = (lambda fmt=fmt: table_bytes(full_table(), fmt)) if partial else table_bytes(df, fmt)
        column.download_button(
            f"{fmt.upper()}", data=data, file_name=f"{name}.{fmt}", mime=FORMATS[fmt],
            key=f"{key}_download_{fmt}", help=f"Download these {total if partial else len(df):,} rows as {fmt.upper()}",
            on_click="ignore",
        )
