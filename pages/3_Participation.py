"""Participation: a country × meeting matrix of heads of state, guests and organisations."""

import streamlit as st

from ui.charts import participation_figure
from ui.data import figure, query
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
    st.plotly_chart(
        figure(participation_figure, ("participation", filters), ("hosts", filters)),
        key="participation_chart",
    )
    st.subheader("Chair rotation")
    show_table(hosts, "hosts", key="participation_hosts")
    st.subheader("Participants")
    show_table(rows, "participants", key="participation_rows")


main()
