"""Analyst corrections on real stores on disk: reject, fix, merge, undo, and reprocessing with the CLI."""

from __future__ import annotations

import doctest
import io
import json
import shutil
import subprocess
import sys
import threading

import dashboard_fixtures
import pandas as pd
import pytest
from dashboard_fixtures import ROOT

import lib.corrections
from lib.briefing import briefing_html
from lib.corrections import CorrectionError, CorrectionLog, apply_corrections, read_log
from lib.exports import facts_csv
from lib.filters import Filters
from lib.store import Store

KINDS = ("actors", "relations", "events", "quantities")


@pytest.fixture(scope="module")
def seed_copy(tmp_path_factory):
    """A private copy of the session's seed store: corrections written here touch no other test."""
    return dashboard_fixtures.seed_store_copy(tmp_path_factory, tmp_path_factory.mktemp("corrections") / "store")


def fresh_copy(seed_copy, tmp_path):
    root = tmp_path / "store"
    shutil.copytree(seed_copy, root, ignore=shutil.ignore_patterns("corrections.jsonl"))
    return Store(root)


def test_module_doctests():
    assert doctest.testmod(lib.corrections).failed == 0


def test_reject_fix_merge_undo_round_trip(seed_copy, tmp_path):
    store = fresh_copy(seed_copy, tmp_path)
    log = CorrectionLog(store)
    machine = {k: store.facts(k, corrections=False) for k in KINDS}
    qty = machine["quantities"]
    gone, fixed = qty["id"].iloc[0], qty["id"].iloc[1]
    old_value = float(qty.loc[qty["id"] == fixed, "value"].iloc[0])
    v0 = store.version

    rejection = log.reject("quantities", gone, note="a calibre, not a count")
    assert store.version != v0  # every cached dashboard query is keyed on it
    shown = store.facts("quantities")
    assert gone not in set(shown["id"]) and len(shown) == len(qty) - 1
    with_rejected = store.facts("quantities", rejected=True)
    assert with_rejected.set_index("id").loc[gone, "status"] == "rejected"
    assert len(store.facts("quantities", corrections=False)) == len(qty)  # machine output untouched

    log.fix("quantities", fixed, {"value": "3000000", "qualifier": "approx", "low": None, "high": None})
    row = store.facts("quantities").set_index("id").loc[fixed]
    assert (row["value"], row["qualifier"], row["status"], bool(row["corrected"])) == (
        3e6,
        "approx",
        "corrected",
        True,
    )
    assert json.loads(row["original"])["value"] == old_value

    rel = machine["relations"]
    actor = rel["source"].value_counts().index[0]
    merge = log.merge(actor, "Merged Actor")
    after = {k: store.facts(k) for k in KINDS}
    assert actor not in set(after["relations"]["source"]) | set(after["relations"]["target"])
    assert "Merged Actor" in set(after["relations"]["source"])
    assert actor not in set(after["actors"]["actor"]) and "Merged Actor" in set(after["actors"]["actor"])
    for kind in ("events", "quantities"):
        assert not any(actor in xs for xs in after[kind]["actors"])
        assert all(len(xs) == len(set(xs)) for xs in after[kind]["actors"])

    log.undo(rejection["id"])
    log.undo(merge["id"])
    restored = {k: store.facts(k) for k in KINDS}
    assert gone in set(restored["quantities"]["id"])
    assert actor in set(restored["relations"]["source"])
    assert restored["quantities"].set_index("id").loc[fixed, "value"] == 3e6  # the fix stays in force
    with pytest.raises(CorrectionError, match="already undone"):
        log.undo(rejection["id"])
    assert [e["op"] for e in read_log(store.root)] == ["reject", "fix", "merge", "undo", "undo"]


def test_bad_corrections_are_refused_and_nothing_is_written(seed_copy, tmp_path):
    store = fresh_copy(seed_copy, tmp_path)
    log = CorrectionLog(store)
    qid = store.facts("quantities")["id"].iloc[0]
    bad = [
        lambda: log.fix("quantities", qid, {"qualifier": "roughly"}),
        lambda: log.fix("quantities", qid, {"value": "nine million"}),
        lambda: log.fix("quantities", qid, {"date": "2024-13"}),
        lambda: log.fix("quantities", qid, {"sentence": "rewritten"}),  # provenance is not editable
        lambda: log.fix("quantities", "no-such-fact", {"value": 1}),
        lambda: log.reject("relations", qid),  # a quantity id is not a relation
        lambda: log.merge("PRK", "PRK"),
        lambda: log.undo("no-such-correction"),
    ]
    for attempt in bad:
        with pytest.raises(CorrectionError):
            attempt()
    log.merge("DPRK", "PRK")
    with pytest.raises(CorrectionError, match="already merged"):
        log.merge("PRK", "DPRK")
    assert [e["op"] for e in read_log(store.root)] == ["merge"]


def test_torn_last_line_is_skipped_and_never_glued_to_the_next(seed_copy, tmp_path):
    store = fresh_copy(seed_copy, tmp_path)
    qid = store.facts("quantities")["id"].iloc[0]
    (store.root / "corrections.jsonl").write_text('{"id": "x1", "op": "reject", "kind": "quanti')
    CorrectionLog(store).reject("quantities", qid)
    entries = read_log(store.root)
    assert [e["fact_id"] for e in entries] == [qid]
    assert qid not in set(store.facts("quantities")["id"])


def test_concurrent_appends_all_land_whole(seed_copy, tmp_path):
    store = fresh_copy(seed_copy, tmp_path)
    ids = list(store.facts("relations", corrections=False)["id"])

    def work(n: int) -> None:
        log = CorrectionLog(Store(store.root))  # one Store per writer, as separate sessions would have
        for i in range(6):
            log.fix("relations", ids[(n + i) % len(ids)], {"object": f"writer {n} edit {i}"})

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (store.root / "corrections.jsonl").read_text().splitlines()
    assert len(lines) == 24 and all(json.loads(line)["op"] == "fix" for line in lines)


def test_apply_corrections_chains_merges_and_later_fixes_win():
    facts = pd.DataFrame(
        {
            "id": ["e1", "e2"],
            "actors": [["DPRK", "RUS", "PRK"], ["KP"]],
            "action": ["deploy", "supply"],
            "claimant": ["DPRK", None],
        }
    )
    log = [
        {"id": "m1", "op": "merge", "merge": {"from_actor": "KP", "into_actor": "DPRK"}},
        {"id": "m2", "op": "merge", "merge": {"from_actor": "DPRK", "into_actor": "PRK"}},
        {"id": "m3", "op": "merge", "merge": {"from_actor": "PRK", "into_actor": "KP"}},  # a cycle: ignored
        {"id": "f1", "op": "fix", "kind": "events", "fact_id": "e2", "fields": {"action": "transfer"}},
        {"id": "f2", "op": "fix", "kind": "events", "fact_id": "e2", "fields": {"action": "aid"}},
        {"id": "r1", "op": "reject", "kind": "quantities", "fact_id": "e1"},  # another kind: no effect
    ]
    out = apply_corrections(facts, "events", log)
    assert out["actors"].tolist() == [["PRK", "RUS"], ["PRK"]]
    assert out["claimant"].tolist()[0] == "PRK" and out["action"].tolist() == ["deploy", "aid"]
    assert json.loads(out["original"][1]) == {"actors": ["KP"], "action": "supply"}
    assert out["status"].tolist() == ["corrected", "corrected"]
    assert facts["actors"].tolist()[0] == ["DPRK", "RUS", "PRK"]  # the input is not modified


def test_corrections_show_in_exports_and_briefing(seed_copy, tmp_path):
    store = fresh_copy(seed_copy, tmp_path)
    qty = store.facts("quantities")
    gone, fixed = qty["id"].iloc[0], qty["id"].iloc[1]
    log = CorrectionLog(store)
    log.reject("quantities", gone)
    log.fix("quantities", fixed, {"value": 123456789})
    shown = store.facts("quantities")
    table = pd.read_csv(io.BytesIO(facts_csv(shown)))
    assert gone not in set(table["id"])
    assert table.set_index("id").loc[fixed, ["value", "status"]].tolist() == [123456789, "corrected"]
    page = briefing_html(store, Filters()).decode("utf-8")
    gone_text = qty.set_index("id").loc[gone, "text"]
    assert "123,456,789" in page or "123456789" in page
    if not (shown["text"] == gone_text).any():  # the same phrase may occur in another, kept fact
        assert f"{gone_text} [" not in page


@pytest.mark.slow
def test_corrections_survive_reprocessing_with_the_cli(seed_copy, tmp_path):
    """Machine output thrown away and rebuilt from the same files: ids are stable, corrections apply."""
    store = fresh_copy(seed_copy, tmp_path)
    qty = store.facts("quantities")
    gone, fixed = qty["id"].iloc[0], qty["id"].iloc[1]
    actor = store.facts("relations")["target"].value_counts().index[0]
    log = CorrectionLog(store)
    log.reject("quantities", gone)
    log.fix("quantities", fixed, {"qualifier": "approx", "value": 42})
    log.merge(actor, "Merged Actor")
    for sub in ("parts", "commits"):
        shutil.rmtree(store.root / sub)
    assert store.stats()["quantities"] == 0

    run = subprocess.run(
        [sys.executable, "-m", "lib", "process", str(ROOT / "seeds"), "--store", str(store.root), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["new"] >= 1

    again = Store(store.root)
    assert set(again.facts("quantities", corrections=False)["id"]) == set(qty["id"])  # same text, same ids
    shown = again.facts("quantities").set_index("id")
    assert gone not in shown.index
    assert shown.loc[fixed, ["value", "qualifier", "status"]].tolist() == [42, "approx", "corrected"]
    rel = again.facts("relations")
    assert actor not in set(rel["source"]) | set(rel["target"]) and "Merged Actor" in set(rel["target"])
