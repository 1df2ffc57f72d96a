"""The dashboard's big-store paths through AppTest, on real stores built on disk by the real pipeline:
the Timeline's counts beyond a limit (lowered by its setting so the seed store triggers it), the
Overview's stored counts only on a first load, and the evidence links built once per table."""

from __future__ import annotations

import json
import shutil

import dashboard_fixtures
import pytest
from dashboard_fixtures import ROOT
from streamlit.testing.v1 import AppTest

from lib import ui
from lib.filters import Filters

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    return dashboard_fixtures.seed_store(tmp_path_factory)


def open_app(store, monkeypatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_timeline_over_the_limit_draws_counts_says_so_and_lists_every_event(seed_store, monkeypatch):
    monkeypatch.setenv("DOSSIER_TIMELINE_DETAIL", "2")
    at = open_app(seed_store, monkeypatch, page="pages/timeline.py")
    rows = at.dataframe[0].value  # the evidence: every event, whatever the chart draws
    assert len(rows) > 2
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    (trace,) = fig["data"]
    assert trace["marker"]["symbol"] == "square"
    drawn: dict[str, int] = {}
    for lane, n in zip(trace["y"], trace["text"], strict=True):
        drawn[lane] = drawn.get(lane, 0) + int(n.replace(",", ""))
    assert all(lane.endswith(f"({total:,})") for lane, total in drawn.items())  # labels tell the totals
    assert any(lane.startswith("Russia (") for lane in drawn)
    note = " ".join(a["text"].replace("<br>", " ") for a in fig["layout"]["annotations"])  # wrapped lines
    assert f"Counts, not single events: {len(rows):,} events are more than 2" in note
    info = " ".join(i.value for i in at.info)
    assert f"{len(rows):,} events: the chart shows counts" in info and "Narrow the sidebar filters" in info

    at.sidebar.multiselect(key="f_actors").set_value(["RUS"]).run()  # narrowed: still counts or each event
    assert not at.exception
    monkeypatch.setenv("DOSSIER_TIMELINE_DETAIL", "5000")
    at.run()
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["type"] for t in fig["data"]} >= {"scatter"} and not at.info  # each event drawn again
    assert all(k.startswith("event:") for t in fig["data"] for k in t.get("customdata") or [] if k)


def test_overview_shows_stored_counts_only_on_the_first_load(seed_store, tmp_path, monkeypatch):
    store = tmp_path / "copy"  # a store this server process has never loaded
    shutil.copytree(seed_store, store)
    at = open_app(store, monkeypatch)
    assert at.session_state["_stored_counts_shown"] == 1
    at.run()  # a rerun: the frames are cached, the real counts come at once
    assert at.session_state["_stored_counts_shown"] == 1
    again = open_app(store, monkeypatch)  # another session of the same server process
    assert "_stored_counts_shown" not in again.session_state
    assert {m.label for m in again.metric} >= {"Articles", "Events"}
    assert not any(m.label.endswith("(stored)") for m in again.metric)


def test_evidence_links_built_once_match_one_by_one():
    f = Filters(actors=("RUS", "PRK"), selected="event:e1", undated=False)
    ids = ["a1", "a b/c", "a1", "ü&=?"]
    assert ui.article_urls(ids, f) == [ui.article_url(a, f) for a in ids]
    assert ui.article_urls(["x"]) == [ui.article_url("x")]
