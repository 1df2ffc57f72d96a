"""Faults around the real CLI: SIGKILL mid-run, two runs at once, a dashboard reading while a run
writes, a read-only store and a write refused by the kernel mid-batch.

The corpus is 12 short articles written by the test. A reference run (uninterrupted, its own store)
gives the commit order and the fact ids every faulty run is compared with: after any fault, the
store holds exactly a prefix of whole batches of that order, each with exactly its reference facts.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.records import FACT_KINDS
from lib.store import TABLES, Store

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES, BATCH = 12, 2
ACTORS = ["North Korea", "Russia", "Iran", "China", "Ukraine", "the United States", "Belarus", "South Korea"]
UNITS = ["troops", "missiles", "artillery shells", "drones", "tanks", "containers"]
SENTENCES = [
    "{a} has sent at least {n} {u} to {b}, officials in Seoul said on Friday.",
    "{a} supplied as many as {n} {u} to {b} in {y}, according to the report.",
    "{a} accused {b} of receiving more than {n} {u} since March {y}.",
    "Kim Jong Un met Vladimir Putin in Pyongyang on 19 June {y} and signed a pact.",
    "{a} and {b} condemned the transfer of about {n} {u} at the Security Council.",
]
pytestmark = pytest.mark.slow


def article(i: int) -> str:
    """Article ``i`` of the corpus: a title and ~30 sentences, different numbers in each article."""
    rnd = random.Random(i)
    lines = [f"Report {i:02d} on {ACTORS[i % len(ACTORS)]}", ""]
    for _ in range(30):
        a, b = rnd.sample(ACTORS, 2)
        lines.append(rnd.choice(SENTENCES).format(a=a, b=b, n=rnd.randrange(2, 90) * 100, u=rnd.choice(UNITS),
                                                  y=rnd.choice([2023, 2024])))
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, indices) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in indices:
        (folder / f"{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def cli(store: Path, *paths: Path, batch: int = BATCH, preexec=None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lib", "process", *map(str, paths), "--store", str(store),
                             "--json", "--batch-size", str(batch)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=preexec, **kw)


def finish(proc: subprocess.Popen) -> tuple[int, dict | None, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, (json.loads(out) if out.strip() else None), err


def fact_ids(store: Store) -> dict[str, dict[str, set[str]]]:
    """kind → article id → ids of its facts; asserts no id appears twice in any table."""
    out = {}
    for kind in FACT_KINDS:
        df = store.facts(kind)
        assert df["id"].is_unique, f"duplicate {kind}"
        out[kind] = {aid: set(g["id"]) for aid, g in df.groupby("article_id")}
    return out


@dataclass
class Reference:
    corpus: Path
    order: list[str]  # article ids in commit order
    facts: dict[str, dict[str, set[str]]]
    seconds: float  # wall time of a full uninterrupted run
    first_commit: float  # seconds from start to the first manifest

    def check(self, store_dir: Path) -> int:
        """The store opens and holds a prefix of whole batches with exactly their facts; returns its size."""
        store = Store(store_dir)
        arts = store.articles(with_text=False)
        assert arts["id"].is_unique
        n = len(arts)
        assert set(arts["id"]) == set(self.order[:n]) and (n % BATCH == 0 or n == len(self.order)), n
        got = fact_ids(store)
        for kind in FACT_KINDS:
            want = {a: ids for a, ids in self.facts[kind].items() if a in set(self.order[:n])}
            assert got[kind] == want, kind
        stats = store.stats()
        assert stats["articles"] == n and all(stats[k] == sum(map(len, got[k].values())) for k in FACT_KINDS)
        return n


def referenced_equals_on_disk(store_dir: Path) -> bool:
    manifests = [json.loads(p.read_text()) for p in (store_dir / "commits").glob("*.json")]
    referenced = {f["path"] for m in manifests for f in m["files"]}
    on_disk = {p.relative_to(store_dir).as_posix() for p in (store_dir / "parts").rglob("*") if p.is_file()}
    return referenced == on_disk


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    base = tmp_path_factory.mktemp("faults")
    corpus = write_corpus(base / "corpus", range(N_ARTICLES))
    store_dir = base / "reference"
    started = time.time()
    rc, summary, err = finish(cli(store_dir, corpus))
    seconds = time.time() - started
    assert rc == 0 and summary["new"] == N_ARTICLES and not summary["failed"], err
    commits = sorted((store_dir / "commits").glob("*.json"))
    assert len(commits) == N_ARTICLES // BATCH
    order = [aid for c in commits for aid in json.loads(c.read_text())["articles"]]
    first = min(c.stat().st_mtime for c in commits) - started
    store = Store(store_dir)
    facts = fact_ids(store)
    assert all(sum(map(len, facts[k].values())) > 0 for k in ("actors", "quantities"))
    return Reference(corpus, order, facts, seconds, max(0.5, first))


# ---------------------------------------------------------------------------------------------- SIGKILL

TRIALS = 20
MOMENTS = ("mid-batch", "loading", "mid-batch", "after-commit")  # half of the kills aim at a batch mid-write


def _uncommitted(store_dir: Path) -> set[str]:
    """Part files on disk (temp names included) that no manifest names: a batch being written."""
    try:
        names = sorted((store_dir / "commits").glob("*.json"))
        referenced = {f["path"] for n in names for f in json.loads(n.read_text())["files"]}
        on_disk = {p.relative_to(store_dir).as_posix() for p in (store_dir / "parts").rglob("*.parquet")}
    except (OSError, ValueError):  # a file renamed under us: look again next time
        return set()
    return on_disk - referenced


def _kill_when(proc: subprocess.Popen, store_dir: Path, moment: str, rnd: random.Random) -> bool:
    """SIGKILL ``proc`` at ``moment``: "loading" (a random time during start-up), "mid-batch" (as soon as a
    new batch has part files but no manifest) or "after-commit" (just after a random later commit).
    Returns True when part files of an unfinished batch were on disk at the kill."""
    leftovers = _uncommitted(store_dir)  # a dead writer's orphans, swept by the next lock holder
    commits = lambda: len(list((store_dir / "commits").glob("*.json")))  # noqa: E731
    target = commits() + rnd.randrange(0, 3)
    deadline = time.time() + 120
    if moment == "loading":
        time.sleep(rnd.uniform(0.2, 2.0))
    while moment != "loading" and proc.poll() is None and time.time() < deadline:
        if moment == "mid-batch" and commits() >= target and _uncommitted(store_dir) - leftovers:
            break
        if moment == "after-commit" and commits() > target:
            time.sleep(rnd.uniform(0, 0.05))
            break
        time.sleep(0.002)
    mid = bool(_uncommitted(store_dir) - leftovers)
    proc.send_signal(signal.SIGKILL)
    return mid


def _kill_chain(reference: Reference, base: Path, seed: int, trials: int) -> list[tuple[str, int, bool]]:
    """``trials`` killed runs on one store (each resumes the last); a full store is replaced by a fresh one.
    Checks the store after every kill; returns (moment, articles stored, killed mid-batch) per trial."""
    rnd = random.Random(seed)
    store_dir, stores, log = base / "s0", 0, []
    for trial in range(trials):
        moment = MOMENTS[trial % len(MOMENTS)]
        proc = cli(store_dir, reference.corpus)
        mid = _kill_when(proc, store_dir, moment, rnd)
        rc, _, err = finish(proc)
        assert rc in (0, -signal.SIGKILL), err
        n = reference.check(store_dir) if (store_dir / "commits").exists() else 0
        log.append((moment, n, mid and rc != 0))
        if n == N_ARTICLES:
            stores += 1
            store_dir = base / f"s{stores}"
    rc, summary, err = finish(cli(store_dir, reference.corpus))  # re-running completes the batch
    assert rc == 0 and not summary["failed"], err
    assert reference.check(store_dir) == N_ARTICLES and referenced_equals_on_disk(store_dir)
    return log


def test_sigkill_at_random_points_keeps_whole_batches_and_rerun_completes(reference, tmp_path):
    """20 runs killed at random moments, two chains at a time (2 cores); after every kill the store opens
    and holds exactly whole batches with their facts, and the last re-run completes the corpus."""
    from concurrent.futures import ThreadPoolExecutor

    seed = int(os.environ.get("DOSSIER_KILL_SEED", "6"))
    with ThreadPoolExecutor(2) as pool:
        chains = [pool.submit(_kill_chain, reference, tmp_path / f"chain{c}", seed + c, TRIALS // 2)
                  for c in range(2)]
        log = [t for chain in chains for t in chain.result()]
    assert len(log) == TRIALS
    mid = sum(m for _, _, m in log)
    assert mid >= TRIALS // 2 - 4, log  # most aimed kills landed with a half-written batch on disk
    print(f"kill trials: {len(log)} survived, {mid} with a half-written batch on disk: {log}")


# ---------------------------------------------------------------------------------------------- concurrency


def test_two_runs_at_once_on_overlapping_folders_store_each_article_once(reference, tmp_path):
    a = write_corpus(tmp_path / "a", range(0, 8))
    b = write_corpus(tmp_path / "b", range(4, 12))
    store_dir = tmp_path / "s"
    runs = [cli(store_dir, a), cli(store_dir, b)]
    results = [finish(p) for p in runs]
    for rc, summary, err in results:
        assert rc == 0 and not summary["failed"], err
        assert summary["new"] + summary["existing"] == 8
    assert sum(s["new"] for _, s, _ in results) == N_ARTICLES
    assert reference.check(store_dir) == N_ARTICLES
    for table in TABLES:
        ids = Store(store_dir).sql(f"select id from {table}")["id"]
        assert ids.is_unique, table


# ---------------------------------------------------------------------------------------------- dashboard


def test_dashboard_keeps_serving_while_a_run_writes(tmp_path, monkeypatch, nlp):
    """AppTest reruns every page, one after another, while a CLI run commits 34 one-article batches."""
    from lib.pipeline import process

    total = 36
    store_dir = tmp_path / "s"
    corpus = write_corpus(tmp_path / "all", range(total))
    assert process([write_corpus(tmp_path / "first", range(2))], Store(store_dir)).new == 2  # not seeded
    monkeypatch.setenv("DOSSIER_STORE", str(store_dir))
    initial = Store(store_dir).version
    proc = cli(store_dir, corpus, batch=1)
    pages = ["pages/overview.py", "pages/network.py", "pages/timeline.py", "pages/quantities.py",
             "pages/articles.py"]
    during, runs = set(), 0
    while proc.poll() is None or runs < len(pages):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        if runs % len(pages):
            at.switch_page(pages[runs % len(pages)]).run()
        assert not at.exception, (pages[runs % len(pages)], at.exception)
        assert not at.error, [e.value for e in at.error]
        version = Store(store_dir).version
        if proc.poll() is None:
            during.add(version)
        runs += 1
    rc, summary, err = finish(proc)
    assert rc == 0 and summary["new"] == total - 2, err
    assert len(during - {initial}) >= 2, during  # pages were read between the run's commits
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert {m.label: m.value for m in at.metric}["Articles"] == str(total)
    arts = Store(store_dir).articles(with_text=False)
    assert len(arts) == total and arts["id"].is_unique


# ---------------------------------------------------------------------------------------------- read-only, full


def _no_dac_override() -> None:
    """Child side: root ignores permission bits; dropping CAP_DAC_OVERRIDE/READ_SEARCH from the bounding
    set before exec makes the kernel apply them (a no-op for a normal user, who never had them)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP


def _tree(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*") if p.is_file()}


def test_read_only_store_fails_clearly_and_unchanged(reference, tmp_path):
    store_dir = tmp_path / "ro"
    shutil.copytree(reference.corpus.parent / "reference", store_dir)
    extra = write_corpus(tmp_path / "extra", [99])
    before = _tree(store_dir)
    for path in [store_dir, *store_dir.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        rc, summary, err = finish(cli(store_dir, extra, preexec=_no_dac_override))
    finally:
        for path in [store_dir, *store_dir.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert rc == 1 and summary is None and "Traceback" not in err
    assert err.strip().endswith(f"error: cannot write to store {store_dir}: Permission denied")
    assert _tree(store_dir) == before and reference.check(store_dir) == N_ARTICLES


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_write_refused_mid_batch_leaves_whole_batches_and_no_debris(reference, tmp_path):
    """The kernel refuses a part file half-way (a file-size limit: the same failure path as a full disk):
    the run stops with one clear line, the batches before it stay, nothing of the failed one remains."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        shutil.copy(reference.corpus / f"{i:02d}.txt", corpus)
    rnd = random.Random(7)
    # ~40 KB of random letters: zstd cannot shrink its part file below the 16 KB limit
    words = ["".join(rnd.choices("abcdefghijklmnopqrstuvwxyz", k=rnd.randint(3, 9))) for _ in range(6000)]
    big = ". ".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))  # short sentences parse fast
    (corpus / "06.txt").write_text(f"Big one\n\nRussia sent 5 tanks. {big}.\n", encoding="utf-8")
    store_dir = tmp_path / "s"
    rc, summary, err = finish(cli(store_dir, corpus, preexec=_file_size_limit(16 * 1024)))
    assert rc == 1 and "Traceback" not in err, err
    assert err.strip().endswith(f"error: cannot write to store {store_dir}: file size limit reached")
    assert reference.check(store_dir) == 6  # articles 00..05: three whole batches, the fourth not at all
    assert referenced_equals_on_disk(store_dir) and not list(store_dir.rglob(".tmp-*"))
    rc, summary, err = finish(cli(store_dir, corpus))
    assert rc == 0 and summary["new"] == 1 and summary["existing"] == 6, err
    arts = Store(store_dir).articles(with_text=False)
    assert arts["id"].is_unique and set(arts["id"]) >= set(reference.order[:6]) and len(arts) == 7
