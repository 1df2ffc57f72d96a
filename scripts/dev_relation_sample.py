"""Print a fixed random sample of the relations the extractor finds in a corpus, with their sentences.

Usage: python scripts/dev_relation_sample.py [PATH] [--n 100] [--seed 3] [--limit N]

For reading precision on real news: each line gives the article, (source, action, target), claimant,
modality, the trigger word and the sentence. The sample is drawn with ``random.Random(seed)`` from
all relations in corpus order, so two runs on the same code print the same relations. A report, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.pipeline import extract_paths  # noqa: E402
from lib.records import Extraction  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "topical.jsonl"


def _sentence(text: str, start: int, end: int) -> str:
    """The line (paragraph) around [start, end), cut to the sentence-ish stretch near the trigger."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 300)
    hi = text.find("\n", end)
    hi = min(hi if hi >= 0 else len(text), end + 300)
    return " ".join(text[lo:hi].split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="stop after N articles")
    args = ap.parse_args(argv)
    if not Path(args.path).exists():
        print(f"corpus not found: {args.path}")
        return 0
    rows = []
    for ex in islice(extract_paths([args.path]), args.limit):
        if not isinstance(ex, Extraction):
            continue
        text = ex.article.text
        for r in ex.relations:
            rows.append((ex.article.id, r.source, r.action, r.target, r.claimant, r.modality,
                         text[r.start:r.end], _sentence(text, r.start, r.end)))
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    print(f"{len(rows)} relations; sample of {len(sample)} (seed {args.seed})")
    for i, (aid, src, act, tgt, who, mod, trig, sent) in enumerate(sample, 1):
        print(f"{i:3}. {aid} {src} -{act}-> {tgt} [{who or '-'}, {mod}] '{trig}': {sent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
