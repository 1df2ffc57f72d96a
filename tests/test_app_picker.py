"""The correction form's fact picker on a view with more facts than it lists (its limit lowered by its
setting, so the seed store takes the big-store path), the export caption's counts, and the Network's
focus picker, through the real app (AppTest) on private copies of a real store."""

from __future__ import annotations

import dashboard_fixtures
import pandas as pd
import pytest
from dashboard_fixtures import ROOT
from streamlit.testing.v1 import AppTest

from lib import exports
from lib.corrections import read_log
from lib.graph import network_actors
from lib.store import Store
from lib.ui_export import matching

APP = str(ROOT / "dashboard.py")
LIMIT = 3


@pytest.fixture
def store(tmp_path_factory, tmp_path):
    return dashboard_fixtures.seed_store_copy(tmp_path_factory, tmp_path / "store")


def open_page(store, monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    monkeypatch.setenv("DOSSIER_PICKER_LIMIT", str(LIMIT))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_a_big_view_lists_a_few_facts_and_a_search_reaches_any_other_to_reject_it(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/quantities.py")
    shown = at.dataframe[0].value
    assert len(shown) > LIMIT
    picker = at.selectbox(key="c_quantities_fact")
    assert len(picker.options) == LIMIT
    assert any(f"{len(shown):,} of {len(shown):,} facts in this view match" in c.value for c in at.caption)

    # A fact not listed (beyond the first LIMIT in the table's order) is reached by words of its sentence.
    qty = shown_facts(Store(store).facts("quantities"), shown, ["text", "sentence"])
    target = next(i for i, t in zip(qty["id"], qty["text"], strict=True) if all(t not in o for o in picker.options))
    row = qty.set_index("id").loc[target]
    words = f"{row['text']} {row['sentence'][:40]}"
    at.text_input(key="c_quantities_find").set_value(words).run()
    matches = matching(Store(store).facts("quantities"), words)
    assert target in set(matches["id"]) and len(matches) < len(shown)
    picker = at.selectbox(key="c_quantities_fact")
    assert len(picker.options) == min(LIMIT, len(matches))
    assert any(f"{len(matches):,} of {len(shown):,} facts in this view match" in c.value for c in at.caption)
    picker.set_value(target).run()
    at.radio(key="c_quantities_op").set_value("Reject").run()
    assert any(c.value.startswith("Sentence:") for c in at.caption)
    at.button(key="c_quantities_reject").click().run()
    assert not at.exception, at.exception
    assert any("Rejected" in s.value for s in at.success)
    assert [(e["op"], e["fact_id"]) for e in read_log(store)] == [("reject", target)]
    assert len(at.dataframe[0].value) == len(shown) - 1

    at.text_input(key="c_quantities_find").set_value("zzz-no-such-words").run()
    assert at.selectbox(key="c_quantities_fact").options == []
    assert any("0 of" in c.value for c in at.caption)


def test_the_fact_being_fixed_stays_chosen_while_the_search_changes(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/timeline.py")
    events = shown_facts(Store(store).facts("events"), at.dataframe[0].value, ["date_text", "sentence"])
    fact_id = events["id"].iloc[-1]
    at.text_input(key="c_timeline_find").set_value(str(fact_id)).run()  # the id itself is searchable
    assert len(at.selectbox(key="c_timeline_fact").options) == 1
    at.selectbox(key="c_timeline_fact").set_value(fact_id).run()
    at.radio(key="c_timeline_op").set_value("Fix").run()
    at.text_input(key="c_timeline_find").set_value("").run()  # back to the first LIMIT facts
    picker = at.selectbox(key="c_timeline_fact")
    assert picker.value == fact_id and len(picker.options) in (LIMIT, LIMIT + 1)  # + the chosen one
    at.text_input(key=f"c_timeline_{fact_id}_date").set_value("1999-01-02").run()
    at.button(key="c_timeline_fix").click().run()
    assert not at.exception, at.exception
    row = Store(store).facts("events").set_index("id").loc[fact_id]
    assert row["date"] == "1999-01-02" and row["status"] == "corrected"


def shown_facts(facts: pd.DataFrame, shown: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The store's facts that the evidence table shows, identified by ``cols`` (unique pairs only)."""
    unique = facts.drop_duplicates(cols, keep=False)
    seen = set(map(tuple, shown[cols].astype(str).to_numpy()))
    return unique[[tuple(map(str, r)) in seen for r in unique[cols].to_numpy()]]


def test_matching_every_word_any_case_literal_and_by_actor_label():
    df = pd.DataFrame(
        {
            "id": ["e1", "e2", "e3"],
            "date_text": ["in March", "(since 2023)", None],
            "actors": [["PRK", "RUS"], ["UKR"], None],
            "sentence": ["North Korea sent shells.", "Kyiv [said] so.", "Nothing *here*."],
        }
    )
    labels = {"PRK": "North Korea", "RUS": "Russia", "UKR": "Ukraine"}
    assert matching(df, "russia MARCH", labels)["id"].tolist() == ["e1"]
    assert matching(df, "(since [said]", labels)["id"].tolist() == ["e2"]  # literal: no regex
    assert matching(df, "ukraine", labels)["id"].tolist() == ["e2"]
    assert matching(df, "*here* e3")["id"].tolist() == ["e3"]
    assert matching(df, "  ")["id"].tolist() == ["e1", "e2", "e3"] and matching(df, "russia korea x").empty


def test_export_caption_counts_the_sources_the_image_lists(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/quantities.py")
    shown = at.dataframe[0].value
    qty = Store(store).facts("quantities")
    n = len(exports.sources_of(qty))  # the image lists one line per article
    text = " ".join(c.value for c in at.caption if "Drawn into the image" in c.value)
    assert f"{n} source article(s)" in text and "articles published up to" in text and len(shown) == len(qty)


def test_network_focus_offers_the_actors_a_network_can_show(store, monkeypatch):
    at = open_page(store, monkeypatch, "pages/network.py")
    focus = at.selectbox(key="n_focus")
    store_ = Store(store)
    expected = network_actors(store_.facts("relations"))
    assert focus.options[0] == "— whole network —" and len(focus.options) == len(expected) + 1
    mentioned = set(store_.facts("actors")["actor"].dropna())
    assert mentioned - set(expected)  # actors only mentioned, never in a relation, are not offered
    everything = len(at.dataframe[0].value)
    focus.set_value(expected[-1]).run()  # the least connected: its neighbourhood is a small part
    assert not at.exception, at.exception
    assert 0 < len(at.dataframe[0].value) < everything
