"""Relation recall rules (issue 3), on sentences written here, with the real model: a subject pronoun
or "the country" reaching back one sentence, subject pairs that act on each other, "talks with",
representatives "from" a state, and dateline appositions. Every edge keeps its claimant and modality."""

from __future__ import annotations

import pytest

from lib.actors import find_actors
from lib.relations import RelationMatch, find_relations


def found(nlp, text: str) -> list[list[RelationMatch]]:
    """Relations per sentence of ``text`` (the doc's earlier mentions are the context)."""
    doc = nlp(text)
    return [find_relations(s, find_actors(s)) for s in doc.sents]


def triples(rels: list[RelationMatch]) -> set[tuple[str, str, str]]:
    return {(r.source, r.action, r.target) for r in rels}


@pytest.mark.parametrize("text, expected", [
    # "It" continues the state the sentence before names ...
    ("North Korea has built new munitions factories. It also sent artillery shells to Russia.",
     {("PRK", "supply", "RUS")}),
    ("Moscow faces new sanctions. The country has supplied refined oil to North Korea.",
     {("RUS", "supply", "PRK")}),
    # ... or, when it names several, the one its main clause is about
    ("Moscow is officially neutral in the war between Iran and Iraq. It is a major arms supplier to Iraq.",
     {("RUS", "supply", "IRQ")}),
    ("Iran has long denied the reports. Its troops attacked Iraqi positions near Basra.", {("IRN", "attack", "IRQ")}),
])
def test_subject_pronoun_reaches_back_one_sentence(nlp, text, expected):
    assert triples(found(nlp, text)[-1]) == expected


@pytest.mark.parametrize("text", [
    # another paragraph (one per line after ingest)
    "North Korea has built new munitions factories.\nIt also sent artillery shells to Russia.",
    # "it" does not stand for "Russian troops" (a plural, adjectival mention)
    "Russian troops crossed the border at dawn. It sent artillery shells to Ukraine.",
    # the sentence before is a report: Seoul or North Korea? ambiguous, so nothing
    "Seoul said North Korea had moved troops to the border. It also sent artillery shells to Russia.",
    # a person pronoun is not a state
    "Vladimir Putin arrived in the capital on Tuesday. He sent greetings to Iran.",
])
def test_no_reach_back_when_ambiguous(nlp, text):
    assert triples(found(nlp, text)[-1]) == set()


def test_reached_back_edge_keeps_its_claimant_and_modality(nlp):
    [r] = found(nlp, "North Korea has built new munitions factories. "
                     "It will send artillery shells to Russia, Seoul said.")[-1]
    assert (r.source, r.action, r.target, r.claimant, r.modality) == ("PRK", "supply", "RUS", "KOR", "planned")


@pytest.mark.parametrize("text, expected", [
    ("Senior diplomats from Japan and South Korea met in Tokyo on Monday, agreeing to share more "
     "intelligence on missile launches.", {("JPN", "meet", "KOR"), ("JPN", "agree", "KOR")}),
    ("VOSTOCHNY COSMODROME, Russia — Kim Jong Un and Vladimir Putin held talks on Wednesday.",
     {("PRK", "meet", "RUS")}),
    ("Vietnam's leaders welcomed Vladimir Putin in Hanoi with a 21-gun salute.", {("VNM", "meet", "RUS")}),
    ("China, Russia and Iran held talks in Beijing.",
     {("CHN", "meet", "RUS"), ("CHN", "meet", "IRN"), ("RUS", "meet", "IRN")}),
    # welcoming a decision together is no act between the two
    ("Russia and China welcomed the decision on Friday.", set()),
])
def test_pairs_and_meetings(nlp, text, expected):
    assert triples(found(nlp, text)[0]) == expected


def test_talks_with_belong_to_the_clause_they_modify(nlp):
    rels = found(nlp, "North Korea will send sappers to Russia, Sergei Shoigu said after talks with Kim Jong Un.")[0]
    meet = [r for r in rels if r.action == "meet"]
    assert [(r.source, r.target, r.claimant, r.modality) for r in meet] == [("RUS", "PRK", "RUS", "alleged")]
    assert ("PRK", "deploy", "RUS") in triples(rels)


@pytest.mark.parametrize("text, expected", [
    # "the soldiers" are the troops the sentence before names
    ("The Pentagon says 11,000 North Korean troops are in the Kursk region. The soldiers were sent to Russia "
     "in October.", {("PRK", "deploy", "RUS")}),
    # troops of two states: which ones were sent is not said
    ("Russian and North Korean troops are in the Kursk region. The soldiers were sent to Russia in October.", set()),
    # "its" is the state named as a noun before it, not the plural "Russian forces"
    ("Ukraine says Russian forces have launched thousands of drones at its cities.", {("RUS", "attack", "UKR")}),
])
def test_definite_troops_and_its(nlp, text, expected):
    assert triples(found(nlp, text)[-1]) == expected


@pytest.mark.parametrize("text, expected", [
    # object control: France, not Iran, is the one to stop selling
    ("Iran has asked France to curb the activities of dissidents and stop selling weapons to Iraq.",
     {("FRA", "sell", "IRQ")}),
    ("North Korea has agreed to send troops to Russia.", {("PRK", "agree", "RUS"), ("PRK", "deploy", "RUS")}),
    # "offered warships to escort": the warships name no state, so the offerer escorts
    ("The United States has offered Navy warships to escort Kuwaiti oil tankers.", {("USA", "aid", "KWT")}),
    # "anti-Baghdad rebels" are not Iraq's
    ("He said Tehran had done this to encourage anti-Baghdad Kurdish rebels to support its troops.", set()),
    # a passive "met" is no meeting between the states in its agent
    ("Demand has been met by the recent Soviet purchases of U.S. corn.", set()),
])
def test_control_and_passive_pairs(nlp, text, expected):
    assert triples(found(nlp, text)[0]) == expected
