"""`python -m warehouse.sql [--db PATH] [--format table|csv|json|xlsx|parquet] [--out FILE] "SQL"`: ad-hoc SQL
over the warehouse, in the same sandbox as the dashboard's SQL page. A table too wide for the terminal is
printed one record at a time; xlsx and parquet go to the file `--out` names. Exit 0 on success; 1 with a
one-line message on stderr when the query is refused, fails or runs out of time; 2 for bad arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from warehouse import DEFAULT_DB
from warehouse.export import frame_bytes
from warehouse.sandbox import Limits, QueryResult, SandboxError, run_query


def _cell(value: Any) -> str:
    return "" if value is None or (not isinstance(value, (str, list)) and pd.isna(value)) else str(value)


def _print_table(result: QueryResult, console: Console | None = None) -> None:
    """Columns side by side when they fit the terminal; else one record at a time, a line per column (as
    psql's expanded display): a wide result never wraps into an unreadable grid."""
    console = console or Console()
    frame = result.frame
    widths = [max([len(str(c))] + [len(_cell(v)) for v in frame[c].head(50)]) for c in frame.columns]
    if sum(widths) + 3 * len(widths) + 1 <= console.width:
        table = Table(show_header=True)
        for column in frame.columns:
            table.add_column(str(column))
        for row in frame.itertuples(index=False):
            table.add_row(*(_cell(value) for value in row))
        console.print(table)
        return
    label = max((len(str(c)) for c in frame.columns), default=0)
    for n, row in enumerate(frame.itertuples(index=False), start=1):
        console.print(f"[bold]-[ record {n} ]-[/bold]", highlight=False)
        for column, value in zip(frame.columns, row, strict=True):
            console.print(f"{str(column):<{label}} | {_cell(value)}", highlight=False, soft_wrap=False)


def _notice(result: QueryResult) -> str:
    shown = len(result.frame)
    if result.truncated:
        total = f" of {result.total_rows:,}" if result.total_rows is not None else " (more rows not shown)"
        return f"{shown:,} rows{total}; the result was cut at the row limit, {result.seconds:.2f} s"
    return f"{shown:,} rows, {result.seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warehouse.sql", description="Read-only SQL over the summit warehouse"
    )
    parser.add_argument(
        "sql", help="one reading statement (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
    )
    parser.add_argument(
        "--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)"
    )
    parser.add_argument("--format", choices=("table", "csv", "json", "xlsx", "parquet"), default="table")
    parser.add_argument(
        "--out", help="file to write (needed for xlsx and parquet; csv and json go there too if given)"
    )
    parser.add_argument(
        "--timeout", type=float, default=Limits.timeout_seconds, help="seconds before the query is stopped"
    )
    parser.add_argument("--max-rows", type=int, default=Limits.max_rows, help="rows returned at most")
    args = parser.parse_args(argv)
    if args.format in ("xlsx", "parquet") and not args.out:
        parser.error(f"--format {args.format} writes a file: name it with --out FILE")
    try:
        result = run_query(args.db, args.sql, Limits(timeout_seconds=args.timeout, max_rows=args.max_rows))
    except SandboxError as error:
        print(f"{error.kind}: {error}", file=sys.stderr)
        return 1
    if args.out and args.format != "table":
        data = (
            frame_bytes(result.frame, args.format)
            if args.format != "json"
            else result.frame.to_json(orient="records", date_format="iso", force_ascii=False).encode("utf-8")
        )
        Path(args.out).write_bytes(data)
        print(f"wrote {args.out}", file=sys.stderr)
    elif args.format == "csv":
        sys.stdout.write(result.frame.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(result.frame.to_json(orient="records", date_format="iso", force_ascii=False) + "\n")
    else:
        _print_table(result)
    print(_notice(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
