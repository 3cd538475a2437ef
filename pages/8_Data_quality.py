"""Data quality: facts reported by one text against those confirmed by several, figures that texts give
differently, texts that gave no facts, and files that could not be read."""

import streamlit as st

from ui.data import query, require_warehouse, uncached
from ui.layout import page_setup
from ui.tables import show_table
from warehouse.queries import DISPLAY_LIMIT


def main() -> None:
    page_setup("Data quality")
    st.title("Data quality")
    if not require_warehouse():
        return
    st.subheader("Confirmed by several sources?")
    confirmation = query("confirmation")
    show_table(confirmation, "confirmation", key="quality_confirmation")
    with st.expander("Facts only one text reports"):
        single = query("single_source_facts", limit=DISPLAY_LIMIT)
        show_table(single, "single_source_facts", key="quality_single", total=int(confirmation["one_source"].sum()),
                   full_table=lambda: uncached("single_source_facts"))

    st.subheader("Conflicting figures")
    conflicts = query("conflicting_figures")
    if conflicts.empty:
        st.success("No two texts give different values for the same figure.")
    else:
        st.caption("The same meeting, economy, metric, kind and year with different values, side by side.")
        show_table(conflicts, "conflicting_figures", key="quality_conflicts")

    st.subheader("Sources that gave no facts")
    silent = query("silent_sources")
    if silent.empty:
        st.success("Every source gave at least one fact.")
    else:
        show_table(silent, "silent_sources", key="quality_silent")

    st.subheader("Rejected files")
    rejected = query("rejects")
    if rejected.empty:
        st.success("No file was rejected.")
    else:
        show_table(rejected, "rejected_files", key="quality_rejects")


main()
