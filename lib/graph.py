"""The actor network as a networkx graph: who did what to whom, how often, with the sentences.

Pure functions over a relations frame (ARCHITECTURE.md columns); :mod:`lib.figures` draws the result.

>>> import pandas as pd
>>> rel = pd.DataFrame({"id": ["r1", "r2"], "article_id": ["a", "b"], "source": ["PRK", "PRK"],
...                     "target": ["RUS", "RUS"], "action": ["transfer", "transfer"],
...                     "object": ["missiles", "shells"], "sentence": ["s1", "s2"]})
>>> g = build_graph(rel)
>>> g["PRK"]["RUS"]["transfer"]["count"], g["PRK"]["RUS"]["transfer"]["objects"]
(2, ('missiles', 'shells'))
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pandas as pd

MAX_SENTENCES = 3  # examples kept per edge for hover; the evidence table holds all of them


def build_graph(relations: pd.DataFrame, *, labels: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """A directed multigraph with one edge per (source, target, action), keyed by the action.

    Edge attributes: ``action``, ``count`` (how many relation records report it), ``objects`` (distinct
    objects in first-seen order), ``sentences`` (up to :data:`MAX_SENTENCES` distinct examples),
    ``ids`` and ``articles`` (all relation and article ids, for linking back to evidence).
    Node attributes: ``label`` (from ``labels``, else the id) and ``centrality`` (degree centrality
    of the underlying simple graph, 0..1). Rows missing a source, target or action are skipped, and
    self-loops are kept (an actor can act on itself, e.g. "Russia deployed its troops").
    """
    g = nx.MultiDiGraph()
    if relations is None or relations.empty:
        return g
    rows = relations.dropna(subset=["source", "target", "action"])
    for (src, dst, action), grp in rows.groupby(["source", "target", "action"], sort=True):
        g.add_edge(
            src,
            dst,
            key=action,
            action=action,
            count=len(grp),
            objects=_distinct(grp.get("object")),
            sentences=_distinct(grp.get("sentence"))[:MAX_SENTENCES],
            ids=tuple(grp["id"]) if "id" in grp else (),
            articles=_distinct(grp.get("article_id")),
        )
    centrality = nx.degree_centrality(nx.Graph(g)) if len(g) > 1 else {n: 0.0 for n in g}
    for node in g.nodes:
        g.nodes[node]["label"] = (labels or {}).get(node, node)
        g.nodes[node]["centrality"] = float(centrality.get(node, 0.0))
    return g


def layout(graph: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², the same for the same graph and seed (so views do not jump).

    A seeded spring layout (Kamada–Kawai would be tidier but needs scipy, which we do not ship).
    """
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    # k a little above networkx's default spreads labelled nodes so names do not overlap.
    pos = nx.spring_layout(nx.Graph(graph), seed=seed, k=1.6 / len(graph) ** 0.5, iterations=100)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _distinct(values: pd.Series | None) -> tuple[str, ...]:
    if values is None:
        return ()
    seen: dict[str, None] = {}
    for v in values:
        if isinstance(v, str) and v:
            seen.setdefault(v, None)
    return tuple(seen)
