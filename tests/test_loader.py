"""The warehouse writer: staged writes with background commits give the same file as one write, and
nothing replaces the old warehouse unless the new one is finished."""

from dataclasses import dataclass, replace

import duckdb
import pytest

from etl.assemble import assemble_in_stages
from etl.loader import WarehouseWriter, write_warehouse
from etl.pipeline import list_source_files, read_and_extract
from etl.rows import Tables
from tests.conftest import BUNDLED_SOURCES

TABLES = tuple(name for name, _ in Tables().items())  # every table a build assembles


def _stages(gazetteer):
    extracted = [read_and_extract(path, {}, gazetteer) for path in list_source_files(BUNDLED_SOURCES)]
    return list(assemble_in_stages(extracted, [], gazetteer))


def _dump(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def test_staged_writes_with_background_commits_equal_one_write(tmp_path, gazetteer):
    stages = _stages(gazetteer)
    with WarehouseWriter(tmp_path / "staged.duckdb") as writer:
        for stage in stages:
            writer.write(stage)
            writer.commit_in_background()
        writer.finish()
    whole = Tables()
    for stage in stages:
        whole.extend(stage)
    write_warehouse(whole, tmp_path / "whole.duckdb")
    assert _dump(tmp_path / "staged.duckdb") == _dump(tmp_path / "whole.duckdb")
    assert _dump(tmp_path / "staged.duckdb")["sources"]


def test_a_writer_opened_in_the_background_writes_the_same_warehouse(tmp_path, gazetteer):
    stages = _stages(gazetteer)
    with WarehouseWriter(tmp_path / "background.duckdb").open_in_background() as writer:
        for stage in stages:
            writer.write(stage)
        writer.finish()
    with WarehouseWriter(tmp_path / "plain.duckdb") as writer:
        for stage in stages:
            writer.write(stage)
        writer.finish()
    assert _dump(tmp_path / "background.duckdb") == _dump(tmp_path / "plain.duckdb")
    with duckdb.connect(str(tmp_path / "background.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM countries").fetchone()[0] > 0  # written on the thread


def test_a_writer_that_could_not_open_in_the_background_says_why_when_used(tmp_path, gazetteer):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    with pytest.raises(OSError), WarehouseWriter(blocked / "w.duckdb").open_in_background() as writer:
        writer.write(_stages(gazetteer)[0])
    assert blocked.read_text() == ""


def test_texts_committed_a_slice_at_a_time_give_the_same_warehouse(tmp_path, gazetteer, monkeypatch):
    import etl.loader

    whole = Tables()
    for stage in _stages(gazetteer):
        whole.extend(stage)
    write_warehouse(whole, tmp_path / "at_once.duckdb")
    monkeypatch.setattr(etl.loader, "TEXTS_PER_COMMIT", 1)  # every text a transaction of its own
    write_warehouse(whole, tmp_path / "sliced.duckdb")
    assert _dump(tmp_path / "sliced.duckdb") == _dump(tmp_path / "at_once.duckdb")
    assert len(_dump(tmp_path / "sliced.duckdb")["sources"]) > 1


def test_an_unfinished_warehouse_never_replaces_the_old_one(tmp_path, gazetteer):
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"the old warehouse")
    with pytest.raises(RuntimeError), WarehouseWriter(db) as writer:
        writer.write(_stages(gazetteer)[0])
        writer.commit_in_background()
        raise RuntimeError("the build stopped here")
    assert db.read_bytes() == b"the old warehouse"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


class _CommitFails:
    """A connection whose COMMIT fails, as on a full disk."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise duckdb.IOException("could not write: no space left on device")
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_a_failed_background_commit_surfaces_on_the_next_call(tmp_path, gazetteer):
    db = tmp_path / "w.duckdb"
    with WarehouseWriter(db) as writer:
        writer.con = _CommitFails(writer.con)
        writer.write(_stages(gazetteer)[0])
        writer.commit_in_background()
        with pytest.raises(duckdb.IOException, match="no space"):
            writer.write(Tables())
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_insert_leaves_no_warehouse(tmp_path, gazetteer):
    meetings, texts = _stages(gazetteer)[:2]
    unknown_meeting = [replace(row, summit_id=999) for row in texts.sources]
    assert unknown_meeting
    with WarehouseWriter(tmp_path / "w.duckdb") as writer, pytest.raises(duckdb.ConstraintException):
        writer.write(Tables(summits=meetings.summits, sources=unknown_meeting))
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@dataclass(frozen=True)
class _Misspelt:
    rejected_file: str  # etl_rejects has file_name


def test_a_record_with_a_field_the_table_lacks_is_refused(tmp_path):
    with (
        WarehouseWriter(tmp_path / "w.duckdb") as writer,
        pytest.raises(ValueError, match="not columns of etl_rejects"),
    ):
        writer.write(Tables(etl_rejects=[_Misspelt("a.txt")]))
