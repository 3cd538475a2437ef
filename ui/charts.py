"""Plotly figures for the pages: plain functions from DataFrames to figures, testable without Streamlit."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

ADOPTION_COLORS = {
    "signed": "#1f77b4",
    "approved": "#2ca02c",
    "signed_by_delegations": "#9467bd",
    "planned": "#ff7f0e",
}
KIND_COLORS = {"actual": "#1f77b4", "target": "#d62728", "change": "#2ca02c"}
BAR_WIDTH_MS = 120 * 24 * 3600 * 1000  # bars on a date axis are as wide as ~4 months
ROLE_LEVELS = {None: 0, "guest": 1, "head_of_state": 2}
ROLE_COLORS = {None: "#eeeeee", "guest": "#ffbb78", "head_of_state": "#1f77b4"}
LAYOUT = {
    "margin": {"l": 40, "r": 20, "t": 60, "b": 40},
    "height": 420,
    "legend": {"orientation": "h", "y": -0.2},
}


def _wrap(text: str, width: int = 80, limit: int = 400) -> str:
    text = " ".join(str(text).split())[:limit]
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line += word + " "
    return "<br>".join(lines + [line])


def _count_axis(fig: go.Figure, top: float) -> None:
    """A y axis of counts: whole numbers only (no «2.5 documents»)."""
    step = max(1, math.ceil(top / 8))
    fig.update_yaxes(tick0=0, dtick=step, tickformat="d", rangemode="tozero")


UNCALENDARED = "not in the calendar — check"
NO_TEXTS = "no texts yet"


def meeting_label(summit_id, city, held_on, date_format: str = "%Y", uncalendared: bool = False) -> str:
    """«6. Astana 2024»; a meeting known only from a text may lack its city or date, and is marked."""
    when = held_on.strftime(date_format) if held_on is not None and not pd.isna(held_on) else "date unknown"
    mark = f" ({UNCALENDARED})" if _flag(uncalendared) else ""
    return f"{summit_id}. {city if isinstance(city, str) else 'city unknown'} {when}{mark}"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def meeting_title(summit_id, city, held_on, uncalendared: bool = False) -> str:
    """«7th meeting — Tashkent, 16 November 2025»; a meeting only a text knows of is marked for checking
    («8th meeting — Bishkek, date unknown (not in the calendar — check)»)."""
    when = (
        f"{held_on.day} {held_on:%B %Y}" if held_on is not None and not pd.isna(held_on) else "date unknown"
    )
    mark = f" ({UNCALENDARED})" if _flag(uncalendared) else ""
    return f"{ordinal(int(summit_id))} meeting — {city if isinstance(city, str) else 'city unknown'}, {when}{mark}"


def _blank(value) -> str:
    """A cell as text, empty where it is missing (never «None» or «nan»)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def selected_ids(points: list[dict]) -> list[int]:
    """The ids (first customdata value) of the points selected on a chart. Plotly sends arrays to the browser
    as typed arrays, and a point's customdata may come back as a list, as {"0": id} or as the bare id."""
    ids = []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, dict):
            data = data.get("0", next(iter(data.values()), None))
        elif isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if data is not None:
            try:
                ids.append(int(data))
            except (TypeError, ValueError):
                continue
    return ids


def _flag(value) -> bool:
    """A boolean cell that may be missing (an organisation has no host flag)."""
    return False if pd.isna(value) else bool(value)


def timeline_figure(summits: pd.DataFrame, documents: pd.DataFrame, height: int | None = None) -> go.Figure:
    """Meetings on a time axis, with the documents adopted at each stacked by adoption."""
    fig = go.Figure()
    for adoption, color in ADOPTION_COLORS.items():
        part = documents[documents["adoption"] == adoption]
        if part.empty:
            continue
        fig.add_bar(
            x=part["held_on"],
            y=part["documents"],
            name=adoption.replace("_", " "),
            marker_color=color,
            width=BAR_WIDTH_MS,
            customdata=part[["summit_id", "city"]],
            hovertemplate="Meeting %{customdata[0]} (%{customdata[1]})<br>%{y} documents "
            + adoption
            + "<extra></extra>",
        )
    totals = documents.groupby("summit_id")["documents"].sum()
    reported = summits["source_count"] > 0
    # Meetings some text reports: filled markers at their documents; meetings no text reports yet: hollow
    # markers on the axis, said in words, never «0 documents».
    for part, name, symbol in (
        (summits[reported], "meeting reported", "diamond"),
        (summits[~reported], f"meeting ({NO_TEXTS})", "diamond-open"),
    ):
        if part.empty:
            continue
        notes = [_meeting_note(r) for r in part.itertuples()]
        fig.add_scatter(
            x=part["held_on"],
            y=[totals.get(s, 0) for s in part["summit_id"]],
            mode="markers+text",
            name=name,
            text=[
                f"{r.summit_id}. {_blank(r.city)}" + (f"<br><i>{n}</i>" if n else "")
                for r, n in zip(part.itertuples(), notes, strict=True)
            ],
            textposition="top center",
            marker={"size": 14, "symbol": symbol, "color": "#444", "line": {"width": 2}},
            customdata=[
                [r.summit_id, _blank(r.city), _blank(r.host_name), _blank(r.chair), n or ""]
                for r, n in zip(part.itertuples(), notes, strict=True)
            ],
            hovertemplate="Meeting %{customdata[0]}: %{customdata[1]}, %{x|%d %b %Y}<br>host %{customdata[2]}"
            "<br>chair %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
        )
    undated = undated_meetings(summits)
    if undated:
        # a meeting no source dates has no place on a time axis: named above the chart rather than dropped
        fig.add_annotation(
            text="Not on the time axis (date unknown): " + "; ".join(undated),
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 12, "color": "#444"},
        )
    fig.update_layout(
        title="Consultative Meetings and the documents adopted at each",
        barmode="stack",
        yaxis_title="Documents",
        **{**LAYOUT, "height": height or LAYOUT["height"]},
    )
    top = max(totals.max() if not totals.empty else 0, 1)
    _count_axis(fig, top)
    fig.update_yaxes(range=[0, top * 1.3 + 1])  # room above the tallest bar for the meeting's label
    return fig


def undated_meetings(summits: pd.DataFrame) -> list[str]:
    """The meetings no source dates, as «9. Kyzylorda (no texts yet; not in the calendar — check)»."""
    rows = summits[summits["held_on"].isna()]
    return [
        f"{r.summit_id}. {_blank(r.city) or 'city unknown'}"
        + (f" ({note})" if (note := _meeting_note(r)) else "")
        for r in rows.itertuples()
    ]


def _meeting_note(row) -> str:
    notes = [NO_TEXTS] if row.source_count == 0 else []
    if getattr(row, "origin", None) == "text":
        notes.append(UNCALENDARED)
    return "; ".join(notes)


def trade_figure(figures: pd.DataFrame) -> go.Figure:
    """Values reached against targets (US$ billion), one panel per metric with an axis of its own (FDI of
    $0.14 bn would vanish beside trade of $11 bn on one axis); in each, the economies side by side."""
    usd = figures[(figures["unit"] == "USD") & figures["kind"].isin(["actual", "target"])].copy()
    usd["economy"] = usd["scope_name"].fillna(usd["scope"])
    metrics = list(dict.fromkeys(usd["metric"]))
    fig = make_subplots(
        rows=1,
        cols=max(1, len(metrics)),
        subplot_titles=[m.replace("_", " ") for m in metrics],
        horizontal_spacing=0.06,
    )
    for column, metric in enumerate(metrics, start=1):
        for kind in ("actual", "target"):
            part = usd[(usd["metric"] == metric) & (usd["kind"] == kind)]
            if part.empty:
                continue
            fig.add_bar(
                x=part["economy"],
                y=part["value"] / 1e9,
                name="reached" if kind == "actual" else "target",
                legendgroup=kind,
                showlegend=column == 1 or kind not in {t.legendgroup for t in fig.data},
                marker_color=KIND_COLORS[kind],
                customdata=[[int(i)] for i in part["figure_id"]],
                text=[f"{v / 1e9:.2f}" for v in part["value"]],
                textposition="outside",
                hovertext=[
                    f"{_blank(p)}<br>{_wrap(qt)}" for p, qt in zip(part["period"], part["quote"], strict=True)
                ],
                hovertemplate="%{x}<br>US$ %{y:.2f} bn<br>%{hovertext}<extra></extra>",
                row=1,
                col=column,
            )
    fig.update_layout(
        title="Trade and investment: reached vs. target (US$ billion; each metric on its own scale)",
        barmode="group",
        **LAYOUT,
    )
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title_text="US$ billion", row=1, col=1)
    return fig


def history_figure(figures: pd.DataFrame, metric: str) -> go.Figure:
    """Every value of one metric the reports give, by the year it is for (or the year of the meeting when the
    text names none): values reached and targets of each economy, each point with its sentence."""
    rows = figures[
        (figures["metric"] == metric)
        & (figures["unit"] == "USD")
        & figures["kind"].isin(["actual", "target"])
    ]
    rows = rows.assign(year=rows["period_year"].fillna(pd.to_datetime(rows["held_on"]).dt.year))
    rows = rows.dropna(subset=["year"]).sort_values("year")
    fig = go.Figure()
    for (economy, kind), part in rows.groupby([rows["scope_name"].fillna(rows["scope"]), "kind"], sort=False):
        fig.add_scatter(
            x=part["year"].astype(int),
            y=part["value"] / 1e9,
            mode="lines+markers" if kind == "actual" else "markers",
            name=f"{economy} · {'reached' if kind == 'actual' else 'target'}",
            marker={"symbol": "circle" if kind == "actual" else "star", "size": 10},
            hovertext=[_wrap(q) for q in part["quote"]],
            hovertemplate="%{x}: US$ %{y:.2f} bn<br>%{hovertext}<extra></extra>",
        )
    fig.update_layout(
        title=f"{metric.replace('_', ' ').capitalize()} over the years, as reports give it (US$ billion)",
        xaxis_title="Year the figure is for (or of the meeting)",
        yaxis_title="US$ billion",
        **LAYOUT,
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    return fig


def growth_figure(figures: pd.DataFrame) -> go.Figure:
    """Growth figures (percent) per economy and metric."""
    pct = figures[figures["unit"] == "percent"].copy()
    pct["label"] = (
        pct["scope_name"].fillna(pct["scope"])
        + " · "
        + pct["metric"].str.replace("_", " ")
        + " · "
        + pct["period"].fillna("period not stated")
    )
    fig = go.Figure(
        go.Bar(
            x=pct["value"],
            y=pct["label"],
            orientation="h",
            marker_color=KIND_COLORS["change"],
            customdata=[[int(i)] for i in pct["figure_id"]],
            text=[f"{v:g} %" for v in pct["value"]],
            textposition="outside",
            hovertext=[_wrap(qt) for qt in pct["quote"]],
            hovertemplate="%{y}<br>%{x} %<br>%{hovertext}<extra></extra>",
        )
    )
    fig.update_layout(title="Growth figures (percent)", xaxis_title="Change, %", yaxis_title="", **LAYOUT)
    return fig


def participation_figure(rows: pd.DataFrame, hosts: pd.DataFrame) -> go.Figure:
    """Country × meeting matrix: head of state, guest or absent; hosts and chairs marked. Meetings with no
    participant in `rows` are left out."""
    hosts = hosts[hosts["summit_id"].isin(rows["summit_id"])]
    columns = [
        meeting_label(r.summit_id, r.city, r.held_on, uncalendared=getattr(r, "uncalendared", False))
        for r in hosts.itertuples()
    ]
    by_summit = dict(zip(hosts["summit_id"], columns, strict=True))
    participants = sorted(rows["participant"].dropna().unique())
    cells = {(r.participant, r.summit_id): r for r in rows.itertuples()}
    z, text, hover = [], [], []
    for who in participants:
        z_row, t_row, h_row = [], [], []
        for summit_id in hosts["summit_id"]:
            cell = cells.get((who, summit_id))
            marks = [
                mark
                for mark, on in (
                    ("host", cell is not None and _flag(cell.is_host)),
                    ("chair", cell is not None and _flag(cell.is_chair)),
                )
                if on
            ]
            role = cell.role if cell is not None else None
            z_row.append(ROLE_LEVELS[role])
            t_row.append(" ".join(marks))
            person = (cell.person or "") if cell is not None else ""
            h_row.append(
                f"{who} at {by_summit[summit_id]}<br>{(role or 'no record').replace('_', ' ')} {person}"
                f"<br>{' · '.join(marks)}"
            )
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=participants,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            zmin=0,
            zmax=2,
            xgap=3,
            ygap=3,
            colorscale=[
                [0, ROLE_COLORS[None]],
                [0.33, ROLE_COLORS[None]],
                [0.34, ROLE_COLORS["guest"]],
                [0.66, ROLE_COLORS["guest"]],
                [0.67, ROLE_COLORS["head_of_state"]],
                [1, ROLE_COLORS["head_of_state"]],
            ],
            showscale=False,
        )
    )
    # A legend of the three roles (a colour bar would suggest a scale between them).
    for role, name in (("head_of_state", "head of state"), ("guest", "guest"), (None, "no record")):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            showlegend=True,
            hoverinfo="skip",
            marker={
                "symbol": "square",
                "size": 14,
                "color": ROLE_COLORS[role],
                "line": {"width": 1, "color": "#999"},
            },
        )
    fig.update_layout(
        title="Who took part in which meeting",
        xaxis_title="Meeting",
        yaxis_title="Participant",
        **{**LAYOUT, "height": max(320, 60 + 40 * len(participants))},
    )
    return fig


def agreements_figure(counts: pd.DataFrame) -> go.Figure:
    """Documents per kind (`counts`: kind, adoption, documents), stacked by adoption."""
    fig = go.Figure()
    for adoption, color in ADOPTION_COLORS.items():
        part = counts[counts["adoption"] == adoption]
        if not part.empty:
            fig.add_bar(
                x=part["kind"].str.replace("_", " "),
                y=part["documents"],
                name=adoption.replace("_", " "),
                marker_color=color,
                hovertemplate="%{x}: %{y} " + adoption + "<extra></extra>",
            )
    fig.update_layout(
        title="Documents by kind and adoption",
        barmode="stack",
        xaxis_title="Kind of document",
        yaxis_title="Documents",
        **LAYOUT,
    )
    _count_axis(fig, counts.groupby("kind")["documents"].sum().max() if not counts.empty else 1)
    return fig
