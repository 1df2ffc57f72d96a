"""The dashboard's disk cache of derived frames (lib.frame_cache) on a real store on disk.

The reference for every check is the uncached path the dashboard used before: read
``Store.facts(kind)`` (corrections applied), annotate it with the story grouping, place it in time.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace

import pandas as pd
import pytest
from test_store import make_extraction

from lib import frame_cache as fc
from lib.corrections import CorrectionLog, read_log
from lib.filters import with_date_spans
from lib.records import FACT_KINDS
from lib.store import Store
from lib.syndication import annotate, dedupe, stories


def _copy(aid: str, outlet: str, published: str, text: str | None = None):
    ex = make_extraction(aid, published, **({"text": text} if text else {}))
    return replace(ex, article=replace(ex.article, outlet=outlet))


OTHER = ("The United States denies it. North Korea sent as many as 9 million rounds to Russia. "
         "Pyongyang has sent at least 100 ballistic missiles since October 2024.")


@pytest.fixture
def store(tmp_path) -> Store:
    """A wire story carried by two outlets (one story, two copies) and one other article."""
    s = Store(tmp_path / "store")
    s.write_batch([_copy("a1", "AP", "2025-05-30"), _copy("a2", "Yahoo", "2025-05-31"),
                   _copy("a3", "BBC", "2025-06-02", OTHER)])
    return s


def _no_stories():
    raise AssertionError("the story grouping was recomputed")


def _frames(s: Store, **getters) -> dict[str, pd.DataFrame]:
    data, log = fc.data_version(s.version), read_log(s.root)
    return {kind: fc.with_corrections(fc.base_frame(s, kind, data, **getters), kind, log) for kind in FACT_KINDS}


def _reference(s: Store, kind: str) -> pd.DataFrame:
    return with_date_spans(annotate(s.facts(kind), kind, stories(s.articles())), kind)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Equal frames, except ``fact_key``, which must group the rows the same way."""
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got.drop(columns="fact_key"), want.drop(columns="fact_key"))
    pairs = pd.DataFrame({"got": got["fact_key"], "want": want["fact_key"]})
    assert (pairs.groupby("got")["want"].nunique() == 1).all() and (pairs.groupby("want")["got"].nunique() == 1).all()


def _stamps(s: Store) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (s.root / "cache").glob("*.parquet")}


def test_cached_frames_equal_the_uncached_path_and_a_restart_reads_them(store):
    first = _frames(store)
    for kind in FACT_KINDS:
        _same(first[kind], _reference(store, kind))
        pd.testing.assert_frame_equal(fc.public_facts(first[kind]), store.facts(kind))
    q = dedupe(first["quantities"])  # the wire copies count once and name both outlets
    assert len(q) == 4 and set(q["copies"]) == {1, 2}
    assert "AP (2025-05-30); Yahoo (2025-05-31)" in set(q["sources"])
    stamps = _stamps(store)
    assert {n.split("-")[0] for n in stamps} == {"facts", "stories"}
    again = _frames(Store(store.root), stories=_no_stories)  # a server restart: read from disk
    for kind in FACT_KINDS:
        pd.testing.assert_frame_equal(again[kind], first[kind])
    assert _stamps(store) == stamps


def test_a_new_batch_shows_its_facts_and_replaces_the_stale_files(store):
    before = _frames(store)
    store.write_batch([_copy("a4", "Reuters", "2025-06-03")])  # a third copy of the wire story
    after = _frames(store)
    for kind in FACT_KINDS:
        assert set(after[kind]["article_id"]) == {"a1", "a2", "a3", "a4"}
        assert len(after[kind]) > len(before[kind])
        _same(after[kind], _reference(store, kind))
    assert set(dedupe(after["quantities"])["copies"]) == {1, 3}
    version = fc.data_version(store.version)
    assert all(version.replace("+", "_") in name for name in _stamps(store))  # old versions removed


def test_a_frame_read_while_a_batch_landed_is_not_kept_under_the_older_version(store):
    """The version is read first and the facts later: a commit in between makes the frame newer than
    its name, so it is returned but not written (a later reader of that name would get newer data)."""
    data, rows = fc.data_version(store.version), store.stats()["quantities"]

    def read_after_a_commit() -> pd.DataFrame:
        store.write_batch([_copy("a4", "Reuters", "2025-06-03")])
        return store.facts("quantities", corrections=False)

    got = fc.cached_frame(store.root, "facts-quantities", data, rows, read_after_a_commit)
    assert len(got) > rows and "a4" in set(got["article_id"])
    assert not list((store.root / "cache").glob("facts-quantities-*.parquet"))
    kept = fc.cached_frame(store.root, "facts-quantities", data, rows, lambda: got.head(rows))
    assert len(kept) == rows and list((store.root / "cache").glob("facts-quantities-*.parquet"))


def test_corrections_apply_on_the_cached_frames_without_regrouping(store):
    _frames(store)
    stamps = _stamps(store)
    base = store.facts("quantities")
    log = CorrectionLog(store)
    wire = base[(base["article_id"] == "a1") & (base["qualifier"] == "at_least")]["id"].iloc[0]
    log.fix("quantities", wire, {"date": "2024-12", "precision": "month"})
    gone = base[(base["article_id"] == "a2") & (base["qualifier"] == "up_to")]["id"].iloc[0]
    twin = base[(base["article_id"] == "a1") & (base["qualifier"] == "up_to")]["id"].iloc[0]
    log.reject("quantities", gone)
    log.merge("PRK", "DPRK")
    assert "+c" in store.version
    fixed = _frames(store, stories=_no_stories)
    assert _stamps(store) == stamps  # the same files, read again, not rewritten
    for kind in FACT_KINDS:
        _same(fixed[kind], _reference(store, kind))
    q = fixed["quantities"].set_index("id")
    assert q.loc[wire, "date"] == "2024-12" and q.loc[wire, "status"] == "corrected"
    assert str(q.loc[wire, "span_lo"])[:10] == "2024-12-01"
    assert q.loc[wire, "copies"] == 2  # a date fix does not make it another fact (FACT_KEYS)
    assert gone not in q.index and q.loc[twin, "copies"] == 1  # a rejected copy no longer counts
    assert q.loc[twin, "sources"] == "AP (2025-05-30)"
    assert "PRK" not in set(fixed["actors"]["actor"]) and "DPRK" in set(fixed["actors"]["actor"])
    assert len(fixed["quantities"]) == len(base) - 1  # the rejected fact is left out


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_version"])
def test_a_damaged_or_stale_cache_file_is_recomputed(store, damage):
    first = _frames(store)
    path = next((store.root / "cache").glob("facts-quantities-*.parquet"))
    if damage == "garbage":
        path.write_bytes(b"not a parquet file")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-100])
    else:  # a valid file of another data version renamed into place: its metadata gives it away
        fc.cached_frame(store.root, "facts-quantities", "9-other", len(first["quantities"]),
                        lambda: first["quantities"].assign(value=-1.0))
        os.replace(store.root / "cache" / "facts-quantities-9-other.parquet", path)
    again = _frames(store)
    pd.testing.assert_frame_equal(again["quantities"], first["quantities"])
    assert fc._read(path, fc.data_version(store.version), len(first["quantities"])) is not None  # rewritten


def test_a_store_whose_cache_cannot_be_written_still_works(store):
    (store.root / "cache").write_text("a file where the cache folder would go")
    frames = _frames(store)
    for kind in FACT_KINDS:
        _same(frames[kind], _reference(store, kind))


def test_articles_with_actors_and_labels_match_their_plain_definitions(store):
    data = fc.data_version(store.version)
    arts = fc.base_frame(store, "articles", data)
    mentions = store.facts("actors")
    by = mentions.groupby("article_id")["actor"].agg(lambda s: sorted(set(s)))
    assert [by.get(a, []) for a in arts["id"]] == list(arts["actors"])
    assert {"span_lo", "span_hi", "span_own"} <= set(arts.columns)
    assert fc.base_frame(Store(store.root), "articles", data, actors=_no_stories).equals(arts)  # from disk
    # Labels: the most frequent name, the first seen on a tie, the id when it has no name.
    men = pd.DataFrame({"actor": ["RUS", "RUS", "RUS", "PRK", "PRK", "X"],
                        "name": ["Moscow", "Russia", "Russia", "North Korea", "DPRK", None]})
    want = {a: Counter(g.dropna()).most_common(1)[0][0] if g.notna().any() else a
            for a, g in men.groupby("actor", sort=False)["name"]}
    assert fc.actor_labels(men) == want == {"RUS": "Russia", "PRK": "North Korea", "X": "X"}
