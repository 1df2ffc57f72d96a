"""Syndication on real wire text: how fast story grouping is, and whether it finds Reuters' re-sent stories.

Reads ../shared/corpus (a script, not a test). Prints the time to group the 20,000 bulk articles and,
on topical.jsonl, how many records flagged ``meta.dup_text`` (exact re-sends) share a story with
another record, and how many stories there are.

    .venv/bin/python scripts/bench_syndication.py
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib.syndication import story_ids  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _load(path: Path) -> pd.DataFrame:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return pd.DataFrame(
        {
            "id": [r["id"] for r in rows],
            "text": [r.get("text") for r in rows],
            "published": [r.get("published") for r in rows],
            "dup": [bool((r.get("meta") or {}).get("dup_text")) for r in rows],
        }
    )


def main() -> None:
    topical = _load(CORPUS / "topical.jsonl")
    stories = story_ids(topical)
    sizes = Counter(stories.values())
    shared = topical["id"].map(lambda i: sizes[stories[i]] > 1)
    flagged = int(topical["dup"].sum())
    print(f"topical: {len(topical)} articles → {len(sizes)} stories")
    print(
        f"  meta.dup_text records: {flagged}; of them in a multi-copy story: "
        f"{int((shared & topical['dup']).sum())}"
    )
    print(
        f"  records in multi-copy stories without the flag (near-duplicates): "
        f"{int((shared & ~topical['dup']).sum())}"
    )
    bulk = _load(CORPUS / "bulk.jsonl.gz")
    t0 = time.perf_counter()
    stories = story_ids(bulk)
    dt = time.perf_counter() - t0
    print(f"bulk: {len(bulk)} articles → {len(set(stories.values()))} stories in {dt:.2f} s")


if __name__ == "__main__":
    main()
