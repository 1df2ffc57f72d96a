"""``python -m lib.eval newsquant|te3|modern_dev|all [--shared DIR]``: print the evaluation tables."""

from __future__ import annotations

import argparse
import sys
import time

from lib.eval import modern_dev, newsquant, te3
from lib.eval.common import find_shared, load_nlp

SUITES = {"newsquant": newsquant.run, "te3": te3.run, "modern_dev": modern_dev.run}


def main(argv: list[str] | None = None) -> int:
    """Run the chosen suites and print their tables; 0 even when the data is missing (a report)."""
    ap = argparse.ArgumentParser(prog="python -m lib.eval", description=__doc__)
    ap.add_argument("suite", choices=[*SUITES, "all"], nargs="?", default="all")
    ap.add_argument("--shared", help="the shared data directory (default: ../shared beside the project)")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if not (shared / "benchmarks").is_dir() and not (shared / "corpus").is_dir():
        print(f"benchmarks not found at {shared}")
        return 0
    nlp = load_nlp()
    for name in SUITES if args.suite == "all" else [args.suite]:
        t0 = time.perf_counter()
        print(SUITES[name](shared, nlp))
        print(f"({name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
