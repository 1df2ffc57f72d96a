"""What a reported quantity counts, as a category: missiles, ammunition, troops, money, oil, ….

Pure string rules over the counted unit ("ballistic missile") and the phrase that says what a
measure word holds ("three brigade sets *of heavy artillery*"), and, for a bare number, the nearest
counted thing named before it (:func:`antecedent_category`); the words are in
:mod:`lib.quantity_words`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lib import quantity_words as W
from lib.numbers import CURRENCY_SYMBOLS

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["antecedent_category", "categorise", "word_category"]


def word_category(word: str) -> str | None:
    """The category a word names on its own ("missiles" → missiles), singular or plural; else None."""
    w = word.lower()
    return W.CATEGORY_WORDS.get(w) or (W.CATEGORY_WORDS.get(w[:-1]) if w.endswith("s") else None)


def _context_category(context: str) -> str | None:
    for word in re.findall(r"[a-z][a-z\-]*", context.lower()):
        cat = word_category(word)
        if cat:
            return cat
    return None


def categorise(unit: str | None, context: str = "") -> str:
    """The category of a counted unit, using ``context`` (its "of" phrase) for measure words.

    The head noun decides; a measure word ("set", "barrel", "round") defers to the context when
    the context names something; unknown heads fall back to their modifiers.

    >>> categorise("ballistic missile"), categorise("brigade set", "heavy artillery")
    ('missiles', 'artillery')
    >>> categorise("shipping container", "munitions"), categorise(None, "")
    ('containers', 'other')
    """
    words = (unit or "").lower().split(" per ")[0].split()  # "drone per month" counts drones
    head = words[-1] if words else None
    if head == "percent":
        return "other"
    if head in ("container", "containers"):
        return "containers"
    head_cat = word_category(head) if head else None
    if head == "rocket" and "launcher" in context.lower():
        return "ammunition"  # rockets for multiple launchers are artillery ammunition
    if head == "worker" and any(w in ("military", "construction") for w in words[:-1]):
        return "troops"  # military construction workers are deployed as troops
    if head in W.MEASURE_NOUNS or head in W.EVENT_NOUNS or head_cat is None:
        ctx_cat = _context_category(context) if (head in W.MEASURE_NOUNS or head in W.EVENT_NOUNS) else None
        if ctx_cat:
            return ctx_cat
    if head_cat:
        return head_cat
    for word in reversed(words[:-1]):
        cat = word_category(word)
        if cat and cat not in ("oil", "money"):  # "tanker visits" are ships; "oil rigs" are not oil
            return cat
    return "other"


def antecedent_category(doc: Doc, start: int, window_start: int) -> str:
    """"Seoul estimates that about 11,000 were sent": a bare number at token ``start`` counts the
    nearest thing named before it (same or previous sentences, from ``window_start``); "other" when
    none. An amount of money on the way ("Soviet arms … 3.04 billion dlrs in 1986/87, against three
    billion") is what the number is set against, so the search stops there."""
    for k in range(start - 1, window_start - 1, -1):
        tok = doc[k]
        lemma = tok.lemma_.lower()
        if tok.lower_ in W.CURRENCY_AFTER or tok.lower_ in CURRENCY_SYMBOLS:
            return "other"
        if tok.tag_ in ("NNS", "VBZ") and lemma not in W.MEASURE_NOUNS:  # a plural: counted things
            cat = word_category(lemma)
            if cat and cat not in ("money", "oil"):
                return cat
    return "other"
