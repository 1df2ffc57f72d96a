"""Network: the directed actor graph of the filtered relations, with the relations as evidence below."""

import streamlit as st

from lib import ui
from lib.figures import network_figure

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header(
    "Actor network",
    f,
    "Who did what to whom. Arrows point from actor to target; colour is the "
    "action, width how often it is reported, node size the actor's degree centrality.",
)

graph, pos = ui.network_data(f)
fig = network_figure(graph, pos, subtitle=f.describe(labels))
st.plotly_chart(
    fig,
    key="network",
    on_select=lambda: ui.select_actor_from_chart("network"),
    selection_mode="points",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
)
st.caption(
    f"{graph.number_of_nodes()} actors · {graph.number_of_edges()} distinct (source, action, target) "
    "edges. Hover the ◆ on an edge for its objects and example sentences; click an actor to filter by it. "
    "Node size = degree centrality (share of other actors it is linked to)."
)

st.subheader("Evidence: relations shown")
ui.evidence_table(
    ui.filtered("relations", f),
    [
        "source",
        "action",
        "target",
        "object",
        "date",
        "claimant",
        "modality",
        "outlet",
        "published",
        "sentence",
    ],
    f,
    key="relations",
    labels=labels,
)
