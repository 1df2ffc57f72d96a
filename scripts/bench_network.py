"""The Network view at scale: layout and figure time for a 300-actor graph, and how many names collide.

A script, not a test (timings are machine-dependent). The graph is synthetic but shaped like news
relations: one preferential-attachment core (a few hubs, many leaves) plus small separate clusters.

    .venv/bin/python scripts/bench_network.py [n_nodes]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib.figures import network_figure  # noqa: E402
from lib.figures_network import _PLACES, LABEL_TOP, _overlap, label_places  # noqa: E402
from lib.graph import build_graph, layout, top_nodes  # noqa: E402

ACTIONS = ("transfer", "supply", "attack", "sanction", "meet", "accuse", "deploy", "condemn")


def relations(n: int) -> pd.DataFrame:
    core = nx.barabasi_albert_graph(int(n * 0.8), 2, seed=3)
    rows = [(f"A{u}", f"A{v}") for u, v in core.edges()]
    k = int(n * 0.8)
    while k < n:  # small clusters of 2-4 actors, as in a news corpus
        size = 2 + k % 3
        rows += [(f"A{k}", f"A{k + i}") for i in range(1, min(size, n - k))]
        k += size
    return pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(len(rows))],
            "article_id": [f"a{i % 50}" for i in range(len(rows))],
            "source": [u for u, _ in rows],
            "target": [v for _, v in rows],
            "action": [ACTIONS[i % len(ACTIONS)] for i in range(len(rows))],
            "object": ["x"] * len(rows),
            "sentence": ["s"] * len(rows),
        }
    )


def collisions(pos: dict, g: nx.Graph, places: dict) -> int:
    """Pairs of drawn names whose boxes overlap (the box geometry of lib.figures_network)."""
    boxes = []
    for n, where in places.items():
        x, y = pos[n]
        w, h = 0.018 * len(str(g.nodes[n].get("label", n))) + 0.02, 0.07
        bx, by = _PLACES[where]
        boxes.append((x + bx * w - w / 2, y + by * h - h / 2, w, h))
    return sum(1 for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _overlap(boxes[i], boxes[j]))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rel = relations(n)
    t0 = time.perf_counter()
    g = build_graph(rel)
    t1 = time.perf_counter()
    pos = layout(g)
    t2 = time.perf_counter()
    fig = network_figure(g, pos)
    t3 = time.perf_counter()
    fig = network_figure(g, pos)  # again, now that plotly's templates are loaded
    t3b = time.perf_counter()
    places = label_places(pos, top_nodes(g, LABEL_TOP), g)
    every = dict.fromkeys(g.nodes, "top center")  # the old figure: every name, above its node
    print(
        f"{len(g)} actors, {g.number_of_edges()} edges, "
        f"{nx.number_connected_components(nx.Graph(g))} components"
    )
    print(
        f"build_graph {t1 - t0:.3f} s · layout {t2 - t1:.3f} s · figure {t3 - t2:.3f} s first, "
        f"{t3b - t3:.3f} s warm"
    )
    print(f"every name drawn above its node: {collisions(pos, g, every)} overlapping name pairs")
    print(
        f"now: {len(places)} names drawn (of the {LABEL_TOP} most central), "
        f"{collisions(pos, g, places)} overlapping pairs; the rest on hover"
    )
    print(f"traces {len(fig.data)} · annotations {len(fig.layout.annotations)}")


if __name__ == "__main__":
    main()
