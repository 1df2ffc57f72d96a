"""Reported quantities in parsed text: the number, its qualifier, what it counts, traced to its span.

``find_quantities`` reads a spaCy Doc (or one sentence Span) and returns one :class:`QuantityMatch`
per reported count, in text order::

    >>> [(q.qualifier, q.value, q.unit, q.category) for q in find_quantities(nlp(
    ...     "Pyongyang sent as many as 9 million rounds of ammunition."))]
    [('up_to', 9000000.0, 'round', 'ammunition')]

Qualifiers, ranges and vague plurals are kept as written, never rounded away. Numbers that do not
count anything (years, dates, calibres, ages, ordinals, model numbers, durations, vote tallies,
resolution numbers) are never emitted. Offsets are character offsets in ``doc.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from lib import quantity_words as W
from lib.number_phrases import HYPHENS, NumberPhrase, glued, is_digit_token, number_at, scan_numbers
from lib.numbers import (
    UNIT_WORDS,
    parse_number,
)

__all__ = ["QuantityMatch", "find_quantities", "parse_number", "categorise"]

PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}")
ANTECEDENT_SENTENCES = 2  # how far back a bare number ("about 11,000 were sent") looks for its noun


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """One reported quantity: the whole phrase, the number inside it, and what it counts.

    ``value`` is the number as written (the low end of a range); ``low``/``high`` are the bounds
    its qualifier implies (see :class:`lib.records.Quantity`). ``cumulative`` is True when the
    clause presents the number as a running total ("since October", "so far", "in total").
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    category: str
    num_start: int
    num_end: int
    cumulative: bool


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: unit words, the head noun, where the phrase ends, extra context."""

    unit: str | None
    head: Token | None
    end: int
    context: str = ""
    partitive: bool = False


# ---------------------------------------------------------------------------------------------
# categories


def _word_category(word: str) -> str | None:
    w = word.lower()
    return W.CATEGORY_WORDS.get(w) or (W.CATEGORY_WORDS.get(w[:-1]) if w.endswith("s") else None)


def _context_category(context: str) -> str | None:
    for word in re.findall(r"[a-z][a-z\-]*", context.lower()):
        cat = _word_category(word)
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
    head_cat = _word_category(head) if head else None
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
        cat = _word_category(word)
        if cat and cat not in ("oil", "money"):  # "tanker visits" are ships; "oil rigs" are not oil
            return cat
    return "other"


# ---------------------------------------------------------------------------------------------
# numbers that do not count anything


def _prev(doc: Doc, num: NumberPhrase, lo: int, k: int = 1) -> Token | None:
    return doc[num.start - k] if num.start - k >= lo else None


def _after(doc: Doc, num: NumberPhrase, hi: int, k: int = 0) -> Token | None:
    return doc[num.end + k] if num.end + k < hi else None


def _is_year(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    tok = doc[num.start]
    if num.end - num.start != 1 or not re.fullmatch(r"1\d{3}|20\d{2}|2100", tok.text):
        return False
    nxt = _after(doc, num, hi)
    return tok.ent_type_ == "DATE" or nxt is None or nxt.tag_ != "NNS"


def _is_compound_modifier(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    """"29-page", "65-year-old", "170mm": the number describes the noun instead of counting it."""
    nxt, after = _after(doc, num, hi), _after(doc, num, hi, 1)
    if nxt is None:
        return False
    if nxt.lower_ in W.CALIBRE_UNITS:
        return True
    if nxt.text in HYPHENS and glued(doc, num.end - 1) and glued(doc, num.end) and after is not None:
        return after.lower_ != "strong"  # "29-page", "6-1/2-year-old" (a range was joined before)
    return glued(doc, num.end - 1) and ("/" in nxt.text or nxt.text == ":")


def _is_designation(doc: Doc, num: NumberPhrase, lo: int) -> bool:
    """"KN-23", "Su-35", "resolution 2231", "aged 40": the number names or describes one thing."""
    prev, prev2 = _prev(doc, num, lo), _prev(doc, num, lo, 2)
    if prev is None:
        return False
    if prev.text in HYPHENS and glued(doc, num.start - 2) and glued(doc, num.start - 1):
        return prev2 is not None and not is_digit_token(prev2)
    if prev.lower_ in W.DESIGNATORS:
        return True
    return prev.pos_ == "PROPN" and prev.lower_ not in W.MONTHS and glued(doc, num.start - 1)


def _is_date_or_time(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> bool:
    prev, nxt = _prev(doc, num, lo), _after(doc, num, hi)
    if (prev is not None and prev.lower_ in W.MONTHS) or (nxt is not None and nxt.lower_ in W.MONTHS):
        return True
    if nxt is not None and nxt.lower_ in W.TIME_OF_DAY:
        return True
    unit = _after(doc, num, hi, 1) if nxt is not None and nxt.text in HYPHENS else nxt
    return unit is not None and unit.lemma_.lower() in W.TIME_UNITS and unit.lower_ not in ("a", "per")


def _in_named_entity(doc: Doc, num: NumberPhrase) -> bool:
    """Numbers inside product, law or organisation names ("Apollo 11", "Resolution 1718")."""
    return any(doc[k].ent_type_ in W.ENTITY_LABELS_NOT_COUNTS for k in range(num.start, num.end)
               if is_digit_token(doc[k]) or doc[k].lower_ in UNIT_WORDS)


def _in_phone_number(doc: Doc, num: NumberPhrase, sent: Span) -> bool:
    a, b = doc[num.start].idx, doc[num.end - 1].idx + len(doc[num.end - 1])
    return any(m.start() <= a - sent.start_char and b - sent.start_char <= m.end()
               for m in PHONE_RE.finditer(sent.text))


def _not_a_count(doc: Doc, num: NumberPhrase, sent: Span, previous: list[NumberPhrase]) -> bool:
    """Years, dates, times, calibres, compound adjectives, designations, tallies, negatives."""
    lo, hi = sent.start, sent.end
    if num.value < 0 or (num.high is not None and num.high <= num.value):
        return True  # negatives are not counts; "13-2" is a tally, not a range
    if num.vague:
        return False
    prev = _prev(doc, num, lo)
    # "aged 20 and 26", "October 8 and 13": the second number shares the first one's reading
    if prev is not None and prev.lower_ in ("and", "or", "to") and previous and previous[-1].end == num.start - 1:
        return True
    return (_is_year(doc, num, hi) or _is_compound_modifier(doc, num, hi) or _is_designation(doc, num, lo)
            or _is_date_or_time(doc, num, lo, hi) or _in_named_entity(doc, num)
            or _in_phone_number(doc, num, sent))


# ---------------------------------------------------------------------------------------------
# qualifiers


def _qualifier_before(doc: Doc, num: NumberPhrase, lo: int) -> tuple[str | None, int]:
    """The qualifier phrase ending right before the number, and its first token index."""
    best: tuple[str | None, int] = (None, num.start)
    for phrase, qual in W.QUALIFIER_PHRASES.items():
        words = phrase.split()
        k = num.start - len(words)
        if k >= lo and [t.lower_ for t in doc[k:num.start]] == words and k < best[1]:
            best = (qual, k)
    return best


def _qualifier_after(doc: Doc, end: int, hi: int) -> tuple[str | None, int]:
    for phrase, qual in W.POST_QUALIFIERS.items():
        words = phrase.split()
        if end + len(words) <= hi and [t.lower_ for t in doc[end:end + len(words)]] == words:
            return qual, end + len(words)
    return None, end


def _bounds(qualifier: str, num: NumberPhrase) -> tuple[float | None, float | None]:
    v = num.value
    return {
        "exact": (v, v), "approx": (None, None), "at_least": (v, None), "more_than": (v, None),
        "up_to": (None, v), "less_than": (None, v), "range": (v, num.high),
    }[qualifier]


# ---------------------------------------------------------------------------------------------
# what is counted


def _np_end(doc: Doc, k: int, hi: int) -> tuple[int, int | None]:
    """Scan a noun phrase from k: (end of the run, index of its head noun or None)."""
    head = None
    while k < hi:
        tok = doc[k]
        nxt = doc[k + 1] if k + 1 < hi else None
        if tok.lower_ in W.NP_STOP_WORDS:
            break
        if head is not None and doc[head].tag_ == "NNS" and tok.tag_ == "NN":
            break  # "two soldiers prisoner": a plural noun ends the phrase it counts
        if tok.pos_ in ("NOUN", "PROPN") or tok.lower_ == "more" or _mistagged_noun(tok):
            head = k if tok.pos_ == "NOUN" or _mistagged_noun(tok) else head
        elif tok.pos_ == "ADJ" or (tok.tag_ in ("VBG", "VBN") and nxt is not None and nxt.pos_ in ("NOUN", "ADJ")):
            pass
        elif tok.text in HYPHENS and glued(doc, k - 1) and glued(doc, k):
            pass
        else:
            break
        if head is not None and tok.pos_ == "PROPN":
            break  # "troops Pyongyang has deployed": the name starts a new phrase
        k += 1
    return (head + 1 if head is not None else k), head


def _mistagged_noun(tok: Token) -> bool:
    """"100,000 first-person-view drones": a counted noun the tagger took for a verb."""
    return tok.tag_ == "VBZ" and _word_category(tok.lower_) is not None


def _unit_words(doc: Doc, head: int, lo: int) -> str:
    """The head lemma with the noun and classifier modifiers right before it: "ballistic missile",
    "first-person-view drone" (hyphenated modifiers are kept whole)."""
    k = head - 1
    while k >= lo:
        tok = doc[k]
        hyphen_chain = (k - 1 >= lo and doc[k - 1].text in HYPHENS and glued(doc, k - 2) and glued(doc, k - 1)) \
            or (doc[k + 1].text in HYPHENS and glued(doc, k) and glued(doc, k + 1))
        if tok.text in HYPHENS and glued(doc, k - 1) and glued(doc, k):
            k -= 1
        elif (tok.pos_ == "NOUN" and not tok.ent_type_) or tok.lower_ in W.CLASSIFIER_ADJ or hyphen_chain:
            k -= 1
        else:
            break
    modifiers = doc[k + 1:head].text.lower()
    return f"{modifiers} {doc[head].lemma_.lower()}".strip()


def _skip_determiners(doc: Doc, k: int, hi: int) -> int:
    while k < hi and (doc[k].pos_ == "DET" or doc[k].tag_ == "PRP$"):
        k += 1
    return k


def _rate(doc: Doc, k: int, hi: int) -> tuple[str, int]:
    """" a month", " per year" after the counted noun: it is a rate, and the unit says so."""
    if k + 1 < hi and doc[k].lower_ in ("a", "an", "per", "each", "every") and doc[k + 1].lemma_ in W.TIME_UNITS:
        return f" per {doc[k + 1].lemma_.lower()}", k + 2
    return "", k


def _counted(doc: Doc, j: int, lo: int, hi: int) -> _Counted:
    """The noun the number at tokens [.., j) counts, through "of" for partitives and measures."""
    if j + 1 < hi and doc[j].text in HYPHENS and doc[j + 1].lower_ == "strong":
        j += 2  # "a 12,000-strong force"
    partitive = j < hi and doc[j].lower_ == "of"
    k = _skip_determiners(doc, j + 1, hi) if partitive else j
    if partitive and k < hi:
        inner = number_at(doc, k, hi)  # "23 of 31 Shahed drones"
        k = inner.end if inner is not None else k
    end, head = _np_end(doc, k, hi)
    if head is None:
        rate, rate_end = _rate(doc, j, hi)
        return _Counted(None, None, rate_end if rate else j, partitive=partitive)
    end, head = _extend_conjunction(doc, head, end, hi)
    measure = next((m for m in range(k, head) if doc[m].lower_ in W.MEASURE_ADJECTIVES), None)
    if measure is not None:  # "a 200,000 dwt vessel", "a 3.8 mln dlr contract": the number measures
        return _Counted(doc[measure].lower_, doc[measure], measure + 1, partitive=partitive)
    unit = _unit_words(doc, head, k)
    context = ""
    if doc[head].lemma_.lower() in W.MEASURE_NOUNS and end < hi and doc[end].lower_ == "of":
        of_end, of_head = _np_end(doc, _skip_determiners(doc, end + 1, hi), hi)
        if of_head is not None:
            context, end = doc[end + 1:of_end].text, of_end
    elif doc[head].lemma_.lower() in W.EVENT_NOUNS:
        context = " ".join(t.text for t in doc[head].ancestors if t.pos_ == "NOUN")
    rate, end = _rate(doc, end, hi)
    tail = doc[end:min(end + 6, hi)].text if doc[head].lemma_.lower() == "rocket" else ""
    return _Counted(unit + rate, doc[head], end, f"{context} {tail}".strip(), partitive)


def _extend_conjunction(doc: Doc, head: int, end: int, hi: int) -> tuple[int, int]:
    """"13 cruise and ballistic missiles": a singular head joined to a plural noun counts that noun."""
    if doc[head].tag_ != "NN" or end + 1 >= hi or doc[end].lower_ not in ("and", "or"):
        return end, head
    end2, head2 = _np_end(doc, end + 1, hi)
    if head2 is not None and doc[head2].tag_ == "NNS":
        return end2, head2
    return end, head


def _casualty_of(tok: Token, *, as_noun: bool) -> str | None:
    """"killed"/"wounded"/"prisoner" when ``tok`` is the victim of a casualty verb above it."""
    kinds: set[str] = set()
    child, depth = tok, 0
    for anc in tok.ancestors:
        depth += 1
        if depth > 4:
            break
        kind = W.CASUALTY_VERBS.get(anc.lemma_.lower())
        if anc.lemma_.lower() == "take" and any(c.lower_ in ("prisoner", "captive") for c in anc.children):
            kind = "prisoner"
        if kind and (not as_noun or _is_victim(child, anc)):
            kinds.add(kind)
            kinds.update(W.CASUALTY_VERBS[c.lemma_.lower()] for c in anc.children
                         if c.dep_ == "conj" and c.lemma_.lower() in W.CASUALTY_VERBS and not _has_subject(c))
            break
        if as_noun and anc.pos_ in ("VERB", "AUX"):
            break
        child = anc
    if not kinds:
        return None
    return "killed or wounded" if {"killed", "wounded"} <= kinds else sorted(kinds)[0]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _is_victim(child: Token, verb: Token) -> bool:
    if child.dep_ in ("nsubjpass", "dobj"):
        return True
    return child.dep_ == "nsubj" and verb.lemma_.lower() in ("die", "perish")


# ---------------------------------------------------------------------------------------------
# cumulative counts and tallies


def _clause_text(tok: Token) -> str:
    """The words of the clause holding ``tok``, without the other clauses hanging off its verb."""
    verb = next((a for a in [tok, *tok.ancestors] if a.pos_ in ("VERB", "AUX") or a.dep_ == "ROOT"), tok)
    others = [c for c in verb.children if c.dep_ in ("ccomp", "advcl", "parataxis", "conj")
              and not c.left_edge.i <= tok.i <= c.right_edge.i]
    words = [t.lower_ for t in verb.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in others)]
    return " " + " ".join(words) + " "


def _cumulative(tok: Token) -> bool:
    text = _clause_text(tok)
    return any(f" {cue} " in text for cue in W.CUMULATIVE_CUES)


def _is_tally(sent: Span, counted: _Counted) -> bool:
    """"Thirteen of the Security Council's 15 members voted": counts of voters are tallies."""
    if not any(t.lemma_.lower() in W.VOTE_LEMMAS for t in sent):
        return False
    return counted.head is None or counted.head.lemma_.lower() in W.MEMBER_NOUNS


# ---------------------------------------------------------------------------------------------
# the extractor


def _currency_unit(doc: Doc, num: NumberPhrase, counted: _Counted) -> str | None:
    first = doc[num.start].lower_
    if first in W.CURRENCY_BEFORE:
        return W.CURRENCY_BEFORE[first]
    if counted.head is not None and counted.head.lower_ in W.CURRENCY_AFTER:
        return W.CURRENCY_AFTER[counted.head.lower_]
    nxt = doc[num.end].lower_ if num.end < len(doc) else ""
    return W.CURRENCY_AFTER.get(nxt)  # "130 mln marks joint order": the money, not the order


def _percent(doc: Doc, end: int, hi: int) -> int | None:
    for words in W.PERCENT_WORDS:
        if end + len(words) <= hi and tuple(t.lower_ for t in doc[end:end + len(words)]) == words:
            return end + len(words)
    return None


def _describe(doc: Doc, num: NumberPhrase, sent: Span) -> tuple[str | None, str, int, _Counted]:
    """(unit, category, end token, counted) for the number phrase."""
    hi = sent.end
    pct_end = _percent(doc, num.end, hi)
    if pct_end is not None:
        return "percent", "other", pct_end, _Counted("percent", None, pct_end)
    counted = _counted(doc, num.end, sent.start, hi)
    money = _currency_unit(doc, num, counted)
    if money:
        end = num.end + 1 if num.end < hi and doc[num.end].lower_ in W.CURRENCY_AFTER else num.end
        return money, "money", end, counted
    unit, category = counted.unit, categorise(counted.unit, counted.context)
    if counted.head is not None and counted.head.lemma_.lower() in W.PERSON_NOUNS:
        if _casualty_of(counted.head, as_noun=True):
            category = "casualties"
    elif counted.head is None:
        kind = _casualty_of(doc[num.end - 1], as_noun=False) or _casualty_after(doc, num.end, hi)
        if kind:
            unit, category = kind, "casualties"
    return unit, category, counted.end, counted


def _casualty_after(doc: Doc, k: int, hi: int) -> str | None:
    """"about 4,000 killed or wounded", "100 had died": a participle right after a bare number."""
    while k < hi and doc[k].pos_ in ("AUX", "ADV"):
        k += 1
    if k >= hi or doc[k].lemma_.lower() not in W.CASUALTY_VERBS:
        return None
    kinds = {W.CASUALTY_VERBS[t.lemma_.lower()] for t in (doc[k], *doc[k].conjuncts)
             if t.lemma_.lower() in W.CASUALTY_VERBS}
    return "killed or wounded" if {"killed", "wounded"} <= kinds else sorted(kinds)[0]


def _antecedent_category(doc: Doc, num: NumberPhrase, window_start: int) -> str:
    """"Seoul estimates that about 11,000 were sent": a bare number counts the nearest thing named
    before it (same or previous sentences); the unit stays None because the text gives none."""
    for k in range(num.start - 1, window_start - 1, -1):
        tok = doc[k]
        lemma = tok.lemma_.lower()
        if tok.tag_ in ("NNS", "VBZ") and lemma not in W.MEASURE_NOUNS:  # a plural: counted things
            cat = _word_category(lemma)
            if cat and cat not in ("money", "oil"):
                return cat
    return "other"


def _match(doc: Doc, num: NumberPhrase, sent: Span, window_start: int) -> QuantityMatch | None:
    lo, hi = sent.start, sent.end
    unit, category, end, counted = _describe(doc, num, sent)
    if counted.head is None and unit is None and not num.vague:
        category = _antecedent_category(doc, num, window_start)
    if _is_tally(sent, counted):
        return None
    qualifier, q_start = _qualifier_before(doc, num, lo)
    post, post_end = _qualifier_after(doc, end if end > num.end else num.end, hi)
    if num.high is not None:
        qualifier, q_start = "range", num.range_start if num.range_start is not None else q_start
    elif num.vague:
        qualifier = "at_least"
    elif post and not qualifier:
        qualifier, end = post, post_end
    qualifier = qualifier or "exact"
    if _is_lone_one(doc, num, qualifier, category, counted):
        return None
    low, high = _bounds(qualifier, num)
    start_char, end_char = doc[q_start].idx, doc[max(end, num.end) - 1].idx + len(doc[max(end, num.end) - 1])
    head = counted.head if counted.head is not None else doc[num.end - 1]
    return QuantityMatch(
        # The span's own text: ``doc.text`` rebuilds the whole article's string on every call.
        start=start_char, end=end_char, text=doc[q_start:max(end, num.end)].text, value=num.value, low=low,
        high=high, qualifier=qualifier, unit=unit, category=category, num_start=doc[num.start].idx,
        num_end=doc[num.end - 1].idx + len(doc[num.end - 1]), cumulative=_cumulative(head),
    )


def _is_lone_one(doc: Doc, num: NumberPhrase, qualifier: str, category: str, counted: _Counted) -> bool:
    """"one of", "one another", the pronoun "one": a bare "one" counts only a known kind of thing."""
    if doc[num.start:num.end].text.lower() not in ("one", "a", "an"):
        return False
    return qualifier == "exact" and (category == "other" or counted.partitive)


def _sentences(doc_or_span: Doc | Span) -> list[Span]:
    if isinstance(doc_or_span, Span):
        return [doc_or_span]
    if doc_or_span.has_annotation("SENT_START"):
        return list(doc_or_span.sents)
    return [doc_or_span[:]]


def find_quantities(doc_or_span: Doc | Span, *, include_ages: bool = False) -> list[QuantityMatch]:
    """Reported quantities in a parsed spaCy Doc or sentence Span, in text order.

    Each match spans its qualifier, number and counted noun within one sentence; numbers that
    count nothing are skipped. Empty input gives an empty list.

    >>> [q.text for q in find_quantities(nlp("The 29-page report counted at least 100 ballistic missiles."))]
    ['at least 100 ballistic missiles']
    """
    out: list[QuantityMatch] = []
    sents = _sentences(doc_or_span)
    for si, sent in enumerate(sents):
        doc, skipped = sent.doc, []
        window_start = sents[max(0, si - ANTECEDENT_SENTENCES)].start
        for num in scan_numbers(doc, sent.start, sent.end):
            if _not_a_count(doc, num, sent, skipped):
                skipped.append(num)
                continue
            match = _match(doc, num, sent, window_start)
            if match is not None:
                out.append(match)
    return sorted(out, key=lambda q: (q.num_start, q.start))
