"""Movements between two levels: "from X ... to Y" ranges, and the preposition that marks a level.

A number after "to", "at" or "from" is a level ("fell 7% to $2.3 billion"), not the size of a change;
:func:`level_preposition` finds that preposition for :func:`lib.quantities.find_quantities`.
:func:`join_from_to` joins a "from X" and a "to Y" that the words between keep apart into one ordered
range: "Bitcoin plummeted from $36,040 at 10.45pm to $34,935" is one range, value 36,040, low 34,935.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from lib.number_phrases import NumberPhrase

if TYPE_CHECKING:  # the match type is defined by the finder, which imports this module
    from lib.quantities import QuantityMatch

__all__ = ["LEVEL_PREPOSITIONS", "level_preposition", "join_from_to", "share_elided_units"]


LEVEL_PREPOSITIONS = ("to", "at", "from")
# Adverbs that may stand between a level's preposition and its number: "fell to just 87".
_FOCUS_ADVERBS = frozenset(("just", "only", "barely", "merely", "nearly", "almost", "about", "around", "roughly"))


def level_preposition(doc: Doc, start: int, lo: int) -> Token | None:
    """The "to"/"at"/"from" right before a number phrase starting at ``start`` (past focus adverbs)."""
    k = start - 1
    while k >= lo and doc[k].lower_ in _FOCUS_ADVERBS:
        k -= 1
    return doc[k] if k >= lo and doc[k].lower_ in LEVEL_PREPOSITIONS else None


# Prepositions that compare two levels; "to X from Y" and "X against Y" write the unit once.
_COMPARED = {"to": "from", "from": "to", "against": None, "versus": None, "vs": None, "vs.": None}
_ELLIPSIS_WINDOW = 12  # tokens between two compared levels sharing one unit


def share_elided_units(doc: Doc, sent: Span, found: list[tuple[NumberPhrase, QuantityMatch]]
                       ) -> list[tuple[NumberPhrase, QuantityMatch]]:
    """"fell to 44.5 billion dlrs in 1986 from 46.8 billion in 1985": the unit written once serves both.

    A number with no unit or counted noun, set against a neighbouring level by a comparing preposition
    ("to ... from", "from ... to", "against", "versus"), is in that level's unit and category.
    """
    out = list(found)
    for i, (num, match) in enumerate(found):
        if match.unit is not None or match.category != "other" or num.vague or num.high is not None:
            continue
        mine = _compared_by(doc, num.start, sent.start)
        if mine is None:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(found):
                continue
            other_num, other = found[j]
            theirs = _compared_by(doc, other_num.start, sent.start)
            near = abs(other_num.start - num.start) <= _ELLIPSIS_WINDOW
            paired = theirs is not None and (_COMPARED[mine] in (theirs, None) or _COMPARED[theirs] is None)
            if other.unit is not None and near and paired:
                out[i] = (num, replace(match, unit=other.unit, category=other.category))
                break
    return out


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok``: a "to" under another verb ("imports falling to 89") is its own move."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _compared_by(doc: Doc, start: int, lo: int) -> str | None:
    """The comparing preposition right before a number phrase ("to", "from", "against"), or None."""
    k = start - 1
    while k >= lo and doc[k].lower_ in _FOCUS_ADVERBS:
        k -= 1
    return doc[k].lower_ if k >= lo and doc[k].lower_ in _COMPARED else None


def join_from_to(doc: Doc, sent: Span, found: list[tuple[NumberPhrase, QuantityMatch]]) -> list[QuantityMatch]:
    """"plummeted from $36,040 at 10.45pm last night to $34,935": one ordered range, not two levels.

    Two neighbouring numbers, the first after "from" and the second after "to", whose prepositions
    hang off the same word, are the start and end of one movement when they share a unit (or the
    second leaves it unsaid: "from 208 pounds to 193"). Adjacent "from X to Y" ranges are joined
    earlier, by :func:`lib.number_phrases.scan_numbers`.
    """
    out: list[QuantityMatch] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found):
            joined = _from_to(doc, sent, found[i], found[i + 1])
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(found[i][1])
        i += 1
    return out


def _from_to(doc: Doc, sent: Span, first: tuple[NumberPhrase, QuantityMatch],
             second: tuple[NumberPhrase, QuantityMatch]) -> QuantityMatch | None:
    """The two matches as one "from X to Y" range, or None when they are not one movement."""
    (n1, a), (n2, b) = first, second
    if n1.high is not None or n2.high is not None or a.vague or b.vague:
        return None
    start_tok = next(t for t in doc[sent.start:n1.start + 1] if t.idx >= a.start)
    from_tok = level_preposition(doc, start_tok.i, sent.start)
    to_tok = level_preposition(doc, n2.start, n1.end)
    if from_tok is None or to_tok is None or from_tok.lower_ != "from" or to_tok.lower_ != "to":
        return None
    # "from" and "to" modify one movement; the parser may also hang "to" inside the "from" phrase, or
    # on the second number under a phrase between them ("from $36,040 at 10.45pm to $34,935")
    verb = from_tok.head
    if to_tok.head != verb and from_tok not in to_tok.ancestors \
            and not (verb.pos_ in ("VERB", "AUX") and _clause_verb(to_tok) == verb):
        return None
    if b.unit is not None and b.unit != a.unit and not (a.unit or "").startswith(f"{b.unit} per "):
        return None  # "from 5% to $2 billion" are two; "from $75 a barrel to $45.88" leaves the rate unsaid
    last = doc[n2.end - 1]
    end_tok = next((t for t in reversed(doc[n2.start:sent.end]) if t.idx + len(t) <= b.end), last)
    return replace(  # the first match carries unit, category and "since"-style cumulation for both
        a, start=from_tok.idx, end=b.end, text=doc[from_tok.i:end_tok.i + 1].text, low=min(a.value, b.value),
        high=max(a.value, b.value), qualifier="range", num_end=b.num_end, change=None, ordered=True,
    )
