"""Relation recall, second round (issue 3): places as targets (lib.places, the real GeoNames gazetteer)
and act words (lib.acts), on sentences written here, with the real model. Every edge keeps its
trigger span, claimant and modality; places are never doers and ambiguous names give nothing."""

from __future__ import annotations

import pytest

from lib.actors import find_actors
from lib.places import country_of
from lib.relations import RelationMatch, find_relations


def last(nlp, text: str) -> list[RelationMatch]:
    """Relations of the last sentence of ``text`` (earlier sentences are its context)."""
    doc = nlp(text)
    sent = list(doc.sents)[-1]
    return find_relations(sent, find_actors(sent))


def triples(rels: list[RelationMatch]) -> set[tuple[str, str, str]]:
    return {(r.source, r.action, r.target) for r in rels}


@pytest.mark.parametrize("name, code", [
    ("Kharkiv", "UKR"), ("Odesa", "UKR"), ("Donetsk", "UKR"), ("Belgorod", "RUS"), ("Paris", "FRA"),
    ("Kiev", "UKR"),  # an alternate spelling (GeoNames: Kyiv)
    ("Victoria", None),   # Hong Kong 0.96 M vs Canada 0.29 M: no dominant country
    ("Odessa", None),     # Odessa, Texas, and Odesa's alternate name
    ("Gulf", None),       # only a region (Papua New Guinea): regions never resolve alone
    ("Atlantis", "ZAF"),  # a real town (South Africa): only one country has it
    ("Qwertzville", None),
])
def test_gazetteer_resolves_only_dominant_places(name, code):
    assert country_of(name) == code


@pytest.mark.parametrize("text, expected, place", [
    ("Russian aircraft dropped guided bombs on residential areas of Kharkiv.", ("RUS", "attack", "UKR"), "Kharkiv"),
    ("Russia struck port infrastructure in the southern Odesa region overnight.", ("RUS", "attack", "UKR"),
     "Odesa"),
    ("Russia's missile attacks on Kharkiv killed five people.", ("RUS", "attack", "UKR"), "Kharkiv"),
    ("Ukrainian troops attacked Donetsk on Friday.", ("UKR", "attack", "UKR"), None),  # a self-loop: nothing
])
def test_a_place_target_stands_for_its_state_and_is_kept(nlp, text, expected, place):
    rels = last(nlp, text)
    if expected[0] == expected[2]:
        assert rels == []
        return
    assert triples(rels) == {expected}
    (r,) = rels
    assert r.place == place and r.modality == "asserted" and r.claimant is None
    assert text[r.start:r.end] in ("dropped", "struck", "attacks")


@pytest.mark.parametrize("text", [
    "Kharkiv attacked Russian positions near the border.",      # a place is no doer
    "Russian forces launched missiles at Victoria.",            # ambiguous name
    "Russia dropped its demand for talks on Kharkiv.",          # "drop" without a weapon: no attack
    "Russia hosted a trade fair in Kharkiv.",                   # not an attack: no place target
])
def test_places_never_invent_edges(nlp, text):
    assert not [r for r in last(nlp, text) if r.place or r.target == "UKR" and r.action == "attack"]


def test_place_relation_keeps_attribution(nlp):
    text = "Russian aircraft dropped bombs on Kharkiv, Ukraine's military said."
    (r,) = last(nlp, text)
    assert (r.source, r.target, r.place, r.claimant, r.modality) == ("RUS", "UKR", "Kharkiv", "UKR", "alleged")


@pytest.mark.parametrize("text, expected", [
    ("Seoul summoned the Russian ambassador to protest the treaty.", {("KOR", "condemn", "RUS")}),
    ("Iran vowed retaliation against the United States.", {("IRN", "threaten", "USA")}),
    ("South Korea called the deployment of North Korean troops a grave threat.", {("KOR", "condemn", "PRK")}),
    ("The United States handed Soviet arms negotiators a draft treaty.", {("USA", "negotiate", "SUN")}),
    # a definite act noun reaches back to the state that did it
    ("North Korea's deployment of troops to Russia drew criticism. "
     "Washington, Seoul and Tokyo condemned the deployment.",
     {("USA", "condemn", "PRK"), ("KOR", "condemn", "PRK"), ("JPN", "condemn", "PRK")}),
])
def test_act_words(nlp, text, expected):
    assert triples(last(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    "Seoul summoned reporters from Russia to a briefing.",            # not an envoy
    "Iran vowed retaliation.",                                         # no target named: nothing
    "Japan called the meeting with China a success.",                  # not a condemning predicate
    "The United States handed Soviet negotiators a list of names.",    # not a proposal
    # the earlier deployment names two states: no single doer to reach back to
    "The deployment by Russia and North Korea drew criticism. Japan condemned the deployment.",
])
def test_act_words_need_their_roles(nlp, text):
    assert last(nlp, text) == [] or not {r.action for r in last(nlp, text)} & {"condemn", "threaten", "negotiate"}


def test_act_word_modality(nlp):
    (r,) = last(nlp, "Iran will not summon the Russian ambassador, officials said.")
    assert (r.source, r.action, r.target, r.modality) == ("IRN", "condemn", "RUS", "denied")


def test_the_gazetteer_is_kept_in_a_small_cache_file_and_a_damaged_one_is_rebuilt(tmp_path, monkeypatch):
    """Every process (Dask workers too) reads the decisions from a file instead of the GeoNames
    records; a damaged file is rebuilt, an unwritable directory only costs the build."""
    from lib import places

    built = places._gazetteer()
    monkeypatch.setattr(places, "_CACHE_DIR", tmp_path / "cache")
    places._gazetteer.cache_clear()
    try:
        assert places._gazetteer() == built
        (cached,) = (tmp_path / "cache").glob("places-*.tsv")
        places._gazetteer.cache_clear()
        monkeypatch.setattr(places, "_decisions", lambda: pytest.fail("rebuilt from a good file"))
        assert places._gazetteer() == built and built["kharkiv"] == "UKR" and "victoria" not in built
        cached.write_text("kharkiv\tUKR\nno tab on this line\n", encoding="utf-8")
        places._gazetteer.cache_clear()
        monkeypatch.undo()
        monkeypatch.setattr(places, "_CACHE_DIR", tmp_path / "cache")
        assert places._gazetteer() == built and len(cached.read_text(encoding="utf-8").splitlines()) == len(built)
        (tmp_path / "ro").touch()  # a file where the directory should be: nothing can be written
        monkeypatch.setattr(places, "_CACHE_DIR", tmp_path / "ro" / "cache")
        places._gazetteer.cache_clear()
        assert places._gazetteer() == built
    finally:
        places._gazetteer.cache_clear()
