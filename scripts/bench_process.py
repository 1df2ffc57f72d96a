"""Processing against the model's floor: ``process`` vs bare ``nlp.pipe`` on the same texts.

Usage: python scripts/bench_process.py [--corpus PATH] [--n 2000 20000] [--workers W] [--json]

For each N it takes the first N records of the corpus (default ``../shared/corpus/bulk.jsonl.gz``),
writes them to a temporary JSON Lines file and runs, each in a fresh Python process so that peak
memory is that phase's alone:

1. ``model``: bare ``nlp.pipe`` of the Dossier pipeline (:func:`lib.nlp.load`) over the article
   texts, already in memory, with ``W`` processes and the pipeline's batch size;
2. ``process``: :func:`lib.pipeline.process` of the file into a fresh store (ingest, parse, extract,
   commit), ``W`` processes;
3. ``again``: ``process`` of the same file into the same store (incremental: nothing new).

The model is loaded before the clock starts in every phase. Peak memory is the largest sum of the
proportional set size (PSS: shared pages split between the processes sharing them) over the phase's
process and its children, sampled every 0.2 s. Prints articles/s, words/s, peak memory, the ratio
process / model (target ≤ 1.15), the incremental share (target ≤ 5 %) and the store's size per
article and per fact, and where each phase's CPU went, by process: the driver (the phase itself:
with Dask, the scheduler, the nannies and the commits), each worker or spaCy child, and what the
0.2 s sampling missed. A report, not a test: it exits 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bulk.jsonl.gz"


def write_sample(corpus: Path, n: int, out: Path) -> int:
    """The first ``n`` JSON Lines records of ``corpus`` (gzip or plain) into ``out``; returns how many."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    count = 0
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if count >= n:
                break
            if line.strip():
                dst.write(line)
                count += 1
    return count


# ---- phases (run in a child process) ---------------------------------------------------------
class Clock:
    """Wall and CPU seconds (this process plus its finished children: spaCy's ``n_process``
    workers) from construction to :meth:`stop`. CPU time is what the work costs whoever else shares
    the machine; wall time is what the analyst waits."""

    def __init__(self) -> None:
        self.wall, (self.cpu, self.own) = time.perf_counter(), self._cpu()

    @staticmethod
    def _cpu() -> tuple[float, float]:
        """(CPU seconds of this process and its reaped children, of this process alone)."""
        import resource

        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        mine = own.ru_utime + own.ru_stime
        return mine + kids.ru_utime + kids.ru_stime, mine

    def stop(self) -> dict:
        import multiprocessing

        multiprocessing.active_children()  # reap finished workers so their CPU time is counted
        cpu, own = self._cpu()
        return {"seconds": time.perf_counter() - self.wall, "cpu": cpu - self.cpu, "driver_cpu": own - self.own}


def phase_model(sample: str, workers: int) -> dict:
    from lib.nlp import load
    from lib.pipeline import read_inputs
    from lib.settings import BATCH_SIZE

    articles, _, _ = read_inputs([sample])
    texts = [a.text for a in articles]
    nlp = load()
    clock = Clock()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
        pass
    return {**clock.stop(), "articles": len(texts), "words": sum(len(t.split()) for t in texts)}


def phase_process(sample: str, workers: int, store_dir: str) -> dict:
    from lib.nlp import load
    from lib.pipeline import process
    from lib.store import Store

    load()
    clock = Clock()
    summary = process([sample], Store(store_dir), n_process=workers)
    return {**clock.stop(), "new": summary.new, "existing": summary.existing,
            "failed": len(summary.failed), "facts": summary.facts}


# ---- driver -----------------------------------------------------------------------------------
def _role(proc, root_pid: int) -> str:
    """What a process of a phase's tree is, from its command line (a Dask worker is spawned by
    multiprocessing; spaCy's ``n_process`` children are forked copies of the phase)."""
    if proc.pid == root_pid:
        return "driver"
    cmd = " ".join(proc.cmdline())
    for marker, role in (("spawn_main", "worker"), ("resource_tracker", "tracker"), ("forkserver", "forkserver")):
        if marker in cmd:
            return role
    return "child"


def _tree_sample(proc, cpu: dict[int, tuple[str, float]]) -> int:
    """Bytes of PSS (RSS when PSS is unreadable) summed over a psutil process and its children;
    records each child's role and CPU seconds so far in ``cpu`` (pid -> (role, seconds))."""
    import psutil

    total = 0
    try:
        tree = (proc, *proc.children(recursive=True))
    except psutil.NoSuchProcess:  # a child exited while we listed the tree
        return 0
    for p in tree:
        try:
            mem = p.memory_full_info()
            total += getattr(mem, "pss", mem.rss)
            times = p.cpu_times()
            role = cpu[p.pid][0] if p.pid in cpu else _role(p, proc.pid)
            cpu[p.pid] = (role, times.user + times.system)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_phase(*args: str) -> dict:
    """Run one phase in a fresh interpreter; its JSON result plus ``peak_bytes`` and ``procs``: the
    CPU seconds of each process of its tree but the phase's own (role, seconds), as last sampled."""
    import psutil

    child = subprocess.Popen([sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True)
    proc, peak, done = psutil.Process(child.pid), 0, threading.Event()
    cpu: dict[int, tuple[str, float]] = {}

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_sample(proc, cpu))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"phase {args[0]} failed with exit code {child.returncode}")
    procs = sorted((role, round(sec, 2)) for pid, (role, sec) in cpu.items() if pid != child.pid)
    return {**json.loads(out.strip().splitlines()[-1]), "peak_bytes": peak, "procs": procs}


def store_size(store_dir: Path) -> dict:
    """Bytes on disk of the store's part files and manifests."""
    parts = sum(f.stat().st_size for f in (store_dir / "parts").rglob("*.parquet"))
    commits = sum(f.stat().st_size for f in (store_dir / "commits").glob("*.json"))
    return {"parts_bytes": parts, "commit_bytes": commits, "part_files": len(list((store_dir / "parts").rglob("*.parquet")))}


def _best(runs: list[dict]) -> dict:
    """Several runs of one phase: the least wall and CPU time (the others were slowed by whatever
    else ran on the machine), the largest peak memory."""
    cheapest = min(runs, key=lambda r: r["cpu"])  # its per-process split explains its CPU total
    return {**cheapest, "seconds": min(r["seconds"] for r in runs), "peak_bytes": max(r["peak_bytes"] for r in runs)}


def bench(corpus: Path, n: int, workers: int, repeat: int = 1, keep: Path | None = None) -> dict:
    """All three phases on the first ``n`` articles, ``repeat`` times alternating; the figures as one
    dict. ``keep``: move the last store there (for ``bench_dashboard.py --store``)."""
    runs: dict[str, list[dict]] = {"model": [], "first": [], "again": []}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        sample = Path(tmp) / f"sample-{n}.jsonl"
        n = write_sample(corpus, n, sample)
        for i in range(repeat):
            store_dir = Path(tmp) / f"store-{i}"
            runs["model"].append(run_phase("model", str(sample), str(workers)))
            runs["first"].append(run_phase("process", str(sample), str(workers), str(store_dir)))
            runs["again"].append(run_phase("process", str(sample), str(workers), str(store_dir)))
        size = store_size(store_dir)
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.move(store_dir, keep)
    model, first, again = (_best(runs[k]) for k in ("model", "first", "again"))
    facts = sum(first["facts"].values())
    stored = first["new"] or 1
    return {
        "n": n, "articles": model["articles"], "words": model["words"], "workers": workers, "repeat": repeat,
        "cores": os.cpu_count(), "load_avg": os.getloadavg()[0],
        "model_s": model["seconds"], "model_cpu": model["cpu"], "process_s": first["seconds"],
        "process_cpu": first["cpu"], "again_s": again["seconds"],
        "model_by_process": _by_process(model), "process_by_process": _by_process(first),
        "ratio": first["seconds"] / model["seconds"], "cpu_ratio": first["cpu"] / model["cpu"],
        "again_share": again["seconds"] / first["seconds"], "model_peak_mb": model["peak_bytes"] / 2**20,
        "process_peak_mb": first["peak_bytes"] / 2**20, "new": first["new"], "failed": first["failed"],
        "facts": first["facts"], "again_new": again["new"], **size,
        "bytes_per_article": (size["parts_bytes"] + size["commit_bytes"]) / stored,
        "bytes_per_fact": size["parts_bytes"] / facts if facts else None,
    }


def _by_process(run: dict) -> list[tuple[str, float]]:
    """CPU seconds per process of a phase: the driver (exact, inside the clock), each child as last
    sampled, and ``unsampled``: what the reaped children cost beyond their last samples (a child's
    final 0.2 s, or a child that lived less than a sampling interval)."""
    children = run["cpu"] - run["driver_cpu"]
    sampled = sum(sec for _, sec in run["procs"])
    return [("driver", round(run["driver_cpu"], 2)), *run["procs"], ("unsampled", round(children - sampled, 2))]


def _split(parts: list[tuple[str, float]]) -> str:
    return ", ".join(f"{role} {sec:.1f}" for role, sec in parts) + " s"


def report(r: dict) -> str:
    words = r["words"]

    def line(name: str, wall: float, cpu: float, peak: float) -> str:
        return (f"  {name:<17}: {wall:8.1f} s wall {cpu:8.1f} s cpu  {r['articles'] / wall:7.1f} articles/s  "
                f"{words / wall:7.0f} words/s  peak {peak:6.0f} MB")

    rows = [
        f"N={r['n']} articles ({words} words), {r['workers']} process(es), {r['cores']} cores, "
        f"best of {r['repeat']}, load average {r['load_avg']:.1f}",
        line("model  nlp.pipe", r["model_s"], r["model_cpu"], r["model_peak_mb"]),
        line("process (first)", r["process_s"], r["process_cpu"], r["process_peak_mb"]),
        f"  cpu by process, model  : {_split(r['model_by_process'])}",
        f"  cpu by process, process: {_split(r['process_by_process'])}",
        f"  ratio process/model = {r['ratio']:.3f} wall, {r['cpu_ratio']:.3f} cpu   (target <= 1.15)",
        f"  process again (nothing new, {r['again_new']} stored): {r['again_s']:.2f} s = "
        f"{r['again_share']:.1%} of the first run   (target <= 5%)",
        f"  stored {r['new']} new, {r['failed']} failed; facts {r['facts']}",
        f"  store: {r['parts_bytes'] / 2**20:.1f} MB parts in {r['part_files']} files, "
        f"{r['commit_bytes'] / 2**20:.2f} MB manifests; {r['bytes_per_article']:.0f} bytes/article, "
        + (f"{r['bytes_per_fact']:.0f} bytes/fact" if r["bytes_per_fact"] else "no facts"),
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus (.jsonl or .jsonl.gz)")
    ap.add_argument("--n", type=int, nargs="+", default=[2000, 20000], help="corpus sizes (first N records)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per phase, best kept (default 1)")
    ap.add_argument("--keep-store", type=Path, metavar="DIR", help="keep the store of the last size in DIR")
    ap.add_argument("--json", action="store_true", help="print one JSON object per size instead of text")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)  # internal: run one phase
    args = ap.parse_args(argv)
    if args.phase:
        name, rest = args.phase[0], args.phase[1:]
        result = phase_model(rest[0], int(rest[1])) if name == "model" else phase_process(rest[0], int(rest[1]), rest[2])
        print(json.dumps(result))
        return 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (nothing to benchmark)")
        return 0
    for n in args.n:
        keep = args.keep_store if n == args.n[-1] else None
        result = bench(args.corpus, n, args.workers, max(1, args.repeat), keep)
        print(json.dumps(result) if args.json else report(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
