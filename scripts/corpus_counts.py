"""Run the extractor over a corpus (default ../shared/corpus/topical.jsonl) and print what it found.

Usage: python scripts/corpus_counts.py [PATH ...] [--limit N]

Prints articles read / failed, facts per kind, quantities per category and qualifier, relations per
action, events per precision, the most frequent actors, and throughput. A report, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.pipeline import extract_paths  # noqa: E402
from lib.records import Extraction, IngestError  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "topical.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--limit", type=int, default=None, help="stop after N articles")
    args = ap.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"corpus not found: {', '.join(missing)} (nothing to count)")
        return 0

    t0 = time.perf_counter()
    kinds: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    qualifiers: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    precisions: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    failed: list[IngestError] = []
    n = words = 0
    for item in islice(extract_paths(args.paths), args.limit):
        if isinstance(item, IngestError):
            failed.append(item)
            continue
        assert isinstance(item, Extraction)
        n += 1
        words += len(item.article.text.split())
        kinds.update(item.counts())
        categories.update(q.category for q in item.quantities)
        qualifiers.update(q.qualifier for q in item.quantities)
        actions.update(r.action for r in item.relations)
        precisions.update(e.precision for e in item.events)
        actors.update(a.actor for a in item.actors)
    dt = time.perf_counter() - t0

    print(f"corpus: {', '.join(args.paths)}")
    print(f"articles: {n} extracted, {len(failed)} failed; {words:,} words in {dt:.1f} s "
          f"({n / dt:.1f} articles/s, {words / dt:,.0f} words/s)")
    for err in failed[:10]:
        print(f"  failed: {err}")
    print("facts per kind:  " + ", ".join(f"{k} {kinds[k]}" for k in ("actors", "relations", "events", "quantities")))
    print("quantities per category: " + ", ".join(f"{k} {v}" for k, v in categories.most_common()))
    print("quantities per qualifier: " + ", ".join(f"{k} {v}" for k, v in qualifiers.most_common()))
    print("relations per action: " + ", ".join(f"{k} {v}" for k, v in actions.most_common()))
    print("events per precision: " + ", ".join(f"{k} {v}" for k, v in precisions.most_common()))
    print("top actors: " + ", ".join(f"{k} {v}" for k, v in actors.most_common(15)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
