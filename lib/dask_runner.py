"""``process`` on a Dask distributed cluster: the driver ingests and commits, workers parse and stage.

The same pipeline as :func:`lib.pipeline.process`, spread over processes or machines:

1. the driver ingests every path and drops the articles the store already holds (as ``process``);
2. the articles to parse are cut into partitions (``partition_size`` articles, a multiple of the
   spaCy batch size, so every Doc is parsed in the same batch as on one process);
3. each partition is a Dask task: the worker parses it with :func:`lib.pipeline.parse` (the model is
   loaded once per worker process, :func:`lib.nlp.load` is cached), extracts, and writes the part
   files with :meth:`lib.store.Store.stage` — no lock, nothing visible yet;
4. the driver commits each staged partition as it completes (:meth:`lib.store.Store.commit`: under
   the lock, already-committed articles dropped, visible all at once through its manifest).

So a crash loses at most the partitions in flight, and a re-run finishes the rest. Fact ids come
from the article and the span, so the output is the same facts with the same ids as a single-process
run on the same input. Workers must reach the store directory at the same path as the driver (a
shared filesystem when they run on other machines), and must be able to import ``lib`` (start them
from a checkout of this project, with its virtualenv).

>>> summary = process_on_cluster(["corpus/"], Store("data/store"), workers=2)   # doctest: +SKIP
>>> summary = process_on_cluster(["corpus/"], Store("/shared/store"),
...                              scheduler="tcp://10.0.0.5:8786")               # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from lib.pipeline import Paths, Summary, parse, read_inputs
from lib.records import Article, Extraction, IngestError
from lib.settings import BATCH_SIZE
from lib.store import StagedBatch, Store, StoreError

LOCAL = "local"  # the scheduler "address" that starts a LocalCluster on this machine
BATCHES_PER_PARTITION = 4  # a partition is a few spaCy batches: big enough to amortise a task's cost
_PARSE_LOCK = threading.Lock()  # a worker started with several threads still parses one batch at a time
# Dask's defaults suit interactive clusters watched on a dashboard; on our CPU-bound batch they cost
# CPU for nothing. Worst is the statistical profiler: every 10 ms each worker's event loop walks the
# stack of the task thread, taking the GIL from spaCy. The monitors and the event-loop tick run
# 10-50 times a second in every process. Applied to the LocalCluster we start (its nannies hand
# their config to the worker processes); a cluster given by address keeps its own settings.
# The nanny also starts each worker with MALLOC_TRIM_THRESHOLD_=65536 (give freed memory back to the
# OS at once): spaCy frees and re-allocates its batch arrays constantly, and with that setting the
# same parse costs 15 % more CPU (11.65 s → 13.45 s for 512 articles); None unsets it. We keep the
# thread limits. docs/dask-workers.yaml holds the same settings for workers started by hand.
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
    },
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.tick.interval": "100ms",
}


def partitions(articles: Sequence[Article], size: int) -> list[list[Article]]:
    """The articles in consecutive slices of ``size`` (the last one shorter).

    >>> [len(p) for p in partitions(list(range(10)), 4)]
    [4, 4, 2]
    """
    size = max(1, size)
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


def partition_size(total: int, batch_size: int, workers: int, requested: int | None = None) -> int:
    """Articles per partition: ``requested``, else :data:`BATCHES_PER_PARTITION` spaCy batches but
    small enough that every worker gets a share; always a whole number of batches.

    >>> partition_size(2000, 64, 2), partition_size(300, 64, 2), partition_size(10, 4, 2, requested=5)
    (256, 192, 8)
    """
    size = requested or min(BATCHES_PER_PARTITION * batch_size, -(-total // max(1, workers)))
    return max(1, -(-size // batch_size)) * batch_size


def work(articles: list[Article], root: str, batch_size: int) -> tuple[StagedBatch | None, list[IngestError]]:
    """One partition on a worker: parse, extract, stage. Returns the staged batch (None when no
    article could be extracted) and one IngestError per article that failed.

    Never creates the store: a worker that cannot see the driver's directory fails with a
    :class:`StoreError` naming it, instead of writing somewhere nobody reads.
    """
    with _PARSE_LOCK:
        items = list(parse(articles, batch_size=batch_size))
    extractions = [x for x in items if isinstance(x, Extraction)]
    errors = [x for x in items if isinstance(x, IngestError)]
    staged = Store(root, create=False).stage(extractions) if extractions else None
    return staged, errors


@contextlib.contextmanager
def cluster_client(scheduler: str | None, workers: int) -> Iterator[object]:
    """A ``distributed.Client`` on ``scheduler`` (an address such as ``tcp://host:8786``), or on a
    ``LocalCluster`` of ``workers`` single-threaded processes when ``scheduler`` is None or "local".

    Raises RuntimeError naming the address when the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the CLI turns RuntimeError into one clear line
        raise RuntimeError(f"Dask is not installed ({exc}); pip install 'dask[distributed]'") from exc
    if scheduler and scheduler != LOCAL:
        try:
            client = Client(scheduler)
        except (OSError, ValueError) as exc:  # refused, timed out, malformed address
            raise RuntimeError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    import dask

    # One thread per worker: spaCy holds the GIL, so threads would only queue behind each other.
    # The scheduler serves a few HTTP routes (health, metrics) even without its dashboard, on 8787
    # by default; a free port keeps a second run, or a Jupyter-hosted cluster, from warning that
    # 8787 is taken.
    with dask.config.set(LOCAL_CLUSTER_CONFIG), \
            LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                         dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _lost(part: list[Article], exc: BaseException) -> list[IngestError]:
    """A partition whose task failed (a worker died, an import failed): every article is reported."""
    reason = f"worker failed: {type(exc).__name__}: {exc}"
    return [IngestError(a.source or a.id, reason, a.line) for a in part]


def _add(summary: Summary, store: Store, staged: StagedBatch | None, errors: list[IngestError]) -> None:
    summary.failed += errors
    if staged is None:
        return
    result = store.commit(staged)
    summary.new += len(result.new)
    summary.existing += len(result.existing)  # another run may have committed them meanwhile
    for kind, n in result.facts.items():
        summary.facts[kind] += n


def process_on_cluster(paths: Paths, store: Store, *, scheduler: str | None = None, workers: int = 2,
                       batch_size: int = BATCH_SIZE, partition: int | None = None,
                       client: object | None = None,
                       progress: Callable[[int, int], None] | None = None) -> Summary:
    """:func:`lib.pipeline.process` with parsing and extraction on Dask workers; same Summary.

    ``scheduler`` is a Dask scheduler address, or None / "local" for a ``LocalCluster`` of
    ``workers`` processes; an existing ``distributed.Client`` may be passed as ``client`` instead.
    ``partition`` articles per partition (default: see :func:`partition_size`) is rounded up to a
    multiple of ``batch_size``. ``progress(done, total)`` is called as partitions are committed.
    Raises :class:`StoreError` when the store cannot be written (committed partitions stay).
    """
    started = time.monotonic()
    articles, failed, existing = read_inputs(paths, skip=store.known_ids(), store=store)
    summary = Summary(existing=existing, failed=failed)
    if progress:
        progress(0, len(articles))
    if articles:  # an incremental re-run with nothing new starts no cluster
        store.check_writable()  # a read-only store fails before any worker starts
        with contextlib.nullcontext(client) if client else cluster_client(scheduler, workers) as c:
            size = partition_size(len(articles), batch_size, _worker_count(c), partition)
            _run(c, partitions(articles, size), store, batch_size, summary, progress, len(articles))
    summary.seconds = time.monotonic() - started
    return summary


def _worker_count(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _run(client, parts: list[list[Article]], store: Store, batch_size: int, summary: Summary,
         progress: Callable[[int, int], None] | None, total: int) -> None:
    """Submit every partition, commit each as it completes; cancel the rest if the store fails."""
    from distributed import as_completed

    root = str(store.root)
    futures = {client.submit(work, part, root, batch_size, pure=False): part for part in parts}
    done = 0
    try:
        for future in as_completed(futures):
            part = futures[future]
            try:
                staged, errors = future.result()
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001 - one lost partition must not cost the others
                staged, errors = None, _lost(part, exc)
            _add(summary, store, staged, errors)
            future.release()
            done += len(part)
            if progress:
                progress(done, total)
    finally:
        client.cancel(list(futures))


__all__ = ["process_on_cluster", "cluster_client", "partitions", "partition_size", "work", "LOCAL", "BATCHES_PER_PARTITION",
           "LOCAL_CLUSTER_CONFIG"]
