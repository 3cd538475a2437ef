"""Participation: a country × meeting matrix of heads of state, guests and organisations."""

import streamlit as st

from ui.charts import participation_figure
from ui.data import query, require_warehouse
from ui.filters import sidebar_filters
from ui.layout import page_setup
from ui.tables import show_table


def main() -> None:
    page_setup('Participation')
    st.title("Participation")
    if not require_warehouse():
        return
    filters = sidebar_filters("participation")
    rows = query("participation", filters)
    hosts = query("hosts", filters)
    if rows.empty or hosts.empty:
        st.info("No participant recorded for the meetings that match the filters.")
        return
    covered = hosts[hosts["summit_id"].isin(rows["summit_id"])]
    st.plotly_chart(participation_figure(rows, covered), key="participation_chart")
    st.subheader("Chair rotation")
    show_table(hosts, "hosts", key="participation_hosts")
    st.subheader("Participants")
    show_table(rows, "participants", key="participation_rows")


main()
