"""The SQL page: run a query, see refusals and stops, share the query in the URL."""

import hashlib
import io

import pandas as pd
import pytest

from ui.tables import FORMATS, table_bytes

SQL_PAGE = "pages/6_SQL.py"


def run(at, sql):
    at.text_area(key="sql_query").set_value(sql)
    at.button(key="sql_run").click()
    return at.run()


def test_query_answers_with_count_and_downloads(app):
    at = run(app(SQL_PAGE), "SELECT summit_id, count(*) AS n FROM participants GROUP BY 1 ORDER BY 1")
    assert not at.exception and not at.error
    assert at.main.dataframe[-1].value.to_dict("records") == [
        {"summit_id": 3, "n": 5},
        {"summit_id": 6, "n": 7},
        {"summit_id": 7, "n": 6},
    ]
    assert any("3 rows" in c.value for c in at.caption)
    assert at.query_params["sql"].startswith("SELECT summit_id")
    # AppTest cannot fetch a download's file: the buttons are checked here, their bytes through table_bytes
    buttons = {b.key: b.proto for b in at.get("download_button")}
    assert [buttons[f"sql_result_download_{fmt}"].label for fmt in FORMATS] == ["CSV", "XLSX", "PARQUET"]
    assert all("3 rows" in buttons[f"sql_result_download_{fmt}"].help for fmt in FORMATS)
    result = at.main.dataframe[-1].value
    assert table_bytes(result, "csv").startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = result.to_dict("records")
    assert pd.read_excel(io.BytesIO(table_bytes(result, "xlsx"))).to_dict("records") == rows
    assert pd.read_parquet(io.BytesIO(table_bytes(result, "parquet"))).to_dict("records") == rows


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("DROP TABLE figures", "Refused"),
        ("SELECT * FROM read_text('/etc/passwd')", "Failed"),
        ("SET enable_external_access = true", "Refused"),
    ],
)
def test_hostile_queries_show_a_clear_error(app, sql, kind, bundled_warehouse):
    before = hashlib.sha256(bundled_warehouse.read_bytes()).hexdigest()
    at = run(app(SQL_PAGE), sql)
    assert not at.exception
    assert at.error and at.error[0].value.startswith(kind)
    assert hashlib.sha256(bundled_warehouse.read_bytes()).hexdigest() == before


def test_query_from_the_url_runs_on_arrival(app):
    at = app(SQL_PAGE, sql="SELECT count(*) AS n FROM agreements")
    assert at.text_area(key="sql_query").value == "SELECT count(*) AS n FROM agreements"
    assert at.main.dataframe[-1].value["n"].tolist() == [15]


def test_example_button_fills_the_box(app):
    at = app(SQL_PAGE)
    at.button(key="sql_example_1").click().run()
    assert "FROM figures WHERE scope = 'KGZ'" in at.text_area(key="sql_query").value


def test_large_result_is_cut_with_a_notice(app):
    at = run(app(SQL_PAGE), "SELECT * FROM range(20000)")
    assert at.warning and "of 20,000 rows" in at.warning[0].value


def test_sql_results_are_cached_within_a_byte_cap(bundled_warehouse, monkeypatch):
    import ui.data as data

    monkeypatch.setenv("SUMMITS_DB", str(bundled_warehouse))
    monkeypatch.setattr(data, "SQL_CACHE_BYTES", 200_000)
    data._sql_cache.clear()
    for n in range(1, 6):
        data.run_sql(f"SELECT range AS n, repeat('x', 100) AS pad FROM range({n * 400})")
    kept = sum(size for _, size in data._sql_cache.values())
    assert 0 < kept <= 200_000 and len(data._sql_cache) < 5  # the oldest went first
    again = data.run_sql("SELECT range AS n, repeat('x', 100) AS pad FROM range(2000)")
    assert len(again.frame) == 2000
