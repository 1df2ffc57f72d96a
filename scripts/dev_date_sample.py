"""Dev check (not a test): a fixed random sample of what find_dates finds (and misses) in a corpus, to judge by hand.

Usage: .venv/bin/python scripts/dev_date_sample.py [--corpus PATH] [--freeze FILE | --replay FILE]
                                                    [--found 150] [--none 50] [--seed 7]

Articles are shuffled with ``--seed`` and parsed in that order until the pool holds enough; then
``--found`` date mentions are drawn from every mention found (each printed with the publication date
and weekday, the value and its context), and ``--none`` sentences with no date found but a time
word in them (a month, a weekday, "year", "week", "ago", "last", "next", "since", "until").

``--freeze FILE`` writes the sample's keys (article id and character span) so that ``--replay FILE``
prints the same items again after the code changes: for a mention, what find_dates now finds
overlapping it; for a sentence, every date now found in it. The judging is done by reading.

``scripts/dev_date_sample_keys.json`` is the sample judged for issue 3 (150 mentions + 50 sentences
from topical.jsonl): replay it to compare a change with the tally in the report. Its mentions were
drawn by this script before a sentence counted as dated when a match merely overlapped it (a match's
preposition can sit on the line before), so a fresh ``--freeze`` draws a different sample.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lib.dates import find_dates  # noqa: E402
from lib.eval.common import load_nlp  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "topical.jsonl"
_TIME_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|[Yy]ears?|[Ww]eeks?|ago|[Ll]ast|[Nn]ext|[Ss]ince|[Uu]ntil)\b")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _describe(m) -> str:
    v = m.value
    extra = "".join([f"..{v.date_end}" if v.date_end else "", " open" if v.open_end else "",
                     " ~" if v.approximate else "", f" [{v.timeml}]" if v.timeml else ""])
    return f"{m.text!r} -> {v.date}{extra}"


def _articles(corpus: Path, seed: int) -> list[dict]:
    arts = [json.loads(line) for line in corpus.read_text().splitlines() if line.strip()]
    random.Random(seed).shuffle(arts)
    return arts


def _pool(arts: list[dict], nlp, want_found: int, want_none: int):
    """Parse articles in order until 4x the wanted mentions and sentences are pooled."""
    found, none, docs = [], [], {}
    for art in arts:
        doc = nlp(art["text"])
        docs[art["id"]] = (art, doc)
        matches = find_dates(doc, art["published"])
        found += [(art["id"], m.start, m.end) for m in matches]
        for sent in doc.sents:
            # a match's preposition may sit on the sentence before ("in\nAugust"): overlap, not start
            if _TIME_WORD.search(sent.text) and not any(
                    m.start < sent.end_char and sent.start_char < m.end for m in matches):
                none.append((art["id"], sent.start_char, sent.end_char))
        if len(found) >= 4 * want_found and len(none) >= 4 * want_none:
            break
    return found, none, docs


def _print(kind: str, i: int, key, docs) -> None:
    aid, s, e = key
    art, doc = docs[aid]
    text, pub = art["text"], art["published"]
    wd = __import__("datetime").date.fromisoformat(pub).strftime("%a")
    matches = find_dates(doc, pub)
    if kind == "F":
        hits = [m for m in matches if m.start < e and s < m.end]
        ctx = _flat(text[max(0, s - 90):s] + "[[" + text[s:e] + "]]" + text[e:e + 60])
    else:
        hits = [m for m in matches if m.start < e and s < m.end]
        ctx = _flat(text[max(0, s - 90):s] + "{{" + text[s:e] + "}}" + text[e:e + 60])
    got = "; ".join(_describe(m) for m in hits) or "-"
    print(f"{kind}{i:03d} {aid} pub {pub} {wd} | {got}\n      {ctx}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--found", type=int, default=150)
    ap.add_argument("--none", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--freeze", help="write the sample's keys to this JSON file")
    group.add_argument("--replay", help="print the sample frozen in this JSON file, with today's results")
    args = ap.parse_args()
    nlp = load_nlp()
    arts = _articles(Path(args.corpus), args.seed)
    if args.replay:
        keys = json.loads(Path(args.replay).read_text())
        wanted = {k[0] for k in keys["found"] + keys["none"]}
        docs = {a["id"]: (a, nlp(a["text"])) for a in arts if a["id"] in wanted}
        found, none = [tuple(k) for k in keys["found"]], [tuple(k) for k in keys["none"]]
    else:
        found, none, docs = _pool(arts, nlp, args.found, args.none)
        rng = random.Random(args.seed)
        found = sorted(rng.sample(found, min(args.found, len(found))))
        none = sorted(rng.sample(none, min(args.none, len(none))))
        if args.freeze:
            Path(args.freeze).write_text(json.dumps({"found": found, "none": none}))
    for i, key in enumerate(found, 1):
        _print("F", i, key, docs)
    for i, key in enumerate(none, 1):
        _print("N", i, key, docs)


if __name__ == "__main__":
    main()
