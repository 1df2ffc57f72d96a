"""Time expressions in TimeML terms: dates, times, durations and sets with their TIMEX3 values.

:func:`find_timexes` is the general layer over :func:`lib.dates.find_dates`. The date finder gives
calendar points and ranges for the product (year, month or day precision). This module gives every
time expression as a :class:`Timex`. ``type`` is DATE, TIME, DURATION or SET, and ``value`` is
the TIMEX3 value string at the granularity of the text:

- dates: "2013-03-22", "2013-W11" ("last week"), "2012-SU" ("last summer"), "19" ("the 20th
  century"), "199" ("the 1990s"), "2012-Q4", and "PRESENT_REF" / "PAST_REF" / "FUTURE_REF"
  ("now", "recently", "the future");
- times: "2013-03-17TNI" ("Sunday night"), "2013-03-23T15:00" ("15:00 GMT Saturday");
- durations, never points: "P3D", "P10Y" ("a decade"), "PT24H", "PXW" ("recent weeks");
- sets: "P1Y" ("annually", "every year", "$5 billion a year"), "XXXX-WXX-7" ("every Sunday").

TimeML keeps signals out of the extent: "since <October>", and a range gives one timex per anchor.
Durations, references and sets do not need the publication date. A time with no date beside it is
placed on the publication date, or on "XXXX-XX-XX" when there is none; nothing else is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from lib.date_grammar import NUMBER_WORDS, PARTS_OF_DAY, SEASON_CODES, WEEKDAYS
from lib.dates import DateMatch, find_dates, governing_verb, is_past

__all__ = ["Timex", "find_timexes", "timexes_from"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: character span in the text, TIMEX3 ``type`` and ``value``.

    >>> Timex(0, 8, "DURATION", "P3D", "3 days").value
    'P3D'
    """

    start: int
    end: int
    type: str
    value: str
    text: str = ""


# ---------------------------------------------------------------------------------------------
# Our dates as TIMEX3 DATEs: signals trimmed, one timex per range anchor

# TimeML keeps prepositions and similar signals out of a TIMEX3 ("since <TIMEX3>October</TIMEX3>").
_SIGNAL = re.compile(
    r"^(?:(?:since|from|between|until|till|through|by|in|on|at|during|before|after|as of|of|for)\s+)+",
    re.I,
)
# What joins the two anchors of a range, tried in this order ("1957-58", "March to November").
_CONNECTORS = (
    re.compile(r"\s+(?:to|and|through|until|till)\s+", re.I),
    re.compile(r"\s*[–—]\s*|\s+-\s+"),
    re.compile(r"(?<=\w)-(?=\w)"),
)


def _signal_trimmed(text: str, start: int, end: int) -> int:
    """The start of a date expression after its leading prepositions ("since October" → "October")."""
    m = _SIGNAL.match(text[start:end])
    return start + m.end() if m and m.end() < end - start else start


def _range_anchors(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The spans of a range's two anchors, split at its connector, or None when there is no single one.

    >>> _range_anchors("in 1957-58 and", 3, 10)
    ((3, 7), (8, 10))
    """
    piece = text[start:end]
    for connector in _CONNECTORS:
        found = list(connector.finditer(piece))
        if len(found) == 1:
            m = found[0]
            return (start, start + m.start()), (_signal_trimmed(text, start + m.end(), end), end)
    return None


# "two days later", "a year earlier": the timeline's date, but a duration and a signal in TimeML.
_COUNTED_STEP = re.compile(r"(?i)(?P<n>" + "|".join(NUMBER_WORDS) + r"|\d+)\s+(?P<u>days?|weeks?|months?|years?)\s+(?:later|earlier|before|after)")


def timexes_from(match: DateMatch, text: str) -> list[Timex]:
    """TIMEX3 DATEs (or TIMEs, for a part of day) for one :class:`lib.dates.DateMatch`.

    The value is the match's ``timeml`` when it has one ("2013-W11"), else its ISO date at its
    precision, which is TIMEX3's own format. A range yields one timex per anchor, split at its one
    connector ("to", "and", a dash), else its start; "since X" yields X.
    """
    start = _signal_trimmed(text, match.start, match.end)
    if counted := _COUNTED_STEP.fullmatch(text, start, match.end):  # TimeML: "<two days> later", a signal
        n = counted["n"].lower()
        return [Timex(start, counted.end("u"), "DURATION", duration_value(NUMBER_WORDS.get(n) or int(n), counted["u"]),
                      text[start:counted.end("u")])]
    value = match.value
    if value.date_end and (anchors := _range_anchors(text, start, match.end)):
        (s1, e1), (s2, e2) = anchors
        return [Timex(s1, e1, "DATE", value.date, text[s1:e1]), Timex(s2, e2, "DATE", value.date_end, text[s2:e2])]
    tml = value.timeml or value.date
    return [Timex(start, match.end, "TIME" if "T" in tml else "DATE", tml, text[start:match.end])]


# ---------------------------------------------------------------------------------------------
# Vocabulary of the expressions the date finder leaves alone

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TEENS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "hundred": 100, "a hundred": 100, "one hundred": 100}
_VAGUE = ("several", "a few", "few", "many", "a couple of", "couple of", "some", "recent", "coming")
_NUMBER = (r"(?:\d+(?:\.\d+)?|(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight"
           r"|nine))?|" + "|".join(sorted([*_TEENS, *NUMBER_WORDS, *_VAGUE], key=len, reverse=True)) + ")")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
# TIMEX3 unit letters; decades and centuries become years when counted ("a decade" is P10Y).
_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "fortnight": "W",
              "month": "M", "year": "Y", "decade": "Y", "century": "Y"}
_UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100}
_VAGUE_CODE = {"decade": "DE", "century": "CE"}

_DURATION = re.compile(
    rf"(?i)\b(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|following|preceding|recent)\s+)?"
    rf"(?:(?:a\s+)?mere\s+)?(?<![/\d.,-])(?P<n>{_NUMBER})[\s-]+(?:(?:more|further|additional|whole|full|entire|straight|consecutive|successive|long)\s+)?"
    rf"(?P<u>{_UNIT})\b(?P<apos>['’](?!\w))?")
_HALF = re.compile(rf"(?i)\b(?:(?P<n>{_NUMBER})(?:\s+1/2|\s+and\s+a\s+half)\s+(?P<u>{_UNIT})"
                   rf"|(?P<n2>an?|one)\s+(?P<u2>{_UNIT})\s+and\s+a\s+half|half\s+(?:an?\s+)(?P<u3>{_UNIT}))\b")
_LONG = re.compile(rf"(?i)\b(?:(?!an?\s)(?P<n>{_NUMBER})[\s-]+)?(?P<u>{_UNIT})-long\b")  # "week-long", "decade-long"
# "the next decade" is a decade (DATE "203"), but "over the next decade" a stretch of ten years.
_NEXT_DECADE = re.compile(r"(?i)(?:\b(?P<pre>over|for|during|within|throughout)\s+)?(?P<x>\b(?:the\s+)?"
                          r"(?P<dir>next|coming|this|current)\s+(?P<u>decade|century)\b)")
_DIRECTED = re.compile(  # "recent weeks", "the coming days", "the past year"
    rf"(?i)\b(?:the\s+)?(?P<dir>past|previous|coming|recent|last|next)\s+(?P<u>{_UNIT})\b")
_BARE_PLURAL = re.compile(r"(?i)(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bafter\s))(?P<u>hours|days|weeks|months|years|decades)\b(?!\s+of\b)")
_NOT_DURATION_BEFORE = re.compile(r"(?i)\b(?:aged?|ages|age\s+of)\s+$")
_NOT_DURATION_AFTER = re.compile(r"(?i)^(?:-old\b|\s+old\b|\s+of\s+age\b|\s+ago\b)")

_SEASON_OR_PART = r"(?:spring|summer|autumn|fall|winter|season|morning|afternoon|evening|night)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SET_EVERY = re.compile(rf"(?i)\b(?:every|each)\s+(?:(?P<n>{_NUMBER})\s+)?(?P<u>{_UNIT}|{_WEEKDAY}|{_SEASON_OR_PART})\b")
# "twice a year", "three times per month", "$3 billion per year": a rate, so a SET of that unit.
_SET_RATE = re.compile(rf"(?i)\b(?:(?:once|twice|thrice|(?:{_NUMBER})\s+times)\s+(?:a|an|per|every|each)|per)\s+"
                       rf"(?P<u>{_UNIT})\b")
_SET_PLURAL_DAY = re.compile(rf"(?i)(?<=\bon\s)(?P<u>{_WEEKDAY})s\b")  # "on Sundays"
_SET_ADVERB = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
               "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "nightly": "P1D"}
_SET_WORD = re.compile(r"\b(?:" + "|".join(_SET_ADVERB) + r")\b")  # lower case: not "the Daily Mail"

_REFS = [
    (re.compile(r"(?i)\b(?:right\s+)?now\b(?![-’']|\s+that\b)|\b(?:currently|presently|nowadays)\b"
                r"|(?<=\bat\s)(?:the\s+moment|this\s+(?:time|point))\b|\bthe\s+time\s+being\b"
                r"|\bthe\s+present(?:\s+day)?(?=\s*(?:[,.;:)]|$))"
                r"|\bat\s+(?P<x>present)\b|\bthese\s+days\b"), "PRESENT_REF"),
    (re.compile(r"(?i)\b(?:(?:a\s+few|several|some|many|a\s+couple\s+of)\s+)?(?:decades|years|months|weeks)\s+ago\b"
                r"|\b(?:recently|lately)\b|(?<=\bat\s)the\s+time\b(?!\s+(?:of|when|that)\b)|\bthe\s+past\b(?!\s+(?:\d|\w+\s+(?:years?|months?|weeks?|days?)"
                r"|years?|months?|weeks?|days?|decades?|century|few|several|couple)\b)"), "PAST_REF"),
    (re.compile(r"(?i)\bthe\s+(?:(?:near|foreseeable|distant|immediate)\s+)?future\b"
                r"|(?<!\bas\s)\bsoon\b(?!\s+(?:after|as)\b)|(?<=\bin\s)future\b"), "FUTURE_REF"),
]

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4}
_CENTURY = re.compile(r"(?i)\b(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|\b(?P<w>(?:twenty-)?[a-z]+th|twenty-first)"
                      r"[\s-]+century\b")
_DECADE = re.compile(r"(?i)\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0|['’](?P<s>[0-9])0)['’]?s\b")
_PART = re.compile(r"(?i)\b(?:the\s+)?(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?P<u>quarter|half)"
                   r"(?:\s+of\s+(?:(?:the\s+)?(?P<rel>this|last|next|the)\s+year|(?P<y>(?:19|20)\d\d))|"
                   r"\s+(?P<y2>(?:19|20)\d\d))?\b")

# "the 99th day" (of a count the text keeps: "in 100 days ... on the 99th day"): a day TimeML cannot place,
# "XXXX-XX-XX". Not "the first day of trading": a day "of" something is that thing's, not a count's.
_COUNTED_DAY = re.compile(r"(?i)\bthe\s+(?:\d{1,3}(?:st|nd|rd|th)|(?:" + "|".join(k for k in _ORDINALS if k != "final")
                          + r"))\s+day\b(?!\s+of\b)")

# "last quarter", "the current quarter", "next quarter": counted from the publication's quarter.
_REL_QUARTER = re.compile(r"(?i)\b(?:the\s+)?(?P<rel>last|this|next|previous|current|coming|prior)\s+quarter\b")
_QUARTER_CODE = re.compile(r"\b(?:(?P<y0>(?:19|20)\d\d)\s+)?(?P<u>[QH])(?P<o>[1-4])\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?")

_TZ = r"(?:\s*(?:GMT|UTC|BST|CET|EST|EDT|CST|CDT|PST|PDT|ET|PT)\b)?"
_TIME = re.compile(
    rf"(?i)(?<![\d:.])\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?{_TZ}"
    rf"|(?<![\d:.])\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d|:\d){_TZ}"  # not "3:07:35", a race time
    rf"|\b(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?:\s+hours\b{_TZ}|(?=\s*(?:GMT|UTC)\b){_TZ})"  # "1715 hours", "0800 GMT"
    rf"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\buntil\s)|(?<=\baround\s))"
    rf"(?P<w>noon|midnight|midday)\b")


# ---------------------------------------------------------------------------------------------
# Values


def _number(word: str) -> float | None:
    """A count as written ("90", "twenty-four", "a"), or None for a vague one ("several")."""
    w = re.sub(r"\s+", " ", word.lower())
    if w in _VAGUE:
        return None
    if w in NUMBER_WORDS or w in _TEENS:
        return NUMBER_WORDS.get(w) or _TEENS[w]
    if m := re.fullmatch("(" + "|".join(_TENS) + r")(?:[- ](\w+))?", w):
        return _TENS[m[1]] + (NUMBER_WORDS.get(m[2] or "", 0))
    return float(w)


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration for ``n`` units (``None``: an unknown number).

    >>> duration_value(3, "days"), duration_value(1, "decade"), duration_value(24, "hours"), duration_value(None, "weeks")
    ('P3D', 'P10Y', 'PT24H', 'PXW')
    """
    u = unit.lower().rstrip("s").replace("centurie", "century")
    code = _UNIT_CODE[u]
    if n is None:
        code = _VAGUE_CODE.get(u, code)
        return f"PTX{code[1]}" if code.startswith("T") else f"PX{code}"
    count = n * _UNIT_SCALE.get(u, 1)
    digits = str(int(count)) if float(count).is_integer() else str(count)
    return f"PT{digits}{code[1]}" if code.startswith("T") else f"P{digits}{code}"


# ---------------------------------------------------------------------------------------------
# Scanners over the text: each yields Timex with offsets local to ``text``


def _durations(text: str) -> list[Timex]:
    out = []
    for m in _DURATION.finditer(text):
        if _NOT_DURATION_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or \
                _NOT_DURATION_AFTER.match(text[m.end():m.end() + 12]):
            continue
        n = _number(m["n"])
        start = m.start()
        if m["u"].lower() == "second" and not m["n"][0].isdigit():
            continue  # "a second term": the ordinal
        if m["u"].lower() == "hours" and re.fullmatch(r"\d{4}", m["n"]):
            continue  # "at 1715 hours": a clock time
        out.append(Timex(start, m.end(), "DURATION", duration_value(n, m["u"]), m.group()))
    for m in _DIRECTED.finditer(text):
        unit = m["u"].lower()
        plural = unit.endswith("s") or unit == "centuries"
        if not plural and m["dir"].lower() not in ("past", "coming"):
            continue  # "last week": a date, the date finder's; "the previous year": a date we cannot place
        out.append(Timex(m.start(), m.end(), "DURATION", duration_value(None if plural else 1, unit), m.group()))
    out += [Timex(m.start(), m.end(), "DURATION", duration_value(None, m["u"]), m.group())
            for m in _BARE_PLURAL.finditer(text)]
    out += [Timex(m.start(), m.end(), "DURATION", duration_value(_number(m["n"]) if m["n"] else 1, m["u"]),
                  m.group()) for m in _LONG.finditer(text)]
    for m in _HALF.finditer(text):
        n = 0.5 if m["u3"] else (_number(m["n"] or m["n2"]) or 0) + 0.5
        out.append(Timex(m.start(), m.end(), "DURATION", duration_value(n, m["u"] or m["u2"] or m["u3"]), m.group()))
    return out


def _decades_ahead(text: str, anchor: dt.date | None) -> list[Timex]:
    """"the next decade" → DATE "203" (said in the 2020s), "this century" → "20"; after "over",
    "for", "within"... it is a stretch: DURATION "P10Y"."""
    out = []
    for m in _NEXT_DECADE.finditer(text):
        span, unit = m.span("x"), m["u"].lower()
        if m["pre"]:
            out.append(Timex(*span, "DURATION", duration_value(1, unit), m["x"]))
        elif anchor is not None:
            size = 10 if unit == "decade" else 100
            shift = 0 if m["dir"].lower() in ("this", "current") else 1
            out.append(Timex(*span, "DATE", str(anchor.year // size + shift), m["x"]))
    return out


def _sets(text: str) -> list[Timex]:
    out = []
    for m in _SET_EVERY.finditer(text):
        unit = m["u"].lower()
        if unit in WEEKDAYS:
            value = f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
        elif unit in SEASON_CODES or unit in PARTS_OF_DAY:
            value = f"XXXX-{SEASON_CODES[unit]}" if unit in SEASON_CODES else f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}"
        elif unit == "season":
            value = "P1Y"  # a season of any kind comes round once a year
        else:
            value = duration_value(_number(m["n"]) if m["n"] else 1, unit)
        out.append(Timex(m.start(), m.end(), "SET", value, m.group()))
    out += [Timex(m.start(), m.end(), "SET", _SET_ADVERB[m.group()], m.group()) for m in _SET_WORD.finditer(text)]
    out += [Timex(m.start(), m.end(), "SET", duration_value(1, m["u"]), m.group()) for m in _SET_RATE.finditer(text)]
    out += [Timex(m.start(), m.end(), "SET", f"XXXX-WXX-{WEEKDAYS[m['u'].lower()] + 1}", m.group())
            for m in _SET_PLURAL_DAY.finditer(text)]
    return out


def _refs(text: str) -> list[Timex]:
    out = []
    for pattern, value in _REFS:
        for m in pattern.finditer(text):
            s, e = m.span("x") if m.groupdict().get("x") else m.span()
            out.append(Timex(s, e, "DATE", value, text[s:e]))
    return out


def _calendar_words(text: str, anchor: dt.date | None, past: Callable[[int, int], bool]) -> list[Timex]:
    """Centuries ("19"), decades ("199"), quarters and halves ("2012-Q4", "2013-H1"), counted days
    ("the 99th day": "XXXX-XX-XX"); ``past(start,
    end)`` says whether the verb of a span is in the past tense (a quarter not yet begun is then
    last year's)."""
    out = []
    for m in _CENTURY.finditer(text):
        n = int(m["n"]) if m["n"] else _ORDINALS.get(m["w"].lower())
        if n:
            out.append(Timex(m.start(), m.end(), "DATE", f"{n - 1:02d}", m.group()))
    for m in _DECADE.finditer(text):
        value = m["c"] + m["d"] if m["c"] else "19" + m["s"]
        out.append(Timex(m.start(), m.end(), "DATE", value, m.group()))
    for m in _PART.finditer(text):
        if value := _part_value(m, anchor, past(m.start(), m.end())):
            out.append(Timex(m.start(), m.end(), "DATE", value, m.group()))
    if anchor is not None:
        for m in _REL_QUARTER.finditer(text):
            q = anchor.year * 4 + (anchor.month - 1) // 3 + {"last": -1, "previous": -1, "prior": -1, "next": 1,
                                                                "coming": 1}.get(m["rel"].lower(), 0)
            out.append(Timex(m.start(), m.end(), "DATE", f"{q // 4}-Q{q % 4 + 1}", m.group()))
    for m in _QUARTER_CODE.finditer(text):
        if value := _quarter_code_value(m, anchor, past(m.start(), m.end())):
            out.append(Timex(m.start(), m.end(), "DATE", value, m.group()))
    out += [Timex(m.start(), m.end(), "DATE", "XXXX-XX-XX", m.group()) for m in _COUNTED_DAY.finditer(text)]
    return out


def _quarter_code_value(m: re.Match, anchor: dt.date | None, past: bool) -> str | None:
    """"Q3 2024" is 2024-Q3; a bare "Q3" is placed like "the third quarter"; "H1" needs its year."""
    unit, order = m["u"], int(m["o"])
    if unit == "H" and order > 2:
        return None
    year = m["y0"] or m["y"]
    if not year:
        if anchor is None or unit == "H":
            return None
        current = (anchor.month - 1) // 3 + 1
        year = str(anchor.year - (past and order > current))
    return f"{year}-{unit}{order}"


def _part_value(m: re.Match, anchor: dt.date | None, past: bool) -> str | None:
    """"the fourth quarter" said in March 2013 is 2012-Q4 when the verb is past ("rose in the fourth
    quarter"), else 2013-Q4 ("will cut output in the fourth quarter"); a half needs its year."""
    order = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(m["o"].lower()) or _ORDINALS[m["o"].lower()]
    unit = "Q" if m["u"].lower() == "quarter" else "H"
    if unit == "H" and order > 2:
        return None
    year = m["y"] or m["y2"]
    if not year:
        if anchor is None or (unit == "H" and not m["rel"]):  # "the second half": of a match, often
            return None
        shift = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
        current = (anchor.month - 1) // (3 if unit == "Q" else 6) + 1
        if not m["rel"] and past and order > current:
            shift -= 1
        year = str(anchor.year + shift)
    return f"{year}-{unit}{order}"


def _times(text: str, anchor: dt.date | None) -> list[Timex]:
    out = []
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    for m in _TIME.finditer(text):
        if m["w"]:
            clock = "24:00" if m["w"].lower() == "midnight" else "12:00"
        elif m["h24"] or m["h4"]:
            clock = f"{int(m['h24'] or m['h4']):02d}:{m['m24'] or m['m4']}"
        else:
            hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
            clock = f"{hour:02d}" + (f":{m['m']}" if m["m"] else "")
        out.append(Timex(m.start(), m.end(), "TIME", f"{day}T{clock}", m.group()))
    return out


# ---------------------------------------------------------------------------------------------
# The finder


def _select(candidates: list[tuple[Timex, int]]) -> list[Timex]:
    """Non-overlapping timexes: the longest first, then the lower rank (our own scanners win a tie
    with the date finder: "recent weeks" is a duration, "the 1990s" a decade)."""
    kept: list[Timex] = []
    for t, _ in sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[1], c[0].start)):
        if not any(t.start < k.end and k.start < t.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


def _attach_times(text: str, timexes: list[Timex]) -> list[Timex]:
    """A clock time written right beside a date is one TIME on that day: "15:00 GMT Saturday"."""
    out: list[Timex] = []
    for t in timexes:
        prev = out[-1] if out else None
        if prev and text[prev.end:t.start].strip(" ,") == "" and {prev.type, t.type} == {"TIME", "DATE"}:
            time, date = (prev, t) if prev.type == "TIME" else (t, prev)
            if re.fullmatch(r"\d{4}-\d\d-\d\d", date.value) and "T" in time.value:
                value = date.value + time.value[time.value.index("T"):]
                out[-1] = Timex(prev.start, t.end, "TIME", value, text[prev.start:t.end])
                continue
        out.append(t)
    return out


def find_timexes(doc_or_span, published: str | None) -> list[Timex]:
    """Every time expression in a parsed Doc (or a sentence Span) as a TIMEX3, by position.

    Offsets are in ``doc.text``. Dates come from :func:`lib.dates.find_dates` (so they resolve
    exactly as the timeline's do); durations, sets, clock times, centuries, decades, quarters and
    the present/past/future references come from this module's patterns.

    >>> [(t.text, t.type, t.value) for t in find_timexes(nlp("Now, 90 days after Friday"), "2013-03-22")]  # doctest: +SKIP
    [('Now', 'DATE', 'PRESENT_REF'), ('90 days', 'DURATION', 'P90D'), ('Friday', 'DATE', '2013-03-22')]
    """
    doc = getattr(doc_or_span, "doc", doc_or_span)
    offset = getattr(doc_or_span, "start_char", 0)
    text = doc_or_span.text
    anchor = dt.date.fromisoformat(published) if published else None
    candidates = [(t, 1) for m in find_dates(doc_or_span, published) for t in timexes_from(m, doc.text)]
    past = partial(_in_past, doc, offset)
    local = _durations(text) + _decades_ahead(text, anchor) + _sets(text) + _refs(text) + _calendar_words(text, anchor, past) + _times(text, anchor)
    candidates += [(_retyped(doc, moved), 0) for t in local if _plausible(doc, moved := _shift(t, offset))]
    return _dated_clocks(doc, _attach_times(doc.text, _select(candidates)))


_DAY_VALUE = re.compile(r"\d{4}-(?:\d\d-\d\d|WXX-\d)")  # a day, or a weekday of an unknown week


def _day_of(value: str) -> str:
    """The day part of a dated value; a weekday of an unknown week is an unknown day of its year."""
    return value[:4] + "-XX-XX" if value[5:8] == "WXX" else value[:10]
_CLOCK_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T\d\d(?::\d\d)?)")


def _dated_clocks(doc, timexes: list[Timex]) -> list[Timex]:
    """A clock time takes the day of the nearest dated expression in its sentence ("3 p.m. on
    Tuesday", "Sunday night at 8 PM"); with none, it keeps the publication date it was given."""
    out = list(timexes)
    for i, t in enumerate(timexes):
        clock = _CLOCK_VALUE.fullmatch(t.value) if t.type == "TIME" else None
        if clock is None:
            continue
        sent = doc.char_span(t.start, t.end, alignment_mode="expand")
        if sent is None:
            continue
        lo, hi = sent.sent.start_char, sent.sent.end_char
        days = [(min(abs(o.start - t.end), abs(t.start - o.end)), _day_of(o.value)) for o in timexes
                if o is not t and lo <= o.start < hi and _DAY_VALUE.match(o.value)]
        if days:
            out[i] = Timex(t.start, t.end, "TIME", min(days)[1] + clock[1], t.text)
    return out


def _shift(t: Timex, offset: int) -> Timex:
    return Timex(t.start + offset, t.end + offset, t.type, t.value, t.text)


def _in_past(doc, offset: int, start: int, end: int) -> bool:
    """The span hangs on a past-tense verb ("rose", "was cut", "had risen"), not "has decided"."""
    return is_past(governing_verb(doc, offset + start, offset + end))


def _retyped(doc, t: Timex) -> Timex:
    """"a year" after a count is a rate, a SET: "six satellites a year", "two a month", "6 pct a year"."""
    if t.type != "DURATION" or not re.match(r"(?i)an?\s", t.text) or not re.fullmatch(r"PT?1[A-Z]", t.value):
        return t
    before = doc.char_span(t.start, t.end, alignment_mode="expand")
    prev = doc[before.start - 1] if before is not None and before.start > 0 else None
    counted = prev is not None and (prev.tag_ in ("NNS", "CD") or prev.lower_ in ("pct", "percent", "%", "once", "twice")
                                    or (prev.pos_ == "NOUN" and prev.i > 0 and doc[prev.i - 1].tag_ == "CD"))
    if counted:
        return Timex(t.start, t.end, "SET", t.value, t.text)
    return t


def _plausible(doc, t: Timex) -> bool:
    """What the parse rules out: "daily" naming a newspaper ("the daily Al-Ittihad")."""
    if t.type == "SET" and t.text in _SET_ADVERB:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        return span is None or not (span.root.pos_ in ("NOUN", "PROPN") or span.root.head.pos_ == "PROPN")
    return True
