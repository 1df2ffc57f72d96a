"""Exports and corrections driven through the real app (AppTest) on a real store on disk.

Download buttons are checked by their bytes: AppTest keeps them in Streamlit's in-memory media
storage, which we keep a handle on; chart images are deferred downloads, rendered when "clicked".
"""

from __future__ import annotations

import io

import dashboard_fixtures
import networkx as nx
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test
from dashboard_fixtures import ROOT
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from lib.corrections import read_log
from lib.store import Store

APP = str(ROOT / "dashboard.py")


class RecordingMediaFileManager(MediaFileManager):
    """The media manager AppTest creates for each run, remembered so a test can read the files."""

    last: RecordingMediaFileManager | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingMediaFileManager.last = self


@pytest.fixture
def store(tmp_path_factory, tmp_path):
    """A private copy of the seed store (corrections written here touch no other test)."""
    return dashboard_fixtures.seed_store_copy(tmp_path_factory, tmp_path / "store")


def open_page(store, monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    monkeypatch.setattr(app_test, "MediaFileManager", RecordingMediaFileManager)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def download(at: AppTest, key: str) -> bytes:
    """The bytes a download button serves (running a deferred one as a click would)."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    mgr = RecordingMediaFileManager.last
    url = button.proto.url or mgr.execute_deferred(button.proto.deferred_file_id)
    return mgr.read_file(url.rsplit("/", 1)[-1]).content


def evidence(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_reject_through_the_ui_then_list_and_undo_it(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/quantities.py")
    before = evidence(at)
    qty = Store(store).facts("quantities")
    fact_id, text = qty["id"].iloc[0], qty["text"].iloc[0]
    at.selectbox(key="c_quantities_fact").set_value(fact_id).run()
    at.radio(key="c_quantities_op").set_value("Reject").run()
    at.text_input(key="c_quantities_note").set_value("a calibre, not a count").run()
    at.button(key="c_quantities_reject").click().run()
    assert not at.exception, at.exception
    assert any("Rejected" in s.value for s in at.success)
    after = evidence(at)
    assert len(after) == len(before) - 1
    assert (after["text"] == text).sum() == (before["text"] == text).sum() - 1
    assert [(e["op"], e["fact_id"], e["note"]) for e in read_log(store)] == [
        ("reject", fact_id, "a calibre, not a count")
    ]

    at.switch_page("pages/corrections.py").run()
    listed = at.dataframe[0].value
    assert listed[["op", "fact_id"]].values.tolist() == [["reject", fact_id]]
    assert bool(listed["in_force"].iloc[0]) and text in listed["fact"].iloc[0]
    correction_id = listed["id"].iloc[0]
    at.selectbox(key="undo_pick").set_value(correction_id).run()
    at.button(key="undo_button").click().run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value["op"].tolist() == ["undo", "reject"]

    at.switch_page("pages/quantities.py").run()
    assert len(evidence(at)) == len(before)


def test_reject_from_the_articles_page(store, monkeypatch):
    """The analyst reading an article rejects one of its figures right there: it leaves the article's
    fact table and highlights, and the Corrections page lists it."""
    at = open_page(store, monkeypatch, "pages/articles.py")
    article_id = at.selectbox(key="article_pick").value
    qty = Store(store).facts("quantities")
    mine = qty[qty["article_id"] == article_id].sort_values("start")
    fact_id, text = mine["id"].iloc[0], mine["text"].iloc[0]

    def article_quantities() -> pd.DataFrame:
        return next(d.value for d in at.dataframe if "qualifier" in d.value.columns)

    def highlighted() -> int:
        return at.get("html")[-1].proto.body.count('class="dx-quantity"')

    before, marks = article_quantities(), highlighted()
    assert len(before) == len(mine) and marks >= 1
    at.radio(key="c_article_quantities_op").set_value("Reject").run()
    at.selectbox(key="c_article_quantities_fact").set_value(fact_id).run()
    at.text_input(key="c_article_quantities_note").set_value("a calibre, not a count").run()
    at.button(key="c_article_quantities_reject").click().run()
    assert not at.exception, at.exception
    assert any("Rejected" in s.value for s in at.success)
    assert at.selectbox(key="article_pick").value == article_id  # still reading the same article
    after = article_quantities()
    assert len(after) == len(before) - 1 and (after["text"] == text).sum() == (before["text"] == text).sum() - 1
    assert highlighted() == marks - 1  # no longer marked in the text either
    assert [(e["op"], e["fact_id"]) for e in read_log(store)] == [("reject", fact_id)]

    at.switch_page("pages/corrections.py").run()
    listed = at.dataframe[0].value
    assert listed[["op", "fact_id"]].values.tolist() == [["reject", fact_id]] and text in listed["fact"].iloc[0]


def test_fix_a_value_through_the_ui(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/quantities.py")
    qty = Store(store).facts("quantities")
    fact_id = qty["id"].iloc[0]
    at.selectbox(key="c_quantities_fact").set_value(fact_id).run()
    at.radio(key="c_quantities_op").set_value("Fix").run()
    at.text_input(key=f"c_quantities_{fact_id}_value").set_value("4242").run()
    at.button(key="c_quantities_fix").click().run()
    assert not at.exception, at.exception
    shown = evidence(at)
    assert 4242 in set(shown["value"])
    row = Store(store).facts("quantities").set_index("id").loc[fact_id]
    assert row["value"] == 4242 and row["status"] == "corrected"


def test_export_buttons_serve_the_shown_rows_and_a_real_png(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/quantities.py")
    shown = evidence(at)
    table = pd.read_csv(io.BytesIO(download(at, "x_quantities_csv")), keep_default_na=False)
    assert len(table) == len(shown) and table["text"].tolist() == shown["text"].tolist()
    png = Image.open(io.BytesIO(download(at, "x_quantities_png")))
    assert png.format == "PNG" and png.size[0] == 2400 and png.size[1] > 1000


def test_network_exports_graphml_that_loads_in_networkx(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/network.py")
    graph = nx.read_graphml(io.BytesIO(download(at, "x_network_graphml")))
    shown = evidence(at)
    assert graph.number_of_nodes() >= 2 and graph.number_of_edges() >= 1
    actions = {d["action"] for *_, d in graph.edges(data=True)}
    assert actions == set(shown["action"])
