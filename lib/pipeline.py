"""Processing: files → articles → spaCy → facts → store, in batches; also files → extractions.

``process`` is incremental: it reads every input, drops the articles the store already holds
*before* parsing (re-running on the same folder parses nothing), then parses the rest with one
``nlp.pipe`` stream and commits every ``batch_size`` articles. A crash keeps the committed batches
and a re-run completes the rest. Nothing is dropped silently: an unreadable file, a bad record or an
article the extractor fails on is listed in ``Summary.failed`` with its reason.

>>> summary = process(["seeds"], Store("/tmp/s"))      # doctest: +SKIP
>>> summary.to_json()["new"]                            # doctest: +SKIP
2
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from os import PathLike

from lib.pages_parser import article_id
from lib.records import FACT_KINDS, Article, Extraction, IngestError, IngestNotice
from lib.settings import BATCH_SIZE
from lib.store import Store

Paths = Iterable[str | PathLike]


@dataclass
class Summary:
    """What one ``process`` run did; ``to_json`` is the object ``python -m lib process --json`` prints.

    Notices given in ``failed`` (hidden files skipped) move to ``skipped`` on construction: they are
    reported, never counted as failures.
    """

    new: int = 0
    existing: int = 0
    failed: list[IngestError] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_KINDS, 0))
    seconds: float = 0.0
    skipped: list[IngestNotice] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.skipped += [e for e in self.failed if isinstance(e, IngestNotice)]
        self.failed = [e for e in self.failed if not isinstance(e, IngestNotice)]

    def to_json(self) -> dict:
        failed = [{"path": e.path, "line": e.line, "reason": e.reason} for e in self.failed]
        skipped = [{"path": e.path, "reason": e.reason} for e in self.skipped]
        return {"new": self.new, "existing": self.existing, "failed": failed, "facts": dict(self.facts),
                "seconds": round(self.seconds, 3), "skipped": skipped}

    def lines(self) -> list[str]:
        """The closing human summary: counts, each failure, each skipped file, facts per kind."""
        head = f"{self.new} new, {self.existing} already in store, {len(self.failed)} failed"
        out = [head + (f", {len(self.skipped)} skipped" if self.skipped else "")]
        out += [f"  {e}" for e in (*self.failed, *self.skipped)]
        out.append("facts: " + ", ".join(f"{k} {n}" for k, n in self.facts.items()))
        out.append(f"in {self.seconds:.1f} s")
        return out


def read_inputs(paths: Paths, *, skip: set[str] | frozenset[str] = frozenset(), store: Store | None = None
                ) -> tuple[list[Article], list[IngestError], int]:
    """Ingest every path: (articles to parse, errors, count of articles skipped because in ``skip``).

    With ``store``, an article skipped under an id of its own (a JSON/CSV ``id`` field) that the store
    holds for a *different* article is reported as an error rather than counted as already stored.
    """
    from lib.ingest import iter_articles

    articles, errors, skipped, own_ids = [], [], 0, []
    for item in iter_articles(paths):
        if isinstance(item, IngestError):
            errors.append(item)
        elif item.id in skip:
            if store is not None and item.id != article_id(title=item.title, text=item.text, outlet=item.outlet):
                own_ids.append(item)  # a record's own id: check the store holds this article under it
            else:
                skipped += 1
        else:
            articles.append(item)
    if own_ids:
        clashes = _id_clashes(store, own_ids)
        errors += clashes
        skipped += len(own_ids) - len(clashes)
    return articles, errors, skipped


def _id_clashes(store: Store, held: list[Article]) -> list[IngestError]:
    """Errors for the articles whose own id the store already uses for different content."""
    stored = store.articles(ids=[a.id for a in held]).set_index("id")
    out = []
    for a in held:
        row = stored.loc[a.id]
        stored_id = article_id(title=row["title"] or "", text=row["text"] or "", outlet=row["outlet"])
        if stored_id != article_id(title=a.title, text=a.text, outlet=a.outlet):
            out.append(IngestError(a.source or a.id, f"id {a.id!r} already used in the store by a different "
                                                     f"article ({row['source']}); this one skipped", a.line))
    return out


def _failure(article: Article, reason: str) -> IngestError:
    return IngestError(article.source or article.id, reason, article.line)


def parse(articles: list[Article], *, n_process: int = 1, batch_size: int = BATCH_SIZE
          ) -> Iterator[Extraction | IngestError]:
    """One Extraction per article, in order, or an IngestError naming the article's file and why.

    Parses ``Article.text`` only (the title is metadata), so fact offsets index ``Article.text``.
    """
    if not articles:
        return  # an incremental re-run with nothing new never loads the model
    from lib.extract import extract
    from lib.nlp import load

    nlp = load()
    fits = []
    for a in articles:
        if len(a.text) > nlp.max_length:  # spaCy would raise mid-stream and stop the whole run
            yield _failure(a, f"text too long to parse ({len(a.text)} characters, limit {nlp.max_length})")
        else:
            fits.append(a)
    stream = nlp.pipe(((a.text, a) for a in fits), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, article in stream:
        try:
            yield extract(doc, article)
        except Exception as exc:  # one article's extractor bug must not cost the batch
            yield _failure(article, f"extraction failed: {type(exc).__name__}: {exc}")


def _counted(items: Iterator, total: int, progress: Callable[[int, int], None] | None) -> Iterator:
    for done, item in enumerate(items, 1):
        if progress:
            progress(done, total)
        yield item


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def process(paths: Paths, store: Store, *, batch_size: int = BATCH_SIZE, n_process: int = 1,
            scheduler: str | None = None, progress: Callable[[int, int], None] | None = None) -> Summary:
    """Ingest, skip what the store holds, parse, extract and commit every ``batch_size`` articles.

    With ``scheduler`` (a Dask scheduler address, or "local") or ``n_process`` > 1 the same run goes
    to :func:`lib.dask_runner.process_on_cluster` (a ``LocalCluster`` of ``n_process`` workers when
    no address is given): same facts, same ids, same Summary.
    ``progress(done, total)`` is called as articles are parsed (total = articles to parse).
    Raises :class:`lib.store.StoreError` when the store cannot be written (committed batches stay).
    """
    if scheduler or n_process > 1:
        from lib.dask_runner import process_on_cluster

        return process_on_cluster(paths, store, scheduler=scheduler, workers=n_process, batch_size=batch_size,
                                  progress=progress)
    started = time.monotonic()
    articles, failed, existing = read_inputs(paths, skip=store.known_ids(), store=store)
    summary = Summary(existing=existing, failed=failed)
    if articles:
        store.check_writable()  # a read-only store fails before the model loads, not after a batch
    if progress:
        progress(0, len(articles))
    parsed = _counted(parse(articles, batch_size=batch_size), len(articles), progress)
    for chunk in _chunks(parsed, max(1, batch_size)):
        summary.failed += [x for x in chunk if isinstance(x, IngestError)]
        result = store.write_batch([x for x in chunk if isinstance(x, Extraction)])
        summary.new += len(result.new)
        summary.existing += len(result.existing)  # another run may have committed them meanwhile
        for kind, n in result.facts.items():
            summary.facts[kind] += n
    summary.seconds = time.monotonic() - started
    return summary


def extract_paths(paths: Paths, *, n_process: int = 1) -> Iterator[Extraction | IngestError]:
    """Every input's errors first, then one Extraction per article (no store involved)."""
    articles, errors, _ = read_inputs(paths)
    yield from errors
    yield from parse(articles, n_process=n_process)


__all__ = ["Summary", "process", "extract_paths", "parse", "read_inputs"]
