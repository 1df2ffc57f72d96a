"""End to end on the product owner's page: ingest → real spaCy pipeline → extraction.

Everything here runs the real components on seeds/000_546d26bc95d3785b.txt.
"""

from __future__ import annotations

import re

import pytest

from lib.pipeline import extract_paths
from lib.records import Extraction

BOILERPLATE = (
    "Orange background", "Try Our AI Features", "Explore what Daily8 AI", "No comments yet",
    "DOWNLOAD THE APP", "Download the App", "app-store", "play-store", "Related Articles", "time5 hours ago",
)


@pytest.fixture(scope="module")
def seed(seed_path) -> list[Extraction]:
    items = list(extract_paths([seed_path]))
    assert all(isinstance(i, Extraction) for i in items), items
    return items


@pytest.fixture(scope="module")
def main(seed) -> Extraction:
    return next(x for x in seed if x.article.outlet == "Irish Examiner")


def test_page_splits_into_two_articles_with_metadata(seed):
    assert len(seed) == 2
    main, related = sorted(seed, key=lambda x: x.article.outlet != "Irish Examiner")
    assert main.article.title == "US and allies accuse North Korea and Russia of violating UN sanctions"
    assert main.article.published == "2025-05-30"
    assert related.article.outlet == "Irish Independent"
    assert related.article.published is None
    assert related.article.author == "Luke McGee"
    assert main.article.id != related.article.id


def test_boilerplate_and_captions_stay_out_of_the_text(seed, main):
    for x in seed:
        for junk in BOILERPLATE:
            assert junk not in x.article.text, (junk, x.article.title)
    assert "Sputnik" not in main.article.text
    assert any("Sputnik" in c for c in main.article.captions)
    assert "Sputnik" not in {a.actor for a in main.actors}
    # The related article is a separate article: its Iran story does not leak into the main one.
    assert "Araghchi" not in main.article.text


def _quantity(ex: Extraction, needle: str):
    hits = [q for q in ex.quantities if needle in q.text]
    assert hits, (needle, [q.text for q in ex.quantities])
    return hits[0]


@pytest.mark.parametrize(
    ("needle", "value", "qualifier", "category", "low", "high"),
    [
        ("9 million", 9_000_000, "up_to", "ammunition", None, 9_000_000),
        ("100", 100, "at_least", "missiles", 100, None),
        ("11,000", 11_000, "more_than", "troops", 11_000, None),
        ("three brigade sets", 3, "exact", "artillery", 3, 3),
    ],
)
def test_headline_quantities_keep_their_qualifiers(main, needle, value, qualifier, category, low, high):
    q = _quantity(main, needle)
    assert (q.value, q.qualifier, q.category, q.low, q.high) == (value, qualifier, category, low, high)
    # Provenance: the span points at the phrase inside the article text, inside its sentence.
    assert main.article.text[q.start : q.end] == q.text
    assert q.text in q.sentence and q.sentence in main.article.text


def test_calibres_page_counts_and_years_are_not_quantities(main):
    texts = " | ".join(q.text for q in main.quantities)
    for bad in ("170mm", "29-page", "2024", "2010", "2006", "2017"):
        assert not any(q.text.strip() == bad or q.text.startswith(bad) for q in main.quantities), (bad, texts)


def test_dprk_to_russia_transfer(main):
    transfers = [r for r in main.relations if (r.source, r.target, r.action) == ("PRK", "RUS", "transfer")]
    assert transfers, [(r.source, r.action, r.target) for r in main.relations]
    assert any(r.object and "arms" in r.object for r in transfers)
    for r in transfers:
        assert r.sentence in main.article.text
        assert main.article.text[r.start : r.end].strip()


def test_russia_to_dprk_relations_carry_objects(main):
    triples = {(r.source, r.target, r.action) for r in main.relations}
    assert ("RUS", "PRK", "transfer") in triples or ("RUS", "PRK", "supply") in triples
    petroleum = [r for r in main.relations if r.object and "petroleum" in r.object]
    assert petroleum and petroleum[0].source == "RUS" and petroleum[0].target == "PRK"


def test_troop_deployment_dated_october_2024(main):
    troops = _quantity(main, "11,000")
    assert troops.date == "2024-10" and troops.precision == "month" and troops.open_end
    deploy = [e for e in main.events if e.date == "2024-10"]
    assert deploy, [(e.date, e.date_text) for e in main.events]
    assert deploy[0].open_end and "since October 2024" in deploy[0].date_text
    assert deploy[0].action == "deploy"
    assert {"PRK", "RUS"} <= set(deploy[0].actors)


def test_relative_dates_resolve_against_publication_date(main):
    by_text = {e.date_text: e for e in main.events}
    thursday = next(e for t, e in by_text.items() if "Thursday" in t)
    assert thursday.date == "2025-05-29" and thursday.precision == "day"
    last_year = next(e for t, e in by_text.items() if "last year" in t)
    assert last_year.date == "2024" and last_year.precision == "year"
    period = next(e for t, e in by_text.items() if "January 1, 2024" in t)
    assert (period.date, period.date_end) == ("2024-01-01", "2025-04-30")


def test_undated_article_gets_no_invented_dates(seed):
    related = next(x for x in seed if x.article.published is None)
    # "5 hours ago", "the coming days" and other relative phrases cannot be resolved without a
    # publication date, so no event of the related article carries a date derived from one.
    for e in related.events:
        assert re.search(r"\b\d{4}\b", e.date_text), e
    for q in related.quantities + related.relations:
        assert q.date is None or re.search(r"\b\d{4}\b", q.sentence), q


def test_actors_resolve_aliases_to_states(main):
    ids = {a.actor for a in main.actors}
    assert {"PRK", "RUS", "USA", "UKR"} <= ids
    by_mention = {a.mention: a.actor for a in main.actors}
    assert by_mention.get("Pyongyang") == "PRK"
    assert by_mention.get("Moscow") == "RUS"
    assert by_mention.get("the North") == "PRK"
    assert "Multilateral Sanctions Monitoring Team" in ids


def test_sentences_never_cross_paragraphs(seed):
    for x in seed:
        for start, end in x.sentences:
            assert "\n" not in x.article.text[start:end].strip(), x.article.text[start:end][:120]
