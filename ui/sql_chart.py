"""A quick chart of any SQL result: the user picks x, y and a chart type."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

CHART_TYPES = ("bar", "line", "scatter")


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]


def quick_chart(frame: pd.DataFrame, x: str, y: str, kind: str) -> go.Figure:
    draw = {"bar": px.bar, "line": px.line, "scatter": px.scatter}[kind]
    fig = draw(frame, x=x, y=y, title=f"{y} by {x}")
    fig.update_layout(height=400, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return fig
