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

from lib.numbers import (
    CURRENCY_SYMBOLS,
    DIGITS_RE,
    DIGITS_SUFFIX_RE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
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


def glued(doc: Doc, i: int) -> bool:
    """True if token i is written with no space before token i + 1."""
    return i + 1 < len(doc) and not doc[i].whitespace_


def is_digit_token(tok: Token) -> bool:
    return bool(DIGITS_RE.match(tok.text) or DIGITS_SUFFIX_RE.match(tok.text.lower()))


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
        if w in SCALE_WORDS and w != "hundred" or w == "dozen" or w in SCALE_ABBREVIATIONS:
            j += 1
        elif glued(doc, j - 1) and (w in ("bn", "mn", "tn", "trn") or (currency and w in ("m", "b", "k"))):
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
    """The number phrase starting at token i (with a leading currency symbol), or None."""
    tok = doc[i]
    start, currency = i, tok.lower_ in CURRENCY_TOKENS
    if currency and i + 1 < hi:
        i += 1
    if is_digit_token(doc[i]):
        end = _digit_end(doc, i, hi, currency)
    elif _word_start(doc, i, hi):
        end = _word_end(doc, i, hi)
    else:
        return None if currency else _vague_at(doc, i, hi)
    value = parse_number(doc[start:end].text)
    return None if value is None else NumberPhrase(start, end, value)


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
    """"X to Y", "X-Y", "between X and Y" become one range; "13-2" (low >= high) is a tally."""
    j = num.end
    if num.vague or j + 1 >= hi:
        return num
    link = doc[j].lower_
    between = num.start - 1 >= lo and doc[num.start - 1].lower_ == "between"
    hyphen = link in HYPHENS and glued(doc, j - 1) and glued(doc, j)
    if not (hyphen or link == "to" or (link == "and" and between)):
        return num
    if link == "to" and num.start - 1 >= lo and doc[num.start - 1].lower_ == "from":
        return num  # "rose from 10 to 12" is a change, not a range
    other = number_at(doc, j + 1, hi)
    if other is None or other.vague:
        return num
    low = num.value
    if low < other.value and not any(doc[k].lower_ in SCALE_WORDS for k in range(num.start, num.end)):
        scale = next((SCALE_WORDS[doc[k].lower_] for k in range(other.start, other.end)
                      if doc[k].lower_ in SCALE_WORDS and doc[k].lower_ != "hundred"), 1.0)
        low = low * scale if low * scale < other.value else low  # "2 to 3 million" → 2e6
    return NumberPhrase(num.start, other.end, low, high=other.value,
                range_start=num.start - 1 if between else None)
