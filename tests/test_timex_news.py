"""The time expressions a news desk meets, each checked against a publication date by hand.

Written from news English, not from a benchmark: seasons, quarters, parts of periods, decades,
durations, sets, clock times, anaphoric dates ("the day before", "that year"), references ("now",
"soon"), quotes from another year, holidays, and numbers that are not dates. Grammar cases run
without a model; finder cases run on the real spaCy pipeline (the session's ``nlp`` fixture).
"""

from __future__ import annotations

import pytest

from lib.date_anaphora import anaphoric_dates
from lib.dates import DateValue, find_dates, resolve
from lib.timex import find_timexes

PUB = "2025-05-30"  # a Friday, ISO week 22, in the second quarter
DCT = "2013-03-22"  # a Friday; TE3's creation date, for the quote-from-another-year cases


def V(date, precision, date_end=None, approximate=False, timeml=None):  # noqa: N802 - a record
    return DateValue(date, precision, date_end=date_end, approximate=approximate, timeml=timeml)


@pytest.mark.parametrize(("expression", "kwargs", "expected"), [
    ("later this month", {}, V("2025-05", "month", approximate=True)),  # not "late" + "r this month"
    ("the middle of next year", {}, V("2026", "year", approximate=True)),  # not "mid" + "dle of"
    ("the end of the year", {"future": True}, V("2025", "year", approximate=True)),
    ("by the end of the year", {"past": True}, V("2024", "year", approximate=True)),  # it has not come yet
    ("the beginning of the year", {"past": True}, V("2025", "year", approximate=True)),  # it has
    ("by year-end", {"past": True}, V("2024", "year", approximate=True)),
    ("at the end of the week", {}, V("2025-05-30", "day", approximate=True, timeml="2025-W22")),
    ("over the weekend", {}, V("2025-05-24", "day", approximate=True, timeml="2025-W21-WE")),
    ("the weekend", {"future": True}, V("2025-05-31", "day", approximate=True, timeml="2025-W22-WE")),
    ("the current fiscal year", {}, V("2025", "year")),
    ("a decade ago", {}, V("2015", "year", approximate=True)),
    ("Christmas", {}, V("2024-12-25", "day")),
    ("next Christmas", {}, V("2025-12-25", "day")),
    ("Easter 2024", {}, V("2024-03-31", "day")),
    ("Easter", {}, V("2025-04-20", "day")),
    ("Memorial Day", {}, V("2025-05-26", "day")),  # the last Monday of May
    ("Thanksgiving", {"future": True}, V("2025-11-27", "day")),  # the fourth Thursday of November
    ("the week", {}, None),  # a bare unit is no date
    ("the year", {}, None),
])
def test_resolve_news_expressions(expression, kwargs, expected):
    assert resolve(expression, PUB, **kwargs) == expected


def test_anaphoric_dates_count_from_the_latest_fine_enough_date():
    june4 = V("2019-06-04", "day")
    text = "On June 4, 2019, in 2019. Two days later. The previous month."
    found = anaphoric_dates(text, [(3, 15, june4), (20, 24, V("2019", "year"))], None)
    assert [(text[s:e], v.date, v.precision) for s, e, v in found] == [
        ("Two days later", "2019-06-06", "day"),  # "2019" contains June 4, so June 4 is still the reference
        ("The previous month", "2019-05", "month"),
    ]
    # A coarser date that does not contain the fine one stops the search: the day is unknown
    text = "On June 4, 2019. In May. The next day."
    assert anaphoric_dates(text, [(3, 15, june4), (17, 23, V("2019-05", "month"))], None) == []
    # No date before: the publication date, only when the text starts the article
    assert anaphoric_dates("The day after, it rained.", [], PUB)[0][2] == V("2025-05-31", "day")
    assert anaphoric_dates("The day after, it rained.", [], PUB, may_use_published=False) == []


TIMEX_CASES = [
    # seasons, quarters, parts of periods
    ("Sales fell last summer and will rise this spring.", PUB,
     [("last summer", "DATE", "2024-SU"), ("this spring", "DATE", "2025-SP")]),
    ("Revenue rose in the third quarter and in Q1 2025; next quarter looks better.", PUB,
     [("the third quarter", "DATE", "2024-Q3"), ("Q1 2025", "DATE", "2025-Q1"), ("next quarter", "DATE", "2025-Q3")]),
    ("First-quarter profit rose.", PUB, [("First-quarter", "DATE", "2025-Q1")]),
    ("He scored in the first half and the second half was dull.", PUB, []),  # halves of a match
    ("Growth slowed in mid-2025 and late last year, and talks resume early next month.", PUB,
     [("mid-2025", "DATE", "2025"), ("late last year", "DATE", "2024"), ("early next month", "DATE", "2025-06")]),
    ("Protesters gathered over the weekend.", PUB, [("the weekend", "DATE", "2025-W21-WE")]),
    ("Talks will end at the end of the week.", PUB, [("the end of the week", "DATE", "2025-W22")]),
    ("By the end of the year, debt had tripled.", PUB, [("the end of the year", "DATE", "2024")]),
    # decades and centuries
    ("Inflation was high in the late 1990s and may return in the next decade.", PUB,
     [("the late 1990s", "DATE", "199"), ("the next decade", "DATE", "203")]),
    ("Emissions will fall over the next decade, as wages did over the past decade.", PUB,
     [("the next decade", "DURATION", "P10Y"), ("the past decade", "DURATION", "P10Y")]),
    # durations
    ("He served three years after a week-long strike and 48 hours of talks.", PUB,
     [("three years", "DURATION", "P3Y"), ("week-long", "DURATION", "P1W"), ("48 hours", "DURATION", "PT48H")]),
    ("The case took 2 1/2 years, a year and a half, and half a century.", PUB,
     [("2 1/2 years", "DURATION", "P2.5Y"), ("a year and a half", "DURATION", "P1.5Y"),
      ("half a century", "DURATION", "P50Y")]),
    ("Unemployment is the highest in decades, after years, and for several more years.", PUB,
     [("decades", "DURATION", "PXDE"), ("years", "DURATION", "PXY"), ("several more years", "DURATION", "PXY")]),
    # sets
    ("The fair is held every year, the board meets each month and the paper appears weekly.", PUB,
     [("every year", "SET", "P1Y"), ("each month", "SET", "P1M"), ("weekly", "SET", "P1W")]),
    ("The committee meets twice a year, on Sundays and every summer, at $3 billion per year.", PUB,
     [("twice a year", "SET", "P1Y"), ("Sundays", "SET", "XXXX-WXX-7"), ("every summer", "SET", "XXXX-SU"),
      ("per year", "SET", "P1Y")]),
    # clock times take the day of their sentence's date
    ("The vote is at 3 p.m. on Tuesday.", PUB, [("3 p.m.", "TIME", "2025-05-27T15"), ("Tuesday", "DATE", "2025-05-27")]),
    ("They met at noon, and fighting broke out Tuesday night.", PUB,
     [("noon", "TIME", "2025-05-27T12:00"), ("Tuesday night", "TIME", "2025-05-27TNI")]),
    ("Polls close by midnight and results come at 0800 GMT.", PUB,
     [("midnight", "TIME", "2025-05-30T24:00"), ("0800 GMT", "TIME", "2025-05-30T08:00")]),
    # anaphoric dates count from the last date the article gave
    ("On March 3, the army attacked. The day before, rebels had fled. The following week, they returned.", PUB,
     [("March 3", "DATE", "2025-03-03"), ("The day before", "DATE", "2025-03-02"),
      ("The following week", "DATE", "2025-W11")]),
    ("The raid began on March 3. That night, soldiers fired. The following morning, the town fell.", PUB,
     [("March 3", "DATE", "2025-03-03"), ("That night", "TIME", "2025-03-03TNI"),
      ("The following morning", "TIME", "2025-03-04TMO")]),
    ("The war began in 2003. The year before, inspectors had left; that year, prices rose.", PUB,
     [("2003", "DATE", "2003"), ("The year before", "DATE", "2002"), ("that year", "DATE", "2003")]),
    ("The treaty was signed on June 4, 2019. Two days later, it collapsed.", PUB,  # TimeML: a duration + a signal
     [("June 4, 2019", "DATE", "2019-06-04"), ("Two days", "DURATION", "P2D")]),
    ("The season started a month earlier than usual.", PUB, [("a month", "DURATION", "P1M")]),  # a comparison
    # references
    ("Prices are now falling, have recently fallen and will change soon, as soon as possible.", PUB,
     [("now", "DATE", "PRESENT_REF"), ("recently", "DATE", "PAST_REF"), ("soon", "DATE", "FUTURE_REF")]),
    ("A few years ago things were different; at the moment nothing is settled in recent weeks.", PUB,
     [("A few years ago", "DATE", "PAST_REF"), ("the moment", "DATE", "PRESENT_REF"),
      ("recent weeks", "DURATION", "PXW")]),
    # a quote from another year: its weekday was said then, not in the week of publication
    ('Roth was fired in July 2012. "Call me Sunday night at 8 PM," he wrote.', DCT,
     [("July 2012", "DATE", "2012-07"), ("Sunday night", "TIME", "2012-WXX-7TNI"), ("8 PM", "TIME", "2012-XX-XXT20")]),
    ("Roth was fired in July 2012, police said on Thursday.", DCT,
     [("July 2012", "DATE", "2012-07"), ("Thursday", "DATE", "2013-03-21")]),
    # holidays
    ("Shoppers flocked to stores before Christmas; talks will resume after Thanksgiving.", PUB,
     [("Christmas", "DATE", "2024-12-25"), ("Thanksgiving", "DATE", "2025-11-27")]),
    # numbers that are not dates
    ("She won in 3:07:35, the shop is open 24/7 and the Boeing 737 flew 1,000 miles; it ended 3-1.", PUB, []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), TIMEX_CASES)
def test_news_timexes(nlp, sentence, published, expected):
    doc = nlp(sentence)
    found = find_timexes(doc, published)
    assert [(t.text, t.type, t.value) for t in found] == expected
    assert all(doc.text[t.start:t.end] == t.text for t in found)


def test_the_timeline_gets_anaphoric_and_event_anchored_dates(nlp):
    doc = nlp("The treaty was signed on June 4, 2019. Two days later, it collapsed. He wrote to his son in July "
              "2012, the day before the son reported him missing, in the same month that police searched.")
    got = [(m.text, m.value) for m in find_dates(doc, PUB)]
    assert got == [
        ("on June 4, 2019", V("2019-06-04", "day")),
        ("Two days later", V("2019-06-06", "day")),
        ("in July 2012", V("2012-07", "month")),
        # the day of an event we cannot place: only its year, marked approximate
        ("the day before", V("2012", "year", approximate=True, timeml="2012-XX-XX")),
    ]  # "the same month that police searched" counts from another event: no date


def test_anaphora_in_a_sentence_span_never_falls_back_to_publication(nlp):
    doc = nlp("The summit ended on Friday. The next day, leaders flew home.")
    assert [(m.text, m.value.date) for m in find_dates(doc, PUB)] == [("on Friday", "2025-05-30"),
                                                                      ("The next day", "2025-05-31")]
    assert find_dates(list(doc.sents)[1], PUB) == []  # its reference lies outside the span: no guess
