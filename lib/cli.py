"""``python -m lib``: the dashboard's path without a browser.

    python -m lib process PATH... [--store DIR] [--json] [--batch-size N] [--workers N] [--scheduler ADDRESS]
    python -m lib extract PATH... [--workers N]
    python -m lib stats [--store DIR] [--json]

Exit codes: 0 the run completed (even if some files failed), 1 nothing could be read or the store
could not be used, 2 usage error. Human output goes to stdout, progress and failures of ``extract``
to stderr; ``--json`` prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from lib import settings
from lib.records import IngestError, IngestNotice
from lib.store import StoreError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="Dossier: facts from news articles.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    store_help = settings.SETTINGS["store"].help
    workers_help = "spaCy worker processes (default 1; each loads its own copy of the model)"
    cluster_help = ("worker processes (default 1); more than 1 runs on a local Dask cluster, each worker "
                    "loading the model once")

    p = sub.add_parser("process", help="extract facts from files and folders into the store (incremental)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    p.add_argument("--store", metavar="DIR", help=store_help)
    p.add_argument("--json", action="store_true", help="print one JSON summary object instead of text")
    p.add_argument("--batch-size", type=_positive, default=settings.BATCH_SIZE, metavar="N",
                   help=settings.SETTINGS["batch_size"].help + f" (default {settings.BATCH_SIZE})")
    p.add_argument("--workers", type=_positive, default=1, metavar="N", help=cluster_help)
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask distributed cluster (tcp://host:8786; 'local' starts one with --workers "
                        "processes); workers must see the store at the same path")

    e = sub.add_parser("extract", help="print one JSON object per article (JSON Lines), store untouched")
    e.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    e.add_argument("--workers", type=_positive, default=1, metavar="N", help=workers_help)

    s = sub.add_parser("stats", help="counts of articles and facts in the store")
    s.add_argument("--store", metavar="DIR", help=store_help)
    s.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    return parser


class _ProgressBar:
    """A tqdm bar on stderr, opened on the first article to parse (none when nothing is new)."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, desc="parsing", leave=False)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_process(args: argparse.Namespace) -> int:
    from lib.pipeline import process
    from lib.store import Store

    store = Store(settings.store_dir(args.store))
    bar = _ProgressBar()
    try:
        summary = process(args.paths, store, batch_size=args.batch_size, n_process=args.workers,
                          scheduler=args.scheduler, progress=bar)
    finally:
        bar.close()
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        print("\n".join(summary.lines()))
        print(f"store: {store.root} (version {store.version})")
    nothing_read = summary.new + summary.existing == 0 and summary.failed
    return EXIT_FAILED if nothing_read else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from lib.export import json_line
    from lib.pipeline import extract_paths

    read = failed = 0
    for item in extract_paths(args.paths, n_process=args.workers):
        if isinstance(item, IngestError):
            failed += not isinstance(item, IngestNotice)  # a hidden file skipped is said, not a failure
            print(item, file=sys.stderr)
        else:
            read += 1
            print(json_line(item), flush=True)
    return EXIT_FAILED if failed and not read else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from lib.store import Store

    store = Store(settings.store_dir(args.store), create=False)
    report = {"store": str(store.root), "version": store.version, **store.stats(), "months": store.months()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for key, value in report.items():
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return EXIT_OK


COMMANDS = {"process": cmd_process, "extract": cmd_extract, "stats": cmd_stats}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (argparse exits with 2 itself on usage errors)."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, RuntimeError) as exc:  # RuntimeError: no spaCy model installed
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `python -m lib extract ... | head` is fine
        sys.stderr.close()
        return EXIT_OK
