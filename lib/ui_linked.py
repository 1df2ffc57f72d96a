"""Streamlit glue for linked views: a click on any chart selects a mark the other views follow.

The selection lives in :class:`lib.filters.Filters` (``selected``) and so in the URL (``?sel=…``);
:func:`chart` draws a figure with Streamlit's own selection events and turns a click into a new
selection with :func:`lib.selection.from_points`. :func:`selection_bar` says what is selected and
clears it. The Network view's own settings (focus actor, depth, groups as members) are Filters
fields too, set by :func:`network_controls`.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import ui
from lib.filters import Filters
from lib.selection import from_points

CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


# ---------------------------------------------------------------------------------------------- selection
def chart(fig: go.Figure, *, key: str) -> None:
    """Draw ``fig``; a click on a mark selects it (every trace carries a selection in ``customdata``).

    A click on empty space does not clear the selection (see :func:`selection_bar`)."""
    st.plotly_chart(
        fig, key=key, on_select=lambda: _on_select(key), selection_mode=("points",), config=CONFIG
    )


def _on_select(key: str) -> None:
    state = st.session_state.get(key)
    points = state.get("selection", {}).get("points", []) if hasattr(state, "get") else []
    picked = from_points(points)
    # An empty event is not a deselect: the browser sends one whenever a redrawn figure resets its
    # selection (e.g. after we outline the chosen mark). Only "Clear selection" clears it.
    if picked:
        select(picked)


def select(selected: str | None) -> None:
    """Make ``selected`` (or nothing) the session's selection; the URL follows on this run."""
    f = ui.current_filters()
    ui.set_filters(f.with_selection(selected))


def selection_bar(f: Filters, labels: dict[str, str]) -> None:
    """What is selected, in words, with a button that clears it (nothing when nothing is)."""
    if not f.selection:
        st.caption("Click an actor, edge, event or figure in a chart to select it: every view follows.")
        return
    words = f.describe(labels).rsplit("selected: ", 1)[-1]
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(f"**Selected:** {_md(words)} — evidence in every view and the other views' charts follow it.")
    right.button("Clear selection", key="clear_sel", on_click=select, args=(None,), width="stretch")


def _md(text: str) -> str:
    from lib.highlight import md_escape

    return md_escape(text)


# ---------------------------------------------------------------------------------------------- network
_NET_KEYS = {"n_focus": "focus", "n_depth": "depth", "n_members": "members"}


def network_controls(f: Filters, labels: dict[str, str], actors: list[str]) -> Filters:
    """Focus actor, depth (1–2) and the group ↔ members toggle, above the network; returns the new Filters."""
    ss = st.session_state
    if ss.get("_net_seen") != f or any(k not in ss for k in _NET_KEYS):
        ss["n_focus"], ss["n_depth"], ss["n_members"] = f.focus or "", f.depth, f.members
    options = ["", *dict.fromkeys([*([f.focus] if f.focus else []), *actors])]  # "": the whole network
    a, b, c = st.columns([3, 2, 2], vertical_alignment="bottom")
    a.selectbox(
        "Focus on actor",
        options,
        key="n_focus",
        format_func=lambda x: ui.label_of(x, labels) if x else "— whole network —",
        help="Only the actor's neighbourhood: the actors it is linked to (1 step) or their links too (2).",
    )
    b.segmented_control("Depth", [1, 2], key="n_depth", format_func=lambda d: f"{d} step{'s' * (d > 1)}")
    c.toggle(
        "Groups as member states",
        key="n_members",
        help="Draw a group actor (the MSMT, the G7) as its member states instead of one node.",
    )
    new = replace(
        f, focus=ss["n_focus"] or None, depth=int(ss["n_depth"] or 1), members=bool(ss["n_members"])
    )
    ss["_net_seen"] = new
    ui.set_filters(new)
    return new


def network_rows(f: Filters) -> pd.DataFrame:
    """The relations behind the Network view under ``f`` (groups expanded, focus applied)."""
    from lib.graph import network_relations

    return network_relations(ui.filtered("relations", f), members=f.members, focus=f.focus, depth=f.depth)


def network_data(f: Filters) -> tuple[nx.MultiDiGraph, dict]:
    """(graph, layout) of the network chart: its selection does not narrow it (see Filters.for_chart)."""
    from lib.graph import build_graph

    g = build_graph(network_rows(f.for_chart("network")), labels=ui.actor_labels())
    return g, _layout(_signature(g))


def _signature(g: nx.MultiDiGraph) -> tuple:
    return tuple(sorted(map(str, g.nodes))), tuple(sorted((str(u), str(v)) for u, v in g.edges()))


@st.cache_data(show_spinner=False, max_entries=64)
def _layout(signature: tuple) -> dict:
    # Keyed on the graph itself (nodes, edges), not on the filters: the same graph never re-lays out.
    from lib.graph import layout

    nodes, edges = signature
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return layout(g, seed=7)


# ---------------------------------------------------------------------------------------------- claims
def claim_groups(f: Filters) -> pd.DataFrame:
    """(category, actor pair) groups of the filtered quantities, most reported first."""
    from lib.claims import claim_groups as groups

    return groups(ui.filtered("quantities", f.for_chart("claims")), ui.facts("relations"))


def claims(f: Filters, category: str, pair: tuple[str, str], *, chart_view: bool) -> pd.DataFrame:
    """The claims table for one category and pair; ``chart_view`` ignores a selection made on it."""
    from lib.claims import claims_table

    g = f.for_chart("claims") if chart_view else f
    return claims_table(
        ui.filtered("quantities", g),
        ui.facts("relations"),  # all relations: any same-sentence relation may orient a figure
        category=category,
        pair=pair,
        labels=ui.actor_labels(),
    )
