"""General English for the quantity finder, on real parses of hand-written sentences (not benchmark text):
units written with dashes, slashes, ISO codes and abbreviations; changes versus levels; time references
that are not rates; ages stated without their unit; hyphenated durations that describe a noun."""

from __future__ import annotations

import pytest

from lib.eval.units import cqe_unit
from lib.quantities import QuantityMatch, find_quantities


def _all(nlp, text: str, **kw) -> list[QuantityMatch]:
    return find_quantities(nlp(text), **kw)


def _one(nlp, text: str, number: str, **kw) -> QuantityMatch:
    found = [q for q in _all(nlp, text, **kw) if text[q.num_start:q.num_end] == number]
    assert len(found) == 1, (number, [q.text for q in _all(nlp, text, **kw)])
    return found[0]


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("The rover's range grew to 287 miles- and the battery is larger.", "287", "mile"),
    ("The car reached 100km/hr in the test.", "100km", "kilometre per hour"),
    ("It can travel at 120 km/hr on highways.", "120", "kilometre per hour"),
    ("It reached 90 kph on the straight.", "90", "kilometre per hour"),
    ("The flat measures 85 sq m and costs a lot.", "85", "square metre"),
    ("The house has 2,000 sq ft of space.", "2,000", "square foot"),
    ("The park covers 12 sq km.", "12", "square kilometre"),
    ("The office has 300 square metres of floor space.", "300", "square metre"),
    ("The new engine produces 300 PS and 400 Nm of torque.", "300", "metric horsepower"),
    ("The V8 makes 296 bhp.", "296", "brake horsepower"),
    ("The fuel cell reached 1.3 A/cm2 at full load.", "1.3", "ampere per square centimetre"),
])
def test_units_written_as_news_writes_them(nlp, text, number, unit):
    assert _one(nlp, text, number).unit == unit


@pytest.mark.parametrize(("text", "expected"), [
    ("The tower is 300m/984ft tall.", [("300m", "metre"), ("984", "foot")]),
    ("He weighs 80kg/176lb now.", [("80kg", "kilogram"), ("176", "pound-mass")]),
    ("The car reached 60 mph/100 kph on the track.", [("60", "mile per hour"), ("100", "kilometre per hour")]),
    ("The lake is 12 km/7.5 miles long.", [("12", "kilometre"), ("7.5", "mile")]),
    ("The wind blew at 30m/s overnight.", [("30", "metre per second")]),
])
def test_a_conversion_written_with_a_slash_keeps_both_amounts(nlp, text, expected):
    """The tokenizer splits "unit/number" (lib.nlp), so neither side of the conversion is lost."""
    assert [(text[q.num_start:q.num_end], q.unit) for q in _all(nlp, text)] == expected


def test_a_slash_between_letters_and_digits_in_a_document_symbol_stays_whole(nlp):
    assert "S/2024/123" in [t.text for t in nlp("The panel report S/2024/123 was published.")]


def test_from_to_range_closes_over_a_stray_dash(nlp):
    text = "The range grew from up to 252 miles to 287 miles- and the battery is larger."
    (q,) = _all(nlp, text)
    assert (q.qualifier, q.low, q.high, q.unit, q.ordered) == ("range", 252.0, 287.0, "mile", True)


@pytest.mark.parametrize(("text", "number", "code", "unit"), [
    ("The ticket costs 110 JPY in Tokyo.", "110", "JPY", "yen"),
    ("A month of access costs 5 USD.", "5", "USD", "dollar"),
    ("The deal is worth 2.5bn EUR, the company said.", "2.5bn", "EUR", "euro"),
    ("Fees were cut to 40 CHF for members.", "40", "CHF", "swiss franc"),
])
def test_iso_codes_after_a_number_are_money(nlp, text, number, code, unit):
    q = _one(nlp, text, number)
    assert (q.unit, q.category) == (unit, "money")
    assert text[q.start:q.end].endswith(code)  # the code is part of the quantity's span


def test_capitals_that_are_no_currency_or_engine_stay_out(nlp):
    assert not any(q.unit and "horsepower" in q.unit for q in _all(nlp, "He wrote 3 PS to the letter."))
    assert _one(nlp, "The team won 3 ALL matches.", "3").category != "money"


def test_change_verb_then_to_is_a_change_and_a_level(nlp):
    text = "Shares fell 12p to 340.5p on Monday."
    fall, level = _one(nlp, text, "12p"), _one(nlp, text, "340.5p")
    assert (fall.value, fall.change, fall.qualifier) == (12.0, "down", "exact")
    assert (level.value, level.change, level.qualifier) == (340.5, None, "exact")
    gain = _one(nlp, "The index gained about 40 points to 1,250 points.", "40")
    assert (gain.change, gain.high) == ("up", None)


def test_a_plain_x_to_y_is_still_a_range(nlp):
    q = _one(nlp, "Officials expect 300 to 400 people to attend.", "300 to 400")
    assert (q.qualifier, q.low, q.high) == ("range", 300.0, 400.0)


@pytest.mark.parametrize("text", [
    "The company posted revenue of $6.78 billion a year earlier.",
    "Sales were $4 billion a year ago.",
    "Output was 2 million barrels a month before the strike.",
])
def test_a_year_earlier_is_a_time_not_a_rate(nlp, text):
    (q,) = _all(nlp, text)
    assert q.unit is not None and " per " not in q.unit


def test_a_real_rate_keeps_its_period(nlp):
    assert _one(nlp, "He earns $50,000 a year.", "$50,000").unit == "dollar per year"


@pytest.mark.parametrize(("text", "number", "change"), [
    ("Growth was revised upward by 0.3 percentage points.", "0.3", "up"),
    ("The forecast was adjusted downwards by 2%.", "2", "down"),
    ("The forecast was adjusted by 2%.", "2", None),
])
def test_upward_and_downward_give_a_change_its_direction(nlp, text, number, change):
    assert _one(nlp, text, number).change == change


def test_from_to_across_a_time_phrase_is_one_movement(nlp):
    text = "Bitcoin plummeted from $36,040 at 10.45pm to $34,935 this morning."
    (q,) = _all(nlp, text)
    # a "from X to Y" pair of levels keeps its direction in ``ordered`` (value above low), not in change
    assert (q.qualifier, q.value, q.low, q.high, q.ordered, q.change) == ("range", 36040.0, 34935.0, 36040.0,
                                                                          True, None)


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("The suspect, aged 35, was arrested.", "35", "year old"),
    ("He retired at age 35 after a long career.", "35", "year old"),
    ("Only people over the age of 21 may enter.", "21", "year old"),
    ("A 35-year-old man was injured.", "35", "year old"),
    ("Their 18-month-old daughter was unhurt.", "18", "month old"),
    ("He will be 35 by the end of the season.", "35", "year old"),
    ("Life expectancy in the country is around 73.", "73", "year old"),
])
def test_ages_said_in_english(nlp, text, number, unit):
    q = _one(nlp, text, number, include_ages=True)
    assert q.unit == unit
    assert cqe_unit(q.unit).endswith("of age")
    assert not _all(nlp, text)  # the product leaves ages out unless asked


def test_a_number_after_be_is_no_age_unless_a_person_or_an_age_is_meant(nlp):
    assert _one(nlp, "The score will be 35 by the end.", "35", include_ages=True).unit is None
    assert _one(nlp, "He will be 35 by the end.", "35", include_ages=True).unit == "year old"


def test_modal_may_is_not_the_month(nlp):
    assert _numbers_of(nlp, "At least 40 people may have died.") == ["40"]


def _numbers_of(nlp, text: str) -> list[str]:
    return [text[q.num_start:q.num_end] for q in _all(nlp, text)]


@pytest.mark.parametrize(("text", "compound", "unit"), [
    ("She earned a five-year $700,000 award.", "five-year", "year"),
    ("The airline cut its three-year forecast.", "three-year", "year"),
    ("He signed a two-month contract with the club.", "two-month", "month"),
    ("They began a 10-day tour of the region.", "10-day", "day"),
])
def test_hyphenated_durations_describe_a_noun_and_count_nothing(nlp, text, compound, unit):
    assert all(compound not in q.text for q in _all(nlp, text))  # not a counted amount
    # the compound is the noun's term, not a span of time stated on its own: no duration either
    assert all(compound not in q.text for q in _all(nlp, text, include_durations=True))


@pytest.mark.parametrize("text", [
    "The probe arrived after a five-year, 1.8 billion-mile journey.",
    "He signed a contract with the club for two months.",
])
def test_a_duration_stated_on_its_own_is_a_duration(nlp, text):
    assert not _all(nlp, text) or all(q.unit not in ("year", "month") for q in _all(nlp, text))
    assert any(q.unit in ("year", "month") for q in _all(nlp, text, include_durations=True))


def test_cqe_names_for_horsepower():
    assert cqe_unit("brake horsepower") == cqe_unit("metric horsepower") == "horsepower"


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("The deficit doubled to 1.33 billion dinars.", "1.33 billion", "dinar"),
    ("The shares were bought at 126 pesos per share.", "126", "peso per share"),
    ("A room costs 900 baht a night.", "900", "baht per night"),
])
def test_currency_names_of_iso_4217_are_money(nlp, text, number, unit):
    q = _one(nlp, text, number)
    assert (q.unit, q.category) == (unit, "money")


def test_words_that_iso_also_codes_are_not_money(nlp):
    assert _one(nlp, "The mine produced 40 tonnes of gold.", "40").category != "money"
    assert _one(nlp, "The bank opened 300 accounts.", "300").category != "money"


@pytest.mark.parametrize(("text", "number", "value"), [
    ("The ministry said nine mln hectares of winter grain will be reseeded.", "nine mln", 9e6),
    ("Chip makers have pledged three mln dlrs to the group.", "three mln", 3e6),
])
def test_spelled_number_with_an_abbreviated_scale(nlp, text, number, value):
    assert _one(nlp, text, number).value == value


def test_a_spaced_quote_mark_is_no_inch(nlp):
    text = 'The stock is split into 24 mln "A" shares and a 6.1" screen.'
    assert _one(nlp, text, "24 mln").unit != "inch"
    assert _one(nlp, text, '6.1').unit == "inch"


@pytest.mark.parametrize(("text", "number", "unit", "category"), [
    ("Debt fell to 44.5 billion dlrs in 1986 from 46.8 billion in 1985.", "46.8 billion", "dollar", "money"),
    ("Imports are seen rising to 58.6 mln from 32.6 mln tonnes in 1985.", "58.6 mln", "tonne", "other"),
])
def test_a_unit_written_once_serves_both_compared_levels(nlp, text, number, unit, category):
    q = _one(nlp, text, number)
    assert (q.unit, q.category) == (unit, category)


def test_an_unrelated_bare_number_keeps_no_unit(nlp):
    text = "Exports rose to 9.4 billion dlrs while the index rose to 505.28."
    assert _one(nlp, text, "505.28").unit is None


def test_a_plural_nationality_is_counted(nlp):
    q = _one(nlp, "In total, 1,307,000 Americans were collecting jobless aid.", "1,307,000")
    assert q.unit == "american"


def test_a_phrasal_particle_is_no_direction(nlp):
    assert _one(nlp, "The defense gave up 517 rushing yards against Kentucky.", "517").change is None
    assert _one(nlp, "Shares were up 5% on Monday.", "5").change == "up"


def test_a_unit_written_once_serves_a_level_compared_with_a_range(nlp):
    q = _one(nlp, "Mileage rose from about 14-18 mpg to 24 for standard SUVs.", "24")
    assert q.unit == "mile per gallon"


def test_a_change_verb_with_a_shared_unit_keeps_its_range(nlp):
    q = _one(nlp, "Brokers said stocks should rise 10 to 15 pct next year.", "10 to 15")
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", 10.0, 15.0, "percent")


def test_a_to_under_another_verb_is_not_the_end_of_a_from(nlp):
    text = ("The report sees EC imports falling to 91.7 mln tonnes in 2000 from 123.6 mln in 1985 with "
            "Japanese imports falling to 89 mln from 124.6 mln tonnes.")
    assert all(q.qualifier != "range" for q in _all(nlp, text))
    assert {q.unit for q in _all(nlp, text)} == {"tonne"}


def test_a_range_shares_the_wire_scale_of_its_second_number(nlp):
    """"two to four mln barrels": "mln" scales both ends, as "million" does."""
    q = _one(nlp, "Analysts expect drawdowns of two to four mln barrels each.", "two to four mln")
    assert (q.low, q.high, q.unit) == (2_000_000, 4_000_000, "barrel")


def test_a_day_word_after_a_number_is_not_what_it_counts(nlp):
    q = _one(nlp, "The currency could rise to 32 by December from 34.23 today, he said.", "34.23")
    assert q.unit is None


@pytest.mark.parametrize(("text", "number", "unit", "category"), [
    ("Ukraine said 300 North Koreans were killed in Kursk.", "300", "killed", "casualties"),
    ("Baghdad said its forces repulsed the attack, killing thousands of Iranians.", "thousands", "killed", "casualties"),
    ("The command said 438 Libyans were taken prisoner.", "438", "prisoner", "casualties"),
    ("In total, 1,307,000 Americans were collecting jobless aid.", "1,307,000", "american", "other"),
])
def test_people_counted_by_their_nationality(nlp, text, number, unit, category):
    """A plural nationality is what the number counts, and a casualty verb still makes them casualties."""
    q = _one(nlp, text, number)
    assert (q.unit, q.category) == (unit, category)


def test_a_bare_number_is_set_against_the_money_before_it_not_an_earlier_noun(nlp):
    """The antecedent of a bare number is the nearest counted thing, unless an amount of money comes
    between: then the number is compared with that amount."""
    text = ("Trade involves swaps of textiles for Soviet arms. It is estimated at 3.04 billion dlrs in "
            "1986/87, against three billion in 1985/86.")
    assert _one(nlp, text, "three billion").category == "other"
    drones = "Russia fired 2,000 drones in May. Of these, 1,500 were shot down."
    assert _one(nlp, drones, "1,500").category == _one(nlp, drones, "2,000").category != "other"


@pytest.mark.parametrize(("text", "kept"), [
    ("One official said the talks had failed.", False),
    ('"We are falling," said one Republican political strategist.', False),
    ("One banker told Reuters the rate would rise.", False),
    ("Only one company said it would bid.", True),
    ("One missile hit the city, officials said.", True),
    ("One soldier was killed, the army said.", True),
])
def test_one_unnamed_source_of_a_statement_is_no_amount(nlp, text, kept):
    assert bool(_all(nlp, text)) is kept
