"""Stable JSON for scripts: the JSON Lines format of ``python -m lib extract``.

One object per article, keys in a fixed order (scripts may rely on it)::

    {"id", "title", "outlet", "published", "url",
     "actors":     [{"name", "kind", "country", "label"}],
     "relations":  [{"source", "target", "action", "object", "date", "sentence", "span", "claimant", "modality"}],
     "events":     [{"date", "end", "precision", "action", "actors", "sentence", "span", "date_text", "open_end"}],
     "quantities": [{"value", "low", "high", "qualifier", "unit", "category", "date", "actors", "text",
                     "sentence", "span", "claimant", "modality", "cumulative", "change"}]}

An actor's ``name`` is its id: the ISO 3166 alpha-3 code of a state ("PRK"), the canonical name
otherwise; ``label`` is the display name. Dates are ISO strings at their precision ("2024-10").
``span`` is ``[start, end]`` in the article text. Numbers are ints when integral (9000000, not
9000000.0) and never NaN/Infinity (a non-finite value becomes null), so every line is strict JSON.

>>> article_json(Extraction(Article(id="a", title="T", text="x")))["actors"]
[]
"""

from __future__ import annotations

import json
import math

from lib.records import Actor, Article, Event, Extraction, Quantity, Relation


def number(value: float | int | None) -> int | float | None:
    """A JSON-safe number: int when integral, None when missing or not finite.

    >>> number(9e6), number(2.5), number(float("nan"))
    (9000000, 2.5, None)
    """
    if value is None or isinstance(value, bool):
        return value
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _actors(actors: tuple[Actor, ...]) -> list[dict]:
    """Each distinct actor once, in order of first mention."""
    seen: dict[str, dict] = {}
    for a in actors:
        seen.setdefault(a.actor, {"name": a.actor, "kind": a.kind, "country": a.country, "label": a.name})
    return list(seen.values())


def _relation(r: Relation) -> dict:
    return {"source": r.source, "target": r.target, "action": r.action, "object": r.object, "date": r.date,
            "sentence": r.sentence, "span": [r.start, r.end], "claimant": r.claimant, "modality": r.modality}


def _event(e: Event) -> dict:
    return {"date": e.date, "end": e.date_end, "precision": e.precision, "action": e.action,
            "actors": list(e.actors), "sentence": e.sentence, "span": [e.start, e.end],
            "date_text": e.date_text, "open_end": e.open_end}


def _quantity(q: Quantity) -> dict:
    return {"value": number(q.value), "low": number(q.low), "high": number(q.high), "qualifier": q.qualifier,
            "unit": q.unit, "category": q.category, "date": q.date, "actors": list(q.actors), "text": q.text,
            "sentence": q.sentence, "span": [q.start, q.end], "claimant": q.claimant, "modality": q.modality,
            "cumulative": q.cumulative, "change": q.change}


def article_json(ex: Extraction) -> dict:
    """The stable JSON object of one article's extraction (see the module docstring for the keys)."""
    a: Article = ex.article
    return {
        "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
        "actors": _actors(ex.actors),
        "relations": [_relation(r) for r in ex.relations],
        "events": [_event(e) for e in ex.events],
        "quantities": [_quantity(q) for q in ex.quantities],
    }


def json_line(ex: Extraction) -> str:
    """One line of ``python -m lib extract``: strict JSON (``allow_nan=False``), UTF-8 kept readable."""
    return json.dumps(article_json(ex), ensure_ascii=False, allow_nan=False)


__all__ = ["article_json", "json_line", "number"]
