"""Typed records: one frozen dataclass per kind of fact, each carrying its provenance.

Everything downstream of ingest (store, filters, figures, exports, the JSON Lines format of
``python -m lib extract``) speaks these records.

Provenance contract shared by every fact record:
- ``article_id``: the :class:`Article` it came from;
- ``sentence``: the sentence text, exactly as it stands in ``Article.text``;
- ``start``/``end``: character offsets of the evidence span in ``Article.text``
  (``Article.text[start:end]`` is the mention, number or relation trigger);
- ``extractor``: the name of the rule that made it (lets a reviewer find the code).

Dates are ISO strings at the precision the text gives: ``"2024"``, ``"2024-10"``, ``"2024-10-05"``.
``date_end`` is the last unit of a range at its own precision; an open range ("since October
2024") has ``open_end=True`` and no ``date_end``. ``precision`` is that of ``date``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Literal

ActorKind = Literal["state", "org", "person", "group"]
Precision = Literal["year", "month", "day"]
Qualifier = Literal["exact", "approx", "at_least", "more_than", "up_to", "less_than", "range"]
Modality = Literal["asserted", "alleged", "confirmed", "denied", "planned"]

ACTIONS: tuple[str, ...] = (
    "transfer", "supply", "sell", "buy", "train", "deploy", "attack", "threaten", "sanction",
    "accuse", "condemn", "veto", "meet", "agree", "aid", "negotiate", "other",
)
CATEGORIES: tuple[str, ...] = (
    "troops", "casualties", "missiles", "aircraft", "ships", "vehicles", "artillery", "ammunition",
    "containers", "weapons", "money", "oil", "other",
)
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "more_than", "up_to", "less_than", "range")
MODALITIES: tuple[str, ...] = ("asserted", "alleged", "confirmed", "denied", "planned")
FACT_KINDS: tuple[str, ...] = ("actors", "relations", "events", "quantities")


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex digest of the parts joined by U+001F; the same parts always give the same id.

    >>> stable_id("a", 1) == stable_id("a", 1)
    True
    """
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One article after ingest: clean body text plus the metadata read from the input.

    ``published`` is an ISO date ("2025-05-30") or None when the input gives no absolute date;
    it is never invented. ``source`` names the file (and ``line`` the line or record number,
    1-based, for JSON Lines / CSV / JSON arrays) it came from.
    """

    id: str
    title: str
    text: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    source: str = ""
    line: int | None = None
    fmt: str = "text"  # page | text | html | jsonl | json | csv
    captions: tuple[str, ...] = ()

    @property
    def month(self) -> str:
        """Partition key: "YYYY-MM" of publication, or "unknown"."""
        return self.published[:7] if self.published else "unknown"


@dataclass(frozen=True, slots=True)
class IngestError:
    """A file (or one line of it) that could not be read; the batch goes on without it."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class IngestNotice(IngestError):
    """A file or folder deliberately not read (a hidden one met while walking a folder): reported so
    nothing is skipped silently, but not a failure. An IngestError subclass, so a consumer that only
    knows errors still shows it; :class:`lib.pipeline.Summary` lists it under ``skipped``."""


@dataclass(frozen=True, slots=True)
class Actor:
    """One mention of an actor, resolved to its canonical id.

    ``actor`` is the ISO 3166 alpha-3 code for a state ("PRK") and the canonical name otherwise
    ("Multilateral Sanctions Monitoring Team", "Vladimir Putin"). ``country`` is the state the
    actor belongs to where the text says so (a person's nationality, an agency's state), else None.
    """

    article_id: str
    actor: str
    name: str
    kind: ActorKind
    country: str | None
    mention: str
    sentence: str
    start: int
    end: int
    extractor: str = "actors"

    @property
    def id(self) -> str:
        return stable_id("actor", self.article_id, self.start, self.end, self.actor)


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed, typed relation: ``source`` did ``action`` to ``target`` (with ``object``).

    ``claimant`` is who says so ("MSMT", "KOR", ...) when the sentence attributes it, and
    ``modality`` how: asserted (plain report), alleged, confirmed, denied, planned.
    ``start``/``end`` span the trigger verb; ``date``/``date_end``/``precision`` date the act
    when the sentence carries a date expression for it.
    """

    article_id: str
    source: str
    target: str
    action: str
    object: str | None
    sentence: str
    start: int
    end: int
    date: str | None = None
    date_end: str | None = None
    precision: Precision | None = None
    open_end: bool = False
    claimant: str | None = None
    modality: Modality = "asserted"
    extractor: str = "relations"

    @property
    def id(self) -> str:
        return stable_id("relation", self.article_id, self.start, self.end, self.source, self.target, self.action)


@dataclass(frozen=True, slots=True)
class Event:
    """A reported, dated event: a date expression in a sentence, with what happened and who.

    ``date`` is resolved against the article's publication date at the precision the text gives;
    ``date_end`` closes a range, ``open_end`` marks "since ..." ranges. ``date_text`` is the date
    expression itself and ``start``/``end`` its span in the article text. ``action`` is the
    action of the event's trigger verb (from the relation vocabulary) or None.
    """

    article_id: str
    date: str
    precision: Precision
    action: str | None
    actors: tuple[str, ...]
    date_text: str
    sentence: str
    start: int
    end: int
    date_end: str | None = None
    open_end: bool = False
    modality: Modality = "asserted"
    claimant: str | None = None
    extractor: str = "events"

    @property
    def id(self) -> str:
        return stable_id("event", self.article_id, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A reported number with its qualifier and bounds, kept as written.

    ``value`` is the number as reported (for a range, the low end); ``low``/``high`` are the
    bounds the qualifier implies (``at_least 100`` → low=100, high=None; ``up_to 9e6`` →
    low=None, high=9e6; ``range 10-12`` → 10, 12; exact → both equal the value; approx → None).
    ``unit`` is the counted noun, lemmatised ("round", "ballistic missile", "troop");
    ``text`` the quantity phrase as written ("as many as 9 million rounds"). ``cumulative`` marks
    running totals ("since 2023", "so far"), which are never summed with per-period figures.
    """

    article_id: str
    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    category: str
    text: str
    sentence: str
    start: int
    end: int
    date: str | None = None
    date_end: str | None = None
    precision: Precision | None = None
    open_end: bool = False
    actors: tuple[str, ...] = ()
    claimant: str | None = None
    modality: Modality = "asserted"
    cumulative: bool = False
    change: str | None = None  # "up" / "down" when the number is a change ("rose by 5%"), else None
    extractor: str = "quantities"

    @property
    def id(self) -> str:
        return stable_id("quantity", self.article_id, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in FACT_KINDS}


def record_row(record: object) -> dict:
    """A record as a flat dict (tuples become lists) with its stable ``id`` first."""
    row = {"id": record.id} if hasattr(record, "id") and not isinstance(record, Article) else {}
    for f in fields(record):
        v = getattr(record, f.name)
        row[f.name] = list(v) if isinstance(v, tuple) else v
    return row


__all__ = [
    "ACTIONS", "CATEGORIES", "QUALIFIERS", "MODALITIES", "FACT_KINDS",
    "Article", "IngestError", "IngestNotice", "Actor", "Relation", "Event", "Quantity", "Extraction",
    "stable_id", "record_row", "asdict",
]
