"""Chart helpers: what a selection on a chart sends back, and cells shown as text."""

import math

import pytest

from ui.charts import _blank, selected_ids


@pytest.mark.parametrize(("points", "ids"), [
    ([{"customdata": [12]}], [12]),
    ([{"customdata": {"0": 12}}], [12]),  # a typed array comes back as an object
    ([{"customdata": 12}], [12]),
    ([{"customdata": [12]}, {"x": 1}, {"customdata": []}, {"customdata": {"0": "7"}}], [12, 7]),
    ([], []),
])
def test_selected_ids(points, ids):
    assert selected_ids(points) == ids


@pytest.mark.parametrize(("value", "text"), [(None, ""), (math.nan, ""), ("за 2024 год", "за 2024 год"), (2024, "2024")])
def test_blank(value, text):
    assert _blank(value) == text
