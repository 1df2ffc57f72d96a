"""Dev scorer (not a test): actors and relations on the 20 modern_dev articles against gold.json.

    .venv/bin/python scripts/dev_actors.py [--corpus ../shared/corpus/modern_dev] [-v]

Countries: P/R/F1 of the set of states per article (title + body) against gold `countries`
(`countries_soft` and related blocks neither rewarded nor penalised). Relations: P/R of
(source, target, action) per article against non-soft gold; a prediction matching a soft gold item
is ignored. Denied relations are left out (the gold lists what happened, not what was denied).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from lib.actors import find_actors
from lib.nlp import load
from lib.relations import find_relations

_DATE_LINE = re.compile(r"^.*(\d{2}-\d{2}-\d{4}|Published \d{1,2} \w+ \d{4})\s*$")


def page_body(text: str, captions: list[str]) -> str:
    """The prose between the outlet/date line and "Orange background", captions removed."""
    lines = text.split("Orange background")[0].splitlines()
    start = max(i for i, line in enumerate(lines[:8]) if _DATE_LINE.match(line)) + 1
    keep = [line for line in lines[start:] if line.strip() and line.strip() not in captions]
    return "\n".join(keep)


def articles(corpus: Path) -> list[tuple[str, str, dict]]:
    gold = {a.get("file") or a.get("id"): a for a in json.loads((corpus / "gold.json").read_text())["articles"]}
    out = []
    for key, g in gold.items():
        if key.endswith(".txt"):
            body = page_body((corpus / key).read_text(), g.get("captions", []))
        else:
            rec = next(json.loads(line) for line in (corpus / "modern_dev.jsonl").open() if key in line)
            body = "\n".join(line for line in rec["text"].splitlines() if line.strip() not in g.get("captions", []))
        out.append((key, g["title"] + ".\n\n" + body, g))
    return out


def score(corpus: Path, verbose: bool) -> None:
    nlp = load()
    tp = fp = fn = rtp = rfp = rfn = ltp = lfp = lfn = 0
    for key, text, g in articles(corpus):
        doc = nlp(text)
        mentions = find_actors(doc)
        found = {m.ref.id for m in mentions if m.ref.kind == "state"}
        gold, soft = set(g["countries"]), set(g.get("countries_soft", []))
        tp += len(found & gold)
        fp += len(found - gold - soft)
        fn += len(gold - found)
        rels = []
        for sent in doc.sents:
            sm = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            rels += [(r, sent) for r in find_relations(sent, sm) if r.modality != "denied"]
        hard = {(r["source"], r["target"], r["action"]) for r in g["relations"] if not r["soft"]}
        softr = {(r["source"], r["target"], r["action"]) for r in g["relations"] if r["soft"]}
        pred = {(r.source, r.target, r.action) for r, _ in rels}
        rtp += len(pred & hard)
        rfp += len(pred - hard - softr)
        rfn += len(hard - pred)
        merge = {"transfer": "supply"}  # the gold itself uses both for "sent/shipped X to Y"
        lp, lh, ls = ({(a, b, merge.get(c, c)) for a, b, c in x} for x in (pred, hard, softr))
        ltp, lfp, lfn = ltp + len(lp & lh), lfp + len(lp - lh - ls), lfn + len(lh - lp)
        if verbose:
            print(f"== {key}  countries +{sorted(found - gold - soft)} -{sorted(gold - found)}")
            for r, sent in rels:
                k = (r.source, r.target, r.action)
                mark = "OK " if k in hard else ("soft" if k in softr else "FP ")
                print(f"  {mark} {k} obj={r.object!r} [{doc.text[r.start:r.end]}] {r.claimant} {r.modality}")
                if mark == "FP ":
                    print("       |", sent.text.strip()[:200])
            for k in sorted(hard - pred):
                cue = next(r["cue"] for r in g["relations"] if (r["source"], r["target"], r["action"]) == k)
                print(f"  MISS {k} | {cue}")
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"countries  P={p:.3f} R={r:.3f} F1={2 * p * r / max(p + r, 1e-9):.3f}  (tp={tp} fp={fp} fn={fn})")
    rp, rr = rtp / max(rtp + rfp, 1), rtp / max(rtp + rfn, 1)
    print(f"relations  P={rp:.3f} R={rr:.3f}  (tp={rtp} fp={rfp} fn={rfn})")
    lp, lr = ltp / max(ltp + lfp, 1), ltp / max(ltp + lfn, 1)
    print(f"relations, transfer=supply  P={lp:.3f} R={lr:.3f}  (tp={ltp} fp={lfp} fn={lfn})")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/modern_dev")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    score(args.corpus, args.verbose)
