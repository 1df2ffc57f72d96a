"""The store on a real directory with real records: round trip, dedup, partitions, crashes, readers."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from lib.corrections import ADDED_COLUMNS as ADDED
from lib.records import FACT_KINDS, Actor, Article, Event, Extraction, Quantity, Relation
from lib.store import SCHEMAS, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("The United States and 10 allies on Thursday said Russia and North Korea violate UN sanctions. "
        "North Korea sent as many as 9 million rounds to Russia. "
        "Pyongyang has sent at least 100 ballistic missiles since October 2024.")


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_extraction(aid: str, published: str | None = "2025-05-30", text: str = TEXT) -> Extraction:
    """One article with one fact of each kind, offsets computed from the text itself."""
    s1 = text.split(". ")[0] + "."
    s2 = "North Korea sent as many as 9 million rounds to Russia."
    s3 = "Pyongyang has sent at least 100 ballistic missiles since October 2024."
    art = Article(id=aid, title=f"Title {aid}", text=text, outlet="Irish Examiner", published=published,
                  url=None, source="seed.txt", line=None, fmt="page", captions=("A caption",))
    nk = text.index("North Korea sent")
    actors = (Actor(aid, "PRK", "North Korea", "state", None, "North Korea", s2, nk, nk + len("North Korea")),
              Actor(aid, "USA", "United States", "state", None, "United States", s1, *_span(text, "United States")))
    relations = (Relation(aid, "PRK", "RUS", "transfer", "rounds", s2, *_span(text, "sent as"),
                          claimant=None, modality="asserted"),)
    events = (Event(aid, "2024-10", "month", "transfer", ("PRK",), "since October 2024", s3,
                    *_span(text, "since October 2024"), open_end=True),)
    quantities = (Quantity(aid, 9e6, None, 9e6, "up_to", "round", "ammunition", "as many as 9 million rounds", s2,
                           *_span(text, "as many as 9 million rounds"), actors=("PRK", "RUS")),
                  Quantity(aid, 100.0, 100.0, None, "at_least", "ballistic missile", "missiles",
                           "at least 100 ballistic missiles", s3, *_span(text, "at least 100 ballistic missiles"),
                           date="2024-10", precision="month", open_end=True, actors=("PRK",), cumulative=True))
    return Extraction(art, actors, relations, events, quantities)


def test_round_trip_preserves_types_none_and_lists(tmp_path):
    store = Store(tmp_path / "s")
    ex = make_extraction("a1")
    res = store.write_batch([ex])
    assert res.new == ["a1"] and res.existing == [] and res.batch
    assert res.facts == {"actors": 2, "relations": 1, "events": 1, "quantities": 2}

    q = store.facts("quantities").set_index("id")
    first, second = (q.loc[r.id] for r in ex.quantities)
    assert first["value"] == 9e6 and pd.isna(first["low"]) and first["high"] == 9e6
    assert first["qualifier"] == "up_to" and first["actors"] == ["PRK", "RUS"]
    assert second["low"] == 100.0 and pd.isna(second["high"]) and bool(second["cumulative"]) is True
    assert bool(second["open_end"]) is True and pd.isna(first["date"])
    assert (first["published"], first["outlet"], first["title"]) == ("2025-05-30", "Irish Examiner", "Title a1")
    assert first["month"] == "2025-05"
    # Offsets survive as integers and still point at the evidence in the stored text.
    art = store.article("a1")
    assert art["text"][int(first["start"]):int(first["end"])] == "as many as 9 million rounds"
    assert art["captions"] == ["A caption"] and art["url"] is None and art["line"] is None
    assert str(q["start"].dtype) == "int32" and str(q["value"].dtype) == "float64"

    ev = store.facts("events").iloc[0]
    assert ev["actors"] == ["PRK"] and ev["date"] == "2024-10" and pd.isna(ev["date_end"])
    assert list(store.facts("actors")["actor"]) == ["PRK", "USA"]
    assert store.article("nope") is None


def test_empty_store_has_typed_empty_tables(tmp_path):
    store = Store(tmp_path / "empty")
    assert store.version == "0" and store.known_ids() == set() and store.months() == []
    assert store.stats() == {"articles": 0, **dict.fromkeys(FACT_KINDS, 0)}
    for kind in FACT_KINDS:
        df = store.facts(kind)
        assert df.empty and list(df.columns) == [*SCHEMAS[kind].names, "published", "outlet", "title", *ADDED]
    assert list(store.articles(with_text=False).columns) == [c for c in SCHEMAS["articles"].names if c != "text"]
    assert store.sql("select count(*) n from quantities")["n"][0] == 0
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent", create=False)


def test_dedup_within_and_across_batches_and_version(tmp_path):
    store = Store(tmp_path / "s")
    v0 = store.version
    r1 = store.write_batch([make_extraction("a1"), make_extraction("a2"), make_extraction("a1")])
    assert r1.new == ["a1", "a2"] and r1.existing == ["a1"]
    v1 = store.version
    assert v1 != v0 and v1.startswith("1-")
    r2 = store.write_batch([make_extraction("a2"), make_extraction("a3")])
    assert r2.new == ["a3"] and r2.existing == ["a2"] and store.version != v1
    r3 = store.write_batch([make_extraction("a3")])
    assert r3.new == [] and r3.batch is None and store.version.startswith("2-")
    assert store.known_ids() == {"a1", "a2", "a3"}
    assert store.stats()["articles"] == 3 and store.stats()["quantities"] == 6
    assert len(store.facts("quantities")) == 6 and store.facts("quantities")["id"].is_unique
    assert store.sql("select count(distinct id) n from articles")["n"][0] == 3


def test_month_partitions_and_filters_read_only_those_files(tmp_path):
    store = Store(tmp_path / "s")
    store.write_batch([make_extraction("may", "2025-05-30"), make_extraction("jan", "2024-01-02"),
                       make_extraction("undated", None)])
    assert store.months() == ["2024-01", "2025-05", "unknown"]
    assert (tmp_path / "s/parts/quantities/month=2024-01").is_dir()
    assert set(store.facts("quantities", months=["2024-01"])["article_id"]) == {"jan"}
    undated = store.facts("relations", months=["unknown"])
    assert list(undated["article_id"]) == ["undated"] and pd.isna(undated["published"][0])
    # A filtered read must not open other months: corrupt them and read again.
    for f in (tmp_path / "s/parts").glob("*/month=2025-05/*.parquet"):
        f.write_bytes(b"not parquet")
    assert len(store.facts("quantities", months=["2024-01", "unknown"])) == 4
    assert list(store.articles(ids=["jan"])["id"]) == ["jan"]
    with pytest.raises(StoreError, match="cannot read store"):
        store.facts("quantities")


def test_sql_views_join_article_metadata(tmp_path):
    store = Store(tmp_path / "s")
    store.write_batch([make_extraction("a1"), make_extraction("a2", "2024-01-01")])
    df = store.sql("select article_id, published, qualifier from quantities where low >= ? order by article_id",
                   [100])
    assert df.to_dict("records") == [{"article_id": "a1", "published": "2025-05-30", "qualifier": "at_least"},
                                     {"article_id": "a2", "published": "2024-01-01", "qualifier": "at_least"}]


def test_part_files_without_manifest_are_invisible_and_cleaned_by_next_writer(tmp_path):
    store = Store(tmp_path / "s")
    store.write_batch([make_extraction("a1")])
    # A crashed writer: a part file (and a temp manifest) but no committed manifest.
    orphan = tmp_path / "s/parts/quantities/month=2025-05/deadbeef0000.parquet"
    committed = next((tmp_path / "s/parts/quantities/month=2025-05").glob("*.parquet"))
    orphan.write_bytes(committed.read_bytes())
    (tmp_path / "s/commits/.tmp-00000002-deadbeef0000.json").write_text("{")
    assert len(Store(tmp_path / "s").facts("quantities")) == 2
    assert orphan.exists()  # readers never delete
    store.write_batch([make_extraction("a2")])
    assert not orphan.exists() and not list((tmp_path / "s/commits").glob(".tmp-*"))
    assert len(store.facts("quantities")) == 4


def test_bad_record_rejected_before_anything_is_written(tmp_path):
    store = Store(tmp_path / "s")
    ex = make_extraction("a1")
    wrong = Extraction(ex.article, ex.actors, ex.relations, ex.events,
                       (*ex.quantities, make_extraction("other").quantities[0]))
    with pytest.raises(ValueError, match="belongs to other"):
        store.write_batch([wrong])
    assert store.version == "0" and not list((tmp_path / "s/parts").rglob("*.parquet"))


def test_full_disk_gives_store_error_and_leaves_store_unchanged(tmp_path, monkeypatch):
    store = Store(tmp_path / "s")
    store.write_batch([make_extraction("a1")])
    version = store.version
    import lib.store as store_module

    calls = {"n": 0}
    real = store_module.pq.write_table

    def write_then_fill(table, where, **kw):  # the disk fills up on the third part file
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(table, where, **kw)

    monkeypatch.setattr(store_module.pq, "write_table", write_then_fill)
    with pytest.raises(StoreError, match=r"cannot write to store .*: disk full"):
        store.write_batch([make_extraction("a2")])
    monkeypatch.undo()
    assert store.version == version and store.known_ids() == {"a1"}
    assert not list((tmp_path / "s").rglob(".tmp-*"))


def _readonly_store(tmp_root: Path) -> Path:
    store_dir = tmp_root / "ro"
    Store(store_dir).write_batch([make_extraction("a1")])
    for path in [tmp_root, *tmp_root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return store_dir


def _try_write_as_unprivileged(store_dir: Path, conn) -> None:
    """Child side: drop root (which ignores permission bits), then read and try to write."""
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    store = Store(store_dir)
    ids = sorted(store.known_ids())
    try:
        store.write_batch([make_extraction("a2")])
        conn.send((ids, None))
    except StoreError as exc:
        conn.send((ids, str(exc)))


def test_read_only_store_reads_but_refuses_writes_clearly():
    base = Path(tempfile.mkdtemp(prefix="dossier-ro-"))
    base.chmod(0o755)
    try:
        store_dir = _readonly_store(base)
        # fork, not spawn: the child keeps the imported modules, so it never needs to read
        # the interpreter's files after dropping privileges.
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_try_write_as_unprivileged, args=(store_dir, child))
        proc.start()
        assert parent.poll(60), "child did not answer"
        ids, error = parent.recv()
        proc.join(10)
        assert ids == ["a1"]
        assert error == f"cannot write to store {store_dir}: Permission denied"
        assert Store(store_dir).known_ids() == {"a1"}
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755)
        shutil.rmtree(base)


WRITER = textwrap.dedent("""
    import sys, time, random
    sys.path.insert(0, sys.argv[1])
    import lib.store as store_module
    from lib.store import Store
    from tests.test_store import make_extraction
    delay = float(sys.argv[4])
    real_write = store_module._atomic_write
    def slow_write(path, write):  # widen the window between part files and manifest
        time.sleep(random.random() * delay)
        real_write(path, write)
    store_module._atomic_write = slow_write
    store = Store(sys.argv[2])
    for b in range(int(sys.argv[3])):
        res = store.write_batch([make_extraction(f"b{b}-{i}", f"2025-0{1 + i % 3}-01") for i in range(4)])
        print("committed", b, res.batch, flush=True)
""")


def _check_whole_batches(store: Store) -> set[int]:
    """Every batch is all there or absent, facts match articles, nothing duplicated."""
    ids = store.known_ids()
    batches = {int(a.split("-")[0][1:]) for a in ids}
    assert ids == {f"b{b}-{i}" for b in batches for i in range(4)}
    arts = store.articles(with_text=False)
    assert len(arts) == len(ids) and arts["id"].is_unique
    q = store.facts("quantities")
    assert len(q) == 2 * len(ids) and q["id"].is_unique and set(q["article_id"]) == ids
    assert store.stats()["quantities"] == len(q)
    return batches


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(3))
def test_sigkill_mid_batch_leaves_exactly_the_committed_batches(tmp_path, trial):
    store_dir = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT), str(store_dir), "200", "0.02"],
                            stdout=subprocess.PIPE, text=True)
    seen = []
    target = 2 + trial * 2
    while len(seen) < target:
        line = proc.stdout.readline()
        assert line, "writer exited early"
        seen.append(int(line.split()[1]))
    time.sleep(random.random() * 0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    store = Store(store_dir)
    batches = _check_whole_batches(store)
    assert set(seen) <= batches and batches == set(range(len(batches)))
    # The next writer sweeps the dead writer's files and completes cleanly.
    store.write_batch([make_extraction("b999-0"), make_extraction("b999-1"), make_extraction("b999-2"),
                       make_extraction("b999-3")])
    assert _check_whole_batches(store) == batches | {999}
    manifests = [json.loads(p.read_text()) for p in (store_dir / "commits").glob("*.json")]
    referenced = {f["path"] for m in manifests for f in m["files"]}
    on_disk = {p.relative_to(store_dir).as_posix() for p in (store_dir / "parts").rglob("*") if p.is_file()}
    assert on_disk == referenced


@pytest.mark.slow
def test_reader_during_writer_never_errors_and_counts_grow(tmp_path):
    store_dir = tmp_path / "s"
    Store(store_dir)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT), str(store_dir), "20", "0.01"],
                            stdout=subprocess.DEVNULL)
    counts, reads = [], 0
    while proc.poll() is None or reads == 0:
        store = Store(store_dir)  # a fresh object per read, like a Streamlit rerun
        n = store.stats()["articles"]
        q = store.facts("quantities")
        assert len(q) >= 2 * n  # facts read after the count may include a newer commit
        assert q["published"].notna().all()  # facts and their articles come from one snapshot
        counts.append(n)
        reads += 1
    assert proc.wait() == 0
    assert counts == sorted(counts) and reads > 1
    assert _check_whole_batches(Store(store_dir)) == set(range(20))


def test_staged_batches_from_workers_commit_atomically_without_duplicates(tmp_path):
    store = Store(tmp_path / "s")
    store.write_batch([make_extraction("a1")])
    # Two "workers" stage overlapping batches; nothing is visible until the driver commits.
    one = Store(tmp_path / "s").stage([make_extraction("a2"), make_extraction("a3", "2024-01-01")])
    two = Store(tmp_path / "s").stage([make_extraction("a1"), make_extraction("a3", "2024-01-01"),
                                       make_extraction("a4")])
    assert store.known_ids() == {"a1"} and store.stats()["quantities"] == 2
    store.write_batch([make_extraction("a5")])  # a writer in between must not sweep staged files
    r1 = store.commit(one)
    assert r1.new == ["a2", "a3"] and r1.facts["quantities"] == 4
    r2 = store.commit(two)
    assert r2.new == ["a4"] and sorted(r2.existing) == ["a1", "a3"] and r2.facts["quantities"] == 2
    q = store.facts("quantities")
    assert len(q) == 10 and q["id"].is_unique and store.known_ids() == {f"a{i}" for i in range(1, 6)}
    assert set(store.facts("events", months=["2024-01"])["article_id"]) == {"a3"}
    assert not list((tmp_path / "s/staging").iterdir())
