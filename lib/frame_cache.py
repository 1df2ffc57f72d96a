"""The dashboard's derived frames, computed once per *data* version and kept on disk beside the store.

On first load the dashboard needs, per kind of fact, the facts annotated with their story
(:func:`lib.syndication.annotate`) and their date spans (:func:`lib.filters.with_date_spans`), and the
articles with the actors they mention. Computing that for 20,000 articles takes seconds, so the
results ("base frames": machine output, no corrections) are written to
``<store>/cache/<name>-<data version>.parquet`` and every later server start reads them.

- Keyed on :func:`data_version` (the commits only): an analyst correction does not invalidate them.
  Corrections are applied *after* the base frame (:func:`with_corrections`), on every read, so they
  show immediately; only the facts they touch are re-keyed and re-placed.
- Written atomically (a temporary file, then ``os.replace``); older versions' files are removed.
- Never trusted blindly: a file is used only when it reads, names the same data version in its
  metadata and holds the row count the manifests give; otherwise it is recomputed (and rewritten).
- A read-only store still works: the frame is computed and simply not kept.

>>> data_version("12-abc+c480"), data_version("12-abc"), data_version("0")
('12-abc', '12-abc', '0')
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib.corrections import apply_corrections
from lib.filters import SPAN_COLUMNS, date_spans, with_date_spans
from lib.store import Store
from lib.syndication import annotate, cached_stories, fact_keys, normalise

ANNOTATION = ("story_id", "fact_key", "sources", "copies")  # added by lib.syndication.annotate
SENTENCE_KEY = "sentence_key"  # the normalised sentence, kept so corrected facts are re-keyed cheaply
CORRECTION_COLUMNS = ("status", "corrected", "original")
_SAFE = re.compile(r"[^\w.-]")
_META = b"dossier.frame_cache"


def data_version(version: str) -> str:
    """The part of ``Store.version`` that names committed data, without the corrections suffix."""
    return str(version).split("+c", 1)[0]


# ---------------------------------------------------------------------------------------------- disk
def cached_frame(root: str | Path, name: str, version: str, rows: int, compute: Callable[[], pd.DataFrame]
                 ) -> pd.DataFrame:
    """``compute()`` for one data version, read from ``<root>/cache/<name>-<version>.parquet`` when a
    valid file is there (same version, ``rows`` rows), else computed and written atomically; a result
    of another size than ``rows`` (a batch committed while it was computed) is returned, not kept."""
    cache = Path(root) / "cache"
    path = cache / f"{name}-{_SAFE.sub('_', version)}.parquet"
    found = _read(path, version, rows)
    if found is not None:
        return found
    out = compute()
    if out is not None and len(out) == rows:  # else a batch landed meanwhile: newer data, not ``version``'s
        _write(cache, path, name, out, version)
    return out


def _read(path: Path, version: str, rows: int) -> pd.DataFrame | None:
    try:
        table = pq.read_table(path)
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException, ValueError):  # damaged: recomputed, never trusted
        return None
    meta = json.loads((table.schema.metadata or {}).get(_META, b"{}") or b"{}")
    if meta.get("version") != version or table.num_rows != rows or meta.get("rows") != rows:
        return None
    df = table.to_pandas()
    for name in meta.get("lists", []):  # Parquet gives numpy arrays; the store's frames hold lists
        df[name] = [list(v) if v is not None else [] for v in df[name]]
    for name in meta.get("spans", []):  # Parquet has no second-precision timestamps: restore the unit
        df[name] = df[name].astype(meta["span_dtype"])
    return df


def _write(cache: Path, path: Path, name: str, df: pd.DataFrame, version: str) -> None:
    lists = [c for c in df.columns if df[c].dtype == object and _holds_lists(df[c])]
    spans = [c for c in ("span_lo", "span_hi") if c in df]
    meta = {"version": version, "rows": len(df), "lists": lists, "spans": spans,
            "span_dtype": str(df[spans[0]].dtype) if spans else None}
    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META: json.dumps(meta)})
        cache.mkdir(exist_ok=True)
        tmp = cache / f".{path.name}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd")  # as the store: 40 % smaller than snappy, as fast to read
        os.replace(tmp, path)
        for old in cache.glob(f"{name}-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pa.ArrowException):  # a read-only store still works, it just computes again
        pass


def _holds_lists(col: pd.Series) -> bool:
    first = col.dropna()
    return bool(len(first)) and isinstance(first.iloc[0], (list, tuple, np.ndarray))


# ---------------------------------------------------------------------------------------------- frames
def base_frame(store: Store, kind: str, data: str, *, stories: Callable[[], pd.DataFrame] | None = None,
               actors: Callable[[], pd.DataFrame] | None = None) -> pd.DataFrame:
    """The base frame of one fact kind, or of ``"articles"``, for data version ``data``: from the
    disk cache, else computed (:func:`base_facts`, :func:`articles_with_actors`) and kept.

    ``stories`` / ``actors`` give the story grouping and the base actor mentions when a computation
    needs them (a caller with its own in-memory cache passes its getters); by default they come
    from the disk cache too.
    """
    rows = store.stats().get(kind, 0)
    if kind == "articles":
        mentions = actors or (lambda: base_frame(store, "actors", data, stories=stories))
        return cached_frame(store.root, "articles", data, rows,
                            lambda: articles_with_actors(store.articles(with_text=False), mentions()))
    grouping = stories or (lambda: cached_stories(store.root, data, lambda: store.articles(with_text=True)))
    return cached_frame(store.root, f"facts-{kind}", data, rows,
                        lambda: base_facts(store.facts(kind, corrections=False), kind, grouping()))


def base_facts(facts: pd.DataFrame, kind: str, stories: pd.DataFrame) -> pd.DataFrame:
    """Machine facts (``Store.facts(kind, corrections=False)``) annotated, placed in time, and with
    their normalised sentence in :data:`SENTENCE_KEY`: what :func:`with_corrections` starts from."""
    if facts is None or facts.empty:
        return facts
    keyed = facts.assign(**{SENTENCE_KEY: facts["sentence"].map(normalise)})
    return with_date_spans(annotate(keyed, kind, stories), kind)


def with_corrections(base: pd.DataFrame, kind: str, log: Iterable[dict]) -> pd.DataFrame:
    """A base frame with the analyst corrections applied, rejected facts left out: the same rows and
    columns as annotating and placing ``Store.facts(kind)`` directly.

    With no correction in force this is a copy plus three columns. Otherwise the corrected facts get
    their sentence key and date span again, and every fact is re-keyed (a rejected copy no longer
    counts among a story's sources; a fixed fact is no longer "the same" as its unfixed copies).
    """
    if base is None:
        return base
    out = apply_corrections(base, kind, list(log))
    if (out["status"] != "extracted").any():  # this kind has corrections in force: re-key them
        out = _rekey(out[out["status"] != "rejected"].reset_index(drop=True), kind)
    tail = [c for c in (*ANNOTATION, *SPAN_COLUMNS) if c in out]
    return out[[c for c in out.columns if c not in (*tail, SENTENCE_KEY)] + tail]


def _rekey(df: pd.DataFrame, kind: str) -> pd.DataFrame:
    fixed = df["corrected"].to_numpy(bool)
    if fixed.any():
        df = df.copy()
        df.loc[fixed, SENTENCE_KEY] = df.loc[fixed, "sentence"].map(normalise)
        spans = date_spans(df.loc[fixed], kind)
        for col in SPAN_COLUMNS:
            df.loc[fixed, col] = spans[col]
    if df.empty:
        return df
    return df.assign(**fact_keys(df, kind, df[SENTENCE_KEY], df["outlet"], df["published"]))


def public_facts(annotated: pd.DataFrame) -> pd.DataFrame:
    """An annotated, corrected frame with only ``Store.facts``'s columns (what ``lib.ui.facts`` gives)."""
    if annotated is None or annotated.empty:
        return annotated
    return annotated.drop(columns=[c for c in (*ANNOTATION, *SPAN_COLUMNS) if c in annotated])


def articles_with_actors(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Article metadata with an ``actors`` column (sorted distinct actor ids mentioned) and date spans.

    Vectorised: the (article, actor) pairs are sorted once and cut per article.
    """
    pairs = mentions[["article_id", "actor"]].dropna().drop_duplicates() if len(mentions) else None
    by_article: dict = {}
    if pairs is not None and len(pairs):
        pairs = pairs.sort_values(["article_id", "actor"], kind="stable")
        ids, actors = pairs["article_id"].to_numpy(), pairs["actor"].to_numpy()
        cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        starts = np.concatenate(([0], cuts))
        by_article = dict(zip(ids[starts], (list(a) for a in np.split(actors, cuts)), strict=True))
    out = articles.assign(actors=[by_article.get(a, []) for a in articles["id"]])
    return with_date_spans(out, "articles")


def actor_labels(mentions: pd.DataFrame) -> dict[str, str]:
    """Actor id → display label: the name the extractor gave it most often (the first seen on a tie);
    the id itself when it has no name or the name is the id."""
    if mentions is None or mentions.empty:
        return {}
    named = mentions[["actor", "name"]].assign(at=np.arange(len(mentions))).dropna(subset=["actor"])
    counts = (named.dropna(subset=["name"]).groupby(["actor", "name"], sort=False)
              .agg(n=("at", "size"), first=("at", "min")).reset_index())
    best = counts.sort_values(["n", "first"], ascending=[False, True]).drop_duplicates("actor")
    names = dict(zip(best["actor"], best["name"], strict=True))
    return {a: (names[a] if names.get(a) and names[a] != a else a) for a in dict.fromkeys(named["actor"])}
