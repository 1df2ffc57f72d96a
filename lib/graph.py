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

import math
import re
from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd

from lib.actors import expand_group
from lib.quantity_words import CATEGORY_WORDS

MAX_SENTENCES = 3  # examples kept per edge for hover; the evidence table holds all of them
CENTRALITY = "degree centrality"  # the measure behind node size, named in the legend
_WORD = re.compile(r"[a-z]+")


def build_graph(relations: pd.DataFrame, *, labels: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """A directed multigraph with one edge per (source, target, action), keyed by the action.

    Edge attributes: ``action``, ``count`` (how many relation records report it), ``objects`` (distinct
    objects in first-seen order), ``sentences`` (up to :data:`MAX_SENTENCES` distinct examples),
    ``ids`` and ``articles`` (all relation and article ids, for linking back to evidence).
    Node attributes: ``label`` (from ``labels``, else the id), ``centrality`` (degree centrality
    of the underlying simple graph, 0..1; :data:`CENTRALITY` names it) and ``members`` (the member
    states of a group actor such as MSMT, else empty). Rows missing a source, target or action are
    skipped, and self-loops are kept (an actor can act on itself, e.g. "Russia deployed its troops").
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
        members = expand_group(str(node))
        g.nodes[node]["members"] = members if members != (node,) else ()
    return g


def top_nodes(graph: nx.Graph, n: int) -> list[str]:
    """The ``n`` most central nodes (ties by id), the ones whose names are drawn at any graph size."""
    ranked = sorted(graph.nodes, key=lambda x: (-graph.nodes[x].get("centrality", 0.0), str(x)))
    return ranked[:n]


# ---------------------------------------------------------------------------------------------- network view
def network_relations(
    relations: pd.DataFrame,
    *,
    members: bool = False,
    focus: str | None = None,
    depth: int = 1,
) -> pd.DataFrame:
    """The relations the Network view draws: groups optionally expanded, then focused on one actor.

    ``members``: a group actor (MSMT, G7) is replaced by each of its member states (see
    :func:`expand_members`). ``focus``: keep only relations between actors within ``depth`` (1 or 2)
    hops of ``focus`` in the undirected graph (its ego network); an actor not in the graph gives an
    empty frame. The evidence table shows exactly these rows.
    """
    out = expand_members(relations) if members else relations
    if focus:
        out = focus_relations(out, focus, depth=depth)
    return out


def network_actors(relations: pd.DataFrame) -> list[str]:
    """The actors the Network can focus on, most connected first: every relation endpoint, then the
    member states of its groups (what "Groups as member states" draws). Focusing on any other actor
    gives an empty graph, so the picker offers these only (a few hundred on a 20,000-article store
    instead of every mentioned actor: 600 KB less sent to the browser on each run).

    >>> network_actors(pd.DataFrame({"source": ["B", "A", "C"], "target": ["C", None, "C"]}))
    ['C', 'A', 'B']
    """
    if relations is None or relations.empty:
        return []
    ends = pd.concat([relations["source"], relations["target"]]).dropna()
    counts = ends[[isinstance(a, str) for a in ends]].value_counts()
    ranked = sorted(counts.index, key=lambda a: (-counts[a], a))  # ties by id: the same order every run
    members = sorted({m for a in ranked for m in expand_group(a)} - set(ranked))
    return ranked + members


def expand_members(relations: pd.DataFrame) -> pd.DataFrame:
    """Each relation whose source or target is a group becomes one row per member state.

    The original group goes into a ``via`` column ("Multilateral Sanctions Monitoring Team"), so
    every expanded row still says where it came from; non-group rows have ``via`` None.

    >>> rel = pd.DataFrame({"source": ["MSMT"], "target": ["PRK"], "action": ["accuse"]})
    >>> len(expand_members(rel)), expand_members(rel)["via"].iloc[0]
    (11, 'MSMT')
    """
    if relations is None or relations.empty:
        return relations
    rows = []
    for rec in relations.to_dict("records"):
        src, dst = rec.get("source"), rec.get("target")
        srcs = expand_group(src) if isinstance(src, str) else (src,)
        dsts = expand_group(dst) if isinstance(dst, str) else (dst,)
        via = ", ".join(x for x, xs in ((src, srcs), (dst, dsts)) if xs != (x,)) or None
        rows += [{**rec, "source": s, "target": d, "via": via} for s in srcs for d in dsts]
    return pd.DataFrame(rows, columns=[*relations.columns, *(["via"] if "via" not in relations else [])])


def focus_relations(relations: pd.DataFrame, actor: str, *, depth: int = 1) -> pd.DataFrame:
    """Relations among the actors within ``depth`` hops of ``actor`` (direction ignored for reach).

    >>> rel = pd.DataFrame({"source": ["A", "B", "C"], "target": ["B", "C", "D"]})
    >>> list(focus_relations(rel, "A", depth=1)["target"]), len(focus_relations(rel, "A", depth=2))
    (['B'], 2)
    """
    if relations is None or relations.empty:
        return relations
    ends = relations.dropna(subset=["source", "target"])
    g = nx.Graph()
    g.add_edges_from(zip(ends["source"], ends["target"], strict=True))
    if actor not in g:
        return relations.iloc[0:0]
    near = set(nx.ego_graph(g, actor, radius=max(1, min(int(depth), 2))).nodes)
    return relations[relations["source"].isin(near) & relations["target"].isin(near)]


def object_mask(
    relations: pd.DataFrame, quantities: pd.DataFrame | None, keywords: Iterable[str]
) -> pd.Series:
    """Which relations are about one of ``keywords`` ("ammunition", "troops", "oil", or any word).

    A relation matches when its object names the keyword, or a word of the keyword's category
    ("ammunition" → shells, rounds, munitions; see ``lib.quantity_words.CATEGORY_WORDS``), or when a
    quantity of that category (or whose text names the keyword) stands in the same sentence of the
    same article: "supplied Russia with as many as 9 million rounds" is about ammunition even when
    the relation's object is "arms".
    """
    words = [k.strip().lower() for k in keywords if k and k.strip()]
    if relations is None or relations.empty or not words:
        return pd.Series(True, index=getattr(relations, "index", None), dtype=bool)
    by_sentence = _quantity_words(quantities)
    objects = relations["object"] if "object" in relations else [None] * len(relations)
    keep = []
    for art, sentence, obj in zip(relations["article_id"], relations["sentence"], objects, strict=True):
        found = _terms(obj) | by_sentence.get((art, sentence), set())
        keep.append(any(_matches(k, found) for k in words))
    return pd.Series(keep, index=relations.index, dtype=bool)


def quantity_object_mask(quantities: pd.DataFrame, keywords: Iterable[str]) -> pd.Series:
    """Which quantities are about one of ``keywords``: by category, or a word of their text or unit."""
    words = [k.strip().lower() for k in keywords if k and k.strip()]
    if quantities is None or quantities.empty or not words:
        return pd.Series(True, index=getattr(quantities, "index", None), dtype=bool)
    texts = quantities["text"] if "text" in quantities else [None] * len(quantities)
    units = quantities["unit"] if "unit" in quantities else [None] * len(quantities)
    keep = [
        any(_matches(k, _terms(text) | _terms(unit) | {str(cat)}) for k in words)
        for text, unit, cat in zip(texts, units, quantities["category"], strict=True)
    ]
    return pd.Series(keep, index=quantities.index, dtype=bool)


def _terms(text: object) -> set[str]:
    """Lower-case words of ``text`` plus the categories they name ("shells" → shell, ammunition)."""
    if not isinstance(text, str):
        return set()
    words = set(_WORD.findall(text.lower()))
    singular = {w[:-1] for w in words if w.endswith("s")}  # a plural's lemma, cheaply
    found = words | singular
    return found | {CATEGORY_WORDS[w] for w in found if w in CATEGORY_WORDS}


def _quantity_words(quantities: pd.DataFrame | None) -> dict[tuple, set[str]]:
    if quantities is None or quantities.empty:
        return {}
    out: dict[tuple, set[str]] = {}
    texts = quantities["text"] if "text" in quantities else [None] * len(quantities)
    for art, sentence, category, text in zip(
        quantities["article_id"], quantities["sentence"], quantities["category"], texts, strict=True
    ):
        out.setdefault((art, sentence), set()).update({str(category)} | _terms(text))
    return out


def _matches(keyword: str, found: set[str]) -> bool:
    # A multi-word keyword matches when all its words are there ("ballistic missile").
    return all(w in found or w.rstrip("s") in found for w in _WORD.findall(keyword))


def layout(graph: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions in about [-1, 1]², the same for the same graph and seed (so views do not jump).

    Each connected component is laid out on its own (a seeded spring layout; Kamada–Kawai would be
    tidier but needs scipy, which we do not ship) in a square whose side grows as size^0.75 (big
    components get room for their names), and the squares are packed in rows, largest first. Laid
    out together, the many small components of a news network push the big one into a knot.
    """
    if len(graph) == 0:
        return {}
    simple = nx.Graph(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    comps = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    boxes = [(_component_layout(simple.subgraph(c), seed), len(c) ** 0.75) for c in comps]
    placed = _pack(boxes)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (2 * (x - cx) / span, 2 * (y - cy) / span) for n, (x, y) in placed.items()}


def _component_layout(g: nx.Graph, seed: int) -> dict:
    """One component in [-1, 1]²; one or two nodes need no physics."""
    nodes = sorted(g.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-0.6, 0.0), nodes[1]: (0.6, 0.0)}
    # k a little above networkx's default spreads labelled nodes so names do not overlap.
    pos = nx.spring_layout(g, seed=seed, k=2.2 / len(nodes) ** 0.5, iterations=150)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _pack(boxes: list[tuple[dict, float]]) -> dict:
    """Place each component's square in rows, left to right, largest first."""
    width = max(boxes[0][1], math.sqrt(sum(side * side for _, side in boxes)) * 1.2, 1e-9)
    placed, x, y, row_h = {}, 0.0, 0.0, 0.0
    for pos, side in boxes:
        if x > 0 and x + side > width:
            x, y, row_h = 0.0, y - row_h * 1.15, 0.0
        for n, (px, py) in pos.items():
            placed[n] = (x + side / 2 + px * side * 0.45, y - side / 2 + py * side * 0.45)
        x += side * 1.15
        row_h = max(row_h, side)
    return placed


def _distinct(values: pd.Series | None) -> tuple[str, ...]:
    if values is None:
        return ()
    seen: dict[str, None] = {}
    for v in values:
        if isinstance(v, str) and v:
            seen.setdefault(v, None)
    return tuple(seen)
