"""Competing estimates: every reported figure for one category and actor pair, side by side.

"How many shells has North Korea sent Russia, according to whom?" has several answers: "as many as
9 million (MSMT report, Irish Examiner, 2025-05-30)", "about 3 million (South Korean defence
minister, …)". This module lines them up — figure as written, bounds, qualifier, claimant, outlet(s),
dates — and never adds them up: competing estimates are not parts of a whole, and a cumulative
figure ("since 2023", "so far") is marked as such and kept apart from per-period ones.

Pure functions over the quantities and relations frames (ARCHITECTURE.md columns);
:mod:`lib.figures_claims` draws the result and pages/claims.py shows it.

Actor pair: a quantity belongs to a pair when both actors are among its ``actors``. Its direction
("North Korea → Russia") comes from a relation read from the same sentence between the two; when no
relation says so the direction is "not stated" (the figure still belongs to the pair).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import pandas as pd

NOT_ATTRIBUTED = "not attributed"
MAX_ACTORS = 4  # pairs are taken among a quantity's first few actors; sentences rarely name more
COLUMNS = [
    "id",
    "article_id",
    "label",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "category",
    "period",
    "claimant",
    "modality",
    "direction",
    "date",
    "published",
    "outlet",
    "sources",
    "sentence",
]


def quantity_pairs(quantities: pd.DataFrame, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (quantity, actor pair): ``id``, ``a``/``b`` (the pair, sorted) and ``source``/``target``.

    ``source``/``target`` orient the pair when a relation of the same sentence links the two
    actors (the first such relation wins), else they are None.
    """
    cols = ["id", "a", "b", "source", "target"]
    if quantities is None or quantities.empty:
        return pd.DataFrame(columns=cols)
    oriented = _orientations(relations)
    rows = []
    for q in quantities[["id", "article_id", "sentence", "actors"]].itertuples(index=False):
        actors = list(dict.fromkeys(_as_list(q.actors)))[:MAX_ACTORS]
        for a, b in combinations(sorted(actors), 2):
            src, dst = oriented.get((q.article_id, q.sentence, a, b), (None, None))
            rows.append({"id": q.id, "a": a, "b": b, "source": src, "target": dst})
    return pd.DataFrame(rows, columns=cols)


def claim_groups(quantities: pd.DataFrame, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The (category, actor pair) groups with figures, most reported first (category "other" left out:
    its figures count different things).

    Columns: ``category``, ``a``, ``b``, ``source``/``target`` (the direction most of its
    relations give, None when none does), ``claims`` (figures, one per story when the frame is
    de-duplicated) and ``claimants`` (distinct claimants, unattributed counted as one).
    """
    cols = ["category", "a", "b", "source", "target", "claims", "claimants"]
    pairs = quantity_pairs(quantities, relations)
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    meta = quantities.set_index("id")[["category", "claimant"]]
    df = pairs.join(meta, on="id")
    df = df[df["category"] != "other"]  # "other" mixes tonnes, missiles and votes: nothing to compare
    out = []
    for (cat, a, b), grp in df.groupby(["category", "a", "b"], sort=True):
        directed = grp.dropna(subset=["source"])
        src, dst = (None, None)
        if len(directed):
            src, dst = directed.groupby(["source", "target"]).size().idxmax()
        claimants = grp["claimant"].fillna(NOT_ATTRIBUTED).nunique()
        out.append(
            {
                "category": cat,
                "a": a,
                "b": b,
                "source": src,
                "target": dst,
                "claims": grp["id"].nunique(),
                "claimants": claimants,
            }
        )
    res = pd.DataFrame(out, columns=cols)
    return res.sort_values(["claims", "claimants", "category"], ascending=[False, False, True], kind="stable")


def claims_table(
    quantities: pd.DataFrame,
    relations: pd.DataFrame | None = None,
    *,
    category: str,
    pair: tuple[str, str],
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every figure of ``category`` between the two actors of ``pair``, one row each (:data:`COLUMNS`).

    ``period`` is "cumulative" for a running total ("since 2023", "so far") and "per period"
    otherwise; rows are ordered per-period first, then by the figure's date and publication date.
    ``label`` reads "as many as 9 million rounds of ammunition (MSMT, Irish Examiner, 2025-05-30)":
    the figure as written, then who claims it, where and when it was reported. ``direction`` is
    "North Korea → Russia" when a same-sentence relation gives it, else "not stated". ``sources``
    (every outlet carrying the story) is kept when the frame has it, else it is the outlet.
    Nothing is summed.
    """
    labels = labels or {}
    a, b = sorted(pair)
    pairs = quantity_pairs(quantities, relations)
    pairs = pairs[(pairs["a"] == a) & (pairs["b"] == b)].drop_duplicates("id")
    if pairs.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = quantities.merge(pairs[["id", "source", "target"]], on="id")
    rows = rows[rows["category"] == category]
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = rows.assign(
        claimant=[_name(c, labels) for c in rows["claimant"]],
        period=["cumulative" if bool(c) else "per period" for c in rows.get("cumulative", False)],
        direction=[
            f"{labels.get(s, s)} → {labels.get(t, t)}" if isinstance(s, str) else "not stated"
            for s, t in zip(rows["source"], rows["target"], strict=True)
        ],
        sources=rows["sources"] if "sources" in rows else rows["outlet"].fillna("unknown outlet"),
    )
    out["label"] = [_label(r) for r in out.itertuples(index=False)]
    out = out.assign(
        _cum=out["period"] == "cumulative", _d=out["date"].fillna(""), _p=out["published"].fillna("")
    )
    out = out.sort_values(["_cum", "_d", "_p", "id"], kind="stable")
    return out[[c for c in COLUMNS if c in out]].reset_index(drop=True)


def _label(r) -> str:
    outlet = r.outlet if isinstance(r.outlet, str) and r.outlet else "unknown outlet"
    published = str(r.published)[:10] if isinstance(r.published, str) and r.published else "date unknown"
    mark = " · cumulative" if r.period == "cumulative" else ""
    return f"{r.text} ({r.claimant}, {outlet}, {published}){mark}"


def _name(claimant: object, labels: Mapping[str, str]) -> str:
    if not isinstance(claimant, str) or not claimant:
        return NOT_ATTRIBUTED
    return labels.get(claimant, claimant)


def _orientations(relations: pd.DataFrame | None) -> dict[tuple, tuple[str, str]]:
    """(article, sentence, a, b) → (source, target) of the first relation between a and b there."""
    if relations is None or relations.empty:
        return {}
    out: dict[tuple, tuple[str, str]] = {}
    for r in relations[["article_id", "sentence", "source", "target"]].itertuples(index=False):
        if isinstance(r.source, str) and isinstance(r.target, str) and r.source != r.target:
            a, b = sorted((r.source, r.target))
            out.setdefault((r.article_id, r.sentence, a, b), (r.source, r.target))
    return out


def _as_list(value: object) -> list:
    if value is None or isinstance(value, (str, float)):
        return [value] if isinstance(value, str) and value else []
    return list(value)
