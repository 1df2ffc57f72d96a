"""Dates: find date expressions in a parsed Doc and resolve them against the publication date.

- :func:`find_dates` finds expressions in a Doc or sentence Span: our own patterns for the core
  (month/day/year, weekdays, relative words), spaCy's DATE entities for what the patterns miss,
  joined into ranges and extended with their prepositions, and kept only when they resolve; then the
  anaphoric ones ("the day before", "that year") against the article's own dates
  (:mod:`lib.date_anaphora`).
- The values come from the grammar in :mod:`lib.date_grammar` (:func:`resolve`, re-exported here);
  :func:`bounds` and :func:`parse_published` turn ISO strings into calendar days.

Policy: an expression that is not a calendar date (durations, ages, "the period") or that needs the
publication date when there is none resolves to None. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from lib.date_anaphora import anaphoric_dates, story_weekdays
from lib.date_grammar import DateValue, _end_of, _safe_date, resolve

D = dt.date

__all__ = ["DateValue", "DateMatch", "resolve", "find_dates", "bounds", "parse_published", "governing_verb", "is_past"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a Doc: its character span in ``doc.text`` and its value."""

    start: int
    end: int
    text: str
    value: DateValue


# ---------------------------------------------------------------------------------------------
# Finding expressions in a Doc

_CMON = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")  # a dot only after an abbreviation
_CWD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_CDAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?!,?\d|-[A-Za-z])"  # not "May 1,000", "29-page"
_CYEAR = r"(?:1[89]\d\d|20\d\d)\b(?!,?\d)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_NUM_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"

# Core patterns: (pattern, needs_context, first[, gate]). A "needs_context" match (a bare month or year) counts
# only after a preposition-like word or inside a spaCy DATE entity: "May" and "2000" are often not dates.
# A gate lists words one of which the lower-cased text must hold before the pattern runs: rare phrases
# then cost a substring test, not a regex scan; a ``cased`` gate is tested on the text as written (only words
# a match must hold as written: a lower-case gate word holding "s" or "i" could miss "ſ", "İ" that (?i)
# matches). ``first`` is a character class holding every character a match can start with (:func:`_first`).
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # of _CMON
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CENTURIES = ("18", "19", "20")  # every year the patterns read starts so (lower-casing keeps digits)
_HOLIDAY_WORDS = ("christmas", "boxing", "new year", "valentine", "halloween", "independence", "bastille", "may day",
                  "armistice", "thanksgiving", "memorial", "labor day", "easter")
def _first(pattern: str, first: str) -> re.Pattern:
    """``pattern`` behind a look-ahead for ``[first]``, the characters any of its matches starts with.
    The look-ahead changes no match but lets the scan reject most positions with one test (a
    document's scan costs about a quarter of the bare pattern's)."""
    flags = "(?i)" if pattern.startswith("(?i)") else ""  # a global flag must stay at the very start
    return re.compile(f"{flags}(?=[{first}]){pattern[len(flags):]}")


_SCAN: list[tuple[re.Pattern, bool, tuple[str, ...], tuple[str, ...]]] = [
    (_first(p, first), ctx, *(tuple(gates) + ((), ()))[:2]) for p, ctx, first, *gates in [
    (rf"(?:{_CWD},?\s+)?{_CMON}\s+{_CDAY}(?:,?\s+{_CYEAR})?", False, "A-Z", (), _MONTH_STEMS),
    (rf"(?<![\d.,])(?:{_CWD},?\s+)?{_CDAY}\s+(?:of\s+)?{_CMON}(?:,?\s+{_CYEAR})?", False, "A-Z0-9", (),
     _MONTH_STEMS),
    (rf"{_CMON},?\s+(?:of\s+)?{_CYEAR}", False, "A-Z", _CENTURIES, _MONTH_STEMS),
    (rf"{_CMON}\s+(?:of\s+)?(?:last|this|next)\s+year\b", False, "A-Z", (), _MONTH_STEMS),
    (rf"\b(?i:last|this|next)\s+{_CMON}", False, "LlTtNn", (), _MONTH_STEMS),
    (rf"\b{_CMON}", True, "A-Z", (), _MONTH_STEMS),
    (rf"\b(?:(?i:last|this|next)\s+)?(?:(?i:coming)\s+)?{_CWD}(?:\s+(?:morning|afternoon|evening|night)\b)?"
     r"(?:\s+(?:of\s+)?(?i:last|this|next)\s+week\b)?", False, "LlTtNnCcMWFS", (), _WEEKDAYS),
    (r"(?i)\b(?:(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)|today|tonight"
     r"|this\s+(?:morning|afternoon|evening)|last\s+night)\b", False, "tyl"),
    (r"(?i)(?<!\bthe\s)\b(?:last|this|next)\s+(?:(?:fiscal|financial)\s+)?(?:year|month|weekend|week)\b", False,
     "ltn", ("year", "month", "week")),
    (r"(?i)\bthe\s+current\s+(?:(?:fiscal|financial|calendar)\s+)?(?:year|month)\b", False, "t", ("current",)),
    # without "the" only with a kind of year: "current fiscal year profits", "its current financial year"
    (r"(?i)\bcurrent\s+(?:fiscal|financial)\s+year\b", False, "c", ("current",)),
    (rf"(?i)\b{_NUM_WORD}\s+(?:decades?|years?|months?|weeks?|days?)\s+ago\b", False, r"aotfsen\d", ("ago",)),
    (r"(?i)\b(?:by|at|before|after|until)\s+(?:the\s+)?(?:year|month)[- ]end\b", False, "bau",
     ("r-end", "r end", "h-end", "h end")),
    (rf"(?i)\b(?:last|this|next)\s+{_SEASON}\b", False, "ltn"),
    (rf"(?i)\b(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_CYEAR}", False, "tsafw"),
    (r"(?i)(?<=\bin\s)recent\s+(?:days|weeks|months|years)\b", False, "r", ("recent",)),
    (r"(?i)\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?(?:week|month|year)\b", False, "tebsm",
     ("end of", "beginning of", "start of", "middle of")),
    (r"(?i)\bthe\s+weekend\b", False, "t", ("weekend",)),
    (r"\b(?:(?i:last|this|next)\s+)?(?:Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)"
     r"|Valentine['’]s\s+Day|Halloween|Independence\s+Day|Bastille\s+Day|May\s+Day|Armistice\s+Day|Thanksgiving"
     r"|Memorial\s+Day|Labor\s+Day|Easter(?:\s+Sunday)?)\b(?:,?\s+(?:1[89]|20)\d\d\b)?", False, "A-Za-z",
     _HOLIDAY_WORDS),
    (r"(?<![\d/.-])(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})(?![\d/.-])", False, r"\d"),
    (r"(?<![\d,.$£€-])(?:1[89]|20)\d\d[-–/]\d{2}(?![\d%])", False, "12", _CENTURIES),
    (r"(?i)\b(?:the\s+)?(?:1[89]|20)\d0s\b", False, "t12", _CENTURIES),
    (rf"(?<![\d,.$£€])\b{_CYEAR}(?!\s*(?:%|per\s*cent|percent))", True, "12", _CENTURIES),
]]

_CONTEXT_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|since|by|until|till|through|throughout|from|between|of|during|before|after|and|"
    r"or|to|early|late|around|as\s+of)\s+|\bmid-|[-–]\s*)$")
_EXTEND_BEFORE = re.compile(
    r"(?i)(?:\b(?:ever\s+since|since|in|on|by|until|till|through|throughout|during|from|between|"
    r"as\s+of|at)\s+)?(?:\b(?:early|mid|late|earlier|later|(?:the\s+)?(?:end|beginning|start|middle)"
    r"\s+of)(?:\s+|-))?$")
_BETWEEN_BEFORE = re.compile(
    r"(?i)\bbetween\s+(?:(?:early|mid|late)(?:\s+|-)|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?$")
_JOIN_GAP = re.compile(r"\s*,?\s*(?P<c>and|to|through|until|till|-|–|—)\s*")
_TRAILING_DAY = re.compile(rf"\s*(?P<c>and|to|through|-|–)\s*{_CDAY}(?:,?\s+{_CYEAR})?")
_LEADING_DAY = re.compile(r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?P<c>and|to|through|-|–)\s*$")
_NUMERIC_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


def _spans_in_sentence(text: str, doc, offset: int) -> list[tuple[int, int]]:
    """Core expression spans (local offsets), longest first where they overlap."""
    found = []
    low = text.lower()
    for pattern, needs_context, gate, cased in _SCAN:
        if gate and not any(word in low for word in gate):
            continue
        if cased and not any(word in text for word in cased):
            continue
        for m in pattern.finditer(text):
            if needs_context and not _has_context(text, m.start(), m.end(), doc, offset):
                continue
            found.append((m.start(), m.end()))
    return _non_overlapping(found)


def _has_context(text: str, start: int, end: int, doc, offset: int) -> bool:
    """A bare month or year is a date inside a spaCy DATE entity, or after "in", "since", "and"...
    unless spaCy counts it ("2000 troops": a number modifying a noun)."""
    span = doc.char_span(offset + start, offset + end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    if any(t.ent_type_ == "DATE" for t in tokens):
        return True
    if any(t.ent_type_ in _NUMERIC_ENTS or t.dep_ == "nummod" for t in tokens):
        return False
    return bool(_CONTEXT_BEFORE.search(text[max(0, start - 20):start]))


def _non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], x[0] - x[1])):
        if kept and s < kept[-1][1]:
            if e - s > kept[-1][1] - kept[-1][0]:
                kept[-1] = (s, e)  # a longer span starting inside the previous one wins
            continue
        kept.append((s, e))
    return kept


def _join_ranges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge "X and Y" (after "between"), "X to/through/- Y" and "October 8 and 13" into one span."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _joinable(text, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)
            continue
        if _may_lead(text, s) and (m := _LEADING_DAY.search(text[:s])) and (
                m["c"] != "and" or _BETWEEN_BEFORE.search(text[:m.start()])):
            s = m.start()  # "8-13 October"
        out.append((s, e))
    result = []
    for s, e in out:
        m = _TRAILING_DAY.match(text, e)
        if m and (m["c"] != "and" or _BETWEEN_BEFORE.search(text[:s])):
            e = m.end()  # "October 8 and 13"
        if result and s < result[-1][1]:
            continue  # the year of "March 3-5, 2024" was found on its own too
        result.append((s, e))
    return result


_LINKS = ("and", "to", "through", "-", "–")


def _may_lead(text: str, s: int) -> bool:
    """False only when ``_LEADING_DAY`` cannot match ``text[:s]``: its match ends in a link word and
    white space, so the text before ``s`` must end in a link word once its white space is stripped
    (``\\s`` and ``str.isspace`` agree). Saves searching the whole text before every expression."""
    tail = text[max(0, s - 16):s].rstrip()
    if len(tail) < len("through") and s > 16:
        return True  # white space may hide a link word cut by the window: let the pattern decide
    return tail.endswith(_LINKS)


def _joinable(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    gap = _JOIN_GAP.fullmatch(text[a[1]:b[0]])
    return bool(gap) and (gap["c"] != "and" or bool(_BETWEEN_BEFORE.search(text[:a[0]])))


def _extend(text: str, start: int) -> int:
    """Move the start left over prepositions and modifiers: "since early August", "by mid-December"."""
    m = _EXTEND_BEFORE.search(text[max(0, start - 40):start])
    return start - (len(m.group()) if m else 0)


_PAST_TAGS = ("VBD", "VBN")
# Verbs that push what they govern into the future: "postponed until Saturday".
_DEFERRING = {"postpone", "delay", "defer", "adjourn", "reschedule"}


def is_past(verb) -> bool:
    """The verb (a Token or None) is in the past tense: "rose", "was cut", "had risen", not "has decided".
    A participle heading its own clause with no auxiliary ("started in May and peaked by ...") is a
    past tense the tagger read as a participle."""
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
        verb.tag_ == "VBN" and not aux and verb.dep_ in ("ROOT", "conj"))


def governing_verb(doc, start: int, end: int):
    """The verb (Token) a character span hangs on, at most six steps up the parse, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _verb_looks_ahead(verb) -> bool:
    """True when the verb looks ahead: "will lapse at the end of April", an infinitive that is not the
    complement of a past verb ("is due to be published in May", "a programme to run through June",
    but not "declined to comment on Friday"), "postponed until"."""
    aux = [c for c in verb.children if c.dep_ == "aux"]
    if any(c.lower_ in ("will", "'ll", "shall") for c in aux):
        return True
    if verb.lemma_ in _DEFERRING:
        return True
    if any(c.tag_ == "TO" for c in aux):
        head = verb.head
        return not (verb.dep_ in ("xcomp", "ccomp") and head.tag_ in _PAST_TAGS)
    return False


_SEASON_WORD = re.compile(r"(?i)(?:the\s+)?(?:spring|summer|autumn|fall|winter)")


def _season_modifier(ent) -> bool:
    """A bare season naming a kind, not a time: "winter grain", "the summer heat"."""
    return bool(_SEASON_WORD.fullmatch(ent.text)) and ent.root.dep_ in ("compound", "amod", "nmod")


def find_dates(doc_or_span, published: str | None) -> list[DateMatch]:
    """Date expressions in a parsed Doc (or a sentence Span) with resolved values, by position.

    Spans include their preposition or modifier ("since October 2024", "by mid-December") and both
    ends of a range; offsets are in ``doc.text``. Expressions that do not resolve are left out:
    durations, ages, "the period", and relative ones when ``published`` is None. Anaphoric ones
    ("two days later", "the previous month") count from the latest explicit date before them; in a
    sentence Span with none, they are left out rather than counted from publication.

    >>> [m.text for m in find_dates(nlp("It fell on Thursday, three years in."), "2025-05-30")]  # doctest: +SKIP
    ['on Thursday']
    """
    doc = getattr(doc_or_span, "doc", doc_or_span)
    offset = getattr(doc_or_span, "start_char", 0)
    text = doc_or_span.text
    spans = _spans_in_sentence(text, doc, offset)
    for ent in doc_or_span.ents:
        s, e = ent.start_char - offset, ent.end_char - offset
        if ent.label_ == "DATE" and not any(s < ke and ks < e for ks, ke in spans):
            if resolve(ent.text, published) is not None and not _season_modifier(ent):
                spans.append((s, e))
    matches = []
    for s, e in _join_ranges(text, sorted(spans)):
        s = _extend(text, s)
        verb = governing_verb(doc, offset + s, offset + e)
        ahead, past = verb is not None and _verb_looks_ahead(verb), is_past(verb)
        value = resolve(text[s:e], published, future=ahead, past=past, nearest=not (ahead or past))
        if value is not None:
            matches.append(DateMatch(offset + s, offset + e, text[s:e], value))
    found = [(m.start - offset, m.end - offset, m.value) for m in matches]
    if said := story_weekdays(text, found, published):  # "Call me Sunday night," he wrote last July
        matches = [replace(m, value=said.get(m.start - offset, m.value)) for m in matches]
        found = [(s, e, said.get(s, v)) for s, e, v in found]
    for s, e, value in anaphoric_dates(text, found, published, may_use_published=offset == 0):
        matches.append(DateMatch(offset + s, offset + e, text[s:e], value))
    return sorted(matches, key=lambda m: m.start)


# ---------------------------------------------------------------------------------------------
# Bounds and publication dates

def _start_of(iso: str) -> D:
    parts = [int(p) for p in iso.split("-")]
    return D(parts[0], *(parts[1:] + [1, 1])[:2])


_PRECISION_BY_LEN = {4: "year", 7: "month", 10: "day"}
_LEN_BY_PRECISION = {v: k for k, v in _PRECISION_BY_LEN.items()}


def bounds(date: str, *, date_end: str | None = None, precision: str | None = None,
           open_end: bool = False, today: D | None = None) -> tuple[D, D]:
    """First and last calendar day a date covers; raises ValueError on a malformed date.

    An open range ("since October 2024") runs to ``today`` (default: the real today); a closed one
    to the end of ``date_end`` at its own precision. ``precision`` truncates ``date`` if given.

    >>> bounds("2024")
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    >>> bounds("2024-10", open_end=True, today=D(2025, 5, 30))[1]
    datetime.date(2025, 5, 30)
    """
    if precision:
        date = date[:_LEN_BY_PRECISION[precision]]
    if len(date) not in _PRECISION_BY_LEN or len(date_end or "2000") not in _PRECISION_BY_LEN:
        raise ValueError(f"not an ISO date at year, month or day precision: {date!r} / {date_end!r}")
    start = _start_of(date)
    if date_end:
        end = _end_of(_start_of(date_end), _PRECISION_BY_LEN[len(date_end)])
    elif open_end:
        end = max(start, today or D.today())
    else:
        end = _end_of(start, _PRECISION_BY_LEN[len(date)])
    return start, end


def parse_published(value: str | None) -> str | None:
    """Best-effort ISO "YYYY-MM-DD" from a metadata date string; None when there is no full date.

    Accepts ISO dates and datetimes, "20250530", day-first numerics ("30-05-2025"), written dates
    ("5 January 2024", "Jan 5, 2024", "Published 22 November 2024") and RFC 2822 headers.

    >>> parse_published("2025-05-30T10:00:00Z"), parse_published("30-05-2025"), parse_published("May 2025")
    ('2025-05-30', '2025-05-30', None)
    """
    text = re.sub(r"^(?:published|updated|posted)(?:\s+on)?:?\s*", "", (value or "").strip(), flags=re.I)
    if m := re.match(r"(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])", text):
        d = _safe_date(*map(int, m.groups()))
        return d.isoformat() if d else None
    got = resolve(text, None) if text else None
    if got is not None:
        return got.date if got.precision == "day" and not got.date_end else None
    try:
        from email.utils import parsedate_to_datetime  # "Fri, 30 May 2025 10:00:00 +0000"

        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
