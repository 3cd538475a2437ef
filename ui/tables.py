"""Tables with downloads of exactly what is shown: CSV and Parquet of the displayed DataFrame."""

from __future__ import annotations

import io

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


def show_table(df: pd.DataFrame, name: str, key: str, **dataframe_args) -> None:
    """Show `df` and offer it for download as CSV and Parquet, exactly as shown."""
    dates = {c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in df.columns
             if pd.api.types.is_datetime64_any_dtype(df[c])}
    st.dataframe(df, key=f"{key}_table", hide_index=True, column_config=dates, **dataframe_args)
    columns = st.columns([1, 1, 6])
    for column, fmt in zip(columns, FORMATS, strict=False):
        column.download_button(
            f"{fmt.upper()}", data=table_bytes(df, fmt), file_name=f"{name}.{fmt}", mime=FORMATS[fmt],
            key=f"{key}_download_{fmt}", help=f"Download these {len(df)} rows as {fmt.upper()}",
            on_click="ignore",
        )
