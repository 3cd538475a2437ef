"""Sidebar filters shared by every page, kept in the URL (`?year_from=2021&country=KAZ&summit=6&confidence=high`)
so a filtered view can be shared and survives a reload."""

from __future__ import annotations

import streamlit as st

from ui.charts import meeting_label
from ui.data import query
from warehouse.queries import CONFIDENCES, Filters

PARAM_KEYS = {
    "year_from": "filter_year_from",
    "year_to": "filter_year_to",
    "country": "filter_countries",
    "summit": "filter_summit",
    "confidence": "filter_confidence",
}
# Each page's filter widgets get their own keys (`filter_countries@timeline`): a widget's state does not
# survive a page switch, so the values travel in STORE and seed the next page's widgets.


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


STORE = "_filters"  # a plain session key: it outlives page switches, widget keys do not


def _from_url(years: tuple[int, int], countries: list[str], summit_ids: list[int]) -> dict:
    """The filters the URL asks for (values that make no sense are dropped)."""
    params = st.query_params
    low, high = years
    year_from = _int_or_none(params.get("year_from"))
    year_to = _int_or_none(params.get("year_to"))
    summit = _int_or_none(params.get("summit"))
    return {
        PARAM_KEYS["year_from"]: max(low, min(high, year_from)) if year_from else low,
        PARAM_KEYS["year_to"]: max(low, min(high, year_to)) if year_to else high,
        PARAM_KEYS["country"]: [c for c in params.get_all("country") if c in countries],
        PARAM_KEYS["summit"]: summit if summit in summit_ids else None,
        PARAM_KEYS["confidence"]: [c for c in CONFIDENCES if c in params.get_all("confidence")],
    }


WRITTEN = "_filters_url"  # the filter part of the address as this session last wrote it


def _url_signature() -> tuple:
    return tuple((key, tuple(st.query_params.get_all(key))) for key in PARAM_KEYS if key in st.query_params)


def _restore_widgets(page: str, years: tuple[int, int], countries: list[str], summit_ids: list[int]) -> None:
    """The URL sets the filters on a session's first run, and whenever it holds filters this session did not
    write (the browser's Back and Forward buttons, a pasted link); otherwise they follow the user from page to
    page (a page link carries no filters in its address)."""
    signature = _url_signature()
    from_outside = bool(signature) and signature != st.session_state.get(WRITTEN)
    if STORE not in st.session_state or from_outside:
        st.session_state[STORE] = _from_url(years, countries, summit_ids)
    for key, value in st.session_state[STORE].items():
        if widget_key(key, page) not in st.session_state or from_outside:
            st.session_state[widget_key(key, page)] = value


def widget_key(name: str, page: str) -> str:
    return f"{name}@{page}"


def _write_url(f: Filters, years: tuple[int, int]) -> None:
    wanted: dict[str, str | list[str]] = {}
    if f.year_from is not None and f.year_from != years[0]:
        wanted["year_from"] = str(f.year_from)
    if f.year_to is not None and f.year_to != years[1]:
        wanted["year_to"] = str(f.year_to)
    if f.countries:
        wanted["country"] = list(f.countries)
    if f.summit_id is not None:
        wanted["summit"] = str(f.summit_id)
    if f.confidence:
        wanted["confidence"] = list(f.confidence)
    for key in PARAM_KEYS:
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        current = st.query_params.get_all(key)
        if current != (value if isinstance(value, list) else [value]):
            st.query_params[key] = value
    st.session_state[WRITTEN] = _url_signature()


def sidebar_filters(page: str) -> Filters:
    """Draw the shared filters on `page` and return them; the URL follows every change."""
    options = query("filter_options")
    low, high = (int(y) for y in options["years"])
    countries = options["countries"]
    names = dict(zip(countries["country_code"], countries["name_en"], strict=True))
    summits = options["summits"]
    labels = {
        int(r.summit_id): meeting_label(r.summit_id, r.city, r.held_on, uncalendared=r.uncalendared)
        for r in summits.itertuples()
    }
    _restore_widgets(page, (low, high), list(names), list(labels))
    keys = {name: widget_key(key, page) for name, key in PARAM_KEYS.items()}
    with st.sidebar:
        st.header("Filters")
        col_from, col_to = st.columns(2)
        year_from = col_from.number_input("From year", low, high, step=1, key=keys["year_from"])
        year_to = col_to.number_input("To year", low, high, step=1, key=keys["year_to"])
        chosen = st.multiselect(
            "Countries",
            list(names),
            format_func=names.get,
            key=keys["country"],
            help="Keeps these countries (and Central Asia as a whole, for figures).",
        )
        summit = st.selectbox(
            "Meeting",
            list(labels),
            format_func=labels.get,
            index=None,
            placeholder="All meetings",
            key=keys["summit"],
        )
        confidence = st.multiselect(
            "Confidence",
            CONFIDENCES,
            key=keys["confidence"],
            placeholder="Any",
            help="high: from a list or a named person; medium: from a running sentence or "
            "an office; low: a figure whose metric is the sentence before's.",
        )
        st.caption("The filters are in the page address: copy it to share this view.")
    st.session_state[STORE] = {
        PARAM_KEYS["year_from"]: year_from,
        PARAM_KEYS["year_to"]: year_to,
        PARAM_KEYS["country"]: list(chosen),
        PARAM_KEYS["summit"]: summit,
        PARAM_KEYS["confidence"]: list(confidence),
    }
    f = Filters(
        int(min(year_from, year_to)),
        int(max(year_from, year_to)),
        tuple(chosen),
        summit,
        tuple(c for c in CONFIDENCES if c in confidence),
    )
    _write_url(f, (low, high))
    return f
