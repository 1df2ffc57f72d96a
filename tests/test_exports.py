"""Briefing exports opened and checked: PNG/SVG with their context drawn in, CSV/JSON rows, GraphML/GEXF,
the standalone HTML briefing pack (offline, escaped) and the PDF. Images are rendered by the real
kaleido + Chromium (one server for the whole test process)."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import dashboard_fixtures
import networkx as nx
import pandas as pd
import plotly.offline
import pytest
from PIL import Image
from pypdf import PdfReader

from lib import briefing, exports
from lib.filters import Filters
from lib.graph import build_graph
from lib.store import Store

SOURCES = [f"Outlet {i}, 2025-05-{i % 28 + 1:02d}" for i in range(60)]
CONTEXT = dict(
    title="Ammunition: North Korea → Russia",
    description="North Korea, Russia · all dates",
    data_date="articles published up to 2025-05-30 · exported 2025-06-01",
    sources=SOURCES,
)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    store = Store(dashboard_fixtures.seed_store(tmp_path_factory))
    return briefing.gather(store, Filters())


@pytest.fixture(scope="module")
def views(seed):
    return briefing.figures(seed)


def test_context_is_drawn_into_the_figure(views):
    fig = exports.briefing_figure(views["quantities"], **CONTEXT)
    assert fig.layout.title.text == "Ammunition: North Korea → Russia"
    assert fig.layout.title.subtitle.text == "North Korea, Russia · all dates"
    foot = next(a.text for a in fig.layout.annotations if a.name == "dossier-footnote")
    assert "Filters: North Korea, Russia · all dates" in foot and "exported 2025-06-01" in foot
    assert "Sources (60 articles): Outlet 0, 2025-05-01" in foot
    listed = sum(f"Outlet {i}, " in foot for i in range(60))
    assert f"and {60 - listed} more" in foot  # the footnote says how many it could not list
    assert fig.layout.paper_bgcolor == "white" and fig.layout.height > views["quantities"].layout.height


def test_png_decodes_at_the_requested_size_and_is_not_blank(views):
    png = exports.figure_png(views["quantities"], **CONTEXT, width=1000, scale=2)
    img = Image.open(io.BytesIO(png))
    expected = exports.briefing_figure(views["quantities"], **CONTEXT, width=1000)
    assert img.format == "PNG" and img.size == (2000, 2 * expected.layout.height)
    grey = img.convert("L")
    assert grey.getextrema()[0] < 80  # dark text and marks on white
    assert len(grey.histogram()) and sum(1 for n in grey.histogram() if n) > 20


def test_svg_holds_title_and_footnote_text(views):
    svg = exports.figure_svg(views["network"], **CONTEXT).decode("utf-8")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    assert "Ammunition: North Korea → Russia" in text and "Outlet 0, 2025-05-01" in text
    assert "Filters: North Korea, Russia · all dates" in text


def test_csv_and_json_hold_exactly_the_shown_rows_with_provenance(seed):
    shown = Filters(actors=("PRK",)).apply(seed.facts["quantities"], kind="quantities")
    assert 0 < len(shown) < len(seed.facts["quantities"])
    table = pd.read_csv(io.BytesIO(exports.facts_csv(shown)), keep_default_na=False)
    assert table["id"].tolist() == shown["id"].tolist()
    for col in ("article_id", "outlet", "published", "sentence", "start", "end", "status"):
        assert col in table
    assert all("PRK" in a.split("; ") for a in table["actors"])
    doc = json.loads(exports.facts_json(shown, kind="quantities", description="North Korea"))
    assert doc["count"] == len(shown) and [f["id"] for f in doc["facts"]] == shown["id"].tolist()
    assert all(isinstance(f["actors"], list) and f["sentence"] for f in doc["facts"])


def test_graphml_and_gexf_load_back_with_the_same_graph(seed):
    g = build_graph(seed.facts["relations"], labels=seed.labels)
    edges = {(u, v, k) for u, v, k in g.edges(keys=True)}
    back = nx.read_graphml(io.BytesIO(exports.graph_graphml(g)))
    assert set(back.nodes) == set(g.nodes)
    assert {(u, v, d["action"]) for u, v, d in back.edges(data=True)} == edges
    assert all(isinstance(d["objects"], str) and d["weight"] >= 1 for *_, d in back.edges(data=True))
    gexf = exports.graph_gexf(g)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    nodes = ET.fromstring(gexf).findall(".//g:node", ns)
    assert {n.get("id") for n in nodes} == set(g.nodes)
    assert {n.get("label") for n in nodes} == {g.nodes[n]["label"] for n in g.nodes}
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_edges() == g.number_of_edges()


def test_briefing_html_is_standalone_offline_and_holds_the_four_views(seed):
    page = briefing.briefing_html(seed).decode("utf-8")
    assert page.startswith("<!doctype html>") and "Content-Security-Policy" in page
    assert page.count(plotly.offline.get_plotlyjs()) == 1  # plotly.js inlined once, no CDN
    rest = page.replace(plotly.offline.get_plotlyjs(), "")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", rest, re.I)
    assert "<script src" not in rest.lower() and "<link" not in rest.lower()
    urls = {u for u in seed.articles["url"].dropna()}
    assert set(re.findall(r"https?://[^\s\"'<>]+", rest)) <= urls  # article URLs, as text only
    for view in briefing.VIEWS:
        assert f'id="view-{view}"' in page
    assert page.count("Plotly.newPlot") == 4
    assert "Facts, with citations" in page and "[1] " in page and seed.description in page


def test_briefing_html_escapes_hostile_article_text(tmp_path_factory):
    store = Store(dashboard_fixtures.hostile_store(tmp_path_factory))
    page = briefing.briefing_html(store, Filters()).decode("utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, shown literally


def test_briefing_pdf_has_a_page_per_view(seed):
    pdf = briefing.briefing_pdf(seed)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2 + len(briefing.VIEWS)  # cover with facts, four views, sources
    assert "Dossier briefing" in reader.pages[0].extract_text()
    assert "Actor network" in reader.pages[1].extract_text()
