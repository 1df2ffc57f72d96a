"""Number parsing for news text: digits, word numbers, scale words and money shorthand.

``parse_number`` turns the written number of a quantity phrase into a float::

    >>> parse_number("9 million"), parse_number("half a million"), parse_number("$48.2m")
    (9000000.0, 500000.0, 48200000.0)

Libraries stumble on mixed forms ("9 million", "1.5bn"), so the normaliser is our own: a regular
expression for digit strings and a small accumulator for spelled-out numbers. Whatever the input,
the answer is a finite float or None; nothing raises.
"""

from __future__ import annotations

import math
import re

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Newswire abbreviations written as words after digits: "417 mln dlrs", "2.3 bln".
SCALE_ABBREVIATIONS: dict[str, float] = {"mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9, "trn": 1e12, "tn": 1e12}
# Shorthand scales glued to digits: "$48.2m", "2.7bn", "15k".
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
# Vague plurals: "hundreds of", "thousands of"; the value is the lower bound they imply.
VAGUE_PLURALS: dict[str, float] = {
    "dozens": 12, "tens": 10, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
}
CURRENCY_SYMBOLS: tuple[str, ...] = ("us$", "a$", "c$", "hk$", "$", "€", "£", "¥", "₩", "₽", "₹")

DIGITS_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
DIGITS_SUFFIX_RE = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|b|tn|trn)$")


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def parse_digits(text: str) -> float | None:
    """A digit string ("11,000", "1.5", "-5") as a float; None for anything else ("1e308", "NaN")."""
    if not DIGITS_RE.match(text):
        return None
    return _finite(float(text.replace(",", "")))


def _strip_currency(text: str) -> str:
    for sym in CURRENCY_SYMBOLS:
        if text.startswith(sym):
            return text[len(sym):].strip()
    return text


def _words(text: str) -> list[str]:
    # "twenty-five" and "twenty five" are the same number; "and" only joins ("a hundred and ten").
    return [w for w in re.split(r"[\s\-–]+", text) if w and w != "and"]


def _parse_word_tail(words: list[str], total: float, current: float) -> float | None:
    """Accumulate spelled-out number words onto (total, current); None on any stray word."""
    i = 0
    while i < len(words):
        w = words[i]
        if w in UNIT_WORDS:
            current += UNIT_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALE_WORDS or w in SCALE_ABBREVIATIONS:  # "nine mln": wire copy abbreviates the scale
            total += (current or 1) * (SCALE_WORDS.get(w) or SCALE_ABBREVIATIONS[w])
            current = 0
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in ("a", "an") and i + 1 < len(words) and words[i + 1] in ("half",):
            current += 0.5  # "two and a half million"
            i += 1
        elif w in ("a", "an") and i + 1 < len(words) and (words[i + 1] in SCALE_WORDS or words[i + 1] == "dozen"):
            current += 1 if current == 0 else 0
        elif w == "half" and i == 0:
            current = 0.5
            if i + 1 < len(words) and words[i + 1] in ("a", "an"):
                i += 1
        else:
            return None
        i += 1
    return total + current


def parse_number(text: str) -> float | None:
    """The value of a written number, or None if ``text`` is not one.

    Digits with separators and decimals, a following scale word or glued shorthand, spelled-out
    numbers and a leading currency symbol are understood; the result is always finite.

    >>> [parse_number(t) for t in ("11,000", "1.5 billion", "three", "a dozen", "ten", "tanks")]
    [11000.0, 1500000000.0, 3.0, 12.0, 10.0, None]
    """
    if not isinstance(text, str):
        return None
    t = _strip_currency(text.strip().lower())
    if not t:
        return None
    m = DIGITS_SUFFIX_RE.match(t)
    if m:
        base = parse_digits(m.group(1))
        return None if base is None else _finite(base * SUFFIX_SCALES[m.group(2)])
    head, _, rest = t.partition(" ")
    base = parse_digits(head)
    if base is not None:
        words = _words(rest)
        if not words:
            return base
        if all(w in SCALE_WORDS or w in SCALE_ABBREVIATIONS or w == "dozen" for w in words):
            for w in words:
                base *= SCALE_WORDS.get(w) or SCALE_ABBREVIATIONS.get(w) or 12
            return _finite(base)
        return None
    words = _words(t)
    if not words or words == ["a"] or words == ["half"]:
        return None
    value = _parse_word_tail(words, 0.0, 0.0)
    return None if value is None else _finite(value)


def is_number_word(word: str) -> bool:
    """True for words that can be part of a spelled-out number ("twenty", "million", "dozen")."""
    w = word.lower()
    return w in UNIT_WORDS or w in SCALE_WORDS or w == "dozen"


__all__ = [
    "parse_number", "parse_digits", "is_number_word",
    "UNIT_WORDS", "SCALE_WORDS", "SCALE_ABBREVIATIONS", "SUFFIX_SCALES", "VAGUE_PLURALS", "CURRENCY_SYMBOLS",
]
