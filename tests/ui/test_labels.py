"""Readable tables and charts, checked where a browser cannot read them (the grid is drawn on a canvas, and a
page's «Meeting» also matches the sidebar's filter): the column labels the tables are given, and whole-number
ticks on axes of counts."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ui.charts import agreements_figure, meeting_title, timeline_figure
from ui.tables import cite, display_frame


def _fact_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "summit_id": [6, 7],
            "held_on": pd.to_datetime(["2024-08-09", "2025-11-16"]),
            "scope_name": ["Central Asia", "Kyrgyzstan"],
            "metric": ["intra_regional_trade", "fdi_inflow"],
            "value": [11e9, 1.35e8],
            "unit": ["USD", "USD"],
            "period_year": [2024, None],
            "quote": ["…", "…"],
            "source_id": [1, 2],
            "source_title": ["Итоги встречи", "Инвестиции"],
            "source_url": ["https://akorda.kz/a", None],
        }
    )


def test_columns_are_labelled_in_words():
    _, config = display_frame(_fact_rows())
    labels = {column: c["label"] for column, c in config.items()}
    assert labels == {
        "summit_id": "Meeting",
        "held_on": "Date",
        "scope_name": "Economy",
        "metric": "Metric",
        "amount": "Amount",
        "period_year": "Year",
        "quote": "Sentence",
        "source_id": "Source",
        "source_title": "Source title",
        "source_url": "Link",
    }
    assert config["source_url"]["type_config"]["type"] == "link"  # a link opens the original


def test_a_column_with_no_label_is_written_as_words():
    _, config = display_frame(pd.DataFrame({"one_source": [1]}))
    assert config["one_source"]["label"] == "One source"


def test_a_users_own_sql_keeps_its_column_names():
    _, config = display_frame(_fact_rows(), plain=True)
    assert {c["label"] for c in config.values()} == set(_fact_rows().columns)


def test_a_page_table_carries_the_labels(app):
    """What show_table sends to the browser for the Timeline's meetings."""
    at = app("pages/1_Timeline.py")
    columns = json.loads(at.dataframe[0].proto.columns)
    labels = {name: c["label"] for name, c in columns.items() if "label" in c}
    assert labels["summit_id"] == "Meeting" and labels["held_on"] == "Date"
    assert not [label for label in labels.values() if "_" in label]  # no warehouse names on screen


def _documents(counts: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "summit_id": list(range(1, len(counts) + 1)),
            "held_on": pd.date_range("2018-03-15", periods=len(counts), freq="365D"),
            "city": ["Astana"] * len(counts),
            "adoption": ["signed"] * len(counts),
            "documents": counts,
        }
    )


def _summits(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "summit_id": list(range(1, n + 1)),
            "held_on": pd.date_range("2018-03-15", periods=n, freq="365D"),
            "city": ["Astana"] * n,
            "host_name": ["Kazakhstan"] * n,
            "chair": ["Tokayev"] * n,
            "origin": ["calendar"] * n,
            "source_count": [1] * n,
        }
    )


@pytest.mark.parametrize("counts", [[1, 2], [3], [5, 17, 40]])
def test_count_axes_tick_whole_numbers(counts):
    """«2.5 documents» is no count: the documents axes tick at whole steps and print no decimals."""
    kinds = pd.DataFrame(
        {"kind": ["roadmap"] * len(counts), "adoption": ["signed"] * len(counts), "documents": counts}
    )
    for figure in (timeline_figure(_summits(len(counts)), _documents(counts)), agreements_figure(kinds)):
        axis = figure.layout.yaxis
        assert axis.tickformat == "d"
        assert axis.dtick is not None and float(axis.dtick).is_integer() and axis.dtick >= 1


@pytest.mark.parametrize(
    ("title", "url", "file_name", "shown"),
    [
        ("Итоги встречи", "https://akorda.kz/ru/a", "a.txt", "[Итоги встречи ↗](https://akorda.kz/ru/a)"),
        ("Итоги [*встречи*]", None, "a.txt", "«Итоги \\[\\*встречи\\*\\]»"),  # a headline's brackets are text
        (None, None, "a.txt", "«a.txt»"),
        ("A", "https://x.org/a (1)", None, "[A ↗](https://x.org/a%20%281%29)"),  # the link is not cut short
    ],
)
def test_a_source_is_cited_by_its_title_and_link(title, url, file_name, shown):
    assert cite(title, url, file_name) == shown


def test_a_meeting_with_no_date_is_named_beside_the_time_axis():
    summits = _summits(3)
    summits.loc[2, ["held_on", "city", "origin", "source_count"]] = [pd.NaT, None, "text", 1]
    figure = timeline_figure(summits, _documents([1, 2, 0]).iloc[:2])
    notes = [a.text for a in figure.layout.annotations]
    assert notes == ["Not on the time axis (date unknown): 3. city unknown (not in the calendar — check)"]
    assert not timeline_figure(_summits(2), _documents([1, 2])).layout.annotations  # every meeting dated


def test_a_meeting_only_a_text_knows_is_marked_in_its_title():
    assert meeting_title(8, "Bishkek", pd.NaT, uncalendared=True) == (
        "8th meeting — Bishkek, date unknown (not in the calendar — check)"
    )
    assert (
        meeting_title(7, "Tashkent", pd.Timestamp("2025-11-16")) == "7th meeting — Tashkent, 16 November 2025"
    )


def test_hidden_columns_are_left_off_the_screen_not_the_data():
    shown, config = display_frame(_fact_rows(), hide=("source_id",))
    assert config["source_id"] is None and "source_id" in shown.columns  # st.dataframe hides a None column
    assert config["held_on"]["width"] == 90 and config["source_url"]["width"] == 62  # short columns, narrow


def test_a_code_beside_its_name_and_a_link_after_the_sentence_are_moved_out_of_the_way():
    """On screen only: «KGZ» beside «Kyrgyzstan» is hidden, and the link comes before the wide sentence."""
    rows = _fact_rows().assign(scope=["C5", "KGZ"])
    shown, config = display_frame(rows)
    assert config["scope"] is None and config["scope_name"]["label"] == "Economy"
    columns = list(shown.columns)
    assert columns.index("source_url") == columns.index("quote") - 1
    assert list(display_frame(rows, plain=True)[0].columns) == list(rows.columns)  # a user's SQL as written
