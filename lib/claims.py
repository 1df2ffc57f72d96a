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
    actors (the first such relation wins), else they are None. Pairs are taken among a quantity's
    first :data:`MAX_ACTORS` distinct actors. Vectorised: 100,000 quantities take well under a second.
    """
    cols = ["id", "a", "b", "source", "target"]
    if quantities is None or quantities.empty:
        return pd.DataFrame(columns=cols)
    men = quantities[["id", "article_id", "sentence", "actors"]].reset_index(drop=True)
    men = men.assign(actor=[_as_list(v) for v in men["actors"]]).drop(columns="actors")
    men = men.explode("actor").dropna(subset=["actor"]).rename_axis("_q").reset_index()
    men = men.drop_duplicates(["_q", "actor"])  # order kept: the first few distinct actors
    men = men[men.groupby("_q").cumcount() < MAX_ACTORS]
    pairs = men.merge(men[["_q", "actor"]], on="_q", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]].sort_values(["_q", "actor_a", "actor_b"], kind="stable")
    pairs = pairs.rename(columns={"actor_a": "a", "actor_b": "b"})
    oriented = _orientations(relations)
    if oriented.empty:
        return pairs.assign(source=None, target=None)[cols].reset_index(drop=True)
    out = pairs.merge(oriented, on=["article_id", "sentence", "a", "b"], how="left", sort=False)
    out = out.astype({"source": object, "target": object})
    return out.where(out.notna(), None)[cols].reset_index(drop=True)


def claim_groups(quantities: pd.DataFrame, relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The (category, actor pair) groups with figures, most reported first (category "other" left out:
    its figures count different things).

    Columns: ``category``, ``a``, ``b``, ``source``/``target`` (the direction most of its
    relations give, None when none does; on a tie the first in sorted order), ``claims`` (figures,
    one per story when the frame is de-duplicated) and ``claimants`` (distinct claimants,
    unattributed counted as one).
    """
    cols = ["category", "a", "b", "source", "target", "claims", "claimants"]
    if quantities is None or quantities.empty:
        return pd.DataFrame(columns=cols)
    kept = quantities[quantities["category"] != "other"]  # "other" mixes tonnes, missiles and votes
    pairs = quantity_pairs(kept, relations)
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    meta = kept.drop_duplicates("id").set_index("id")[["category", "claimant"]]
    df = pairs.join(meta, on="id")
    df["claimant"] = df["claimant"].astype(object).where(df["claimant"].notna(), NOT_ATTRIBUTED)
    key = ["category", "a", "b"]
    res = df.groupby(key, sort=True).agg(claims=("id", "nunique"), claimants=("claimant", "nunique"))
    directed = df.dropna(subset=["source"])
    if len(directed):
        ways = directed.groupby([*key, "source", "target"], sort=True).size().rename("n").reset_index()
        # the most frequent direction; a stable sort keeps the sorted order among equal counts
        ways = ways.sort_values("n", ascending=False, kind="stable").drop_duplicates(key)
        res = res.join(ways.set_index(key)[["source", "target"]])
    res = res.reset_index().reindex(columns=cols)
    res[["source", "target"]] = res[["source", "target"]].astype(object).where(res[["source", "target"]].notna(), None)
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
    if quantities is None or quantities.empty:
        return pd.DataFrame(columns=COLUMNS)
    quantities = quantities[quantities["category"] == category]  # pairs of the one category only
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


def _orientations(relations: pd.DataFrame | None) -> pd.DataFrame:
    """``article_id``, ``sentence``, ``a``, ``b`` (sorted pair) → ``source``, ``target`` of the first
    relation between a and b in that sentence."""
    cols = ["article_id", "sentence", "a", "b", "source", "target"]
    if relations is None or relations.empty:
        return pd.DataFrame(columns=cols)
    r = relations[["article_id", "sentence", "source", "target"]]
    r = r[r["source"].map(_is_str) & r["target"].map(_is_str)]
    r = r[r["source"] != r["target"]]
    lo = r[["source", "target"]].min(axis=1)
    hi = r[["source", "target"]].max(axis=1)
    out = r.assign(a=lo, b=hi).drop_duplicates(["article_id", "sentence", "a", "b"])
    return out[cols].reset_index(drop=True)


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _as_list(value: object) -> list:
    if value is None or isinstance(value, (str, float)):
        return [value] if isinstance(value, str) and value else []
    return list(value)
