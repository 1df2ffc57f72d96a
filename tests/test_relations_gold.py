"""The relations gold set (eval/gold, in the repository) and its scorer, on texts written here.

The scored Reuters texts live in ../shared and are never read by tests: the scorer is exercised on a
real extraction of a short text of our own.
"""

from __future__ import annotations

import json
import re

import pytest

from lib.eval.relations_gold import GOLD, Report, claimant_set, report_table, score_article, triple
from lib.extract import extract
from lib.records import ACTIONS, MODALITIES, Article


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def test_gold_file_holds_labels_not_texts(gold):
    assert len(gold) >= 24 and len({g["id"] for g in gold}) == len(gold)
    iso3 = re.compile(r"^[A-Z]{3}$")
    for g in gold:
        assert set(g) <= {"id", "countries", "countries_soft", "relations", "notes"}   # no article text
        assert all(iso3.match(c) for c in g["countries"] + g["countries_soft"])
        for r in g["relations"]:
            assert iso3.match(r["source"]) and iso3.match(r["target"]) and r["source"] != r["target"]
            assert r["action"] in ACTIONS and r["modality"] in MODALITIES
            assert len(r["cue"].split()) <= 12 and isinstance(r["soft"], bool)
            assert r["claimant"] is None or r["modality"] != "asserted"   # asserted: the narrator says it
    assert sum(not r["soft"] for g in gold for r in g["relations"]) >= 40


def test_symmetric_actions_compare_without_direction():
    assert triple("USA", "SUN", "meet") == triple("SUN", "USA", "meet")
    assert triple("USA", "IRN", "attack") != triple("IRN", "USA", "attack")
    assert claimant_set("USA, KOR") == claimant_set("kor,usa") and claimant_set(None) == frozenset()


TEXT = ("Iraq said its warplanes launched two bombing raids on Iran's offshore oilfield. "
        "Iraqi planes raided the Ardeshir field. Officials in Baghdad met envoys in Cairo.")


@pytest.fixture(scope="module")
def extraction(nlp):
    art = Article(id="t1", title="t", text=TEXT, published="1987-03-23")
    return extract(nlp(TEXT), art)


def test_scores_one_article_with_soft_items_and_attribution(extraction):
    gold = {"id": "t1", "countries": ["IRQ", "IRN", "SUN"], "countries_soft": ["EGY"], "relations": [
        {"source": "IRQ", "target": "IRN", "action": "attack", "cue": "launched two bombing raids",
         "soft": False, "claimant": "IRQ", "modality": "alleged"},
        {"source": "IRN", "target": "IRQ", "action": "supply", "cue": "Iraqi planes",
         "soft": False, "claimant": None, "modality": "asserted"},
        {"source": "IRQ", "target": "IRN", "action": "threaten", "cue": "Iraqi planes",
         "soft": True, "claimant": None, "modality": "asserted"},
    ]}
    report = Report()
    score_article(report, gold, extraction)
    # countries: IRQ and IRN found, SUN missed; EGY ("Cairo") is soft and counts on neither side
    assert (report.countries.tp_gold, report.countries.n_gold) == (2, 3)
    assert report.countries.n_pred == 2
    # relations: the attack is found, the supply is missed
    assert (report.relations.tp_gold, report.relations.n_gold, report.relations.tp_pred) == (1, 2, 1)
    assert (report.matched, report.claimant_right, report.modality_right) == (1, 1, 1)
    assert any("country missed SUN" in e for e in report.errors)
    assert any("relation missed IRN/IRQ/supply" in e for e in report.errors)
    assert "relations (source, target, action)" in report_table(report)
