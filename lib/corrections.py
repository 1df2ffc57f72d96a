"""Analyst corrections: stored apart from machine output, applied whenever facts are read.

A correction is one line of ``<store>/corrections.jsonl`` (append-only; nothing is ever rewritten)::

    {"id": "3f9c…", "at": "2025-06-01T09:30:00Z", "op": "reject|fix|merge|undo",
     "kind": "quantities", "fact_id": "d49dc31304121a9b",        # reject / fix
     "fields": {"value": 3000000, "qualifier": "approx"},        # fix: the new values
     "merge": {"from_actor": "DPRK", "into_actor": "PRK"},       # merge (kind "actors", no fact id)
     "undo": {"correction_id": "3f9c…"},                          # undo
     "note": "…", "who": "…"}

Fact ids are derived from the article id and the span (``lib.records``), so the same files processed
again yield the same ids and every correction keyed on them still applies. Lines are appended under
the store's writer lock and fsync-ed; a torn last line left by a crash is skipped when reading and
never glued to the next line.

:func:`apply_corrections` is pure: machine facts + log → corrected facts, with three added columns
``status`` ("extracted" | "corrected" | "rejected"), ``corrected`` (bool) and ``original`` (JSON of
the machine values that a correction replaced, else None). :meth:`lib.store.Store.facts` calls it, so
every view and export (and the CLI) sees the same corrected facts.

>>> log = [{"id": "c1", "op": "merge", "merge": {"from_actor": "DPRK", "into_actor": "PRK"}}]
>>> import pandas as pd
>>> apply_corrections(pd.DataFrame({"id": ["r1"], "source": ["DPRK"], "target": ["RUS"]}), "relations", log)[
...     ["source", "status"]].values.tolist()
[['PRK', 'corrected']]
"""

from __future__ import annotations

import json
import math
import os
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lib.records import ACTIONS, CATEGORIES, FACT_KINDS, MODALITIES, QUALIFIERS

if TYPE_CHECKING:  # lib.store imports this module; the type is only needed for annotations
    from lib.store import Store

CORRECTIONS_FILE = "corrections.jsonl"
OPS = ("reject", "fix", "merge", "undo")
STATUSES = ("extracted", "corrected", "rejected")
ADDED_COLUMNS = ("status", "corrected", "original")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}

# Columns holding actor ids, per fact kind: an actor merge rewrites exactly these.
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("actor",),
    "relations": ("source", "target", "claimant"),
    "events": ("actors", "claimant"),
    "quantities": ("actors", "claimant"),
}
_LIST_COLUMNS = {"actors"}


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message says which field and why."""


# ---------------------------------------------------------------------------------------------- fields
def _text(required: bool) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise CorrectionError("a value is required")
            return None
        if not isinstance(value, str):
            raise CorrectionError(f"expected text, got {type(value).__name__}")
        return value.strip()

    return check


def _choice(options: Iterable[str], *, optional: bool = False) -> Callable[[object], str | None]:
    allowed = tuple(options)

    def check(value: object) -> str | None:
        if value is None and optional:
            return None
        if value not in allowed:
            raise CorrectionError(f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    return check


def _number(required: bool) -> Callable[[object], float | None]:
    def check(value: object) -> float | None:
        if value is None or value == "":
            if required:
                raise CorrectionError("a number is required")
            return None
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise CorrectionError(f"{value!r} is not a number") from None
        if not math.isfinite(v):
            raise CorrectionError(f"{value!r} is not a finite number")
        return v

    return check


def _iso_date(value: object) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not _DATE.match(text):
        raise CorrectionError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    padded = text + "-01" * ((10 - len(text)) // 3)
    try:
        date.fromisoformat(padded)
    except ValueError:
        raise CorrectionError(f"{value!r} is not a calendar date") from None
    return text


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise CorrectionError(f"expected true or false, got {value!r}")
    return value


def _actor_list(value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise CorrectionError("expected a list of actor ids")
    ids = [_text(True)(v) for v in value]
    return list(dict.fromkeys(ids))


_DATE_FIELDS = {
    "date": _iso_date,
    "date_end": _iso_date,
    "open_end": _flag,
    "precision": _choice(("year", "month", "day"), optional=True),
}
_ATTRIBUTION = {"claimant": _text(False), "modality": _choice(MODALITIES)}

# What an analyst may fix, per kind, and how each value is checked. Provenance (article, sentence,
# span, extractor) is never editable: it is what makes a fact traceable.
FIXABLE: dict[str, dict[str, Callable[[object], object]]] = {
    "actors": {
        "actor": _text(True),
        "name": _text(True),
        "kind": _choice(("state", "org", "person", "group")),
        "country": _text(False),
    },
    "relations": {
        "source": _text(True),
        "target": _text(True),
        "action": _choice(ACTIONS),
        "object": _text(False),
        **_DATE_FIELDS,
        **_ATTRIBUTION,
    },
    "events": {
        **_DATE_FIELDS,
        "action": _choice(ACTIONS, optional=True),
        "actors": _actor_list,
        **_ATTRIBUTION,
    },
    "quantities": {
        "value": _number(True),
        "low": _number(False),
        "high": _number(False),
        "qualifier": _choice(QUALIFIERS),
        "unit": _text(False),
        "category": _choice(CATEGORIES),
        **_DATE_FIELDS,
        "actors": _actor_list,
        **_ATTRIBUTION,
        "cumulative": _flag,
    },
}


def check_fields(kind: str, fields: Mapping[str, object]) -> dict[str, object]:
    """The fields of a fix, validated and normalised; raises :class:`CorrectionError` naming the field.

    A new ``date`` without a ``precision`` gets the precision its form gives ("2024-10" → month).

    >>> check_fields("quantities", {"value": "3000000", "qualifier": "approx"})
    {'value': 3000000.0, 'qualifier': 'approx'}
    >>> check_fields("events", {"date": "2024-10"})
    {'date': '2024-10', 'precision': 'month'}
    """
    _check_kind(kind)
    if not fields:
        raise CorrectionError("a fix needs at least one field")
    allowed = FIXABLE[kind]
    out: dict[str, object] = {}
    for name, value in fields.items():
        if name not in allowed:
            raise CorrectionError(f"{kind} field {name!r} cannot be fixed; fixable: {', '.join(allowed)}")
        try:
            out[name] = allowed[name](value)
        except CorrectionError as exc:
            raise CorrectionError(f"{name}: {exc}") from None
    if out.get("date") and "precision" in allowed and "precision" not in out:
        out["precision"] = _PRECISION_BY_LENGTH[len(out["date"])]
    return out


def implied_bounds(
    qualifier: str, value: float, high: float | None = None
) -> tuple[float | None, float | None]:
    """The (low, high) a qualifier implies, as ``lib.records.Quantity`` defines them (for fix forms).

    >>> implied_bounds("up_to", 9e6), implied_bounds("range", 10, 12), implied_bounds("approx", 3e6)
    ((None, 9000000.0), (10, 12), (None, None))
    """
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("up_to", "less_than"):
        return None, value
    if qualifier == "range":
        return value, high
    return None, None


def _check_kind(kind: str) -> None:
    if kind not in FACT_KINDS:
        raise CorrectionError(f"unknown fact kind {kind!r}; expected one of {', '.join(FACT_KINDS)}")


# ---------------------------------------------------------------------------------------------- the log
def log_path(root: str | os.PathLike) -> Path:
    return Path(root) / CORRECTIONS_FILE


def read_log(root: str | os.PathLike) -> list[dict]:
    """Every correction recorded in the store at ``root``, oldest first ([] when there are none).

    Lines that are not a JSON object with an ``id`` and a known ``op`` (a line torn by a crash) are
    skipped: a correction is either wholly recorded or not at all.
    """
    try:
        raw = log_path(root).read_bytes()
    except FileNotFoundError:
        return []
    entries = []
    for line in raw.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry.get("op") in OPS:
            entries.append(entry)
    return entries


def active(entries: Iterable[dict]) -> list[dict]:
    """The corrections in force, oldest first: every reject/fix/merge that no undo names."""
    entries = list(entries)
    undone = {(e.get("undo") or {}).get("correction_id") for e in entries if e["op"] == "undo"}
    return [e for e in entries if e["op"] != "undo" and e["id"] not in undone]


def actor_map(entries: Iterable[dict]) -> dict[str, str]:
    """Actor id → the id it was merged into, following chains (A→B, B→C gives A→C).

    A merge that would close a cycle (B→A after A→B) is ignored: the first merge stands.
    """
    into: dict[str, str] = {}

    def final(actor: str) -> str:
        seen = set()
        while actor in into and actor not in seen:
            seen.add(actor)
            actor = into[actor]
        return actor

    for e in active(entries):
        if e["op"] != "merge":
            continue
        src, dst = e["merge"]["from_actor"], e["merge"]["into_actor"]
        if src != dst and final(dst) != src:
            into[src] = dst
    return {a: final(a) for a in into}


class CorrectionLog:
    """The corrections of one store: read them, and append new ones under the writer lock.

    >>> log = CorrectionLog(Store("data/store"))                  # doctest: +SKIP
    >>> c = log.reject("quantities", "d49dc31304121a9b", note="a calibre, not a count")  # doctest: +SKIP
    >>> log.undo(c["id"])                                        # doctest: +SKIP
    """

    def __init__(self, store: Store):
        self.store = store
        self.path = log_path(store.root)

    def entries(self) -> list[dict]:
        return read_log(self.store.root)

    def active(self) -> list[dict]:
        return active(self.entries())

    def reject(self, kind: str, fact_id: str, *, note: str = "", who: str | None = None) -> dict:
        """Mark one fact as wrong: it stays in the store, and views leave it out."""
        self._check_fact(kind, fact_id)
        return self._append({"op": "reject", "kind": kind, "fact_id": fact_id}, note, who)

    def fix(
        self, kind: str, fact_id: str, fields: Mapping[str, object], *, note: str = "", who: str | None = None
    ) -> dict:
        """Replace some values of one fact (see :data:`FIXABLE`); later fixes win field by field."""
        fields = check_fields(kind, fields)
        self._check_fact(kind, fact_id)
        return self._append({"op": "fix", "kind": kind, "fact_id": fact_id, "fields": fields}, note, who)

    def merge(self, from_actor: str, into_actor: str, *, note: str = "", who: str | None = None) -> dict:
        """Treat actor id ``from_actor`` as ``into_actor`` in every fact ("DPRK" → "PRK")."""
        src, dst = _text(True)(from_actor), _text(True)(into_actor)
        if src == dst:
            raise CorrectionError("an actor cannot be merged into itself")
        if actor_map(self.entries()).get(dst, dst) == src:
            raise CorrectionError(f"{dst} is already merged into {src}; undo that merge first")
        merge = {"from_actor": src, "into_actor": dst}
        return self._append({"op": "merge", "kind": "actors", "fact_id": None, "merge": merge}, note, who)

    def undo(self, correction_id: str, *, note: str = "", who: str | None = None) -> dict:
        """Withdraw a correction (the log keeps both lines, so the history stays readable)."""
        entries = self.entries()
        target = next((e for e in entries if e["id"] == correction_id), None)
        if target is None:
            raise CorrectionError(f"no correction {correction_id!r}")
        if target["op"] == "undo":
            raise CorrectionError("an undo cannot be undone; record the correction again instead")
        if correction_id not in {e["id"] for e in active(entries)}:
            raise CorrectionError(f"correction {correction_id} is already undone")
        entry = {
            "op": "undo",
            "kind": target.get("kind"),
            "fact_id": target.get("fact_id"),
            "undo": {"correction_id": correction_id},
        }
        return self._append(entry, note, who)

    def _check_fact(self, kind: str, fact_id: str) -> None:
        _check_kind(kind)
        if not self.store.has_fact(kind, fact_id):
            raise CorrectionError(f"no {kind} fact with id {fact_id!r} in {self.store.root}")

    def _append(self, body: dict, note: str, who: str | None) -> dict:
        entry = {
            "id": uuid.uuid4().hex[:16],
            "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            **body,
            "note": str(note or ""),
            "who": who,
        }
        line = json.dumps(entry, ensure_ascii=False, allow_nan=False) + "\n"
        with self.store.writer_lock():
            created = not self.path.exists()
            with open(self.path, "ab") as f:
                if f.tell() and not _ends_with_newline(self.path):
                    f.write(b"\n")  # a crash tore the last line: never glue a new entry onto it
                f.write(line.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            if created:
                from lib.store import fsync_dir  # lib.store imports this module

                fsync_dir(self.path.parent)
        return entry


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


# ---------------------------------------------------------------------------------------------- apply
def apply_corrections(df: pd.DataFrame, kind: str, log: Iterable[dict]) -> pd.DataFrame:
    """Facts of one kind with the corrections in force applied (pure; ``df`` is not modified).

    Adds ``status``, ``corrected`` and ``original`` (see the module docstring). Actor merges rewrite
    the actor columns of :data:`ACTOR_COLUMNS` (list columns keep each actor once); fixes set their
    fields, later fixes winning; rejected facts keep their row with ``status="rejected"`` so a caller
    decides whether to show them. ``original`` holds the machine value of every field changed.
    """
    _check_kind(kind)
    out = df.copy()
    n = len(out)
    entries = active(log)
    if not entries:  # the common case: machine output as it is, with the columns every reader expects
        return out.assign(status="extracted", corrected=False, original=None)
    originals: list[dict] = [{} for _ in range(n)]
    ids = out["id"].tolist() if "id" in out else [None] * n
    position = {fid: i for i, fid in enumerate(ids)}

    merged = actor_map(entries)
    if merged:
        for col in (c for c in ACTOR_COLUMNS[kind] if c in out):
            out[col] = _merge_column(out[col].tolist(), col, merged, originals)

    updates: dict[str, dict[int, object]] = {}  # column -> row -> new value; later fixes overwrite
    for e in entries:
        if e["op"] == "fix" and e.get("kind") == kind and e.get("fact_id") in position:
            i = position[e["fact_id"]]
            for name, value in e["fields"].items():
                if name in out:
                    originals[i].setdefault(name, _plain(out[name].iat[i]))
                    updates.setdefault(name, {})[i] = value
    for name, rows in updates.items():
        out[name] = _with_values(out[name], rows, as_lists=name in _LIST_COLUMNS)

    rejected = {e.get("fact_id") for e in entries if e["op"] == "reject" and e.get("kind") == kind}
    out["status"] = [
        "rejected" if fid in rejected else "corrected" if o else "extracted"
        for fid, o in zip(ids, originals, strict=True)
    ]
    out["corrected"] = [bool(o) for o in originals]
    out["original"] = [json.dumps(o, ensure_ascii=False) if o else None for o in originals]
    return out


def _merge_column(values: list, col: str, merged: Mapping[str, str], originals: list[dict]) -> list:
    out = []
    for i, v in enumerate(values):
        if col in _LIST_COLUMNS:
            items = list(v) if isinstance(v, (list, tuple)) else []
            new = list(dict.fromkeys(merged.get(a, a) for a in items))
            changed = new != items
        else:
            changed = isinstance(v, str) and v in merged  # missing values (None, NaN) stay as they are
            new = merged[v] if changed else v
        if changed:
            originals[i].setdefault(col, _plain(v))
        out.append(new)
    return out


def _with_values(column: pd.Series, rows: Mapping[int, object], *, as_lists: bool) -> pd.Series:
    # Rebuilt from a list: pandas cannot put a Python list into one cell of an object column with .iat.
    values = column.tolist()
    for i, value in rows.items():
        values[i] = list(value) if as_lists else value
    dtype = object if as_lists else column.dtype
    try:
        return pd.Series(values, index=column.index, dtype=dtype)
    except (TypeError, ValueError):  # e.g. a None put into a bool column: keep the values, widen the type
        return pd.Series(values, index=column.index, dtype=object)


def _plain(value: object) -> object:
    """A cell as a JSON-friendly value (numpy scalars and arrays to Python, NaN and NA to None)."""
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "tolist"):  # numpy scalar or array
        value = value.tolist()
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


# ---------------------------------------------------------------------------------------------- listing
def fact_label(kind: str, row: Mapping, labels: Mapping[str, str] | None = None) -> str:
    """A fact in a few words, for pickers, lists and briefings (plain text, not markup); actor ids are
    shown through ``labels`` when given.

    >>> fact_label("relations", {"source": "PRK", "action": "transfer", "target": "RUS", "object": "shells"},
    ...            {"PRK": "North Korea"})
    'North Korea transfer RUS (shells)'
    """
    labels = labels or {}

    def get(name: str) -> str:
        v = _plain(row.get(name))
        if isinstance(v, list):
            return ", ".join(labels.get(x, str(x)) for x in v)
        if name in ("source", "target", "actor") and isinstance(v, str):
            return labels.get(v, v)
        return "" if v is None else str(v)

    if kind == "quantities":
        text = f"{get('text')} [{get('qualifier')}, {get('category')}]"
    elif kind == "relations":
        text = f"{get('source')} {get('action')} {get('target')}" + (
            f" ({get('object')})" if get("object") else ""
        )
    elif kind == "events":
        text = f"{get('date_text')} → {get('date')}: {get('action') or 'event'} ({get('actors')})"
    else:
        text = f"{get('mention')} → {row.get('actor')}"
    return " ".join(text.split())


def log_table(entries: list[dict], facts: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every correction, newest first, with the fact it concerns and whether it is still in force.

    ``facts`` maps a kind to its machine facts (``Store.facts(kind, corrections=False)``); a correction
    whose fact is no longer in the store (the extractor changed) is listed as "fact not in store".
    """
    cols = [
        "at",
        "op",
        "kind",
        "fact",
        "change",
        "note",
        "in_force",
        "outlet",
        "published",
        "sentence",
        "fact_id",
        "id",
    ]
    if not entries:
        return pd.DataFrame(columns=cols)
    in_force = {e["id"] for e in active(entries)}
    wanted = {(e.get("kind"), e.get("fact_id")) for e in entries if e.get("fact_id")}
    found: dict[tuple, dict] = {}
    for kind, df in facts.items():
        ids = {fid for k, fid in wanted if k == kind}
        if ids and "id" in df:
            found.update({(kind, r["id"]): r for r in df[df["id"].isin(ids)].to_dict("records")})
    rows = []
    for e in reversed(entries):
        fact = found.get((e.get("kind"), e.get("fact_id")))
        rows.append(
            {
                "at": e.get("at"),
                "op": e["op"],
                "kind": e.get("kind"),
                "fact": fact_label(e["kind"], fact)
                if fact
                else ("" if not e.get("fact_id") else "fact not in store"),
                "change": _change(e),
                "note": e.get("note") or "",
                "in_force": e["id"] in in_force if e["op"] != "undo" else None,
                "outlet": (fact or {}).get("outlet"),
                "published": (fact or {}).get("published"),
                "sentence": (fact or {}).get("sentence"),
                "fact_id": e.get("fact_id"),
                "id": e["id"],
            }
        )
    return pd.DataFrame(rows, columns=cols)


def _change(e: dict) -> str:
    if e["op"] == "fix":
        return "; ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in e.get("fields", {}).items())
    if e["op"] == "merge":
        return f"{e['merge']['from_actor']} → {e['merge']['into_actor']}"
    if e["op"] == "undo":
        return f"undoes {e['undo']['correction_id']}"
    return "rejected"


__all__ = [
    "fact_label",
    "log_table",
    "CORRECTIONS_FILE",
    "OPS",
    "STATUSES",
    "ADDED_COLUMNS",
    "ACTOR_COLUMNS",
    "FIXABLE",
    "CorrectionError",
    "CorrectionLog",
    "apply_corrections",
    "active",
    "actor_map",
    "check_fields",
    "implied_bounds",
    "read_log",
    "log_path",
]
