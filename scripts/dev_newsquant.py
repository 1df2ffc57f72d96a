"""Dev aid (not a test): dump NewsQuant errors of the quantity finder, one sentence at a time.

Usage: .venv/bin/python scripts/dev_newsquant.py [--half odd|even|all] [--kind value|unit|change|concept]
                                                 [--types] [--limit N]

Reads ``../shared/benchmarks/newsquant/NewsQuant.json`` in place (nothing is copied into the
repository). Gold and predictions are paired one-to-one (the strict scorer); for each sentence with
an error of the chosen kind it prints the sentence, the missed gold items, the spurious predictions
(with the phrase we matched) and the attribute mismatches of the pairs. ``--types`` prints instead
a rough tally of error types, by the shape of the missed or spurious item. Development uses the
odd half only; the even half is the held-out check.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.eval.common import find_shared, halves, load_nlp  # noqa: E402
from lib.eval.newsquant import CqeQuantity, from_match, load_set, strict_pairs  # noqa: E402
from lib.quantities import find_quantities  # noqa: E402


def _fmt(q: CqeQuantity, text: str = "") -> str:
    extra = f"  «{text}»" if text else ""
    return f"{q.value} [{q.unit}] {q.change} {' '.join(q.concepts)}{extra}"


def _error_type(kind: str, q: CqeQuantity, sentence: str) -> str:
    """A rough label for a missed (kind="fn") or spurious (kind="fp") item."""
    if kind == "fp":
        return f"fp unit={q.unit}" if q.unit in ("-", "percentage", "dollar") else "fp counted noun"
    value = q.value[0] if isinstance(q.value, tuple) else q.value
    shape = "range" if isinstance(q.value, tuple) else "scalar"
    if value == int(value) and 1900 <= value <= 2100:
        return f"fn {shape} year-like"
    if re.search(r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\b", sentence.lower()) and value <= 10:
        return f"fn {shape} small/word"
    return f"fn {shape} unit={q.unit}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default="odd", choices=("odd", "even", "all"))
    ap.add_argument("--kind", default="value", choices=("value", "unit", "change", "concept"))
    ap.add_argument("--types", action="store_true", help="tally error types instead of listing")
    ap.add_argument("--limit", type=int, default=10_000)
    args = ap.parse_args(argv)
    path = find_shared() / "benchmarks" / "newsquant" / "NewsQuant.json"
    if not path.is_file():
        print(f"NewsQuant not found at {path}")
        return 0
    data = halves(load_set(path))[args.half]
    nlp = load_nlp()
    types: Counter[str] = Counter()
    examples: dict[str, str] = {}
    shown = 0
    for (text, gold), doc in zip(data, nlp.pipe([t for t, _ in data], batch_size=64), strict=True):
        matches = find_quantities(doc, include_ages=True, include_durations=True, include_member_counts=True,
                                  include_one_of=True, include_fractions=True)
        preds = [from_match(m, doc=doc) for m in matches]
        pairs = strict_pairs(gold, preds)
        lines = _errors(args.kind, gold, preds, matches, pairs)
        for kind, q in ((k, q) for k, q, _ in lines if k in ("fn", "fp")):
            label = _error_type(kind, q, text)
            types[label] += 1
            examples.setdefault(label, f"{_fmt(q)}  ::  {text[:160]}")
        if lines and not args.types and shown < args.limit:
            shown += 1
            print(f"\n# {text}")
            for kind, q, phrase in lines:
                print(f"  {kind:6} {_fmt(q, phrase)}")
    if args.types:
        for label, n in types.most_common(25):
            print(f"{n:4}  {label:30}  e.g. {examples[label]}")
    return 0


def _errors(kind, gold, preds, matches, pairs) -> list[tuple[str, CqeQuantity, str]]:
    """(label, quantity, matched phrase) lines for one sentence, for the chosen error kind."""
    paired_g = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    out = []
    if kind == "value":
        out += [("fn", g, "") for i, g in enumerate(gold) if i not in paired_g]
        out += [("fp", p, matches[j].text) for j, p in enumerate(preds) if j not in paired_p]
        return out
    for i, j in pairs:
        g, p = gold[i], preds[j]
        bad = {
            "unit": g.unit.lower() != p.unit.lower(),
            "change": g.change != p.change,
            "concept": not ({c.lower() for c in g.concepts} & {c.lower() for c in p.concepts}),
        }[kind]
        if bad:
            out += [("gold", g, ""), ("pred", p, matches[j].text)]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
