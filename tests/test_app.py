"""Every page through Streamlit's AppTest, on real stores built on disk by the real pipeline."""

from __future__ import annotations

import json
from datetime import date

import dashboard_fixtures
import pytest
from dashboard_fixtures import HOSTILE, ROOT
from streamlit.testing.v1 import AppTest

from lib.filters import Filters
from lib.store import Store

APP = str(ROOT / "dashboard.py")
PAGES = [
    "pages/overview.py",
    "pages/network.py",
    "pages/timeline.py",
    "pages/quantities.py",
    "pages/claims.py",
    "pages/articles.py",
]


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    return dashboard_fixtures.seed_store(tmp_path_factory)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    return dashboard_fixtures.hostile_store(tmp_path_factory)


def open_app(store, monkeypatch, params: dict | None = None, page: str | None = None) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_overview_counts_match_the_store(seed_store, monkeypatch):
    at = open_app(seed_store, monkeypatch)
    stats = Store(seed_store).stats()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == str(stats["articles"])
    assert metrics["Relations"] == str(stats["relations"]) and metrics["Quantities"] == str(
        stats["quantities"]
    )
    top = at.dataframe[0].value
    assert "Russia (RUS)" in set(top["actor"]) and "North Korea (PRK)" in set(top["actor"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(seed_store, monkeypatch, page):
    at = open_app(seed_store, monkeypatch, page=page)
    assert not at.error and at.title[0].value
    if page not in ("pages/overview.py", "pages/articles.py", "pages/claims.py"):
        fig = figure(at)
        assert fig["data"] and fig["layout"]["title"]["subtitle"]["text"].startswith("all actors")


def test_actor_filter_shrinks_the_network_and_its_evidence(seed_store, monkeypatch):
    at = open_app(seed_store, monkeypatch, page="pages/network.py")
    everything = at.dataframe[0].value
    at.sidebar.multiselect(key="f_actors").set_value(["RUS"]).run()
    assert not at.exception
    only_rus = at.dataframe[0].value
    assert 0 < len(only_rus) < len(everything)
    assert all("Russia (RUS)" in (row.source, row.target) for row in only_rus.itertuples())
    assert Filters.from_query(dict(at.query_params)).actors == ("RUS",)  # the URL carries the view
    assert figure(at)["layout"]["title"]["subtitle"]["text"].startswith("Russia")


def test_url_round_trip_sets_the_widgets(seed_store, monkeypatch):
    params = {
        "actor": ["PRK"],
        "start": "2024-01-01",
        "end": "2024-12-31",
        "category": "troops",
        "undated": "0",
    }
    at = open_app(seed_store, monkeypatch, params=params, page="pages/quantities.py")
    assert at.sidebar.multiselect(key="f_actors").value == ["PRK"]
    assert at.sidebar.date_input(key="f_dates").value == (date(2024, 1, 1), date(2024, 12, 31))
    assert at.sidebar.multiselect(key="f_categories").value == ["troops"]
    assert at.sidebar.checkbox(key="f_undated").value is False
    rows = at.dataframe[0].value
    assert set(rows["category"]) <= {"troops"}
    assert Filters.from_query(dict(at.query_params)) == Filters.from_query(params)


def test_quantities_log_toggle_and_timeline_lanes(seed_store, monkeypatch):
    at = open_app(seed_store, monkeypatch, page="pages/quantities.py")
    assert figure(at)["layout"]["yaxis"]["type"] == "log"
    at.toggle(key="log").set_value(False).run()
    assert figure(at)["layout"]["yaxis"]["type"] == "linear"
    at.switch_page("pages/timeline.py").run()
    lanes_by_actor = {y for t in figure(at)["data"] for y in t.get("y", [])}
    assert "Russia" in lanes_by_actor


def test_article_link_opens_the_article_with_highlights(seed_store, monkeypatch):
    arts = Store(seed_store).articles(with_text=False)
    target = arts[arts["outlet"] == "Irish Examiner"]["id"].iloc[0]
    at = open_app(seed_store, monkeypatch, params={"article": target}, page=None)
    at.switch_page("pages/articles.py").run()
    assert at.selectbox(key="article_pick").value == target
    body = at.get("html")[-1].proto.body
    assert 'class="dx-actor"' in body and 'class="dx-quantity"' in body and "as many as 9 million" in body


def test_hostile_article_text_is_shown_literally(hostile_store, monkeypatch):
    at = open_app(hostile_store, monkeypatch, page="pages/articles.py")
    body = at.get("html")[-1].proto.body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body and "<script" not in body
    assert "**bold** and [x](javascript:alert(1))" in body  # HTML never renders markdown: literal
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert r"\<script\>alert\(1\)\</script\> \*\*bold\*\* title" in shown  # markdown escaped
    assert r"\[x\]\(javascript\:alert\(1\)\) Wire" in shown
    assert "<script>" not in shown and "](javascript" not in shown
    assert HOSTILE["title"] in at.selectbox(key="article_pick").options[0]  # plain-text widget


def test_empty_store_is_filled_from_seeds_with_progress(tmp_path, monkeypatch):
    at = open_app(tmp_path / "fresh", monkeypatch)
    stats = Store(tmp_path / "fresh").stats()
    assert stats["articles"] >= 1
    assert {m.label: m.value for m in at.metric}["Articles"] == str(stats["articles"])
