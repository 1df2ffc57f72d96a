"""Real stores on disk shared by the dashboard tests (AppTest and browser), each built once per session.

tests/test_app.py and tests/test_browser.py wrap these in fixtures; they could move to conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = {
    "title": "<script>alert(1)</script> **bold** title",
    "source": "[x](javascript:alert(1)) Wire",
    "published": "2025-01-02",
    "text": "<img src=x onerror=alert(1)> Russia transferred 100 missiles to Iran in 2024. "
    "**bold** and [x](javascript:alert(1)) and <script>alert(1)</script> stay literal.",
}


_BUILT: dict[str, Path] = {}


def seed_store(tmp_path_factory) -> Path:
    """A real store: seeds/ processed by the real pipeline into a temporary directory."""
    from lib.pipeline import process
    from lib.store import Store

    if "seed" in _BUILT:
        return _BUILT["seed"]
    root = _BUILT["seed"] = tmp_path_factory.mktemp("seed_store")
    summary = process([ROOT / "seeds"], Store(root))
    assert summary.new >= 1 and not summary.failed, summary.lines()
    return root


def hostile_store(tmp_path_factory) -> Path:
    """A real store holding one article whose title, outlet and text are markup and script."""
    from lib.store import Store
    from lib.ui import process_upload

    if "hostile" in _BUILT:
        return _BUILT["hostile"]
    root = _BUILT["hostile"] = tmp_path_factory.mktemp("hostile_store")
    summary = process_upload(
        json.dumps(HOSTILE).encode("utf-8") + b"\n", name="evil.jsonl", target=Store(root)
    )
    assert summary.new == 1 and not summary.failed, summary.lines()
    return root
