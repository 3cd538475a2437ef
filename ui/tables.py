"""Tables with downloads: CSV (with a byte-order mark, so Excel reads Cyrillic), Excel and Parquet of the
filtered table. A table too long to show whole shows its first rows, and its downloads are built from the full
filtered query when clicked. On screen, columns have labels in words, money reads «US$ 135 M», links open the
original and missing values are blank; the downloads keep the warehouse's column names and raw values."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote as url_quote

import pandas as pd
import streamlit as st

from ui.data import brief_file
from warehouse import brief
from warehouse.export import frame_bytes
from warehouse.queries import Filters

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
# Column labels on screen; a column not named here shows its name with spaces.
LABELS = {
    "summit_id": "Meeting",
    "held_on": "Date",
    "city": "City",
    "host_country": "Host code",
    "host_name": "Host",
    "chair": "Chair",
    "origin": "Known from",
    "source_count": "Sources",
    "participant_count": "Participants",
    "agreement_count": "Documents",
    "figure_count": "Figures",
    "country_code": "Country",
    "country_name": "Country",
    "organization": "Organisation",
    "person": "Person",
    "role": "Role",
    "is_chair": "Chair",
    "is_host": "Host",
    "participant": "Participant",
    "kind": "Kind",
    "adoption": "Adoption",
    "title": "Title",
    "title_ru": "Title (ru)",
    "title_en": "Title (en)",
    "title_kk": "Title (kk)",
    "period_from": "From",
    "period_to": "To",
    "scope": "Economy",
    "scope_name": "Economy",
    "counterpart": "With",
    "metric": "Metric",
    "amount": "Amount",
    "period": "Period as written",
    "period_year": "Year",
    "deadline_year": "Deadline",
    "confidence": "Confidence",
    "rule": "Rule",
    "quote": "Sentence",
    "source_id": "Source",
    "source_title": "Source title",
    "source_url": "Link",
    "url": "Link",
    "file_name": "File",
    "language": "Language",
    "publisher": "Publisher",
    "published_on": "Published",
    "figure_id": "Figure",
    "agreement_id": "Document",
    "participant_id": "Participant",
    "participant_facts": "Participants",
    "agreement_facts": "Documents",
    "figure_facts": "Figures",
    "documents": "Documents",
    "facts": "Facts",
    "reason": "Reason",
    "detail": "Detail",
    "already_known": "Already known",
    "evidence": "Evidence seen",
    "value": "Value",
    "unit": "Unit",
    "uncalendared": "Not in the calendar",
    "status": "Status",
}
LINK_COLUMNS = ("url", "source_url")
WIDE_COLUMNS = ("quote", "title", "title_ru", "title_en", "title_kk", "source_title", "evidence", "detail")
# Widths (pixels) of the short columns, so that a page's tables fit the main area beside the sidebar (about
# 940 px in a 1,400 px window) instead of scrolling sideways: numbers, dates, codes and links need little room.
NARROW_COLUMNS = {
    "summit_id": 66,
    "source_id": 62,
    "held_on": 90,
    "published_on": 92,
    "language": 80,
    "url": 62,
    "source_url": 62,
    "source_count": 62,
    "participant_count": 92,
    "agreement_count": 86,
    "figure_count": 62,
    "participant_facts": 96,
    "agreement_facts": 90,
    "figure_facts": 66,
    "period_year": 60,
    "period_from": 60,
    "period_to": 60,
    "deadline_year": 70,
    "confidence": 90,
    "publisher": 110,
}
# A code column whose value a column beside it says in words: on screen only the words (the downloads keep both).
SAID_IN_WORDS = {"host_country": "host_name", "scope": "scope_name", "country_code": "country_name"}
# A text's title beside its facts: wide enough to know it by, narrow enough to leave its link in view.
TITLE_WIDTH = 270


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table as a downloadable file (warehouse/export.py)."""
    return frame_bytes(df, fmt)


def format_amount(value, unit) -> str:
    """«US$ 11.0 bn», «US$ 135 M», «14 %»; blank when missing."""
    if value is None or pd.isna(value):
        return ""
    if unit == "percent":
        return f"{value:g} %"
    for scale, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"US$ {value / scale:,.{1 if scale == 1e9 else 0}f} {suffix}"
    return f"US$ {value:,.0f}"


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def cite(title, url, file_name: str | None = None) -> str:
    """A source as Markdown a reader can cite: «[Title ↗](url)», or «Title» when no link is known (the file
    name when the text has no title either). The title is escaped: a headline's «[» or «*» is its text."""
    name = title if isinstance(title, str) and title.strip() else (file_name or "untitled source")
    shown = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(name.split()))
    if not isinstance(url, str) or not url.strip():
        return f"«{shown}»"
    # a bracket or space would end the Markdown link early; the address keeps its meaning quoted
    return f"[{shown} ↗]({url_quote(url.strip(), safe=':/?#&=%+@,;~')})"


def quoted(quote: str, title, url, file_name: str | None = None) -> str:
    """A fact's sentence as a caption, with its source to cite: «…» — [Title ↗](url)."""
    return f"«{' '.join(quote.split())}» — {cite(title, url, file_name)}"


def display_frame(
    df: pd.DataFrame, plain: bool = False, hide: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, dict]:
    """The table as shown: money as an amount, blanks for missing text; and its column configuration. `plain`
    (a user's own SQL) keeps the columns as the query named them; `hide` names columns left off the screen
    (their value is said by another column) that the downloads still hold."""
    shown = df.copy()
    if not plain:
        hide = (
            *hide,
            *(code for code, words in SAID_IN_WORDS.items() if {code, words} <= set(shown.columns)),
        )
        shown = _link_before_sentence(shown)
    if not plain and {"value", "unit"} <= set(shown.columns):
        shown.insert(
            list(shown.columns).index("value"),
            "amount",
            [format_amount(v, u) for v, u in zip(shown["value"], shown["unit"], strict=True)],
        )
        shown = shown.drop(columns=["value", "unit"])
    for column in shown.columns:
        series = shown[column]
        if pd.api.types.is_datetime64_any_dtype(series) and series.isna().any():
            shown[column] = [
                "" if pd.isna(v) else f"{v.day} {v:%b %Y}" for v in series
            ]  # a missing date is blank
        elif (
            pd.api.types.is_numeric_dtype(series)
            and not pd.api.types.is_bool_dtype(series)
            and series.isna().any()
        ):
            # a missing number is blank on screen, not «None» (Streamlit has no setting for it)
            shown[column] = [
                ("" if pd.isna(v) else f"{int(v)}" if float(v).is_integer() else f"{v:g}") for v in series
            ]
    config: dict = {}
    for column in shown.columns:
        config[column] = None if column in hide else _column_config(column, shown[column], plain)
        series = shown[column]
        if isinstance(series.dtype, pd.StringDtype):
            shown[column] = series.fillna("")  # stays Arrow-backed: no copy into Python objects on every run
        elif pd.api.types.is_object_dtype(series):
            shown[column] = series.where(series.notna(), "")
    return shown, config


def _link_before_sentence(shown: pd.DataFrame) -> pd.DataFrame:
    """The source's link just before the sentence: a sentence column is wide, and a link after it is off-screen
    on a narrow window (the downloads keep the warehouse's order)."""
    columns = list(shown.columns)
    if "source_url" not in columns or "quote" not in columns:
        return shown
    columns.remove("source_url")
    columns.insert(columns.index("quote"), "source_url")
    return shown[columns]


def _column_config(column: str, series: pd.Series, plain: bool):
    """One column's label in words, its kind (link, date, whole number, long text) and, if short, its width."""
    label = column if plain else LABELS.get(column, column.replace("_", " ").capitalize())
    width = None if plain else NARROW_COLUMNS.get(column)
    if column in LINK_COLUMNS:
        return st.column_config.LinkColumn(label, display_text="open ↗", width=width)
    if pd.api.types.is_datetime64_any_dtype(series):
        return st.column_config.DateColumn(label, format="D MMM YYYY", width=width)
    if pd.api.types.is_numeric_dtype(series) and (
        column.endswith("_id") or column in ("period_year", "period_from", "period_to", "deadline_year")
    ):
        return st.column_config.NumberColumn(label, format="%d", width=width)
    if column == "title" and not plain:
        return st.column_config.TextColumn(label, width=TITLE_WIDTH)
    if column in WIDE_COLUMNS:
        return st.column_config.TextColumn(label, width="large")
    # a count with blanks (unknown) is shown as text, so it would sit to the left: numbers line up on the right
    alignment = "right" if column.endswith(("_count", "_facts")) else None
    return st.column_config.Column(label, width=width, alignment=alignment)


def show_table(
    df: pd.DataFrame,
    name: str,
    key: str,
    total: int | None = None,
    full_table: Callable[[], pd.DataFrame] | None = None,
    plain: bool = False,
    hide: tuple[str, ...] = (),
) -> None:
    """Show `df` with CSV, Excel and Parquet downloads, each built when the user clicks. When `total` says the
    filtered table is longer than `df`, the downloads come from `full_table()`. `hide`: columns in the
    downloads only."""
    shown, config = display_frame(df, plain, hide)
    st.dataframe(shown, key=f"{key}_table", hide_index=True, column_config=config, width="stretch")
    partial = total is not None and total > len(df) and full_table is not None
    if partial:
        st.caption(f"Showing the first {len(df):,} of {total:,} rows; the downloads hold all {total:,}.")
    columns = st.columns([1, 1, 1, 5])
    for column, fmt in zip(columns, FORMATS, strict=False):
        # Built when clicked, never on every run: writing three files of every table each time a page shows
        # was a quarter of the server's time under load (and it serves every session on one core).
        data = (
            (lambda fmt=fmt: table_bytes(full_table(), fmt))
            if partial
            else (lambda fmt=fmt: table_bytes(df, fmt))
        )
        column.download_button(
            f"{fmt.upper()}",
            data=data,
            file_name=f"{name}.{fmt}",
            mime=FORMATS[fmt],
            key=f"{key}_download_{fmt}",
            help=f"Download these {total if partial else len(df):,} rows as {fmt.upper()}",
            on_click="ignore",
        )


BRIEF_LABELS = {"md": "Markdown", "docx": "Word", "pdf": "PDF"}


def brief_downloads(summit_id: int, city: str | None, held_on, filters: Filters, key: str) -> None:
    """Download buttons for one meeting's brief (Markdown, Word, PDF) that honour the filters' countries and
    confidence; each file is built when its button is clicked."""
    day = None if held_on is None or pd.isna(held_on) else pd.Timestamp(held_on).date()
    place = city if isinstance(city, str) else None
    narrowed = (
        " (the sidebar's countries and confidence apply)" if filters.countries or filters.confidence else ""
    )
    st.caption(
        f"A brief of this meeting — every fact with its sentence and source, and what is not known{narrowed}:"
    )
    row = st.container(horizontal=True, key=f"{key}_row")  # buttons as wide as their labels, side by side
    for fmt in brief.FORMATS:
        row.download_button(
            f"Brief · {BRIEF_LABELS[fmt]}",
            data=lambda fmt=fmt: brief_file(summit_id, filters, fmt),
            file_name=brief.file_name(summit_id, place, day, fmt, filters.countries),
            mime=brief.FORMATS[fmt],
            key=f"{key}_{fmt}",
            help=f"Download the brief of meeting {summit_id} as {BRIEF_LABELS[fmt]}",
            on_click="ignore",
            icon=":material/download:",
        )
