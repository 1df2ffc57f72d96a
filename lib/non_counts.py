"""Numbers that do not count anything, and the units of measurement that make a number a measure.

:func:`not_a_count` decides, for one number phrase in a sentence, whether it is a year, a date, a
time of day, a calibre, a compound adjective ("29-page"), a designation ("KN-23", "resolution
2231", "iPhone 11", "575 Wilbraham Road"), a phone number, a vote tally or an age; such numbers
are never reported. :func:`measure_after` reads the unit of a measured number ("15 years",
"6.1-inch", "800 miles per hour"): a measure is a quantity unless it is a calibre ("152mm
shells"), an age ("65-year-old", "Senard, 65,") or a point in time ("5 hours ago").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from lib import lexicon as lx
from lib import quantity_words as W
from lib.measures import DURATION_UNITS, is_calibre_unit, iso_currency, measure_at, per_unit
from lib.number_phrases import CURRENCY_TOKENS, HYPHENS, NumberPhrase, glued, is_digit_token, number_at
from lib.numbers import UNIT_WORDS

_DURATIONS = frozenset(DURATION_UNITS.values())

__all__ = ["Measure", "measure_after", "not_a_count", "is_apposition_age", "age_after", "is_one_source"]

PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}")
YEAR_RE = re.compile(r"1\d{3}|2[01]\d{2}")
WEAPON_CATEGORIES = frozenset(("artillery", "ammunition", "weapons", "missiles", "vehicles"))


@dataclass(frozen=True, slots=True)
class Measure:
    """The unit after a measured number and where it ends; what kind of non-count it may be."""

    unit: str
    end: int
    age: bool = False  # "65-year-old", "5 years old", "Senard, 65,"
    ago: bool = False  # "5 hours ago": a point in time, read by the date rules
    calibre: bool = False  # "152mm shells", "a 6-inch gun"


def measure_after(doc: Doc, num: NumberPhrase, hi: int) -> Measure | None:
    """The unit of measurement of the number phrase: glued ("10kW"), after it ("3 km", "five-year")."""
    if num.unit == "percent":
        return None
    if num.unit is not None:
        unit, end = num.unit, num.end
        if " per " not in unit and (rate := per_unit(doc, end, hi)):
            unit, end = f"{unit} per {rate[0]}", rate[1]  # "100km/hr": a glued unit, then its rate
    else:
        k = num.end + 1 if num.end < hi and doc[num.end].text in HYPHENS and glued(doc, num.end - 1) \
            and glued(doc, num.end) else num.end
        found = measure_at(doc, k, hi)
        if found is None:
            return _shared_measure(doc, num, hi)
        unit, end = found
    nxt = doc[end].lower_ if end < hi else ""
    after = doc[end + 1].lower_ if end + 1 < hi else ""
    age = unit in DURATION_UNITS.values() and (nxt == "old" or (nxt in HYPHENS and after == "old"))
    return Measure(unit, end, age=age, ago=nxt == "ago", calibre=_describes_weapon(doc, unit, end, hi))


def _shared_measure(doc: Doc, num: NumberPhrase, hi: int) -> Measure | None:
    """"two and three month CDs", "5 or 10 kg bags", "two, three and four-year notes": a bare number
    coordinated with a next number that has a unit is in that unit (and of its kind: a duration, an age);
    the phrase still ends at the number. A comma coordinates only inside a list closed by "and"/"or"."""
    link = doc[num.end].lower_ if num.end + 1 < hi else ""
    if num.high is not None or link not in ("and", "or", ","):
        return None
    other = number_at(doc, num.end + 1, hi)
    if other is None or other.high is not None or (link == "," and (other.end >= hi or doc[other.end].lower_ not in (
            "and", "or", ","))):
        return None  # "in 1985, 10 km away": a comma alone sets clauses apart
    shared = measure_after(doc, other, hi)
    return None if shared is None else Measure(shared.unit, num.end, age=shared.age, ago=shared.ago,
                                               calibre=shared.calibre)


def _attributive(doc: Doc, num: NumberPhrase, measure: Measure, hi: int) -> bool:
    """"a five-year $700,000 award", "its three-year forecast": a number-hyphen-unit compound inside a
    noun phrase describes the noun (the award's term) rather than stating a span of time; "a five-year,
    1.8 billion-mile journey" sets the span apart with a comma and states it."""
    hyphenated = num.end < hi and doc[num.end].text in HYPHENS and glued(doc, num.end - 1) and glued(doc, num.end)
    nxt = doc[measure.end] if measure.end < hi else None
    return hyphenated and nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
                                              or nxt.text in CURRENCY_TOKENS)


def _describes_weapon(doc: Doc, unit: str, end: int, hi: int) -> bool:
    """"152mm shells", "a 170mm self-propelled gun", "a 6-inch calibre": the unit names a calibre."""
    if not is_calibre_unit(unit):
        return False
    for tok in doc[end:min(hi, end + 5)]:
        if tok.lower_ in ("calibre", "caliber") or W.CATEGORY_WORDS.get(tok.lemma_.lower()) in WEAPON_CATEGORIES:
            return True
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN", "VERB", "PUNCT") or tok.text in (",", "(", ")"):
            return False  # the noun phrase after the unit has ended
    return False




def _prev(doc: Doc, num: NumberPhrase, lo: int, k: int = 1) -> Token | None:
    return doc[num.start - k] if num.start - k >= lo else None


def _after(doc: Doc, num: NumberPhrase, hi: int, k: int = 0) -> Token | None:
    return doc[num.end + k] if num.end + k < hi else None


def _is_year(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    """"in 2024", "by 2120", "between 2014 and 2017": a lone four-digit year, or a range of them."""
    tok, last = doc[num.start], doc[num.end - 1]
    single = num.end - num.start == 1
    pair = num.high is not None and YEAR_RE.fullmatch(last.text) and last.i - tok.i == 2
    if not (single or pair) or not YEAR_RE.fullmatch(tok.text):
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


def _is_month_or_clock(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> bool:
    """"October 8", "8 May", "10 am": a day of the month or a time of day."""
    prev, nxt = _prev(doc, num, lo), _after(doc, num, hi)
    if (prev is not None and _month(prev)) or (nxt is not None and _month(nxt)):
        return True
    return nxt is not None and nxt.lower_ in W.TIME_OF_DAY


def _month(tok: Token) -> bool:
    """A month name as English writes it, capitalised: "May 8", not the modal of "21 may enter"."""
    return tok.lower_ in W.MONTHS and tok.text[:1].isupper()


def _in_named_entity(doc: Doc, num: NumberPhrase) -> bool:
    """Numbers inside product, law or organisation names ("Apollo 11", "Resolution 1718")."""
    return any(doc[k].ent_type_ in W.ENTITY_LABELS_NOT_COUNTS for k in range(num.start, num.end)
               if is_digit_token(doc[k]) or doc[k].lower_ in UNIT_WORDS)


_phones_cache: tuple[Span | None, list[tuple[int, int]]] = (None, [])


def _phone_spans(sent: Span) -> list[tuple[int, int]]:
    """The sentence's phone-number spans (offsets in ``sent.text``), found once per sentence (the last
    one is kept): rebuilding ``sent.text`` for every number was a large share of the finder's cost."""
    global _phones_cache
    cached, spans = _phones_cache
    if cached is not sent:
        spans = [m.span() for m in PHONE_RE.finditer(sent.text)]
        _phones_cache = (sent, spans)
    return spans


def _in_phone_number(doc: Doc, num: NumberPhrase, sent: Span) -> bool:
    a, b = doc[num.start].idx, doc[num.end - 1].idx + len(doc[num.end - 1])
    return any(s <= a - sent.start_char and b - sent.start_char <= e for s, e in _phone_spans(sent))


def is_apposition_age(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> bool:
    """"Senard, 65, now faces": a bare whole number between commas after a person's name is an age."""
    prev, prev2, nxt = _prev(doc, num, lo), _prev(doc, num, lo, 2), _after(doc, num, hi)
    if prev is None or prev2 is None or prev.text != "," or prev2.pos_ != "PROPN":
        return False
    whole = num.end - num.start == 1 and doc[num.start].text.isdigit() and 0 < num.value < 120
    return whole and (nxt is None or nxt.text in (",", ")"))


# Nouns whose number is a person's age: "the age of 21", "life expectancy is 73", "the average age is 45".
_AGE_NOUNS = frozenset(("age", "expectancy"))
# Subjects that are people: "He will be 35", "She is 72" (a bare number after "be" is then an age).
_PERSON_PRONOUNS = frozenset(("i", "you", "he", "she", "we", "they"))


def age_after(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> Measure | None:
    """The age a bare whole number states, as a measure in years, or None.

    English gives an age without its unit after "aged"/"age" ("aged 35", "at age 35", "over the age
    of 21", "ages 5 and up"), as the complement of "be" whose subject is a person ("He will be 35 by
    then") or an age ("life expectancy ... is around 73", "the average age is 45").
    """
    nxt = _after(doc, num, hi)
    if num.unit or num.currency or num.high is not None or not 0 < num.value < 130 \
            or (nxt is not None and (nxt.pos_ == "NOUN" or nxt.text in ("%",) or nxt.lower_ == "percent")):
        return None
    prev, prev2 = _prev(doc, num, lo), _prev(doc, num, lo, 2)
    named = prev is not None and (prev.lower_ in ("aged", "age", "ages")
                                  or (prev.lower_ == "of" and prev2 is not None and prev2.lower_ == "age"))
    return Measure("year", num.end, age=True) if named or _age_complement(doc[num.end - 1]) else None


def _age_complement(tok: Token) -> bool:
    """The number is what "be" says of a person or of an age: "He will be 35", "expectancy is 73"."""
    if tok.dep_ == "pobj" and tok.head.lower_ in W.QUALIFIER_WORDS:
        tok = tok.head  # "is around 73": the parser hangs the number off its qualifier
    verb = tok.head
    if tok.dep_ not in ("attr", "acomp", "npadvmod", "dobj", "advmod") or verb.lemma_ != "be":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lower_ in _PERSON_PRONOUNS or subject.lemma_.lower() in _AGE_NOUNS \
        or (subject.ent_type_ == "PERSON" and subject.pos_ == "PROPN")


def _is_model_number(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> bool:
    """"iPhone 11", "S&P 500", "Boeing 787", "737 Max jets", "575 Wilbraham Road": part of a name.

    A bare digit number right after a proper noun, or right before a singular proper noun, names a
    thing; a number with its unit, percent sign or currency after it ("Tesla 5%") still measures.
    """
    first, last = doc[num.start], doc[num.end - 1]
    if not (is_digit_token(first) and is_digit_token(last)) or num.currency or num.unit:
        return False
    prev, nxt = _prev(doc, num, lo), _after(doc, num, hi)
    if nxt is not None and (nxt.lower_ in W.CURRENCY_AFTER or nxt.text in ("%",) or nxt.lower_ == "percent"
                            or iso_currency(nxt.text)):
        return False  # "110 JPY": an ISO currency code after the number is its money
    named = prev is not None and ((prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.i > lo)
                                  or any(c.isupper() for c in prev.text[1:]))  # "iPhone 14", "S&P 500"
    before = named and prev.lower_ not in W.MONTHS
    # A decimal before a name measures in it ("0.5 WAR"): model numbers that follow a name may have
    # decimals ("Windows 3.1"), but a name is never introduced by one.
    whole = "." not in last.text
    after = whole and nxt is not None and nxt.tag_ == "NNP" and nxt.text[:1].isupper() \
        and nxt.lower_ not in W.MONTHS and nxt.lower_ not in W.CATEGORY_WORDS \
        and nxt.ent_type_ != "NORP"  # "31 Shahed drones" counts drones, "300 North Koreans" people
    return before or (after and not _counts_through_name(doc, num, lo, hi))


_PLURAL_MODEL = re.compile(r"^\d+s$")  # "Model 3s", "747s"


def _counts_through_name(doc: Doc, num: NumberPhrase, lo: int, hi: int) -> bool:
    """"5 Boeing jets", "1,000 Minuteman missiles", "63,150 Model 3s": a name before a plural noun
    is what the number counts. After a determiner, number or adjective ("two new 737 Max jets", "the
    737 Max jets") the number is itself part of the name."""
    prev = _prev(doc, num, lo)
    if prev is not None and (prev.pos_ in ("DET", "NUM", "ADJ") or prev.tag_ == "PRP$"):
        return False
    k = num.end
    while k < min(hi, num.end + 3) and doc[k].tag_ == "NNP" and not _PLURAL_MODEL.match(doc[k].text):
        k += 1
    return k < hi and k > num.end and (doc[k].tag_ == "NNS" or bool(_PLURAL_MODEL.match(doc[k].text)))


def _is_percent(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    if num.unit == "percent":
        return True
    words = [t.lower_ for t in doc[num.end:min(hi, num.end + 2)]]
    return bool(words) and (words[0] in ("%", "percent", "pct", "pc") or words == ["per", "cent"])


def not_a_count(doc: Doc, num: NumberPhrase, sent: Span, previous: list[NumberPhrase],
                measure: Measure | None, *, include_ages: bool = False,
                include_durations: bool = False) -> bool:
    """True when the number phrase reports no quantity (see the module docstring).

    ``previous`` holds the numbers of the sentence already found not to count ("aged 20 and 26":
    the second number shares the first one's reading). Ages count only with ``include_ages``,
    durations ("for 15 years", "two days after") only with ``include_durations``: for an analyst
    they are time spans, kept apart from reported amounts (the dates module reads them).
    """
    lo, hi = sent.start, sent.end
    if num.high is not None and num.high <= num.value and not num.ordered:
        return True  # "13-2" is a tally, not a range
    if _glued_name(doc, num, hi) or _inside_word(doc, num, lo):
        return True
    if num.vague:
        return False
    prev = _prev(doc, num, lo)
    # "aged 20 and 26": the second number shares the first one's reading, unless it has a unit of its
    # own ("from 20 mpg in 2008 to 29 mpg": the year before "to" says nothing about the 29)
    if prev is not None and prev.lower_ in ("and", "or", "to") and previous and previous[-1].end == num.start - 1 \
            and measure is None:
        return True
    if _is_year(doc, num, hi) or _is_month_or_clock(doc, num, lo, hi) or _in_phone_number(doc, num, sent):
        return True
    if measure is not None:
        if measure.unit in _DURATIONS and not measure.age and (not include_durations
                                                                 or _attributive(doc, num, measure, hi)):
            return True
        return measure.ago or measure.calibre or (measure.age and not include_ages)
    if _is_percent(doc, num, hi) or num.currency or doc[num.start].lower_ in CURRENCY_TOKENS:
        return False  # "sector 0.68 percent", "S&P 500 +0.3%", "to Y=28,030": shares and money are measured
    if is_apposition_age(doc, num, lo, hi):
        return not include_ages
    if num.value < 0:
        return True  # negatives count nothing ("-5 troops"); money and measures may fall below zero
    return (_is_compound_modifier(doc, num, hi) or _is_designation(doc, num, lo)
            or _is_model_number(doc, num, lo, hi) or _in_named_entity(doc, num))


def _glued_name(doc: Doc, num: NumberPhrase, hi: int) -> bool:
    """"3M's sales": digits glued to a capital and a possessive are a company's name, not 3 million."""
    last = num.end - 1
    return num.end < hi and last > num.start and doc[num.end].lower_ in ("'s", "\u2019s") and glued(doc, last - 1) \
        and glued(doc, last) and doc[last].text.isalpha() and doc[last].text.isupper()


def _inside_word(doc: Doc, num: NumberPhrase, lo: int) -> bool:
    """"the double-zero option", "a two-for-one split": a number word hyphenated onto a word that is no
    number ends a compound word; it counts nothing ("twenty-one" is read whole, from "twenty")."""
    k = num.start
    if k - 2 < lo or doc[k].text[:1].isdigit() or doc[k - 1].text not in HYPHENS:
        return False
    before = doc[k - 2]
    return glued(doc, k - 2) and glued(doc, k - 1) and before.is_alpha and before.lower_ not in UNIT_WORDS


def is_one_source(doc: Doc, num: NumberPhrase) -> bool:
    """"one official said", "one banker told Reuters": the single unnamed source of a statement is
    who speaks, not an amount the text reports."""
    if num.end - num.start != 1 or doc[num.start].lower_ != "one" or _prev_word(doc, num) in ("only", "just"):
        return False  # "only one company said it would bid" counts the bidders
    noun = doc[num.start].head
    return noun.dep_ == "nsubj" and noun.pos_ == "NOUN" and noun.head.lemma_ in lx.SAY_VERBS


def _prev_word(doc: Doc, num: NumberPhrase) -> str:
    return doc[num.start - 1].lower_ if num.start > 0 else ""
