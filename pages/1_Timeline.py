"""Timeline: every meeting on a time axis with the documents adopted at each; pick one to see its facts."""

import streamlit as st

from ui.charts import meeting_label, timeline_figure
from ui.data import figure, query
from ui.layout import filtered_page
from ui.tables import brief_downloads, show_table


def main() -> None:
    filters = filtered_page("Timeline", "timeline", "Timeline of the meetings")
    if filters is None:
        return
    summits = query("summits", filters)
    if summits.empty:
        st.info("No meeting matches the filters.")
        return
    st.plotly_chart(
        figure(timeline_figure, ("summits", filters), ("documents_per_summit", filters)), key="timeline_chart"
    )
    # where the meeting is known from is said by the Status column: in the downloads only
    show_table(summits, "meetings", key="timeline_summits", hide=("origin",))

    labels = {
        int(r.summit_id): meeting_label(r.summit_id, r.city, r.held_on, "%d %b %Y", r.origin == "text")
        + (" — no texts yet" if r.source_count == 0 else "")
        for r in summits.itertuples()
    }
    chosen = st.selectbox(
        "Facts of one meeting",
        list(labels),
        format_func=labels.get,
        index=len(labels) - 1 if filters.summit_id is None else list(labels).index(filters.summit_id),
        key="timeline_summit",
    )
    meeting = summits.loc[summits["summit_id"] == chosen].iloc[0]
    brief_downloads(chosen, meeting["city"], meeting["held_on"], filters, key="timeline_brief")
    if int(meeting["source_count"]) == 0:
        st.info(
            "No text about this meeting is in the tracker yet: nothing is known of its participants, documents "
            "or figures (which is not the same as none). Add a report on the Add documents page."
        )
        return
    facts = query("summit_facts", chosen, filters)
    for name, table in facts.items():
        st.subheader(f"{name.capitalize()} ({len(table)})")
        if table.empty:
            st.caption("None recorded in the sources.")
        else:
            show_table(table, f"meeting_{chosen}_{name}", key=f"timeline_{name}")


main()
