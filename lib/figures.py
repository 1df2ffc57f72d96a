"""Plotly figures for the dashboard: pure functions of frames/graphs, never importing streamlit.

Every figure has a title, the filter description as its subtitle, and one print-friendly look (white
background, dark text, and meaning carried by marker shape or pattern as well as colour, so a black
and white printout still reads). Text from articles is untrusted: it is ``html.escape``-d before it
goes into hover labels, because plotly renders a subset of HTML there.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping
from datetime import date, timedelta

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from lib.filters import fact_span, parse_date

# Okabe–Ito, safe for colour-blind readers, then a few extra darks for long action lists.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#F0E442",
    "#1F3A93",
    "#A61C3C",
    "#4D7C0F",
    "#6B21A8",
    "#92400E",
    "#0E7490",
    "#444444",
)
ACTION_COLOURS = {
    a: PALETTE[i % len(PALETTE)]
    for i, a in enumerate(
        (
            "transfer",
            "supply",
            "sell",
            "buy",
            "train",
            "deploy",
            "attack",
            "threaten",
            "sanction",
            "accuse",
            "condemn",
            "veto",
            "meet",
            "agree",
            "aid",
            "negotiate",
            "other",
        )
    )
}

# Qualifier → (marker symbol, legend words). A bound is a triangle pointing the way the truth may lie.
QUALIFIER_STYLE = {
    "exact": ("circle", "exact"),
    "approx": ("circle-open", "approximately"),
    "at_least": ("triangle-up", "at least (lower bound)"),
    "more_than": ("triangle-up", "more than (lower bound)"),
    "up_to": ("triangle-down", "up to (upper bound)"),
    "less_than": ("triangle-down", "less than (upper bound)"),
    "range": ("line-ew", "range (low–high)"),
}
NO_ACTION = "(no action named)"
ACTION_COLOURS[NO_ACTION] = "#9aa5b1"
FONT = dict(family="Inter, 'Helvetica Neue', Arial, sans-serif", size=13, color="#1f2933")
GRID = "#e4e7eb"


# ---------------------------------------------------------------------------------------------- shared
def hover_text(text: object, *, width: int = 80) -> str:
    """Untrusted text made safe for a plotly hover label: escaped, then wrapped with ``<br>``.

    >>> hover_text("<b>x</b> " + "word " * 3, width=10)
    '&lt;b&gt;x&lt;/b&gt;<br>word word<br>word'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    lines = textwrap.wrap(str(text), width=width) or [""]
    return "<br>".join(html.escape(line) for line in lines)


def style(fig: go.Figure, *, title: str, subtitle: str = "", height: int = 560) -> go.Figure:
    """Apply the house look: white, gridlines light, title with the filter description beneath."""
    fig.update_layout(
        template="simple_white",
        font=FONT,
        height=height,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(
            text=html.escape(title),
            x=0.01,
            xanchor="left",
            font=dict(size=18),
            subtitle=dict(text=html.escape(subtitle), font=dict(size=12, color="#52606d")),
        ),
        margin=dict(l=20, r=20, t=80, b=40),
        hoverlabel=dict(bgcolor="white", font_size=12, align="left"),
        legend=dict(bgcolor="rgba(255,255,255,0.9)", bordercolor=GRID, borderwidth=1, font=dict(size=12)),
    )
    return fig


def _note(fig: go.Figure, text: str) -> None:
    # Below the x-axis title, where it cannot collide with tick labels.
    fig.add_annotation(
        text=html.escape(text),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-62,
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color="#52606d"),
        align="left",
    )
    fig.update_layout(margin=dict(b=90))


def _fmt(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    v = float(value)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"


def _or(value: object, default: str = "–") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return default
    return str(value)


def _evidence(row: object) -> str:
    """Hover footer shared by all charts: claimant, modality, outlet and date, and the sentence."""
    published = _or(getattr(row, "published", None), "date unknown")[:10]
    return (
        f"Claimant: {hover_text(_or(getattr(row, 'claimant', None), 'not attributed'))}"
        f" · {html.escape(_or(getattr(row, 'modality', None), 'asserted'))}<br>"
        f"Outlet: {hover_text(_or(getattr(row, 'outlet', None), 'unknown'))} · published {published}<br>"
        f"<i>{hover_text(getattr(row, 'sentence', ''))}</i>"
    )


# ---------------------------------------------------------------------------------------------- network
def network_figure(
    graph: nx.MultiDiGraph,
    layout: Mapping[str, tuple[float, float]],
    *,
    title: str = "Actor network",
    subtitle: str = "",
) -> go.Figure:
    """Directed actor network: arrows coloured by action, width by how often reported, node size by
    degree centrality; hovering an edge's midpoint marker shows action, objects and example sentences.

    ``graph`` comes from :func:`lib.graph.build_graph`, ``layout`` from :func:`lib.graph.layout`.
    Traces: one marker trace per action (edge midpoints, named by the action, for the legend and
    hover) and one node trace last. Arrows are layout annotations carrying the action's colour.
    """
    fig = go.Figure()
    mids: dict[str, dict[str, list]] = {}
    sizes = {n: 16 + 44 * graph.nodes[n].get("centrality", 0.0) for n in graph.nodes}
    for (u, v, action, data), offset in _edges_with_offsets(graph):
        colour = ACTION_COLOURS.get(action, PALETTE[-1])
        (x0, y0), (x1, y1) = layout[u], layout[v]
        mx, my = _midpoint(x0, y0, x1, y1, offset, loop=u == v)
        width = min(1.5 + 2.0 * math.log2(data["count"]), 9.0)
        if u != v:
            dx, dy = _perpendicular(x0, y0, x1, y1, offset)
            fig.add_annotation(
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
                arrowwidth=width,
                arrowcolor=colour,
                opacity=0.8,
                standoff=sizes[v] / 2 + 1,
                startstandoff=sizes[u] / 2 + 1,
                text="",
            )
        m = mids.setdefault(action, {"x": [], "y": [], "text": []})
        m["x"].append(mx)
        m["y"].append(my)
        m["text"].append(_edge_hover(graph, u, v, data))
    for action, m in mids.items():
        fig.add_trace(
            go.Scatter(
                x=m["x"],
                y=m["y"],
                mode="markers",
                name=action,
                hovertext=m["text"],
                hoverinfo="text",
                marker=dict(
                    symbol="diamond",
                    size=9,
                    color=ACTION_COLOURS.get(action, PALETTE[-1]),
                    line=dict(color="white", width=1),
                ),
            )
        )
    nodes = list(graph.nodes)
    if nodes:
        fig.add_trace(_node_trace(graph, nodes, layout, sizes))
    style(fig, title=title, subtitle=subtitle, height=620)
    fig.update_xaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False, showgrid=False, zeroline=False)
    fig.update_layout(
        legend=dict(title=dict(text="Action (hover ◆ for evidence)")),
        xaxis_range=_padded([p[0] for p in layout.values()]),
        yaxis_range=_padded([p[1] for p in layout.values()], pad=0.25),
    )
    if not graph.number_of_edges():
        _note(fig, "No relations match the filters.")
    return fig


def _node_trace(graph: nx.MultiDiGraph, nodes: list, layout: Mapping, sizes: Mapping) -> go.Scatter:
    return go.Scatter(
        x=[layout[n][0] for n in nodes],
        y=[layout[n][1] for n in nodes],
        mode="markers+text",
        name="actor (size = degree centrality)",
        text=[html.escape(graph.nodes[n]["label"]) for n in nodes],
        textposition="top center",
        textfont=dict(size=13, color="#102a43"),
        customdata=nodes,
        hovertext=[_node_hover(graph, n) for n in nodes],
        hoverinfo="text",
        marker=dict(size=[sizes[n] for n in nodes], color="#e9eef4", line=dict(color="#243b53", width=2)),
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
    return (
        f"<b>{html.escape(graph.nodes[n]['label'])}</b> ({html.escape(str(n))})<br>"
        f"Degree centrality {graph.nodes[n].get('centrality', 0):.2f}<br>"
        f"Acts on others: {graph.out_degree(n)} · acted on: {graph.in_degree(n)}"
    )


# ---------------------------------------------------------------------------------------------- timeline
def event_spans(
    events: pd.DataFrame, *, lane: str = "actor", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per (event, lane) with ``lo``/``hi`` days and the shape to draw.

    ``shape`` is ``point`` (a single day), ``bar`` (a month, a year or a closed range) or ``open``
    (a "since …" range, drawn to the publication date). An event with no actor goes to the
    "(no actor named)" lane, one with no action to "(unspecified)".
    """
    rows = []
    labels = labels or {}
    for ev in events.itertuples(index=False):
        published = parse_date(getattr(ev, "published", None))
        lo, hi = fact_span(
            ev.date,
            date_end=getattr(ev, "date_end", None),
            precision=ev.precision,
            open_end=bool(getattr(ev, "open_end", False)),
            published=published,
        )
        if lo is None:
            continue
        open_end = bool(getattr(ev, "open_end", False))
        shape = "open" if open_end else ("point" if lo == hi else "bar")
        hi = hi or lo
        for name in _lanes(ev, lane, labels):
            rows.append(
                {
                    "lane": name,
                    "lo": lo,
                    "hi": hi,
                    "shape": shape,
                    "action": _or(ev.action, NO_ACTION),
                    "row": ev,
                }
            )
    return pd.DataFrame(rows, columns=["lane", "lo", "hi", "shape", "action", "row"])


def _lanes(ev: object, lane: str, labels: Mapping[str, str]) -> list[str]:
    if lane == "action":
        return [_or(ev.action, NO_ACTION)]
    actors = [a for a in (getattr(ev, "actors", None) if getattr(ev, "actors", None) is not None else [])]
    return [labels.get(a, a) for a in actors] or ["(no actor named)"]


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane: str = "actor",
    labels: Mapping[str, str] | None = None,
    title: str = "Timeline of reported events",
    subtitle: str = "",
) -> go.Figure:
    """Events on a date axis at their precision, one lane per actor (or per action).

    A day is a point; a month, a year or a range is a horizontal bar spanning it; an open range
    ("since October 2024") is a hatched bar to the publication date ending in a ▶ marker. Colour is
    the action; hover shows the date as written, the sentence, outlet and claimant.
    """
    spans = event_spans(events, lane=lane, labels=labels) if events is not None and len(events) else None
    fig = go.Figure()
    if spans is None or spans.empty:
        style(fig, title=title, subtitle=subtitle, height=360)
        _note(fig, "No dated events match the filters.")
        return fig
    for action, grp in spans.groupby("action", sort=True):
        colour = ACTION_COLOURS.get(action, PALETTE[-1])
        bars = grp[grp["shape"] != "point"]
        points = grp[grp["shape"] == "point"]
        if len(bars):
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=bars["lane"],
                    base=[d.isoformat() for d in bars["lo"]],
                    x=[_span_ms(lo, hi) for lo, hi in zip(bars["lo"], bars["hi"], strict=True)],
                    name=action,
                    legendgroup=action,
                    marker=dict(
                        color=colour,
                        opacity=0.55,
                        line=dict(color=colour, width=1.5),
                        pattern=dict(
                            shape=["/" if s == "open" else "" for s in bars["shape"]], fgcolor="white"
                        ),
                    ),
                    hovertext=[_event_hover(r) for r in bars["row"]],
                    hoverinfo="text",
                    width=0.5,
                )
            )
        if len(points):
            fig.add_trace(
                go.Scatter(
                    x=[d.isoformat() for d in points["lo"]],
                    y=points["lane"],
                    mode="markers",
                    name=action,
                    legendgroup=action,
                    showlegend=not len(bars),
                    hovertext=[_event_hover(r) for r in points["row"]],
                    hoverinfo="text",
                    marker=dict(symbol="circle", size=12, color=colour, line=dict(color="#102a43", width=1)),
                )
            )
    opened = spans[spans["shape"] == "open"]
    if len(opened):
        fig.add_trace(
            go.Scatter(
                x=[d.isoformat() for d in opened["hi"]],
                y=opened["lane"],
                mode="markers",
                name="open range (since …, to publication)",
                hoverinfo="skip",
                marker=dict(symbol="triangle-right", size=12, color="#102a43"),
            )
        )
    n_lanes = spans["lane"].nunique()
    style(fig, title=title, subtitle=subtitle, height=max(360, 160 + 48 * n_lanes))
    fig.update_layout(barmode="overlay", bargap=0.4, legend=dict(title=dict(text="Action")))
    fig.update_xaxes(
        type="date",
        showgrid=True,
        gridcolor=GRID,
        title="Date (bars span the month, year or range the text gives)",
    )
    fig.update_yaxes(
        type="category", categoryorder="category descending", title=None, showgrid=True, gridcolor=GRID
    )
    return fig


def _span_ms(lo: date, hi: date) -> int:
    """Bar length for a plotly date axis, in milliseconds: from the first day to the end of the last."""
    return ((hi + timedelta(days=1)) - lo).days * 86_400_000


def _event_hover(ev: object) -> str:
    span = _or(ev.date) + (f" – {ev.date_end}" if _or(getattr(ev, "date_end", None), "") else "")
    span += " – (open, since)" if bool(getattr(ev, "open_end", False)) else ""
    return (
        f"<b>“{hover_text(getattr(ev, 'date_text', ''))}”</b> → {html.escape(span)} "
        f"({html.escape(_or(ev.precision))})<br>Action: {html.escape(_or(ev.action, 'unspecified'))}<br>"
        f"{_evidence(ev)}"
    )


# ---------------------------------------------------------------------------------------------- quantities
def quantity_points(quantities: pd.DataFrame) -> pd.DataFrame:
    """Where each quantity goes on the chart: ``x`` (a date), ``x_source``, ``y``/``y_low``/``y_high``.

    ``x`` is the middle of the quantity's own date span ("2024" → 1 July 2024; an open range: its
    start), else the article's publication date (``x_source`` says which), else None (not plotted).
    ``y`` is the reported bound or value; a range keeps both ends in ``y_low``/``y_high``.
    """
    out = []
    for q in quantities.itertuples(index=False):
        published = parse_date(getattr(q, "published", None))
        lo, hi = fact_span(
            getattr(q, "date", None),
            date_end=getattr(q, "date_end", None),
            precision=getattr(q, "precision", None),
            open_end=bool(getattr(q, "open_end", False)),
        )
        if lo is not None:
            x, src = (lo + (hi - lo) / 2 if hi else lo), "date in text"
        else:
            x, src = published, "article published (no date in text)"
        low, high = _num(getattr(q, "low", None)), _num(getattr(q, "high", None))
        value = _num(q.value)
        bound = {"at_least": low, "more_than": low, "up_to": high, "less_than": high}.get(q.qualifier)
        y = bound if bound is not None else value
        out.append(
            {
                "x": x,
                "x_source": src if x else None,
                "y": y,
                "y_low": low if low is not None else y,
                "y_high": high if high is not None else y,
                "row": q,
            }
        )
    return pd.DataFrame(out, columns=["x", "x_source", "y", "y_low", "y_high", "row"])


def quantities_figure(
    quantities: pd.DataFrame, *, log: bool = False, title: str = "Reported quantities", subtitle: str = ""
) -> go.Figure:
    """Reported numbers over time, coloured by category, shaped by qualifier; bounds are never bars.

    exact → filled circle; at least / more than → ▲ (the true number may be higher); up to / less
    than → ▼; approximately → open circle; a range → a vertical segment from low to high with end
    ticks. One trace per (category, qualifier), named ``"<category> · <qualifier words>"``.
    Quantities with no date at all are listed in a note under the chart, not plotted.
    """
    fig = go.Figure()
    pts = quantity_points(quantities) if quantities is not None and len(quantities) else None
    if pts is None or pts.empty:
        style(fig, title=title, subtitle=subtitle, height=400)
        _note(fig, "No quantities match the filters.")
        return fig
    unplaced = int(pts["x"].isna().sum())
    pts = pts[pts["x"].notna() & pts["y"].notna()]
    cats = sorted({r.category for r in pts["row"]})
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(cats)}
    pts = pts.assign(category=[r.category for r in pts["row"]], qualifier=[r.qualifier for r in pts["row"]])
    for (cat, qual), grp in pts.groupby(["category", "qualifier"], sort=True):
        symbol, words = QUALIFIER_STYLE.get(qual, ("x", qual))
        hover = [_quantity_hover(r, s) for r, s in zip(grp["row"], grp["x_source"], strict=True)]
        xs = [_iso(x) for x in grp["x"]]
        if qual == "range":
            fig.add_trace(_range_trace(xs, grp, hover, name=f"{cat} · {words}", colour=colours[cat]))
            continue
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=grp["y"],
                mode="markers",
                name=f"{cat} · {words}",
                legendgroup=cat,
                hovertext=hover,
                hoverinfo="text",
                marker=dict(
                    symbol=symbol, size=14, color=colours[cat], line=dict(color=colours[cat], width=2)
                ),
            )
        )
    style(fig, title=title, subtitle=subtitle, height=540)
    fig.update_xaxes(
        type="date", showgrid=True, gridcolor=GRID, title="Date of the figure (or of the report)"
    )
    fig.update_yaxes(
        type="log" if log else "linear",
        showgrid=True,
        gridcolor=GRID,
        title="Reported number" + (" (log scale)" if log else ""),
        rangemode="tozero",
    )
    fig.update_layout(legend=dict(title=dict(text="Category · qualifier")))
    if unplaced:
        _note(
            fig,
            f"{unplaced} quantity(ies) with no date and no publication date are listed in the table only.",
        )
    return fig


def _range_trace(xs: list[str], grp: pd.DataFrame, hover: list[str], *, name: str, colour: str) -> go.Scatter:
    """All ranges of one category as vertical segments separated by gaps (None), ticks at both ends."""
    x, y, text = [], [], []
    for xi, lo, hi, h in zip(xs, grp["y_low"], grp["y_high"], hover, strict=True):
        x += [xi, xi, None]
        y += [lo, hi, None]
        text += [h, h, None]
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers",
        name=name,
        legendgroup=name.split(" · ")[0],
        hovertext=text,
        hoverinfo="text",
        connectgaps=False,
        line=dict(color=colour, width=4),
        marker=dict(symbol="line-ew", size=16, color=colour, line=dict(color=colour, width=3)),
    )


def _quantity_hover(q: object, x_source: str | None) -> str:
    _, words = QUALIFIER_STYLE.get(q.qualifier, ("", q.qualifier))
    bounds = f"low {_fmt(getattr(q, 'low', None))} · high {_fmt(getattr(q, 'high', None))}"
    dated = _or(getattr(q, "date", None), "") or _or(getattr(q, "published", None), "unknown")[:10]
    cumulative = " · cumulative" if bool(getattr(q, "cumulative", False)) else ""
    return (
        f"<b>“{hover_text(q.text)}”</b><br>{html.escape(words)} · {bounds}<br>"
        f"Unit: {hover_text(_or(getattr(q, 'unit', None)))} · category {html.escape(str(q.category))}"
        f"{cumulative}<br>Dated: {html.escape(dated)} ({html.escape(x_source or 'no date')})<br>"
        f"{_evidence(q)}"
    )


def _num(value: object) -> float | None:
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
