"""What every page does first: the page settings shared by the whole app."""

import streamlit as st

APP_TITLE = "Central Asia Summit Tracker"


def page_setup(title: str) -> None:
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=":material/account_balance:", layout="wide")
