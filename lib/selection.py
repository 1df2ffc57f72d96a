"""A clicked mark — an actor, an edge, an event or a quantity — as a filter every view follows.

A selection is one short string, the same in a chart's ``customdata``, in :class:`lib.filters.Filters`
and in the URL (``?sel=actor:RUS``):

- ``actor:RUS``               a node of the network
- ``edge:PRK>RUS:transfer``   an edge (source, target, action) of the network
- ``event:<fact id>``         a point or bar on the timeline
- ``quantity:<fact id>``      a point on the quantities chart or a claim on the claims chart

The rule every page follows: the selection narrows the evidence tables of every view and the charts
of the *other* views; the chart it was made in keeps all its marks (the chosen one highlighted), so
the analyst can click another. A fact selection reaches other kinds of facts through its sentence:
the relations, events and quantities read from the same sentence of the same article (the
``anchor``, looked up by the caller, because an id alone does not say where the fact is).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

_ACTOR = r"[\w .'&()/-]{1,80}"
_PATTERN = re.compile(
    rf"^(?:actor:(?P<actor>{_ACTOR})"
    rf"|edge:(?P<src>{_ACTOR})>(?P<dst>{_ACTOR}):(?P<action>[a-z_]{{1,20}})"
    r"|(?P<fact>event|quantity|relation):(?P<id>[\w-]{1,64}))$"
)
# The views a selection is made in: their own chart is not narrowed by it.
ORIGIN = {
    "actor": ("network",),
    "edge": ("network",),
    "event": ("timeline",),
    "quantity": ("quantities", "claims"),
    "relation": ("network",),
}


@dataclass(frozen=True)
class Selection:
    """A parsed selection string; ``kind`` is actor, edge, event, quantity or relation.

    >>> s = Selection.parse("edge:PRK>RUS:transfer")
    >>> s.kind, s.source, s.target, s.action, str(s)
    ('edge', 'PRK', 'RUS', 'transfer', 'edge:PRK>RUS:transfer')
    >>> Selection.parse("actor:<script>") is None
    True
    """

    kind: str
    value: str
    source: str | None = None
    target: str | None = None
    action: str | None = None

    @classmethod
    def parse(cls, text: object) -> Selection | None:
        """The selection named by ``text``, or None for anything malformed (never raises)."""
        m = _PATTERN.match(text) if isinstance(text, str) else None
        if not m:
            return None
        if m["actor"]:
            return cls("actor", m["actor"])
        if m["src"]:
            return cls("edge", f"{m['src']}>{m['dst']}:{m['action']}", m["src"], m["dst"], m["action"])
        return cls(m["fact"], m["id"])

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @property
    def table(self) -> str | None:
        """The fact table a fact selection points into ("events" for ``event:…``), else None."""
        return {"event": "events", "quantity": "quantities", "relation": "relations"}.get(self.kind)

    def made_in(self, view: str) -> bool:
        """True when this selection was made in ``view`` ("network", "timeline", "quantities", "claims")."""
        return view in ORIGIN.get(self.kind, ())

    def mask(self, df: pd.DataFrame, kind: str, anchor: Mapping | None = None) -> pd.Series:
        """Which rows of a ``kind`` frame the selection keeps.

        ``anchor`` is the selected fact's row (``article_id`` and ``sentence``) for a fact selection;
        without it a fact selection narrows only its own table (by id) and leaves the others whole.
        """
        if self.kind == "actor":
            return _involves(df, kind, {self.value}, every=False)
        if self.kind == "edge":
            if kind == "relations":
                return (
                    (df["source"] == self.source)
                    & (df["target"] == self.target)
                    & (df["action"] == self.action)
                )
            return _involves(df, kind, {self.source, self.target}, every=True)
        if kind == self.table:
            return df["id"] == self.value
        if not anchor:
            return pd.Series(True, index=df.index, dtype=bool)
        if kind == "articles":
            return df["id"] == anchor.get("article_id")
        return (df["article_id"] == anchor.get("article_id")) & (df["sentence"] == anchor.get("sentence"))


def from_points(points: Iterable[Mapping] | None) -> str | None:
    """The selection a chart's ``on_select`` event names: the first point carrying a valid one.

    Every trace we draw puts a selection string in ``customdata`` (see :mod:`lib.figures`); a
    point without one (a legend marker, an arrow) is skipped. No point (a click on empty space)
    gives None, which clears the selection.

    >>> from_points([{"customdata": None}, {"customdata": ["actor:RUS"]}])
    'actor:RUS'
    >>> from_points([]) is None
    True
    """
    for p in points or ():
        data = p.get("customdata") if isinstance(p, Mapping) else None
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        sel = Selection.parse(data)
        if sel is not None:
            return str(sel)
    return None


def _involves(df: pd.DataFrame, kind: str, actors: set[str], *, every: bool) -> pd.Series:
    """Rows that involve any (``every``: all) of ``actors``, by the columns each kind has."""
    if kind == "relations":
        ends = [set(x) for x in zip(df["source"], df["target"], strict=True)]
    elif kind == "actors":
        ends = [{a} for a in df["actor"]]
    elif "actors" in df:
        ends = [
            set(xs) if xs is not None and not isinstance(xs, (str, float)) else set() for xs in df["actors"]
        ]
    else:
        return pd.Series(False, index=df.index, dtype=bool)
    keep = [(actors <= e) if every else bool(actors & e) for e in ends]
    return pd.Series(keep, index=df.index, dtype=bool)
