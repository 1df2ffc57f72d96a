"""TE3-Platinum (TempEval-3 Task A): time expressions found and normalised against the DCT.

Each ``.tml`` file gives the text inside ``<TEXT>`` with inline TimeML tags; we strip the tags while
recording where each gold TIMEX3 lands in the stripped text, and run our time-expression finder
(:func:`lib.timex.find_timexes`: dates, times, durations, sets) over that text with the document
creation time (DCT) as the publication date. Scoring follows the character-offset reading of the official toolkit
(see ``shared/research/benchmarks.md`` §3): relaxed = overlap on a non-space character, strict =
equal spans after trimming, value/type F1 = relaxed F1 × accuracy on relaxed-matched gold items.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lib.eval.common import Counts, halves, heading, pct, table
from lib.timex import Timex, find_timexes, timexes_from

__all__ = ["Timex", "TimeMLDoc", "find_timexes", "timexes_from", "parse_timeml", "predict", "score", "score_doc"]

# Official TempEval-3 Task A results (task paper, Table 3): HeidelTime-t ranked first on value F1.
HEIDELTIME = {"rel P": 93.08, "rel R": 87.68, "rel F1": 90.30, "strict F1": 81.34, "value F1": 77.61}

_TOKEN = re.compile(r"<(/?)(\w+)([^>]*)>|&#?\w+;|[^<&]+|[<&]")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document: id, creation date, stripped ``<TEXT>`` and its gold timexes."""

    name: str
    dct: str | None
    text: str
    timexes: tuple[Timex, ...]


def strip_tags(markup: str) -> tuple[str, list[tuple[str, dict[str, str], int, int]]]:
    """Text without tags (entities unescaped), and (tag, attributes, start, end) of every element.

    Offsets are into the returned text.

    >>> text, elems = strip_tags('In <TIMEX3 value="2013">2013</TIMEX3> &amp; now')
    >>> text, [(t, a["value"], text[s:e]) for t, a, s, e in elems]
    ('In 2013 & now', [('TIMEX3', '2013', '2013')])
    """
    out: list[str] = []
    pos = 0
    open_: list[tuple[str, dict[str, str], int]] = []
    elems: list[tuple[str, dict[str, str], int, int]] = []
    for m in _TOKEN.finditer(markup):
        if m.group(2):  # a tag
            closing, name, rest = m.group(1), m.group(2), m.group(3)
            if closing:
                for i in range(len(open_) - 1, -1, -1):
                    if open_[i][0] == name:
                        tag, attrs, start = open_.pop(i)
                        elems.append((tag, attrs, start, pos))
                        break
            elif rest.rstrip().endswith("/"):
                elems.append((name, dict(_ATTR.findall(rest)), pos, pos))
            else:
                open_.append((name, dict(_ATTR.findall(rest)), pos))
            continue
        piece = html.unescape(m.group(0))
        out.append(piece)
        pos += len(piece)
    elems.sort(key=lambda e: (e[2], e[3]))
    return "".join(out), elems


def parse_timeml(xml: str, *, name: str = "") -> TimeMLDoc:
    """The DCT and the gold TIMEX3s of ``<TEXT>``, offsets into the stripped text (empty ones skipped).

    >>> doc = parse_timeml('<DCT><TIMEX3 value="2013-03-22">x</TIMEX3></DCT>'
    ...                    '<TEXT>Said <TIMEX3 type="DATE" value="2013-03-22">Friday</TIMEX3>.</TEXT>')
    >>> doc.dct, doc.text, [(t.text, t.value) for t in doc.timexes]
    ('2013-03-22', 'Said Friday.', [('Friday', '2013-03-22')])
    """
    dct_m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", xml, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S)
    text, elems = strip_tags(body.group(1) if body else "")
    timexes = tuple(
        Timex(s, e, attrs.get("type", ""), attrs.get("value", ""), text[s:e])
        for tag, attrs, s, e in elems
        if tag == "TIMEX3" and text[s:e].strip()
    )
    return TimeMLDoc(name, dct_m.group(1)[:10] if dct_m else None, text, timexes)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without surrounding whitespace and trailing punctuation."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    core = piece.strip().rstrip(".,;:!?\"')")
    return start + lead, start + lead + len(core)


def predict(doc: TimeMLDoc, nlp) -> list[Timex]:
    """Our timexes over a document's stripped text, resolved against its DCT."""
    return find_timexes(nlp(doc.text), doc.dct)


# ---------------------------------------------------------------------------------------------
# Scoring


def _overlap(text: str, a: Timex, b: Timex) -> int:
    """Number of non-space characters the two spans share."""
    lo, hi = max(a.start, b.start), min(a.end, b.end)
    return sum(not c.isspace() for c in text[lo:hi]) if hi > lo else 0


@dataclass(frozen=True, slots=True)
class TE3Counts:
    """Relaxed and strict counts plus value/type agreement on relaxed-matched gold items."""

    relaxed: Counts
    strict: Counts
    value_ok: int
    type_ok: int

    def __add__(self, other: TE3Counts) -> TE3Counts:
        return TE3Counts(self.relaxed + other.relaxed, self.strict + other.strict,
                         self.value_ok + other.value_ok, self.type_ok + other.type_ok)

    def _acc(self, ok: int) -> float:
        return ok / self.relaxed.tp_gold if self.relaxed.tp_gold else 0.0

    @property
    def value_f1(self) -> float:
        return self.relaxed.f1 * self._acc(self.value_ok)

    @property
    def type_f1(self) -> float:
        return self.relaxed.f1 * self._acc(self.type_ok)


def score_doc(text: str, gold: Sequence[Timex], preds: Sequence[Timex]) -> TE3Counts:
    """TE3 counts for one document.

    Each relaxed-matched gold item is paired with the prediction overlapping it most; its value and
    type are compared as exact strings.

    >>> g = [Timex(5, 11, "DATE", "2013-03-22")]
    >>> c = score_doc("Said Friday.", g, [Timex(0, 11, "DATE", "2013-03-22")])
    >>> c.relaxed.tp_gold, c.strict.tp_gold, c.value_ok
    (1, 0, 1)
    """
    strict_keys = {_trim(text, t.start, t.end) for t in gold}
    pred_keys = {_trim(text, p.start, p.end) for p in preds}
    rel_r = str_r = value_ok = type_ok = 0
    for g in gold:
        overlaps = [(_overlap(text, g, p), p) for p in preds]
        best = max(overlaps, key=lambda x: x[0], default=(0, None))
        if best[0] > 0:
            rel_r += 1
            value_ok += best[1].value == g.value
            type_ok += best[1].type == g.type
        str_r += _trim(text, g.start, g.end) in pred_keys
    rel_p = sum(any(_overlap(text, g, p) for g in gold) for p in preds)
    str_p = sum(_trim(text, p.start, p.end) in strict_keys for p in preds)
    return TE3Counts(
        Counts(rel_p, len(preds), rel_r, len(gold)),
        Counts(str_p, len(preds), str_r, len(gold)),
        value_ok,
        type_ok,
    )


def score(docs: Sequence[tuple[TimeMLDoc, Sequence[Timex]]]) -> TE3Counts:
    """Micro-averaged counts over (document, predictions) pairs."""
    total = TE3Counts(Counts(0, 0, 0, 0), Counts(0, 0, 0, 0), 0, 0)
    for doc, preds in docs:
        total = total + score_doc(doc.text, doc.timexes, preds)
    return total


# ---------------------------------------------------------------------------------------------
# Report


def load(folder: Path) -> list[TimeMLDoc]:
    """The TimeML documents of a folder, sorted by file name."""
    return [parse_timeml(p.read_text(encoding="utf-8"), name=p.name) for p in sorted(folder.glob("*.tml"))]


def gold_types(docs: Sequence[TimeMLDoc]) -> dict[str, int]:
    """How many gold timexes of each kind, where the value shows the kind (for the gap report)."""
    kinds: dict[str, int] = {}
    for t in (t for d in docs for t in d.timexes):
        kind = "PRESENT/PAST/FUTURE_REF" if t.value.endswith("_REF") else t.type
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def te3_table(results: Sequence[tuple[TimeMLDoc, Sequence[Timex]]]) -> str:
    """Relaxed P/R/F1, strict F1, value F1 and type F1 for odd, even and all documents."""
    headers = ["docs", "n", "gold", "pred", "rel P", "rel R", "rel F1", "strict F1", "value F1", "type F1"]
    rows = []
    for name, part in halves(results).items():
        c = score(part)
        rows.append([name, len(part), c.relaxed.n_gold, c.relaxed.n_pred, pct(c.relaxed.p), pct(c.relaxed.r),
                     pct(c.relaxed.f1), pct(c.strict.f1), pct(c.value_f1), pct(c.type_f1)])
    h = HEIDELTIME
    rows.append(["HeidelTime-t", "", "", "", h["rel P"], h["rel R"], h["rel F1"], h["strict F1"], h["value F1"], "-"])
    return table(headers, rows)


def run(shared: Path, nlp) -> str:
    """The TE3-Platinum report as text."""
    folder = shared / "benchmarks" / "te3-platinum"
    docs = load(folder)
    if not docs:
        return f"TE3-Platinum not found at {folder}"
    results = [(d, predict(d, nlp)) for d in docs]
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(gold_types(docs).items()))
    out = [heading("TE3-Platinum: ours vs HeidelTime-t (value F1 ranks; documents sorted by name)")]
    out.append(te3_table(results))
    out.append(f"gold kinds: {kinds}")
    return "\n".join(out)
