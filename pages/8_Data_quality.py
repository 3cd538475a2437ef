"""Data quality: facts reported by one text against those confirmed by several, figures that texts give
differently, texts placed at no meeting, texts that gave no facts, and files that could not be read."""

import streamlit as st

from ui.data import query, uncached
from ui.layout import filtered_page
from ui.tables import show_table
from warehouse.queries import DISPLAY_LIMIT


def main() -> None:
    filters = filtered_page("Data quality", "quality")
    if filters is None:
        return
    st.caption(
        "The sidebar filters apply to the facts below (meetings, countries, confidence); the lists of "
        "texts and files at the end are the whole tracker's."
    )
    st.subheader("Confirmed by several sources?")
    confirmation = query("confirmation", filters)
    show_table(confirmation, "confirmation", key="quality_confirmation")
    with st.expander("Facts only one text reports"):
        single = query("single_source_facts", filters, limit=DISPLAY_LIMIT)
        show_table(
            single,
            "single_source_facts",
            key="quality_single",
            total=int(confirmation["one_source"].sum()),
            full_table=lambda: uncached("single_source_facts", filters),
        )

    st.subheader("Conflicting figures")
    conflicts = query("conflicting_figures_count", filters)
    if not conflicts:
        st.success("No two texts give different values for the same figure.")
    else:
        st.caption(
            "The same meeting, economy, counterpart, metric, kind and year with different values, side by side."
        )
        show_table(
            query("conflicting_figures", filters, limit=DISPLAY_LIMIT),
            "conflicting_figures",
            key="quality_conflicts",
            total=conflicts,
            full_table=lambda: uncached("conflicting_figures", filters),
        )

    table_or_all_clear(
        "Meetings not in the calendar",
        query("uncalendared_meetings"),
        "uncalendared_meetings",
        "Every meeting is in the reference calendar.",
    )
    st.subheader("Texts not placed at any meeting")
    unplaced = query("unplaced_sources")
    if unplaced.empty:
        st.success("Every text was placed at a meeting.")
    else:
        st.caption(
            "Their facts are kept with no meeting (summit_id NULL) and shown on no other page; `evidence` says "
            "what was seen of a meeting (empty: nothing, or signs that do not agree)."
        )
        show_table(unplaced, "unplaced_sources", key="quality_unplaced")
        st.markdown("**Their facts**, to check by hand (`v_unplaced_facts`)")
        show_table(
            query("unplaced_facts", limit=DISPLAY_LIMIT),
            "unplaced_facts",
            key="quality_unplaced_facts",
            total=query("unplaced_facts_count"),
            full_table=lambda: uncached("unplaced_facts"),
        )

    table_or_all_clear(
        "Sources that gave no facts",
        query("silent_sources"),
        "silent_sources",
        "Every source gave at least one fact.",
    )
    table_or_all_clear("Rejected files", query("rejects"), "rejected_files", "No file was rejected.")


def table_or_all_clear(heading: str, table, name: str, all_clear: str) -> None:
    st.subheader(heading)
    if table.empty:
        st.success(all_clear)
    else:
        show_table(table, name, key=f"quality_{name}")


main()
