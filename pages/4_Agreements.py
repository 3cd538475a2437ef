"""Agreements: the documents signed, approved or planned, filterable by kind, adoption and period."""

import streamlit as st

from ui.charts import agreements_figure
from ui.data import query, require_warehouse
from ui.filters import sidebar_filters
from ui.layout import page_setup
from ui.tables import show_table
from warehouse.queries import ADOPTIONS, KINDS


def main() -> None:
    page_setup('Agreements')
    st.title("Agreements")
    if not require_warehouse():
        return
    filters = sidebar_filters("agreements")
    cols = st.columns(3)
    kinds = cols[0].multiselect("Kind", KINDS, key="agreements_kinds", format_func=lambda k: k.replace("_", " "))
    adoptions = cols[1].multiselect("Adoption", ADOPTIONS, key="agreements_adoptions",
                                    format_func=lambda a: a.replace("_", " "))
    valid_in = cols[2].number_input("In force in year", min_value=2000, max_value=2100, value=None, step=1,
                                    key="agreements_valid_in", help="Documents whose period covers this year")
    table = query("agreements", filters, tuple(kinds), tuple(adoptions), int(valid_in) if valid_in else None)
    if table.empty:
        st.info("No document matches the filters.")
        return
    st.plotly_chart(agreements_figure(table), key="agreements_chart")
    show_table(table, "agreements", key="agreements_table")


main()
