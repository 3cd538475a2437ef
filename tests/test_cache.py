"""The extraction cache: entries in packs, read back equal, damaged ones re-extracted, stale ones dropped."""

import pytest

from etl.build import build_warehouse
from etl.cache import TAKEN, ExtractionCache
from etl.pipeline import ExtractedSource, extract_facts
from tests.conftest import make_document

TEXT = (
    "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств Центральной Азии. "
    "Во встрече приняли участие Президент Казахстана Касым-Жомарт Токаев и Президент Кыргызстана "
    "Садыр Жапаров. Взаимный товарооборот в 2023 году составил $10,9 млрд.\n"
)


def _source(gazetteer, text=TEXT, name="a.txt") -> ExtractedSource:
    document = make_document(text, file_name=name)
    source = ExtractedSource(document, extract_facts(document, gazetteer))
    source.document.passages = []  # as the workers store it
    return source


def test_entries_read_back_equal(tmp_path, gazetteer):
    source = _source(gazetteer)
    assert {type(f).__name__ for f in source.facts} >= {
        "SummitMention",
        "ParticipantMention",
        "FigureMention",
    }
    ExtractionCache(tmp_path / "cache").put_many([("k1", source)])
    back = ExtractionCache(tmp_path / "cache").get("k1")
    assert back.document == source.document
    assert back.facts == source.facts  # dates, tuples of people and floats survive JSON
    assert ExtractionCache(tmp_path / "cache").get("unknown") is None


def test_damaged_entries_are_extracted_again(tmp_path, gazetteer):
    cache = ExtractionCache(tmp_path / "cache")
    cache.put_many([("good", _source(gazetteer)), ("bad", _source(gazetteer))])
    pack = next((tmp_path / "cache").glob("*.jsonl"))
    pack.write_text(pack.read_text(encoding="utf-8").replace("bad\t{", "bad\t{broken", 1), encoding="utf-8")
    fresh = ExtractionCache(tmp_path / "cache")
    assert fresh.get("bad") is None and fresh.get("good") is not None


def test_prune_keeps_live_entries_in_one_pack_and_drops_old_rules(tmp_path, gazetteer):
    current = tmp_path / "bbbbbbbbbbbbbbbb"
    old_rules = tmp_path / "aaaaaaaaaaaaaaaa"
    old_rules.mkdir()
    not_ours = tmp_path / "notes"
    not_ours.mkdir()
    cache = ExtractionCache(current)
    cache.put_many([("gone", _source(gazetteer, name="gone.txt"))])
    cache.put_many([("kept", _source(gazetteer, name="kept.txt"))])
    cache.prune({"kept"})
    assert not old_rules.exists() and not_ours.exists()
    packs = list(current.glob("*.jsonl"))
    assert len(packs) == 1
    fresh = ExtractionCache(current)
    assert fresh.get("kept").document.file_name == "kept.txt" and fresh.get("gone") is None


def test_many_packs_are_merged(tmp_path, gazetteer, monkeypatch):
    monkeypatch.setattr("etl.cache.MAX_PACKS", 2)
    cache = ExtractionCache(tmp_path / "cache")
    for n in range(3):
        cache.put_many([(f"k{n}", _source(gazetteer))])
    cache.prune({"k0", "k1", "k2"})
    assert len(list((tmp_path / "cache").glob("*.jsonl"))) == 1
    assert all(ExtractionCache(tmp_path / "cache").get(f"k{n}") for n in range(3))


@pytest.mark.parametrize("asked_at_start", [False, True], ids=["not asked", "started empty"])
def test_nothing_is_rewritten_when_every_entry_is_live(tmp_path, gazetteer, asked_at_start):
    cache = ExtractionCache(tmp_path / "cache")
    if asked_at_start:  # a build asks at its start; with nothing there, prune need not read its packs back
        assert not cache.has_entries()
    cache.put_many([("k0", _source(gazetteer))])
    cache.put_many([("k1", _source(gazetteer))])
    before = sorted(p.name for p in (tmp_path / "cache").glob("*.jsonl"))
    cache.prune({"k0", "k1"})
    assert sorted(p.name for p in (tmp_path / "cache").glob("*.jsonl")) == before


def test_entries_found_stale_at_the_start_are_dropped(tmp_path, gazetteer):
    ExtractionCache(tmp_path / "cache").put_many([("old", _source(gazetteer)), ("kept", _source(gazetteer))])
    cache = ExtractionCache(tmp_path / "cache")
    assert cache.has_entries() and cache.get("kept") is not None
    cache.put_many([("new", _source(gazetteer))])
    cache.prune({"kept", "new"})
    fresh = ExtractionCache(tmp_path / "cache")
    assert fresh.get("old") is None and fresh.get("kept") and fresh.get("new")
    assert len(list((tmp_path / "cache").glob("*.jsonl"))) == 1


def test_an_entry_is_taken_once_and_its_text_let_go(tmp_path, gazetteer):
    ExtractionCache(tmp_path / "cache").put_many([("k1", _source(gazetteer))])
    cache = ExtractionCache(tmp_path / "cache")
    assert cache.get("k1") is not None
    assert cache._entries == {"k1": TAKEN}  # the key is still known to pruning, its text is gone
    assert cache.get("k1") is None  # a second file with the same bytes is extracted again


def test_two_files_with_the_same_bytes_both_load_from_a_warm_cache(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a.txt", "b.txt"):
        (sources / name).write_text(TEXT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)
    again = build_warehouse(sources, db)
    assert again.counts["sources"] == 2 and again.files_from_cache + again.files_extracted == 2
    assert not again.rejections
