"""Relations and attribution with the real model, on the seed page and short texts written here."""

from __future__ import annotations

import pytest

from lib.actors import find_actors
from lib.records import ACTIONS, MODALITIES
from lib.relations import RelationMatch, attribution, find_relations
from tests.test_actors import seed_body


def sentence_with(doc, prefix: str):
    return next(s for s in doc.sents if s.text.strip().startswith(prefix))


def rels(sent) -> list[RelationMatch]:
    return find_relations(sent, find_actors(sent))


def triples(sent) -> set[tuple[str, str, str]]:
    return {(r.source, r.action, r.target) for r in rels(sent)}


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(seed_body())


def test_arms_to_russia(seed_doc):
    [r] = rels(sentence_with(seed_doc, "It said North Korea has transferred"))
    assert (r.source, r.action, r.target) == ("PRK", "transfer", "RUS")
    assert r.object.startswith("arms and related materiel")
    assert seed_doc.text[r.start:r.end] == "transferred"
    assert (r.claimant, r.modality) == ("Multilateral Sanctions Monitoring Team", "alleged")


def test_transfer_and_training_attributed_to_the_team(seed_doc):
    found = {(r.source, r.action, r.target): r for r in rels(sentence_with(seed_doc, "Russia has transferred"))}
    assert found[("RUS", "transfer", "PRK")].object == "air defence systems"
    assert ("RUS", "train", "PRK") in found               # "its forces trained the North's troops"
    assert all(r.claimant == "Multilateral Sanctions Monitoring Team" and r.modality == "alleged"
               for r in found.values())


def test_metonyms(seed_doc):
    [r] = rels(sentence_with(seed_doc, "And Moscow also has supplied"))
    assert (r.source, r.action, r.target, r.object) == ("RUS", "supply", "PRK", "refined petroleum products")
    assert (r.claimant, r.modality) == (None, "asserted")


def test_missiles_and_troops(seed_doc):
    assert triples(sentence_with(seed_doc, "Citing an unnamed team member")) == {("PRK", "transfer", "RUS")}
    assert ("PRK", "deploy", "RUS") in triples(sentence_with(seed_doc, "The cooperation has also provided"))


def test_nine_million_rounds_go_from_north_korea_to_russia(seed_doc):
    [r] = rels(sentence_with(seed_doc, "It cites an unnamed country"))
    assert (r.source, r.target) == ("PRK", "RUS")       # "from North Korea to Russia", not the vessels' flag
    assert r.object == "as many as 9 million rounds of ammunition"


def test_accusation_without_co_occurrence_edge(seed_doc):
    found = triples(sentence_with(seed_doc, "The United States and 10 allies"))
    assert found == {("USA", "accuse", "RUS"), ("USA", "accuse", "PRK")}   # no RUS→PRK from "between"


def test_vetoes(seed_doc):
    # A veto's target is the sponsor the sentence names; an unsponsored veto gives no relation.
    assert triples(sentence_with(seed_doc, "China and Russia vetoed")) == {("CHN", "veto", "USA"),
                                                                           ("RUS", "veto", "USA")}
    assert not any(r.action == "veto" for r in rels(sentence_with(seed_doc, "They made the accusations")))


def test_no_self_loops_and_vocabulary(seed_doc):
    for sent in seed_doc.sents:
        for r in rels(sent):
            assert r.source != r.target
            assert r.action in ACTIONS and r.modality in MODALITIES
            assert sent.start_char <= r.start < r.end <= sent.end_char


@pytest.mark.parametrize("text, expected", [
    ("Russia's missile attacks on Ukrainian cities killed dozens.", {("RUS", "attack", "UKR")}),
    ("Russia has begun firing ballistic missiles supplied by North Korea at targets in Ukraine.",
     {("RUS", "attack", "UKR"), ("PRK", "supply", "RUS")}),
    ("The shells were delivered by North Korea to Russia.", {("PRK", "supply", "RUS")}),
    ("Washington has accused Pyongyang of supplying Moscow with ballistic missiles.",
     {("USA", "accuse", "PRK"), ("PRK", "supply", "RUS")}),
    ("North Korea has started sending thousands of soldiers to Russia.", {("PRK", "deploy", "RUS")}),
    ("Kim Jong Un and Vladimir Putin held talks on Wednesday.", {("PRK", "meet", "RUS")}),
    ("Russia and North Korea were mentioned in the same report.", set()),
    ("Russia sanctioned.", set()),
])
def test_short_texts(nlp, text, expected):
    doc = nlp(text)
    assert set().union(*(triples(s) for s in doc.sents)) == expected


@pytest.mark.parametrize("text, claimant, modality", [
    ("North Korea sent troops to Russia, according to Seoul's spy agency.", "KOR", "alleged"),
    ("Kyiv says North Korean troops fought in Kursk.", "UKR", "alleged"),
    ("Moscow denied sending weapons.", "RUS", "denied"),
    ("The Kremlin dismissed the reports as unfounded.", "RUS", "denied"),
    ("The Kremlin declined to comment on the report.", "RUS", "denied"),
    ("Neither Moscow nor Pyongyang has publicly acknowledged the deployment.", "RUS, PRK", "denied"),
    ("Pyongyang acknowledged the deployment for the first time.", "PRK", "confirmed"),
    ("Britain, France and Germany said they would cancel air service agreements with Iran.",
     "GBR, FRA, DEU", "planned"),
    ("North Korea reportedly shipped more shells.", None, "alleged"),
    ("North Korea shipped more shells to Russia.", None, "asserted"),
    # a claimant that is no actor keeps the noun phrase as written: who claims, not a bare head noun
    ("North Korea shipped shells to Russia, according to two people familiar with the matter.",
     "two people familiar with the matter", "alleged"),
    ("Western countries said Russia sent troops to Kursk.", "Western countries", "alleged"),
    ("Diplomats and analysts said Iran supplied drones to Russia.", "Diplomats and analysts", "alleged"),
    ("Officials, who spoke on condition of anonymity, said Russia attacked Ukraine.", "Officials", "alleged"),
])
def test_attribution(nlp, text, claimant, modality):
    sent = next(nlp(text).sents)
    assert attribution(sent, find_actors(sent)) == (claimant, modality)


def test_negated_trigger_is_denied(nlp):
    sent = next(nlp("Foreign Minister Abbas Araghchi said Iran had not delivered any missiles to Russia.").sents)
    [r] = rels(sent)
    assert (r.source, r.target, r.modality) == ("IRN", "RUS", "denied")


def test_planned_trigger(nlp):
    sent = next(nlp("North Korea will send 1,000 sappers to Russia.").sents)
    [r] = rels(sent)
    assert (r.source, r.action, r.target, r.modality) == ("PRK", "deploy", "RUS", "planned")


def test_team_said_uses_context(nlp):
    doc = nlp("The Multilateral Sanctions Monitoring Team met in Seoul. "
              "Russia supplied oil to North Korea, the team said.")
    sent = list(doc.sents)[-1]
    assert attribution(sent, find_actors(sent)) == ("Multilateral Sanctions Monitoring Team", "alleged")
    [r] = rels(sent)
    assert r.claimant == "Multilateral Sanctions Monitoring Team"


def one(nlp, text: str) -> dict[tuple[str, str, str], RelationMatch]:
    """Relations of the last sentence of ``text`` (earlier sentences are context), keyed by triple."""
    sent = list(nlp(text).sents)[-1]
    return {(r.source, r.action, r.target): r for r in rels(sent)}


@pytest.mark.parametrize("text, expected", [
    ("Iraq said its warplanes launched two bombing raids on Iran's offshore Nowruz oilfield.",
     ("IRQ", "attack", "IRN")),                                           # nominal trigger, carried out
    ("Iraq said its troops repelled an overnight attack by Iranian Revolutionary Guards near Basra.",
     ("IRN", "attack", "IRQ")),                                           # the repeller was the target
    ("France voiced its comprehension for a U.S. Attack on an Iranian target.", ("USA", "attack", "IRN")),
    ("The United States has undertaken an act of armed aggression against Iran.", ("USA", "attack", "IRN")),
    ("Iranian troops inflicted severe losses on Iraqi troops.", ("IRN", "attack", "IRQ")),
    ("President Reagan banned arms shipments to Tehran.", ("USA", "sanction", "IRN")),
    ("U.S. Secretary of State George Shultz was holding several hours of talks with Soviet Foreign Minister "
     "Eduard Shevardnadze today.", ("USA", "meet", "SUN")),
])
def test_nominal_and_wire_triggers(nlp, text, expected):
    assert expected in one(nlp, text)


def test_agreeing_to_supply_gives_both_the_deal_and_the_supply(nlp):
    found = one(nlp, "The Soviet Union has agreed to supply Iran with refined oil products.")
    assert {("SUN", "agree", "IRN"), ("SUN", "supply", "IRN")} <= set(found)
    assert found[("SUN", "supply", "IRN")].modality == "planned"


def test_the_maker_of_what_was_acquired_is_the_seller(nlp):
    r = one(nlp, "Earlier this month, Iran acknowledged it had acquired Chinese-made Silkworm missiles.")
    assert (r[("IRN", "buy", "CHN")].claimant, r[("IRN", "buy", "CHN")].modality) == ("IRN", "confirmed")


def test_attribution_is_per_trigger(nlp):
    # The report conjoined to the trigger ("and said it would ...") does not make the act planned.
    found = one(nlp, "The official Soviet news agency denounced a U.S. attack on an Iranian oil platform "
                     "and said it would bring no dividends.")
    assert (found[("SUN", "condemn", "USA")].claimant, found[("SUN", "condemn", "USA")].modality) == (None, "asserted")
    # The reporting verb above the trigger names the claimant; readiness makes it planned.
    r = one(nlp, "Washington said its warships were available to escort Kuwaiti tankers.")[("USA", "aid", "KWT")]
    assert (r.claimant, r.modality) == ("USA", "planned")
    # A speech act is claimed by its speaker.
    r = one(nlp, "The United States warned Iran again that it was ready to retaliate.")[("USA", "threaten", "IRN")]
    assert (r.claimant, r.modality) == ("USA", "alleged")


def test_nominal_claimant_resolves_to_the_latest_speaker(nlp):
    text = ("Iraq said its forces crushed a new offensive near Basra. "
            "A military spokesman said Iranian troops attacked Iraqi positions.")
    r = one(nlp, text)[("IRN", "attack", "IRQ")]
    assert (r.claimant, r.modality) == ("IRQ", "alleged")


def test_a_person_without_a_state_is_no_endpoint(nlp):
    assert not one(nlp, "Commentator Ivan Petrovsky criticised the United States.")
