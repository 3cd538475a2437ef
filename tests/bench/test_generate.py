"""The synthetic corpus: deterministic, varied, in both languages, and full of facts the ETL finds."""

import duckdb

from bench.generate import generate_corpus
from bench.inflate import build_inflated_warehouse
from etl.build import build_warehouse


def test_same_seed_same_corpus_and_texts_differ(tmp_path):
    generate_corpus(tmp_path / "a", 30, seed=3)
    generate_corpus(tmp_path / "b", 30, seed=3)
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b
    assert len(set(a.values())) == 30
    assert any(name.endswith("_kk.txt") for name in a) and any(name.endswith("_ru.txt") for name in a)


def test_extraction_does_real_work_on_it(tmp_path):
    generate_corpus(tmp_path / "corpus", 40, seed=5)
    db = tmp_path / "w.duckdb"
    summary = build_warehouse(tmp_path / "corpus", db)
    assert summary.counts["rejected"] == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM sources WHERE summit_id IS NULL").fetchone()[0] == 0
        per_text = con.execute("""
            SELECT min(n) FROM (SELECT s.source_id, count(l.figure_id) AS n
                                FROM sources s LEFT JOIN figure_sources l USING (source_id) GROUP BY 1)""").fetchone()[
            0
        ]
        assert per_text >= 2
        assert con.execute("SELECT count(DISTINCT kind) FROM agreements").fetchone()[0] >= 4


def test_inflated_warehouse_has_the_schema_and_the_rows(tmp_path):
    counts = build_inflated_warehouse(tmp_path / "big.duckdb", fact_rows=10_000, summits=10, sources=100)
    assert sum(counts.values()) == 10_000
    with duckdb.connect(str(tmp_path / "big.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM v_figures").fetchone()[0] == counts["figures"]


def test_real_shaped_texts_are_the_bundled_shapes_with_other_numbers(tmp_path):
    from bench.generate import generate_real_shaped

    assert generate_real_shaped(tmp_path, 6) > 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir())]
    assert len(set(texts)) == 6 and all("Центральной Азии" in t or "Орталық Азия" in t for t in texts)


def test_real_shaped_texts_name_a_country_s_other_leader_in_the_same_words():
    import random

    from bench.generate import _vary_names

    text = "Токаев говорил с Жапаровым, Сердар Бердымухамедов слушал; Сердаром восхищались."
    varied = {_vary_names(text, random.Random(seed)) for seed in range(20)}
    assert varied == {
        text,
        "Назарбаев говорил с Жээнбековым, Гурбангулы Бердымухамедов слушал; Сердаром восхищались.",
    }


def test_hostile_shapes_at_a_small_scale(tmp_path):
    from bench.generate import generate_hostile_shapes

    folders = generate_hostile_shapes(tmp_path, scale=0.001)
    no_breaks = (folders["5 MB, no line breaks"] / "input.txt").read_text(encoding="utf-8")
    assert "\n" not in no_breaks and 4_000 <= len(no_breaks.encode()) <= 5_000
    assert len((folders["100,000 short lines"] / "input.txt").read_text(encoding="utf-8").splitlines()) == 100


def test_extraction_per_core_is_measured_with_and_without_the_passage_caches(tmp_path):
    from bench.generate import generate_real_shaped
    from bench.run import _sentence_caches, extraction_per_core_lines, measure_extraction

    generate_real_shaped(tmp_path, 4)
    files = sorted(tmp_path.iterdir())
    run = measure_extraction(files, empty_caches=True)
    assert run["texts"] == 4 and run["bytes"] > 0 and run["seconds"] > 0
    names = {cache.__name__ for cache in _sentence_caches()}
    assert "_find" in names and "lookup_stem" not in names  # a word's look-up stays warm, as in a real corpus
    lines = extraction_per_core_lines(tmp_path, sample=4)
    assert any("passage caches emptied" in line for line in lines)
