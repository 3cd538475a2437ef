"""Chart helpers: what a selection on a chart sends back, and cells shown as text."""

import math

import pytest

from ui.charts import _blank, selected_ids


@pytest.mark.parametrize(
    ("points", "ids"),
    [
        ([{"customdata": [12]}], [12]),
        ([{"customdata": {"0": 12}}], [12]),  # a typed array comes back as an object
        ([{"customdata": 12}], [12]),
        ([{"customdata": [12]}, {"x": 1}, {"customdata": []}, {"customdata": {"0": "7"}}], [12, 7]),
        ([], []),
    ],
)
def test_selected_ids(points, ids):
    assert selected_ids(points) == ids


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (math.nan, ""), ("за 2024 год", "за 2024 год"), (2024, "2024")]
)
def test_blank(value, text):
    assert _blank(value) == text


def _figures():
    import pandas as pd

    return pd.DataFrame(
        {
            "figure_id": [1, 2, 3, 4],
            "scope": ["C5", "C5", "KGZ", "C5"],
            "scope_name": ["Central Asia", "Central Asia", "Kyrgyzstan", "Central Asia"],
            "metric": ["intra_regional_trade", "intra_regional_trade", "fdi_inflow", "intra_regional_trade"],
            "kind": ["actual", "target", "actual", "actual"],
            "value": [11e9, 15e9, 0.14e9, 10.6e9],
            "unit": ["USD"] * 4,
            "period": [None, "к 2030 году", None, "в 2023 году"],
            "period_year": [None, 2030, None, 2023],
            "held_on": pd.to_datetime(["2024-08-09", "2024-08-09", "2024-08-09", "2024-08-09"]),
            "quote": ["…"] * 4,
        }
    )


def test_each_money_metric_has_an_axis_of_its_own():
    from ui.charts import trade_figure

    figure = trade_figure(_figures())
    axes = {trace.yaxis for trace in figure.data}
    assert axes == {"y", "y2"}  # trade in billions and FDI in millions do not share a scale
    assert sum(trace.showlegend is not False for trace in figure.data) == 2  # one legend entry per kind


def test_a_metric_over_the_years():
    from ui.charts import history_figure

    figure = history_figure(_figures(), "intra_regional_trade")
    reached = next(t for t in figure.data if t.name == "Central Asia · reached")
    assert list(reached.x) == [2023, 2024] and list(reached.y) == [
        10.6,
        11.0,
    ]  # the year stated, else the meeting's
    assert next(t for t in figure.data if t.name == "Central Asia · target").x[0] == 2030


def test_missing_dates_and_numbers_are_blank_on_screen():
    import pandas as pd

    from ui.tables import display_frame

    frame = pd.DataFrame(
        {
            "published_on": pd.to_datetime(["2025-11-16", None]),
            "agreement_count": [3, None],
            "publisher": ["Sputnik", None],
            "value": [1.35e8, None],
            "unit": ["USD", "USD"],
        }
    )
    shown, _ = display_frame(frame)
    assert list(shown["published_on"]) == ["16 Nov 2025", ""] and list(shown["agreement_count"]) == ["3", ""]
    assert list(shown["publisher"]) == ["Sputnik", ""] and list(shown["amount"]) == ["US$ 135 M", ""]
