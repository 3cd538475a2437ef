"""Agreements: the documents signed, approved or planned, filterable by kind, adoption and period."""

import streamlit as st

from ui.charts import agreements_figure
from ui.data import figure, query, uncached
from ui.layout import filtered_page
from ui.tables import show_table
from warehouse.queries import ADOPTIONS, DISPLAY_LIMIT, KINDS


def main() -> None:
    filters = filtered_page("Agreements", "agreements")
    if filters is None:
        return
    cols = st.columns(3)
    kinds = cols[0].multiselect(
        "Kind", KINDS, key="agreements_kinds", format_func=lambda k: k.replace("_", " ")
    )
    adoptions = cols[1].multiselect(
        "Adoption", ADOPTIONS, key="agreements_adoptions", format_func=lambda a: a.replace("_", " ")
    )
    valid_in = cols[2].number_input(
        "In force in year",
        min_value=2000,
        max_value=2100,
        value=None,
        step=1,
        key="agreements_valid_in",
        help="Documents whose period covers this year",
    )
    chosen = (filters, tuple(kinds), tuple(adoptions), int(valid_in) if valid_in else None)
    total = query("agreements_count", *chosen)
    if not total:
        st.info("No document matches the filters.")
        return
    st.plotly_chart(figure(agreements_figure, ("agreement_counts", *chosen)), key="agreements_chart")
    show_table(
        query("agreements", *chosen, limit=DISPLAY_LIMIT),
        "agreements",
        key="agreements_table",
        total=total,
        full_table=lambda: uncached("agreements", *chosen),
    )


main()
