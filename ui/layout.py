"""What every page does first: the page settings and the sidebar's links to every page."""

import streamlit as st

APP_TITLE = "Central Asia Summit Tracker"
PAGE_LINKS = [
    ("dashboard.py", "Home", ":material/home:"),
    ("pages/1_Timeline.py", "Timeline", ":material/timeline:"),
    ("pages/2_Trade_and_targets.py", "Trade & targets", ":material/monitoring:"),
    ("pages/3_Participation.py", "Participation", ":material/groups:"),
    ("pages/4_Agreements.py", "Agreements", ":material/description:"),
    ("pages/5_Sources.py", "Sources", ":material/newspaper:"),
    ("pages/6_SQL.py", "SQL", ":material/terminal:"),
    ("pages/7_Add_documents.py", "Add documents", ":material/upload_file:"),
    ("pages/8_Data_quality.py", "Data quality", ":material/fact_check:"),
]


def page_setup(title: str) -> None:
    st.set_page_config(
        page_title=f"{title} · {APP_TITLE}", page_icon=":material/account_balance:", layout="wide"
    )
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        for path, label, icon in PAGE_LINKS:
            st.page_link(path, label=label, icon=icon)
        st.divider()


def filtered_page(title: str, page: str, heading: str | None = None):
    """Start a page that reads the warehouse through the shared filters: its settings, links and title;
    the filters when the warehouse is there, None (after saying how to build it) when it is not."""
    from ui.data import require_warehouse
    from ui.filters import sidebar_filters

    page_setup(title)
    st.title(heading or title)
    if not require_warehouse():
        return None
    return sidebar_filters(page)
