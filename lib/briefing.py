"""The briefing pack: one standalone HTML file (interactive, offline) and a PDF for the current filters.

Both hold the filter description and the date of the data, the four views (actor network, timeline,
quantities, claims), a short facts table with numbered citations, and the list of sources cited.
Facts are read through :meth:`lib.store.Store.facts`, so analyst corrections apply and rejected facts
stay out. Article text is untrusted: every string is ``html.escape``-d and no article URL is ever an
``href`` or ``src`` (URLs appear as text), and the HTML loads nothing: plotly.js is inlined and a
Content-Security-Policy forbids any network request.

>>> pack = briefing_html(Store("data/store"), Filters(actors=("PRK",)))   # doctest: +SKIP
>>> pack[:15]                                                              # doctest: +SKIP
b'<!doctype html>'
"""

from __future__ import annotations

import html
import io
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go

from lib import exports
from lib.corrections import fact_label
from lib.export import number
from lib.filters import Filters
from lib.records import FACT_KINDS
from lib.store import Store

MAX_FACTS = 30  # rows of the facts table; the rest are counted, and listed in the CSV/JSON exports
MAX_CLAIMS = 40  # rows of the claims table, largest figures first
MAX_PAGE_PX = 4000  # tallest PDF page (PDF viewers refuse pages over 200 inches)
MAX_PDF_SOURCES = 60  # the PDF's source page lists the articles cited first; the HTML lists them all
VIEWS = ("network", "timeline", "quantities", "claims")
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)


@dataclass(frozen=True)
class Briefing:
    """What a briefing shows: the filtered facts by kind, the articles behind them, words for the filters."""

    facts: dict[str, pd.DataFrame]
    articles: pd.DataFrame
    labels: dict[str, str]
    description: str
    data_date: str


def gather(store: Store, f: Filters) -> Briefing:
    """The facts the filters select, as the dashboard shows them: corrections applied, syndicated
    copies of one story counted once (``lib.syndication``), the network's group/focus settings applied
    to its relations. A click selection is left out: the pack briefs the filter set, not one mark."""
    from lib.graph import network_relations
    from lib.syndication import annotate, dedupe, stories

    f = replace(f, selected=None)
    raw = {k: store.facts(k) for k in FACT_KINDS}
    told = stories(store.articles(with_text=True))
    facts = {}
    for k in FACT_KINDS:
        quantities = raw["quantities"] if k == "relations" and f.objects else None
        shown = f.apply(annotate(raw[k], k, told), kind=k, quantities=quantities)
        facts[k] = dedupe(shown).reset_index(drop=True)
    facts["relations"] = network_relations(
        facts["relations"], members=f.members, focus=f.focus, depth=f.depth
    )
    labels = actor_labels(raw["actors"])
    shown = ("relations", "events", "quantities")  # the views' facts; mere mentions cite nothing
    ids = set().union(*(set(facts[k]["article_id"]) for k in shown if "article_id" in facts[k]))
    articles = store.articles(ids=ids, with_text=False)
    return Briefing(facts, articles, labels, f.describe(labels), exports.data_date_of(articles))


def actor_labels(mentions: pd.DataFrame) -> dict[str, str]:
    """Actor id → the name the extractor gave it most often ("RUS" → "Russia")."""
    if mentions.empty:
        return {}
    out = {}
    for actor, names in mentions.groupby("actor")["name"]:
        common = Counter(n for n in names if isinstance(n, str) and n).most_common(1)
        out[actor] = common[0][0] if common else actor
    return out


# ---------------------------------------------------------------------------------------------- views
def figures(b: Briefing) -> dict[str, go.Figure]:
    """The four views as plotly figures, each subtitled with the filter description."""
    from lib.figures import network_figure, quantities_figure, timeline_figure
    from lib.graph import build_graph, layout

    graph = build_graph(b.facts["relations"], labels=b.labels)
    return {
        "network": network_figure(graph, layout(graph, seed=7), subtitle=b.description),
        "timeline": timeline_figure(b.facts["events"], lane="actor", labels=b.labels, subtitle=b.description),
        "quantities": quantities_figure(b.facts["quantities"], log=True, subtitle=b.description),
        "claims": claims_table(b.facts["quantities"], b.labels, subtitle=b.description),
    }


def claims_table(qty: pd.DataFrame, labels: dict[str, str], *, subtitle: str = "") -> go.Figure:
    """Reported figures with who claims them, where and when, and their bounds, grouped by category;
    cumulative figures ("since 2023", "so far") are marked so nobody adds them to per-period ones.
    At most ``MAX_CLAIMS`` rows (the largest figures); the title says how many more the CSV holds."""
    rows = qty
    if len(rows):
        size = rows[["value", "low", "high"]].max(axis=1)
        rows = rows.assign(_size=size).sort_values("_size", ascending=False).head(MAX_CLAIMS)
        rows = rows.sort_values(["category", "_size"], ascending=[True, False])
    more = len(qty) - len(rows)
    cols = {
        "Category": rows.get("category", []),
        "Figure as reported": rows.get("text", []),
        "Qualifier": rows.get("qualifier", []),
        "Bounds": [_bounds(r) for r in rows.to_dict("records")],
        "Actors": [", ".join(labels.get(a, a) for a in (xs or [])) for xs in rows.get("actors", [])],
        "Claimed by": [c if isinstance(c, str) and c else "not attributed" for c in rows.get("claimant", [])],
        "Outlet, date": [_cite(r) for r in rows.to_dict("records")],
        "Cumulative": ["cumulative" if c else "" for c in rows.get("cumulative", [])],
        "Status": [s if s != "extracted" else "" for s in rows.get("status", [""] * len(rows))],
    }
    widths = [70, 190, 70, 110, 150, 130, 150, 70, 70]
    fig = go.Figure(
        go.Table(
            columnwidth=widths,
            header=dict(
                values=[f"<b>{k}</b>" for k in cols],
                fill_color="#e4e7eb",
                align="left",
                font=dict(color=exports.INK, size=12),
            ),
            cells=dict(
                values=[[html.escape(_plain(v)) for v in col] for col in cols.values()],
                align="left",
                fill_color="white",
                line_color="#c9cfd6",
                font=dict(color=exports.INK, size=11),
                height=24,
            ),
        )
    )
    fig.update_layout(
        template="simple_white",
        height=table_height([[_plain(v) for v in col] for col in cols.values()], widths, top=90),
        margin=dict(l=20, r=20, t=90, b=40),
        title=dict(
            text="Competing estimates: every reported figure and who claims it"
            + (f" (the {len(rows)} largest; {more} more in the CSV export)" if more else ""),
            x=0.01,
            font=dict(size=18, color=exports.INK),
            subtitle=dict(text=html.escape(subtitle), font=dict(size=12, color=exports.MUTED)),
        ),
    )
    return fig


def table_height(columns: list[list[str]], widths: list[int], *, top: int, width: int = exports.WIDTH) -> int:
    """Pixel height that shows every row of a plotly table without its inner scrollbar: plotly wraps
    cell text to the column width, so each row is as tall as its longest cell's line count."""
    usable = width - 40
    col_px = [usable * w / sum(widths) for w in widths]
    rows = zip(*columns, strict=True) if columns else []
    height = top + 40 + 34  # title, bottom margin, header row
    for row in rows:
        lines = max(
            max(1, -(-len(text) * 6 // max(int(px) - 12, 1))) for text, px in zip(row, col_px, strict=True)
        )
        height += 16 * lines + 12
    return max(300, int(height))


def _bounds(r: dict) -> str:
    low, high = number(r.get("low")), number(r.get("high"))
    if low is None and high is None:
        return "no bounds stated"
    return f"{'…' if low is None else f'{low:,}'} – {'…' if high is None else f'{high:,}'}"


def _cite(r: dict) -> str:
    published = r.get("published") if isinstance(r.get("published"), str) else "date unknown"
    return f"{r.get('outlet') if isinstance(r.get('outlet'), str) else 'unknown outlet'}, {published}"


def _plain(v: object) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


# ---------------------------------------------------------------------------------------------- facts
def facts_rows(b: Briefing, limit: int = MAX_FACTS) -> tuple[pd.DataFrame, int]:
    """The short facts table: quantities (largest first), then relations, then events, each with the
    number of its source in :func:`source_list`; returns (rows, how many facts did not fit)."""
    numbers = {a: i for i, a in enumerate(source_list(b)["article_id"], 1)}
    rows = []
    for kind in ("quantities", "relations", "events"):
        df = b.facts[kind]
        if kind == "quantities" and len(df):
            df = df.assign(_size=df[["value", "low", "high"]].max(axis=1)).sort_values(
                "_size", ascending=False
            )
        for r in df.to_dict("records"):
            rows.append(
                {
                    "kind": kind[:-1] if kind != "quantities" else "quantity",
                    "fact": fact_label(kind, r, b.labels),
                    "claimed by": r.get("claimant") or "",
                    "status": r.get("status", ""),
                    "sentence": r.get("sentence") or "",
                    "source": f"[{numbers.get(r['article_id'], '?')}] {_cite(r)}",
                }
            )
    table = pd.DataFrame(rows, columns=["kind", "fact", "claimed by", "status", "sentence", "source"])
    return table.head(limit), max(0, len(table) - limit)


def source_list(b: Briefing) -> pd.DataFrame:
    """Articles behind the facts, oldest first (undated last), numbered in the facts table."""
    a = b.articles
    if a.empty:
        return pd.DataFrame(columns=["article_id", "outlet", "published", "title", "url"])
    a = a.assign(_d=a["published"].fillna("9999")).sort_values(["_d", "outlet", "title"])
    return a.rename(columns={"id": "article_id"})[["article_id", "outlet", "published", "title", "url"]]


# ---------------------------------------------------------------------------------------------- HTML
def briefing_html(source: Store | Briefing, f: Filters | None = None) -> bytes:
    """One standalone, offline HTML file (UTF-8 bytes) of the briefing for ``f``."""
    b = source if isinstance(source, Briefing) else gather(source, f or Filters())
    figs = figures(b)
    views = []
    for i, (name, fig) in enumerate(figs.items()):
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=(i == 0),
            div_id=f"view-{name}",
            config={"displaylogo": False, "responsive": True},
        )
        views.append(f'<section class="view" id="{name}">{div}</section>')
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(
        [
            "<header><h1>Dossier briefing</h1>",
            f"<p class=meta><b>Showing:</b> {_e(b.description)}<br><b>Data:</b> {_e(b.data_date)}"
            f" · generated {_e(generated)}<br>{_counts(b)}</p></header>",
            *views,
            _facts_html(b),
            _sources_html(b),
        ]
    )
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>Dossier briefing — {_e(b.description)}</title><style>{_CSS}</style></head>"
        f"<body>{body}</body></html>"
    )
    return page.encode("utf-8")


_CSS = """
body {font-family: Arial, Helvetica, sans-serif; color: #111; margin: 24px auto; max-width: 1240px;}
h1 {font-size: 26px; margin: 0 0 6px;} h2 {font-size: 19px; margin: 28px 0 8px;}
.meta {color: #3e4c59; font-size: 14px; line-height: 1.5;}
.view {border-top: 1px solid #c9cfd6; padding-top: 8px; margin-top: 16px; page-break-inside: avoid;}
table {border-collapse: collapse; width: 100%; font-size: 13px;}
th, td {border: 1px solid #c9cfd6; padding: 4px 6px; text-align: left; vertical-align: top;}
th {background: #e4e7eb;} td.s {color: #3e4c59; font-style: italic;}
.corrected {font-weight: bold;}
"""


def _e(text: object) -> str:
    return html.escape(_plain(text))


def _counts(b: Briefing) -> str:
    parts = [
        f"{len(b.articles)} article(s)",
        *(f"{len(b.facts[k])} {k}" for k in ("relations", "events", "quantities")),
    ]
    return _e(" · ".join(parts))


def _facts_html(b: Briefing) -> str:
    rows, more = facts_rows(b)
    head = "".join(f"<th>{_e(c)}</th>" for c in rows.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"s" if c == "sentence" else ""}'
            f'{" corrected" if c == "status" and v == "corrected" else ""}">{_e(v)}</td>'
            for c, v in r.items()
        )
        + "</tr>"
        for r in rows.to_dict("records")
    )
    note = f"<p class=meta>… and {more} more fact(s), listed in the CSV/JSON exports.</p>" if more else ""
    table = f"<table><tr>{head}</tr>{body}</table>"
    return f'<section id="facts"><h2>Facts, with citations</h2>{table}{note}</section>'


def _sources_html(b: Briefing) -> str:
    items = "".join(
        f"<li>{_e(_plain(r['outlet']) or 'unknown outlet')}, {_e(_plain(r['published']) or 'date unknown')}: "
        f"“{_e(r['title'])}”{(' — ' + _e(r['url'])) if _plain(r['url']) else ''}</li>"
        for r in source_list(b).to_dict("records")
    )
    return f'<section id="sources"><h2>Sources</h2><ol>{items}</ol></section>'


# ---------------------------------------------------------------------------------------------- PDF
def briefing_pdf(source: Store | Briefing, f: Filters | None = None) -> bytes:
    """The briefing as a PDF: a cover page (filters, data date, facts table with citations), one
    page per view with its footnote of sources, and the numbered source list. Vector pages rendered
    by kaleido, joined with pypdf."""
    from pypdf import PdfReader, PdfWriter

    b = source if isinstance(source, Briefing) else gather(source, f or Filters())
    sources = exports.sources_of(b.articles.rename(columns={"id": "article_id"}))
    pages = [_cover(b)]
    for name, fig in figures(b).items():
        title = html.unescape(fig.layout.title.text or name)
        if (fig.layout.height or 0) > MAX_PAGE_PX:  # a timeline with hundreds of lanes: keep a printable page
            fig = go.Figure(fig).update_layout(height=MAX_PAGE_PX)
        pages.append(
            exports.briefing_figure(
                fig, title=title, description=b.description, data_date=b.data_date, sources=sources
            )
        )
    pages.append(_sources_page(b))
    writer = PdfWriter()
    for page in pages:
        for p in PdfReader(io.BytesIO(exports.figure_pdf(page))).pages:
            writer.add_page(p)
    writer.add_metadata({"/Title": f"Dossier briefing — {b.description}", "/Producer": "Dossier"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _table_figure(df: pd.DataFrame, *, title: str, subtitle: str, widths: list[int]) -> go.Figure:
    fig = go.Figure(
        go.Table(
            columnwidth=widths,
            header=dict(
                values=[f"<b>{html.escape(c)}</b>" for c in df.columns],
                fill_color="#e4e7eb",
                align="left",
                font=dict(color=exports.INK, size=12),
            ),
            cells=dict(
                values=[[html.escape(_plain(v)) for v in df[c]] for c in df.columns],
                align="left",
                fill_color="white",
                line_color="#c9cfd6",
                font=dict(color=exports.INK, size=10),
            ),
        )
    )
    fig.update_layout(
        template="simple_white",
        width=exports.WIDTH,
        height=table_height([[_plain(v) for v in df[c]] for c in df.columns], widths, top=110),
        margin=dict(l=20, r=20, t=110, b=30),
        title=dict(
            text=html.escape(title),
            x=0.01,
            font=dict(size=20, color=exports.INK),
            subtitle=dict(text=html.escape(subtitle), font=dict(size=12, color=exports.MUTED)),
        ),
    )
    return fig


def _cover(b: Briefing) -> go.Figure:
    rows, more = facts_rows(b)
    rows = rows.assign(sentence=[s if len(s) <= 220 else s[:219] + "…" for s in rows["sentence"]])
    extra = f" · {more} more fact(s) in the CSV/JSON exports" if more else ""
    return _table_figure(
        rows,
        title="Dossier briefing: facts, with citations",
        subtitle=f"Showing: {b.description} · Data: {b.data_date}{extra}",
        widths=[55, 190, 90, 65, 420, 150],
    )


def _sources_page(b: Briefing) -> go.Figure:
    src = source_list(b).reset_index(drop=True)
    src.insert(0, "#", [str(i) for i in range(1, len(src) + 1)])
    rows, _ = facts_rows(b)
    cited = {int(c[1:].split("]")[0]) for c in rows["source"] if c[1:].split("]")[0].isdigit()}
    # Cited articles first, then the others behind the charts, up to a page a printer can take.
    order = sorted(range(len(src)), key=lambda i: (i + 1 not in cited, i))[:MAX_PDF_SOURCES]
    shown = src.iloc[sorted(order)]
    more = len(src) - len(shown)
    note = f" · {more} more article(s) listed in the HTML pack and the CSV/JSON exports" if more else ""
    return _table_figure(
        shown[["#", "outlet", "published", "title", "url"]],
        title="Sources",
        subtitle=f"Showing: {b.description}{note}",
        widths=[25, 130, 80, 420, 300],
    )


__all__ = [
    "Briefing",
    "VIEWS",
    "briefing_html",
    "briefing_pdf",
    "claims_table",
    "facts_rows",
    "figures",
    "gather",
    "source_list",
]
