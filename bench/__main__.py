"""`python -m bench [--sizes 1000,20000] [--facts 1000000] [--quick]`: measure the ETL against a reading
floor, incremental rebuilds, dashboard queries, ad-hoc SQL and page renders; write bench/results.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.run import run_benchmark

OUT = Path(__file__).resolve().parent / "out"
RESULTS = Path(__file__).resolve().parent / "results.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,20000", help="corpus sizes in texts, comma-separated")
    parser.add_argument(
        "--real-sizes",
        default="3000,20000",
        help="real-shaped corpus sizes in texts (the bundled reports, numbers varied), comma-separated",
    )
    parser.add_argument("--facts", type=int, default=1_000_000, help="fact rows of the inflated warehouse")
    parser.add_argument("--repeats", type=int, default=15, help="runs per query for median and p95")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check that the benchmark runs")
    parser.add_argument("--out", default=str(OUT), help="working folder for corpora and warehouses")
    parser.add_argument("--results", default=str(RESULTS), help="where to write the report")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if not args.quick else [50, 200]
    facts = args.facts if not args.quick else 20_000
    repeats = args.repeats if not args.quick else 3
    real_sizes = [int(s) for s in args.real_sizes.split(",")] if not args.quick else [50]
    report = run_benchmark(sizes, facts, repeats, Path(args.out), real_sizes)
    Path(args.results).write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
