"""The network at scale: focus, group ↔ members, edge filters by object, layout, labels, selection keys."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from lib.figures import network_figure
from lib.figures_network import _PLACES, ARROW_LIMIT, _overlap, label_places
from lib.graph import (
    CENTRALITY,
    build_graph,
    expand_members,
    focus_relations,
    layout,
    network_relations,
    object_mask,
    top_nodes,
)

MSMT = "Multilateral Sanctions Monitoring Team"


def rel(*rows: tuple, **extra) -> pd.DataFrame:
    """Relations frame from (source, action, target, object[, sentence]) tuples."""
    out = []
    for i, r in enumerate(rows):
        src, action, dst, obj = r[:4]
        out.append(
            {
                "id": f"r{i}",
                "article_id": "a1",
                "source": src,
                "target": dst,
                "action": action,
                "object": obj,
                "sentence": r[4] if len(r) > 4 else f"s{i}",
                **extra,
            }
        )
    return pd.DataFrame(out)


CHAIN = rel(
    ("PRK", "supply", "RUS", "shells"),
    ("RUS", "attack", "UKR", "cities"),
    ("UKR", "meet", "USA", None),
    ("CHN", "buy", "IRN", "oil"),
)


def test_focus_keeps_the_neighbourhood_to_the_depth_asked():
    one = focus_relations(CHAIN, "PRK", depth=1)
    two = focus_relations(CHAIN, "PRK", depth=2)
    assert list(one["id"]) == ["r0"]
    assert list(two["id"]) == ["r0", "r1"]  # RUS's other link, but not UKR→USA (3 steps away)
    assert set(focus_relations(CHAIN, "UKR", depth=1)["id"]) == {"r1", "r2"}  # direction ignored
    assert focus_relations(CHAIN, "ZZZ").empty
    assert len(network_relations(CHAIN, focus="PRK", depth=2)) == 2


def test_group_expands_into_its_member_states_and_says_via_which_group():
    df = rel((MSMT, "accuse", "PRK", "sanctions violations"), ("PRK", "supply", "RUS", "shells"))
    assert len(network_relations(df)) == 2  # toggle off: the group is one node
    g_group = build_graph(df)
    assert MSMT in g_group and len(g_group.nodes[MSMT]["members"]) == 11
    wide = network_relations(df, members=True)
    accusers = wide[wide["action"] == "accuse"]
    assert len(accusers) == 11 and {"USA", "KOR", "JPN", "GBR"} <= set(accusers["source"])
    assert set(accusers["via"]) == {MSMT} and wide[wide["action"] == "supply"]["via"].isna().all()
    g = build_graph(wide)
    assert MSMT not in g and g.has_edge("KOR", "PRK") and g.nodes["KOR"]["members"] == ()
    assert expand_members(pd.DataFrame()).empty


def test_object_filter_matches_object_words_categories_and_same_sentence_quantities():
    df = rel(
        ("PRK", "supply", "RUS", "arms", "S1"),
        ("RUS", "supply", "PRK", "refined petroleum products", "S2"),
        ("PRK", "deploy", "RUS", "more than 11,000 soldiers", "S3"),
        ("RUS", "transfer", "PRK", "artillery shells", "S4"),
    )
    quantities = pd.DataFrame(
        {
            "article_id": ["a1"],
            "sentence": ["S1"],
            "category": ["ammunition"],
            "text": ["as many as 9 million rounds"],
        }
    )
    ammo = object_mask(df, quantities, ["ammunition"])
    assert list(ammo) == [True, False, False, True]  # S1 via its quantity, S4 via "shells"
    assert list(object_mask(df, None, ["ammunition"])) == [False, False, False, True]
    assert list(object_mask(df, quantities, ["oil"])) == [False, True, False, False]  # petroleum → oil
    assert list(object_mask(df, quantities, ["troops"])) == [False, False, True, False]  # soldiers → troops
    assert object_mask(df, quantities, []).all()


def test_layout_is_seeded_spread_and_keeps_components_apart():
    big = nx.barabasi_albert_graph(60, 2, seed=1)
    df = rel(*[(f"A{u}", "meet", f"A{v}", None) for u, v in big.edges()], ("X1", "meet", "X2", None))
    g = build_graph(df)
    pos = layout(g)
    assert pos == layout(g) and set(pos) == set(g.nodes)
    assert all(-1.01 <= c <= 1.01 for p in pos.values() for c in p)
    core = [pos[f"A{i}"] for i in range(60)]
    span = max(p[0] for p in core) - min(p[0] for p in core)
    assert span > 0.8  # the big component gets most of the width, not a knot in the middle
    first = top_nodes(g, 3)[0]
    assert g.nodes[first]["centrality"] == max(c for _, c in g.nodes(data="centrality"))


def test_large_network_names_only_the_most_central_without_overlap():
    ba = nx.barabasi_albert_graph(300, 2, seed=3)
    g = build_graph(rel(*[(f"A{u}", "supply" if u % 2 else "meet", f"A{v}", None) for u, v in ba.edges()]))
    pos = layout(g)
    fig = network_figure(g, pos, selected="actor:A299")
    nodes = fig.data[-1]
    named = [t for t in nodes.text if t]
    assert 5 <= len(named) <= 31 and "A299" in named  # the selected actor is always named
    assert nodes.name == f"actor (size = {CENTRALITY})"
    assert g.number_of_edges() > ARROW_LIMIT and not [a for a in fig.layout.annotations if a.showarrow]
    assert any(t.mode == "lines+markers" and t.marker.symbol == "arrow" for t in fig.data)
    places = label_places(pos, top_nodes(g, 30), g)
    boxes = []
    for n, where in places.items():
        w, h = 0.018 * len(n) + 0.02, 0.07
        bx, by = _PLACES[where]
        boxes.append((pos[n][0] + bx * w - w / 2, pos[n][1] + by * h - h / 2, w, h))
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_every_node_and_edge_carries_its_selection_and_the_selected_is_outlined():
    g = build_graph(CHAIN)
    fig = network_figure(g, layout(g), selected="edge:PRK>RUS:supply")
    nodes = fig.data[-1]
    assert sorted(nodes.customdata) == sorted(f"actor:{n}" for n in g.nodes)
    edges = [k for t in fig.data[:-1] for k in (t.customdata or ())]
    assert sorted(edges) == sorted(f"edge:{u}>{v}:{a}" for u, v, a in g.edges(keys=True))
    supply = next(t for t in fig.data if t.name == "supply")
    assert supply.marker.line.color[list(supply.customdata).index("edge:PRK>RUS:supply")] == "#D55E00"
    assert [a for a in fig.layout.annotations if a.showarrow]  # a small graph keeps real arrowheads
