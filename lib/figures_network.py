"""The actor network figure: arrows coloured by action, nodes sized by degree centrality.

Readable at a few hundred actors: names are drawn for the most central actors only (the rest on
hover), and past :data:`ARROW_LIMIT` edges the arrows are drawn as line traces with an arrow marker
instead of one layout annotation each (hundreds of annotations make the browser crawl). Every node
carries ``actor:<id>`` and every edge marker ``edge:<source>><target>:<action>`` in ``customdata``,
so a click selects it (:mod:`lib.selection`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import networkx as nx
import plotly.graph_objects as go

from lib.figure_style import ACTION_COLOURS, PALETTE, hover_text, note, style
from lib.graph import CENTRALITY, top_nodes

ARROW_LIMIT = 150  # edges drawn as annotations up to here; beyond, as line traces
LABEL_TOP = 30  # names always drawn for this many most central actors
HIGHLIGHT = "#D55E00"  # the selected node or edge


def network_figure(
    graph: nx.MultiDiGraph,
    layout: Mapping[str, tuple[float, float]],
    *,
    title: str = "Actor network",
    subtitle: str = "",
    selected: str | None = None,
    label_top: int = LABEL_TOP,
) -> go.Figure:
    """Directed actor network: arrows coloured by action, width by how often reported, node size by
    degree centrality; hovering an edge's midpoint marker shows action, objects and example sentences.

    ``graph`` comes from :func:`lib.graph.build_graph`, ``layout`` from :func:`lib.graph.layout`.
    Traces: one marker trace per action (edge midpoints, named by the action, for the legend and
    hover), then — past :data:`ARROW_LIMIT` edges — one line trace per action, then one node trace
    last (named after the centrality). Names are drawn for the ``label_top`` most central actors
    and the selected one; ``selected`` (``actor:…`` or ``edge:…``) is outlined in orange.
    """
    fig = go.Figure()
    mids: dict[str, dict[str, list]] = {}
    lines: dict[str, dict[str, list]] = {}
    arrows: list[dict] = []
    sizes = {n: 12 + 40 * graph.nodes[n].get("centrality", 0.0) for n in graph.nodes}
    as_lines = graph.number_of_edges() > ARROW_LIMIT
    for (u, v, action, data), offset in _edges_with_offsets(graph):
        (x0, y0), (x1, y1) = layout[u], layout[v]
        mx, my = _midpoint(x0, y0, x1, y1, offset, loop=u == v)
        if u != v and as_lines:
            _add_line(lines.setdefault(action, {"x": [], "y": [], "size": []}), (x0, y0), (x1, y1), offset)
        elif u != v:
            arrows.append(
                _arrow(
                    (x0, y0),
                    (x1, y1),
                    offset,
                    data,
                    colour=ACTION_COLOURS.get(action, PALETTE[-1]),
                    standoff=(sizes[u] / 2 + 1, sizes[v] / 2 + 1),
                    thin=len(graph) > 40,
                )
            )
        m = mids.setdefault(action, {"x": [], "y": [], "text": [], "key": []})
        m["x"].append(mx)
        m["y"].append(my)
        m["text"].append(_edge_hover(graph, u, v, data))
        m["key"].append(f"edge:{u}>{v}:{action}")
    fig.update_layout(annotations=arrows)  # at once: add_annotation one by one is quadratic in plotly
    for action, ln in lines.items():
        fig.add_trace(_line_trace(action, ln))
    for action, m in mids.items():
        fig.add_trace(_mid_trace(action, m, selected))
    nodes = list(graph.nodes)
    if nodes:
        wanted = [selected.removeprefix("actor:")] if selected and selected.startswith("actor:") else []
        wanted += top_nodes(graph, label_top)
        places = label_places(layout, [n for n in dict.fromkeys(wanted) if n in graph], graph)
        fig.add_trace(_node_trace(graph, nodes, layout, sizes, places=places, selected=selected))
    style(fig, title=title, subtitle=subtitle, height=680 if len(graph) > 60 else 620)
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_layout(
        legend=dict(title=dict(text="Action (hover ◆ for evidence)")),
        xaxis_range=_padded([p[0] for p in layout.values()]),
        yaxis_range=_padded([p[1] for p in layout.values()], pad=0.25),
        clickmode="event+select",
    )
    if not graph.number_of_edges():
        note(fig, "No relations match the filters.")
    elif len(graph) > label_top:
        note(
            fig,
            f"Names shown for {len(places)} of the {label_top} most central of {len(graph)} actors "
            "(where they do not overlap); hover a node for the rest.",
        )
    return fig


def _arrow(p0, p1, offset: float, data: Mapping, *, colour: str, standoff, thin: bool = False) -> dict:
    """One edge as a layout annotation: a real arrowhead that stops at the node's rim."""
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = _perpendicular(x0, y0, x1, y1, offset)
    return dict(
        x=x1 + dx,
        y=y1 + dy,
        ax=x0 + dx,
        ay=y0 + dy,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.0,
        arrowwidth=min(
            1.5 + 2.0 * math.log2(data["count"]), 4.0 if thin else 9.0
        ),  # thick arrows hide a crowd
        arrowcolor=colour,
        opacity=0.8,
        startstandoff=standoff[0],
        standoff=standoff[1],
        text="",
    )


def _add_line(acc: dict[str, list], p0, p1, offset: float) -> None:
    """One edge as a segment with an arrow marker three quarters of the way (large graphs)."""
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = _perpendicular(x0, y0, x1, y1, offset)
    ax, ay = x0 + dx + 0.75 * (x1 - x0), y0 + dy + 0.75 * (y1 - y0)
    acc["x"] += [x0 + dx, ax, x1 + dx, None]
    acc["y"] += [y0 + dy, ay, y1 + dy, None]
    acc["size"] += [0, 9, 0, 0]


def _line_trace(action: str, ln: Mapping[str, list]) -> go.Scatter:
    colour = ACTION_COLOURS.get(action, PALETTE[-1])
    return go.Scatter(
        x=ln["x"],
        y=ln["y"],
        mode="lines+markers",
        name=action,
        legendgroup=action,
        showlegend=False,
        hoverinfo="skip",
        opacity=0.6,
        line=dict(color=colour, width=1.2),
        marker=dict(symbol="arrow", angleref="previous", size=ln["size"], color=colour),
    )


def _mid_trace(action: str, m: Mapping[str, list], selected: str | None) -> go.Scatter:
    colour = ACTION_COLOURS.get(action, PALETTE[-1])
    picked = [k == selected for k in m["key"]]
    return go.Scatter(
        x=m["x"],
        y=m["y"],
        mode="markers",
        name=action,
        legendgroup=action,
        hovertext=m["text"],
        hoverinfo="text",
        customdata=m["key"],
        marker=dict(
            symbol="diamond",
            size=[15 if p else 9 for p in picked],
            color=colour,
            line=dict(
                color=[HIGHLIGHT if p else "white" for p in picked], width=[3 if p else 1 for p in picked]
            ),
        ),
    )


def label_places(layout: Mapping, ranked: list, graph: nx.Graph) -> dict:
    """Where each name goes ("top center", …), most important first; a name that would overlap one
    already placed in all four places is left to the hover. Boxes are in layout units, sized for the
    default chart (about 400 px per unit across, 250 up)."""
    taken: list[tuple[float, float, float, float]] = []
    out = {}
    for n in ranked:
        x, y = layout[n]
        w, h = 0.018 * len(str(graph.nodes[n].get("label", n))) + 0.02, 0.07
        for where, (bx, by) in _PLACES.items():
            box = (x + bx * w - w / 2, y + by * h - h / 2, w, h)
            if not any(_overlap(box, o) for o in taken):
                taken.append(box)
                out[n] = where
                break
    return out


_PLACES = {
    "top center": (0.0, 0.9),
    "bottom center": (0.0, -0.9),
    "middle right": (0.65, 0.0),
    "middle left": (-0.65, 0.0),
}


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _node_trace(
    graph: nx.MultiDiGraph,
    nodes: list,
    layout: Mapping,
    sizes: Mapping,
    *,
    places: dict,
    selected: str | None,
) -> go.Scatter:
    picked = [f"actor:{n}" == selected for n in nodes]
    return go.Scatter(
        x=[layout[n][0] for n in nodes],
        y=[layout[n][1] for n in nodes],
        mode="markers+text",
        name=f"actor (size = {CENTRALITY})",
        text=[html.escape(graph.nodes[n]["label"]) if n in places else "" for n in nodes],
        textposition=[places.get(n, "top center") for n in nodes],
        textfont=dict(size=12 if len(nodes) > 60 else 13, color="#102a43"),
        customdata=[f"actor:{n}" for n in nodes],
        hovertext=[_node_hover(graph, n) for n in nodes],
        hoverinfo="text",
        marker=dict(
            size=[sizes[n] for n in nodes],
            color=[
                "#fde8d7" if p else ("#d9e2ec" if graph.nodes[n].get("members") else "#e9eef4")
                for n, p in zip(nodes, picked, strict=True)
            ],
            line=dict(
                color=[HIGHLIGHT if p else "#243b53" for p in picked], width=[4 if p else 2 for p in picked]
            ),
        ),
    )


def _edges_with_offsets(graph: nx.MultiDiGraph):
    """Each edge with a sideways offset, so parallel edges (several actions, both directions) separate."""
    by_pair: dict[frozenset, list] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        by_pair.setdefault(frozenset((u, v)), []).append((u, v, key, data))
    for edges in by_pair.values():
        n = len(edges)
        for i, (u, v, key, data) in enumerate(sorted(edges, key=lambda e: (e[0], e[2]))):
            # Offset measured in the (u→v) frame; flip for the reverse direction so lanes do not cross.
            off = (i - (n - 1) / 2) * min(0.04, 0.24 / n)  # the whole bundle stays within ~a node's width
            yield (u, v, key, data), (off if str(u) <= str(v) else -off)


def _perpendicular(x0: float, y0: float, x1: float, y1: float, offset: float) -> tuple[float, float]:
    dx, dy = x1 - x0, y1 - y0
    norm = math.hypot(dx, dy) or 1.0
    return -dy / norm * offset, dx / norm * offset


def _midpoint(x0, y0, x1, y1, offset: float, *, loop: bool) -> tuple[float, float]:
    if loop:
        return x0 + offset, y0 + 0.12
    dx, dy = _perpendicular(x0, y0, x1, y1, offset)
    return (x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy


def _padded(values: list[float], pad: float = 0.2) -> list[float] | None:
    if not values:
        return None
    return [min(values) - pad, max(values) + pad]


def _edge_hover(graph: nx.MultiDiGraph, u: str, v: str, data: Mapping) -> str:
    lab = graph.nodes
    objects = ", ".join(data.get("objects", ())) or "–"
    examples = "<br>".join(f"• <i>{hover_text(s, width=90)}</i>" for s in data.get("sentences", ()))
    return (
        f"<b>{html.escape(lab[u]['label'])} → {html.escape(data['action'])} → "
        f"{html.escape(lab[v]['label'])}</b><br>Object: {hover_text(objects)}<br>"
        f"Reported {data['count']}× in {len(data.get('articles', ()))} article(s)<br>{examples}"
    )


def _node_hover(graph: nx.MultiDiGraph, n: str) -> str:
    members = graph.nodes[n].get("members") or ()
    group = f"Group of {len(members)} member states (toggle “groups as members”)<br>" if members else ""
    return (
        f"<b>{html.escape(graph.nodes[n]['label'])}</b> ({html.escape(str(n))})<br>"
        f"{CENTRALITY.capitalize()} {graph.nodes[n].get('centrality', 0):.2f}<br>{group}"
        f"Acts on others: {graph.out_degree(n)} · acted on: {graph.in_degree(n)}<br>"
        "<i>Click to select; the other views follow</i>"
    )
