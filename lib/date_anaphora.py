"""Anaphoric dates: "the day before", "two days later", "that year", "the following week".

News narrates from a reference time: the last date the article named, or the publication date when
it has named none. :func:`anaphoric_dates` finds the expressions that count from that reference
and resolves each against the latest date found before it (:func:`lib.dates.find_dates` passes its
own matches), so "On June 4, 2019 ... Two days later" is 2019-06-06 and "The treaty was signed in
2019. That year ..." is 2019.

Policy: a reference coarser than the step is not used ("in May 2024. The following day" stays
unresolved: we do not know the day). "The day before <an event>" counts from an event we cannot
place: it keeps only the reference's year (TimeML "2012-XX-XX"), approximate.
"""

from __future__ import annotations

import datetime as dt
import re

from lib.date_grammar import NUMBER_WORDS, PARTS_OF_DAY, WEEKDAYS, DateValue, _add_months

D = dt.date

__all__ = ["anaphoric_dates", "story_weekdays"]

_FINE_ENOUGH = {"day": ("day",), "week": ("day", "week"), "month": ("day", "month"), "year": ("day", "month", "year")}
# After "before"/"after" a reference must end the phrase: "two days before the vote" counts from an event.
_ENDS = r"(?=\s*(?:[,.;:)]|$))"
_UNIT = r"(?:day|week|month|year)"
_PART = r"(?:morning|afternoon|evening|night)"  # of a day: TimeML gives the day with "TMO", "TNI"...
_ANAPHORA = re.compile(  # the lookahead lets the scan skip, cheaply, letters no alternative starts with
    rf"(?i)(?=[\dAaOoTtSsEeNnLlFfHhIi])\b(?:(?P<n>{'|'.join(NUMBER_WORDS)}|\d{{1,2}})\s+(?P<u1>{_UNIT})s?\s+(?:(?P<later>later(?!\s+than)|after{_ENDS})"
    rf"|(?P<earlier>earlier(?!\s+than)|before{_ENDS}))"  # "a month earlier than usual" compares
    rf"|the\s+(?:(?P<next>following|next(?=\s+(?:day|{_PART})))|(?P<prev>previous|preceding|prior))\s+"
    rf"(?P<u2>{_UNIT}|{_PART})"
    rf"|the\s+day\s+(?:(?P<dafter>after)|(?P<dbefore>before))(?P<event>\s+(?!yesterday|tomorrow)[a-z]\w*)?"
    rf"|the\s+(?P<u4>week|month|year)\s+(?:(?P<uafter>after)|(?P<ubefore>before)){_ENDS}"
    rf"|(?:(?P<within>later|earlier)\s+)?(?:that|the\s+same)\s+(?P<u3>{_UNIT}|{_PART})"
    rf"|(?P<within2>later|earlier)\s+in\s+the\s+(?P<u5>{_UNIT})"
    rf"|(?<=\b(?:in|on)\s)the\s+(?P<u6>{_PART}))\b"
    r"(?!\s+(?:that|when|as|in\s+which|of)\b)")  # "the same month that Russia vetoed": another event's


def _unit_and_step(m: re.Match) -> tuple[str, int]:
    """The unit counted and how many of it the expression steps from the reference."""
    unit = (m["u1"] or m["u2"] or m["u3"] or m["u4"] or m["u5"] or m["u6"] or "day").lower()
    if m["n"]:
        n = NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
        return unit, n if m["later"] else -n
    if m["next"] or m["dafter"] or m["uafter"]:
        return unit, 1
    if m["prev"] or m["dbefore"] or m["ubefore"]:
        return unit, -1
    return unit, 0


def _step(ref: D, unit: str, k: int) -> D:
    if unit == "year":
        return D(ref.year + k, 1, 1)
    if unit == "month":
        return _add_months(D(ref.year, ref.month, 1), k)
    return ref + dt.timedelta(days=k * (7 if unit == "week" else 1))


def _value(ref: D, unit: str, k: int, approximate: bool) -> DateValue:
    if unit in PARTS_OF_DAY:  # "that night", "the following morning": a day, with its part for TimeML
        d = ref + dt.timedelta(days=k)
        return DateValue(d.isoformat(), "day", approximate=approximate, timeml=f"{d.isoformat()}T{PARTS_OF_DAY[unit]}")
    d = _step(ref, unit, k)
    if unit == "year":
        return DateValue(f"{d.year:04d}", "year", approximate=approximate)
    if unit == "month":
        return DateValue(f"{d.year:04d}-{d.month:02d}", "month", approximate=approximate)
    if unit == "week":
        year, week, _ = d.isocalendar()
        return DateValue(d.isoformat(), "day", approximate=True, timeml=f"{year:04d}-W{week:02d}")
    return DateValue(d.isoformat(), "day", approximate=approximate)


def anaphoric_dates(text: str, found: list[tuple[int, int, DateValue]], published: str | None, *,
                    may_use_published: bool = True) -> list[tuple[int, int, DateValue]]:
    """(start, end, value) of each anaphoric expression in ``text`` that overlaps none of ``found``.

    ``found`` are the dates already found in ``text`` (local offsets, any order); each expression
    counts from the latest of them that ends before it and is fine enough for its unit (never from
    another anaphoric date: "On March 3 ... The day before ... The following week" is March 3's next
    week), else from ``published`` when the coarser dates since agree with it and
    ``may_use_published`` (the text is the start of the article).

    >>> v = DateValue("2019-06-04", "day")
    >>> [(s, e, a.date) for s, e, a in anaphoric_dates("On June 4, 2019. Two days later", [(3, 15, v)], None)]
    [(17, 31, '2019-06-06')]
    """
    refs = sorted((s, e, v) for s, e, v in found if not v.date_end and not v.open_end)
    out: list[tuple[int, int, DateValue]] = []
    for m in _ANAPHORA.finditer(text):
        if any(m.start() < e and s < m.end() for s, e, _ in found):
            continue
        unit, k = _unit_and_step(m)
        before = [(s, e, v) for s, e, v in refs if e <= m.start()]  # explicit dates only: no chains
        need = "year" if m["event"] else "day" if unit in PARTS_OF_DAY else unit
        ref = _reference(before, need, published if may_use_published else None)
        if ref is None:
            continue
        if m["event"]:  # "the day before Roth was stopped": a day we cannot place, in the reference's year
            value = DateValue(f"{ref.year:04d}", "year", approximate=True, timeml=f"{ref.year:04d}-XX-XX")
            out.append((m.start(), m.start("event"), value))
            continue
        out.append((m.start(), m.end(), _value(ref, unit, k, approximate=bool(m["within"] or m["within2"]))))
    return out


def _reference(before: list[tuple[int, int, DateValue]], unit: str, published: str | None) -> D | None:
    """The day the expression counts from: the latest earlier date fine enough for ``unit``, looking
    back past coarser dates only while they contain it ("On June 4, 2019, in 2019, ... two days
    later" counts from June 4); a coarser date that does not ("June 4 ... in May") stops the search.
    With no fine date, ``published`` if given and every coarser date agrees with it."""
    later: list[DateValue] = []
    for _, _, v in reversed(before):
        if v.timeml and "X" in v.timeml:
            continue
        precision = "week" if v.timeml and "-W" in v.timeml else v.precision  # "last week": not a day
        if precision in _FINE_ENOUGH[unit]:
            if all(v.date.startswith(c.date) for c in later):
                parts = [int(p) for p in v.date.split("-")]
                return D(parts[0], *(parts[1:] + [1, 1])[:2])
            return None
        later.append(v)
    # "this month ... earlier in the day": the coarser dates agree with the publication day
    if published and all(published.startswith(c.date) for c in later):
        return D.fromisoformat(published)
    return None


_BARE_WEEKDAY = re.compile(r"(?i)(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"(?:\s+(?P<pod>morning|afternoon|evening|night))?")
_QUOTES = re.compile(r"[\"“”]")


def _in_quotation(text: str, start: int) -> bool:
    """An odd number of quotation marks between the paragraph's start and ``start``."""
    para = text.rfind("\n", 0, start) + 1
    return len(_QUOTES.findall(text, para, start)) % 2 == 1


def story_weekdays(text: str, found: list[tuple[int, int, DateValue]], published: str | None
                   ) -> dict[int, DateValue]:
    """Bare weekdays in direct speech from an earlier year, by start offset: the new value of each.

    A weekday counts from when it was said. Outside quotation marks that is the publication date;
    inside them, when the article's latest date before the quote lies in an earlier year ("fired in
    July" in a story published the next March), the speech belongs to that year and the week is
    unknown: "Call me Sunday night" is "2012-WXX-7TNI", a year-precision date for the timeline.
    """
    if not published:
        return {}
    pub_year = int(published[:4])
    out: dict[int, DateValue] = {}
    ordered = sorted(found, key=lambda f: f[0])
    for i, (s, e, _) in enumerate(ordered):
        m = _BARE_WEEKDAY.fullmatch(text[s:e])
        if not m or not _in_quotation(text, s):
            continue
        year = int(ordered[i - 1][2].date[:4]) if i else pub_year
        if year >= pub_year:
            continue
        code = f"{year:04d}-WXX-{WEEKDAYS[m['wd'].lower()] + 1}"
        if m["pod"]:
            code += "T" + PARTS_OF_DAY[m["pod"].lower()]
        out[s] = DateValue(f"{year:04d}", "year", approximate=True, timeml=code)
    return out
