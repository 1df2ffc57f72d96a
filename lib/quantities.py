"""Reported quantities in parsed text: the number, its qualifier, what it counts, traced to its span.

``find_quantities`` reads a spaCy Doc (or one sentence Span) and returns one :class:`QuantityMatch`
per reported count, in text order::

    >>> [(q.qualifier, q.value, q.unit, q.category) for q in find_quantities(nlp(
    ...     "Pyongyang sent as many as 9 million rounds of ammunition."))]
    [('up_to', 9000000.0, 'round', 'ammunition')]

Qualifiers, ranges and vague plurals are kept as written, never rounded away. Measures (lengths,
weights, speeds, percentages, temperatures, durations) are quantities of category "other" with
their unit. Numbers that do not count anything (years, dates, calibres, ordinals, model numbers,
phone numbers, vote tallies, resolution numbers; ages unless asked for) are never emitted (see
:mod:`lib.non_counts`). Offsets are character offsets in ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from lib import quantity_words as W
from lib.measures import (
    currency_after,
    currency_noun,
    dollar_country,
    iso_currency,
    measure_at,
    national_currency,
    nationality_before,
)
from lib.movements import join_from_to, level_preposition, share_elided_units
from lib.non_counts import Measure, age_after, is_apposition_age, is_one_source, measure_after, not_a_count
from lib.number_phrases import HYPHENS, NumberPhrase, glued, number_at, scan_numbers
from lib.numbers import parse_number
from lib.quantity_categories import antecedent_category, categorise, word_category
from lib.wire_copy import (
    DIRECTION_BEFORE,
    full_stop_glued,
    is_row_label,
    money_word_end,
    past_us,
    skip_share_class,
    spec_limit,
    trailing_direction,
)

__all__ = ["QuantityMatch", "find_quantities", "parse_number", "categorise"]

ANTECEDENT_SENTENCES = 2  # how far back a bare number ("about 11,000 were sent") looks for its noun


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """One reported quantity: the whole phrase, the number inside it, and what it counts.

    ``value`` is the number as written (the low end of a range); ``low``/``high`` are the bounds
    its qualifier implies (see :class:`lib.records.Quantity`). ``cumulative`` is True when the
    clause presents the number as a running total ("since October", "so far", "in total").
    ``change`` is "up" or "down" when the number is a change ("rose 5%", "down 68p", "+0.3%").
    ``vague`` marks a vague plural ("dozens", "tens of millions"), whose ``value`` is its lower
    bound; ``ordered`` a "from X to Y" range, whose ``value`` is X even when Y is smaller.
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
    change: str | None = None
    vague: bool = False
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: unit words, the head noun, where the phrase ends, extra context."""

    unit: str | None
    head: Token | None
    end: int
    context: str = ""
    partitive: bool = False


# ---------------------------------------------------------------------------------------------
# qualifiers


def _qualifier_before(doc: Doc, num: NumberPhrase, lo: int) -> tuple[str | None, int]:
    """The qualifier phrase ending right before the number, and its first token index."""
    # The words before the number are read once, not once per phrase (this runs for every number);
    # the longest phrase ending there wins (the first listed among equally long ones).
    before = tuple(t.lower_ for t in doc[max(lo, num.start - _LONGEST_QUALIFIER):num.start])
    for n, phrases in _QUALIFIERS_BY_LENGTH:
        if n <= len(before) and (qual := phrases.get(before[len(before) - n:])) is not None:
            return qual, num.start - n
    return None, num.start


_QUALIFIER_WORDS = [(phrase.split(), qual) for phrase, qual in W.QUALIFIER_PHRASES.items()]
_LONGEST_QUALIFIER = max(len(words) for words, _ in _QUALIFIER_WORDS)
# Phrase lengths, longest first, each with its phrases (a word tuple -> the first qualifier listed).
_QUALIFIERS_BY_LENGTH: list[tuple[int, dict[tuple[str, ...], str]]] = [
    (n, {tuple(w): q for w, q in reversed(_QUALIFIER_WORDS) if len(w) == n})  # reversed: the first listed stays
    for n in sorted({len(words) for words, _ in _QUALIFIER_WORDS if words}, reverse=True)]


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
        "up_to": (None, v), "less_than": (None, v),
        "range": (min(v, num.high), max(v, num.high)) if num.high is not None else (v, v),
    }[qualifier]


# ---- what is counted ------------------------------------------------------------------------


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
            head = k if tok.pos_ == "NOUN" or _mistagged_noun(tok) or _nationals(tok) else head
        elif tok.pos_ == "ADJ" or (tok.tag_ in ("VBG", "VBN", "RBS", "RBR") and nxt is not None
                                   and nxt.pos_ in ("NOUN", "ADJ")):
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
    return tok.tag_ == "VBZ" and word_category(tok.lower_) is not None


def _nationals(tok: Token) -> bool:
    """"1,307,000 Americans", "300 Britons": a plural nationality counts people, though it is a name."""
    return tok.tag_ == "NNPS" and tok.ent_type_ == "NORP"


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
    lemma = doc[head].lemma_.lower()
    if _nationals(doc[head]) and lemma.endswith("s"):
        lemma = lemma[:-1]  # the tagger keeps a name's plural as its lemma: "Americans"
    return f"{modifiers} {lemma}".strip()


def _skip_determiners(doc: Doc, k: int, hi: int) -> int:
    while k < hi and (doc[k].pos_ == "DET" or doc[k].tag_ == "PRP$"):
        k += 1
    return k


def _rate(doc: Doc, k: int, hi: int) -> tuple[str, int]:
    """" a month", " per year", "-a-day" after the counted noun: it is a rate, and the unit says so."""
    if k + 3 < hi and doc[k].text in HYPHENS and doc[k + 2].text in HYPHENS and glued(doc, k) \
            and glued(doc, k + 2) and doc[k + 1].lower_ in ("a", "an", "per"):
        if doc[k + 3].lemma_ in W.TIME_UNITS:  # "a 52,000 barrel-a-day refinery": one hyphenated word
            return f" per {doc[k + 3].lemma_.lower()}", k + 4
    if k + 1 < hi and doc[k].lower_ in ("a", "an", "per", "each", "every") and doc[k + 1].lemma_ in W.TIME_UNITS \
            and not _time_reference(doc, k, hi):
        return f" per {doc[k + 1].lemma_.lower()}", k + 2
    return "", k


def _time_reference(doc: Doc, k: int, hi: int) -> bool:
    """"a year earlier", "a month ago", "a week before": a point in time, not the period of a rate."""
    return doc[k].lower_ in ("a", "an") and k + 2 < hi and doc[k + 2].lower_ in W.TIME_REFERENCE_ADVERBS


def _counted(doc: Doc, j: int, lo: int, hi: int) -> _Counted:
    """The noun the number at tokens [.., j) counts, through "of" for partitives and measures."""
    if j + 1 < hi and doc[j].text in HYPHENS and doc[j + 1].lower_ == "strong":
        j += 2  # "a 12,000-strong force"
    partitive = j < hi and doc[j].lower_ == "of"
    k = _skip_determiners(doc, j + 1, hi) if partitive else j
    if partitive and k < hi:
        inner = number_at(doc, k, hi)  # "23 of 31 Shahed drones"
        k = inner.end if inner is not None else k
    end, head = _np_end(doc, skip_share_class(doc, k, hi), hi)
    if head is not None and (doc[head].lower_ in W.DAY_WORDS or is_row_label(doc, k, head, end, hi)):
        head = None  # "from 34.23 today": the day of a level; "vs 44,541 Revs 12.2 mln": the next row
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
    i = tok.i
    # the other clauses as (first, last) token indices: a Token per edge is built once, not per word
    edges = [(c.left_edge.i, c.right_edge.i) for c in verb.children
             if c.dep_ in ("ccomp", "advcl", "parataxis", "conj")]
    others = [(a, b) for a, b in edges if not a <= i <= b]
    words = [t.lower_ for t in verb.subtree if not any(a <= t.i <= b for a, b in others)]
    return " " + " ".join(words) + " "


def _cumulative(tok: Token) -> bool:
    text = _clause_text(tok)
    return any(f" {cue} " in text for cue in W.CUMULATIVE_CUES)


_votes_cache: tuple[Span | None, bool] = (None, False)


def _votes(sent: Span) -> bool:
    """The sentence holds a voting word; read once per sentence (the last one is kept), not per number."""
    global _votes_cache
    cached, found = _votes_cache
    if cached is not sent:
        found = any(t.lemma_.lower() in W.VOTE_LEMMAS for t in sent)
        _votes_cache = (sent, found)
    return found


def _is_tally(sent: Span, counted: _Counted) -> bool:
    """"Thirteen of the Security Council's 15 members voted": counts of voters are tallies."""
    if not _votes(sent):
        return False
    if counted.unit == "percent":
        return False  # a share of the vote is a measured quantity, not a head count
    return counted.head is None or counted.head.lemma_.lower() in W.MEMBER_NOUNS


# ---------------------------------------------------------------------------------------------
# the extractor


def _currency_unit(doc: Doc, num: NumberPhrase, counted: _Counted) -> str | None:
    """The currency of the number phrase, country-qualified where the text says so ("HK $5m",
    "10 million Australian dollars", "Danish crowns", "HKD 5m"), subunits included ("63 cents",
    "68p", "18 sen"); None when the number is not money."""
    base = num.currency or W.CURRENCY_BEFORE.get(doc[num.start].lower_)
    if base:
        return (dollar_country(doc, num.start) if base == "dollar" else None) or base
    if counted.head is not None:
        nation = nationality_before(doc, num.end, counted.head.i)
        named = national_currency(nation, counted.head.text) if nation else None
        if named or counted.head.lower_ in W.CURRENCY_AFTER:
            return named or W.CURRENCY_AFTER[counted.head.lower_]
        if counted.head.i == num.end and currency_noun(counted.head.lemma_.lower()):
            return counted.head.lemma_.lower()  # "1.33 billion pesos", "500 baht": an ISO currency's name
    before = doc[num.start - 1].text if num.start > 0 else ""
    if num.end >= len(doc):
        return iso_currency(before)
    nxt = doc[past_us(doc, num.end, len(doc))].text  # "130 mln marks joint order": the money, not the order
    return W.CURRENCY_AFTER.get(nxt.lower()) or currency_after(nxt) or iso_currency(nxt) or iso_currency(before)


def _percent(doc: Doc, end: int, hi: int) -> int | None:
    for words in W.PERCENT_WORDS:
        if end + len(words) <= hi and tuple(t.lower_ for t in doc[end:end + len(words)]) == words:
            return end + len(words)
    return None


def _describe(doc: Doc, num: NumberPhrase, sent: Span, measure: Measure | None) -> tuple[
        str | None, str, int, _Counted]:
    """(unit, category, end token, counted) for the number phrase."""
    hi = sent.end
    pct_end = num.end if num.unit == "percent" else _percent(doc, num.end, hi)
    if pct_end is not None:
        return "percent", "other", pct_end, _Counted("percent", None, pct_end)
    if measure is not None:
        unit = f"{measure.unit} old" if measure.age else measure.unit
        end = measure.end + 2 if measure.age and doc[measure.end].text in HYPHENS else measure.end
        end = end + 1 if measure.age and end < hi and doc[end].lower_ == "old" else end
        context = ""
        if end + 1 < hi and doc[end].lower_ == "of" and measure.unit in ("tonne", "ton", "gallon", "litre"):
            of_end, _ = _np_end(doc, _skip_determiners(doc, end + 1, hi), hi)
            context, end = doc[end + 1:of_end].text, of_end  # "500,000 tonnes of oil"
        return unit, categorise(unit, context), end, _Counted(unit, None, end, context)
    counted = _counted(doc, num.end, sent.start, hi)
    money = _currency_unit(doc, num, counted)
    if money:
        per, end = _money_rate(doc, money_word_end(doc, num.end, hi, money), hi)
        return money + per, "money", end, counted
    unit, category = counted.unit, categorise(counted.unit, counted.context)
    if counted.head is not None and counted.head.lemma_.lower() in W.PERSON_NOUNS:
        if _casualty_of(counted.head, as_noun=True):
            category = "casualties"
    elif counted.head is None or _nationals(counted.head):  # "killing thousands of Iranians": the dead
        kind = _casualty_of(doc[num.end - 1], as_noun=False) or _casualty_after(doc, num.end, hi)
        if kind:
            unit, category = kind, "casualties"
    return unit, category, counted.end, counted


def _money_rate(doc: Doc, k: int, hi: int) -> tuple[str, int]:
    """" a barrel", " per share", " per square foot" after an amount of money: a price."""
    if k + 1 >= hi or doc[k].lower_ not in ("a", "an", "per", "each", "/") or _time_reference(doc, k, hi):
        return "", k
    found = measure_at(doc, k + 1, hi)
    if found is not None:
        return f" per {found[0]}", found[1]
    if doc[k + 1].pos_ == "NOUN" and doc[k + 1].lower_ not in W.CURRENCY_AFTER:
        return f" per {doc[k + 1].lemma_.lower()}", k + 2
    return "", k


def _direction(doc: Doc, num: NumberPhrase, head: Token, lo: int) -> str | None:
    """"up"/"down" when the number is the size of a change: "rose 5%", "down 68p", "+0.3%", "fell by 2".

    The amount is the object, adverbial or "by" phrase of a change verb (or follows "up"/"down");
    a number reached "to" or standing "at" is a level, not a change, and gets no direction.
    """
    if num.sign == "+":
        return "up"
    k = _qualifier_before(doc, num, lo)[1] - 1  # "up nearly 57%": look past the qualifier
    if k >= lo and doc[k].lower_ in DIRECTION_BEFORE and not _particle_of_other_verb(doc[k]):
        return DIRECTION_BEFORE[doc[k].lower_]
    if level_preposition(doc, k + 1, lo) is not None:
        return None  # "fell 7% to $2.3 billion", "drops to just 87 mph": the level reached
    if k >= lo and doc[k].pos_ in ("ADP", "RP") and doc[k].lower_ != "by":
        return None  # "accelerate in under 6 seconds": a preposition other than "by" names no change
    tok = head
    for _ in range(3):
        parent = tok.head
        if parent is tok:
            return None
        if parent.pos_ == "ADP" and parent.lower_ != "by" and parent.lower_ not in _QUALIFIER_PREPOSITIONS:
            return None  # "accelerate in fewer than 3.5 seconds": a time, not the size of the change
        lemma = parent.lemma_.lower()
        if parent.pos_ in ("VERB", "AUX", "ADV", "ADJ") and lemma in W.CHANGE_VERBS:
            return W.CHANGE_VERBS[lemma]
        if parent.pos_ in ("VERB", "AUX"):  # "revised upward by 0.3 points": the adverb gives the way
            return next((W.DIRECTION_ADVERBS[c.lower_] for c in parent.children
                         if c.dep_ == "advmod" and c.lower_ in W.DIRECTION_ADVERBS), None)
        tok = parent
    return None


def _particle_of_other_verb(tok: Token) -> bool:
    """"gave up 517 yards", "turned down 3 offers": the particle, right after a verb that names no change
    (apart from it, "take us down 150 points", the particle is the move)."""
    return tok.dep_ == "prt" and tok.head.i == tok.i - 1 and tok.head.lemma_.lower() not in W.CHANGE_VERBS


# One-word qualifiers the parser may take for the preposition governing the number ("rose over 5%");
# the words of longer phrases ("in excess of") are ordinary prepositions on their own.
_QUALIFIER_PREPOSITIONS = frozenset(p for p in W.QUALIFIER_PHRASES if " " not in p)


def _casualty_after(doc: Doc, k: int, hi: int) -> str | None:
    """"about 4,000 killed or wounded", "100 had died": a participle right after a bare number."""
    while k < hi and doc[k].pos_ in ("AUX", "ADV"):
        k += 1
    if k >= hi or doc[k].lemma_.lower() not in W.CASUALTY_VERBS:
        return None
    kinds = {W.CASUALTY_VERBS[t.lemma_.lower()] for t in (doc[k], *doc[k].conjuncts)
             if t.lemma_.lower() in W.CASUALTY_VERBS}
    return "killed or wounded" if {"killed", "wounded"} <= kinds else sorted(kinds)[0]


def _match(doc: Doc, num: NumberPhrase, sent: Span, window_start: int, measure: Measure | None, *,
           include_member_counts: bool = False, include_one_of: bool = False) -> QuantityMatch | None:
    lo, hi = sent.start, sent.end
    unit, category, end, counted = _describe(doc, num, sent, measure)
    if counted.head is None and unit is None and not num.vague:
        if _is_anaphoric(doc, num, lo):
            return None
        category = antecedent_category(doc, num.start, window_start)
    if _is_tally(sent, counted) or (num.value < 0 and unit is None):
        return None
    if not include_member_counts and (_is_member_count(counted, category) or is_one_source(doc, num)):
        return None  # "the two sides", "one official said": who is counted or speaks, not an amount
    qualifier, q_start = _qualifier_before(doc, num, lo)
    post, post_end = _qualifier_after(doc, end if end > num.end else num.end, hi)
    if post is None and unit is not None:
        post, post_end = spec_limit(doc, max(end, num.end), hi)
    if num.high is not None:
        qualifier, q_start = "range", num.range_start if num.range_start is not None else q_start
    elif num.vague:
        qualifier = "at_least"
    elif post and not qualifier:
        qualifier, end = post, post_end
    qualifier = qualifier or ("approx" if num.approx else "exact")
    if _is_lone_one(doc, num, qualifier, counted) and not (include_one_of and _is_one_of_best(doc, num, hi)):
        return None
    low, high = _bounds(qualifier, num)
    last = max(end, num.end) - 1
    start_char, end_char = doc[q_start].idx, doc[last].idx + len(doc[last])
    text = doc[q_start:last + 1].text  # "4m." closing the sentence: ``stop`` drops the full stop
    stop = int(full_stop_glued(doc, num.end, last, hi, unit))
    head = counted.head if counted.head is not None else doc[last]
    return QuantityMatch(
        # The span's own text: ``doc.text`` rebuilds the whole article's string on every call.
        start=start_char, end=end_char - stop, text=text[:len(text) - stop], value=num.value, low=low,
        high=high, qualifier=qualifier, unit=unit, category=category, num_start=doc[num.start].idx,
        num_end=doc[num.end - 1].idx + len(doc[num.end - 1]) - stop * (last < num.end), cumulative=_cumulative(head),
        change=None if num.tally else _direction(doc, num, head, lo) or trailing_direction(doc, last + 1, hi),
        vague=num.vague, ordered=num.ordered,
    )


_ANAPHORIC_DETERMINERS = frozenset(("the", "these", "those", "this", "that", "all"))


def _is_anaphoric(doc: Doc, num: NumberPhrase, lo: int) -> bool:
    """"these four have", "the bottom three during", "their two": a definite number standing alone.

    A definite determiner before a number that no word describes or follows as its noun points back
    at things already named; the number tells which group, not how much of something was reported.
    """
    after = [t.pos_ for t in doc[num.end:num.end + 2]]
    if after[:1] in (["NOUN"], ["PROPN"], ["NUM"]) or after == ["ADJ", "NOUN"]:
        return False  # "the 50 previous years": the noun is there, just not where the finder looks
    k = num.start - 1
    while k >= lo and (doc[k].pos_ == "ADJ" or doc[k].lower_ in ("top", "bottom")):
        k -= 1  # "the top 10", "the bottom three": a rank in a table, then the determiner
    return k >= lo and (doc[k].lower_ in _ANAPHORIC_DETERMINERS or doc[k].tag_ == "PRP$")


def _is_member_count(counted: _Counted, category: str) -> bool:
    """"the 11 countries", "10 allies", "two sides": the size of a group, not a reported amount."""
    return category == "other" and counted.head is not None and counted.head.lemma_.lower() in W.GROUP_MEMBER_NOUNS


def _is_lone_one(doc: Doc, num: NumberPhrase, qualifier: str, counted: _Counted) -> bool:
    """"one another", "one of them", "one of the soldiers", the pronoun "one": a lone "one".

    "One proposal", "one hand" count one thing; "one of the ..." picks a member out of a group
    and counts nothing, and "one that was" is a pronoun.
    """
    if doc[num.start:num.end].text.lower() not in ("one", "a", "an"):
        return False
    return qualifier == "exact" and (counted.head is None or counted.partitive or doc[num.end].lower_ == "another")


def _is_one_of_best(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    """"one of the best speakers", "one of the most spectacular catches": one picked by a superlative."""
    k = num.end
    if not (k + 1 < hi and doc[k].lower_ == "of" and doc[k + 1].lower_ == "the"):
        return False
    return any(t.tag_ == "JJS" or t.lower_ in ("most", "least") for t in doc[k + 2:min(hi, k + 4)])


def _sentences(doc_or_span: Doc | Span) -> list[Span]:
    if isinstance(doc_or_span, Span):
        return [doc_or_span]
    if doc_or_span.has_annotation("SENT_START"):
        return list(doc_or_span.sents)
    return [doc_or_span[:]]


def find_quantities(doc_or_span: Doc | Span, *, include_ages: bool = False,
                    include_durations: bool = False, include_member_counts: bool = False,
                    include_one_of: bool = False, include_fractions: bool = False) -> list[QuantityMatch]:
    """Reported quantities in a parsed spaCy Doc or sentence Span, in text order.

    Each match spans its qualifier, number and counted noun within one sentence; numbers that
    count nothing are skipped. Empty input gives an empty list. Ages ("65-year-old", "Senard,
    65,") are not reported quantities; ``include_ages=True`` reports them with the unit "year
    old" (benchmarks that count ages use it). Durations ("for 15 years") are time spans, not
    reported amounts: ``include_durations=True`` reports them (with their unit, category other).
    Counts of a group's members ("the 11 countries", "10 allies") size a group rather than report an
    amount, and "one official said" names a source: ``include_member_counts=True`` reports them. "One of the best ..." picks
    one member by a superlative and reports nothing; ``include_one_of=True`` counts it as one.
    Shares ("roughly half of", "two-thirds of", "one in three") are fractions of an amount, not counts:
    ``include_fractions=True`` reports them as their value (0.5) with the unit "fraction".

    >>> [q.text for q in find_quantities(nlp("The 29-page report counted at least 100 ballistic missiles."))]
    ['at least 100 ballistic missiles']
    """
    out: list[QuantityMatch] = []
    sents = _sentences(doc_or_span)
    for si, sent in enumerate(sents):
        doc, skipped, found = sent.doc, [], []
        window_start = sents[max(0, si - ANTECEDENT_SENTENCES)].start
        for num in scan_numbers(doc, sent.start, sent.end):
            if num.unit == "fraction" and not include_fractions:
                skipped.append(num)  # read as a fraction so that "one in three" is not a count of three
                continue
            # an age without its unit ("aged 35", "He will be 35") is a measure too, dropped unless asked for
            measure = measure_after(doc, num, sent.end) or age_after(doc, num, sent.start, sent.end)
            if not_a_count(doc, num, sent, skipped, measure, include_ages=include_ages,
                           include_durations=include_durations):
                skipped.append(num)
                continue
            if measure is None and include_ages and is_apposition_age(doc, num, sent.start, sent.end):
                measure = Measure("year", num.end, age=True)
            match = _match(doc, num, sent, window_start, measure, include_member_counts=include_member_counts,
                           include_one_of=include_one_of)
            if match is not None:
                found.append((num, match))
        out.extend(join_from_to(doc, sent, share_elided_units(doc, sent, found)))
    return sorted(out, key=lambda q: (q.num_start, q.start))
