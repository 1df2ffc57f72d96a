"""Wire-copy conventions the quantity finder reads: results-table row labels and trailing moves.

Reuters-style results and market tables run rows together in one "sentence": "Net loss 59,299 vs
profit 88,843 Revs 3,487,693 vs 2,123,488". The capitalised word after a number there is the label
of the NEXT row, not what the number counts (:func:`is_row_label`). Market reports put the move after
the amount: "BHP closed five cents up at 11.60", "CORN 710,708 dn 10,732" (:func:`trailing_direction`,
:data:`DIRECTION_BEFORE`). Prices put "U.S." between the amount and its currency ("93.86 U.S. Dlrs per
tonne": :func:`past_us`, :func:`money_word_end`), specifications put limits after the unit ("five pc max
fibre": :func:`spec_limit`), and a sentence's full stop may stay glued to a unit ("4m.": :func:`full_stop_glued`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from lib import quantity_words as W
from lib.measures import currency_after, iso_currency
from lib.numbers import DIGITS_RE

__all__ = ["is_row_label", "trailing_direction", "DIRECTION_BEFORE", "skip_share_class", "past_us",
           "money_word_end", "spec_limit", "full_stop_glued"]

# Words right before an amount that make it the size of a move: "up 5%", "dn 10,732", "sales off 6.9 pct".
DIRECTION_BEFORE = {"up": "up", "down": "down", "dn": "down", "off": "down"}
# Words right after an amount that make it a move, when a level or the clause's end follows them.
_DIRECTION_AFTER = {"up": "up", "down": "down", "dn": "down", "higher": "up", "lower": "down"}
_AFTER_MOVE = frozenset(("at", "to", "on", "in", ",", ".", ";", "from", "and", "after"))
_COMPARISON = frozenset(("vs", "vs.", "versus", "ca"))  # "ca" is how some feeds render "vs"
_NAMES = frozenset(("ORG", "PERSON", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW"))
_LOOKBACK = 4  # tokens before the noun phrase that may hold the "vs" of a results row


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and (text.isupper() or text[1:].islower())


def _named(doc: Doc, k: int) -> bool:
    """Token k is inside a name; an entity running on into the next row's digits ("Revs 12.2" tagged
    as a facility) is the tagger misreading the table, not a name."""
    if doc[k].ent_type_ not in _NAMES:
        return False
    j = k + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        if doc[j].like_num:
            return False
        j += 1
    return True


def is_row_label(doc: Doc, start: int, head: int, end: int, hi: int) -> bool:
    """True when the noun phrase [start, end) with head ``head`` after a number is a table row's label.

    The phrase must hold a capitalised word mid-sentence that names nothing (no entity: "5 Boeing
    jets" and "two U.S. Companies" count jets and companies), and be followed by a number or a colon
    ("Revs 12.2 mln", "SOYBEANS 431,845", "Note:"), or close a "vs" comparison ("vs 45.1 mln Trading
    profit"): prose writes counted nouns in lower case.
    """
    if head < start or start == 0 or start >= hi:
        return False
    if doc[start - 1].text in (".", '"') or not any(
            _capitalised(doc[k].text) and not _named(doc, k) for k in range(start, head + 1)):
        return False
    if end < hi and (doc[end].text == ":" or DIGITS_RE.match(doc[end].text)):
        return True
    return any(doc[k].lower_ in _COMPARISON for k in range(max(0, start - _LOOKBACK), start))


def trailing_direction(doc: Doc, end: int, hi: int) -> str | None:
    """"closed 40 up at 7.40", "CORN 710,708 dn 10,732": "up"/"down" right after the amount (and its
    unit), followed by a level, a comma or the clause's end, makes the amount a move."""
    if end >= hi or doc[end].lower_ not in _DIRECTION_AFTER:
        return None
    after = doc[end + 1].lower_ if end + 1 < hi else "."
    return _DIRECTION_AFTER[doc[end].lower_] if after in _AFTER_MOVE else None


def skip_share_class(doc: Doc, k: int, hi: int) -> int:
    """'24 mln "A" shares': past a quoted share class (one or two capitals) to the noun it modifies."""
    if k + 3 < hi and doc[k].text in ('"', "'") and doc[k + 2].text in ('"', "'") \
            and doc[k + 1].text.isupper() and len(doc[k + 1].text) <= 2 and doc[k + 3].pos_ == "NOUN":
        return k + 3
    return k


_US_MARKERS = frozenset(("U.S.", "US", "U.S"))


def past_us(doc: Doc, k: int, hi: int) -> int:
    """"93.86 U.S. Dlrs per tonne", "$75 U.S. per barrel": the token after a "U.S." that wire copy writes
    between an amount and its currency word or rate (k itself when there is none, or nothing follows)."""
    return k + 1 if k + 1 < hi and doc[k].text in _US_MARKERS else k


def money_word_end(doc: Doc, end: int, hi: int, money: str) -> int:
    """End of an amount of money whose number ends at ``end``: past a currency word or symbol written
    after it ("5 dlrs", "68p", "500 baht"), and past a "U.S." after a dollar amount ("$75 U.S.")."""
    k = past_us(doc, end, hi)
    after = doc[k] if k < hi else None
    if after is not None and (after.lower_ in W.CURRENCY_AFTER or currency_after(after.text)
                              or iso_currency(after.text) or money == after.lemma_.lower()):
        return k + 1
    return k if k > end and money.endswith("dollar") else end


def spec_limit(doc: Doc, end: int, hi: int) -> tuple[str | None, int]:
    """"five pc max fibre", "11.5 pct minimum": a limit written right after the unit, as a qualifier
    ("up_to"/"at_least") and the end of the phrase past it; (None, end) when there is none."""
    if end < hi and (qual := W.SPEC_QUALIFIERS.get(doc[end].lower_)) is not None:
        return qual, end + 1
    return None, end


def full_stop_glued(doc: Doc, num_end: int, last: int, hi: int, unit: str | None) -> bool:
    """"5m x 4m.", "PS2.7m.": the tokenizer left the sentence's full stop on the last token of a number
    glued to its unit or scale symbol (the number ends at ``num_end``, the quantity's last token is
    ``last``); the full stop ends the sentence and is no part of the quantity."""
    if unit is None or last not in (num_end - 1, num_end) or (last == num_end and doc[last - 1].whitespace_):
        return False
    tok = doc[last]
    closes = last + 1 >= hi or doc[last + 1].text in ('"', "'", ")", "\u201d", "\u2019")
    return closes and len(tok.text) > 1 and tok.text.endswith(".") and tok.text[-2].isalpha()
