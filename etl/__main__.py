"""`python -m etl build [--sources DIR] [--db PATH] [--full]`: build the warehouse from a folder of texts.
`python -m etl export --format parquet DIR [--db PATH]`: write every table as Parquet.
`python -m etl evaluate --gold FILE [--gold FILE…] [--db PATH | --sources DIR] [--min-f1 X]`: score the
extraction against hand-made gold facts (exit 1 when F1 is below `--min-f1` or a quote is not verbatim).
`python -m etl fetch URL… | --list FILE [--sources DIR] [--build]`: save web pages (HTML, PDF) into the sources
folder with their manifest rows (exit 0 all added or already there, 3 some links failed, 1 nothing could be
saved or the build failed, 2 bad arguments).

Exit codes: 0 all files loaded; 3 the warehouse was built but some files were rejected;
1 the build failed (the previous warehouse is untouched); 2 bad arguments."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from etl.build import DEFAULT_SOURCES, BuildSummary, build_warehouse
from etl.evaluate import Evaluation, evaluate_warehouse, load_gold, load_placements
from etl.fetch import FetchReport, FetchSettings, fetch_into_folder, links_in
from etl.loader import BuildError
from etl.manifest import ManifestError
from etl.pipeline import list_source_files
from etl.readers import MAX_FILE_BYTES
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
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=len(files) < 50,
    ) as progress:
        task = progress.add_task("extracting", total=len(files))
        try:
            summary = build_warehouse(
                sources, db, on_file=lambda _: progress.advance(task), full=args.full, workers=args.workers
            )
        except BuildError as error:
            console.print(f"[red]build failed, the previous warehouse is kept:[/red] {error}")
            return 1
    console.print(_summary_table(summary, db))
    for warning in summary.manifest_warnings:
        where = (
            f"line {warning.line}" + (f" ({warning.file_name})" if warning.file_name else "")
            if warning.line
            else "the file"
        )
        console.print(
            f"[yellow]MANIFEST.tsv, {where}:[/yellow] {warning.problem}", highlight=False, soft_wrap=True
        )
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


def _scores_table(evaluation: Evaluation) -> Table:
    table = Table(title="Facts against the gold", show_header=True)
    for column in ("table", "gold", "found", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for score in evaluation.tables.values():
        table.add_row(
            score.table,
            str(score.required),
            str(score.found),
            str(score.matched),
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            f"{score.f1:.2f}",
        )
    table.add_row(
        "[b]all[/b]",
        "",
        "",
        str(evaluation.matched),
        f"{evaluation.precision:.2f}",
        f"{evaluation.recall:.2f}",
        f"[b]{evaluation.f1:.2f}[/b]",
    )
    return table


def _describe_gold(fact: dict) -> str:
    shown = {k: v for k, v in fact.items() if k not in ("optional",) and v is not None}
    return ", ".join(f"{k}={v}" for k, v in shown.items())


_ROW_FIELDS = (
    "summit_id",
    "held_on",
    "city",
    "host_country",
    "country_code",
    "organization",
    "person",
    "role",
    "kind",
    "adoption",
    "title_ru",
    "title_kk",
    "title_en",
    "period_from",
    "period_to",
    "scope",
    "metric",
    "value",
    "unit",
    "period_year",
    "rule",
)


def _describe_row(row: dict) -> str:
    shown = ", ".join(f"{k}={row[k]}" for k in _ROW_FIELDS if row.get(k) is not None)
    if row.get("file_name"):
        shown += f"\n    [dim]{row['file_name']}: «{row.get('quote', '')}»[/dim]"
    return shown


def _print_evaluation(console: Console, evaluation: Evaluation, details: bool) -> None:
    if details:
        for score in evaluation.tables.values():
            for fact in score.misses:
                console.print(
                    f"[red]miss[/red]  {score.table}: {_describe_gold(fact)}", highlight=False, soft_wrap=True
                )
            for row in score.extras:
                console.print(
                    f"[yellow]extra[/yellow] {score.table}: {_describe_row(row)}",
                    highlight=False,
                    soft_wrap=True,
                )
        for failure in evaluation.provenance_failures:
            console.print(
                f"[red]quote not in its source[/red] {failure['kind']} {failure['fact_id']} "
                f"({failure['file_name']}): «{failure['quote']}»",
                highlight=False,
                soft_wrap=True,
            )
        for file_name in evaluation.unplaced_sources:
            console.print(
                f"[yellow]not placed at any meeting[/yellow] {file_name}", highlight=False, soft_wrap=True
            )
        for file_name, (expected, placed) in evaluation.misplaced.items():
            if placed is not None:
                console.print(
                    f"[red]placed at meeting {placed}, not {expected}[/red] {file_name}",
                    highlight=False,
                    soft_wrap=True,
                )
    console.print(_scores_table(evaluation))
    if evaluation.placements:
        right = len(evaluation.placements) - len(evaluation.misplaced)
        console.print(
            f"placement: {right} of {len(evaluation.placements)} texts placed at the meeting they report"
        )
    console.print(
        f"provenance: {evaluation.provenance_checked - len(evaluation.provenance_failures)} of "
        f"{evaluation.provenance_checked} quotes verbatim in their source ({evaluation.provenance:.0%})"
    )


def command_evaluate(args: argparse.Namespace) -> int:
    console = Console()
    gold_paths = [Path(p) for p in args.gold]
    missing = [str(p) for p in gold_paths if not p.is_file()]
    if missing:
        console.print(f"[red]error:[/red] gold file not found: {', '.join(missing)}")
        return 2
    gold = load_gold(gold_paths)
    placements = load_placements(Path(p) for p in args.placement or [])
    if args.sources:
        sources = Path(args.sources)
        if not sources.is_dir():
            console.print(f"[red]error:[/red] sources folder not found: {sources}")
            return 2
        with tempfile.TemporaryDirectory(prefix="summits-evaluate-") as folder:
            db = Path(folder) / "summits.duckdb"
            try:
                summary = build_warehouse(sources, db, full=True, workers=args.workers)
            except BuildError as error:
                console.print(f"[red]build failed:[/red] {error}")
                return 1
            for r in summary.rejections:
                console.print(
                    f"[yellow]rejected[/yellow] {r.file_name}: {r.reason} ({r.detail})",
                    highlight=False,
                    soft_wrap=True,
                )
            evaluation = evaluate_warehouse(db, gold, placements)
    else:
        db = Path(args.db)
        if not db.exists():
            console.print(f"[red]error:[/red] no warehouse at {db}; build it with `python -m etl build`")
            return 2
        evaluation = evaluate_warehouse(db, gold, placements)
    _print_evaluation(console, evaluation, details=not args.scores_only)
    passed = evaluation.f1 >= args.min_f1 and not evaluation.provenance_failures
    return 0 if passed else 1


@contextmanager
def _text_lookup(db: Path) -> Iterator[Callable[[str], str | None] | None]:
    """Which warehouse source has a given text (None without a warehouse): a page fetched again in new markup."""
    if not db.exists():
        yield None
        return
    import duckdb

    from warehouse.queries import source_with_text

    with duckdb.connect(str(db), read_only=True) as con:
        yield lambda text: source_with_text(con, text)


def _read_links(args: argparse.Namespace, console: Console) -> list[str] | None:
    links = list(args.urls)
    for name in args.list or []:
        try:
            links += links_in(Path(name).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            console.print(f"[red]error:[/red] cannot read the list {name}: {error}", highlight=False)
            return None
    return links


def _fetch_report_tables(report: FetchReport) -> list[Table]:
    added = Table(title="Added to the sources folder", show_header=True)
    for column in ("file", "url", "title", "published"):
        added.add_column(column)
    for path, _page, row in report.added:
        added.add_row(
            path.name, str(row["url"]), str(row.get("title") or ""), str(row.get("published") or "")
        )
    failed = Table(title="Not added", show_header=True)
    for column in ("url", "reason", "detail"):
        failed.add_column(column)
    for failure in report.failures:
        failed.add_row(failure.url, failure.reason, failure.detail)
    return [table for table in (added, failed) if table.row_count]


def command_fetch(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    sources = Path(args.sources)
    if not sources.is_dir():
        console.print(f"[red]error:[/red] sources folder not found: {sources}")
        return 2
    if not (0 < args.max_mb * 1024 * 1024 <= MAX_FILE_BYTES) or args.timeout <= 0 or args.delay < 0:
        console.print(
            f"[red]error:[/red] --max-mb must be above 0 and at most {MAX_FILE_BYTES // 2**20} (what the build "
            "reads), --timeout above 0, --delay not below 0"
        )
        return 2
    links = _read_links(args, console)
    if links is None:
        return 2
    if not links:
        console.print("[red]error:[/red] no links: give them as arguments or in a file with --list")
        return 2
    settings = FetchSettings(
        read_seconds=args.timeout,
        connect_seconds=min(10.0, args.timeout),
        max_bytes=int(args.max_mb * 1024 * 1024),
        host_delay=args.delay,
        allow_private=args.allow_private,
    )

    def show(url: str) -> None:
        console.print(f"fetching {url}", style="dim", highlight=False)

    try:
        with _text_lookup(Path(args.db)) as lookup:
            report = fetch_into_folder(links, sources, settings, text_lookup=lookup, on_link=show)
    except (ManifestError, OSError) as error:
        console.print(f"[red]nothing was saved:[/red] {error}", highlight=False)
        return 1
    for table in _fetch_report_tables(report):
        console.print(table)
    status = EXIT_REJECTED if report.rejected else 0
    if not report.added:
        return status
    if not args.build:
        console.print(
            f"{len(report.added)} page(s) saved. Load them into the warehouse with:\n"
            f"  python -m etl build --sources {sources} --db {args.db}",
            highlight=False,
        )
        return status
    built = command_build(argparse.Namespace(sources=str(sources), db=args.db, full=False, workers=None))
    return built if built in (1, 2) else max(status, built)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Summit tracker ETL")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the warehouse from a folder of texts")
    build.add_argument(
        "--sources", default=str(DEFAULT_SOURCES), help="folder of texts (default: data/sources)"
    )
    build.add_argument(
        "--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)"
    )
    build.add_argument("--full", action="store_true", help="extract every file again, ignoring the cache")
    build.add_argument(
        "--workers", type=int, default=None, help="processes for extraction (default: all cores)"
    )
    build.set_defaults(handler=command_build)
    export = commands.add_parser("export", help="write every table as Parquet (partitioned by year)")
    export.add_argument("directory", help="folder to write into")
    export.add_argument("--format", choices=("parquet",), default="parquet")
    export.add_argument(
        "--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)"
    )
    export.set_defaults(handler=command_export)
    evaluate = commands.add_parser("evaluate", help="score the extraction against hand-made gold facts")
    evaluate.add_argument(
        "--gold",
        action="append",
        required=True,
        help="gold facts (JSON, see data/devset/README.md); repeat to join several files",
    )
    where = evaluate.add_mutually_exclusive_group()
    where.add_argument(
        "--db", default=str(DEFAULT_DB), help="warehouse to score (default: warehouse/summits.duckdb)"
    )
    where.add_argument("--sources", help="build a temporary warehouse from this folder and score it")
    evaluate.add_argument(
        "--placement",
        action="append",
        help="a manifest with file and summit_edition columns: also score which meeting each text is placed at",
    )
    evaluate.add_argument(
        "--min-f1", type=float, default=0.0, help="exit 1 when the overall F1 is below this"
    )
    evaluate.add_argument(
        "--scores-only", action="store_true", help="print the scores without misses and extras"
    )
    evaluate.add_argument(
        "--workers", type=int, default=None, help="processes for extraction (default: all cores)"
    )
    evaluate.set_defaults(handler=command_evaluate)
    fetch = commands.add_parser(
        "fetch", help="save web pages (HTML, PDF) into the sources folder, with their metadata"
    )
    fetch.add_argument("urls", nargs="*", metavar="URL", help="links to fetch")
    fetch.add_argument(
        "--list",
        action="append",
        metavar="FILE",
        help="a file of links, one a line (# comments); may be repeated",
    )
    fetch.add_argument(
        "--sources", default=str(DEFAULT_SOURCES), help="folder of texts (default: data/sources)"
    )
    fetch.add_argument(
        "--db",
        default=str(DEFAULT_DB),
        help="warehouse: checked for the same text already loaded, and built with --build",
    )
    fetch.add_argument("--build", action="store_true", help="build the warehouse after saving the pages")
    fetch.add_argument(
        "--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)"
    )
    fetch.add_argument("--max-mb", type=float, default=20.0, help="largest page or PDF, in MB (default: 20)")
    fetch.add_argument(
        "--delay", type=float, default=1.0, help="seconds between two requests to one site (default: 1)"
    )
    fetch.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch from this machine and its local network (127.0.0.1, 10.x, …)",
    )
    fetch.set_defaults(handler=command_fetch)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
