"""SQL: ad-hoc read-only queries over the warehouse, in the same sandbox as `python -m warehouse.sql`."""

import streamlit as st

from ui.data import query, require_warehouse, run_sql
from ui.layout import page_setup
from ui.sql_chart import CHART_TYPES, numeric_columns, quick_chart
from ui.tables import show_table
from warehouse.dictionary import example_queries
from warehouse.sandbox import DEFAULT_LIMITS as LIMITS
from warehouse.sandbox import SandboxError

QUERY_KEY = "sql_query"
DEFAULT_SQL = (
    "SELECT summit_id, kind, adoption, count(*) AS documents\nFROM agreements GROUP BY ALL ORDER BY summit_id"
)


def _load_url_once() -> bool:
    """The URL's ?sql= fills the box on a session's first visit; True when it asked for a query."""
    if QUERY_KEY in st.session_state:
        return False
    from_url = st.query_params.get("sql")
    st.session_state[QUERY_KEY] = from_url or DEFAULT_SQL
    return bool(from_url)


def _use_example(sql: str) -> None:
    st.session_state[QUERY_KEY] = sql


def schema_browser() -> None:
    with st.sidebar.expander("Schema", expanded=False):
        columns = query("schema_columns")
        kinds = dict(zip(columns["table"], columns["object"], strict=False))
        name = st.selectbox(
            "Table or view", list(kinds), format_func=lambda t: f"{t} ({kinds[t]})", key="sql_schema_table"
        )
        part = columns[columns["table"] == name]
        st.dataframe(part[["column", "type", "description"]], hide_index=True, key="sql_schema_columns")


def examples() -> None:
    with st.expander("Example queries"):
        for n, (title, sql) in enumerate(example_queries().items()):
            st.button(title, key=f"sql_example_{n}", on_click=_use_example, args=(sql,))


def show_result(sql: str) -> None:
    try:
        result = run_sql(sql)
    except SandboxError as error:
        st.error(f"{error.kind.capitalize()}: {error}")
        return
    shown = len(result.frame)
    if result.truncated:
        total = f"{result.total_rows:,}" if result.total_rows is not None else "more"
        st.warning(f"Showing the first {shown:,} of {total} rows (the row limit is {LIMITS.max_rows:,}).")
    st.caption(f"{shown:,} rows · {result.seconds:.2f} s")
    show_table(result.frame, "query_result", key="sql_result", plain=True)
    numeric = numeric_columns(result.frame)
    if shown and numeric:
        with st.expander("Quick chart"):
            cols = st.columns(3)
            x = cols[0].selectbox("x", list(result.frame.columns), key="sql_chart_x")
            y = cols[1].selectbox("y", numeric, index=len(numeric) - 1, key="sql_chart_y")
            kind = cols[2].selectbox("Chart", CHART_TYPES, key="sql_chart_kind")
            st.plotly_chart(quick_chart(result.frame, x, y, kind), key="sql_chart")


def main() -> None:
    page_setup("SQL")
    st.title("SQL")
    st.caption(
        "One read-only statement (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); "
        f"{LIMITS.timeout_seconds:g} s time limit, {LIMITS.max_rows:,} rows at most. "
        "The query is kept in the page address, so a link shares it."
    )
    if not require_warehouse():
        return
    asked_by_url = _load_url_once()
    schema_browser()
    examples()
    st.text_area("Query", key=QUERY_KEY, height=160)
    run = st.button("Run query", type="primary", key="sql_run")
    sql = st.session_state[QUERY_KEY].strip()
    if run or asked_by_url or st.session_state.get("sql_last") == sql:
        st.query_params["sql"] = sql
        st.session_state["sql_last"] = sql
        show_result(sql)


main()
