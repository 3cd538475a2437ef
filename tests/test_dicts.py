"""The word lists in etl/dicts/: one loader reads every layout, and every list in the folder loads."""

import pytest

from etl.dicts import DICTS_DIR, load_pairs, load_rows, load_words, words_where

LISTS = sorted(path.stem for path in DICTS_DIR.glob("*.txt"))


@pytest.mark.parametrize("name", LISTS)
def test_every_list_loads_without_empty_rows(name):
    rows = load_rows(name)
    assert rows and all(row[0] for row in rows)


def test_one_loader_for_words_pairs_and_marked_words():
    assert "млрд" in load_words("abbreviations") and "т" in load_words("abbreviations")
    assert "млрд" in words_where("abbreviations", "final") and "т" not in words_where(
        "abbreviations", "final"
    )
    assert ("документ*", "documents") in load_pairs("document_nouns")
    assert "этот показатель" in load_words("anaphora")  # a phrase stays one row
