"""`python -m bench.build_once SOURCES DB [--full]`: one ETL build in a fresh process, as `python -m etl build`
runs it, with its summary as JSON on stdout, so the benchmark measures the build's own time and memory,
not the benchmark's."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from etl.build import build_warehouse


def main(argv: list[str]) -> int:
    sources, db = Path(argv[0]), Path(argv[1])
    started = time.perf_counter()
    summary = build_warehouse(sources, db, full="--full" in argv)
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "stages": summary.seconds,
                "counts": summary.counts,
                "bytes": summary.bytes_read,
                "extracted": summary.files_extracted,
                "from_cache": summary.files_from_cache,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
