"""Quantity rules for wire copy, third round, on the real pipeline: numbers coordinated before one unit,
ranges repeating a currency word, "U.S." between an amount and its currency, shipping and time
abbreviations, specification limits after the unit, numbers inside words, tallies, a full stop glued
to a unit symbol.

Every sentence here is written for the test (none is taken from a corpus or a benchmark).
"""

from __future__ import annotations

from lib.quantities import QuantityMatch, find_quantities


def _at(nlp, text: str, number: str, **kw) -> QuantityMatch:
    """The one quantity whose number starts where ``number`` is first written in ``text``."""
    at = text.index(number)
    found = [q for q in find_quantities(nlp(text), **kw) if q.num_start == at]
    assert len(found) == 1, [q.text for q in find_quantities(nlp(text), **kw)]
    return found[0]


def _texts(nlp, text: str, **kw) -> list[str]:
    return [q.text for q in find_quantities(nlp(text), **kw)]


# --- coordinated numbers share the unit written after the last one ---------------------------


def test_coordinated_number_shares_a_later_unit(nlp):
    text = "The co-op ships 20 and 40 kg sacks of beans to Hamburg each week."
    first = _at(nlp, text, "20")
    assert (first.text, first.value, first.unit) == ("20", 20.0, "kilogram")
    assert _at(nlp, text, "40").unit == "kilogram"


def test_coordinated_durations_are_both_durations(nlp):
    text = "The lender offers two and three month deposits to savers in Ohio."
    assert _texts(nlp, text) == []  # both are terms of deposits, like "three month deposits" alone
    assert [q.unit for q in find_quantities(nlp(text), include_durations=True)] == ["month", "month"]


def test_coordinated_verbs_keep_their_own_counts(nlp):
    text = "Gunmen killed 7 and wounded 15 villagers near the border."
    first = _at(nlp, text, "7")
    assert (first.text, first.category) == ("7", "casualties")  # the next number's noun is not shared
    assert _at(nlp, text, "15").unit == "villager"


# --- ranges that repeat the currency word -----------------------------------------------------


def test_range_with_currency_word_repeated_is_one_range(nlp):
    q = _at(nlp, "Maize was offered at 41 cts to 43 cts a bushel on Tuesday.", "41")
    assert (q.qualifier, q.low, q.high, q.unit, q.category) == ("range", 41.0, 43.0, "cent per bushel", "money")
    assert q.text == "41 cts to 43 cts a bushel"


def test_change_then_level_in_cents_stays_two_quantities(nlp):
    text = "The stock rose 4 cts to 90 cts in early trade."
    assert (_at(nlp, text, "4").change, _at(nlp, text, "90").value) == ("up", 90.0)


# --- "U.S." between an amount and its currency ------------------------------------------------


def test_us_before_dollar_word_is_dollars(nlp):
    q = _at(nlp, "The sugar cargo fetched 212.50 U.S. Dlrs per tonne fob, dealers said.", "212.50")
    assert (q.value, q.unit, q.category) == (212.5, "dollar per tonne", "money")
    assert q.text == "212.50 U.S. Dlrs per tonne"


def test_us_after_dollar_amount_keeps_its_rate(nlp):
    q = _at(nlp, "Heavy crude was posted at $17 U.S. per barrel last month.", "$17")
    assert (q.text, q.unit) == ("$17 U.S. per barrel", "dollar per barrel")


# --- shipping and time abbreviations --------------------------------------------------------


def test_deadweight_tonnes_and_dwt_are_one_unit(nlp):
    a = _at(nlp, "A bulk carrier of 64,200 deadweight tonnes was chartered for grain.", "64,200")
    b = _at(nlp, "A 64,200 dwt bulk carrier was chartered for grain.", "64,200")
    assert a.unit == b.unit == "deadweight tonne"
    assert a.text == "64,200 deadweight tonnes"


def test_gt_is_gross_tons(nlp):
    q = _at(nlp, "The ferry, of 18,400 gt, was sold to a Greek owner.", "18,400")
    assert (q.value, q.unit) == (18400.0, "gross ton")


def test_month_and_year_abbreviations_are_durations(nlp):
    text = "The notes mature in 18 mths while the loan runs 7 yrs."
    assert _texts(nlp, text) == []  # durations, like "18 months", are not reported amounts
    assert [q.unit for q in find_quantities(nlp(text), include_durations=True)] == ["month", "year"]


# --- specification limits written after the unit --------------------------------------------


def test_max_and_min_after_a_percent_are_bounds(nlp):
    text = "The barley must test four pc max moisture and 11 pct min protein."
    most, least = _at(nlp, text, "four"), _at(nlp, text, "11")
    assert (most.text, most.qualifier, most.low, most.high) == ("four pc max", "up_to", None, 4.0)
    assert (least.text, least.qualifier, least.low, least.high) == ("11 pct min", "at_least", 11.0, None)


def test_spelled_out_limits(nlp):
    q = _at(nlp, "Oil content is 38 pct minimum, the contract says.", "38")
    assert (q.qualifier, q.low) == ("at_least", 38.0)


def test_min_after_a_bare_number_is_not_a_limit(nlp):
    q = _at(nlp, "Striker Ruiz scored 2 goals, the second at 88 min in Lima.", "2")
    assert q.qualifier == "exact"


# --- numbers inside words ---------------------------------------------------------------------


def test_digits_glued_to_a_capital_and_possessive_are_a_name(nlp):
    assert _texts(nlp, "3M's quarterly profit beat forecasts in Minnesota.") == []


def test_number_word_hyphenated_onto_a_word_counts_nothing(nlp):
    assert _texts(nlp, 'The so-called "triple-zero" offer was rejected by Bonn.') == []
    assert _texts(nlp, "Acme declared a three-for-one stock split on Friday.") == []


def test_hyphenated_number_words_still_count(nlp):
    q = _at(nlp, "Twenty-one ships left port and seventy-five stayed.", "seventy")
    assert q.value == 75.0


# --- tallies ---------------------------------------------------------------------------------


def test_tally_after_comparing_verb_is_no_change(nlp):
    found = find_quantities(nlp("Advancing issues outnumbered declines 612 to 480 on the bourse."))
    assert [(q.text, q.value, q.qualifier, q.change) for q in found] == [
        ("612", 612.0, "exact", None), ("480", 480.0, "exact", None)]


def test_change_then_lower_level_is_no_tally(nlp):
    q = _at(nlp, "The index fell 40 to 30 after the report.", "40")
    assert q.change == "down"


def test_falling_level_after_change_verb_is_still_read(nlp):
    q = _at(nlp, "Devon shares added 40 to 12.50 in Sydney.", "40")
    assert q.change == "up"


# --- a sentence's full stop glued to a unit symbol -------------------------------------------


def test_full_stop_is_trimmed_from_glued_unit(nlp):
    text = "The slab measures 6m x 3m."
    q = _at(nlp, text, "3m")
    assert (q.text, q.value, q.unit) == ("3m", 3.0, "metre")
    assert text[q.start:q.end] == "3m"


def test_abbreviation_point_inside_sentence_is_kept(nlp):
    text = "The slab measures 6m x 3m. Workers laid it."
    q = _at(nlp, text, "6m")
    assert text[q.start:q.end] == q.text == "6m"


def test_from_to_joins_when_second_level_leaves_the_rate_unsaid(nlp):
    q = _at(nlp, "Brent has slid since May from $64 U.S. per barrel to $51 this week.", "$64")
    assert (q.qualifier, q.value, q.low, q.high, q.unit) == ("range", 64.0, 51.0, 64.0, "dollar per barrel")


def test_listed_numbers_share_the_unit_closing_the_list(nlp):
    text = "Buyers may bid for two, three and five-year notes at the auction."
    assert _texts(nlp, text) == []  # all three are terms of notes
    durations = find_quantities(nlp(text), include_durations=True)
    assert [q.text for q in durations][:2] == ["two", "three"] and {q.unit for q in durations} == {"year"}


def test_comma_between_clauses_shares_no_unit(nlp):
    q = _at(nlp, "Of the 40 wells drilled, 12 km of pipe was laid to the field.", "40")
    assert q.unit == "well"
