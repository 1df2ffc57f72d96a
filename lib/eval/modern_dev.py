"""modern_dev: the whole path (ingest → parse → extract) against the hand-made gold of 20 articles.

Gold conventions (``shared/corpus/modern_dev/README.md``): soft items are neither rewarded nor
penalised, so a prediction that only matches a soft item is dropped from both sides; cues are
exact substrings once whitespace is collapsed, `` ... `` joining parts in order. Related-article
blocks of the pages are articles of their own, with their own gold.

Scores are micro-averaged over articles; every gold article the ingest does not produce counts
its items as missed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lib.eval.common import ZERO, Counts, heading, one_to_one, pct, table, values_equal
from lib.records import Article, Extraction

_ISO3 = re.compile(r"^[A-Z]{3}$")


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).lower()


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold entry (main article or related block) and where it comes from."""

    key: str  # file name or JSON Lines id
    data: dict
    related: bool = False


def gold_articles(gold: dict) -> list[GoldArticle]:
    """Main articles and their related blocks, in file order."""
    out = []
    for a in gold["articles"]:
        key = a.get("file") or a.get("id")
        out.append(GoldArticle(key, a))
        out.extend(GoldArticle(key, r, related=True) for r in a.get("related", []))
    return out


def pair_articles(golds: Sequence[GoldArticle], articles: Sequence[Article]) -> list[tuple[GoldArticle, Article | None]]:
    """Each gold entry with the ingested article from the same file/id and the same title, if any."""
    by_key: dict[str, list[Article]] = {}
    for a in articles:
        by_key.setdefault(Path(a.source).name, []).append(a)
        by_key.setdefault(a.id, []).append(a)
    out = []
    for g in golds:
        cands = by_key.get(g.key, [])
        same = [a for a in cands if _norm(a.title) == _norm(g.data["title"])]
        out.append((g, same[0] if same else None))
    return out


def find_cue(text: str, cue: str) -> tuple[int, int] | None:
    """The span of a gold cue in ``text``: whitespace-insensitive, `` ... `` matching any gap.

    >>> find_cue("Seoul  said on\\nMonday that ...", "said on Monday ... that")
    (7, 26)
    """
    parts = [r"\s+".join(map(re.escape, p.split())) for p in cue.split(" ... ")]
    m = re.search(r".*?".join(parts), text, re.S)
    return (m.start(), m.end()) if m else None


def _overlaps(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and a[0] < end and start < a[1]


# ---------------------------------------------------------------------------------------------
# Per-kind scorers over one article


def score_sets(gold: Iterable, soft: Iterable, pred: Iterable) -> Counts:
    """Set P/R: predictions that are soft gold items count on neither side.

    >>> score_sets({"PRK", "RUS"}, {"CHN"}, {"PRK", "CHN", "USA"})
    Counts(tp_pred=1, n_pred=2, tp_gold=1, n_gold=2)
    """
    g, s = set(gold), set(soft) - set(gold)
    p = set(pred) - s
    return Counts.single(len(g & p), len(p), len(g))


def score_multiset(gold: Iterable, soft: Iterable, pred: Iterable) -> Counts:
    """Like :func:`score_sets` but counting repeats: two gold "2024-10" need two predictions.

    >>> score_multiset(["2024-10", "2024-10"], [], ["2024-10", "2024"])
    Counts(tp_pred=1, n_pred=2, tp_gold=1, n_gold=2)
    """
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    spare = p - g  # predictions left over may be excused by a soft item
    excused = sum((spare & Counter(soft)).values())
    n_pred = sum(p.values()) - excused
    return Counts.single(tp, n_pred, sum(g.values()))


@dataclass
class QuantityScore:
    """Quantity counts of one article: value matches, with qualifier, with category; not-quantity hits."""

    value: Counts = ZERO
    qualifier: Counts = ZERO
    category: Counts = ZERO
    not_quantity_hits: int = 0
    not_quantities: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def score_quantities(gold: dict, ex: Extraction | None) -> QuantityScore:
    """One-to-one value matching (preferring the cue's span, then qualifier and category).

    Predictions left over that match a soft gold item (its value or its cue) are dropped; those inside a
    ``not_quantities`` cue are counted as such hits (they are false positives as well).
    """
    text = ex.article.text if ex else ""
    preds = list(ex.quantities) if ex else []
    hard = [q for q in gold.get("quantities", []) if not q.get("soft")]
    soft = [q for q in gold.get("quantities", []) if q.get("soft")]
    spans = [find_cue(text, q["cue"]) for q in hard]

    def weight(i: int, p) -> float | None:
        g = hard[i]
        if not values_equal(float(g["value"]), float(p.value)):
            return None
        return 1 + 4 * _overlaps(spans[i], p.start, p.end) + 2 * (p.qualifier == g["qualifier"]) + (
            p.category == g["category"])

    pairs = one_to_one(list(range(len(hard))), preds, weight)
    matched = {j for _, j in pairs}
    left = [p for j, p in enumerate(preds) if j not in matched]
    soft_spans = [find_cue(text, s["cue"]) for s in soft]
    left = [p for p in left if not any(  # a soft item excuses its own mention whatever value we read
        values_equal(float(s["value"]), float(p.value)) or _overlaps(span, p.start, p.end)
        for s, span in zip(soft, soft_spans, strict=True))]
    n_pred, n_gold = len(pairs) + len(left), len(hard)
    not_q = [find_cue(text, c["cue"]) for c in gold.get("not_quantities", [])]
    found = {i for i, _ in pairs}
    return QuantityScore(
        value=Counts.single(len(pairs), n_pred, n_gold),
        qualifier=Counts.single(sum(preds[j].qualifier == hard[i]["qualifier"] for i, j in pairs), n_pred, n_gold),
        category=Counts.single(sum(preds[j].category == hard[i]["category"] for i, j in pairs), n_pred, n_gold),
        not_quantity_hits=sum(any(_overlaps(s, p.start, p.end) for s in not_q) for p in left),
        not_quantities=len(not_q),
        misses=[hard[i]["cue"] for i in range(len(hard)) if i not in found],
        extras=[p.text for p in left],
    )


def _claimants(value: str | None) -> set[str]:
    return {_norm(c) for c in (value or "").split(",") if c.strip()}


def score_claims(gold: dict, ex: Extraction | None) -> tuple[int, int, int, int]:
    """(claims, claims with a fact in their sentence, claimant right, modality right).

    Best effort: a gold claim is located by its cue; the facts of that sentence (relations,
    quantities, events) are right on claimant when any carries the gold claimant(s) and on
    modality when any carries the gold modality.
    """
    claims = gold.get("claims", [])
    if ex is None:
        return len(claims), 0, 0, 0
    facts = [*ex.relations, *ex.quantities, *ex.events]
    covered = who = how = 0
    for c in claims:
        span = find_cue(ex.article.text, c["cue"])
        sent = next((s for s in ex.sentences if span and s[0] <= span[0] < s[1]), None)
        here = [f for f in facts if sent and sent[0] <= f.start < sent[1]]
        covered += bool(here)
        who += any(_claimants(f.claimant) == _claimants(c["claimant"]) for f in here)
        how += any(f.modality == c["modality"] for f in here)
    return len(claims), covered, who, how


# ---------------------------------------------------------------------------------------------
# The whole set


@dataclass
class DevReport:
    """Totals over all gold articles."""

    rows: dict[str, Counts] = field(default_factory=dict)
    quantities: QuantityScore = field(default_factory=QuantityScore)
    claims: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    metadata: Counter = field(default_factory=Counter)
    articles: int = 0
    found: int = 0
    extra: int = 0

    def add(self, name: str, c: Counts) -> None:
        self.rows[name] = self.rows.get(name, ZERO) + c


def score_article(report: DevReport, gold: GoldArticle, ex: Extraction | None) -> None:
    """Add one article's counts to the report."""
    g = gold.data
    report.articles += 1
    report.found += ex is not None
    actors = {a.actor for a in ex.actors if _ISO3.match(a.actor)} if ex else set()
    report.add("countries (ISO3 per article)", score_sets(g.get("countries", []), g.get("countries_soft", []), actors))
    from lib.eval.relations_gold import triple  # meet/agree/negotiate compare without direction

    hard = [triple(r["source"], r["target"], r["action"]) for r in g.get("relations", []) if not r.get("soft")]
    soft = [triple(r["source"], r["target"], r["action"]) for r in g.get("relations", []) if r.get("soft")]
    pred = {triple(r.source, r.target, r.action) for r in ex.relations} if ex else set()
    report.add("relations (source, target, action)", score_sets(hard, soft, pred))
    report.add("relations (source, target)", score_sets({h[:2] for h in hard}, {s[:2] for s in soft},
                                                        {p[:2] for p in pred}))
    events = g.get("events", [])
    report.add("events (date value)", score_multiset(
        [e["date"] for e in events if not e.get("soft")], [e["date"] for e in events if e.get("soft")],
        [e.date for e in ex.events] if ex else []))
    q = score_quantities(g, ex)
    tot = report.quantities
    report.quantities = QuantityScore(tot.value + q.value, tot.qualifier + q.qualifier, tot.category + q.category,
                                      tot.not_quantity_hits + q.not_quantity_hits,
                                      tot.not_quantities + q.not_quantities, tot.misses + q.misses,
                                      tot.extras + q.extras)
    report.claims = [a + b for a, b in zip(report.claims, score_claims(g, ex), strict=True)]
    if ex is not None:
        art = ex.article
        report.metadata["title"] += _norm(art.title) == _norm(g["title"])
        report.metadata["outlet"] += _norm(art.outlet) == _norm(g.get("outlet"))
        report.metadata["published"] += art.published == g.get("published")


def dev_table(r: DevReport) -> str:
    """One table: P/R/F1 rows, then accuracies (claims, metadata) and counts."""
    rows = [[name, c.tp_gold, c.n_pred, c.n_gold, pct(c.p), pct(c.r), pct(c.f1)] for name, c in r.rows.items()]
    q = r.quantities
    for name, c in (("quantities (value)", q.value), ("  + qualifier", q.qualifier), ("  + category", q.category)):
        rows.append([name, c.tp_gold, c.n_pred, c.n_gold, pct(c.p), pct(c.r), pct(c.f1)])
    rows.append(["not_quantities extracted (FP)", q.not_quantity_hits, "", q.not_quantities, "", "", ""])
    n, covered, who, how = r.claims
    for name, k in (("claims: fact in sentence", covered), ("claims: claimant right", who),
                    ("claims: modality right", how)):
        rows.append([name, k, "", n, "", pct(k / n if n else 0), ""])
    for name in ("title", "outlet", "published"):
        rows.append([f"metadata: {name}", r.metadata[name], "", r.articles, "", pct(r.metadata[name] / r.articles), ""])
    rows.append(["articles ingested / extra", r.found, r.extra, r.articles, "", "", ""])
    return table(["metric", "tp", "pred", "gold", "P", "R", "F1"], rows)


def evaluate(folder: Path, nlp) -> DevReport:
    """Ingest the folder, extract every article and score it against ``gold.json``."""
    from lib.extract import extract
    from lib.ingest import iter_articles

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    paths = sorted(folder.glob("page*.txt")) + sorted(folder.glob("*.jsonl"))
    articles = [a for a in iter_articles(paths) if isinstance(a, Article)]
    pairs = pair_articles(gold_articles(gold), articles)
    used = [a for _, a in pairs if a is not None]
    docs = dict(zip((a.id for a in used), nlp.pipe([a.text for a in used]), strict=True))
    report = DevReport(extra=len({a.id for a in articles} - {a.id for a in used}))
    for g, art in pairs:
        score_article(report, g, extract(docs[art.id], art) if art else None)
    return report


def run(shared: Path, nlp) -> str:
    """The modern_dev report as text."""
    folder = shared / "corpus" / "modern_dev"
    if not (folder / "gold.json").is_file():
        return f"modern_dev not found at {folder}"
    report = evaluate(folder, nlp)
    out = [heading("modern_dev: ingest + extract vs gold.json (soft items neither rewarded nor penalised)")]
    out.append(dev_table(report))
    if report.quantities.misses:
        out.append("missed quantities: " + "; ".join(report.quantities.misses))
    if report.quantities.extras:
        out.append("unmatched quantities: " + "; ".join(report.quantities.extras))
    return "\n".join(out)
