"""The build's spool of texts: each text comes back exactly as it went in, and the folder goes with the build."""

import pytest

from etl.spool import TextSpool, read_spooled, spool_folder

TEXTS = ["Первый текст.\r\n", "", "Екінші мәтін — «ё» and 🙂", "x" * 100_000]


def test_texts_come_back_as_they_were_added(tmp_path):
    with TextSpool(tmp_path) as spool:
        where = [spool.add(text) for text in TEXTS]
    assert [read_spooled(w) for w in reversed(where)] == list(reversed(TEXTS))


def test_two_spools_in_one_folder_keep_their_own_texts(tmp_path):
    with TextSpool(tmp_path) as first, TextSpool(tmp_path) as second:
        a, b = first.add("первый"), second.add("второй")
    assert first.path != second.path and (read_spooled(a), read_spooled(b)) == ("первый", "второй")


def test_a_spool_folder_is_removed_with_its_texts_when_the_block_ends(tmp_path):
    with pytest.raises(ValueError), spool_folder(tmp_path / "w.duckdb") as folder:
        with TextSpool(folder) as spool:
            where = spool.add("текст")
        assert folder.name.startswith(".w.duckdb.building-") and read_spooled(where) == "текст"
        raise ValueError("the build failed")
    assert not folder.exists()
    with pytest.raises(OSError):
        read_spooled(where)
