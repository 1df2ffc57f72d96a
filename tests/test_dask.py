"""``process`` on a real Dask cluster (a LocalCluster of two worker processes, each loading the real
model) gives the same store as the single-process run: same articles, same facts, same ids."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lib.cli import main
from lib.dask_runner import LOCAL_CLUSTER_CONFIG, cluster_client, partitions, work
from lib.pipeline import process, read_inputs
from lib.records import FACT_KINDS
from lib.store import Store, StoreError

pytestmark = pytest.mark.slow

# Real-looking reports over several months, so partitions hold several month partitions each.
REPORTS = [
    ("2024-10-18", "Seoul says North Korean troops are in Russia",
     "North Korea has sent about 1,500 special forces troops to Russia, South Korea's spy agency said on "
     "Friday.\nThe National Intelligence Service said the soldiers left in early October 2024."),
    ("2024-11-05", "Kyiv reports clashes in Kursk",
     "Ukraine said its forces clashed with North Korean soldiers in the Kursk region on Monday.\n"
     "Kyiv estimated that more than 10,000 North Korean troops had been deployed since October."),
    ("2024-12-23", "Shells and missiles",
     "North Korea has supplied Russia with as many as 9 million rounds of ammunition, according to "
     "Ukrainian intelligence.\nPyongyang also shipped at least 100 ballistic missiles in 2024."),
    ("2025-01-14", "Sanctions monitors report",
     "The Multilateral Sanctions Monitoring Team said North Korea transferred arms to Russia between "
     "September 2023 and August 2024.\nThe report counted 16,500 containers."),
    ("2025-02-02", "Casualties",
     "South Korean lawmakers said about 300 North Korean soldiers had been killed and 2,700 wounded."),
    ("2025-03-30", "Oil for arms",
     "Russia delivered more than 1 million barrels of oil to North Korea since March, the monitors said."),
    ("2025-04-28", "Moscow confirms",
     "Russia confirmed on Monday that North Korean troops fought in Kursk.\nThe Kremlin thanked Pyongyang."),
]
BATCH = "1"  # one article per spaCy batch: partitions of 4, so the two workers share the corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_path):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(seed_path, folder / seed_path.name)
    with open(folder / "reports.jsonl", "w", encoding="utf-8") as f:
        for published, title, text in REPORTS:
            f.write(json.dumps({"title": title, "text": text, "published": published, "source": "Wire"}) + "\n")
    return folder


@pytest.fixture(scope="module")
def cluster():
    """The LocalCluster ``process --workers 2`` starts (lib.dask_runner.cluster_client), as a client."""
    with cluster_client(None, 2) as client:
        yield client


def test_local_cluster_workers_run_without_the_profiler_and_fast_monitors(cluster):
    """The worker processes got the quiet config (Dask's 10 ms stack sampler costs real CPU)."""
    def settings(dask_worker) -> tuple:
        import os

        import dask

        return ("profile" in dask_worker.periodic_callbacks, dask.config.get("distributed.admin.tick.interval"),
                os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"))

    seen = cluster.run(settings)
    assert len(seen) == 2
    # No eager malloc trimming (it makes spaCy's parse cost 15 % more CPU); one BLAS thread each.
    assert set(seen.values()) == {(False, LOCAL_CLUSTER_CONFIG["distributed.admin.tick.interval"], None, "1")}


def test_local_cluster_leaves_port_8787_alone(cluster):
    """The scheduler's HTTP routes take a free port: a second run, or anyone's dashboard on 8787,
    would otherwise make every run warn "Port 8787 is already in use"."""
    port = cluster.scheduler_info()["services"]["dashboard"]
    assert port != 8787 and port > 0


def test_the_worker_config_file_for_remote_clusters_matches_the_local_cluster():
    """README tells remote workers to start with DASK_CONFIG=docs/dask-workers.yaml: same settings."""
    import dask.config

    cfg = dask.config.collect(paths=[str(Path(__file__).parents[1] / "docs" / "dask-workers.yaml")], env={})
    for dotted, value in LOCAL_CLUSTER_CONFIG.items():
        got = cfg
        for part in dotted.split("."):
            got = got[part]
        assert got == value, dotted


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("single") / "store")
    summary = process([corpus], store, batch_size=int(BATCH))
    assert summary.new == len(REPORTS) + 2 and not summary.failed
    return store, summary


def _frames(store: Store) -> dict:
    out = {"articles": store.articles().sort_values("id").reset_index(drop=True)}
    for kind in FACT_KINDS:
        out[kind] = store.facts(kind, corrections=False).sort_values("id").reset_index(drop=True)
    return out


def test_cluster_run_through_the_cli_equals_the_single_process_run(corpus, cluster, single, tmp_path, capsys):
    store_dir = tmp_path / "store"
    argv = ["process", str(corpus), "--store", str(store_dir), "--batch-size", BATCH,
            "--scheduler", cluster.scheduler.address, "--json"]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    expected, summary = single
    assert report["new"] == summary.new and report["facts"] == summary.facts and report["failed"] == []
    assert report["facts"]["quantities"] > 0 and report["facts"]["actors"] > 0

    got, want = _frames(Store(store_dir)), _frames(expected)
    for table, frame in want.items():
        assert list(got[table]["id"]) == list(frame["id"]), table
        assert got[table].drop(columns=["month"]).equals(frame.drop(columns=["month"])), table
    # Each partition was committed on its own (crash-safe granularity), and nothing stays staged.
    parts = partitions(read_inputs([corpus])[0], 4)
    assert len(list((store_dir / "commits").glob("*.json"))) == len(parts) > 2
    assert not any((store_dir / "staging").iterdir())
    assert sorted(Store(store_dir).months()) == sorted(expected.months())

    # Re-running on the same input parses nothing and commits nothing.
    version = Store(store_dir).version
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["new"], again["existing"]) == (0, summary.new)
    assert Store(store_dir).version == version


def test_worker_that_cannot_see_the_store_fails_loudly(corpus, tmp_path):
    articles, _, _ = read_inputs([corpus])
    with pytest.raises(StoreError, match="no store at"):
        work(articles[:1], str(tmp_path / "not-shared"), 1)
    assert not (tmp_path / "not-shared").exists()
