"""Dev check (not a test): TE3-Platinum errors, one line each, for the odd (development) documents.

Usage: .venv/bin/python scripts/dev_te3.py [--half odd|even|all] [--all-lines] [--shared DIR]

Prints every missed gold timex, wrong value or type, and spurious prediction with its context, then
the error kinds counted (missed DURATION, wrong value DATE, ...). Develop on the odd half only; the
even half is held out (``--half even`` only to report, not to fit).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.eval.common import find_shared, halves, load_nlp  # noqa: E402
from lib.eval.te3 import _overlap, load, predict  # noqa: E402


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 40):start] + "[[" + text[start:end] + "]]" + text[end:end + 25]).replace("\n", " ")


def errors(doc, preds) -> list[tuple[str, str]]:
    """(kind, line) per error in one document: missed, wrong value/type, spurious."""
    out = []
    for g in doc.timexes:
        best = max(((_overlap(doc.text, g, p), p) for p in preds), key=lambda x: x[0], default=(0, None))
        p = best[1] if best[0] else None
        if p is None:
            kind = f"missed {g.type}"
        elif p.value != g.value or p.type != g.type:
            kind = f"wrong {'value' if p.value != g.value else 'type'} {g.type}"
        else:
            continue
        got = f"{p.type} {p.value} {p.text!r}" if p else "-"
        out.append((kind, f"{kind:20} gold {g.type} {g.value:12} got {got:34} {_context(doc.text, g.start, g.end)}"))
    for p in preds:
        if not any(_overlap(doc.text, g, p) for g in doc.timexes):
            out.append(("spurious", f"{'spurious':20} {p.type} {p.value:12} {_context(doc.text, p.start, p.end)}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=["odd", "even", "all"], default="odd")
    ap.add_argument("--shared", default=None)
    ap.add_argument("--quiet", action="store_true", help="only the counts")
    args = ap.parse_args()
    docs = halves(load(find_shared(args.shared) / "benchmarks" / "te3-platinum"))[args.half]
    nlp = load_nlp()
    kinds: Counter[str] = Counter()
    for doc in docs:
        found = errors(doc, predict(doc, nlp))
        kinds.update(k for k, _ in found)
        if found and not args.quiet:
            print(f"## {doc.name} (DCT {doc.dct})")
            print("\n".join(line for _, line in found))
    print("\n".join(f"{n:4}  {k}" for k, n in kinds.most_common()))


if __name__ == "__main__":
    main()
