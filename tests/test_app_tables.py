"""Evidence tables and the sidebar actor picker on stores too big to send whole, through AppTest on a
real store on disk (the seed articles through the real pipeline), with the limits lowered so the
seed store exceeds them: the first N rows with a caption, the selected mark's row always shown, a
download of every row, and actors beyond the listed ones reached by typing their name."""

from __future__ import annotations

import io
import shutil

import dashboard_fixtures
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test
from dashboard_fixtures import ROOT
from streamlit.testing.v1 import AppTest
from test_app_exports import RecordingMediaFileManager, download

from lib import ui
from lib.store import Store

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    return dashboard_fixtures.seed_store(tmp_path_factory)


def open_page(store, monkeypatch, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    monkeypatch.setattr(app_test, "MediaFileManager", RecordingMediaFileManager)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_quantities_table_shows_the_first_rows_says_so_and_downloads_all(seed_store, monkeypatch):
    monkeypatch.setenv("DOSSIER_TABLE_ROWS", "3")
    at = open_page(seed_store, monkeypatch, "pages/quantities.py")
    every = pd.read_csv(io.BytesIO(download(at, "quantity_rows_csv")), keep_default_na=False)
    assert len(every) > 3  # the seed store has more quantities than the lowered limit
    assert len(at.dataframe[0].value) == 3
    assert f"showing 3 of {len(every):,} rows — narrow the filters or download all" in captions(at)
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("-quantity_rows_csv"))
    assert button.proto.label == f"Download all {len(every):,} rows (CSV)"
    shown = at.dataframe[0].value
    assert list(shown["sentence"]) == list(every["sentence"][:3])  # the same rows, first ones first
    assert set(every.columns) == set(shown.columns)

    monkeypatch.setenv("DOSSIER_TABLE_ROWS", "1000")  # under the limit: every row, no caption
    at.run()
    assert len(at.dataframe[0].value) == len(every) and "showing" not in captions(at)


def test_a_selected_quantity_beyond_the_limit_is_in_the_table(seed_store, monkeypatch):
    monkeypatch.setenv("DOSSIER_TABLE_ROWS", "2")
    first = open_page(seed_store, monkeypatch, "pages/quantities.py")
    every = pd.read_csv(io.BytesIO(download(first, "quantity_rows_csv")), keep_default_na=False)
    last = every.iloc[-1]  # a row the unselected table (2 rows) does not show
    assert last["sentence"] not in set(first.dataframe[0].value["sentence"])
    qty = Store(seed_store).facts("quantities")
    fact = qty[(qty["text"] == last["text"]) & (qty["sentence"] == last["sentence"])]["id"].iloc[0]
    at = open_page(seed_store, monkeypatch, "pages/quantities.py", sel=f"quantity:{fact}")
    rows = at.dataframe[0].value
    assert (rows["text"].iloc[0], rows["sentence"].iloc[0]) == (last["text"], last["sentence"])


def _table(rows: int, selected: str | None, limit: int) -> None:
    """An AppTest script: one evidence table over ``rows`` made-up relations (every 3rd by PRK)."""
    import pandas as pd

    from lib.filters import Filters
    from lib.ui_evidence import evidence_table

    df = pd.DataFrame({"id": [f"r{i}" for i in range(rows)], "article_id": "a1",
                       "source": ["PRK" if i % 3 == 2 else "RUS" for i in range(rows)], "target": "UKR",
                       "action": "attack", "sentence": [f"<b>s{i}</b>" for i in range(rows)]})
    evidence_table(df, ["id", "source", "sentence"], Filters(selected=selected), key="t", limit=limit)


@pytest.mark.parametrize(
    ("selected", "first"),
    [("relation:r8", ["r8", "r0", "r1"]), ("actor:PRK", ["r2", "r5", "r8"]), (None, ["r0", "r1", "r2"])],
)
def test_the_selected_marks_rows_come_first(selected, first):
    at = AppTest.from_function(_table, args=(9, selected, 3), default_timeout=30).run()
    assert not at.exception, at.exception
    assert list(at.dataframe[0].value["id"]) == first
    assert "showing 3 of 9 rows — narrow the filters or download all" in captions(at)
    assert at.dataframe[0].value["sentence"].iloc[0].startswith("<b>")  # text, never markup


def test_typed_actor_beyond_the_listed_ones_is_found_and_goes_into_the_url(seed_store, tmp_path, monkeypatch):
    store = tmp_path / "store"  # a store this process has not listed actors for (the list is cached)
    shutil.copytree(seed_store, store)
    monkeypatch.setattr(ui, "SIDEBAR_ACTORS", 2)
    at = open_page(store, monkeypatch, "pages/timeline.py")
    picker = at.sidebar.multiselect(key="f_actors")
    assert len(picker.options) == 2
    men = Store(store).facts("actors")
    labels = ui.frame_cache.actor_labels(men)
    listed = set(ui._sidebar_options(str(store), Store(store).version)[0])
    rare = next(a for a in men["actor"].value_counts().index[::-1] if a not in listed)
    picker.set_value([labels.get(rare, rare).upper()]).run()  # typed, in any case
    assert not at.exception, at.exception
    assert at.sidebar.multiselect(key="f_actors").value == [rare]
    assert at.session_state["filters"].actors == (rare,)
    assert at.query_params["actor"] in (rare, [rare])  # one value or a list, as AppTest keeps it

    at.sidebar.multiselect(key="f_actors").set_value([rare, "no such actor zzz"]).run()
    assert at.sidebar.multiselect(key="f_actors").value == [rare]
    assert any("No actor named “no such actor zzz”" in w.value for w in at.sidebar.warning)


def test_overview_lists_the_top_actors_up_to_the_limit_and_says_so(seed_store, monkeypatch):
    monkeypatch.setenv("DOSSIER_TABLE_ROWS", "2")
    monkeypatch.setenv("DOSSIER_STORE", str(seed_store))
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    actors = Store(seed_store).facts("actors")["actor"].nunique()
    assert len(at.dataframe[0].value) == 2 and actors > 2
    assert f"showing the top 2 of {actors:,} actors — narrow the filters for the others" in captions(at)
