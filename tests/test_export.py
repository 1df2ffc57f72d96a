"""The stable JSON of `python -m lib extract`, on records built in code."""

from __future__ import annotations

import json
from dataclasses import replace

from test_store import make_extraction

from lib.export import article_json, json_line, number

ARTICLE_KEYS = ["id", "title", "outlet", "published", "url", "actors", "relations", "events", "quantities"]
QUANTITY_KEYS = ["value", "low", "high", "qualifier", "unit", "category", "date", "actors", "text", "sentence",
                 "span", "claimant", "modality", "cumulative", "change"]


def test_keys_in_order_and_values_as_written():
    ex = make_extraction("a1")
    obj = article_json(ex)
    assert list(obj) == ARTICLE_KEYS
    assert obj["actors"] == [{"name": "PRK", "kind": "state", "country": None, "label": "North Korea"},
                             {"name": "USA", "kind": "state", "country": None, "label": "United States"}]
    assert list(obj["relations"][0]) == ["source", "target", "action", "object", "date", "sentence", "span",
                                         "claimant", "modality"]
    ev = obj["events"][0]
    assert list(ev) == ["date", "end", "precision", "action", "actors", "sentence", "span", "date_text",
                        "open_end"]
    assert ev["date"] == "2024-10" and ev["end"] is None and ev["open_end"] is True
    q = obj["quantities"]
    assert [list(x) for x in q] == [QUANTITY_KEYS, QUANTITY_KEYS]
    assert q[0]["value"] == 9000000 and isinstance(q[0]["value"], int) and q[0]["low"] is None
    assert q[0]["qualifier"] == "up_to" and q[1]["low"] == 100 and q[1]["high"] is None
    start, end = q[0]["span"]
    assert ex.article.text[start:end] == q[0]["text"] == "as many as 9 million rounds"


def test_repeated_actor_listed_once_and_non_finite_numbers_become_null():
    ex = make_extraction("a1")
    ex = replace(ex, actors=ex.actors + (ex.actors[0],),
                 quantities=(replace(ex.quantities[0], value=float("nan"), high=float("inf"), low=2.5),))
    line = json_line(ex)
    obj = json.loads(line)  # strict JSON: would fail on NaN/Infinity
    assert "NaN" not in line and "Infinity" not in line
    assert [a["name"] for a in obj["actors"]] == ["PRK", "USA"]
    assert (obj["quantities"][0]["value"], obj["quantities"][0]["low"], obj["quantities"][0]["high"]) == (
        None, 2.5, None)
    assert number(12.0) == 12 and number(None) is None and number(1e20) == 10**20
