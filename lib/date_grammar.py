"""Date grammar: resolve one date expression against the publication date, without spaCy.

:func:`resolve` turns one expression ("since October 2024", "on Thursday", "between March and
November", "last week") into a :class:`DateValue`, given the article's publication date. It is a
small hand-written grammar (no dateparser on text): every rule is one function, so a benchmark can
exercise it without a model. :mod:`lib.dates` finds expressions in a Doc and calls it;
:mod:`lib.timex` turns its values into TimeML.

Policy: an expression that is not a calendar date (durations, ages, "the period") or that needs the
publication date when there is none resolves to None. Nothing is guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

D = dt.date

__all__ = ["DateValue", "resolve", "MONTHS", "WEEKDAYS", "SEASONS", "NUMBER_WORDS"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date at the precision the text gives.

    ``date`` is ISO at ``precision`` ("2024", "2024-10", "2024-10-05"); ``date_end`` closes a range
    at its own precision; ``open_end`` marks "since ..."; ``approximate`` marks "early August",
    "mid-December", "earlier this year", seasons, "a year ago". ``timeml`` is the TIMEX3 value when
    the text is finer or other than ``date`` at ``precision``: a week ("2013-W11" for "last week",
    whose ``date`` is the day a week back), a season ("2012-SU"), a part of day ("2013-03-17TNI").

    >>> DateValue("2024-10", "month", open_end=True).open_end
    True
    """

    date: str
    precision: str
    date_end: str | None = None
    open_end: bool = False
    approximate: bool = False
    timeml: str | None = None


# ---------------------------------------------------------------------------------------------
# Vocabulary

MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
WEEKDAYS = {n: i for i, n in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday"))}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_PART_OF_DAY = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}  # TIMEX3 codes
SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# Words that change nothing about the value; stripped before parsing.
_NEUTRAL = re.compile(r"^(?:in|on|by|at|during|until|till|through|throughout|as of|of|for|over|the|"
                      r"so far|so far in|as early as|as late as)\s+")
# Longest alternatives first, whole words: "later" must not be read as "late" + "r".
_APPROX = re.compile(r"^(?:earlier|early|mid|later|late|the end of|end of|the beginning of|"
                     r"beginning of|the start of|start of|the middle of|middle of|the turn of)(?![a-z])[- ]?\s*")


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic (pure helpers)

def _iso(d: D, precision: str) -> str:
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(precision, d.isoformat())


def _safe_date(year: int, month: int, day: int) -> D | None:
    try:
        return D(year, month, day)
    except ValueError:
        return None


def _add_months(d: D, months: int) -> D:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month_near(month: int, anchor: D, *, future: bool = False, strict: bool = False) -> D:
    """First day of the nearest such month on or before the anchor's month (after, if ``future``);
    ``strict`` excludes the anchor's own month ("last March" said in March is a year ago)."""
    step = 1 if future else -1
    cur = D(anchor.year, anchor.month, 1)
    if strict:
        cur = _add_months(cur, step)
    while cur.month != month:
        cur = _add_months(cur, step)
    return cur


def _day_near(month: int, day: int, anchor: D, *, future: bool = False) -> D | None:
    """The nearest month/day on or before the anchor (on or after, if ``future``); None if it never
    exists (31 April) — February 29 searches back to the last leap year."""
    step = 1 if future else -1
    for k in range(9):
        d = _safe_date(anchor.year + step * k, month, day)
        if d and ((d >= anchor) if future else (d <= anchor)):
            return d
    return None


def _weekday_near(wd: int, anchor: D, mode: str) -> D:
    """``mode``: "on_or_before" (bare "on Thursday"), "before" ("last Thursday"), "after" ("next")."""
    if mode == "after":
        return anchor + dt.timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - wd) % 7
    if mode == "before" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def _season_year(start_month: int, anchor: D, rel: str | None, *, future: bool = False) -> int:
    """Start year of the season meant by "last/this/next <season>" (or a bare season)."""
    y = anchor.year if D(anchor.year, start_month, 1) <= anchor else anchor.year - 1
    ongoing = anchor < _add_months(D(y, start_month, 1), 3)
    if rel == "last":
        return y - 1 if ongoing else y
    if rel == "next" or (rel is None and future and not ongoing):
        return y + 1
    if rel == "this":
        return anchor.year - 1 if start_month == 12 and anchor.month <= 2 else anchor.year
    return y


# ---------------------------------------------------------------------------------------------
# Point expressions: each parser takes (match, anchor, future) and returns (date, precision,
# approximate) or None. ``anchor`` is the publication date (or None when unknown).

# A point: (date, precision, approximate) or, when TimeML says more, (..., timeml value).
_Point = tuple[D, str, bool] | tuple[D, str, bool, str]


def _week(d: D) -> str:
    """The ISO week of a day as TIMEX3 writes it: "2013-W11"."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _p_iso(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, "day", False) if d else None


def _p_numeric(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (b, a) if a <= 12 < b else (a, b)  # day-first unless only month-first is possible
    d = _safe_date(y, month, day)
    return (d, "day", False) if d else None


def _p_year_month_iso(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    y, mm = int(m["y"]), int(m["m"])
    return (D(y, mm, 1), "month", False) if 1 <= mm <= 12 else None


def _p_month_day(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    month, day = MONTHS[m["mon"]], int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
    elif anchor is None:
        return None
    else:
        d = _day_near(month, day, anchor, future=future)
    return (d, "day", False) if d else None


def _p_month_year(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    return D(int(m["year"]), MONTHS[m["mon"]], 1), "month", False


def _p_month_rel_year(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    if anchor is None:
        return None
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["rel"]]
    return D(year, MONTHS[m["mon"]], 1), "month", False


def _p_month(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    if anchor is None:
        return None
    rel, month = m["rel"], MONTHS[m["mon"]]
    if rel == "this":
        return D(anchor.year, month, 1), "month", False
    d = _month_near(month, anchor, future=future or rel == "next", strict=rel in ("last", "next"))
    return d, "month", False


def _p_year(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    return D(int(m["year"]), 1, 1), "year", False


def _p_weekday(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    """A weekday is the most recent such day on or before publication, unless the text says "next",
    "(this) coming", or names its week ("on Monday next week", "Friday of last week"), or the verb
    looks ahead ("will meet on Tuesday")."""
    if anchor is None:
        return None
    rel, wd = m["rel"], WEEKDAYS[m["wd"]]
    if m["wk"]:  # the day of a named week, counted from the publication's own (ISO) week
        monday = anchor - dt.timedelta(days=anchor.weekday())
        day = monday + dt.timedelta(days=7 * {"last": -1, "this": 0, "next": 1}[m["wk"]] + wd)
    elif m["coming"]:
        day = _weekday_near(wd, anchor, "after")  # "this coming Monday" said on a Monday: a week on
    else:
        mode = {"last": "before", "next": "after", "this": "after" if future else "on_or_before"}.get(
            rel, "after" if future else "on_or_before")
        if mode == "after" and rel is None and anchor.weekday() == wd:
            day = anchor  # "will meet on Friday" said on a Friday: that day
        else:
            day = _weekday_near(wd, anchor, mode)
    if m["pod"]:  # "Sunday night": a time of day in TimeML, the day for the timeline
        return day, "day", False, f"{day.isoformat()}T{PARTS_OF_DAY[m['pod']]}"
    return day, "day", False


_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}


def _p_day_word(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    if anchor is None:
        return None
    day = anchor + dt.timedelta(days=_DAY_WORDS[m["w"]])
    pod = next((code for word, code in [*PARTS_OF_DAY.items(), ("tonight", "NI")] if m["w"].endswith(word)), None)
    return (day, "day", False, f"{day.isoformat()}T{pod}") if pod else (day, "day", False)


def _p_rel_unit(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    """last/this/next year|month|week|weekend; weeks have no precision of their own, so a week is a
    day (its distance from publication) marked approximate, with its ISO week as the TimeML value;
    a weekend is the Saturday of that week ("2013-W11-WE")."""
    if anchor is None:
        return None
    k = {"last": -1, "this": 0, "current": 0, "next": 1}[m["rel"]]
    if m["unit"] == "year":
        return D(anchor.year + k, 1, 1), "year", False
    if m["unit"] == "month":
        return _add_months(D(anchor.year, anchor.month, 1), k), "month", False
    day = anchor + dt.timedelta(days=7 * k)
    if m["unit"] == "weekend":
        day = day + dt.timedelta(days=5 - day.weekday())
        return day, "day", True, _week(day) + "-WE"
    return day, "day", True, _week(day)


def _p_ago(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    if anchor is None:
        return None
    n = NUMBER_WORDS.get(m["n"]) or int(m["n"])
    unit = m["unit"].rstrip("s")
    if unit in ("year", "decade"):
        return D(anchor.year - n * (10 if unit == "decade" else 1), 1, 1), "year", True
    if unit == "month":
        return _add_months(D(anchor.year, anchor.month, 1), -n), "month", True
    day = anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))
    return (day, "day", True, _week(day)) if unit == "week" else (day, "day", False)


def _p_season(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    """A season is its (start) year, approximate; TimeML names it: "2012-SU"."""
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        return None
    else:
        year = _season_year(SEASONS[m["season"]], anchor, m["rel"], future=future)
    return D(year, 1, 1), "year", True, f"{year:04d}-{SEASON_CODES[m['season']]}"


def _p_recent(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    """"in recent weeks/days/months": the publication month, approximate ("recent years": its year)."""
    if anchor is None:
        return None
    if m["unit"] == "years":
        return D(anchor.year, 1, 1), "year", True
    return D(anchor.year, anchor.month, 1), "month", True


# Holidays a news desk dates by name: fixed days, and the movable ones by their rule.
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
            "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31),
            "independence day": (7, 4), "bastille day": (7, 14), "may day": (5, 1), "armistice day": (11, 11),
            "thanksgiving": (11, "4thu"), "memorial day": (5, "lastmon"), "labor day": (9, "1mon"),
            "easter": (0, "easter"), "easter sunday": (0, "easter")}


def _holiday_in(year: int, rule: tuple) -> D:
    """The day of a holiday in a year: (month, day) or (month, "4thu" / "lastmon" / "1mon"), or Easter."""
    month, day = rule
    if day == "easter":  # the anonymous Gregorian computus
        a, b, c = year % 19, year // 100, year % 100
        g = (b - (b + 8) // 25 + 1) // 3
        h = (19 * a + b - b // 4 - g + 15) % 30
        m7 = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
        k = (a + 11 * h + 22 * m7) // 451
        month, dd = divmod(h + m7 - 7 * k + 114, 31)
        return D(year, month, dd + 1)
    if isinstance(day, int):
        return D(year, month, day)
    if day == "lastmon":
        last = D(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=last.weekday())
    first = D(year, month, 1)
    n, wd = int(day[0]), WEEKDAYS["thursday" if day.endswith("thu") else "monday"]
    return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def _p_holiday(m: re.Match, anchor: D | None, future: bool) -> _Point | None:
    """"Christmas", "last Easter", "Thanksgiving 2012": the nearest one on or before publication (on or
    after it when the verb looks ahead or the text says "next")."""
    rule = HOLIDAYS[m["hol"]]
    if m["year"]:
        return _holiday_in(int(m["year"]), rule), "day", False
    if anchor is None:
        return None
    rel = m["rel"]
    ahead = rel == "next" or (rel != "last" and future)
    for year in ([anchor.year, anchor.year + 1] if ahead else [anchor.year, anchor.year - 1]):
        d = _holiday_in(year, rule)
        if (d >= anchor) if ahead else (d <= anchor if rel != "last" else d < anchor):
            return d, "day", False
    return None


_REL = r"(?:(?P<rel>last|this|next)\s+)"
_POINTS: list[tuple[re.Pattern, object]] = [(re.compile(p), f) for p, f in [
    (r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})", _p_iso),
    (r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})", _p_numeric),
    (r"(?P<y>\d{4})-(?P<m>\d{2})", _p_year_month_iso),
    (rf"(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?", _p_month_day),
    (rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?", _p_month_day),
    (rf"{_MON},?\s+(?:of\s+)?{_YEAR}", _p_month_year),
    (rf"{_MON}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year", _p_month_rel_year),
    (rf"{_REL}?{_MON}", _p_month),
    (rf"(?:the\s+year\s+)?{_YEAR}", _p_year),
    (rf"{_REL}?(?P<coming>coming\s+)?{_WD}{_PART_OF_DAY}(?:\s+(?:of\s+)?(?P<wk>last|this|next)\s+week)?",
     _p_weekday),
    (r"(?P<w>" + "|".join(_DAY_WORDS) + ")", _p_day_word),
    (r"(?P<rel>last|this|next|current)\s+(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>year|month|weekend|week)",
     _p_rel_unit),
    (r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
     r"(?P<unit>decades?|years?|months?|weeks?|days?)\s+ago", _p_ago),
    (rf"{_REL}?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_YEAR})?",
     _p_season),
    (r"(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?P<unit>days|weeks|months|years)", _p_recent),
    (rf"{_REL}?(?P<hol>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + rf")(?:,?\s+{_YEAR})?", _p_holiday),
]]


def _point(text: str, anchor: D | None, future: bool, past: bool = False, nearest: bool = False) -> _Point | None:
    """Parse one point expression (modifiers and neutral prepositions already allowed); ``nearest``:
    see :func:`_coming`."""
    approx, late, the = False, False, False
    while True:
        m = _NEUTRAL.match(text) or _APPROX.match(text)
        if not m:
            break
        approx = approx or m.re is _APPROX
        late = late or bool(_LATE_PART.match(m.group()))
        the = the or m.group().strip() == "the"
        text = text[m.end():]
    if text in ("year-end", "year end", "month-end", "month end"):  # "by year-end": the end of the year
        approx, late, text = True, True, text[:-4]
    if (approx or the) and text in _DEICTIC_UNITS:
        return _this_unit(text, anchor, future=future, past=past, late=late) if approx or text == "weekend" else None
    for pattern, parser in _POINTS:
        m = pattern.fullmatch(text)
        if m:
            p = parser(m, anchor, future)
            if p and nearest and not (future or past) and parser in (_p_month_day, _p_month):
                p = _coming(m, parser, anchor, p)
            return (p[0], p[1], p[2] or approx, *p[3:]) if p else None
    return None


_QUARTER = 3  # months: how far ahead an unyeared month or day with no tense is read as the coming one


def _coming(m: re.Match, parser, anchor: D | None, back: _Point) -> _Point:
    """A bare month or month-day that no verb places in time ("ahead of an April 1 deadline", "the June
    summit", "may lift sanctions by the end of June"): the coming one when it starts within a quarter
    after publication, else the last one (``back``). News names upcoming days without a year only
    when they are close; a past one told without a past verb is usually months back, not a year."""
    if anchor is None or m.groupdict().get("rel") or m.groupdict().get("year"):
        return back  # "last March", "March 3, 2024": the text fixes it
    ahead = parser(m, anchor, True)
    if ahead and ahead[0] != back[0] and ahead[0] <= _add_months(anchor, _QUARTER):
        return ahead
    return back


_DEICTIC_UNITS = ("week", "month", "year", "weekend")
_LATE_PART = re.compile(r"(?:late|later|the end of|end of)\b")


def _this_unit(unit: str, anchor: D | None, *, future: bool, past: bool, late: bool) -> _Point | None:
    """"the end of the week/month/year", "the weekend": the publication's own unit, approximate.

    A late part that has not come yet is the previous unit's when a past verb governs it ("debt
    had tripled by the end of the year", said in May, is last year). "the weekend" is the last one
    on or before publication, or the next one when the verb looks ahead.
    """
    if anchor is None:
        return None
    if unit == "weekend":
        sat = anchor + dt.timedelta(days=5 - anchor.weekday())  # this week's Saturday
        if sat > anchor and not future:
            sat -= dt.timedelta(days=7)
        return sat, "day", True, _week(sat) + "-WE"
    if unit == "week":
        return anchor, "day", True, _week(anchor)
    if unit == "month":
        month = D(anchor.year, anchor.month, 1)
        return (_add_months(month, -1) if late and past and anchor.day < 21 else month), "month", True
    return D(anchor.year - (late and past and anchor.month < 10), 1, 1), "year", True


# ---------------------------------------------------------------------------------------------
# Ranges and the public resolver

_CONNECTOR = re.compile(r"\s*,?\s*(?:and|to|through|until|till|-|–|—)\s*")
_BARE_DAY = re.compile(rf"{_DAY}(?:,?\s+{_YEAR})?")
_SHORT_YEAR_RANGE = re.compile(r"(?P<y>(?:1[89]|20)\d\d)[-–/](?P<e>\d{2})")
_DECADE = re.compile(r"(?:the\s+)?(?P<c>1[89]|20)(?P<d>\d)0s")
_DECADE_PART = re.compile(r"(?:the\s+)?(?:early|mid|late)(?:-|\s+)(?=(?:1[89]|20)\d0s$)")


def _end_of(d: D, precision: str) -> D:
    if precision == "year":
        return D(d.year, 12, 31)
    if precision == "month":
        return D(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d


def _range_end_day(left: str, right: str, anchor: D | None, future: bool,
                   nearest: bool = False) -> tuple[_Point, _Point] | None:
    """"October 8 and 13" / "8-13 October": one side is a bare day that borrows the other's month."""
    if bm := _BARE_DAY.fullmatch(right):  # a year after the end day is the start's too: "March 3-5, 2024"
        lp = _point(left, D(int(bm["year"]), 12, 31) if bm["year"] else anchor, future and not bm["year"],
                    nearest=nearest and not bm["year"])
        if lp is None or lp[1] != "day":
            return None
        end = _safe_date(int(bm["year"] or lp[0].year), lp[0].month, int(bm["day"]))
        return ((lp, (end, "day", lp[2])) if end else None)
    if (bm := _BARE_DAY.fullmatch(left)) and not bm["year"] and (rp := _point(right, anchor, future, nearest=nearest)):
        start = _safe_date(rp[0].year, rp[0].month, int(bm["day"])) if rp[1] == "day" else None
        return ((start, "day", rp[2]), rp) if start else None
    return None


def _range(text: str, anchor: D | None, future: bool, nearest: bool = False) -> tuple[_Point, _Point] | None:
    """Split "X and/to/- Y" at the first connector where both sides parse. The end resolves first
    (against publication); the start then resolves against the end, so "March to November"
    reads as one stretch and a year written only once ("March and November 2024") is shared."""
    for c in _CONNECTOR.finditer(text):
        left, right = text[:c.start()].strip(), text[c.end():].strip()
        if not left or not right:
            continue
        if pair := _range_end_day(left, right, anchor, future, nearest):
            return pair
        rp = _point(right, anchor, future, nearest=nearest)
        if rp is None:
            continue
        lp = _point(left, _end_of(*rp[:2]), False)
        if lp is not None:
            return lp, rp
    return None


def _special_range(text: str) -> DateValue | None:
    """"2023-24" (a season of years) and decades ("the 1990s")."""
    if m := _SHORT_YEAR_RANGE.fullmatch(text):
        y = int(m["y"])
        if int(m["e"]) == (y + 1) % 100:
            return DateValue(str(y), "year", date_end=str(y + 1))
    if m := _DECADE.fullmatch(text):
        start = int(m["c"] + m["d"] + "0")
        return DateValue(str(start), "year", date_end=str(start + 9))
    return None


def _normalise(expression: str) -> str:
    text = re.sub(r"\s+", " ", expression.strip().lower().replace("’", "'"))
    text = re.sub(r"'s$", "", text)  # "last year's treaty" → "last year"
    return text.strip(" ,.;:()—–").strip()


def resolve(expression: str, published: str | None, *, future: bool = False, past: bool = False,
            nearest: bool = False) -> DateValue | None:
    """Normalise one date expression against the publication date (ISO "YYYY-MM-DD" or None).

    Returns None for what is not a calendar date (durations "three years", "the period", ages,
    "the coming days") and for relative expressions when ``published`` is None — never invents.
    Bare months, month-days and weekdays resolve to the nearest on or before publication, or on or
    after it when ``future`` (the caller saw "will ...") or the text says "next". ``past`` (the
    caller saw a past verb) moves a late part that has not come yet back one unit: "by the end of
    the year" in a sentence about the past, said in May, is last year. ``nearest`` (the caller saw
    neither tense) reads a bare month or month-day starting within three months after publication as
    the coming one: "ahead of an April 1 deadline", said on March 17.

    >>> resolve("on Thursday", "2025-05-30")
    DateValue(date='2025-05-29', precision='day', date_end=None, open_end=False, approximate=False, timeml=None)
    >>> resolve("since October 2024", None).open_end
    True
    """
    text = _normalise(expression)
    anchor = D.fromisoformat(published) if published else None
    open_end = bool(m := re.match(r"^(?:ever\s+)?since\s+", text))
    if m:
        text = text[m.end():]
    core = re.sub(r"^(?:in|during|since)\s+", "", text)
    part = _DECADE_PART.match(core)  # "the late 1990s": the decade, approximate (no finer span is given)
    if special := _special_range(core[part.end():] if part else core):
        return replace(special, open_end=open_end, approximate=bool(part))
    between = re.match(r"^(?:between|from)\s+", text)
    if between:
        text = text[between.end():]
    nearest = nearest and not open_end  # "since March" is always behind us
    point = None if between else _point(text, anchor, future, past, nearest)
    if point is None and (between or not (open_end or re.search(r"\band\b", text))):
        # "and" makes a range only after "between": "in 2024 and 2025" is two dates, not one
        if pair := _range(text, anchor, future, nearest and not past):
            return _range_value(pair)
    point = point or _point(text, anchor, future, past, nearest)
    if point is None:
        return None
    timeml = point[3] if len(point) > 3 else None
    return DateValue(_iso(point[0], point[1]), point[1], open_end=open_end, approximate=point[2], timeml=timeml)


def _range_value(pair: tuple[_Point, _Point]) -> DateValue | None:
    (d0, p0, a0), (d1, p1, a1) = pair[0][:3], pair[1][:3]
    if d0 > _end_of(d1, p1):
        return None
    start, end = _iso(d0, p0), _iso(d1, p1)
    if (start, p0) == (end, p1):
        return DateValue(start, p0, approximate=a0 or a1)
    return DateValue(start, p0, date_end=end, approximate=a0 or a1)
