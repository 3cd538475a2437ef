"""Every page renders from the bundled warehouse; filters travel in the URL; downloads equal the table."""

import io
import json

import duckdb
import pandas as pd
import pytest

from tests.snapshot import expected, unreported_meetings
from tests.ui.conftest import PAGES
from ui.tables import table_bytes


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app, page):
    at = app(page)
    assert not at.exception, at.exception
    assert at.title


def test_home_shows_counts_and_headline_trade(app, bundled_warehouse):
    at = app("dashboard.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents"] == str(len(expected()["agreements"]))
    # the reached value says its year; the target its deadline, or that none is stated
    assert (
        metrics["Reached as of 2024"] == "US$ 11.0 bn"
        and metrics["Target (no deadline stated)"] == "US$ 15.0 bn"
    )
    assert any(
        "Latest meeting reported: 7th meeting — Tashkent, 16 November 2025" in h.value for h in at.subheader
    )
    # each sentence under the trade figures names the text it comes from, by its title
    sentences = [c.value for c in at.caption if c.value.startswith(("actual:", "target:"))]
    assert len(sentences) == 2 and not any("(source " in c for c in sentences)
    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        titles = [t for (t,) in con.execute("SELECT title FROM sources WHERE title IS NOT NULL").fetchall()]
    assert all(any(f"— «{t}»" in c or f"[{t} ↗]" in c for t in titles) for c in sentences)


def test_country_filter_changes_table_and_url(app):
    at = app("pages/3_Participation.py")
    before = at.dataframe[-1].value
    at.multiselect(key="filter_countries@participation").set_value(["KGZ"]).run()
    after = at.dataframe[-1].value
    assert set(after["country_code"]) == {"KGZ"} and len(after) < len(before)
    value = at.query_params["country"]
    assert (value if isinstance(value, list) else [value]) == ["KGZ"]


def test_filters_are_read_from_the_url(app):
    at = app("pages/4_Agreements.py", summit="3", year_from="2020")
    assert at.selectbox(key="filter_summit@agreements").value == 3
    table = at.dataframe[0].value
    assert set(table["summit_id"]) == {3}


def test_confidence_filter_keeps_the_surer_facts_and_travels_in_the_url(app):
    at = app("pages/4_Agreements.py", confidence="high")
    assert at.multiselect(key="filter_confidence@agreements").value == ["high"]
    high = at.dataframe[0].value
    assert len(high) and set(high["confidence"]) == {"high"} and set(high["rule"]) <= {"list", "ordinal"}
    at.multiselect(key="filter_confidence@agreements").set_value([]).run()
    assert len(at.dataframe[0].value) > len(high) and "confidence" not in at.query_params


def test_bad_url_values_are_ignored(app):
    at = app("pages/4_Agreements.py", summit="99", year_from="abc", country="XXX")
    assert not at.exception
    assert at.selectbox(key="filter_summit@agreements").value is None
    assert at.multiselect(key="filter_countries@agreements").value == []


def test_agreement_filters(app):
    at = app("pages/4_Agreements.py")
    at.multiselect(key="agreements_adoptions").set_value(["planned"]).run()
    table = at.dataframe[0].value
    planned = [a for a in expected()["agreements"] if a["adoption"] == "planned"]
    assert set(table["adoption"]) == {"planned"} and len(table) == len(planned)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_downloads_hold_the_filtered_rows_with_the_warehouse_names(bundled_warehouse, fmt):
    import duckdb

    from warehouse import queries as q

    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        table = q.figures(con, q.Filters(countries=("KGZ",)))
    data = table_bytes(table, fmt)
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Cyrillic as UTF-8
        downloaded = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    else:
        downloaded = pd.read_excel(io.BytesIO(data)) if fmt == "xlsx" else pd.read_parquet(io.BytesIO(data))
    assert list(downloaded.columns) == list(table.columns) and len(downloaded) == len(table) > 0
    assert set(downloaded["scope"]) <= {"KGZ", "C5"} and list(downloaded["quote"]) == list(table["quote"])


def test_tables_show_amounts_and_blanks_not_none(app):
    at = app("pages/2_Trade_and_targets.py")
    shown = at.dataframe[-1].value
    assert "value" not in shown.columns and any(
        a.startswith("US$ ") and a.endswith((" bn", " M")) for a in shown["amount"]
    )
    assert not shown.isin(["None", "nan"]).any().any() and (shown["counterpart"] == "").any()


def test_meetings_no_text_reports_are_said_so_not_zero(app):
    from ui.charts import timeline_figure

    at = app("pages/1_Timeline.py")
    assert not at.exception
    meetings = at.dataframe[0].value
    unreported = meetings[meetings["status"] == "no texts yet"]
    assert (
        sorted(unreported["summit_id"]) == unreported_meetings()
        and (unreported["agreement_count"] == "").all()
    )  # not 0
    figure = timeline_figure(
        meetings, pd.DataFrame(columns=["summit_id", "held_on", "adoption", "documents"])
    )
    hollow = next(t for t in figure.data if t.name == "meeting (no texts yet)")
    assert hollow.marker.symbol == "diamond-open" and len(hollow.x) == len(unreported_meetings())


def test_source_text_marks_the_passages(app):
    at = app("pages/5_Sources.py")
    (text,) = [
        h.value for h in at.html if 'class="source-text"' in h.value
    ]  # the text, not the colour legend
    assert text.count("<mark") >= 3 and 'title="participant"' in text


def test_missing_warehouse_says_how_to_build(app, monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMITS_DB", str(tmp_path / "missing.duckdb"))
    at = app("dashboard.py")
    assert not at.exception
    missing = str(tmp_path / "missing.duckdb")
    assert any(
        "etl build" in c.value and f"--db {missing}" in c.value for c in at.code
    )  # the configured path
    assert any(missing in e.value and "SUMMITS_DB" in e.value for e in at.error)


def test_filters_follow_the_user_to_another_page(app):
    at = app("pages/3_Participation.py", country="TJK")
    at.switch_page("pages/4_Agreements.py").run()
    assert at.multiselect(key="filter_countries@agreements").value == ["TJK"]


def test_long_tables_show_their_first_rows_and_download_all(app, monkeypatch, bundled_warehouse):
    monkeypatch.setattr("warehouse.queries.DISPLAY_LIMIT", 4)
    at = app("pages/4_Agreements.py")
    documents = len(expected()["agreements"])
    assert len(at.dataframe[0].value) == 4
    assert any(f"first 4 of {documents} rows" in c.value for c in at.caption)
    from ui.data import uncached
    from warehouse.queries import Filters

    full = uncached("agreements", Filters())
    # the same columns (on screen the link is moved before the sentence; the download keeps the warehouse's order)
    assert len(full) == documents and set(full.columns) == set(at.dataframe[0].value.columns)


def test_participation_matrix_marks_hosts_and_chairs(bundled_warehouse):
    import duckdb

    from ui.charts import participation_figure
    from warehouse import queries as q

    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        rows, hosts = q.participation(con, q.Filters()), q.hosts(con, q.Filters())
    figure = participation_figure(rows, hosts)
    marks = {
        (y, x): t
        for y, row in zip(figure.data[0].y, figure.data[0].text, strict=True)
        for x, t in zip(figure.data[0].x, row, strict=True)
        if t
    }
    # the host chairs: one chair per meeting, the one summits.chair names
    assert marks == {
        ("Turkmenistan", "3. Turkmenbashi 2021"): "host chair",
        ("Kazakhstan", "6. Astana 2024"): "host chair",
        ("Uzbekistan", "7. Tashkent 2025"): "host chair",
    }


def test_pages_render_a_meeting_without_date_or_city(tmp_path, monkeypatch):
    """A text about a meeting the calendar does not know, naming neither its date nor a known city."""
    from streamlit.testing.v1 import AppTest

    from etl.build import build_warehouse
    from tests.conftest import PROJECT
    from tests.ui.conftest import PAGES

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "x.txt").write_text(
        "Девятая Консультативная встреча глав государств Центральной Азии прошла в "
        "Кызылорде. В ней приняли участие Президент Казахстана и Президент Узбекистана.\n",
        encoding="utf-8",
    )
    build_warehouse(sources, tmp_path / "w.duckdb")
    monkeypatch.setenv("SUMMITS_DB", str(tmp_path / "w.duckdb"))
    for page in PAGES:
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        if page != "dashboard.py":
            at.switch_page(page)
        at.run()
        assert not at.exception, (page, at.exception)
        if page == "pages/3_Participation.py":
            assert set(at.dataframe[-1].value["summit_id"]) == {9}  # shown, though no source dates it
        if page in ("dashboard.py", "pages/1_Timeline.py"):
            # no date, so no place on the time axis: named above the chart instead of silently dropped
            notes = [
                a["text"] for a in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]
            ]
            assert notes[0].startswith("Not on the time axis (date unknown): 9.")
            assert notes[0].endswith("(not in the calendar — check)")
        if page == "dashboard.py":
            assert any(
                h.value.startswith("Latest meeting reported: 9th meeting")
                and h.value.endswith("(not in the calendar — check)")
                for h in at.subheader
            )
        # a meeting the calendar does not know is marked wherever it is offered, and listed on Data quality
        if page == "pages/1_Timeline.py":
            assert (
                "not in the calendar — check" in at.dataframe[0].value.set_index("summit_id").loc[9, "status"]
            )
            assert any(
                "(not in the calendar — check)" in o
                for o in at.selectbox(key="filter_summit@timeline").options
            )
        if page == "pages/8_Data_quality.py":
            assert any(
                list(d.value.columns)[:2] == ["summit_id", "held_on"] and 9 in set(d.value["summit_id"])
                for d in at.dataframe
            )


def test_a_metric_over_the_years_reads_only_that_metric_and_at_most_the_limit(bundled_warehouse):
    import duckdb

    from warehouse import queries as q

    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        every = q.figures(con, q.Filters())
        usd = every[(every["unit"] == "USD") & every["kind"].isin(["actual", "target"])]
        assert q.usd_metrics(con, q.Filters()) == sorted(set(usd["metric"]))
        metric = usd["metric"].iloc[0]
        history = q.metric_history(con, q.Filters(), (), metric)
        assert sorted(history["figure_id"]) == sorted(usd.loc[usd["metric"] == metric, "figure_id"])
        assert len(q.metric_history(con, q.Filters(), (), metric, limit=1)) == 1


def test_one_meetings_facts_follow_the_country_filter(bundled_warehouse):
    import duckdb

    from warehouse import queries as q

    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        every = q.summit_facts(con, 6)
        country = every["participants"]["participant"].iloc[0]
        code = con.execute(
            "SELECT country_code FROM countries WHERE name_en = $n", {"n": country}
        ).fetchone()[0]
        narrowed = q.summit_facts(con, 6, q.Filters(countries=(code,)))
    assert set(narrowed["participants"]["participant"]) == {country}
    assert len(narrowed["agreements"]) == len(every["agreements"])  # documents are adopted jointly
    assert set(narrowed["figures"]["scope"]) <= {code, "C5"}


def test_the_sources_page_links_the_bundled_text_whose_page_was_found(app):
    """data/sources/MANIFEST.tsv gives the address of the one bundled text whose original page was found with
    the same text (Kapital.kz); the others have no address and show none."""
    sources = app("pages/5_Sources.py").dataframe[0].value.set_index("file_name")
    assert sources.loc["001_5b3a33e981358050.txt", "url"].startswith("https://kapital.kz/")
    assert (sources.drop(index="001_5b3a33e981358050.txt")["url"] == "").all()
    assert list(sources.columns)[:3] == [
        "source_id",
        "title",
        "url",
    ]  # the link beside the title, in view on a narrow screen
