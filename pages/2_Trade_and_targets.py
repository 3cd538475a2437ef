"""Trade & targets: values reached, targets and growth per economy, each with its quote and source."""

import streamlit as st

from ui.charts import growth_figure, history_figure, selected_ids, trade_figure
from ui.data import figure, query, uncached
from ui.layout import filtered_page
from ui.tables import format_amount, quoted, show_table
from warehouse.queries import DISPLAY_LIMIT, HISTORY_LIMIT


def main() -> None:
    filters = filtered_page("Trade & targets", "trade")
    if filters is None:
        return
    metrics = st.multiselect(
        "Metrics", query("figure_metrics"), key="trade_metrics", format_func=lambda m: m.replace("_", " ")
    )
    metrics = tuple(metrics)
    total = query("figures_count", filters, metrics)
    if not total:
        st.info("No figure matches the filters.")
        return
    reached = query("trade_chart", filters, metrics)
    growth = query("growth_chart", filters, metrics)
    chart = st.plotly_chart(
        figure(trade_figure, ("trade_chart", filters, metrics)),
        key="trade_chart",
        on_select="rerun",
        selection_mode="points",
    )
    if not growth.empty:
        st.plotly_chart(figure(growth_figure, ("growth_chart", filters, metrics)), key="growth_chart")
    usd_metrics = query("usd_metrics", filters, metrics)
    if usd_metrics:
        default = usd_metrics.index("intra_regional_trade") if "intra_regional_trade" in usd_metrics else 0
        metric = st.selectbox(
            "A metric over the years",
            usd_metrics,
            index=default,
            key="trade_history_metric",
            format_func=lambda m: m.replace("_", " "),
        )
        history = ("metric_history", filters, metrics, metric)
        st.plotly_chart(figure(history_figure, history, metric=metric), key="trade_history_chart")
        if len(query(*history)) >= HISTORY_LIMIT:
            st.caption(
                f"The latest {HISTORY_LIMIT:,} values of this metric, by meeting; the table below has them all."
            )
    picked = selected_ids(chart.selection.points if chart else [])
    if picked:
        st.subheader("Selected figures and their sentences")
        for r in reached[reached["figure_id"].isin(picked)].itertuples():
            st.markdown(
                f"**{r.scope_name} · {r.metric.replace('_', ' ')} · {r.kind}: {format_amount(r.value, r.unit)}**"
            )
            st.caption(quoted(r.quote, r.source_title, r.source_url, f"source {r.source_id}"))
    st.subheader("All figures")
    show_table(
        query("figures", filters, metrics, limit=DISPLAY_LIMIT),
        "figures",
        key="trade_figures",
        total=total,
        full_table=lambda: uncached("figures", filters, metrics),
    )


main()
