"""Real stores on disk shared by the dashboard tests (AppTest and browser), each built once per session.

tests/test_app.py and tests/test_browser.py wrap these in fixtures; they could move to conftest.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

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


def seed_store_copy(tmp_path_factory, dest: Path) -> Path:
    """A private copy of :func:`seed_store` at ``dest``: corrections written there touch no other test."""
    shutil.copytree(seed_store(tmp_path_factory), dest)
    return dest


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


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags from the machine notes: without the background-networking ones Chromium calls out at start.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(store: Path, *, wait_s: float = 60.0) -> Iterator[str]:
    """``streamlit run dashboard.py`` on 127.0.0.1 with ``DOSSIER_STORE=store``; yields its base URL
    once the health endpoint answers, and stops the server (by the PID we started) afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, env={**os.environ, "DOSSIER_STORE": str(store)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not become healthy") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def loopback_guard(external: list[str]):
    """A Playwright route handler: requests to 127.0.0.1 go through; any other is aborted and recorded."""

    def guard(route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    return guard
