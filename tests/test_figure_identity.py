"""Two figures that differ only by their counterpart are two facts, everywhere: assembly, the build checks,
the conflicts query and the upload preview (texts written here)."""

import duckdb

from etl.build import build_warehouse
from ui.ingest import _mark_figures
from warehouse import queries as q

LEAD = "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств Центральной Азии.\n\n"
TWO_COUNTERPARTS = (
    LEAD + "Товарооборот Казахстана с Узбекистаном в 2023 году составил 4 млрд долларов.\n\n"
    "Товарооборот Казахстана с Кыргызстаном в 2023 году составил 4 млрд долларов.\n"
)


def test_two_counterparts_are_two_figures_and_no_conflict(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(TWO_COUNTERPARTS, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)  # the «one row per figure» check passes
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT scope, counterpart, value FROM figures ORDER BY counterpart").fetchall()
        assert rows == [("KAZ", "KGZ", 4e9), ("KAZ", "UZB", 4e9)]
        assert q.conflicting_figures_count(con) == 0
        known = q.known_figures(con, 6)
    new = {
        "summit_id": 6,
        "scope": "KAZ",
        "counterpart": "TJK",
        "metric": "trade_turnover",
        "kind": "actual",
        "value": 4e9,
        "unit": "USD",
        "period": "в 2023 году",
        "period_year": 2023,
        "quote": "…",
    }
    same = {**new, "counterpart": "UZB"}
    assert list(_mark_figures([new, same], known)["already_known"]) == [False, True]


def test_one_figure_two_values_is_a_conflict(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(
        LEAD + "Товарооборот Казахстана с Узбекистаном в 2023 году составил 4 млрд долларов.",
        encoding="utf-8",
    )
    (sources / "b.txt").write_text(
        LEAD + "Товарооборот Казахстана с Узбекистаном в 2023 году составил 4,2 млрд долларов.",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)
    with duckdb.connect(str(db), read_only=True) as con:
        conflicts = q.conflicting_figures(con)
    assert sorted(conflicts["value"]) == [4e9, 4.2e9] and set(conflicts["counterpart"]) == {"UZB"}
