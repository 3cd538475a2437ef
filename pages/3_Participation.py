"""Participation: a country × meeting matrix of heads of state, guests and organisations."""

import streamlit as st

from ui.charts import participation_figure
from ui.data import query
from ui.layout import filtered_page
from ui.tables import show_table


def main() -> None:
    filters = filtered_page("Participation", "participation")
    if filters is None:
        return
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
