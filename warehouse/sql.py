"""`python -m warehouse.sql [--db PATH] [--format table|csv|json] "SQL"`: ad-hoc SQL over the warehouse,
in the same sandbox as the dashboard's SQL page. Exit 0 on success; 1 with a one-line message on stderr
when the query is refused, fails or runs out of time; 2 for bad arguments."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table

from warehouse import DEFAULT_DB
from warehouse.sandbox import Limits, QueryResult, SandboxError, run_query


def _print_table(result: QueryResult) -> None:
    table = Table(show_header=True)
    for column in result.frame.columns:
        table.add_column(str(column))
    for row in result.frame.itertuples(index=False):
        table.add_row(*("" if value is None else str(value) for value in row))
    Console().print(table)


def _notice(result: QueryResult) -> str:
    shown = len(result.frame)
    if result.truncated:
        total = f" of {result.total_rows:,}" if result.total_rows is not None else " (more rows not shown)"
        return f"{shown:,} rows{total}; the result was cut at the row limit, {result.seconds:.2f} s"
    return f"{shown:,} rows, {result.seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse.sql", description="Read-only SQL over the summit warehouse")
    parser.add_argument("sql", help="one reading statement (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)")
    parser.add_argument("--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--timeout", type=float, default=Limits.timeout_seconds, help="seconds before the query is stopped")
    parser.add_argument("--max-rows", type=int, default=Limits.max_rows, help="rows returned at most")
    args = parser.parse_args(argv)
    try:
        result = run_query(args.db, args.sql, Limits(timeout_seconds=args.timeout, max_rows=args.max_rows))
    except SandboxError as error:
        print(f"{error.kind}: {error}", file=sys.stderr)
        return 1
    if args.format == "csv":
        sys.stdout.write(result.frame.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(result.frame.to_json(orient="records", date_format="iso", force_ascii=False) + "\n")
    else:
        _print_table(result)
    print(_notice(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
