"""Network: the directed actor graph of the filtered relations, with the relations as evidence below."""

import streamlit as st

from lib import ui, ui_evidence, ui_export, ui_linked
from lib.figures import network_figure
from lib.graph import network_actors

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header(
    "Actor network",
    f,
    "Who did what to whom. Arrows point from actor to target; colour is the "
    "action, width how often it is reported, node size the actor's degree centrality.",
)
# The focus picker offers the actors a network can show (relation endpoints and group members), not
# every mentioned actor: 20,000+ options made a 600 KB message that held up the browser's first chart.
f = ui_linked.network_controls(f, labels, network_actors(ui.facts("relations")))
ui_linked.selection_bar(f, labels)

graph, pos = ui_linked.network_data(f)
fig = network_figure(graph, pos, subtitle=f.describe(labels), selected=f.selected)
ui_linked.chart(fig, key="network")
st.caption(
    f"{graph.number_of_nodes()} actors · {graph.number_of_edges()} distinct (source, action, target) "
    "edges. Hover the ◆ on an edge for its objects and example sentences; click an actor or a ◆ to select "
    "it (the evidence below and the other views follow). Node size = degree centrality (share of other "
    "actors it is linked to). Syndicated copies of one story count once."
)

st.subheader("Evidence: relations shown")
ui_evidence.evidence_table(
    ui_linked.network_rows(f),
    [
        "source",
        "action",
        "target",
        "object",
        "date",
        "claimant",
        "modality",
        "via",
        "status",
        "outlet",
        "published",
        "sources",
        "sentence",
    ],
    f,
    key="relations",
    labels=labels,
)
ui_export.export_panel(fig, ui_linked.network_rows(f), f, key="network", graph=graph, kind="relations")
ui_export.correction_panel(ui_linked.network_rows(f), "relations", key="network")
