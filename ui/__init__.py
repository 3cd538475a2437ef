"""The thin Streamlit layer: cached connection and queries, shared widgets, plotly figure builders."""
