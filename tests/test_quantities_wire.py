"""Quantity rules for wire copy on the real pipeline: cents as "cts", binary fractions, results-table
row labels, moves written after the amount, "pc", "bbls", names before counted plurals, share classes.

Every sentence here is written for the test (none is taken from a corpus or a benchmark).
"""

from __future__ import annotations

from lib.quantities import QuantityMatch, find_quantities


def _by_text(nlp, text: str) -> dict[str, QuantityMatch]:
    return {q.text: q for q in find_quantities(nlp(text))}


def _at(nlp, text: str, number: str) -> QuantityMatch:
    """The one quantity whose number starts where ``number`` is first written in ``text``."""
    at = text.index(number)
    found = [q for q in find_quantities(nlp(text)) if q.num_start == at]
    assert len(found) == 1, [q.text for q in find_quantities(nlp(text))]
    return found[0]


# --- "cts" is cents --------------------------------------------------------------------------


def test_cts_and_ct_are_cents(nlp):
    found = _by_text(nlp, "Qtly div 41 cts vs 38 cts prior, and the loss was one ct a share.")
    assert {t: (q.value, q.unit, q.category) for t, q in found.items()} == {
        "41 cts": (41.0, "cent", "money"), "38 cts": (38.0, "cent", "money"),
        "one ct a share": (1.0, "cent per share", "money")}


# --- binary fractions ----------------------------------------------------------------------------


def test_hyphenated_binary_fraction_is_one_mixed_number(nlp):
    q = _at(nlp, "Soyoil was quoted at 21-3/8 cents a lb in late trade.", "21")
    assert (q.text, q.value, q.unit) == ("21-3/8 cents a lb", 21.375, "cent per pound-mass")


def test_lone_fraction_before_pct_is_a_percent(nlp):
    q = _at(nlp, "Lenders will receive a margin of 7/8 pct over Libor.", "7/8")
    assert (q.value, q.unit) == (0.875, "percent")


def test_mixed_fraction_range_keeps_its_fraction(nlp):
    q = _at(nlp, "Dealers quoted the stock at 41-1/4 to 42 in early trading.", "41")
    assert (q.value, q.high, q.qualifier) == (41.25, 42.0, "range")


def test_a_slashed_date_is_no_fraction(nlp):
    assert find_quantities(nlp("The board meets on 3/4 to vote.")) == []


# --- results tables: the capitalised word after a number labels the next row ---------------------


def test_row_label_after_a_number_is_not_its_unit(nlp):
    text = "Net profit 412,000 vs loss 35,210 Sales 8,144,000 vs 7,902,000"
    q = _at(nlp, text, "35,210")
    assert (q.text, q.unit) == ("35,210", None)


def test_label_with_colon_is_not_a_unit(nlp):
    q = _at(nlp, "Revenue 61.2 mln vs 58.9 mln Note: prior year restated.", "58.9")
    assert (q.text, q.unit) == ("58.9 mln", None)


def test_label_closing_a_vs_comparison_is_not_a_unit(nlp):
    q = _at(nlp, "Minority interests 2.1 mln vs 1.8 mln Extraordinary items 4.4 mln credit", "1.8")
    assert (q.text, q.unit) == ("1.8 mln", None)


def test_prose_plural_after_a_name_still_counts(nlp):
    q = _at(nlp, "The carrier bought 12 Airbus planes last year.", "12")
    assert (q.unit, q.value) == ("plane", 12.0)


# --- moves written after the amount, "dn" and "off" --------------------------------------------


def test_amount_then_up_at_level_is_a_rise(nlp):
    q = _at(nlp, "Shares in the miner closed 15 cents up at 4.20 after a firm session.", "15")
    assert (q.unit, q.change) == ("cent", "up")


def test_dn_before_amount_is_a_fall(nlp):
    q = _at(nlp, "Open interest in wheat was 88,100, dn 1,250 from the prior day.", "1,250")
    assert q.change == "down"


def test_off_before_amount_is_a_fall(nlp):
    q = _at(nlp, "Retail sales were off 3.4 pct in the month.", "3.4")
    assert (q.unit, q.change) == ("percent", "down")


def test_level_after_a_move_gets_no_direction(nlp):
    q = _at(nlp, "Shares in the miner closed 15 cents up at 4.20 after a firm session.", "4.20")
    assert q.change is None


# --- wire abbreviations ------------------------------------------------------------------------


def test_pc_is_percent(nlp):
    q = _at(nlp, "Inflation eased to 3.9 pc in May.", "3.9")
    assert (q.unit, q.value) == ("percent", 3.9)


def test_bbls_is_barrels(nlp):
    q = _at(nlp, "Proved reserves stood at 410 mln bbls at year end.", "410")
    assert (q.unit, q.value) == ("barrel", 410e6)


def test_minus_centigrade_is_a_negative_temperature(nlp):
    q = _at(nlp, "Overnight the town recorded minus 22 centigrade.", "minus")
    assert (q.value, q.unit) == (-22.0, "degree celsius")


# --- names before a counted plural, quoted share classes ----------------------------------------


def test_number_before_a_name_and_plural_counts_the_plural(nlp):
    q = _at(nlp, "The air force kept 450 Minuteman missiles on alert.", "450")
    assert (q.value, q.unit) == (450.0, "missile")


def test_number_inside_a_name_after_a_determiner_stays_a_model(nlp):
    found = find_quantities(nlp("The airline grounded its 737 Max jets."))
    assert [q.value for q in found] == []


def test_plural_model_name_is_counted(nlp):
    q = _at(nlp, "The carmaker delivered 41,200 Model Ys and 12,800 Model 3s.", "12,800")
    assert q.value == 12800.0


def test_quoted_share_class_does_not_hide_shares(nlp):
    q = _at(nlp, 'The group sold 12 mln "B" shares to investors.', "12")
    assert (q.value, q.unit, q.text) == (12e6, "share", '12 mln "B" shares')
