"""The Data quality page: confirmation, conflicting figures side by side, unplaced and silent sources, rejected
files."""

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build_warehouse
from tests.conftest import PROJECT
from tests.snapshot import expected

PAGE = "pages/8_Data_quality.py"
A_URL = "https://example.org/news/a"
A_TITLE = "Встреча в Астане"


@pytest.fixture
def conflicting(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    lead = "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств Центральной Азии. "
    (sources / "a.txt").write_text(
        lead + "Взаимный товарооборот стран региона в 2023 году составил $10,9 млрд.", "utf-8"
    )
    (sources / "b.txt").write_text(
        lead + "Взаимный товарооборот стран региона в 2023 году составил $11,2 млрд.", "utf-8"
    )
    (sources / "c.txt").write_text("Погода в Астане сегодня солнечная, без осадков.", "utf-8")
    (sources / "d.txt").write_bytes(b"")
    (sources / "e.txt").write_text("Президент Кыргызстана Садыр Жапаров принял участие во встрече.", "utf-8")
    # two meetings were held in Tashkent, and both presidents held office at both: a tie, left unplaced
    (sources / "f.txt").write_text(
        "Ташкент принял встречу глав государств. Шавкат Мирзиёев приветствовал Ильхама Алиева.", "utf-8"
    )
    # one text with the title and address a reader can cite
    (sources / "MANIFEST.tsv").write_text(f"file\turl\ttitle\na.txt\t{A_URL}\t{A_TITLE}\n", "utf-8")
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)
    monkeypatch.setenv("SUMMITS_DB", str(db))
    monkeypatch.chdir(PROJECT)


def run():
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    at.switch_page(PAGE)
    return at.run()


def test_conflicts_silent_sources_and_rejects(conflicting):
    at = run()
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    conflicts = next(t for t in tables if "amount" in t.columns and "publisher" in t.columns)
    assert sorted(conflicts["amount"]) == ["US$ 10.9 bn", "US$ 11.2 bn"] and sorted(
        conflicts["file_name"]
    ) == ["a.txt", "b.txt"]
    # every fact row names its text so it can be cited: the title and the link before the sentence
    cited = conflicts.set_index("file_name")
    assert cited.loc["a.txt", "source_title"] == A_TITLE and cited.loc["a.txt", "source_url"] == A_URL
    assert cited.loc["b.txt", "source_url"] == ""  # no address known: blank, not «None»
    single = next(
        t for t in tables if "what" in t.columns and "fact" in t.columns and "fact_id" not in t.columns
    )
    assert {"source_title", "source_url"} <= set(single.columns)
    assert list(single.columns).index("source_url") < list(single.columns).index("quote")
    assert A_URL in set(single["source_url"])
    unplaced = next(t for t in tables if "evidence" in t.columns)
    assert list(unplaced["file_name"]) == ["c.txt", "e.txt", "f.txt"]
    assert list(unplaced["participant_facts"]) == [0, 1, 2]
    assert (unplaced["evidence"].fillna("") == "").tolist() == [True, True, False]
    assert "city Tashkent" in unplaced["evidence"].iloc[2]
    facts = next(t for t in tables if "what" in t.columns and "fact_id" in t.columns)
    assert sorted(facts["file_name"]) == ["e.txt", "f.txt", "f.txt"]
    assert set(facts["fact"]) == {"participant"} and facts["quote"].str.len().min() > 0
    silent = next(
        t for t in tables if list(t.columns) == ["source_id", "file_name", "language", "title", "summit_id"]
    )
    assert list(silent["file_name"]) == ["c.txt"]
    rejected = next(t for t in tables if "reason" in t.columns)
    assert list(rejected["file_name"]) == ["d.txt"]


def test_bundled_warehouse(app):
    at = app(PAGE)
    assert not at.exception
    confirmation = at.dataframe[0].value
    assert set(confirmation["facts"]) == {"participants", "agreements", "figures"}
    confirmed = [a for a in expected()["agreements"] if a["source_count"] > 1]
    assert int(confirmation.loc[confirmation["facts"] == "agreements", "several_sources"].iloc[0]) == len(
        confirmed
    )
    assert any("No two texts give different values" in s.value for s in at.success)


def test_the_sidebar_filters_apply(conflicting):
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    at.query_params["summit"] = "7"
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any(
        "No two texts give different values" in s.value for s in at.success
    )  # the conflict is at meeting 6
    confirmation = at.dataframe[0].value
    assert confirmation[["one_source", "several_sources"]].to_numpy().sum() == 0
