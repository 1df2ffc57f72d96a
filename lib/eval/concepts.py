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

HYPHENS = ("-", "‐", "–")

CONTENT_POS = ("NOUN", "PROPN", "ADJ")
NP_CHILDREN = ("compound", "amod", "nmod", "poss")


def _span(doc: Doc, match: object) -> Span | None:
    return doc.char_span(match.start, match.end, alignment_mode="expand")


def counted_phrase(doc: Doc, match: object) -> str | None:
    """The counted noun with the modifiers written between it and the number: "european country".

    CQE's convention: compounds, adjectives and hyphenated modifiers stay ("first-team player",
    "top seed"), participles go ("517 rushing yards" → "yard", "300 recorded songs" → "song"). The
    head noun and graded adjectives are lemmatised ("best" → "good"), everything else kept as written; None when the match has no
    counted noun phrase (a bare number, a rate such as "drone per month").

    >>> # "seven European countries" → "European country"
    """
    if match.unit == "fraction":
        return _share_of(doc, match)
    if " per " in (match.unit or ""):
        return None
    words = [t for t in doc[:] if match.num_end <= t.idx < match.end and _modifier_kept(t)]
    while words and words[0].text in HYPHENS:  # "6.1-inch": the hyphen joins the number, not a modifier
        words = words[1:]
    if not words or words[-1].lemma_.lower() != match.unit.split()[-1]:
        return None
    out = ""
    for prev, tok in zip([None, *words], words, strict=False):
        glue = prev is not None and prev.i + 1 == tok.i and (tok.text in HYPHENS or prev.text in HYPHENS)
        out += ("" if glue or prev is None else " ") + _written(tok, head=tok is words[-1])
    return out


def _written(tok: Token, *, head: bool) -> str:
    """A word of the counted phrase as CQE writes it: the head and graded adjectives lemmatised
    ("one of the best speakers" → "good speaker"), everything else as written."""
    return tok.lemma_.lower() if head or tok.tag_ in ("JJS", "JJR") else tok.text


def _share_of(doc: Doc, match: object) -> str:
    """CQE writes a fraction ("a third of Britain's population") as "%" and the whole it is taken of:
    "% Britain population"; "% -" when the text names no whole ("almost half")."""
    after = [t for t in doc[:] if t.idx >= match.end]
    k = 1 if after and after[0].lower_ == "of" else 0
    while k < len(after) and after[k].pos_ == "DET":
        k += 1
    first = after[k] if k < len(after) else None
    chunk = next((c for c in doc.noun_chunks if c.start <= first.i < c.end), None) if first is not None else None
    if chunk is None or chunk.root.pos_ not in ("NOUN", "PROPN"):
        return "% -"  # "almost half, which ...": no whole is named
    words = [t for t in chunk if t.i < chunk.root.i and t.pos_ in ("NOUN", "PROPN", "ADJ") and not t.like_num]
    head = chunk.root.text if chunk.root.pos_ == "PROPN" else chunk.root.lemma_.lower()
    return "% " + " ".join([t.text for t in words] + [head])


def _modifier_kept(tok: Token) -> bool:
    """Words CQE keeps in a counted noun's unit: nouns, adjectives, names; hyphens joining them."""
    if tok.text in HYPHENS:
        return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_
    # "most"/"more" only grade the adjective after them ("the most spectacular catches")
    return tok.pos_ not in ("DET", "ADP", "PUNCT", "CCONJ", "PART") and tok.tag_ not in ("CD", "VBG", "VBN", "RBS", "RBR")


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
    found += _of_phrase(root, skip)  # "24 per cent of adults": the whole the share is taken of
    verb = _governing_verb(root)
    while verb is not None:
        args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in skip
                and not (c.left_edge.i <= root.i <= c.right_edge.i)]
        relative = [a for a in args if a.dep_.startswith("nsubj") and a.tag_ in ("WDT", "WP")]
        if relative and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "Ford, which has 13000 workers": the relative pronoun stands for the noun it follows
            others = [t for a in args if a not in relative for t in _noun_phrase(a, skip)]
            return found + others + _noun_phrase(verb.head, skip)
        for arg in args:
            found += _noun_phrase(arg, skip)
        if any(a.dep_.startswith("nsubj") for a in args):
            break
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            verb = _governing_verb(verb.head)  # "Dell announced plans to lay off 6,650 employees"
        elif verb.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp"):
            verb = verb.head  # "X rose 5% and ended at 10": the subject belongs to the first verb
        else:
            break
    return found


def _of_phrase(root: Token, skip: set[int]) -> list[Token]:
    """The noun of an "of" phrase hanging off the quantity's own words ("20 percent of spending")."""
    out: list[Token] = []
    for tok in (root, *root.children):
        if tok.i not in skip:
            continue
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip):
            out += [p for obj in prep.children if obj.dep_ == "pobj" and obj.i not in skip
                    for p in _noun_phrase(obj, skip)]
    return out


def concepts(doc: Doc, match: object) -> tuple[str, ...]:
    """The referred concepts of a quantity match, as CQE writes them, or ``("-",)``."""
    span = _span(doc, match)
    if span is None or not len(span):
        return ("-",)
    skip = {t.i for t in span}
    root = span.root
    words: list[str] = []
    seen: set[int] = set()
    last = -2
    for tok in sorted(_around(root, skip), key=lambda t: t.i):
        if tok.i in seen or tok.i in skip or tok.is_stop or tok.like_num or not any(c.isalpha() for c in tok.text):
            continue
        if tok.pos_ not in CONTENT_POS and tok.text not in HYPHENS:
            continue
        seen.add(tok.i)
        if words and last == tok.i - 1 and not doc[last].whitespace_:
            words[-1] += tok.text  # "Ben-Moshe": words written joined stay one word
        else:
            words.append(tok.text)
        last = tok.i
    return tuple(w for w in words if w not in HYPHENS) or ("-",)
