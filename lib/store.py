"""The fact store: Parquet part files, JSON commit manifests, a writer lock; DuckDB to query.

Layout (see ARCHITECTURE.md, "Store")::

    <store>/parts/<kind>/month=<YYYY-MM|unknown>/<batch>.parquet
    <store>/commits/<seq:08d>-<batch>.json      one manifest per committed batch
    <store>/corrections.jsonl                    analyst corrections (lib/corrections.py), apart
                                                 from machine output, applied by :meth:`Store.facts`
    <store>/.lock                                writers only (fcntl)

A batch is visible exactly when its manifest exists: part files are written first (temp name, fsync,
``os.replace``), then the manifest the same way. Readers list ``commits/`` and read only the files the
manifests name, so they never see half a batch and never need the lock. Writers serialise on
``.lock``; under it a batch drops the articles already committed (two runs on overlapping inputs never
duplicate) and removes orphan files left by a crash (any file under ``parts/`` that no manifest names
is an orphan, since no other writer can be mid-batch while we hold the lock). Part files are never
deleted once referenced, so a reader holding an older list of files can always finish its read.

>>> store = Store("/tmp/dossier-doctest-store")          # doctest: +SKIP
>>> store.write_batch([extraction]).new                   # doctest: +SKIP
['a1b2c3']
>>> store.facts("quantities")[["value", "qualifier", "published"]]   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from lib.corrections import CORRECTIONS_FILE, apply_corrections, read_log
from lib.records import FACT_KINDS, Extraction, record_row

TABLES: tuple[str, ...] = ("articles", *FACT_KINDS)
_S, _I32, _I64, _F, _B, _L = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(), pa.list_(pa.string())
_PROVENANCE = [("sentence", _S), ("start", _I32), ("end", _I32), ("extractor", _S), ("month", _S)]
_DATES = [("date", _S), ("date_end", _S), ("precision", _S), ("open_end", _B)]

# Explicit schemas: an empty batch or an all-None column keeps its type, and every part file of a
# table has the same schema, so reading many files never has to guess or widen.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _S), ("title", _S), ("outlet", _S), ("published", _S), ("url", _S), ("author", _S),
        ("text", _S), ("source", _S), ("line", _I64), ("fmt", _S), ("captions", _L), ("month", _S),
    ]),
    "actors": pa.schema([
        ("id", _S), ("article_id", _S), ("actor", _S), ("name", _S), ("kind", _S), ("country", _S),
        ("mention", _S), *_PROVENANCE,
    ]),
    "relations": pa.schema([
        ("id", _S), ("article_id", _S), ("source", _S), ("target", _S), ("action", _S), ("object", _S),
        *_DATES, ("claimant", _S), ("modality", _S), *_PROVENANCE,
    ]),
    "events": pa.schema([
        ("id", _S), ("article_id", _S), *_DATES, ("action", _S), ("actors", _L), ("date_text", _S),
        ("modality", _S), ("claimant", _S), *_PROVENANCE,
    ]),
    "quantities": pa.schema([
        ("id", _S), ("article_id", _S), ("value", _F), ("low", _F), ("high", _F), ("qualifier", _S),
        ("unit", _S), ("category", _S), ("text", _S), *_DATES, ("actors", _L), ("claimant", _S),
        ("modality", _S), ("cumulative", _B), ("change", _S), *_PROVENANCE,
    ]),
}
JOINED_COLUMNS: tuple[str, ...] = ("published", "outlet", "title")
_COMMIT_NAME = re.compile(r"^(\d{8})-([0-9A-Za-z_]+)\.json$")
_TMP = ".tmp-"
STAGING_MAX_AGE = 24 * 3600  # seconds before an uncommitted staged batch counts as abandoned


def _new_batch_id() -> str:
    return uuid.uuid4().hex[:12]


def _part_path(batch: str, table: str, month: str) -> Path:
    return Path("parts", table, f"month={month}", f"{batch}.parquet")


class StoreError(RuntimeError):
    """The store cannot be read or written; the message names the directory and the reason."""


@dataclass(frozen=True, slots=True)
class StagedBatch:
    """Part files written by :meth:`Store.stage` (e.g. on a Dask worker), not yet visible.

    Plain fields only, so it pickles back to the driver that calls :meth:`Store.commit`.
    """

    batch: str
    files: tuple[dict, ...]  # {"table", "month", "path" (under staging/), "rows"}
    articles: dict[str, str]  # article id -> month


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one :meth:`Store.write_batch` did: article ids stored and skipped, the batch id, fact counts."""

    new: list[str]
    existing: list[str]
    batch: str | None
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_KINDS, 0))


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX needs the directory itself synced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, write: Callable[[object], object]) -> None:
    """Write a file under a temp name in its directory, fsync it, then rename it into place."""
    tmp = path.with_name(f"{_TMP}{path.name}")
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def batch_tables(extractions: Sequence[Extraction]) -> dict[tuple[str, str], pa.Table]:
    """Rows of the extractions grouped into one Arrow table per (table name, month).

    Pure: touches no disk. Every fact must belong to its extraction's article (else ``ValueError``,
    before anything is written).
    """
    rows: dict[tuple[str, str], list[dict]] = {}
    for ex in extractions:
        month = ex.article.month
        rows.setdefault(("articles", month), []).append({**record_row(ex.article), "month": month})
        for kind in FACT_KINDS:
            for rec in getattr(ex, kind):
                if rec.article_id != ex.article.id:
                    raise ValueError(f"{kind} record {rec.id} belongs to {rec.article_id}, not {ex.article.id}")
                rows.setdefault((kind, month), []).append({**record_row(rec), "month": month})
    return {key: pa.Table.from_pylist(r, schema=SCHEMAS[key[0]]) for key, r in rows.items()}


def _to_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas, with list columns as Python lists (not numpy arrays) for plain ``in`` tests."""
    df = table.to_pandas()
    for name in table.column_names:
        if pa.types.is_list(table.schema.field(name).type):
            df[name] = [list(v) if v is not None else [] for v in df[name]]
    return df


class Store:
    """A fact store rooted at a directory; cheap to construct (safe once per Streamlit rerun).

    Reading never takes the lock and never deletes; only :meth:`write_batch` writes.
    """

    def __init__(self, root: str | os.PathLike, *, create: bool = True):
        self.root = Path(root)
        self._manifest_cache: dict[str, dict] = {}  # manifests are immutable once renamed into place
        if not self.root.is_dir():
            if not create:
                raise StoreError(f"no store at {self.root}")
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot write to store {self.root}: {exc.strerror or exc}") from exc

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # ---- commit log -------------------------------------------------------------------------
    def _commit_names(self) -> list[str]:
        try:
            names = os.listdir(self.root / "commits")
        except FileNotFoundError:
            return []
        return sorted(n for n in names if _COMMIT_NAME.match(n))

    def _manifests(self) -> list[dict]:
        out = []
        for name in self._commit_names():
            if name not in self._manifest_cache:
                try:
                    self._manifest_cache[name] = json.loads((self.root / "commits" / name).read_text("utf-8"))
                except (OSError, ValueError) as exc:
                    raise StoreError(f"cannot read store {self.root}: manifest {name}: {exc}") from exc
            out.append(self._manifest_cache[name])
        return out

    @property
    def version(self) -> str:
        """Changes on every commit and every analyst correction: ``"<n commits>-<last batch id>"``
        ("0" when empty), then ``"+c<bytes of corrections.jsonl>"`` once there are corrections (the
        log is append-only, so its size grows with each one); one listdir and one stat."""
        names = self._commit_names()
        base = f"{len(names)}-{_COMMIT_NAME.match(names[-1]).group(2)}" if names else "0"
        try:
            size = (self.root / CORRECTIONS_FILE).stat().st_size
        except FileNotFoundError:
            size = 0
        return f"{base}+c{size}" if size else base

    def known_ids(self) -> set[str]:
        """Ids of every committed article."""
        return {aid for m in self._manifests() for aid in m["articles"]}

    def months(self) -> list[str]:
        """Publication months present ("YYYY-MM", and "unknown" last when some articles have no date)."""
        found = {month for m in self._manifests() for month in m["articles"].values()}
        return sorted(found - {"unknown"}) + (["unknown"] if "unknown" in found else [])

    def stats(self) -> dict[str, int]:
        """Counts of articles and of each fact kind, from the manifests alone (no Parquet read)."""
        totals = dict.fromkeys(TABLES, 0)
        for m in self._manifests():
            for name in TABLES:
                totals[name] += m["counts"].get(name, 0)
        return totals

    def _files(self, snapshot: list[dict], table: str, months: Iterable[str] | None = None) -> list[Path]:
        """Files of one table in a snapshot of the manifests (one snapshot per read keeps the tables
        of a read consistent with each other while a writer commits)."""
        wanted = None if months is None else set(months)
        return [self.root / f["path"] for m in snapshot for f in m["files"]
                if f["table"] == table and (wanted is None or f["month"] in wanted)]

    # ---- reading ----------------------------------------------------------------------------
    def _arrow(self, snapshot: list[dict], table: str, months: Iterable[str] | None = None,
               columns: list[str] | None = None) -> pa.Table:
        schema = SCHEMAS[table]
        files = self._files(snapshot, table, months)
        if not files:
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        try:
            return pads.dataset([str(f) for f in files], schema=schema, format="parquet").to_table(columns=columns)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"cannot read store {self.root}: {exc}") from exc

    def articles(self, *, months: Iterable[str] | None = None, ids: Iterable[str] | None = None,
                 with_text: bool = True) -> pd.DataFrame:
        """Committed articles, optionally only some months / ids; ``with_text=False`` skips the body.

        ``ids`` reads only the months those ids were published in.
        """
        snapshot = self._manifests()
        if ids is not None:
            ids = set(ids)
            where = {aid: mo for m in snapshot for aid, mo in m["articles"].items() if aid in ids}
            months = set(where.values()) & (set(months) if months is not None else set(where.values()))
        columns = [c for c in SCHEMAS["articles"].names if with_text or c != "text"]
        df = _to_frame(self._arrow(snapshot, "articles", months, columns))
        if ids is not None:
            df = df[df["id"].isin(ids)].reset_index(drop=True)
        return df

    def facts(self, kind: str, *, months: Iterable[str] | None = None, corrections: bool = True,
              rejected: bool = False) -> pd.DataFrame:
        """All facts of one kind (``records.FACT_KINDS``), each row joined with its article's
        ``published``, ``outlet`` and ``title``; ``months`` reads only those partitions.

        With ``corrections`` (the default) the analyst corrections in ``corrections.jsonl`` are
        applied (:func:`lib.corrections.apply_corrections`: adds ``status``, ``corrected``,
        ``original``) and rejected facts are left out unless ``rejected=True``.
        ``corrections=False`` gives the machine output exactly as stored.
        """
        if kind not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {kind!r}; expected one of {', '.join(FACT_KINDS)}")
        months = None if months is None else list(months)
        snapshot = self._manifests()
        facts = _to_frame(self._arrow(snapshot, kind, months))
        meta = _to_frame(self._arrow(snapshot, "articles", months, ["id", *JOINED_COLUMNS]))
        meta = meta.rename(columns={"id": "article_id"})
        df = facts.merge(meta, on="article_id", how="left", validate="many_to_one")
        if not corrections:
            return df
        df = apply_corrections(df, kind, read_log(self.root))
        return df if rejected else df[df["status"] != "rejected"].reset_index(drop=True)

    def has_fact(self, kind: str, fact_id: str) -> bool:
        """Whether the machine output holds a fact of ``kind`` with this id (reads the id column only)."""
        if kind not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {kind!r}; expected one of {', '.join(FACT_KINDS)}")
        ids = self._arrow(self._manifests(), kind, columns=["id"])["id"]
        return bool(pc.any(pc.equal(ids, fact_id)).as_py())

    def article(self, article_id: str) -> dict | None:
        """One article as a dict (missing values as None), or None when it is not in the store."""
        df = self.articles(ids=[article_id])
        if df.empty:
            return None
        row = df.iloc[0].to_dict()
        return {k: (None if not isinstance(v, list) and pd.isna(v) else v) for k, v in row.items()}

    def sql(self, query: str, params: Sequence | dict | None = None) -> pd.DataFrame:
        """Run DuckDB SQL over views ``articles``, ``actors``, ``relations``, ``events``, ``quantities``
        (fact views carry ``published``/``outlet``/``title`` like :meth:`facts`). These views are the
        machine output: analyst corrections are applied by :meth:`facts`, not here.

        >>> Store(path).sql("select actor, count(*) n from actors group by actor")  # doctest: +SKIP
        """
        snapshot = self._manifests()
        con = duckdb.connect(":memory:")
        try:
            for table in TABLES:
                files = [str(f) for f in self._files(snapshot, table)]
                raw = f"{table}_raw"
                if files:
                    con.read_parquet(files, union_by_name=True).create_view(raw)
                else:
                    con.register(raw, SCHEMAS[table].empty_table())
            con.execute("CREATE VIEW articles AS SELECT * FROM articles_raw")
            for kind in FACT_KINDS:
                con.execute(f"CREATE VIEW {kind} AS SELECT f.*, a.published, a.outlet, a.title "
                            f"FROM {kind}_raw f LEFT JOIN articles_raw a ON f.article_id = a.id")
            return con.execute(query, params).df()
        finally:
            con.close()

    # ---- writing ----------------------------------------------------------------------------
    def writer_lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold the writer lock, e.g. to append an analyst correction (lib/corrections.py)."""
        return self._locked()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the writer lock; on entry, remove what crashed writers left behind."""
        try:
            for sub in ("commits", "parts"):
                (self.root / sub).mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise self._write_error(exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._remove_orphans()
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def check_writable(self) -> None:
        """Raise :class:`StoreError` now when no batch could be committed (read-only directory), so a
        run fails in a second instead of after parsing its first batch. Takes the lock briefly."""
        with self._locked():
            pass

    def _write_error(self, exc: OSError) -> StoreError:
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "disk full"
        elif exc.errno == errno.EFBIG:
            reason = "file size limit reached"
        return StoreError(f"cannot write to store {self.root}: {reason}")

    def _remove_orphans(self) -> None:
        """Delete part files and temp manifests no manifest names, and staged batches nobody
        committed within a day. Only called under the lock."""
        stale = time.time() - STAGING_MAX_AGE
        with contextlib.suppress(FileNotFoundError):
            for staged in (self.root / "staging").iterdir():
                if staged.stat().st_mtime < stale:
                    shutil.rmtree(staged, ignore_errors=True)
        referenced = {f["path"] for m in self._manifests() for f in m["files"]}
        for path in (self.root / "parts").rglob("*"):
            if path.is_file() and path.relative_to(self.root).as_posix() not in referenced:
                with contextlib.suppress(OSError):
                    path.unlink()
        for name in os.listdir(self.root / "commits"):
            if name.startswith(_TMP):
                with contextlib.suppress(OSError):
                    (self.root / "commits" / name).unlink()

    def write_batch(self, extractions: Sequence[Extraction]) -> WriteResult:
        """Store a batch atomically: all of it becomes visible at once, or none of it.

        Articles already committed (checked under the lock) and repeats within the batch are
        skipped and listed in ``existing``; nothing is committed when nothing is new.
        Raises :class:`StoreError` ("cannot write to store <dir>: <reason>") on a read-only
        directory or a full disk, leaving the store as it was.
        """
        with self._locked():
            known = self.known_ids()
            fresh: dict[str, Extraction] = {}
            existing: list[str] = []
            for ex in extractions:
                aid = ex.article.id
                if aid in known or aid in fresh:
                    existing.append(aid)
                else:
                    fresh[aid] = ex
            if not fresh:
                return WriteResult([], existing, None)
            batch = _new_batch_id()
            tables = batch_tables(list(fresh.values()))
            try:
                files = self._write_parts(batch, tables)
                self._commit(batch, files, {aid: ex.article.month for aid, ex in fresh.items()})
            except OSError as exc:
                self._discard(batch)  # nothing half-written stays behind, even unreferenced
                raise self._write_error(exc) from exc
            counts = {k: sum(len(getattr(ex, k)) for ex in fresh.values()) for k in FACT_KINDS}
            return WriteResult(list(fresh), existing, batch, counts)

    def _discard(self, batch: str) -> None:
        """Remove the part files of a batch that failed before its manifest (under the lock)."""
        if any(name.endswith(f"-{batch}.json") for name in self._commit_names()):
            return  # the manifest landed (only a later fsync failed): the batch is committed, keep it
        for path in (self.root / "parts").glob(f"*/*/*{batch}.parquet"):
            with contextlib.suppress(OSError):
                path.unlink()

    def _write_parts(self, batch: str, tables: dict[tuple[str, str], pa.Table], *,
                     base: Path = Path("parts")) -> list[dict]:
        files, dirs = [], set()
        for (table, month), data in sorted(tables.items()):
            rel = base / _part_path(batch, table, month).relative_to("parts")
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, lambda f, data=data: pq.write_table(data, f, compression="zstd"))
            dirs.update({path.parent, path.parent.parent})
            files.append({"table": table, "month": month, "path": rel.as_posix(), "rows": data.num_rows})
        for d in sorted(dirs):
            fsync_dir(d)
        return files

    def _commit(self, batch: str, files: list[dict], articles: dict[str, str]) -> str:
        """Write the manifest that makes a batch visible. Only called under the lock."""
        names = self._commit_names()
        seq = int(_COMMIT_NAME.match(names[-1]).group(1)) + 1 if names else 1
        counts = dict.fromkeys(TABLES, 0)
        for f in files:
            counts[f["table"]] += f["rows"]
        manifest = {"format": 1, "seq": seq, "batch": batch,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "articles": articles, "counts": counts, "files": files}
        name = f"{seq:08d}-{batch}.json"
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        _atomic_write(self.root / "commits" / name, lambda f: f.write(body))
        fsync_dir(self.root / "commits")
        return name

    # ---- distributed writing: workers stage, one driver commits --------------------------------
    def stage(self, extractions: Sequence[Extraction], *, batch: str | None = None) -> StagedBatch:
        """Write a batch's part files under ``staging/<batch>/`` without the lock; nothing is visible
        until :meth:`commit`. Repeats within the batch keep their first occurrence.

        Any process that can reach the store directory may stage (a Dask worker); an uncommitted
        staging directory is removed by a writer after ``STAGING_MAX_AGE``.
        """
        fresh: dict[str, Extraction] = {}
        for ex in extractions:
            fresh.setdefault(ex.article.id, ex)
        batch = batch or _new_batch_id()
        try:
            (self.root / "staging" / batch).mkdir(parents=True, exist_ok=True)
            files = self._write_parts(batch, batch_tables(list(fresh.values())), base=Path("staging", batch))
        except OSError as exc:
            raise self._write_error(exc) from exc
        return StagedBatch(batch, tuple(files), {aid: ex.article.month for aid, ex in fresh.items()})

    def commit(self, staged: StagedBatch) -> WriteResult:
        """Make a staged batch visible atomically, dropping the articles already committed (under
        the lock), exactly as :meth:`write_batch` does. A crash before the manifest leaves the store
        as it was (moved files become orphans the next writer removes)."""
        with self._locked():
            known = self.known_ids()
            existing = [aid for aid in staged.articles if aid in known]
            articles = {aid: mo for aid, mo in staged.articles.items() if aid not in known}
            if not articles:
                shutil.rmtree(self.root / "staging" / staged.batch, ignore_errors=True)
                return WriteResult([], existing, None)
            try:
                files = self._adopt(staged, set(existing))
                self._commit(staged.batch, files, articles)
            except OSError as exc:
                raise self._write_error(exc) from exc
            shutil.rmtree(self.root / "staging" / staged.batch, ignore_errors=True)
            counts = dict.fromkeys(FACT_KINDS, 0)
            for f in (f for f in files if f["table"] in counts):
                counts[f["table"]] += f["rows"]
            return WriteResult(list(articles), existing, staged.batch, counts)

    def _adopt(self, staged: StagedBatch, drop: set[str]) -> list[dict]:
        """Move staged part files into ``parts/``; rewrite those holding already-committed articles."""
        files, dirs = [], set()
        for f in staged.files:
            src, rel = self.root / f["path"], _part_path(staged.batch, f["table"], f["month"])
            dst = self.root / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if drop:
                key = "id" if f["table"] == "articles" else "article_id"
                data = pq.read_table(src, schema=SCHEMAS[f["table"]])
                data = data.filter(pc.invert(pc.is_in(data[key], pa.array(sorted(drop), pa.string()))))
                if not data.num_rows:
                    continue
                _atomic_write(dst, lambda out, data=data: pq.write_table(data, out, compression="zstd"))
                rows = data.num_rows
            else:
                os.replace(src, dst)
                rows = f["rows"]
            dirs.update({dst.parent, dst.parent.parent})
            files.append({"table": f["table"], "month": f["month"], "path": rel.as_posix(), "rows": rows})
        for d in sorted(dirs):
            fsync_dir(d)
        return files


__all__ = ["Store", "StoreError", "StagedBatch", "WriteResult", "SCHEMAS", "TABLES", "JOINED_COLUMNS", "batch_tables"]
