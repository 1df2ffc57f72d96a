"""lib.dates rules proven on a hand-read news sample (scripts/dev_date_sample.py), on sentences written here.

- An unyeared month or month-day that no verb places in time is the coming one when it starts within
  a quarter after publication ("ahead of an April 1 deadline"), else the last one; a past verb keeps
  the last one, "since" is always behind.
- Weekdays: the most recent such day on or before publication unless "next", "(this) coming", a
  named week ("on Monday next week") or a verb that looks ahead.
- "the late 1990s" is the decade, approximate; "current fiscal year" without "the"; "the 99th day" is
  a TimeML date that cannot be placed.
All finder cases run on the real spaCy pipeline (the session's ``nlp`` fixture).
"""

from __future__ import annotations

import pytest

from lib.dates import find_dates, resolve
from lib.timex import find_timexes


def _values(nlp, text: str, published: str) -> dict[str, tuple]:
    return {m.text: (m.value.date, m.value.date_end, m.value.open_end) for m in find_dates(nlp(text), published)}


@pytest.mark.parametrize("text, published, span, date", [
    # no tense on the date: within a quarter ahead, the coming one
    ("Officials hope to settle the row ahead of an April 1 deadline.", "1987-03-17", "April 1", "1987-04-01"),
    ("Ministers are preparing for the June summit in Venice.", "2025-03-26", "June", "2025-06"),
    ("Sanctions may be lifted by the end of June, officials said.", "1987-04-27", "by the end of June", "1987-06"),
    ("The tariffs take effect on March 30.", "2025-03-26", "on March 30", "2025-03-30"),
    # beyond a quarter ahead: the last one
    ("The October figures show a rise in exports.", "2025-03-26", "October", "2024-10"),
    # a past verb keeps the last one, even a few days ahead on the calendar
    ("Talks collapsed on March 30.", "2025-03-26", "on March 30", "2024-03-30"),
    # a verb that looks ahead already reads forward; the rule does not undo it
    ("The new law will take effect in September.", "2025-03-26", "in September", "2025-09"),
])
def test_unyeared_dates_with_no_tense_read_the_coming_quarter(nlp, text, published, span, date):
    assert _values(nlp, text, published)[span][0] == date


def test_since_is_always_behind_publication(nlp):
    got = _values(nlp, "Prices have risen since April, traders say.", "2025-03-26")
    assert got["since April"] == ("2024-04", None, True)


def test_nearest_is_the_callers_choice_in_resolve():
    assert resolve("April 1", "1987-03-17").date == "1986-04-01"  # the grammar's default: on or before
    assert resolve("April 1", "1987-03-17", nearest=True).date == "1987-04-01"
    assert resolve("April 1", "1987-03-17", nearest=True, past=True).date == "1986-04-01"
    assert resolve("April 1, 1985", "1987-03-17", nearest=True).date == "1985-04-01"  # a year is a year
    assert resolve("last April", "1987-03-17", nearest=True).date == "1986-04"
    got = resolve("between April 8 and 13", "2025-03-30", nearest=True)
    assert (got.date, got.date_end) == ("2025-04-08", "2025-04-13")


@pytest.mark.parametrize("text, span, date", [
    ("The ministers met on Tuesday.", "on Tuesday", "2025-05-27"),
    ("The board meets on Tuesday.", "on Tuesday", "2025-05-27"),  # the rule: no "next", on or before
    ("The board will meet on Tuesday.", "on Tuesday", "2025-06-03"),
    ("The committee meets on Monday next week.", "on Monday next week", "2025-06-02"),
    ("The vote is set for this coming Tuesday.", "this coming Tuesday", "2025-06-03"),
    ("He arrived on Friday of last week.", "on Friday of last week", "2025-05-23"),
    ("Talks resume next Monday.", "next Monday", "2025-06-02"),
])
def test_weekdays_look_back_unless_the_text_says_ahead(nlp, text, span, date):
    assert _values(nlp, text, "2025-05-30")[span][0] == date  # published on a Friday


def test_this_coming_weekday_said_on_that_day_is_a_week_on():
    assert resolve("this coming Friday", "2025-05-30").date == "2025-06-06"
    assert resolve("Thursday this week", "2025-05-30").date == "2025-05-29"


def test_a_decade_with_a_part_is_the_decade_approximate(nlp):
    m = next(m for m in find_dates(nlp("Launches will not pay until the late 1990s."), "1987-04-13"))
    assert m.text.endswith("late 1990s")
    assert (m.value.date, m.value.date_end, m.value.approximate) == ("1990", "1999", True)
    assert resolve("the 1990s", None).approximate is False


def test_current_fiscal_year_without_the(nlp):
    got = _values(nlp, "The group expects current fiscal year profits to rise.", "1987-06-29")
    assert got["current fiscal year"][0] == "1987"


def test_a_counted_day_is_a_date_timeml_cannot_place(nlp):
    text = "They had to cross in 100 days, and they got across on the 99th day."
    assert [(t.text, t.type, t.value) for t in find_timexes(nlp(text), "2013-03-22")
            if "day" in t.text and "100" not in t.text] == [("the 99th day", "DATE", "XXXX-XX-XX")]
    assert not [t for t in find_timexes(nlp("It fell on the first day of trading."), "2013-03-22")
                if t.value == "XXXX-XX-XX"]
