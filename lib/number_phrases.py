"""Number phrases in a parsed Doc: where each written number starts and ends, and its value.

``scan_numbers`` walks a token range and returns one :class:`NumberPhrase` per number, with
spelled-out numbers, scale words, glued shorthand, a leading currency symbol, vague plurals
("hundreds of thousands") and ranges ("11,000 to 12,000", "between 2 and 3 million") joined::

    >>> [(p.value, p.high) for p in scan_numbers(doc, 0, len(doc))]  # "between 10 and 12 tanks"
    [(10.0, 12.0)]

Whether a number counts anything is decided by :mod:`lib.quantities`, not here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from lib.measures import currency_after, measure_at, split_glued
from lib.numbers import (
    CURRENCY_SYMBOLS,
    DIGITS_RE,
    DIGITS_SUFFIX_RE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    SUFFIX_SCALES,
    UNIT_WORDS,
    VAGUE_PLURALS,
    parse_number,
)
from lib.quantity_words import CHANGE_VERBS, CURRENCY_AFTER, QUALIFIER_WORDS
from lib.token_index import TokenIndex

HYPHENS = ("-", "–", "—")
__all__ = ["NumberPhrase", "scan_numbers", "number_at", "glued", "is_digit_token", "HYPHENS"]

CURRENCY_TOKENS = frozenset((*CURRENCY_SYMBOLS, "usd", "eur", "gbp"))


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number phrase as token indices [start, end) in the Doc; ``high`` closes a range."""

    start: int
    end: int
    value: float
    vague: bool = False
    high: float | None = None
    range_start: int | None = None  # token index of "between" when the range is "between X and Y"
    unit: str | None = None  # a unit of measurement glued to the digits ("10kW", "32m2")
    currency: str | None = None  # a currency glued before the digits ("RM23.50", "PS2.7m", "$US55")
    approx: bool = False  # "~45", "≈32"
    sign: str = ""  # "+" or "-" as written ("+0.3%", "minus-130")
    ordered: bool = False  # "from X to Y": ``high`` is the second number as written, maybe smaller
    tally: bool = False  # "389 to 353" after "outnumbered": one side of a tally, neither a range nor a change


def glued(doc: Doc, i: int) -> bool:
    """True if token i is written with no space before token i + 1."""
    return i + 1 < len(doc) and not doc[i].whitespace_


def is_digit_token(tok: Token) -> bool:
    """Digits, alone or glued to a scale, unit, currency or sign ("11,000", "2.7bn", "10kW", "RM23")."""
    return bool(DIGITS_RE.match(tok.text) or DIGITS_SUFFIX_RE.match(tok.text.lower())) \
        or split_glued(tok.text) is not None


def _word_start(doc: Doc, i: int, hi: int) -> bool:
    """A spelled-out number starts here: "three", "a dozen", "a million", "half a million"."""
    w = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    if w in UNIT_WORDS:
        return True
    if w in ("a", "an"):
        return nxt in SCALE_WORDS or nxt == "dozen"
    if w == "half":
        after = doc[i + 2].lower_ if i + 2 < hi else ""
        return nxt in ("a", "an") and after in SCALE_WORDS
    return False


def _word_end(doc: Doc, i: int, hi: int) -> int:
    """End (exclusive) of the spelled-out number starting at i."""
    j = i + 1
    while j < hi:
        w = doc[j].lower_
        prev = doc[j - 1].lower_
        nxt = doc[j + 1].lower_ if j + 1 < hi else ""
        if w in UNIT_WORDS or w in SCALE_WORDS or w == "dozen" or (w == "a" and nxt in SCALE_WORDS):
            j += 1
        elif w in SCALE_ABBREVIATIONS and doc[j - 1].lower_ in UNIT_WORDS:
            j += 1  # "nine mln hectares", "three bln dlrs"
        elif w in HYPHENS and glued(doc, j - 1) and glued(doc, j) and nxt in UNIT_WORDS:
            j += 1
        elif w == "and" and prev in SCALE_WORDS and nxt in UNIT_WORDS:
            j += 1
        elif w == "and" and nxt == "a" and j + 2 < hi and doc[j + 2].lower_ == "half":
            j += 3
        else:
            break
    return j


def _digit_end(doc: Doc, i: int, hi: int, currency: bool) -> int:
    """End of a digit number starting at i: scale words and glued shorthand ("48.2" "m")."""
    j = i + 1
    while j < hi:
        w = doc[j].lower_
        if w in SCALE_WORDS or w == "dozen" or w in SCALE_ABBREVIATIONS:
            j += 1
        elif glued(doc, j - 1) and (w in ("bn", "mn", "tn", "trn") or (currency and w in ("m", "b", "k", "m."))):
            j += 1
        elif glued(doc, j - 1) and doc[j].text == "M":
            j += 1  # "4.3M sales": a capital M glued to digits is a million (a metre is a small m)
        else:
            break
    return j


def _vague_at(doc: Doc, i: int, hi: int) -> NumberPhrase | None:
    """"hundreds of thousands of", "dozens of", "thousands more": a lower bound as written."""
    w = doc[i].lower_
    if w not in VAGUE_PLURALS:
        return None
    value, j = VAGUE_PLURALS[w], i + 1
    while j + 1 < hi and doc[j].lower_ == "of" and doc[j + 1].lower_ in VAGUE_PLURALS:
        value *= VAGUE_PLURALS[doc[j + 1].lower_]
        j += 2
    if w == "tens" and j == i + 1:
        return None  # "tens" alone is not a number
    nxt = doc[j] if j < hi else None
    if nxt is None or not (nxt.lower_ == "of" or nxt.lower_ == "more" or nxt.pos_ == "NOUN"):
        return None
    return NumberPhrase(i, j, float(value), vague=True)


def number_at(doc: Doc, i: int, hi: int) -> NumberPhrase | None:
    """The number phrase starting at token i (with a leading currency symbol or "minus"), or None."""
    tok = doc[i]
    start, currency = i, tok.lower_ in CURRENCY_TOKENS
    negative = tok.lower_ == "minus" and i + 1 < hi and is_digit_token(doc[i + 1])
    if (currency or negative) and i + 1 < hi:
        i += 1
    # "$US55,931,000": the country letters glued to the digits are read only after a dollar sign
    dollar_digits = currency and split_glued(doc[i].text, after_dollar=tok.text == "$", money=True) is not None
    if is_digit_token(doc[i]) or dollar_digits:
        return _with_wire_fraction(doc, _digits_at(doc, start, i, hi, currency=currency, negative=negative), hi)
    if not currency and not negative and _WIRE_FRACTION.match(tok.text):
        return _lone_fraction(doc, i, hi)
    # checked on the token already in hand: this runs for every token of every sentence
    fraction = _fraction_at(doc, i, hi) if tok.lower_ in _FRACTION_STARTS and not currency else None
    if fraction is not None:
        return fraction
    if _word_start(doc, i, hi):
        end = _word_end(doc, i, hi)
    else:
        return None if currency else _vague_at(doc, i, hi)
    value = parse_number(doc[start:end].text)
    return None if value is None else NumberPhrase(start, end, value)


# Wire copy writes prices and rates in binary fractions: "16-1/2 cts", "77-1/2", "13/16 pct".
_WIRE_FRACTION = re.compile(r"^(\d{1,2})/(2|4|8|16|32|64)$")
_PLAIN_INTEGER = re.compile(r"^\d{1,3}(?:,\d{3})*$")


def _fraction_value(text: str) -> float | None:
    """"13/16" → 0.8125 when the denominator is a power of two and the numerator is smaller."""
    m = _WIRE_FRACTION.match(text)
    if m is None or int(m.group(1)) >= int(m.group(2)):
        return None
    return int(m.group(1)) / int(m.group(2))


def _with_wire_fraction(doc: Doc, num: NumberPhrase | None, hi: int) -> NumberPhrase | None:
    """"16-1/2": a whole number glued by a hyphen to a binary fraction is one mixed number, 16.5."""
    j = num.end if num is not None else hi
    if num is None or num.unit or j + 1 >= hi or doc[j].text not in HYPHENS or not glued(doc, j - 1) \
            or not glued(doc, j) or not _PLAIN_INTEGER.match(doc[j - 1].text):
        return num
    part = _fraction_value(doc[j + 1].text)
    if part is None:
        return num
    value = -(abs(num.value) + part) if num.value < 0 else num.value + part
    return NumberPhrase(num.start, j + 2, value, currency=num.currency, approx=num.approx, sign=num.sign)


def _lone_fraction(doc: Doc, i: int, hi: int) -> NumberPhrase | None:
    """"13/16 pct", "1/2 cent": a lone binary fraction counts only before a percent or money word
    (alone, "3/4" may be a date)."""
    part = _fraction_value(doc[i].text)
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    if part is None or nxt not in _FRACTION_UNITS:
        return None
    return NumberPhrase(i, i + 1, part)


_FRACTION_UNITS = frozenset(("pct", "percent", "%", "cent", "cents", "ct", "cts", "dlr", "dlrs", "point", "points"))


DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
_FRACTION_STARTS = frozenset(("a", "one", "half", *UNIT_WORDS))
# Words before "half of" / "a third of" that make it a part of a period or a rank, not a share.
_NOT_SHARE = frozenset(("the", "first", "second", "third", "last", "latter", "former", "other", "this", "that"))


def _denominator(word: str) -> int | None:
    w = word.lower()
    return DENOMINATORS.get(w) or (DENOMINATORS.get(w[:-1]) if w.endswith("s") else None)


def _fraction_at(doc: Doc, i: int, hi: int) -> NumberPhrase | None:
    """A share written in words, its value the fraction: "half of", "a third of", "two-thirds of",
    "one in three", "one out of five". A fraction word must be followed by "of" (a partitive):
    "the second half", "third quarter" and "a quarter" alone name periods or ranks, not shares."""
    w = doc[i].lower_
    numerator = 1 if w in ("a", "one", "half") else UNIT_WORDS.get(w)
    if numerator is None or i + 1 >= hi or (i > 0 and doc[i - 1].lower_ in _NOT_SHARE):
        return None
    if w == "half":
        den_at = i
    else:
        den_at = i + 2 if doc[i + 1].text in HYPHENS and glued(doc, i) and glued(doc, i + 1) else i + 1
    denominator = _denominator(doc[den_at].text) if den_at < hi else None
    if denominator is not None and den_at + 1 < hi and doc[den_at + 1].lower_ == "of":
        return NumberPhrase(i, den_at + 1, numerator / denominator, unit="fraction")
    return _one_in(doc, i, hi, numerator)


def _one_in(doc: Doc, i: int, hi: int, numerator: int) -> NumberPhrase | None:
    """"one in three", "two out of five": a share as a count among a whole."""
    k = i + 1
    if k + 1 < hi and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
        k += 2
    elif k < hi and doc[k].lower_ == "in":
        k += 1
    else:
        return None
    whole = number_at(doc, k, hi) if k < hi else None
    if whole is None or whole.vague or whole.unit or whole.currency or not numerator < whole.value <= 1000:
        return None  # "one in 2024" is a year; "one in 10km" is no share
    return NumberPhrase(i, whole.end, numerator / whole.value, unit="fraction")


def _digits_at(doc: Doc, start: int, i: int, hi: int, *, currency: bool, negative: bool) -> NumberPhrase | None:
    """A digit number at token i (``start`` holds its currency symbol or "minus", if any)."""
    g = split_glued(doc[i].text, after_dollar=currency and doc[start].text == "$", money=currency)
    if g is None:  # "48.2" "m" are two tokens: the plain parser reads them together below
        end = _digit_end(doc, i, hi, currency)
        value = parse_number(doc[start:end].text)
        return None if value is None else NumberPhrase(start, end, value)
    end = _digit_end(doc, i, hi, currency or g.currency is not None) if g.unit is None else i + 1
    value = g.value
    for k in range(i + 1, end):
        w = doc[k].lower_
        w = w.rstrip(".")  # "PS2.7m." at the end of a sentence
        value *= SCALE_WORDS.get(w) or SCALE_ABBREVIATIONS.get(w) or SUFFIX_SCALES.get(w) or 12
    value = -abs(value) if negative else value
    return NumberPhrase(start, end, value, unit=g.unit, currency=g.currency, approx=g.approx,
                        sign="-" if negative else g.sign)


# Every word a number phrase can start with (:func:`number_at` returns None at any other token whose
# text holds no digit): a currency, "minus", a fraction or spelled-out number, a vague plural.
_START_WORDS = frozenset((*CURRENCY_TOKENS, "minus", "an", *_FRACTION_STARTS, *UNIT_WORDS, *VAGUE_PLURALS))
_DIGIT = re.compile(r"\d")  # the digit test of ``is_digit_token``'s patterns, so the same digits


def _may_start(word: str) -> bool:
    """A number phrase may start at a token with this lower-case text (lower-casing keeps digits)."""
    return word in _START_WORDS or _DIGIT.search(word) is not None


# Indices of the tokens where a number phrase may start, in order, read once per Doc.
_number_starts = TokenIndex(LOWER, _may_start)


def scan_numbers(doc: Doc, lo: int, hi: int) -> list[NumberPhrase]:
    """All number phrases in [lo, hi), ranges joined, left to right.

    Only the tokens :func:`_number_starts` lists are tried: :func:`number_at` finds nothing at the
    others, and trying every token of every sentence was the extractor's largest cost."""
    nums: list[NumberPhrase] = []
    starts = _number_starts(doc)
    k = bisect_left(starts, lo)
    while k < len(starts) and starts[k] < hi:
        num = number_at(doc, starts[k], hi)
        if num is None:
            k += 1
            continue
        num = _join_range(doc, num, lo, hi)
        nums.append(num)
        k = bisect_left(starts, num.end, k)
    return nums


def _join_range(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> NumberPhrase:
    """"X to Y", "X-Y", "between X and Y", "5% to 6%", "$3bn to $5bn" become one range.

    "from X to Y" is kept in written order (``ordered``: it may fall); "by X to Y" is a change and
    a new level, two numbers; "13-2" (a hyphen, low >= high) is left for the tally rule.
    """
    unit_end = _unit_end(doc, num, hi)
    j = unit_end
    if num.vague or j + 1 >= hi:
        return num
    link = doc[j].lower_
    before = doc[num.start - 1].lower_ if num.start - 1 >= lo else ""
    between = before == "between"
    # "25-40", and "25 – 40" with a spaced en dash (a spaced hyphen is a dash between clauses)
    dashed = (glued(doc, j - 1) and glued(doc, j)) or (link == "–" and not glued(doc, j - 1) and not glued(doc, j))
    hyphen = link in HYPHENS and dashed and unit_end == num.end
    bare = unit_end == num.end and num.currency is None and doc[num.start].lower_ not in CURRENCY_TOKENS
    alternative = link == "or" and bare and num.value < 100  # "three or four years"
    if not (hyphen or link == "to" or (link == "and" and between) or alternative):
        return num
    if before == "by" and not bare:
        return num  # "rose by $43.6 billion to $419.2 billion": the change, then the new level
    if link == "to" and not bare and _after_change_verb(doc, num.start, lo):
        return num  # "fell 12p to 340.5p": the size of the fall, then the level (each has its unit)
    other = number_at(doc, j + 1, hi)
    if other is None or other.vague or not _same_unit(doc, num, unit_end, other, hi):
        return num
    if link == "to" and before != "from" and other.value < num.value and not _scaled(doc, other):
        if _tally(doc, num, other, lo, hi):  # "rises outnumbering falls 389 to 353": two counts, no move
            return replace(num, tally=True)
        return num  # "in 2008 to 29 mpg": "X to Y" runs upward unless it starts with "from"
    low = num.value
    if low < other.value and not _scaled(doc, num):
        scale = next((_scale(doc[k].lower_) for k in range(other.start, other.end)
                      if _scale(doc[k].lower_) and doc[k].lower_ != "hundred"), 1.0)
        low = low * scale if low * scale < other.value else low  # "2 to 3 million", "two to four mln" → 2e6
    opener = num.start - 1 if between or (before == "from" and link == "to") else None
    return NumberPhrase(num.start, other.end, low, high=other.value, range_start=opener,
                        unit=other.unit or num.unit, currency=num.currency or other.currency,
                        approx=num.approx, sign=num.sign, ordered=before == "from" and link == "to")


# Verbs that set two counts against each other: "rises outnumbered falls 389 to 353", "won 21 to 14".
_TALLY_VERBS = frozenset(("outnumber", "outpace", "outstrip", "beat", "defeat", "win", "lead", "vote", "trail"))
_TALLY_WINDOW = 4  # tokens before the first count that may hold the comparing verb


def _tally(doc: Doc, num: NumberPhrase, other: NumberPhrase, lo: int, hi: int) -> bool:
    """"389 to 353" after a comparing verb, or "by 10 to 2": two whole counts, the second smaller, with
    no unit after the second; a score or tally, neither a range nor a change and its new level."""
    plain = all(e - s == 1 and _PLAIN_INTEGER.match(doc[s].text) for s, e in ((num.start, num.end),
                                                                               (other.start, other.end)))
    if not plain or _unit_end(doc, other, hi) != other.end:
        return False
    window = doc[max(lo, num.start - _TALLY_WINDOW):num.start]
    return any(t.lemma_.lower() in _TALLY_VERBS for t in window) or (num.start > lo and doc[num.start - 1].lower_ == "by")


def _after_change_verb(doc: Doc, start: int, lo: int) -> bool:
    """A change verb ("rose", "fell", "added", "down") stands right before the number, past its
    qualifier ("gained about 5%"): the number is the size of the change."""
    k = start - 1
    while k >= lo and doc[k].lower_ in QUALIFIER_WORDS:
        k -= 1
    return k >= lo and doc[k].pos_ in ("VERB", "AUX", "ADV") and doc[k].lemma_.lower() in CHANGE_VERBS


def _scale(word: str) -> float | None:
    """The multiplier of a scale word, written out ("million") or as wire copy abbreviates it ("mln")."""
    return SCALE_WORDS.get(word) or SCALE_ABBREVIATIONS.get(word)


def _scaled(doc: Doc, num: NumberPhrase) -> bool:
    """"2 to 3 million": the second number carries a scale word the first one shares."""
    return any(_scale(doc[k].lower_) for k in range(num.start, num.end))


PERCENT_TOKENS = (("%",), ("percent",), ("per", "cent"), ("pct",), ("pc",))  # "pc": British wire copy


def _unit_end(doc: Doc, num: NumberPhrase, hi: int) -> int:
    """End of a percent sign or unit of measurement written right after the number, else its end."""
    first = doc[num.end].lower_ if num.end < hi else None
    for words in PERCENT_TOKENS:
        if words[0] == first and num.end + len(words) <= hi \
                and tuple(t.lower_ for t in doc[num.end:num.end + len(words)]) == words:
            return num.end + len(words)
    if first in CURRENCY_AFTER or (first is not None and currency_after(first)):
        return num.end + 1  # "34 cts to 36 cts": a currency word written after each end of a range
    found = measure_at(doc, num.end, hi)
    return found[1] if found else num.end


def _same_unit(doc: Doc, num: NumberPhrase, unit_end: int, other: NumberPhrase, hi: int) -> bool:
    """A range joins two numbers in one unit: "5% to 6%" or "5 to 6%", not "7% to $2.3 billion"."""
    money = doc[num.start].lower_ in CURRENCY_TOKENS or num.currency is not None
    other_money = doc[other.start].lower_ in CURRENCY_TOKENS or other.currency is not None
    if money != other_money:
        return False
    if unit_end == num.end:
        return True
    written = [t.lower_ for t in doc[num.end:unit_end]]
    return [t.lower_ for t in doc[other.end:min(hi, other.end + len(written))]] == written
