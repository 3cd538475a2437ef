"""Adding files to the sources folder from several places at once (two dashboard users, a fetch from the command
line): every row stays in the manifest, and undoing one addition takes out only its own rows."""

from __future__ import annotations

import multiprocessing

from etl.manifest import MANIFEST_NAME, read_manifest
from etl.sources_folder import NewSource, add_sources, undo_addition


def _add_many(folder: str, writer: int, count: int) -> None:
    from pathlib import Path

    for n in range(count):
        name = f"w{writer}-{n}.html"
        add_sources(Path(folder), [NewSource(name, f"<html>{writer} {n}</html>".encode(), {"title": name})])


def test_additions_at_once_keep_every_manifest_row(tmp_path):
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_add_many, args=(str(tmp_path), w, 15)) for w in range(4)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=60)
    assert all(process.exitcode == 0 for process in writers)
    rows = read_manifest(tmp_path).rows
    assert len(rows) == 60 and all((tmp_path / name).exists() for name in rows)


def test_undoing_an_addition_keeps_the_rows_added_since(tmp_path):
    first = add_sources(tmp_path, [NewSource("a.html", b"<html>a</html>", {"title": "a"})])
    add_sources(tmp_path, [NewSource("b.html", b"<html>b</html>", {"title": "b"})])
    undo_addition(first)
    assert set(read_manifest(tmp_path).rows) == {"b.html"}
    assert not (tmp_path / "a.html").exists() and (tmp_path / "b.html").exists()


def test_undoing_the_only_addition_removes_the_manifest_it_made(tmp_path):
    undo_addition(add_sources(tmp_path, [NewSource("a.html", b"<html>a</html>", {"title": "a"})]))
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert not (tmp_path / MANIFEST_NAME).exists()
