"""One bad file is one rejected file, never a failed build; a bad MANIFEST row is a warning (files and rows
made here, small; the large cases are in the benchmark)."""

import os
import zipfile

import duckdb
import pytest

from etl.__main__ import main
from etl.build import build_warehouse
from etl.manifest import read_manifest

GOOD = (
    "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств Центральной Азии.\n"
)


def folder(tmp_path, files: dict[str, bytes]):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (sources / name).write_bytes(data)
    return sources


def docx_with(parts: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES = {
    "malformed.docx": (
        docx_with({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
        "corrupt",
    ),
    "entities.docx": (
        docx_with(
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
            }
        ),
        "corrupt",
    ),
    "nul_late.txt": ("Президенты встретились. ".encode() * 500 + b"\x00" + b"x" * 10, "binary"),
    "latin1.txt": (
        "The summit in Astana: café, résumé, naïve délégués signed the décision. ".encode("latin-1") * 3,
        "mojibake",
    ),
    "mojibake.txt": (
        ("Президенты подписали документы о сотрудничестве в регионе. " * 5)
        .encode()
        .decode("latin-1")
        .encode(),
        "mojibake",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_reason_and_the_rest_loads(tmp_path, name):
    data, reason = BAD_FILES[name]
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(folder(tmp_path, {name: data}), db, workers=1)
    assert [(r.file_name, r.reason) for r in summary.rejections] == [(name, reason)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT file_name FROM sources").fetchall() == [("good.txt",)]


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(folder(tmp_path, {"u16.txt": GOOD.encode("utf-16")}), db, workers=1)
    assert not summary.rejections
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sources WHERE summit_id = 6").fetchone()[0] == 2


def test_a_symlink_is_refused_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:secret\n" + GOOD, encoding="utf-8")
    sources = folder(tmp_path, {})
    os.symlink(outside, sources / "x.txt")
    os.symlink(tmp_path / "missing.txt", sources / "dangling.txt")
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(sources, db, workers=1)
    assert sorted((r.file_name, r.reason) for r in summary.rejections) == [
        ("dangling.txt", "not_regular"),
        ("x.txt", "not_regular"),
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sources WHERE text LIKE '%secret%'").fetchone()[0] == 0


def test_a_file_name_that_is_not_utf8(tmp_path):
    sources = folder(tmp_path, {})
    with open(os.path.join(os.fsencode(sources), b"bad\xffname.txt"), "wb") as handle:
        handle.write(b"\x00\x01binary")
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(sources, db, workers=1)  # never a UnicodeEncodeError
    assert [r.reason for r in summary.rejections] == ["binary"]


MANIFEST_CASES = [
    # an unclosed quote does not swallow the next row
    (
        'file\tpublisher\n"a.txt\t"Kazinform\nb.txt\tSputnik\n',
        {"b.txt": {"file": "b.txt", "publisher": "Sputnik"}},
        1,
    ),
    (
        "file\tpublished\tlanguage\nb.txt\t2024-13-45\tde\n",
        {"b.txt": {"file": "b.txt"}},
        2,
    ),  # bad date, language
    ("file\ttitle\nb.txt\t" + "x" * 130_000 + "\n", {"b.txt": {"file": "b.txt"}}, 1),  # a 128 KB field
    ("file\tpublisher\nnot_here.txt\tX\n", {"not_here.txt": {"file": "not_here.txt", "publisher": "X"}}, 1),
]


@pytest.mark.parametrize(("text", "rows", "warnings"), MANIFEST_CASES)
def test_manifest_rows_are_read_strictly_and_warned(tmp_path, text, rows, warnings):
    (tmp_path / "MANIFEST.tsv").write_text(text, encoding="utf-8")
    manifest = read_manifest(tmp_path, {"a.txt", "b.txt"})
    assert {k: v for k, v in manifest.rows.items() if k != '"a.txt'} == rows
    assert len(manifest.warnings) == warnings


def test_a_cp1251_manifest_is_one_warning_and_the_files_load(tmp_path, capsys):
    sources = folder(tmp_path, {})
    (sources / "MANIFEST.tsv").write_bytes("file\tpublisher\ngood.txt\tКазинформ\n".encode("cp1251"))
    assert (
        main(["build", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb"), "--workers", "1"]) == 0
    )
    assert "not UTF-8" in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT line, problem LIKE 'not UTF-8%' FROM manifest_warnings").fetchall() == [
            (0, True)
        ]
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 1


def test_a_docx_that_inflates_past_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    import etl.readers.docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_INFLATED_BYTES", 1024 * 1024)  # the real limit is 200 MB
    bomb = docx_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000
    summary = build_warehouse(folder(tmp_path, {"bomb.docx": bomb}), tmp_path / "w.duckdb", workers=1)
    assert [(r.file_name, r.reason) for r in summary.rejections] == [("bomb.docx", "too_large")]


def test_a_file_over_its_time_budget_is_rejected_and_the_rest_loads(tmp_path, monkeypatch):
    import time

    import etl.pipeline as pipeline

    real = pipeline.extract_facts

    def slow_for_one(document, gazetteer):
        if document.file_name == "slow.txt":
            time.sleep(5)
        return real(document, gazetteer)

    monkeypatch.setattr(pipeline, "extract_facts", slow_for_one)
    monkeypatch.setattr(pipeline, "FILE_SECONDS", 0.5)
    summary = build_warehouse(folder(tmp_path, {"slow.txt": GOOD.encode()}), tmp_path / "w.duckdb", workers=1)
    assert [(r.file_name, r.reason) for r in summary.rejections] == [("slow.txt", "too_slow")]


def test_a_text_without_breaks_is_cut_into_passages_of_bounded_length():
    from etl.document import MAX_PASSAGE_CHARS, segment

    text = "слово " * 20_000  # 120 KB, no full stop, no line break
    passages = segment(text)
    assert max(p.end - p.start for p in passages) <= MAX_PASSAGE_CHARS
    assert "".join(text[p.start : p.end] for p in passages).replace(" ", "") == text.replace(" ", "")


def test_a_killed_builds_files_are_removed_by_the_next_build(tmp_path):
    import subprocess
    import sys

    sources = folder(tmp_path, {})
    db = tmp_path / "w.duckdb"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = [
        tmp_path / f".w.duckdb.building-{gone.stdout.strip()}-deadbeef",
        tmp_path / f".w.duckdb.building-{gone.stdout.strip()}-deadbeef.wal",
    ]
    running = tmp_path / f".w.duckdb.building-{os.getpid()}-cafe0000"  # this process is alive: kept
    for path in [*stale, running]:
        path.write_bytes(b"half a warehouse")
    spooled = (
        tmp_path / f".w.duckdb.building-{gone.stdout.strip()}-deadbeef.texts"
    )  # its texts (etl/spool.py)
    spooled.mkdir()
    (spooled / "1-a.txt").write_text("a text")
    build_warehouse(sources, db, workers=1)
    assert not any(path.exists() for path in [*stale, spooled]) and running.exists()
    assert [p.name for p in tmp_path.glob(".w.duckdb.building-*")] == [running.name]  # this build left none


def test_workers_ask_to_die_with_their_parent():
    import subprocess
    import sys

    code = (
        "from etl.batches import die_with_parent; import ctypes; die_with_parent(); "
        "buf = ctypes.c_int(); ctypes.CDLL('libc.so.6').prctl(2, ctypes.byref(buf)); print(buf.value)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "15"  # PR_GET_PDEATHSIG: SIGTERM
