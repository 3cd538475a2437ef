"""Sources: the texts behind the facts; open one to see its text with the extracted passages marked."""

import streamlit as st

from ui.data import query, uncached
from ui.highlight import highlight_passages, legend
from ui.layout import filtered_page
from ui.tables import show_table
from warehouse.queries import DISPLAY_LIMIT


def main() -> None:
    filters = filtered_page("Sources", "sources")
    if filters is None:
        return
    table = query("sources", filters, limit=DISPLAY_LIMIT)
    show_table(
        table,
        "sources",
        key="sources_table",
        total=query("sources_count", filters),
        full_table=lambda: uncached("sources", filters),
        hide=("language", "file_name"),  # in the downloads; the file name is in «Open a source» below
    )
    rejected = query("rejects")
    if not rejected.empty:
        st.subheader("Rejected files")
        show_table(rejected, "rejected_files", key="sources_rejects")
    if table.empty:
        return
    labels = {
        int(r.source_id): f"{r.source_id}. {r.file_name} — {r.title or ''}"[:120] for r in table.itertuples()
    }
    chosen = st.selectbox("Open a source", list(labels), format_func=labels.get, key="sources_open")
    text, passages = query("source_text", chosen)
    st.html(legend())
    st.html(highlight_passages(text, list(passages.itertuples(index=False, name=None))))


main()
