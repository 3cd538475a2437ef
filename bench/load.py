"""A load test of the running dashboard: many sessions cycle through every page while the warehouse is
rebuilt underneath them.

Each session speaks Streamlit's own websocket protocol (what a browser tab sends: «run this page»), so the
server does all the work it does for a browser — runs the page script, queries the warehouse, builds the
charts, serialises the tables — without the cost of a browser per session on the measuring machine. A page
counts as an error when its run shows an exception or an error box, or does not finish within the timeout.

    python -m bench.load --sessions 20 --seconds 60 --rebuild-every 4
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.memory import PeakMemory

PROJECT = Path(__file__).resolve().parent.parent
PAGE_TIMEOUT_SECONDS = 60.0


@dataclass
class PageRun:
    page: str
    seconds: float
    errors: list[str]


@dataclass
class LoadResult:
    sessions: int
    seconds: float
    rebuilds: int
    rebuild_failures: int
    runs: list[PageRun] = field(default_factory=list)
    server_cpu_seconds: float = 0.0  # what the server process (all its threads) used during the measured time
    server_memory_mb: tuple[float, float] = (
        0.0,
        0.0,
    )  # the server's resident memory: at the start, at its peak

    @property
    def errors(self) -> list[str]:
        return [f"{run.page}: {error}" for run in self.runs for error in run.errors]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """The dashboard as a user runs it, on `db` (and `env`'s settings); returns once it answers its health
    check. The load test and the browser test both start it so."""
    env = {**os.environ, **(env or {}), "SUMMITS_DB": str(db)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the dashboard did not start within 60 s")


def _rerun(page_hash: str = "") -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = page_hash
    return message.SerializeToString()


def _errors_in(message: ForwardMsg) -> list[str]:
    """What a user would see as a failure in one message: an exception, or an error box."""
    if not message.HasField("delta") or not message.delta.HasField("new_element"):
        return []
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        return [f"{element.exception.type}: {element.exception.message}"[:300]]
    if kind == "alert" and element.alert.format == element.alert.ERROR:
        return [f"error box: {element.alert.body}"[:300]]
    return []


async def _run_page(websocket, page_hash: str) -> tuple[float, list[str], ForwardMsg | None]:
    """Ask for one page and read until its script has finished; (seconds, errors, the navigation message)."""
    started = time.perf_counter()
    await websocket.send(_rerun(page_hash))
    errors: list[str] = []
    navigation = None
    while True:
        raw = await asyncio.wait_for(websocket.recv(), PAGE_TIMEOUT_SECONDS)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "navigation":
            navigation = message
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            return time.perf_counter() - started, errors, navigation
        errors.extend(_errors_in(message))


def _page_hashes(navigation: ForwardMsg) -> dict[str, str]:
    return {page.page_name: page.page_script_hash for page in navigation.navigation.app_pages}


async def _session(url: str, until: float, runs: list[PageRun], n: int, sessions: int) -> None:
    import websockets

    async with websockets.connect(
        f"{url}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30
    ) as websocket:
        _, _, navigation = await _run_page(websocket, "")
        pages = _page_hashes(navigation) if navigation else {}
        names = sorted(pages)
        turn = n * len(names) // sessions  # sessions start on pages spread over the list, as real users do
        while time.monotonic() < until and names:
            name = names[turn % len(names)]
            turn += 1
            try:
                seconds, errors, _ = await _run_page(websocket, pages[name])
            except TimeoutError:
                seconds, errors = PAGE_TIMEOUT_SECONDS, [f"no answer within {PAGE_TIMEOUT_SECONDS:g} s"]
            runs.append(PageRun(name, seconds, errors))


def page_times(db: Path, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Each page's time in the running server, one session alone: the first visit after the server starts
    (its queries not yet cached: cold) and the median and p95 of `repeats` visits after (warm), in ms."""
    port = free_port()
    server = start_server(db, port)
    try:
        return asyncio.run(_time_pages(f"ws://127.0.0.1:{port}", repeats))
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _time_pages(url: str, repeats: int) -> dict[str, dict[str, float]]:
    import websockets

    async with websockets.connect(
        f"{url}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30
    ) as websocket:
        _, _, navigation = await _run_page(websocket, "")
        pages = _page_hashes(navigation) if navigation else {}
        times = {}
        for name in sorted(pages):
            cold, errors, _ = await _run_page(websocket, pages[name])
            warm = [(await _run_page(websocket, pages[name]))[0] for _ in range(repeats)]
            times[name] = {
                "cold": cold * 1000,
                "warm": statistics.median(warm) * 1000,
                "warm_p95": _quantile(warm, 0.95) * 1000,
                "errors": len(errors),
            }
        return times


def _rebuild_loop(sources: Path, db: Path, every: float, stop: threading.Event, counts: dict) -> None:
    """Rebuild the served warehouse from scratch every `every` seconds, as the ETL swaps in a new file."""
    while not stop.wait(every):
        done = subprocess.run(
            [sys.executable, "-m", "etl", "build", "--full", "--sources", str(sources), "--db", str(db)],
            cwd=PROJECT,
            capture_output=True,
        )
        counts["rebuilds"] += 1
        counts["failures"] += done.returncode not in (0, 3)


def run_load_test(
    sources: Path,
    sessions: int = 20,
    seconds: float = 60.0,
    rebuild_every: float = 4.0,
    work: Path | None = None,
) -> LoadResult:
    """Serve a warehouse built from `sources`, drive `sessions` sessions through every page for `seconds`
    while it is rebuilt every `rebuild_every` seconds (0: never)."""
    work = work or Path(tempfile.mkdtemp(prefix="summits-load-"))
    db = work / "load.duckdb"
    subprocess.run(
        [sys.executable, "-m", "etl", "build", "--full", "--sources", str(sources), "--db", str(db)],
        cwd=PROJECT,
        check=False,
        capture_output=True,
    )
    port = free_port()
    server = start_server(db, port)
    stop = threading.Event()
    counts = {"rebuilds": 0, "failures": 0}
    runs: list[PageRun] = []
    try:
        asyncio.run(_warm(f"ws://127.0.0.1:{port}"))
        rebuilder = threading.Thread(
            target=_rebuild_loop, args=(sources, db, rebuild_every, stop, counts), daemon=True
        )
        if rebuild_every > 0:
            rebuilder.start()
        cpu_before = _cpu_seconds(server.pid)
        with PeakMemory(psutil.Process(server.pid), children=False, every=0.2) as memory:
            asyncio.run(_all_sessions(f"ws://127.0.0.1:{port}", sessions, seconds, runs))
        cpu = _cpu_seconds(server.pid) - cpu_before
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return LoadResult(
        sessions,
        seconds,
        counts["rebuilds"],
        counts["failures"],
        runs,
        cpu,
        (memory.first / 1e6, memory.peak / 1e6),
    )


def _cpu_seconds(pid: int) -> float:
    """CPU time of the server and the sandbox workers it started (SQL runs in those)."""
    process = psutil.Process(pid)
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


async def _warm(url: str) -> None:
    """One session through every page first, so the measured minute is of a running app, not its start."""
    runs: list[PageRun] = []
    await _session(url, time.monotonic() + 0.1, runs, 0, 1)


async def _all_sessions(url: str, sessions: int, seconds: float, runs: list[PageRun]) -> None:
    until = time.monotonic() + seconds
    await asyncio.gather(*(_session(url, until, runs, n, sessions) for n in range(sessions)))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary_lines(result: LoadResult) -> list[str]:
    """A markdown table: page runs, errors, median and p95 page time per page and over all."""
    lines = [
        f"{result.sessions} sessions, {result.seconds:g} s, {result.rebuilds} rebuilds "
        f"({result.rebuild_failures} failed); {len(result.runs)} page runs, **{len(result.errors)} errors**; "
        f"the server used {result.server_cpu_seconds / result.seconds:.2f} cores on average, and "
        f"{result.server_memory_mb[0]:,.0f} MB of memory at the start, {result.server_memory_mb[1]:,.0f} MB at "
        "its peak",
        "",
        "| page | runs | errors | median s | p95 s |",
        "|---|---|---|---|---|",
    ]
    by_page: dict[str, list[PageRun]] = {}
    for run in result.runs:
        by_page.setdefault(run.page, []).append(run)
    for page, runs in sorted(by_page.items()) + [("**all pages**", result.runs)]:
        times = [run.seconds for run in runs]
        if times:
            lines.append(
                f"| {page} | {len(runs)} | {sum(len(r.errors) for r in runs)} | "
                f"{statistics.median(times):.2f} | {_quantile(times, 0.95):.2f} |"
            )
    for error in sorted(set(result.errors))[:10]:
        lines.append(f"\n- {error}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", default=str(PROJECT / "data" / "sources"))
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rebuild-every", type=float, default=4.0, help="seconds between rebuilds; 0: none")
    args = parser.parse_args(argv)
    result = run_load_test(Path(args.sources), args.sessions, args.seconds, args.rebuild_every)
    print("\n".join(summary_lines(result)))
    return 1 if result.errors or result.rebuild_failures else 0


if __name__ == "__main__":
    sys.exit(main())
