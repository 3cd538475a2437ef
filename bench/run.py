"""The benchmark's measurements; each returns plain numbers, `run_benchmark` turns them into Markdown."""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import psutil

from bench.generate import generate_corpus, generate_hostile_shapes, generate_real_shaped
from bench.inflate import build_inflated_warehouse
from bench.load import page_times, run_load_test, summary_lines
from bench.memory import PeakMemory
from etl.build import build_warehouse
from etl.pipeline import list_source_files, read_and_extract
from etl.readers import RejectedFile, read_document
from etl.readers.text import decode
from etl.reference import load_gazetteer
from warehouse import queries as q
from warehouse.sandbox import Limits, run_query

PROJECT = Path(__file__).resolve().parent.parent
AD_HOC = {
    "documents per meeting and kind": "SELECT summit_id, kind, count(*) FROM agreements GROUP BY ALL ORDER BY ALL",
    "figures of one country with quotes": """
        SELECT metric, kind, value, unit, period, quote FROM figures WHERE scope = 'KGZ' LIMIT 1000""",
    "latest value per scope and metric (window)": """
        SELECT * FROM figures QUALIFY row_number() OVER (PARTITION BY scope, metric ORDER BY period_year DESC) = 1""",
    "documents reported by several texts": """
        SELECT a.agreement_id, count(*) AS texts FROM agreement_sources l JOIN agreements a USING (agreement_id)
        GROUP BY ALL HAVING count(*) > 1 ORDER BY texts DESC LIMIT 100""",
    "facts per source (join, aggregate)": """
        SELECT s.language, count(DISTINCT s.source_id) AS texts, count(f.figure_id) AS figures
        FROM sources s LEFT JOIN figures f USING (source_id) GROUP BY ALL""",
}


# ---- helpers ----


def timings(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]


def _corpus_dir(out: Path, size: int, kind: str = "corpus") -> Path:
    """Where the corpus of `size` texts is kept between runs; named after the generator's code, so a
    changed generator never measures an old corpus."""
    version = hashlib.sha256((PROJECT / "bench" / "generate.py").read_bytes()).hexdigest()[:8]
    return out / f"{kind}_{size}_{version}"


def _mb(n_bytes: float) -> float:
    return n_bytes / 1e6


# ---- measurements ----


def measure_floor(corpus: Path) -> dict:
    """Reading and decoding every file, nothing else: the floor the ETL is compared with."""
    started = time.perf_counter()
    total = 0
    for path in list_source_files(corpus):
        raw = path.read_bytes()
        decode(raw)
        total += len(raw)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": total}


def _build_in_fresh_process(corpus: Path, db: Path, full: bool) -> dict:
    """One build as `python -m etl build` runs it: its own process (and workers), measured from outside."""
    command = [sys.executable, "-m", "bench.build_once", str(corpus), str(db), *(["--full"] if full else [])]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    with PeakMemory(psutil.Process(process.pid)) as memory:
        output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the build failed ({' '.join(command)})")
    return {**json.loads(output), "peak_memory": memory.peak}


def measure_etl(corpus: Path, db: Path) -> dict:
    shutil.rmtree(db.parent, ignore_errors=True)
    run = _build_in_fresh_process(corpus, db, full=True)
    facts = sum(run["counts"][k] for k in ("participants", "agreements", "figures"))
    return {**run, "texts": run["counts"]["sources"], "facts": facts}


def measure_incremental(corpus: Path, db: Path) -> dict:
    extra = corpus / "zz_added_text.txt"
    extra.write_text(
        "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств "
        "Центральной Азии. Взаимный товарооборот в 2023 году составил $10,9 млрд.\n",
        encoding="utf-8",
    )
    try:
        return _build_in_fresh_process(corpus, db, full=False)
    finally:
        extra.unlink()


def dashboard_calls() -> dict[str, Callable]:
    f = q.Filters()
    narrow = q.Filters(year_from=2020, year_to=2024, countries=("KGZ",))
    limit = q.DISPLAY_LIMIT
    return {
        "overview_counts": lambda c: q.overview_counts(c),
        "latest_summit": lambda c: q.latest_summit(c),
        "headline_trade": lambda c: q.headline_trade(c),
        "filter_options": lambda c: q.filter_options(c),
        "summits": lambda c: q.summits(c, f),
        "documents_per_summit": lambda c: q.documents_per_summit(c, f),
        "summit_facts": lambda c: q.summit_facts(c, 6),
        "figures (first rows)": lambda c: q.figures(c, f, limit=limit),
        "figures (filtered)": lambda c: q.figures(c, narrow, limit=limit),
        "figures_count": lambda c: q.figures_count(c, f),
        "trade_chart": lambda c: q.trade_chart(c, f),
        "growth_chart": lambda c: q.growth_chart(c, f),
        "figure_metrics": lambda c: q.figure_metrics(c),
        "participation": lambda c: q.participation(c, f),
        "hosts": lambda c: q.hosts(c, f),
        "agreements (first rows)": lambda c: q.agreements(c, f, limit=limit),
        "agreements (filtered)": lambda c: q.agreements(
            c, narrow, ("roadmap",), ("signed",), 2026, limit=limit
        ),
        "agreements_count": lambda c: q.agreements_count(c, f),
        "agreement_counts": lambda c: q.agreement_counts(c, f),
        "sources (first rows)": lambda c: q.sources(c, f, limit=limit),
        "sources_count": lambda c: q.sources_count(c, f),
        "source_text": lambda c: q.source_text(c, 1),
        "schema_columns": lambda c: q.schema_columns(c),
        "confirmation": lambda c: q.confirmation(c),
        "single_source_facts (first rows)": lambda c: q.single_source_facts(c, limit=limit),
        "conflicting_figures (first rows)": lambda c: q.conflicting_figures(c, limit=limit),
        "conflicting_figures_count": lambda c: q.conflicting_figures_count(c),
        "silent_sources": lambda c: q.silent_sources(c),
    }


def measure_queries(db: Path, repeats: int) -> dict[str, tuple[float, float]]:
    results = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, call in dashboard_calls().items():
            cursor = con.cursor()
            call(cursor)  # warm the file cache once, as a running app would be
            results[name] = timings(lambda call=call, cursor=cursor: call(cursor), repeats)
    return results


def measure_ad_hoc(db: Path, repeats: int) -> dict[str, dict]:
    results = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, sql in AD_HOC.items():
            con.execute(sql).fetchall()
            in_process = timings(lambda sql=sql: con.execute(sql).fetchall(), repeats)
            sandboxed = timings(lambda sql=sql: run_query(db, sql, Limits()), max(3, repeats // 3))
            results[name] = {"query": in_process, "sandbox": sandboxed}
    return results


# ---- the report ----


def _versions() -> str:
    import pandas
    import pyarrow
    import streamlit

    return (
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, pandas {pandas.__version__}, "
        f"pyarrow {pyarrow.__version__}, Streamlit {streamlit.__version__}"
    )


def real_shaped_section(sizes: list[int], out: Path, hostile_scale: float = 1.0) -> list[str]:
    """The ETL on texts as dense as real reports (the bundled ones, numbers varied), beside the floor; and the
    inputs that used to make it superlinear, at their per-MB rate against ordinary text."""
    lines = [
        "",
        "## ETL on real-shaped texts",
        "",
        "The bundled reports with every number (dates too) varied, and in half of them each country's leader named "
        "as its other leader, so each file is distinct; as dense with names, numbers and documents as real reports "
        "are. Target: at least 8 MB/s on 2 cores.",
        "",
        "| texts | MB | floor MB/s | ETL MB/s | ETL / floor time | extract s | assemble s | load s | total s | facts | "
        "peak memory MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rate = None
    for size in sizes:
        corpus = _corpus_dir(out, size, "real_shaped")
        for stale in out.glob(f"real_shaped_{size}*"):  # made by another version of the generator
            if stale != corpus:
                shutil.rmtree(stale, ignore_errors=True)
        if not corpus.exists() or len(list(corpus.iterdir())) != size:
            shutil.rmtree(corpus, ignore_errors=True)
            generate_real_shaped(corpus, size)
        floor = measure_floor(corpus)
        etl = measure_etl(corpus, out / f"etl_real_{size}" / "summits.duckdb")
        st = etl["stages"]
        rate = etl["seconds"] / _mb(etl["bytes"])
        lines.append(
            f"| {size:,} | {_mb(etl['bytes']):.1f} | {_mb(floor['bytes']) / floor['seconds']:.1f} | "
            f"{_mb(etl['bytes']) / etl['seconds']:.2f} | {etl['seconds'] / floor['seconds']:.0f}× | "
            f"{st['extract']:.2f} | {st['assemble']:.2f} | {st['load']:.2f} | {etl['seconds']:.2f} | "
            f"{etl['facts']:,} | {etl['peak_memory'] / 1e6:.0f} |"
        )
    lines += extraction_per_core_lines(corpus)
    lines += [
        "",
        "Inputs that used to be superlinear (one file each; target: at most 3× the per-MB time of ordinary "
        "real-shaped text):",
        "",
        "| input | MB | total s | s per MB | × ordinary |",
        "|---|---|---|---|---|",
    ]
    for name, folder in generate_hostile_shapes(out / "hostile", hostile_scale).items():
        run = _build_in_fresh_process(folder, out / "etl_hostile" / "summits.duckdb", full=True)
        per_mb = run["seconds"] / _mb(run["bytes"])
        lines.append(
            f"| {name} | {_mb(run['bytes']):.1f} | {run['seconds']:.2f} | {per_mb:.2f} | "
            f"{per_mb / rate:.1f}× |"
            if rate
            else f"| {name} | {_mb(run['bytes']):.1f} | {run['seconds']:.2f} | {per_mb:.2f} | – |"
        )
    return lines


DEV_SET_TEXTS = (
    PROJECT / ".devset"
)  # the dev set's real reports, fetched at a session's start (never committed)


# Caches keyed by a single word: a real corpus repeats its words in every text, so they stay warm.
WORD_CACHES = {"lookup_stem", "parses", "scale_of"}


def _sentence_caches() -> list:
    """The ETL's bounded caches of what a text's passages give (tokens, matches, entities, titles), found
    through the garbage collector because many live in closures and classes; not those keyed by one word."""
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, functools._lru_cache_wrapper)
        and o.cache_parameters()["maxsize"] is not None
        and o.__module__.startswith("etl")
        and o.__name__ not in WORD_CACHES
    ]


def measure_extraction(files: list[Path], empty_caches: bool) -> dict:
    """Reading and extracting `files` in this process, on one core (CPU time). With `empty_caches`, the caches
    of passages are emptied before each text: the cost of texts that share no sentence with each other."""
    gazetteer = load_gazetteer()
    raws = [(path, path.read_bytes()) for path in files]
    for path, raw in raws[:20]:  # the rules' and models' start-up is not the texts' cost
        read_and_extract(path, {}, gazetteer, raw=raw)
    caches = _sentence_caches()
    seconds = 0.0
    for path, raw in raws:
        if empty_caches:
            for cached in caches:
                cached.cache_clear()
        started = time.process_time()
        read_and_extract(path, {}, gazetteer, raw=raw)
        seconds += time.process_time() - started
    return {"texts": len(raws), "bytes": sum(len(raw) for _, raw in raws), "seconds": seconds}


def _dev_set_files() -> list[Path]:
    """The dev set's texts, each once (the same report may sit in two of its folders)."""
    unique: dict[bytes, Path] = {}
    for path in sorted(DEV_SET_TEXTS.glob("*/*")):
        if path.suffix in (".txt", ".md", ".html"):
            unique.setdefault(hashlib.sha256(path.read_bytes()).digest(), path)
    return list(unique.values())


def shared_passage_share(files: list[Path]) -> float:
    """The share of the texts' passages that occur (the same words) in another of them."""
    passages_of = []
    for path in files:
        try:
            document = read_document(path, {})
        except RejectedFile:
            continue
        passages_of.append({p.text.strip() for p in document.passages})
    texts_with: Counter[str] = Counter(p for passages in passages_of for p in passages)
    total = sum(len(passages) for passages in passages_of)
    return sum(texts_with[p] > 1 for passages in passages_of for p in passages) / total if total else 0.0


def extraction_per_core_lines(corpus: Path, sample: int = 1000) -> list[str]:
    """Extraction alone, per core: the real-shaped texts as a build meets them (caches warm with the sentences
    their siblings share), the same texts as if none shared a sentence, and the dev set's real reports."""
    files = list_source_files(corpus)[:sample]
    rows = [
        (f"real-shaped, {len(files):,} texts in a row", measure_extraction(files, empty_caches=False)),
        (
            f"real-shaped, {len(files):,} texts, passage caches emptied before each",
            measure_extraction(files, True),
        ),
    ]
    dev = _dev_set_files()
    if dev:
        rows.append(
            (
                f"the dev set's real reports ({len(dev)}), passage caches emptied before each",
                measure_extraction(dev, True),
            )
        )
    lines = [
        "",
        "Extraction alone (read, segment, all extractors), in one process, CPU time: how much of the rate above "
        "comes from sentences the generated texts share, which the extractors' caches answer again. "
        + (
            f"Real reports share few: {shared_passage_share(dev):.0%} of the dev set's passages occur in another of its texts."
            if dev
            else ""
        ),
        "",
        "| texts | MB | CPU s | MB/s per core |",
        "|---|---|---|---|",
    ]
    for name, run in rows:
        lines.append(
            f"| {name} | {_mb(run['bytes']):.2f} | {run['seconds']:.2f} | {_mb(run['bytes']) / run['seconds']:.2f} |"
        )
    if not dev:
        lines.append("| the dev set's real reports | – | – | not fetched (`.devset/`) |")
    return lines


def run_benchmark(
    sizes: list[int], facts: int, repeats: int, out: Path, real_sizes: list[int] | None = None
) -> str:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB memory ({platform.platform()}).",
        _versions() + ".",
        "",
        "Produced by `python -m bench`; the machines are shared, so treat single figures as indicative.",
        "",
    ]

    lines += [
        "## ETL on synthetic corpora",
        "",
        "| texts | MB | floor: read+decode MB/s | ETL MB/s | ETL texts/s | ETL / floor time | read+hash s | "
        "extract s | assemble s | load s | total s | facts | facts/s | peak memory MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    etl_runs = {}
    for size in sizes:
        corpus = _corpus_dir(out, size)
        for stale in out.glob(f"corpus_{size}*"):  # made by another version of the generator
            if stale != corpus and stale.name.split("_")[1] == str(size):
                shutil.rmtree(stale, ignore_errors=True)
        if not corpus.exists() or len(list(corpus.iterdir())) != size:
            shutil.rmtree(corpus, ignore_errors=True)
            generate_corpus(corpus, size)
        floor = measure_floor(corpus)
        etl = measure_etl(corpus, out / f"etl_{size}" / "summits.duckdb")
        etl_runs[size] = etl
        st = etl["stages"]
        lines.append(
            f"| {size:,} | {_mb(etl['bytes']):.1f} | {_mb(floor['bytes']) / floor['seconds']:.1f} | "
            f"{_mb(etl['bytes']) / etl['seconds']:.2f} | {etl['texts'] / etl['seconds']:.0f} | "
            f"{etl['seconds'] / floor['seconds']:.0f}× | {st['read+hash']:.2f} | {st['extract']:.2f} | {st['assemble']:.2f} | "
            f"{st['load']:.2f} | {etl['seconds']:.2f} | {etl['facts']:,} | {etl['facts'] / etl['seconds']:.0f} | "
            f"{etl['peak_memory'] / 1e6:.0f} |"
        )
    lines += [
        "",
        "Stages: read+hash lists the files (and hashes them when the cache is consulted); extract reads, "
        "extracts and caches them on every core; assemble merges the facts into rows and inserts them, "
        "while the texts are committed on a thread; load is what remains: the last commit, views, data "
        "dictionary and checks. Targets for 20,000 texts on 2 cores: at least 5 MB/s, under 1 GB of memory.",
    ]
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = etl_runs[large]["seconds"] / etl_runs[small]["seconds"]
        lines += [
            "",
            f"Scaling: {large:,} texts took {ratio:.1f}× the time of {small:,} "
            f"({large / small:.0f}× the texts; the target is at most ~{1.25 * large / small:.0f}×).",
        ]
    lines += real_shaped_section(real_sizes or [3000], out, hostile_scale=1.0 if max(sizes) >= 1000 else 0.01)
    largest = sizes[-1]
    incremental = measure_incremental(_corpus_dir(out, largest), out / f"etl_{largest}" / "summits.duckdb")
    st = incremental["stages"]
    lines += [
        "",
        f"Incremental: adding one text to the {largest:,}-text corpus rebuilt in {incremental['seconds']:.2f} s "
        f"({incremental['extracted']} extracted, {incremental['from_cache']:,} from the cache; read+hash "
        f"{st['read+hash']:.2f} s, extract {st['extract']:.2f} s, assemble {st['assemble']:.2f} s, "
        f"load {st['load']:.2f} s).",
        "",
    ]

    inflated = out / "inflated" / "summits.duckdb"
    started = time.perf_counter()
    counts = build_inflated_warehouse(inflated, facts)
    lines += [
        f"## Dashboard queries on an inflated warehouse ({sum(counts.values()):,} fact rows: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        + f"; built in {time.perf_counter() - started:.1f} s)",
        "",
        f"Each query run {repeats} times on a read-only connection; target: median under 100 ms.",
        "",
        "| query (warehouse/queries.py) | median ms | p95 ms |",
        "|---|---|---|",
    ]
    for name, (median, p95) in measure_queries(inflated, repeats).items():
        lines.append(f"| {name} | {median:.1f} | {p95:.1f} |")

    lines += [
        "",
        "## Ad-hoc SQL on the inflated warehouse",
        "",
        "Query time on an open connection, and end to end through the sandbox (its pool of locked-down worker "
        "processes, each keeping its connection and cache between queries; the very first query of a run also "
        "starts the pool, which shows in the first row's p95). Target: sandbox median under 50 ms.",
        "",
        "| query | median ms | p95 ms | sandbox median ms | sandbox p95 ms |",
        "|---|---|---|---|---|",
    ]
    for name, r in measure_ad_hoc(inflated, repeats).items():
        lines.append(
            f"| {name} | {r['query'][0]:.1f} | {r['query'][1]:.1f} | {r['sandbox'][0]:.0f} | {r['sandbox'][1]:.0f} |"
        )

    page_repeats = max(3, repeats // 3)
    bundled = out / "bundled" / "summits.duckdb"
    shutil.rmtree(bundled.parent, ignore_errors=True)
    build_warehouse(PROJECT / "data" / "sources", bundled)
    lines += [
        "",
        "## Page time in the running dashboard",
        "",
        f"One session alone asks the server for each page (Streamlit's websocket protocol, as a browser tab "
        f"does): the first visit after the server starts (cold) and the median and p95 of {page_repeats} visits "
        "after (warm), from the request until the page's script has finished and its elements have arrived. "
        "Target: median under 150 ms on the large warehouse.",
        "",
        "| page | bundled cold ms | bundled warm median ms | large cold ms | large warm median ms | "
        "large warm p95 ms |",
        "|---|---|---|---|---|---|",
    ]
    small_pages = page_times(bundled, page_repeats)
    large_pages = page_times(inflated, page_repeats)
    for page, big in large_pages.items():
        small = small_pages.get(page, {"cold": float("nan"), "warm": float("nan")})
        lines.append(
            f"| {page} | {small['cold']:.0f} | {small['warm']:.0f} | {big['cold']:.0f} | {big['warm']:.0f} | "
            f"{big['warm_p95']:.0f} |"
        )
    lines += [
        "",
        "## Under load",
        "",
        "Sessions cycle through every page for a minute while the bundled warehouse "
        "is rebuilt from scratch every 4 seconds (`python -m bench.load`); target: zero errors.",
        "",
    ]
    lines += summary_lines(
        run_load_test(
            PROJECT / "data" / "sources", sessions=20, seconds=60 if repeats > 3 else 10, rebuild_every=4.0
        )
    )
    return "\n".join(lines) + "\n"
