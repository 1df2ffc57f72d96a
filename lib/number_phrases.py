"""Number phrases in a parsed Doc: where each written number starts and ends, and its value.

``scan_numbers`` walks a token range and returns one :class:`NumberPhrase` per number, with
spelled-out numbers, scale words, glued shorthand, a leading currency symbol, vague plurals
("hundreds of thousands") and ranges ("11,000 to 12,000", "between 2 and 3 million") joined::

    >>> [(p.value, p.high) for p in scan_numbers(doc, 0, len(doc))]  # "between 10 and 12 tanks"
    [(10.0, 12.0)]

Whether a number counts anything is decided by :mod:`lib.quantities`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from lib.measures import measure_at, split_glued
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
    if is_digit_token(doc[i]):
        return _digits_at(doc, start, i, hi, currency=currency, negative=negative)
    if _word_start(doc, i, hi):
        end = _word_end(doc, i, hi)
    else:
        return None if currency else _vague_at(doc, i, hi)
    value = parse_number(doc[start:end].text)
    return None if value is None else NumberPhrase(start, end, value)


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


def scan_numbers(doc: Doc, lo: int, hi: int) -> list[NumberPhrase]:
    """All number phrases in [lo, hi), ranges joined, left to right."""
    nums: list[NumberPhrase] = []
    i = lo
    while i < hi:
        num = number_at(doc, i, hi)
        if num is None:
            i += 1
            continue
        num = _join_range(doc, num, lo, hi)
        nums.append(num)
        i = num.end
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
    hyphen = link in HYPHENS and glued(doc, j - 1) and glued(doc, j) and unit_end == num.end
    bare = unit_end == num.end and num.currency is None and doc[num.start].lower_ not in CURRENCY_TOKENS
    alternative = link == "or" and bare and num.value < 100  # "three or four years"
    if not (hyphen or link == "to" or (link == "and" and between) or alternative):
        return num
    if before == "by" and not bare:
        return num  # "rose by $43.6 billion to $419.2 billion": the change, then the new level
    other = number_at(doc, j + 1, hi)
    if other is None or other.vague or not _same_unit(doc, num, unit_end, other, hi):
        return num
    low = num.value
    if low < other.value and not any(doc[k].lower_ in SCALE_WORDS for k in range(num.start, num.end)):
        scale = next((SCALE_WORDS[doc[k].lower_] for k in range(other.start, other.end)
                      if doc[k].lower_ in SCALE_WORDS and doc[k].lower_ != "hundred"), 1.0)
        low = low * scale if low * scale < other.value else low  # "2 to 3 million" → 2e6
    opener = num.start - 1 if between or (before == "from" and link == "to") else None
    return NumberPhrase(num.start, other.end, low, high=other.value, range_start=opener,
                        unit=other.unit or num.unit, currency=num.currency or other.currency,
                        approx=num.approx, sign=num.sign, ordered=before == "from" and link == "to")


PERCENT_TOKENS = (("%",), ("percent",), ("per", "cent"), ("pct",))


def _unit_end(doc: Doc, num: NumberPhrase, hi: int) -> int:
    """End of a percent sign or unit of measurement written right after the number, else its end."""
    for words in PERCENT_TOKENS:
        if num.end + len(words) <= hi and tuple(t.lower_ for t in doc[num.end:num.end + len(words)]) == words:
            return num.end + len(words)
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
