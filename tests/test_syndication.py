"""Syndicated copies: one story per wire text, counted once in every chart, every outlet still listed."""

from __future__ import annotations

import pandas as pd

from lib.filters import Filters
from lib.syndication import annotate, cached_stories, dedupe, stories, story_ids

WIRE = (
    "North Korea has supplied Russia with as many as 9 million rounds of ammunition since 2023, the "
    "Multilateral Sanctions Monitoring Team said in a report on Thursday. The report also said Pyongyang "
    "sent at least 100 ballistic missiles to Moscow in 2024, and that Russia trained North Korean troops. "
    "The team of 11 countries was set up after Russia vetoed the renewal of a UN panel of experts."
)
ARTICLES = pd.DataFrame(
    {
        "id": ["wire", "yahoo", "repost", "other"],
        "outlet": ["Irish Examiner", "Yahoo News", "MSN", "Yonhap"],
        "published": ["2025-05-30", "2025-05-31", "2025-06-01", "2024-10-15"],
        "text": [
            WIRE,
            WIRE.upper().replace(",", ""),  # case and punctuation do not make a new story
            "SEOUL (AP) — " + WIRE + " Read more at msn.com.",  # an aggregator header and footer
            "North Korea shipped about 3 million artillery shells to Russia in 2024, Seoul said.",
        ],
    }
)


def test_copies_of_one_text_are_one_story_named_after_the_earliest():
    ids = story_ids(ARTICLES)
    assert ids["wire"] == ids["yahoo"] == ids["repost"] == "wire"  # exact and near copies (Jaccard ≥ 0.8)
    assert ids["other"] == "other"
    assert story_ids(ARTICLES.assign(text=["a b c d e f", "u v w x y z", "", None]))["repost"] == "repost"
    assert story_ids(pd.DataFrame()) == {}


def test_a_fact_in_every_copy_counts_once_and_lists_every_outlet():
    facts = pd.DataFrame(
        {
            "id": ["q1", "q2", "q3", "q4"],
            "article_id": ["yahoo", "wire", "repost", "other"],
            "value": [9e6, 9e6, 9e6, 3e6],
            "low": [None] * 4,
            "high": [9e6, 9e6, 9e6, None],
            "qualifier": ["up_to", "up_to", "up_to", "approx"],
            "unit": ["round"] * 4,
            "text": ["as many as 9 million rounds"] * 3 + ["about 3 million artillery shells"],
            "sentence": [WIRE[:120].upper(), WIRE[:120], WIRE[:120], "North Korea shipped …"],
        }
    ).merge(ARTICLES[["id", "outlet", "published"]].rename(columns={"id": "article_id"}))
    marked = annotate(facts, "quantities", stories(ARTICLES))
    shown = dedupe(marked)
    assert list(shown["id"]) == ["q2", "q4"]  # the earliest copy stands for the story
    row = shown.set_index("id").loc["q2"]
    assert row["copies"] == 3 and row["story_id"] == "wire"
    assert row["sources"] == "Irish Examiner (2025-05-30); Yahoo News (2025-05-31); MSN (2025-06-01)"
    # An outlet filter picks that outlet's copy; its sources still name every outlet.
    only_yahoo = dedupe(Filters(outlets=("Yahoo News",)).apply(marked, kind="quantities"))
    assert list(only_yahoo["id"]) == ["q1"] and "Irish Examiner" in only_yahoo["sources"].iloc[0]
    assert dedupe(facts).equals(facts)  # not annotated: left as it is


def test_stories_are_grouped_once_per_store_version_and_kept_on_disk(tmp_path):
    calls = []

    def load():
        calls.append(1)
        return ARTICLES

    first = cached_stories(tmp_path, "3-abc", load)
    again = cached_stories(tmp_path, "3-abc", load)  # a server restart: read from disk, not regrouped
    assert len(calls) == 1 and again.equals(first) and first.equals(stories(ARTICLES))
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["stories-3-abc.parquet"]
    cached_stories(tmp_path, "4-def+c120", load)  # a new batch: regrouped, the stale file removed
    assert len(calls) == 2
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["stories-4-def_c120.parquet"]
