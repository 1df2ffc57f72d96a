"""The extractors' fast paths find exactly what the slow walks they replace find (issue 5).

Each shortcut skips work that cannot find anything: tokens where no number or relation can start,
positions where no date pattern can match, texts that lack a word a pattern needs. These tests run
the full walk next to the shortcut on real parses and real text, including the characters that
case-folding treats specially, so a shortcut that skips a real find fails here.
"""

from __future__ import annotations

import re

import pytest

from lib import dates, number_phrases, relations
from lib.actor_index import ActorIndex
from lib.actors import find_actors

TEXTS = [
    "Between 10 and 12 tanks, about 3.5 million barrels and $US55,931,000 were sent on March 3-5, 2024.",
    "Minus 130 degrees; a third of the 1,200 troops, hundreds of thousands of shells and 2.7bn roubles.",
    "Russia supplied missiles to Iran in 2019-20, Kyiv said; North Korea has sent troops to Russia.",
    "Call 020 7946 0958. One in three voters backed it last NIGHT, TOMORROW or the day after tomorrow.",
    "In the ſpring of 2021 and SPRİNG 2022, four years ago, in recent weeks, the 1990s, 8 through 10 October.",
    "The summit between Putin and Kim was held on Wednesday, June 19; talks resumed 2 weeks ago.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(TEXTS))


def _walk_numbers(doc, lo, hi):
    """The original scan: try :func:`number_at` at every token."""
    nums, i = [], lo
    while i < hi:
        num = number_phrases.number_at(doc, i, hi)
        if num is None:
            i += 1
            continue
        num = number_phrases._join_range(doc, num, lo, hi)
        nums.append(num)
        i = num.end
    return nums


def test_number_scan_skips_only_tokens_where_no_number_starts(docs):
    found = 0
    for doc in docs:
        starts = set(number_phrases._number_starts(doc))
        assert all(number_phrases.number_at(doc, i, len(doc)) is None for i in range(len(doc)) if i not in starts)
        for sent in doc.sents:
            got = number_phrases.scan_numbers(doc, sent.start, sent.end)
            assert got == _walk_numbers(doc, sent.start, sent.end)
            found += len(got)
    assert found >= 15  # the texts are full of numbers: an empty scan would pass the equality above


def test_relation_triggers_skip_only_tokens_that_frame_nothing(docs):
    framed = 0
    for doc in docs:
        triggers = set(relations._trigger_tokens(doc))
        for sent in doc.sents:
            idx = ActorIndex(sent, find_actors(sent))
            for tok in sent:
                frame = relations._frame(tok, idx) or relations._violation_frame(tok, idx)
                assert frame is None or tok.i in triggers, tok.text
                framed += frame is not None
    assert framed >= 2


def test_date_patterns_match_as_without_their_look_ahead():
    """The ``first`` look-ahead and the gates change no match of any pattern."""
    texts = TEXTS + [t.upper() for t in TEXTS] + [t.lower() for t in TEXTS] + ["\u212aelvin week, ٣ years ago, ２０２０"]
    for text in texts:
        low = text.lower()
        for pattern, _, gate, cased in dates._SCAN:
            bare = re.compile(re.sub(r"^(\(\?i\))?\(\?=\[[^\]]*\]\)", lambda m: m.group(1) or "", pattern.pattern))
            assert bare.pattern != pattern.pattern
            want = [m.span() for m in bare.finditer(text)]
            if gate and not any(w in low for w in gate) or cased and not any(w in text for w in cased):
                assert want == [], (pattern.pattern, text)
            else:
                assert [m.span() for m in pattern.finditer(text)] == want


def test_leading_day_precheck_never_hides_a_match():
    text = "from 8 through   \n\n\n\n\n\n\n\n\n\n\n\n 10 October, 3 and 5 May, 7 to 9 June, 1-4 July, 12th – 14th Aug"
    hits = 0
    for s in range(len(text) + 1):
        if dates._LEADING_DAY.search(text[:s]):
            hits += 1
            assert dates._may_lead(text, s), s
    assert hits >= 5


def test_find_dates_on_a_long_range_gap(nlp):
    """A range whose link word sits far before the second day still joins (the window fallback)."""
    text = "Talks ran from 8 through" + " " * 30 + "10 October 2024."
    got = [(m.text, m.value.date, m.value.date_end) for m in dates.find_dates(nlp(text), "2024-11-01")]
    assert got == [("from 8 through" + " " * 30 + "10 October 2024", "2024-10-08", "2024-10-10")]
