"""Central Asia Summit Tracker — the dashboard's entry point: `streamlit run dashboard.py`."""

import streamlit as st

st.set_page_config(page_title="Central Asia Summit Tracker", page_icon="🏛️", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon="🏠", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon="🗓️"),
    st.Page("pages/trade.py", title="Trade & targets", icon="📈"),
    st.Page("pages/participation.py", title="Participation", icon="🤝"),
    st.Page("pages/agreements.py", title="Agreements", icon="📜"),
    st.Page("pages/sources.py", title="Sources", icon="📰"),
]

st.navigation(PAGES).run()
