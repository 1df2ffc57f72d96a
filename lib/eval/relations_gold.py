"""relations: actors and relations against our own gold set of 1987 Reuters stories.

The gold (``eval/gold/topical_relations.json``, rules in ``eval/gold/README.md``) holds article ids,
short cues and labels; the texts are read from ``shared/corpus/topical.jsonl`` at run time, because
Reuters-21578 may not be redistributed. Scores are micro-averaged over articles:

- countries: the set of states per article, named or through their people and bodies ("President
  Reagan" → USA, "IRNA" → IRN); soft countries neither rewarded nor penalised;
- relations: the set of (source, target, action) per article, meet/agree/negotiate without
  direction; soft triples neither rewarded nor penalised;
- claimant and modality: over the hard gold relations whose triple the extractor found in the
  sentence of the gold cue, the share whose claimant (as a set of names) and modality agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lib.eval.common import ROOT, ZERO, Counts, heading, pct, table
from lib.eval.modern_dev import find_cue, score_sets
from lib.records import Article, Extraction

GOLD = ROOT / "eval" / "gold" / "topical_relations.json"
SYMMETRIC = frozenset({"meet", "agree", "negotiate"})
TARGETS = {"countries F1": 0.9, "relations P": 0.8, "relations R": 0.6}


def triple(source: str, target: str, action: str) -> tuple[str, str, str]:
    """The comparable form of a relation: symmetric actions get their endpoints in sorted order.

    >>> triple("USA", "SUN", "meet"), triple("USA", "IRN", "attack")
    (('SUN', 'USA', 'meet'), ('USA', 'IRN', 'attack'))
    """
    if action in SYMMETRIC and target < source:
        source, target = target, source
    return source, target, action


def claimant_set(value: str | None) -> frozenset[str]:
    """A claimant as a set of lower-cased names: ``"USA, KOR"`` → {"usa", "kor"}; None → empty."""
    return frozenset(" ".join(c.split()).lower() for c in (value or "").split(",") if c.strip())


@dataclass
class Report:
    """Totals over the gold articles, and the errors for ``--errors``."""

    countries: Counts = ZERO
    relations: Counts = ZERO
    matched: int = 0
    claimant_right: int = 0
    modality_right: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)


def _gold_triples(relations: Iterable[dict], soft: bool) -> set[tuple[str, str, str]]:
    return {triple(r["source"], r["target"], r["action"]) for r in relations if bool(r.get("soft")) == soft}


def score_article(report: Report, gold: dict, ex: Extraction) -> None:
    """Add one article's country, relation and claimant/modality counts (and its errors) to ``report``."""
    aid = gold["id"]
    report.articles += 1
    # a state counts when named, or through a person or body of its own ("President Reagan", "IRNA")
    actors = {a.actor if a.kind == "state" else a.country for a in ex.actors if a.kind == "state" or a.country}
    soft_c = set(gold.get("countries_soft", []))
    report.countries += score_sets(gold["countries"], soft_c, actors)
    report.errors += [f"{aid} country missed {c}" for c in sorted(set(gold["countries"]) - actors)]
    report.errors += [f"{aid} country extra {c}" for c in sorted(actors - set(gold["countries"]) - soft_c)]

    hard, soft = _gold_triples(gold["relations"], False), _gold_triples(gold["relations"], True)
    preds: dict[tuple[str, str, str], list] = {}
    for r in ex.relations:
        preds.setdefault(triple(r.source, r.target, r.action), []).append(r)
    report.relations += score_sets(hard, soft, preds)
    for t in sorted(set(preds) - hard - soft):
        r = preds[t][0]
        report.errors += [f"{aid} relation extra {'/'.join(t)} [{ex.article.text[r.start:r.end]}] "
                          f"in: {' '.join(r.sentence.split())[:200]}"]
    for g in gold["relations"]:
        t = triple(g["source"], g["target"], g["action"])
        if g.get("soft"):
            continue
        if t not in preds:
            report.errors.append(f"{aid} relation missed {'/'.join(t)} cue: {g['cue']}")
            continue
        _score_attribution(report, aid, g, t, preds[t], ex)


def _score_attribution(report: Report, aid: str, g: dict, t: tuple, found: list, ex: Extraction) -> None:
    """Claimant and modality of the prediction of ``t`` in the gold cue's sentence, if there is one."""
    span = find_cue(ex.article.text, g["cue"])
    sent = next((s for s in ex.sentences if span and s[0] <= span[0] < s[1]), None)
    here = [r for r in found if sent and sent[0] <= r.start < sent[1]]
    if not here:
        return  # the triple was found elsewhere in the article: no sentence to compare
    report.matched += 1
    want = claimant_set(g.get("claimant"))
    who = any(claimant_set(r.claimant) == want for r in here)
    how = any(r.modality == g["modality"] for r in here)
    report.claimant_right += who
    report.modality_right += how
    if not (who and how):
        got = "; ".join(f"{r.claimant}/{r.modality}" for r in here)
        report.errors.append(f"{aid} attribution {'/'.join(t)} want {g.get('claimant')}/{g['modality']} "
                             f"got {got} cue: {g['cue']}")


def load_articles(corpus: Path, ids: set[str]) -> dict[str, Article]:
    """The gold articles, ingested from the corpus file the way the pipeline reads it."""
    from lib.ingest import iter_articles

    return {a.id: a for a in iter_articles([corpus]) if isinstance(a, Article) and a.id in ids}


def evaluate(corpus: Path, nlp, gold_path: Path = GOLD) -> Report:
    """Extract every gold article from ``corpus`` and score it; a gold article missing from the
    corpus counts all its items as missed."""
    from lib.extract import extract

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    articles = load_articles(corpus, {g["id"] for g in gold})
    present = [g for g in gold if g["id"] in articles]
    docs = nlp.pipe([articles[g["id"]].text for g in present])
    report = Report()
    for g, doc in zip(present, docs, strict=True):
        score_article(report, g, extract(doc, articles[g["id"]]))
    for g in gold:
        if g["id"] not in articles:
            report.articles += 1
            report.countries += Counts.single(0, 0, len(g["countries"]))
            report.relations += Counts.single(0, 0, len(_gold_triples(g["relations"], False)))
            report.errors.append(f"{g['id']} not found in {corpus.name}")
    return report


def report_table(r: Report) -> str:
    """The scores next to the targets of issue 3."""
    rows = []
    for name, c in (("countries (ISO3 per article)", r.countries), ("relations (source, target, action)", r.relations)):
        rows.append([name, c.tp_gold, c.n_pred, c.n_gold, pct(c.p), pct(c.r), pct(c.f1)])
    for name, k in (("claimant right (matched relations)", r.claimant_right),
                    ("modality right (matched relations)", r.modality_right)):
        rows.append([name, k, "", r.matched, "", pct(k / r.matched if r.matched else 0), ""])
    targets = (f"targets: countries F1 >= {pct(TARGETS['countries F1'])}, relations P >= "
               f"{pct(TARGETS['relations P'])} and R >= {pct(TARGETS['relations R'])}")
    return table(["metric", "tp", "pred", "gold", "P", "R", "F1"], rows) + f"\n{targets}; {r.articles} articles"


def run(shared: Path, nlp, *, errors: bool = False) -> str:
    """The report as text (with every error listed when ``errors``)."""
    corpus = shared / "corpus" / "topical.jsonl"
    if not corpus.is_file():
        return f"relations: corpus not found at {corpus}"
    report = evaluate(corpus, nlp)
    out = [heading("relations: our gold set of 28 Reuters-21578 articles (eval/gold/README.md)"),
           report_table(report)]
    if errors:
        out += ["", f"errors ({len(report.errors)}):", *report.errors]
    return "\n".join(out)
