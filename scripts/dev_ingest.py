"""Dev check of ingest against the shared corpus (not a test: users' clones have no ../shared).

    .venv/bin/python scripts/dev_ingest.py [/work/shared/corpus]

Pages: title, outlet, published, captions, boilerplate and related blocks vs modern_dev/gold.json.
HTML: token-overlap F1 of the extracted text vs html/ground_truth.json articleBody.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.ingest import iter_articles, parse_page  # noqa: E402

CORPUS = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus")


def page_errors(g: dict) -> list:
    arts = parse_page((CORPUS / "modern_dev" / g["file"]).read_text(encoding="utf-8"), source=g["file"])
    main, related = arts[0], arts[1:]
    errs = [(f, getattr(main, f), g[f]) for f in ("title", "outlet", "published") if getattr(main, f) != g[f]]
    if list(main.captions) != g["captions"]:
        errs.append(("captions", main.captions, g["captions"]))
    for a in arts:
        lines = {ln.strip() for ln in a.text.split("\n")}
        errs += [("caption in text", c) for c in g["captions"] if c in a.text]
        errs += [("boilerplate in text", b) for b in g["boilerplate"] if b.strip() in lines or (len(b) > 12 and b in a.text)]
        errs += [("title in text", a.title)] if a.title in a.text else []
    want = [(r["title"], r["outlet"], r["published"]) for r in g["related"]]
    got = [(r.title, r.outlet, r.published) for r in related]
    return errs + ([("related", got, want)] if got != want else [])


def tokens(s: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", s.lower()))


def html_f1() -> list[float]:
    truth = json.loads((CORPUS / "html" / "ground_truth.json").read_text(encoding="utf-8"))
    scores = []
    for a in iter_articles(sorted((CORPUS / "html").glob("*.html"))):
        g, p = tokens(truth[Path(a.source).name]["articleBody"]), tokens(getattr(a, "text", ""))
        overlap = sum((g & p).values())
        prec, rec = overlap / max(1, sum(p.values())), overlap / max(1, sum(g.values()))
        scores.append(2 * prec * rec / max(1e-9, prec + rec))
    return scores


if __name__ == "__main__":
    gold = json.loads((CORPUS / "modern_dev" / "gold.json").read_text(encoding="utf-8"))
    pages = [g for g in gold["articles"] if "file" in g]
    ok = 0
    for g in pages:
        errs = page_errors(g)
        ok += not errs
        print(g["file"], "OK" if not errs else errs)
    print(f"pages: {ok}/{len(pages)} match gold")
    f1 = html_f1()
    print(f"html: mean token F1 {sum(f1) / len(f1):.3f} over {len(f1)} pages (min {min(f1):.2f})")
