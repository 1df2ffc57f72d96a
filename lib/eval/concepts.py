"""What a quantity is about, read from the dependency tree, in the terms of CQE's NewsQuant.

CQE gives each quantity its "referred concepts": the content words of the nouns the quantity
describes ("healthcare sector" for "pulled the healthcare sector 0.68 percent lower") and keeps a
counted noun's modifiers in its unit ("four different bosses" → "different boss"). These readers
serve the benchmark adapter only; the product keeps its own lemmatised counted noun.

Concepts are found by structure, not by lists: the noun the quantity modifies, the noun whose
"of" phrase holds it, and the subject and object of the verb that governs it; stop words,
numbers and the quantity's own words are left out. Words keep their written form (CQE compares
them lower-cased); nothing found gives ``("-",)``, CQE's mark for "no concept".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["concepts", "counted_phrase"]

CONTENT_POS = ("NOUN", "PROPN", "ADJ")
NP_CHILDREN = ("compound", "amod", "nmod", "poss")


def _span(doc: Doc, match: object) -> Span | None:
    return doc.char_span(match.start, match.end, alignment_mode="expand")


def counted_phrase(doc: Doc, match: object) -> str | None:
    """The counted noun with the modifiers written between it and the number: "european country".

    The head noun is lemmatised and everything else kept as written; None when the match has no
    counted noun phrase (a bare number, a rate such as "drone per month").

    >>> # "seven European countries" → "European country"
    """
    if " per " in (match.unit or ""):
        return None
    words = [t for t in doc[:] if match.num_end <= t.idx < match.end
             and t.pos_ not in ("DET", "ADP", "PUNCT", "CCONJ", "PART") and not t.like_num]
    if not words or words[-1].lemma_.lower() != match.unit.split()[-1]:
        return None
    return " ".join([t.text for t in words[:-1]] + [words[-1].lemma_.lower()])


def _noun_phrase(tok: Token, skip: set[int]) -> list[Token]:
    """The noun with its compound, adjective and possessive modifiers, and one "of" phrase."""
    out = [c for c in tok.children if c.dep_ in NP_CHILDREN and c.i not in skip]
    out += [gc for c in out for gc in c.children if c.dep_ == "compound" or gc.dep_ == "compound"]
    out.append(tok)
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        out += [p for obj in prep.children if obj.dep_ == "pobj" and obj.i not in skip
                for p in _noun_phrase(obj, skip)]
    return out


def _governing_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _around(root: Token, skip: set[int]) -> list[Token]:
    """Tokens of the nouns the quantity rooted at ``root`` is about (see the module docstring)."""
    found: list[Token] = []
    parent = root.head
    if parent.i not in skip and parent.pos_ in ("NOUN", "PROPN"):
        found += _noun_phrase(parent, skip)  # "a 10kW solar capacity", "the 40 yard line"
    elif parent.pos_ == "ADP" and parent.head.pos_ in ("NOUN", "PROPN") and parent.head.i not in skip:
        found += _noun_phrase(parent.head, skip)  # "an interest rate of 1.38pc"
    verb = _governing_verb(root)
    while verb is not None:
        args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in skip
                and not (c.left_edge.i <= root.i <= c.right_edge.i)]
        for arg in args:
            found += _noun_phrase(arg, skip)
        if any(a.dep_.startswith("nsubj") for a in args) or verb.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            break
        verb = verb.head  # "X rose 5% and ended at 10": the subject belongs to the first verb
    return found


def concepts(doc: Doc, match: object) -> tuple[str, ...]:
    """The referred concepts of a quantity match, as CQE writes them, or ``("-",)``."""
    span = _span(doc, match)
    if span is None or not len(span):
        return ("-",)
    skip = {t.i for t in span}
    root = span.root
    words, seen = [], set()
    for tok in sorted(_around(root, skip), key=lambda t: t.i):
        if tok.i in seen or tok.i in skip or tok.is_stop or tok.pos_ not in CONTENT_POS or tok.like_num:
            continue
        seen.add(tok.i)
        words.append(tok.text)
    return tuple(words) or ("-",)
