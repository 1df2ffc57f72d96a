"""Units and currencies of the quantity finder, and their CQE names, on sentences written for these tests."""

from __future__ import annotations

import pytest

from lib.eval.concepts import concepts, counted_phrase
from lib.eval.newsquant import from_match
from lib.eval.units import cqe_unit, mapping_table
from lib.measures import iso_currency, national_currency, split_glued
from lib.quantities import find_quantities


def _found(nlp, text: str) -> dict[float, tuple[str | None, str, str]]:
    """value → (unit, category, matched text) for each quantity in ``text``."""
    return {q.value: (q.unit, q.category, q.text) for q in find_quantities(nlp(text))}


def test_torque_is_read_by_case_and_through_hyphens_not_as_money(nlp):
    found = _found(nlp, "The new motor gives 410 pound-feet of torque, or 556 Nm, and the chip is built at 7 nm.")
    assert found[410.0][:2] == ("pound-foot", "other")  # not 410 pounds sterling
    assert found[556.0][0] == "newton metre"
    assert found[7.0][0] == "nanometre"
    assert split_glued("556Nm").unit == "newton metre" and split_glued("7nm").unit == "nanometre"


def test_two_word_units_capital_celsius_and_a_final_full_stop(nlp):
    found = _found(nlp, "Rates rose 25 basis points while it was 14 C in Oslo, and offices let at $95 per sq m.")
    assert found[25.0][0] == "basis point"
    assert found[14.0][0] == "degree celsius"
    assert found[95.0][:2] == ("dollar per square metre", "money")
    lower = _found(nlp, "He scored 14 c grades.")  # a lower-case "c" is no temperature
    assert lower.get(14.0, (None,))[0] != "degree celsius"


def test_oil_rates_per_day(nlp):
    found = _found(nlp, "The field pumps 80,000 bpd and feeds a 45,000 barrel-a-day plant.")
    assert found[80_000.0][:2] == ("barrel per day", "oil")
    assert found[45_000.0][0] == "barrel per day"
    assert "barrel-a-day" in found[45_000.0][2]


def test_country_prefixed_dollars_and_national_currencies(nlp):
    found = _found(nlp, "Fans paid HK $3,400 and NZ $120, a fine of 4.5 million Australian dollars, "
                        "and 9 million Danish crowns; A $40 fee applied.")
    assert found[3_400.0][:2] == ("hong kong dollar", "money")
    assert found[120.0][0] == "new zealand dollar"
    assert found[4_500_000.0][:2] == ("australian dollar", "money")
    assert found[9_000_000.0][:2] == ("danish krone", "money")
    assert found[40.0][0] == "dollar"  # a sentence-initial "A" is an article, not Australia


def test_subunits_and_iso_codes_are_money_with_their_rate(nlp):
    found = _found(nlp, "It lost 41 cents per share; the stock fell 12p, Maxis rose 6 sen, "
                        "a ticket costs 90 kn and the deal is worth HKD 300 million.")
    assert found[41.0][:3] == ("cent per share", "money", "41 cents per share")
    assert found[12.0][:2] == ("penny", "money")
    assert found[6.0][:2] == ("sen", "money")
    assert found[90.0][:2] == ("kuna", "money")
    assert found[300e6][:2] == ("hong kong dollar", "money")
    top = _found(nlp, "The TOP 10 songs of the year.")
    assert all(cat != "money" for _, cat, _ in top.values())


def test_currency_names_come_from_iso_4217():
    assert national_currency("Swedish", "crowns") == "swedish krona"
    assert national_currency("Hong Kong", "dollars") == "hong kong dollar"
    assert national_currency("Japanese", "yen") == "japanese yen"
    assert national_currency("US", "dollars") == "dollar"
    assert national_currency("Danish", "prince") is None  # not a currency word
    assert iso_currency("CHF") == "swiss franc" and iso_currency("USD") == "dollar"
    assert iso_currency("TOP") is None and iso_currency("Chf") is None


@pytest.mark.parametrize(("ours", "money", "cqe"), [
    ("revolution per minute", False, "revolutions per minute"),  # one CQE name, not split at "per"
    ("part per billion", False, "parts-per-billion"),
    ("dollar per million british thermal unit", True, "dollar per mega british thermal unit"),
    ("milliampere hour", False, "milliampere-hour"),
    ("penny", True, "point"),
    ("kuna", True, "croatian kuna"),
    ("danish krone", True, "danish krone"),
    ("cent per share", True, "cent per share"),
    ("megatonne", False, "megaton"),
])
def test_cqe_names(ours, money, cqe):
    assert cqe_unit(ours, money=money) == cqe


def test_mapping_table_stays_small():
    assert len(mapping_table()) < 100


def test_counted_nouns_keep_compounds_and_drop_participles(nlp):
    doc = nlp("The back ran for 212 passing yards, signed 9 first-team players and cut 40 recorded tracks.")
    units = {m.value: from_match(m, doc=doc).unit for m in find_quantities(doc)}
    assert units[212.0] == "yard"
    assert units[9.0] == "first-team player"
    assert units[40.0] == "track"
    doc = nlp("She owns 3 of the best wireless speakers and 2 of the most expensive cars.")
    units = {m.value: from_match(m, doc=doc).unit for m in find_quantities(doc)}
    assert units == {3.0: "good wireless speaker", 2.0: "expensive car"}  # graded adjectives lemmatised
    doc = nlp("The screen is 6.7-inch wide.")
    assert all(counted_phrase(doc, m) in (None, "inch") for m in find_quantities(doc))


def test_concepts_follow_relative_clauses_of_phrases_and_plans(nlp):
    doc = nlp("Acme, which employs 4,200 engineers, said 18 percent of its revenue came from Asia. "
              "Globex announced plans to cut 900 jobs.")
    found = {m.value: {c.lower() for c in concepts(doc, m)} for m in find_quantities(doc)}
    assert "acme" in found[4_200.0]  # the relative pronoun stands for Acme
    assert "revenue" in found[18.0]  # the "of" phrase names what the share is of
    assert "globex" in found[900.0]  # the subject of the verb whose plans hold the number


def test_a_fraction_is_a_share_of_the_whole_it_names(nlp):
    doc = nlp("One out of three Germans and nearly two-thirds of digital sales agree.")
    units = [from_match(m, doc=doc).unit for m in find_quantities(doc, include_fractions=True)]
    assert units == ["% Germans", "% digital sale"]
