"""Syndicated copies: the same story (wire text, aggregator re-post) in several outlets counts once.

:func:`story_ids` groups articles whose normalised texts are identical, or whose word 5-shingle sets
have a Jaccard similarity of at least :data:`THRESHOLD` (0.8): a MinHash signature per article,
banded locality-sensitive hashing to find candidate pairs, and the exact Jaccard of the shingle sets
to confirm each pair (so LSH can only miss a pair, never invent one). A group's ``story_id`` is the
id of its earliest-published member (ties: smallest id), so it is stable while the group is.

:func:`annotate` marks every fact with its story and ``sources`` (every outlet and date that carried
it) and :func:`dedupe` keeps one row per (story, fact) — the earliest copy — so every chart counts
the story once while every outlet stays listed.

>>> arts = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["AP", "Yahoo", "BBC"],
...     "published": ["2025-05-30", "2025-05-31", "2025-05-30"],
...     "text": ["Russia got 9 million shells.", "Russia got 9 million shells!", "Something else."]})
>>> story_ids(arts)
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

THRESHOLD = 0.8  # shingle Jaccard at or above which two texts are one story
SHINGLE = 5  # words per shingle
BANDS, ROWS = 20, 5  # 100 MinHash values; a 0.8-similar pair is a candidate with p ≈ 0.9997
_RNG = np.random.default_rng(20250530)  # fixed: the same texts always give the same stories
_A = _RNG.integers(0, 1 << 63, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, 1 << 63, BANDS * ROWS, dtype=np.uint64)
_WORD = re.compile(r"\w+")
_SAFE = re.compile(r"[^\w.-]")  # a version string as a file name
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit multiplier of the window hash

# Per-kind columns that say "the same fact" across copies (with the normalised sentence).
FACT_KEYS = {
    "actors": ("actor", "mention"),
    "relations": ("source", "target", "action", "object"),
    "events": ("date", "date_end", "action", "date_text"),
    "quantities": ("value", "low", "high", "qualifier", "unit", "text"),
}


def normalise(text: object) -> str:
    """Lower-case words joined by single spaces: punctuation, case and layout do not make a new story."""
    return " ".join(_WORD.findall(str(text).lower())) if isinstance(text, str) else ""


def story_ids(articles: pd.DataFrame, *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Article id → story id for a frame with ``id``, ``text`` and (optionally) ``published``.

    Articles with no words each form their own story. Linear in the number of articles apart from
    the candidate pairs LSH proposes (about 5 s for 20,000 wire stories on one core, see
    scripts/bench_syndication.py).
    """
    if articles is None or articles.empty:
        return {}
    ids = [str(i) for i in articles["id"]]
    texts = [normalise(t) for t in articles["text"]]
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    _group_exact(texts, union)
    shingles = _all_shingles(texts)
    for i, j in _candidates(shingles):
        if find(i) != find(j) and _jaccard(shingles[i], shingles[j]) >= threshold:
            union(i, j)
    return _name_groups(ids, articles.get("published"), [find(i) for i in range(len(ids))])


def _group_exact(texts: list[str], union) -> None:
    first: dict[bytes, int] = {}
    for i, t in enumerate(texts):
        if not t:
            continue
        h = hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest()
        union(first.setdefault(h, i), i)


def _all_shingles(texts: list[str]) -> list[np.ndarray]:
    """Per text, the distinct hashes of its word 5-grams (the whole text when it is shorter).

    Words are numbered once for the whole batch (``pd.factorize``); the numbers depend on the batch,
    the grouping does not, because pairs are confirmed on exact shingle sets.
    """
    words = [t.split() for t in texts]
    codes = pd.factorize(pd.Series([w for ws in words for w in ws], dtype=object))[0].astype(np.uint64)
    out, at = [], 0
    for ws in words:
        ids = codes[at : at + len(ws)] + np.uint64(1)
        at += len(ws)
        out.append(_window_hashes(ids))
    return out


def _window_hashes(ids: np.ndarray) -> np.ndarray:
    if not len(ids):
        return np.empty(0, dtype=np.uint64)
    n = max(1, len(ids) - SHINGLE + 1)
    grams = np.zeros(n, dtype=np.uint64)
    for k in range(min(SHINGLE, len(ids))):  # a polynomial hash of each window, wrapping mod 2**64
        grams = grams * np.uint64(_MIX) + ids[k : k + n]
    return np.unique(grams)


def _signatures(shingles: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures, one row per article (zeros for an empty one), computed hash by hash.

    Each hash is multiply-shift, ``(a*x + b) >> 32`` with 64-bit wrap-around: universal enough
    for MinHash and much cheaper than a modulus.
    """
    lengths = np.array([len(s) for s in shingles], dtype=np.int64)
    filled = lengths > 0
    sig = np.zeros((len(shingles), BANDS * ROWS), dtype=np.uint64)
    if not filled.any():
        return sig
    flat = np.concatenate([s for s in shingles if len(s)])
    starts = np.concatenate(([0], np.cumsum(lengths[filled])[:-1])).astype(np.int64)
    shift = np.uint64(32)
    for r in range(BANDS * ROWS):
        sig[filled, r] = np.minimum.reduceat((_A[r] * flat + _B[r]) >> shift, starts)
    return sig


def _candidates(shingles: list[np.ndarray]):
    """Pairs of articles sharing at least one LSH band of their MinHash signatures."""
    sig = _signatures(shingles)
    live = np.flatnonzero([len(s) > 0 for s in shingles])
    pairs: set[tuple[int, int]] = set()
    for b in range(BANDS):
        band = sig[live, b * ROWS : (b + 1) * ROWS]
        key = np.zeros(len(live), dtype=np.uint64)
        for c in range(ROWS):  # one number per band; a collision only costs a Jaccard check
            key = key * np.uint64(_MIX) + band[:, c]
        order = np.argsort(key, kind="stable")
        ks = key[order]
        same = np.flatnonzero(ks[1:] == ks[:-1])  # position i pairs with i+1 in sorted order
        for i in same:
            pairs.add((int(live[order[i]]), int(live[order[i + 1]])))  # a chain: union-find closes it
    return sorted(pairs)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def _name_groups(ids: list[str], published: pd.Series | None, roots: list[int]) -> dict[str, str]:
    pub = [
        str(p) if isinstance(p, str) and p else "9999" for p in (published if published is not None else [])
    ]
    pub = pub or ["9999"] * len(ids)
    best: dict[int, tuple[str, str]] = {}
    for i, r in enumerate(roots):
        cand = (pub[i], ids[i])
        best[r] = min(best.get(r, cand), cand)
    return {ids[i]: best[r][1] for i, r in enumerate(roots)}


def annotate(facts: pd.DataFrame, kind: str, stories: pd.DataFrame) -> pd.DataFrame:
    """Every row of a facts frame with ``story_id``, ``fact_key``, ``sources`` and ``copies`` added.

    ``stories`` has one row per article: ``id``, ``story_id``, ``outlet``, ``published``. A fact is
    "the same" in two copies when its story, its normalised sentence and the columns of
    :data:`FACT_KEYS` agree (``fact_key``, a number within this frame, says so). ``sources`` lists
    "outlet (published)" of every copy that carried the fact, earliest first; ``copies`` counts those
    articles. Annotate the whole table, then filter, then :func:`dedupe`: an outlet filter then picks
    the copies from that outlet while ``sources`` still names them all. Facts of articles not in
    ``stories`` are their own story.
    """
    if facts is None or facts.empty or kind not in FACT_KEYS:
        return facts
    meta = stories.set_index("id")
    story = facts["article_id"].map(meta["story_id"]).fillna(facts["article_id"])
    keyed = facts.assign(story_id=story)
    outlet, published = (facts["article_id"].map(meta[c]) for c in ("outlet", "published"))
    return keyed.assign(**fact_keys(keyed, kind, facts["sentence"].map(normalise), outlet, published))


def fact_keys(
    facts: pd.DataFrame, kind: str, sentences: pd.Series, outlet: pd.Series, published: pd.Series
) -> dict[str, pd.Series]:
    """``fact_key``, ``sources`` and ``copies`` (see :func:`annotate`) of facts that carry ``story_id``.

    ``sentences`` are the rows' normalised sentences (:func:`normalise`), passed in so a caller that
    keeps them (lib.frame_cache) re-keys corrected facts without normalising every sentence again.
    Vectorised: one ``groupby().ngroup()`` for the keys, a string join only for facts with copies.
    """
    parts = {"story": facts["story_id"], "sentence": sentences}
    parts.update({c: facts[c] for c in FACT_KEYS[kind] if c in facts})
    key = pd.DataFrame(parts, index=facts.index).groupby(list(parts), dropna=False, sort=False).ngroup()
    pub = published.fillna("date unknown").astype(str).str[:10]
    source = outlet.fillna("unknown outlet").astype(str) + " (" + pub + ")"
    ranked = pd.DataFrame({"key": key, "source": source, "published": pub, "article_id": facts["article_id"]})
    ranked = ranked.sort_values("published", kind="stable")
    distinct = ranked.drop_duplicates(["key", "source"])  # each outlet-and-day once, earliest first
    size = distinct.groupby("key", sort=False)["source"].transform("size")
    # Most facts have one source: only the keys with several pay for a Python string join.
    sources = pd.concat([
        distinct.loc[size == 1].set_index("key")["source"],
        distinct.loc[size > 1].groupby("key", sort=False)["source"].agg("; ".join),
    ])
    copies = ranked.groupby("key", sort=False)["article_id"].nunique()
    return {"fact_key": key, "sources": key.map(sources), "copies": key.map(copies)}


def dedupe(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per ``fact_key`` (see :func:`annotate`): the earliest-published copy, in the input order.

    A frame without ``fact_key`` (not annotated) is returned as it is.
    """
    if facts is None or facts.empty or "fact_key" not in facts:
        return facts
    published = facts["published"].fillna("9999").astype(str) if "published" in facts else None
    order = published.argsort(kind="stable") if published is not None else range(len(facts))
    return facts.iloc[order].drop_duplicates("fact_key").sort_index()


def stories(articles: pd.DataFrame) -> pd.DataFrame:
    """``id``, ``story_id``, ``outlet``, ``published`` per article (``articles`` needs ``text``)."""
    cols = ["id", "story_id", "outlet", "published"]
    if articles is None or articles.empty:
        return pd.DataFrame(columns=cols)
    ids = story_ids(articles)
    return articles.assign(story_id=articles["id"].map(ids))[cols].reset_index(drop=True)


def cached_stories(root: str | Path, version: str, load_articles) -> pd.DataFrame:
    """:func:`stories` for one store version, computed once and kept beside the store.

    ``<root>/cache/stories-<version>.parquet`` is written atomically (a temporary file, then a rename),
    so a server restart or a second worker reads the grouping instead of redoing it; ``load_articles``
    (called only on a miss) returns the articles with ``text``. A new batch changes ``version``, so
    a stale file is never read; older versions' files are removed when a new one is written.
    """
    cache = Path(root) / "cache"
    path = cache / f"stories-{_SAFE.sub('_', str(version))}.parquet"
    if path.exists():
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):  # a damaged file is recomputed, never trusted
            pass
    out = stories(load_articles())
    try:
        cache.mkdir(exist_ok=True)
        tmp = cache / f".{path.name}.{os.getpid()}.tmp"
        out.to_parquet(tmp, index=False)
        os.replace(tmp, path)
        for old in cache.glob("stories-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only store still works, it just groups again next start
        pass
    return out
