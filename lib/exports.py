"""Files for briefings: chart images with their context drawn in, fact tables with provenance, graphs.

Pure functions returning bytes; no streamlit. Every chart export carries, inside the image, the
chart's title, the filters in words, the date of the data and a footnote naming the outlet and date
of each article behind the chart, so a slide pasted anywhere still says where its marks came from.

Images are rendered by kaleido 1.x with the system Chromium; one kaleido server is started per
process on first use (the first image takes ~4 s, later ones ~0.35 s) and stopped at exit.

>>> facts_csv(pd.DataFrame({"id": ["q1"], "value": [9e6], "article_id": ["a"]})).decode().splitlines()[1]
'q1,9000000,a'
"""

from __future__ import annotations

import atexit
import copy
import html
import io
import json
import math
import textwrap
import threading
import warnings
from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from lib.export import number

WIDTH = 1200
FOOT_LINE_PX = 17  # height of one footnote line at FOOT_SIZE
FOOT_SIZE = 11
FOOT_CHARS = 180  # characters per footnote line at WIDTH (11 px Arial measured at ~5.5 px a character)
MAX_SOURCE_LINES = 6  # beyond this the footnote names how many more articles the CSV lists
INK, MUTED = "#111111", "#3e4c59"  # dark text that survives greyscale printing

# Provenance columns last, in this order, in every table export; "month" is a storage detail.
PROVENANCE = ("article_id", "outlet", "published", "title", "sentence", "start", "end", "extractor")
CORRECTION = ("status", "corrected", "original")
_INTERNAL = ("month", "article", "_size")


class ExportError(RuntimeError):
    """An export could not be produced; the message says why (e.g. no Chromium for images)."""


# ---------------------------------------------------------------------------------------------- context
def sources_of(df: pd.DataFrame) -> list[str]:
    """ "Outlet, YYYY-MM-DD" for each distinct article behind the rows, oldest first, undated last.

    >>> sources_of(pd.DataFrame({"article_id": ["a", "a", "b"], "outlet": ["X", "X", None],
    ...                          "published": ["2025-05-30", "2025-05-30", None]}))
    ['X, 2025-05-30', 'unknown outlet, date unknown']
    """
    if df is None or df.empty:
        return []
    key = "article_id" if "article_id" in df else "id"
    arts = df.drop_duplicates(key) if key in df else df
    rows = []
    for r in arts.itertuples(index=False):
        outlet, published = _text(getattr(r, "outlet", None)), _text(getattr(r, "published", None))
        rows.append(
            (
                published or "9999",
                outlet or "",
                f"{outlet or 'unknown outlet'}, {published[:10] if published else 'date unknown'}",
            )
        )
    return [label for *_, label in sorted(rows)]


def data_date_of(df: pd.DataFrame, *, today: str | None = None) -> str:
    """The date of the data in words: the newest publication date behind the rows, and today.

    >>> data_date_of(pd.DataFrame({"published": ["2025-05-30", None]}), today="2025-06-01")
    'articles published up to 2025-05-30 · exported 2025-06-01'
    """
    today = today or pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%d")
    dates = [
        str(d)[:10] for d in (df["published"] if df is not None and "published" in df else []) if _text(d)
    ]
    newest = f"articles published up to {max(dates)}" if dates else "no publication dates"
    return f"{newest} · exported {today}"


def _footnotes(description: str, data_date: str, sources: list[str]) -> list[str]:
    """The footer lines: filters and data date, then every source that fits in
    :data:`MAX_SOURCE_LINES` lines, then how many more there are (never dropped without saying)."""
    head = textwrap.wrap(f"Filters: {description} · Data: {data_date}", FOOT_CHARS) or [""]
    if not sources:
        return [*head, "Sources: none (no facts match the filters)"]
    n = len(sources)
    lines, line, placed = [], f"Sources ({n} article{'s' if n != 1 else ''}): ", 0
    for source in sources:
        room = FOOT_CHARS - (80 if len(lines) == MAX_SOURCE_LINES - 1 else 0)  # the last line keeps
        if len(line) + len(source) + 2 > room and line.strip():  # room for "… and K more"
            if len(lines) == MAX_SOURCE_LINES - 1:
                break
            lines.append(line.rstrip())
            line = ""
        line += f"{source}; "
        placed += 1
    line = line.rstrip("; ")
    if placed < n:
        line += f" … and {n - placed} more (every article is listed in the CSV/JSON export)"
    return [*head, *lines, line]


def briefing_figure(
    fig: go.Figure,
    *,
    title: str,
    description: str,
    data_date: str,
    sources: Iterable[str],
    width: int = WIDTH,
) -> go.Figure:
    """A copy of ``fig`` in the print style, with title, filters, data date and sources drawn in.

    Print style: white paper, near-black text, light grid; meaning already carried by marker shape
    in :mod:`lib.figures` survives greyscale. Text is escaped (plotly renders a subset of HTML).
    """
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    lines = _footnotes(description, data_date, list(sources))
    margin = out.layout.margin
    bottom = margin.b if margin.b is not None else 80
    foot = FOOT_LINE_PX * len(lines) + 16
    height = (out.layout.height or 560) + foot
    out.update_layout(
        template="simple_white",
        paper_bgcolor="white",
        plot_bgcolor="white",
        width=width,
        height=height,
        font=dict(color=INK),
        title=dict(
            text=html.escape(title),
            x=0.01,
            xanchor="left",
            font=dict(size=20, color=INK),
            subtitle=dict(text=html.escape(description), font=dict(size=12, color=MUTED)),
        ),
        margin=dict(b=bottom + foot, t=max(margin.t or 0, 90)),
    )
    # Pixel offsets from the bottom of the plot area, below whatever the figure already put there.
    out.add_annotation(
        text="<br>".join(html.escape(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-bottom,
        showarrow=False,
        align="left",
        font=dict(size=FOOT_SIZE, color=MUTED),
        name="dossier-footnote",
    )
    return out


# ---------------------------------------------------------------------------------------------- images
_KALEIDO_LOCK = threading.Lock()
_server_started = False


def _render(fig: go.Figure, fmt: str, *, scale: float = 1.0) -> bytes:
    """fig → image bytes through one persistent kaleido server (started on first use)."""
    global _server_started
    import kaleido

    with _KALEIDO_LOCK:  # one request at a time: Streamlit sessions render from several threads
        try:
            if not _server_started:
                kaleido.start_sync_server(silence_warnings=True)
                atexit.register(kaleido.stop_sync_server, silence_warnings=True)
                _server_started = True
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                return fig.to_image(
                    format=fmt, width=fig.layout.width or WIDTH, height=fig.layout.height or 600, scale=scale
                )
        except Exception as exc:  # kaleido raises many kinds; the analyst needs one clear reason
            raise ExportError(
                f"could not render the chart as {fmt.upper()} (Chromium and kaleido are "
                f"needed: apt-get install chromium): {exc}"
            ) from exc


def figure_png(
    fig: go.Figure,
    *,
    title: str,
    description: str,
    data_date: str,
    sources: Iterable[str],
    width: int = WIDTH,
    scale: float = 1.0,
) -> bytes:
    """PNG of :func:`briefing_figure`: ``width × scale`` pixels wide, the footer included in its height."""
    out = briefing_figure(
        fig, title=title, description=description, data_date=data_date, sources=sources, width=width
    )
    return _render(out, "png", scale=scale)


def figure_svg(
    fig: go.Figure,
    *,
    title: str,
    description: str,
    data_date: str,
    sources: Iterable[str],
    width: int = WIDTH,
) -> bytes:
    """SVG of :func:`briefing_figure` (text stays text: it can be edited in a slide tool)."""
    out = briefing_figure(
        fig, title=title, description=description, data_date=data_date, sources=sources, width=width
    )
    return _render(out, "svg")


def figure_pdf(fig: go.Figure) -> bytes:
    """One vector PDF page of a figure exactly as given (the briefing pack assembles these)."""
    return _render(fig, "pdf")


# ---------------------------------------------------------------------------------------------- tables
def facts_table(df: pd.DataFrame) -> pd.DataFrame:
    """The rows as given, columns ordered: id, the fact's own columns, correction status, provenance."""
    if df is None:
        return pd.DataFrame()
    cols = [c for c in df.columns if c not in _INTERNAL]
    own = [c for c in cols if c != "id" and c not in PROVENANCE and c not in CORRECTION]
    order = [
        *(["id"] if "id" in cols else []),
        *own,
        *(c for c in CORRECTION if c in cols),
        *(c for c in PROVENANCE if c in cols),
    ]
    return df[order].reset_index(drop=True)


def facts_csv(df: pd.DataFrame) -> bytes:
    """CSV (UTF-8) of exactly these rows; list cells joined with "; ", integral numbers without ".0"."""
    table = facts_table(df).copy()
    for col in table.columns:
        table[col] = [_csv_cell(v) for v in table[col]]
    return table.to_csv(index=False).encode("utf-8")


def facts_json(df: pd.DataFrame, *, kind: str | None = None, description: str | None = None) -> bytes:
    """``{"kind", "filters", "count", "facts": [...]}`` of exactly these rows; strict JSON (no NaN)."""
    table = facts_table(df)
    facts = [{k: _json_cell(v) for k, v in row.items()} for row in table.to_dict("records")]
    body = {"kind": kind, "filters": description, "count": len(facts), "facts": facts}
    return json.dumps(body, ensure_ascii=False, allow_nan=False, indent=1).encode("utf-8")


def _csv_cell(value: object) -> object:
    value = _json_cell(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def _json_cell(value: object) -> object:
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
        value = value.tolist() if hasattr(value, "tolist") else list(value)
        if isinstance(value, list):
            return [_json_cell(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return number(value)  # NaN and infinities become None: strict JSON
    return value if isinstance(value, str) else str(value)


# ---------------------------------------------------------------------------------------------- graphs
def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can hold: lists/tuples joined with "; ", None dropped.

    Edge keys become unique ("PRK|transfer|RUS"; GraphML uses them as edge ids) and each edge gets a
    ``weight`` (its report count), which Gephi, i2 and Maltego read as the edge weight.
    """
    g = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        g.add_node(str(node), **_plain_attrs(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = _plain_attrs(data)
        attrs.setdefault("action", str(key))
        attrs.setdefault("weight", attrs.get("count", 1))
        g.add_edge(str(u), str(v), key=f"{u}|{attrs['action']}|{v}", **attrs)
    return g


def _plain_attrs(data: Mapping) -> dict:
    out = {}
    for k, v in data.items():
        v = _json_cell(v)
        if v is None:
            continue
        out[str(k)] = "; ".join(str(x) for x in v) if isinstance(v, list) else v
    return out


def graph_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML (opens in Gephi, yEd, i2; loads back with ``nx.read_graphml``)."""
    buf = io.BytesIO()
    nx.write_graphml(plain_graph(graph), buf, encoding="utf-8")
    return buf.getvalue()


def graph_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (Gephi's own format; node labels from the ``label`` attribute)."""
    buf = io.BytesIO()
    nx.write_gexf(plain_graph(graph), buf, encoding="utf-8")
    return buf.getvalue()


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


__all__ = [
    "ExportError",
    "briefing_figure",
    "data_date_of",
    "facts_csv",
    "facts_json",
    "facts_table",
    "figure_pdf",
    "figure_png",
    "figure_svg",
    "graph_gexf",
    "graph_graphml",
    "plain_graph",
    "sources_of",
]
