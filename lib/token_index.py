"""Which tokens of a Doc a finder needs to look at, found without building a Token object per token.

A finder that can only match at tokens whose lower-case form (or lemma) passes a cheap test asks a
:class:`TokenIndex` for those indices instead of walking every token: the attribute column is read
once with ``Doc.to_array``, each distinct string is tested once (and remembered across Docs, like
the vocab), and the answer for the last Doc is kept, since one Doc is asked once per sentence.

>>> import spacy
>>> doc = spacy.blank("en")("Three ships and 40 boats")
>>> from spacy.attrs import LOWER
>>> TokenIndex(LOWER, lambda w: w.isdigit() or w == "three")(doc)
[0, 3]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.tokens import Doc

MEMO_LIMIT = 1_000_000  # a bound for long runs over new words: the memo only saves time


class TokenIndex:
    """``index(doc)`` → indices, in order, of the tokens whose ``attr`` string passes ``test``."""

    def __init__(self, attr: int, test: Callable[[str], bool]):
        self.attr, self.test = attr, test
        self._memo: dict[int, bool] = {}  # string hash -> test result
        self._last: tuple[Doc | None, int, list[int]] = (None, 0, [])

    def _passes(self, key: int, strings) -> bool:
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = found = self.test(strings[key])
        return found

    def __call__(self, doc: Doc) -> list[int]:
        cached, length, found = self._last
        if cached is doc and length == len(doc):
            return found
        column = doc.to_array(self.attr)
        keys = [h for h in numpy.unique(column).tolist() if self._passes(h, doc.vocab.strings)]
        found = numpy.flatnonzero(numpy.isin(column, keys)).tolist() if keys else []
        self._last = (doc, len(doc), found)
        return found
