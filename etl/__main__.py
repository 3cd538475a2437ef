"""`python -m etl build [--sources DIR] [--db PATH] [--full]`: build the warehouse from a folder of texts.
`python -m etl export --format parquet DIR [--db PATH]`: write every table as Parquet.

Exit codes: 0 all files loaded; 3 the warehouse was built but some files were rejected;
1 the build failed (the previous warehouse is untouched); 2 bad arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from etl.build import DEFAULT_SOURCES, BuildSummary, build_warehouse
from etl.loader import BuildError
from etl.pipeline import list_source_files
from warehouse import DEFAULT_DB
from warehouse.export import export_parquet

EXIT_REJECTED = 3


def _summary_table(summary: BuildSummary, db: Path) -> Table:
    table = Table(title=f"Warehouse {db}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, count in summary.counts.items():
        table.add_row(name, str(count))
    table.add_row("files extracted", str(summary.files_extracted))
    table.add_row("files from cache", str(summary.files_from_cache))
    for stage, seconds in summary.seconds.items():
        table.add_row(f"time {stage}", f"{seconds:.2f} s")
    return table


def _rejections_table(summary: BuildSummary) -> Table:
    table = Table(title="Rejected files", show_header=True)
    for column in ("file", "reason", "detail"):
        table.add_column(column)
    for r in summary.rejections:
        table.add_row(r.file_name, r.reason, r.detail)
    return table


def command_build(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    sources, db = Path(args.sources), Path(args.db)
    if not sources.is_dir():
        console.print(f"[red]error:[/red] sources folder not found: {sources}")
        return 2
    files = list_source_files(sources)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=len(files) < 50) as progress:
        task = progress.add_task("extracting", total=len(files))
        try:
            summary = build_warehouse(sources, db, on_file=lambda _: progress.advance(task), full=args.full,
                                      workers=args.workers)
        except BuildError as error:
            console.print(f"[red]build failed, the previous warehouse is kept:[/red] {error}")
            return 1
    console.print(_summary_table(summary, db))
    if summary.rejections:
        console.print(_rejections_table(summary))
        return EXIT_REJECTED
    return 0


def command_export(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    db = Path(args.db)
    if not db.exists():
        console.print(f"[red]error:[/red] no warehouse at {db}; build it with `python -m etl build`")
        return 2
    counts = export_parquet(db, Path(args.directory))
    table = Table(title=f"Parquet export in {args.directory}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Summit tracker ETL")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the warehouse from a folder of texts")
    build.add_argument("--sources", default=str(DEFAULT_SOURCES), help="folder of texts (default: data/sources)")
    build.add_argument("--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)")
    build.add_argument("--full", action="store_true", help="extract every file again, ignoring the cache")
    build.add_argument("--workers", type=int, default=None, help="processes for extraction (default: all cores)")
    build.set_defaults(handler=command_build)
    export = commands.add_parser("export", help="write every table as Parquet (partitioned by year)")
    export.add_argument("directory", help="folder to write into")
    export.add_argument("--format", choices=("parquet",), default="parquet")
    export.add_argument("--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)")
    export.set_defaults(handler=command_export)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
