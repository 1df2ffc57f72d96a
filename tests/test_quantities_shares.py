"""Quantity rules on the real pipeline: movements, shares, anaphoric numbers, glued currencies, dashes.

Every sentence here is written for the test (none is taken from a benchmark).
"""

from __future__ import annotations

import pytest

from lib.eval.newsquant import from_match
from lib.quantities import QuantityMatch, find_quantities


def _found(nlp, text: str, **switches) -> list[tuple[str, float, float | None, float | None, str]]:
    return [(q.text, q.value, q.low, q.high, q.qualifier) for q in find_quantities(nlp(text), **switches)]


def _only(nlp, text: str, **switches) -> QuantityMatch:
    found = find_quantities(nlp(text), **switches)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# --- "from X ... to Y": one movement, not two levels --------------------------------------------


def test_from_to_with_words_between_is_one_ordered_range(nlp):
    q = _only(nlp, "The copper price slid from $9,120 on Monday morning to $8,870 by the close.")
    assert q.text == "from $9,120 on Monday morning to $8,870"
    assert (q.value, q.low, q.high, q.qualifier, q.ordered) == (9120.0, 8870.0, 9120.0, "range", True)
    assert (q.unit, q.category) == ("dollar", "money")


def test_from_to_keeps_the_first_unit_when_the_second_leaves_it_unsaid(nlp):
    q = _only(nlp, "The boxer cut his weight from 180 pounds to 165 before the bout.")
    assert (q.value, q.low, q.high, q.ordered) == (180.0, 165.0, 180.0, True)
    assert q.text.startswith("from 180 pounds") and q.text.endswith("to 165")


def test_from_to_with_a_year_between_is_still_one_range(nlp):
    q = _only(nlp, "The fleet's economy improved from 18 mpg in 2015 to 26 mpg.")
    assert (q.low, q.high, q.unit) == (18.0, 26.0, "mile per gallon")


def test_from_and_to_in_different_units_stay_apart(nlp):
    found = _found(nlp, "Sales fell from 40% of the market to $3 billion in revenue.")
    assert [f[0] for f in found] == ["40%", "$3 billion"]


def test_to_a_smaller_number_without_from_is_no_range(nlp):
    """ "in 2015 to 26 mpg": "X to Y" runs upward, so a year before "to" does not swallow the 26."""
    found = _found(nlp, "Economy was 18 mpg in 2015 to 26 mpg in 2021 for the compact models.")
    assert [f[1] for f in found] == [18.0, 26.0]


def test_spaced_en_dash_joins_a_range(nlp):
    q = _only(nlp, "Bake the loaf for 35 – 45 minutes.", include_durations=True)
    assert (q.low, q.high, q.unit) == (35.0, 45.0, "minute")


# --- the level reached is not the size of the change --------------------------------------------


def test_level_after_to_and_a_focus_adverb_is_no_change(nlp):
    level = _only(nlp, "The top speed drops to just 70 mph with the extra armour.")
    assert (level.value, level.change) == (70.0, None)


def test_a_time_after_in_is_not_the_size_of_a_change(nlp):
    found = find_quantities(nlp("The hatchback can accelerate in under 6 seconds.", ), include_durations=True)
    assert [(q.value, q.change) for q in found] == [(6.0, None)]


def test_a_change_behind_a_one_word_qualifier_keeps_its_direction(nlp):
    assert _only(nlp, "Exports rose over 5% in March.").change == "up"


# --- shares ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("Roughly half of the new recruits quit within a year.", 0.5, "approx"),
    ("A third of the shipments arrived late.", 1 / 3, "exact"),
    ("Nearly two-thirds of the voters stayed home.", 2 / 3, "approx"),
    ("Three quarters of the budget went to salaries.", 0.75, "exact"),
    ("One in four households owns a dog.", 0.25, "exact"),
    ("Two out of five drivers exceed the limit.", 0.4, "exact"),
])
def test_shares_are_fractions_when_asked_for(nlp, text, value, qualifier):
    q = _only(nlp, text, include_fractions=True)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.qualifier) == ("fraction", qualifier)


def test_shares_are_not_product_quantities_and_hide_their_denominator(nlp):
    """"one in four" is no count of four; "roughly half of" reports no amount (the product's gold)."""
    assert _found(nlp, "One in four households owns a dog.") == []
    assert _found(nlp, "Roughly half of the new recruits quit.") == []


def test_periods_and_ranks_are_not_shares(nlp):
    text = "In the second half of the year, half a million people moved; the third quarter was slow."
    found = _found(nlp, text, include_fractions=True)
    assert [f[1] for f in found] == [500000.0]


def test_one_in_a_year_is_no_share(nlp):
    assert all(q.unit != "fraction" for q in find_quantities(
        nlp("Only one in 2019 survived the winter."), include_fractions=True))


# --- numbers that point back ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Brazil, India, Egypt and Chile signed, and these four will meet again in May.",
    "Our club slipped into the bottom three after the loss.",
    "The ministers of the three met in Geneva, and the three agreed on nothing.",
])
def test_a_definite_number_with_no_noun_is_not_a_quantity(nlp, text):
    assert _found(nlp, text) == []


def test_a_definite_number_with_its_noun_later_is_kept(nlp):
    found = _found(nlp, "The series will join the 40 previous years of broadcasts.")
    assert [f[1] for f in found] == [40.0]


def test_a_bare_number_without_a_determiner_is_kept(nlp):
    found = find_quantities(nlp("About 300 tanks were shipped and 120 more arrived in June."))
    assert [q.value for q in found] == [300.0, 120.0]


def test_the_seed_related_article_has_no_bare_four(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    start = text.index("between these four")
    sent = nlp(text[text.rindex(".", 0, start) + 1:text.index(".", start) + 1])
    assert find_quantities(sent) == []


# --- one of the best --------------------------------------------------------------------------------


def test_one_of_a_superlative_counts_only_when_asked_for(nlp):
    text = "It was one of the hardest winters on record."
    assert _found(nlp, text) == []
    q = _only(nlp, text, include_one_of=True)
    assert (q.value, q.qualifier) == (1.0, "exact")
    assert _found(nlp, "One of the drivers was hurt.", include_one_of=True) == []


# --- written numbers ------------------------------------------------------------------------------


def test_country_letters_after_a_dollar_sign_and_a_bracketed_conversion(nlp):
    found = find_quantities(nlp("The flat sold for $US2,400,000 ($A3,650,000) last spring."))
    assert [(q.value, q.category) for q in found] == [(2400000.0, "money"), (3650000.0, "money")]


def test_capital_m_glued_to_digits_is_a_million(nlp):
    q = _only(nlp, "The album sold 2.6M copies worldwide.")
    assert q.value == 2600000.0


def test_a_decimal_before_a_name_is_a_measure_not_a_model_number(nlp):
    found = find_quantities(nlp("The reliever was worth 1.5 WAR last season, while the iPhone 14 sold well."))
    assert [q.value for q in found] == [1.5]


def test_cqe_adapter_reads_a_vague_plural_as_an_unqualified_range(nlp):
    doc = nlp("Dozens of houses were flooded.")
    cqe = from_match(find_quantities(doc)[0], doc=doc)
    assert (cqe.value, cqe.change) == ((12.0, 120.0), "=")
