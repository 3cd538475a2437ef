"""`python -m etl evaluate`: scoring rules on single facts, gold files joined, and a whole run on a warehouse
built from texts written here."""

import json

import pytest

from etl.__main__ import main
from etl.evaluate import (
    agreement_matches,
    figure_matches,
    load_gold,
    maximum_matching,
    participant_matches,
    score_table,
)

ROW = {
    "summit_id": 7,
    "role": "guest",
    "country_code": None,
    "organization": "UNRCCA",
    "person": "Kakha Imnadze",
    "kind": "decision",
    "adoption": "signed",
    "title_ru": "Решение о создании фонда",
    "title_kk": None,
    "title_en": None,
    "period_from": None,
    "period_to": None,
}


@pytest.mark.parametrize(
    ("gold", "matches"),
    [
        ({"summit_id": 7, "role": "guest", "country_code": None, "organization_like": ["UNRCCA"]}, True),
        (
            {"summit_id": 7, "role": "guest", "country_code": None, "organization_like": ["UN"]},
            False,
        ),  # a word, not inside
        ({"summit_id": 6, "role": "guest", "country_code": None, "organization_like": ["UNRCCA"]}, False),
    ],
)
def test_participant_matching(gold, matches):
    assert participant_matches(gold, ROW) is matches


@pytest.mark.parametrize(
    ("gold", "matches"),
    [
        (
            {
                "summit_id": 7,
                "kind": "decision",
                "adoption": ["signed"],
                "title_like": "решение о создании «фонда»",
            },
            True,
        ),
        (
            {
                "summit_id": 7,
                "kind": ["other", "decision"],
                "adoption": ["approved"],
                "title_like": "Решение о создании фонда",
            },
            False,
        ),
        (
            {"summit_id": 7, "kind": "decision", "adoption": ["signed"], "title_like": "Концепция туризма"},
            False,
        ),
        (
            {
                "summit_id": 7,
                "kind": "decision",
                "adoption": ["signed"],
                "period": [2026, 2028],
                "title_like": "Решение",
            },
            False,
        ),
    ],
)
def test_agreement_matching(gold, matches):
    assert agreement_matches(gold, ROW) is matches


FIGURE = {"summit_id": 6, "scope": "C5", "kind": "actual", "unit": "USD", "value": 11_000_000_000.0}


@pytest.mark.parametrize(
    ("gold", "matches"),
    [
        ({"summit_id": 6, "scope": "C5", "kind": "actual", "unit": "USD", "value": 11e9}, True),
        (
            {"summit_id": 6, "scope": "C5", "kind": ["actual"], "unit": "USD", "value": 11.05e9},
            True,
        ),  # kinds as a list
        ({"summit_id": 6, "scope": "C5", "kind": ["target", "change"], "unit": "USD", "value": 11e9}, False),
        ({"summit_id": 6, "scope": "KAZ", "kind": "actual", "unit": "USD", "value": 11e9}, False),
        ({"summit_id": 6, "scope": "C5", "kind": "actual", "unit": "USD", "value": 12e9}, False),
    ],
)
def test_figure_matching(gold, matches):
    assert figure_matches(gold, FIGURE) is matches


def test_each_row_matches_one_gold_fact_at_most():
    gold = [{"n": 1}, {"n": 2}]
    rows = [{"n": 1}]
    assert maximum_matching(gold, rows, lambda g, r: True) == {0: 0}


def test_rows_matched_to_optional_facts_are_neither_found_nor_extra():
    gold = [{"x": 1}, {"x": 2, "optional": True}]
    rows = [{"x": 1}, {"x": 2}, {"x": 3}]
    score = score_table("t", gold, rows, lambda g, r: g["x"] == r["x"])
    assert (score.required, score.found, score.matched, len(score.extras)) == (1, 2, 1, 1)
    assert score.precision == 0.5 and score.recall == 1.0


def test_gold_files_stating_one_fact_are_joined(tmp_path):
    one = {
        "participants": [{"summit_id": 5, "country_code": "KAZ", "role": "head_of_state", "optional": True}]
    }
    two = {"participants": [{"summit_id": 5, "country_code": "KAZ", "role": ["guest"]}]}
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path, data in zip(paths, (one, two), strict=True):
        path.write_text(json.dumps(data), encoding="utf-8")
    assert load_gold(paths)["participants"] == [
        {"summit_id": 5, "country_code": "KAZ", "role": ["head_of_state", "guest"], "optional": False}
    ]


def test_a_document_one_text_gives_without_its_years_is_the_one_another_gives_with_them(tmp_path):
    one = {
        "agreements": [
            {"summit_id": 7, "kind": "other", "adoption": "signed", "title_like": "Каталог рисков и мер"}
        ]
    }
    two = {
        "agreements": [
            {
                "summit_id": 7,
                "kind": "other",
                "adoption": "signed",
                "period": [2026, 2028],
                "title_like": "Каталог рисков и мер на 2026-2028 годы",
            }
        ]
    }
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path, data in zip(paths, (one, two), strict=True):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (fact,) = load_gold(paths)["agreements"]
    assert fact["period"] == [2026, 2028]


def test_evaluate_a_folder_of_texts(tmp_path, capsys):
    sources = tmp_path / "texts"
    sources.mkdir()
    (sources / "a.txt").write_text(
        "В Ташкенте состоялась седьмая Консультативная встреча глав государств Центральной Азии.\n\n"
        "Во встрече приняли участие Президент Кыргызстана Садыр Жапаров и Президент Таджикистана Эмомали Рахмон.\n\n"
        "По итогам встречи подписаны следующие документы:\n\n"
        "1. Соглашение о транзите грузов на 2026-2030 годы.\n",
        encoding="utf-8",
    )
    gold = {
        "summits": [{"summit_id": 7, "held_on": "2025-11-16", "host_country": "UZB", "city": ["Tashkent"]}],
        "participants": [
            {"summit_id": 7, "country_code": c, "role": "head_of_state"} for c in ("KGZ", "TJK", "TKM")
        ],
        "agreements": [
            {
                "summit_id": 7,
                "kind": "agreement",
                "adoption": ["signed"],
                "period": [2026, 2030],
                "title_like": "соглашение о транзите грузов",
            }
        ],
    }
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_file), "--sources", str(sources), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    assert "miss  participants: summit_id=7, country_code=TKM" in printed
    assert "100%" in printed  # every quote verbatim
    # 4 of 5 facts found, none extra: F1 = 0.89
    assert (
        main(
            [
                "evaluate",
                "--gold",
                str(gold_file),
                "--sources",
                str(sources),
                "--workers",
                "1",
                "--min-f1",
                "0.95",
                "--scores-only",
            ]
        )
        == 1
    )


def test_placement_against_a_manifest(tmp_path, capsys):
    sources = tmp_path / "texts"
    sources.mkdir()
    (sources / "a.txt").write_text(
        "В Ташкенте состоялась седьмая Консультативная встреча глав государств.", "utf-8"
    )
    (sources / "b.txt").write_text("В Астане прошла шестая Консультативная встреча глав государств.", "utf-8")
    manifest = tmp_path / "MANIFEST.tsv"
    manifest.write_text(
        "file\turl\tsummit_edition\na.txt\thttps://example.org/a\t7\nb.txt\thttps://example.org/b\t5\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"summits": []}), encoding="utf-8")
    main(
        [
            "evaluate",
            "--gold",
            str(gold),
            "--sources",
            str(sources),
            "--placement",
            str(manifest),
            "--workers",
            "1",
        ]
    )
    printed = capsys.readouterr().out
    assert "placed at meeting 6, not 5 b.txt" in printed
    assert "placement: 1 of 2 texts placed at the meeting they report" in printed
