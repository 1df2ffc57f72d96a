"""``python -m lib.eval newsquant|te3|modern_dev|relations|all [--shared DIR] [--errors]``: print the
evaluation tables."""

from __future__ import annotations

import argparse
import sys
import time
import traceback

from lib.eval import modern_dev, newsquant, relations_gold, te3
from lib.eval.common import find_shared, load_nlp

SUITES = {"newsquant": newsquant.run, "te3": te3.run, "modern_dev": modern_dev.run, "relations": relations_gold.run}


def main(argv: list[str] | None = None) -> int:
    """Run the chosen suites and print their tables.

    Returns 0 when the data is missing (a report, not a gate) and 1 when a suite crashed; a crash
    in one suite is printed and the others still run.
    """
    ap = argparse.ArgumentParser(prog="python -m lib.eval", description=__doc__)
    ap.add_argument("suite", choices=[*SUITES, "all"], nargs="?", default="all")
    ap.add_argument("--shared", help="the shared data directory (default: ../shared beside the project)")
    ap.add_argument("--errors", action="store_true", help="relations: also list every error")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if not (shared / "benchmarks").is_dir() and not (shared / "corpus").is_dir():
        print(f"benchmarks not found at {shared}")
        return 0
    nlp = load_nlp()
    failed = []
    for name in SUITES if args.suite == "all" else [args.suite]:
        t0 = time.perf_counter()
        try:
            opts = {"errors": args.errors} if name == "relations" else {}
            print(SUITES[name](shared, nlp, **opts))
        except Exception:  # one broken extractor should not hide the other reports
            failed.append(name)
            print(f"\n== {name} FAILED ==\n{traceback.format_exc()}", file=sys.stderr)
        print(f"({name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
