"""Central Asia Summit Tracker — the dashboard's entry point and Home page: `streamlit run dashboard.py`.

What the tracker holds, the latest meeting, and the headline trade figure against its target. The other
pages are in `pages/` (Streamlit's multipage folder).
"""

import pandas as pd
import streamlit as st

from ui.charts import meeting_title, timeline_figure
from ui.data import figure, query, require_warehouse
from ui.filters import sidebar_filters
from ui.layout import APP_TITLE, page_setup
from ui.tables import quoted
from warehouse.queries import Filters


def main() -> None:
    page_setup("Home")
    st.title(APP_TITLE)
    st.caption(
        "Consultative Meetings of the Heads of State of Central Asia — facts taken from press releases "
        "and joint statements, each with the sentence it came from."
    )
    if not require_warehouse():
        return
    sidebar_filters("home")
    counts = query("overview_counts")
    cols = st.columns(5)
    cols[0].metric("Meetings covered", f"{counts['meetings_covered']} of {counts['meetings']}")
    cols[1].metric("Countries", counts["countries"])
    cols[2].metric("Documents", counts["documents"])
    cols[3].metric("Figures", counts["figures"])
    cols[4].metric("Sources", counts["sources"], help=f"{counts['rejected']} files rejected")

    latest = query("latest_summit")
    if not latest.empty:
        s = latest.iloc[0]
        title = meeting_title(s.summit_id, s.city, s.held_on, uncalendared=s.origin == "text")
        st.subheader(f"Latest meeting reported: {title}")
        st.write(
            f"Host: {s.host_name} · chair: {s.chair} · {s.participant_count} participants, "
            f"{s.agreement_count} documents, {s.figure_count} figures from {s.source_count} "
            f"source{'s' if s.source_count != 1 else ''}."
        )
    home_timeline = figure(
        timeline_figure, ("summits", Filters()), ("documents_per_summit", Filters()), height=300
    )
    st.plotly_chart(home_timeline, key="home_timeline")

    trade = query("headline_trade")
    st.subheader("Intra-regional trade of Central Asia")
    if trade.empty:
        st.info("No intra-regional trade figure in the sources yet.")
        return
    by_kind = {r.kind: r for r in trade.itertuples()}
    cols = st.columns(2)
    if "actual" in by_kind:
        reached = by_kind["actual"]
        cols[0].metric(
            f"Reached {_when_reached(reached)}",
            f"US$ {reached.value / 1e9:.1f} bn",
            help=f"Meeting {reached.summit_id}: «{reached.quote.strip()}»",
        )
    if "target" in by_kind:
        target = by_kind["target"]
        gap = target.value - by_kind["actual"].value if "actual" in by_kind else None
        cols[1].metric(
            f"Target {_deadline(target)}",
            f"US$ {target.value / 1e9:.1f} bn",
            delta=f"US$ {gap / 1e9:.1f} bn to go" if gap is not None else None,
            delta_color="off",
            help=f"Meeting {target.summit_id}: «{target.quote.strip()}»",
        )
    for r in trade.itertuples():
        st.caption(f"{r.kind}: {quoted(r.quote, r.source_title, r.source_url, r.file_name)}")


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _when_reached(figure) -> str:
    """«in 2024» when the text says the year, else when it was reported («as of 2024»)."""
    if _known(figure.period_year):
        return f"in {int(figure.period_year)}"
    return f"as of {figure.held_on.year}" if _known(figure.held_on) else "(year not stated)"


def _deadline(figure) -> str:
    return f"by {int(figure.period_year)}" if _known(figure.period_year) else "(no deadline stated)"


main()
