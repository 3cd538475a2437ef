"""`python -m warehouse.brief SUMMIT_ID --format md|docx|pdf [--db PATH] [--country ISO3 ...]
[--confidence LEVEL ...] [--out FILE]`: write one meeting's brief to a file (by default named after the
meeting, in the current folder) and print where. Exit 0 when written; 1 with a one-line message on stderr
for an unknown meeting, a missing or unreadable warehouse or a file that cannot be written; 2 for bad
arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from warehouse import DEFAULT_DB
from warehouse.brief import FORMATS, build_brief, file_name, render
from warehouse.codes import CONFIDENCES
from warehouse.queries import Filters


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m warehouse.brief", description="One meeting as a document"
    )
    parser.add_argument(
        "summit_id", type=int, metavar="SUMMIT_ID", help="the meeting's number (6 for Astana 2024)"
    )
    parser.add_argument("--format", choices=tuple(FORMATS), default="md")
    parser.add_argument(
        "--db", default=str(DEFAULT_DB), help="warehouse file (default: warehouse/summits.duckdb)"
    )
    parser.add_argument(
        "--country",
        nargs="+",
        default=[],
        metavar="ISO3",
        help="only these countries' part of the meeting (KAZ KGZ …)",
    )
    parser.add_argument(
        "--confidence", nargs="+", default=[], choices=CONFIDENCES, help="only facts this sure"
    )
    parser.add_argument(
        "--out", help="file to write (default: named after the meeting, in the current folder)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db = Path(args.db)
    if not db.is_file():
        print(f"error: no warehouse at {db}: build it with `python -m etl build`", file=sys.stderr)
        return 1
    countries = tuple(dict.fromkeys(c.upper() for c in args.country))
    filters = Filters(countries=countries, confidence=tuple(c for c in CONFIDENCES if c in args.confidence))
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            brief = build_brief(con, args.summit_id, filters)
    except LookupError as error:  # UnknownSummit, UnknownCountry
        print(f"error: {error}", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        print(f"error: cannot read the warehouse {db}: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    m = brief.meeting
    out = Path(args.out or file_name(m.summit_id, m.city, m.held_on, args.format, countries))
    try:
        out.write_bytes(render(brief, args.format))
    except OSError as error:
        print(f"error: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
