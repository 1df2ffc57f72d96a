"""Settings, declared once with their defaults and help text.

Every setting Dossier reads lives in :data:`SETTINGS`; the CLI, the dashboard and the README all take
their wording from here, so a default changes in one place.

>>> store_dir("/tmp/x")
PosixPath('/tmp/x')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, the environment variable that overrides it, default and help."""

    name: str
    env: str | None
    default: object
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("store", "DOSSIER_STORE", PROJECT_ROOT / "data" / "store",
                "Directory of the fact store (Parquet parts + commit manifests). "
                "--store DIR, else $DOSSIER_STORE, else <project>/data/store."),
        Setting("seeds", None, PROJECT_ROOT / "seeds", "Sample articles shipped with the project."),
        Setting("batch_size", "DOSSIER_BATCH_SIZE", 64,
                "Articles per spaCy batch and per store commit: a crash loses at most one batch."),
        Setting("upload_limit_mb", "DOSSIER_UPLOAD_LIMIT_MB", 25,
                "Largest file accepted by the dashboard's upload, in megabytes."),
        Setting("timeline_detail", "DOSSIER_TIMELINE_DETAIL", 5000,
                "Most events the Timeline draws one by one; beyond it, counts per lane and period."),
        Setting("picker_limit", "DOSSIER_PICKER_LIMIT", 200,
                "Most facts the correction form lists at once; beyond it, a search narrows the list."),
        Setting("table_rows", "DOSSIER_TABLE_ROWS", 1000,
                "Most rows an evidence table sends to the browser; the download still has every row."),
    )
}


def _env_int(name: str) -> int:
    """The integer value of a setting: its environment variable when set and valid, else the default."""
    s = SETTINGS[name]
    raw = os.environ.get(s.env or "", "").strip()
    # A malformed override falls back to the default rather than crashing a dashboard rerun.
    return int(raw) if raw.isdigit() and int(raw) > 0 else int(s.default)


def store_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """The store directory: the CLI value, else ``$DOSSIER_STORE``, else ``<project>/data/store``.

    >>> store_dir("data/x").name
    'x'
    """
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(SETTINGS["store"].env or "", "").strip()
    return Path(env).expanduser() if env else Path(SETTINGS["store"].default)


def timeline_detail() -> int:
    """Most events the Timeline draws one by one (read on every call: a test can lower it)."""
    return _env_int("timeline_detail")


def picker_limit() -> int:
    """Most facts the correction form's picker lists at once (read on every call: a test can lower it)."""
    return _env_int("picker_limit")


def table_rows() -> int:
    """Most rows an evidence table shows (read on every call: a test can lower it)."""
    return _env_int("table_rows")


SEEDS_DIR: Path = Path(SETTINGS["seeds"].default)
BATCH_SIZE: int = _env_int("batch_size")
UPLOAD_LIMIT_MB: int = _env_int("upload_limit_mb")
UPLOAD_LIMIT_BYTES: int = UPLOAD_LIMIT_MB * 1024 * 1024

__all__ = ["Setting", "SETTINGS", "PROJECT_ROOT", "store_dir", "SEEDS_DIR", "BATCH_SIZE",
           "UPLOAD_LIMIT_MB", "UPLOAD_LIMIT_BYTES", "timeline_detail", "picker_limit",
           "table_rows"]
