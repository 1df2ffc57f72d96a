"""One Filters object for every view: built from the sidebar or the URL, applies itself, describes itself.

The same object drives every page, so a copied link (``?actor=RUS&start=2024-01-01``) reopens the
same view, and the words under every chart (:meth:`Filters.describe`) match what was filtered.

Date rule (one policy for every kind of fact):
- a fact with its own date is kept when its span overlaps ``[start, end]``; a day is a one-day span,
  a month or year spans the whole month or year, a range runs to the end of ``date_end``, and an open
  range ("since October 2024") runs to the article's publication date (or has no end when the article
  has none);
- a fact without a date (and every article) is placed at its article's publication date, but only
  when ``undated`` is True; with ``undated`` False it is dropped whenever a date limit or not;
- a fact that cannot be placed at all (no date, article without a publication date) is kept when
  ``undated`` is True, because a missing date is not evidence that it lies outside the range.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
import pandas as pd

from lib.dates import bounds
from lib.records import ACTIONS, CATEGORIES
from lib.selection import Selection

KINDS = ("articles", "actors", "relations", "events", "quantities")
_ID = re.compile(r"^[\w .'&()/-]{1,80}$")  # actor ids and outlet names: plain words, no markup

# URL keys; lists repeat the key (?actor=RUS&actor=PRK), which st.query_params supports.
_LIST_KEYS = {
    "actors": "actor",
    "outlets": "outlet",
    "categories": "category",
    "actions": "action",
    "objects": "object",
}
_OBJECT = re.compile(r"^[\w .'-]{1,40}$")  # an object keyword: "ammunition", "ballistic missile"
SPAN_COLUMNS = ("span_lo", "span_hi", "span_own")  # see date_spans
_SPAN_INPUTS = ("date", "date_end", "precision", "open_end", "published")


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Empty tuples and None mean "no limit".

    >>> f = Filters.from_query({"actor": ["RUS", "PRK"], "start": "2024-01-01", "undated": "0"})
    >>> f.actors, f.start, f.undated
    (('RUS', 'PRK'), datetime.date(2024, 1, 1), False)
    >>> Filters.from_query(f.to_query()) == f
    True
    """

    actors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    undated: bool = True
    article: str | None = None
    # Linked views (issue 4): a clicked mark, and the Network's focus, depth, groups and objects.
    selected: str | None = None
    objects: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1
    members: bool = False

    # ------------------------------------------------------------------ URL
    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Build from URL query parameters; bad values are ignored, never raised.

        Unknown categories/actions, malformed dates and markup-like ids are dropped; a reversed date
        range is swapped.
        """
        start, end = parse_date(_last(params.get("start"))), parse_date(_last(params.get("end")))
        if start and end and start > end:
            start, end = end, start
        article = _last(params.get("article"))
        return cls(
            actors=_clean(params.get("actor"), _ID.match),
            start=start,
            end=end,
            outlets=_clean(params.get("outlet"), _ID.match),
            categories=_clean(params.get("category"), CATEGORIES.__contains__),
            actions=_clean(params.get("action"), ACTIONS.__contains__),
            undated=_last(params.get("undated")) not in ("0", "false", "no"),
            article=article if article and re.fullmatch(r"[\w-]{1,64}", article) else None,
            selected=str(sel) if (sel := Selection.parse(_last(params.get("sel")))) else None,
            objects=tuple(o.lower() for o in _clean(params.get("object"), _OBJECT.match)),
            focus=focus if (focus := _last(params.get("focus"))) and _ID.match(focus) else None,
            depth=2 if _last(params.get("depth")) == "2" else 1,
            members=_last(params.get("members")) in ("1", "true", "yes"),
        )

    def to_query(self) -> dict[str, str | list[str]]:
        """Query parameters for this view; defaults are left out so links stay short."""
        q: dict[str, str | list[str]] = {}
        for attr, key in _LIST_KEYS.items():
            if getattr(self, attr):
                q[key] = list(getattr(self, attr))
        if self.start:
            q["start"] = self.start.isoformat()
        if self.end:
            q["end"] = self.end.isoformat()
        if not self.undated:
            q["undated"] = "0"
        if self.article:
            q["article"] = self.article
        if self.selected:
            q["sel"] = self.selected
        if self.focus:
            q["focus"] = self.focus
        if self.depth != 1:
            q["depth"] = str(self.depth)
        if self.members:
            q["members"] = "1"
        return q

    def with_article(self, article: str | None) -> Filters:
        """The same filters pointing at another article (for "show me the source" links)."""
        return replace(self, article=article)

    def with_selection(self, selected: str | None) -> Filters:
        """The same filters with another (or no) selected mark; a malformed one clears it."""
        sel = Selection.parse(selected)
        return replace(self, selected=str(sel) if sel else None)

    @property
    def selection(self) -> Selection | None:
        """The selected mark, parsed (None when nothing is selected)."""
        return Selection.parse(self.selected)

    def for_chart(self, view: str) -> Filters:
        """The filters for ``view``'s chart: a selection made in that view does not narrow it.

        >>> f = Filters(selected="actor:RUS")
        >>> f.for_chart("network").selected, f.for_chart("timeline").selected
        (None, 'actor:RUS')
        """
        sel = self.selection
        return replace(self, selected=None) if sel and sel.made_in(view) else self

    # ------------------------------------------------------------------ apply
    def apply(
        self,
        df: pd.DataFrame,
        *,
        kind: str,
        quantities: pd.DataFrame | None = None,
        anchor: Mapping | None = None,
    ) -> pd.DataFrame:
        """Rows of a facts frame (ARCHITECTURE.md columns) that pass every filter, in their order.

        ``kind`` is one of ``articles, actors, relations, events, quantities``. Actor filter: a relation
        matches if its source or target is selected; an event or quantity if any of its ``actors`` is;
        an actor mention if it is that actor; an article if any id in its ``actors`` column (a list,
        added by the caller) is. ``categories`` limit quantities only, ``actions`` relations and events.
        ``objects`` limit relations (by object, or a quantity of that kind in the same sentence:
        pass the ``quantities`` frame, see :func:`lib.graph.object_mask`) and quantities (by category
        or words). ``selected`` keeps what the clicked mark selects (:meth:`Selection.mask`;
        ``anchor`` is the selected fact's row). ``article``, ``focus``, ``depth`` and ``members``
        are view settings and do not filter here. Empty input gives an empty frame.

        >>> df = pd.DataFrame({"source": ["RUS", "USA"], "target": ["PRK", "CHN"], "outlet": ["A", "B"]})
        >>> len(Filters(actors=("PRK",)).apply(df, kind="relations"))
        1
        """
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
        if df is None or df.empty:
            return df if df is not None else pd.DataFrame()
        keep = pd.Series(True, index=df.index)
        if self.outlets and "outlet" in df:
            keep &= df["outlet"].isin(self.outlets)
        if self.actors:
            keep &= self._actor_mask(df, kind)
        if self.categories and kind == "quantities":
            keep &= df["category"].isin(self.categories)
        if self.actions and kind in ("relations", "events"):
            keep &= df["action"].isin(self.actions)
        if self.objects and kind in ("relations", "quantities"):
            keep &= self._object_mask(df, kind, quantities)
        if self.selection is not None:
            keep &= self.selection.mask(df, kind, anchor)
        keep &= self._date_mask(df, kind)
        return df[keep]

    def _object_mask(self, df: pd.DataFrame, kind: str, quantities: pd.DataFrame | None) -> pd.Series:
        from lib.graph import object_mask, quantity_object_mask  # graph owns what an object "is about"

        if kind == "relations":
            return object_mask(df, quantities, self.objects)
        return quantity_object_mask(df, self.objects)

    def _actor_mask(self, df: pd.DataFrame, kind: str) -> pd.Series:
        wanted = set(self.actors)
        if kind == "relations":
            return df["source"].isin(wanted) | df["target"].isin(wanted)
        if kind == "actors":
            return df["actor"].isin(wanted)
        if "actors" not in df:
            return pd.Series(False, index=df.index)
        return df["actors"].map(lambda xs: bool(wanted.intersection(_as_list(xs))))

    def _date_mask(self, df: pd.DataFrame, kind: str) -> pd.Series:
        if self.start is None and self.end is None and self.undated:
            return pd.Series(True, index=df.index)
        spans = df if all(c in df for c in SPAN_COLUMNS) else date_spans(df, kind)
        lo, hi = spans["span_lo"].to_numpy(), spans["span_hi"].to_numpy()
        lo_limit = np.datetime64(self.start or date.min, "D")
        hi_limit = np.datetime64(self.end or date.max, "D")
        # NaT compares False: an unplaceable fact (no lo) is kept; an open end (no hi) never ends.
        placed = ~np.isnat(lo)
        overlap = ~placed | ((lo <= hi_limit) & (np.isnat(hi) | (hi >= lo_limit)))
        if not self.undated:
            overlap &= spans["span_own"].to_numpy(dtype=bool)
        return pd.Series(overlap, index=df.index, dtype=bool)

    # ------------------------------------------------------------------ words
    def describe(self, labels: Mapping[str, str] | None = None) -> str:
        """The filters in words, for captions and exports.

        >>> Filters(actors=("RUS", "PRK"), start=date(2024, 1, 1), end=date(2025, 4, 30),
        ...         outlets=("A", "B", "C")).describe({"RUS": "Russia", "PRK": "North Korea"})
        'Russia, North Korea · Jan 2024–Apr 2025 · 3 outlets · all categories · all actions'
        """
        labels = labels or {}
        parts = [
            ", ".join(labels.get(a, a) for a in self.actors) if self.actors else "all actors",
            _describe_dates(self.start, self.end),
            _count_words(self.outlets, "outlet"),
            ", ".join(self.categories) if self.categories else "all categories",
            ", ".join(self.actions) if self.actions else "all actions",
        ]
        if self.objects:
            parts.append("about " + ", ".join(self.objects))
        if not self.undated:
            parts.append("dated facts only")
        if self.focus:
            hops = "1 step" if self.depth == 1 else f"{self.depth} steps"
            parts.append(f"network around {labels.get(self.focus, self.focus)} ({hops})")
        if self.members:
            parts.append("groups as member states")
        if self.selection:
            parts.append(f"selected: {_describe_selection(self.selection, labels)}")
        return " · ".join(parts)


def fact_span(
    value: object,
    *,
    date_end: object = None,
    precision: object = None,
    open_end: bool = False,
    published: date | None = None,
) -> tuple[date | None, date | None]:
    """First and last day a dated fact covers; ``(None, None)`` when the date cannot be read.

    An open range ends at ``published`` (``None``, meaning open, when that is unknown).

    >>> fact_span("2024-10", precision="month")
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 31))
    >>> fact_span("2024-10", open_end=True, published=date(2025, 5, 30))
    (datetime.date(2024, 10, 1), datetime.date(2025, 5, 30))
    """
    if not _present(value):
        return None, None
    end = str(date_end) if _present(date_end) else None
    # lib.dates owns calendar arithmetic; an open range ends at publication, never at "today".
    try:
        lo, hi = bounds(
            str(value),
            date_end=end,
            precision=precision if _present(precision) else None,
            open_end=bool(open_end),
            today=published or date.max,
        )
    except ValueError:
        return None, None
    return lo, (None if open_end and published is None else hi)


def date_spans(df: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Per row, where the date rule (module docstring) places it: ``span_lo``, ``span_hi``, ``span_own``.

    ``span_lo``/``span_hi`` are ``datetime64[D]`` (NaT: cannot be placed / no end), ``span_own`` says
    the row has its own date. Computed once per distinct (date, end, precision, open end, published)
    combination — a few thousand in 100,000 facts — so callers can cache it with the frame
    (:func:`with_date_spans`) and every date filter is then two vectorised comparisons.

    >>> date_spans(pd.DataFrame({"date": ["2024-10", None], "precision": ["month", None],
    ...     "published": ["2025-05-30", "2025-05-30"]}), "events")["span_hi"].dt.strftime("%Y-%m-%d").tolist()
    ['2024-10-31', '2025-05-30']
    """
    own = kind in ("relations", "events", "quantities") and "date" in df
    cols = [c for c in _SPAN_INPUTS if c in df and (own or c == "published")]
    if df.empty or not cols:
        return pd.DataFrame({"span_lo": np.full(len(df), np.datetime64("NaT"), "datetime64[D]"),
                             "span_hi": np.full(len(df), np.datetime64("NaT"), "datetime64[D]"),
                             "span_own": np.zeros(len(df), bool)}, index=df.index)
    codes = df.groupby(cols, dropna=False, sort=False).ngroup().to_numpy()
    firsts = df[cols].iloc[np.unique(codes, return_index=True)[1]]
    placed = [_place(dict(zip(cols, row, strict=True)), own) for row in firsts.itertuples(index=False)]
    lo = np.array([np.datetime64(p[0] or "NaT", "D") for p in placed], dtype="datetime64[D]")
    hi = np.array([np.datetime64(p[1] or "NaT", "D") for p in placed], dtype="datetime64[D]")
    has_own = np.array([p[2] for p in placed], dtype=bool)
    return pd.DataFrame({"span_lo": lo[codes], "span_hi": hi[codes], "span_own": has_own[codes]}, index=df.index)


def with_date_spans(df: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``df`` with the :func:`date_spans` columns added, for a frame cached across filter changes."""
    if df is None or df.empty:
        return df
    return pd.concat([df.drop(columns=[c for c in SPAN_COLUMNS if c in df]), date_spans(df, kind)], axis=1)


def _place(row: dict, own: bool) -> tuple[date | None, date | None, bool]:
    """(first day, last day, has its own date) of one row; ``None`` days as in :func:`fact_span`."""
    published = parse_date(row.get("published"))
    if own and _present(row.get("date")):
        open_end = row.get("open_end")
        lo, hi = fact_span(row["date"], date_end=row.get("date_end"), precision=row.get("precision"),
                           open_end=bool(open_end) if _present(open_end) else False, published=published)
        return lo, hi, True  # (None, None): unreadable, cannot be placed; hi None: open, never ends
    return published, published, False


def _describe_selection(sel: Selection, labels: Mapping[str, str]) -> str:
    if sel.kind == "actor":
        return labels.get(sel.value, sel.value)
    if sel.kind == "edge":
        return f"{labels.get(sel.source, sel.source)} → {sel.action} → {labels.get(sel.target, sel.target)}"
    return f"one {sel.kind} and its sentence"


def _describe_dates(start: date | None, end: date | None) -> str:
    def fmt(d: date, *, at_end: bool) -> str:
        month_edge = d.day == (calendar.monthrange(d.year, d.month)[1] if at_end else 1)
        return d.strftime("%b %Y") if month_edge else f"{d.day} {d.strftime('%b %Y')}"

    if start and end:
        return f"{fmt(start, at_end=False)}–{fmt(end, at_end=True)}"
    if start:
        return f"from {fmt(start, at_end=False)}"
    if end:
        return f"until {fmt(end, at_end=True)}"
    return "all dates"


def _count_words(values: tuple[str, ...], noun: str) -> str:
    if not values:
        return f"all {noun}s"
    return values[0] if len(values) == 1 else f"{len(values)} {noun}s"


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and str(value) != ""


def _as_list(value: object) -> list:
    if value is None or isinstance(value, (str, float)):
        return [value] if isinstance(value, str) and value else []
    return list(value)


def _last(value: str | list[str] | None) -> str | None:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else None
    return value


def _clean(value: str | Iterable[str] | None, ok) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    seen: dict[str, None] = {}
    for item in items:
        item = str(item).strip()
        if item and ok(item):
            seen.setdefault(item, None)
    return tuple(seen)


def parse_date(value: object) -> date | None:
    """A plain ``date`` from an ISO string, date, datetime or pandas Timestamp; None when unreadable.

    >>> parse_date("2025-05-30T00:00"), parse_date("30 May"), parse_date(None)
    (datetime.date(2025, 5, 30), None, None)
    """
    if value is pd.NaT:
        return None
    if isinstance(value, datetime):  # pandas Timestamps too; compare as plain dates
        return value.date()
    if isinstance(value, date):
        return value
    if not _present(value):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
