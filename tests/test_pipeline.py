"""process / extract_paths end to end: real ingest, the real spaCy model, a real store on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lib import nlp
from lib.pipeline import extract_paths, process
from lib.records import FACT_KINDS, Extraction, IngestError
from lib.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
JSONL = ('{"title": "Tanks", "text": "Russia sent 5 tanks to Syria on 3 May 2024.", "published": "2024-05-04"}\n'
         '{not json\n')


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """The seed page, a JSON Lines file with one good and one broken line, and a binary file."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "seed.txt")
    (folder / "two.jsonl").write_text(JSONL, encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


pytestmark = pytest.mark.slow


def test_process_seeds_then_rerun_is_incremental_and_does_not_parse(tmp_path):
    store = Store(tmp_path / "store")
    calls = []
    first = process([SEEDS], store, progress=lambda done, total: calls.append((done, total)))
    assert (first.new, first.existing, first.failed) == (2, 0, [])
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    assert first.facts["actors"] > 0 and first.facts["quantities"] > 0
    assert first.facts == {k: v for k, v in store.stats().items() if k in FACT_KINDS}
    # Every stored fact points at its evidence in the stored article text.
    texts = store.articles().set_index("id")["text"]
    for row in store.facts("actors").itertuples():
        assert texts[row.article_id][row.start:row.end] == row.mention
    for row in store.facts("quantities").itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text

    loads = nlp.load.cache_info()
    version = store.version
    again = process([SEEDS], store)
    assert (again.new, again.existing, again.failed) == (0, 2, [])
    assert sum(again.facts.values()) == 0 and store.version == version
    assert nlp.load.cache_info() == loads  # the model was not even asked for: nothing was parsed
    assert again.seconds < first.seconds


def test_bad_inputs_listed_with_reasons_and_good_ones_stored(tmp_path, inputs):
    store = Store(tmp_path / "store")
    summary = process([inputs, tmp_path / "missing.txt"], store, batch_size=2)
    assert summary.new == 3 and summary.existing == 0
    reasons = {(Path(e.path).name, e.line): e.reason for e in summary.failed}
    assert set(reasons) == {("two.jsonl", 2), ("photo.txt", None), ("missing.txt", None)}
    assert "invalid JSON" in reasons[("two.jsonl", 2)] and "binary" in reasons[("photo.txt", None)]
    out = summary.to_json()
    assert {"path": str(inputs / "two.jsonl"), "line": 2, "reason": reasons[("two.jsonl", 2)]} in out["failed"]
    assert set(out) == {"new", "existing", "failed", "facts", "seconds", "skipped"} and out["skipped"] == []
    assert store.version.startswith("2-")  # 3 articles at 2 per batch: two commits
    tanks = store.facts("quantities", months=["2024-05"])
    assert list(tanks["value"]) == [5.0] and list(tanks["title"]) == ["Tanks"]


def test_crash_mid_run_keeps_committed_batches_and_rerun_completes(tmp_path):
    store = Store(tmp_path / "store")

    def crash_after_first_commit(done: int, total: int) -> None:
        if done == 2:  # the second article is parsed; the first batch (size 1) is committed
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        process([SEEDS], store, batch_size=1, progress=crash_after_first_commit)
    assert store.stats()["articles"] == 1
    rest = process([SEEDS], store, batch_size=1)
    assert (rest.new, rest.existing) == (1, 1) and store.stats()["articles"] == 2


def test_extract_paths_yields_errors_and_extractions(inputs):
    items = list(extract_paths([inputs]))
    errors = [x for x in items if isinstance(x, IngestError)]
    extractions = [x for x in items if isinstance(x, Extraction)]
    assert len(errors) == 2 and len(extractions) == 3
    tanks = next(x for x in extractions if x.article.title == "Tanks")
    assert [(q.value, q.unit) for q in tanks.quantities] == [(5.0, "tank")]
    assert {a.actor for a in tanks.actors} >= {"RUS", "SYR"}
