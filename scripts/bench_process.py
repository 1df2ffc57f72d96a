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
article and per fact. A report, not a test: it exits 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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
def phase_model(sample: str, workers: int) -> dict:
    from lib.nlp import load
    from lib.pipeline import read_inputs
    from lib.settings import BATCH_SIZE

    articles, _, _ = read_inputs([sample])
    texts = [a.text for a in articles]
    nlp = load()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
        pass
    return {"seconds": time.perf_counter() - started, "articles": len(texts),
            "words": sum(len(t.split()) for t in texts)}


def phase_process(sample: str, workers: int, store_dir: str) -> dict:
    from lib.nlp import load
    from lib.pipeline import process
    from lib.store import Store

    load()
    started = time.perf_counter()
    summary = process([sample], Store(store_dir), n_process=workers)
    return {"seconds": time.perf_counter() - started, "new": summary.new, "existing": summary.existing,
            "failed": len(summary.failed), "facts": summary.facts}


# ---- driver -----------------------------------------------------------------------------------
def _tree_pss(proc) -> int:
    """Bytes of PSS (RSS when PSS is unreadable) summed over a psutil process and its children."""
    import psutil

    total = 0
    for p in (proc, *proc.children(recursive=True)):
        try:
            mem = p.memory_full_info()
            total += getattr(mem, "pss", mem.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_phase(*args: str) -> dict:
    """Run one phase in a fresh interpreter; its JSON result plus ``peak_bytes``."""
    import psutil

    child = subprocess.Popen([sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True)
    proc, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss(proc))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"phase {args[0]} failed with exit code {child.returncode}")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_bytes": peak}


def store_size(store_dir: Path) -> dict:
    """Bytes on disk of the store's part files and manifests."""
    parts = sum(f.stat().st_size for f in (store_dir / "parts").rglob("*.parquet"))
    commits = sum(f.stat().st_size for f in (store_dir / "commits").glob("*.json"))
    return {"parts_bytes": parts, "commit_bytes": commits, "part_files": len(list((store_dir / "parts").rglob("*.parquet")))}


def bench(corpus: Path, n: int, workers: int) -> dict:
    """All three phases on the first ``n`` articles; the figures as one dict."""
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        sample = Path(tmp) / f"sample-{n}.jsonl"
        n = write_sample(corpus, n, sample)
        store_dir = Path(tmp) / "store"
        model = run_phase("model", str(sample), str(workers))
        first = run_phase("process", str(sample), str(workers), str(store_dir))
        again = run_phase("process", str(sample), str(workers), str(store_dir))
        size = store_size(store_dir)
    facts = sum(first["facts"].values())
    stored = first["new"] or 1
    return {
        "n": n, "articles": model["articles"], "words": model["words"], "workers": workers,
        "cores": os.cpu_count(), "model_s": model["seconds"], "process_s": first["seconds"],
        "again_s": again["seconds"], "ratio": first["seconds"] / model["seconds"],
        "again_share": again["seconds"] / first["seconds"], "model_peak_mb": model["peak_bytes"] / 2**20,
        "process_peak_mb": first["peak_bytes"] / 2**20, "new": first["new"], "failed": first["failed"],
        "facts": first["facts"], "again_new": again["new"], **size,
        "bytes_per_article": (size["parts_bytes"] + size["commit_bytes"]) / stored,
        "bytes_per_fact": size["parts_bytes"] / facts if facts else None,
    }


def report(r: dict) -> str:
    words = r["words"]
    rows = [
        f"N={r['n']} articles ({words} words), {r['workers']} process(es), {r['cores']} cores",
        f"  model   nlp.pipe : {r['model_s']:8.1f} s  {r['articles'] / r['model_s']:7.1f} articles/s  "
        f"{words / r['model_s']:8.0f} words/s  peak {r['model_peak_mb']:6.0f} MB",
        f"  process (first)  : {r['process_s']:8.1f} s  {r['articles'] / r['process_s']:7.1f} articles/s  "
        f"{words / r['process_s']:8.0f} words/s  peak {r['process_peak_mb']:6.0f} MB",
        f"  ratio process/model = {r['ratio']:.3f}   (target <= 1.15)",
        f"  process again (nothing new): {r['again_s']:.2f} s = {r['again_share']:.1%} of the first run"
        f"   (target <= 5%)",
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
        result = bench(args.corpus, n, args.workers)
        print(json.dumps(result) if args.json else report(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
