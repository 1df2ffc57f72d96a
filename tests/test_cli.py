"""`python -m lib` in a real subprocess: exit codes, stdout/stderr contracts, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
pytestmark = pytest.mark.slow


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_process_json_then_rerun_human_summary(tmp_path):
    store = tmp_path / "store"
    first = run("process", "seeds/", "--store", str(store), "--json")
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)  # exactly one JSON object on stdout; progress went to stderr
    assert out["new"] == 2 and out["existing"] == 0 and out["failed"] == []
    assert out["facts"]["quantities"] > 0 and out["facts"]["actors"] > 0
    assert "parsing" in first.stderr

    # The store location may come from the environment too.
    again = run("process", "seeds/", env={"DOSSIER_STORE": str(store)})
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0] == "0 new, 2 already in store, 0 failed"
    assert lines[1] == "facts: actors 0, relations 0, events 0, quantities 0"

    stats = run("stats", "--store", str(store), "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["articles"] == 2
    assert json.loads(stats.stdout)["quantities"] == out["facts"]["quantities"]


def test_process_lists_failures_and_exit_codes(tmp_path):
    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"")
    hidden = tmp_path / "in" / ".notes.txt"  # said, not read, and not a failure
    hidden.write_text("Notes\n\nKim met Putin.", encoding="utf-8")
    res = run("process", str(SEED), str(tmp_path / "in"), "--store", str(tmp_path / "s"), "--batch-size", "1")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[:3] == ["2 new, 0 already in store, 1 failed, 1 skipped",
                                           f"  {bad}: empty file",
                                           f"  {hidden}: hidden file, skipped (its name starts with a dot)"]

    nothing = run("process", str(bad), "--store", str(tmp_path / "s2"), "--json")
    assert nothing.returncode == 1 and json.loads(nothing.stdout)["failed"][0]["reason"] == "empty file"
    assert json.loads(nothing.stdout)["skipped"] == []

    assert run("process", "--batch-size", "0", "seeds/").returncode == 2
    assert run("process").returncode == 2

    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    err = run("process", "seeds/", "--store", str(blocked / "store"))
    assert err.returncode == 1 and f"error: cannot write to store {blocked / 'store'}" in err.stderr
    assert "Traceback" not in err.stderr


def test_extract_prints_one_json_line_per_article_and_failures_on_stderr(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    res = run("extract", str(SEED), str(bad))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert [list(o) for o in objs] == [["id", "title", "outlet", "published", "url", "actors", "relations",
                                        "events", "quantities"]] * 2
    main = next(o for o in objs if o["published"] == "2025-05-30")
    assert {a["name"] for a in main["actors"]} >= {"PRK", "RUS", "USA"}
    rounds = [q for q in main["quantities"] if q["value"] == 9000000]
    assert rounds and rounds[0]["qualifier"] == "up_to" and rounds[0]["high"] == 9000000
    assert f"{bad}: empty file" in res.stderr
    assert run("extract", str(bad)).returncode == 1
