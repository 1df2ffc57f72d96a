"""Dev aid (not a test): a fixed random sample of the quantity finder's output on real news, to judge by hand.

Usage: .venv/bin/python scripts/dev_quantity_sample.py [PATH] [--seed 7] [--found 150] [--empty 50]
                                                       [--articles 80]

Reads ``../shared/corpus/topical.jsonl`` (news that is not a benchmark; PATH may also be a
``.jsonl.gz`` such as ``../shared/corpus/bulk.jsonl.gz``), parses a seeded random
choice of articles, and prints (1) ``--found`` quantities that ``find_quantities`` reports, each
with its sentence, and (2) ``--empty`` sentences that hold a digit but where it reports nothing.
The same seed gives the same articles, so a before/after tally is made on one sample. Judging is
done by reading: right / wrong value / wrong unit / wrong qualifier-change / not a quantity / missed.
``--save-keys FILE`` keeps the drawn items; ``--keys FILE`` re-runs the finder on exactly those items
(each sentence parsed alone), so a change is judged on the same sample even when it alters what is found.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lib.eval.common import load_nlp  # noqa: E402
from lib.quantities import find_quantities  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "topical.jsonl"
_DIGIT = re.compile(r"\d")


def _articles(path: Path, rng: random.Random, n: int) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open  # bulk.jsonl.gz is 20,000 Reuters articles
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    chosen = rng.sample(rows, min(n, len(rows)))
    return [" ".join(r.get("text", "").split()) for r in chosen]  # wire text is hard-wrapped


def _describe(q) -> str:
    extra = f" change={q.change}" if q.change else ""
    return f"«{q.text}» value={q.value:g} unit={q.unit} {q.qualifier}{extra} [{q.category}]"


def _draw(nlp, path: Path, args) -> tuple[list, list]:
    """The seeded sample: (found items as (sentence, QuantityMatch, number offset in sentence), empty sentences)."""
    rng = random.Random(args.seed)
    found, empty = [], []
    for doc in nlp.pipe(_articles(path, rng, args.articles)):
        matches = find_quantities(doc)
        for sent in doc.sents:
            inside = [q for q in matches if sent.start_char <= q.num_start < sent.end_char]
            found.extend((sent.text, q, q.num_start - sent.start_char) for q in inside)
            if not inside and _DIGIT.search(sent.text):
                empty.append(sent.text)
    chosen = sorted(rng.sample(found, min(args.found, len(found))), key=lambda x: x[0])
    return chosen, rng.sample(empty, min(args.empty, len(empty)))


def _replay(nlp, keys: dict) -> None:
    """Judge the SAME items again after a change: what the finder now reports at each saved number
    (the drawn sample itself shifts when the finder finds more or fewer quantities)."""
    for i, (text, offset) in enumerate(keys["found"]):
        doc = nlp(text)
        now = [q for q in find_quantities(doc) if q.num_start <= offset < max(q.num_end, q.num_start + 1)]
        print(f"Q{i:03d} {_describe(now[0]) if now else '(nothing)'}")
        print(f"      {text[:260]}")
    for i, text in enumerate(keys["empty"]):
        doc = nlp(text)
        print(f"E{i:03d} {text[:260]}")
        for q in find_quantities(doc):
            print(f"      now {_describe(q)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--found", type=int, default=150)
    ap.add_argument("--empty", type=int, default=50)
    ap.add_argument("--articles", type=int, default=80)
    ap.add_argument("--save-keys", help="write the drawn items (sentence, number offset) to this JSON file")
    ap.add_argument("--keys", help="re-judge the items saved by --save-keys instead of drawing")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    if args.keys:
        _replay(nlp, json.loads(Path(args.keys).read_text(encoding="utf-8")))
        return 0
    path = Path(args.path)
    if not path.is_file():
        print(f"corpus not found: {path}")
        return 0
    chosen, empty = _draw(nlp, path, args)
    for i, (text, q, _) in enumerate(chosen):
        print(f"Q{i:03d} {_describe(q)}")
        print(f"      {text[:260]}")
    for i, text in enumerate(empty):
        print(f"E{i:03d} {text[:260]}")
    if args.save_keys:
        keys = {"found": [(text, offset) for text, _, offset in chosen], "empty": empty}
        Path(args.save_keys).write_text(json.dumps(keys), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
