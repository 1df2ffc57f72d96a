"""Filters: URL round trip, tolerant parsing, apply per kind (actors, dates, outlets...), describe."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.filters import Filters, date_spans, fact_span, with_date_spans


def test_round_trip_through_the_url():
    f = Filters(
        actors=("RUS", "PRK"),
        start=date(2024, 1, 1),
        end=date(2025, 4, 30),
        outlets=("Irish Examiner",),
        categories=("troops", "missiles"),
        actions=("transfer",),
        undated=False,
        article="abc123",
    )
    q = f.to_query()
    assert q["actor"] == ["RUS", "PRK"] and q["start"] == "2024-01-01" and q["undated"] == "0"
    assert Filters.from_query(q) == f
    assert Filters().to_query() == {}  # defaults stay out of the link


def test_from_query_ignores_bad_values():
    f = Filters.from_query(
        {
            "actor": ["RUS", "<script>", ""],
            "start": "not-a-date",
            "end": "2024-13-40",
            "category": ["troops", "unicorns"],
            "action": "teleport",
            "article": "../etc/passwd",
            "undated": "maybe",
        }
    )
    assert f == Filters(actors=("RUS",), categories=("troops",))


def test_from_query_takes_single_strings_and_swaps_reversed_dates():
    f = Filters.from_query({"actor": "PRK", "start": "2025-01-01", "end": "2024-01-01"})
    assert f.actors == ("PRK",) and (f.start, f.end) == (date(2024, 1, 1), date(2025, 1, 1))


RELATIONS = pd.DataFrame(
    {
        "id": ["r1", "r2", "r3", "r4"],
        "source": ["PRK", "RUS", "CHN", "IRN"],
        "target": ["RUS", "PRK", "USA", "RUS"],
        "action": ["transfer", "supply", "veto", "supply"],
        "date": ["2024", "2024-10", "2022-05", None],
        "date_end": [None, None, None, None],
        "precision": ["year", "month", "month", None],
        "open_end": [False, True, False, False],
        "published": ["2025-05-30", "2025-05-30", "2025-05-30", None],
        "outlet": ["Irish Examiner", "Irish Examiner", "Irish Examiner", "Irish Independent"],
    }
)


def ids(df: pd.DataFrame) -> list[str]:
    return list(df["id"])


def test_actor_filter_matches_source_or_target():
    assert ids(Filters(actors=("RUS",)).apply(RELATIONS, kind="relations")) == ["r1", "r2", "r4"]
    assert ids(Filters(actors=("USA",)).apply(RELATIONS, kind="relations")) == ["r3"]


def test_actor_filter_on_list_columns():
    events = pd.DataFrame(
        {
            "id": ["e1", "e2", "e3"],
            "actors": [["PRK", "RUS"], ["CHN"], []],
            "date": ["2024", "2024", "2024"],
            "precision": ["year"] * 3,
        }
    )
    assert ids(Filters(actors=("RUS", "CHN")).apply(events, kind="events")) == ["e1", "e2"]


def test_date_filter_uses_the_facts_own_span():
    # 2025 only: r2 ("since October 2024", open to its publication date 2025-05-30) overlaps;
    # r1 (the year 2024) and r3 (May 2022) do not; r4 has no date and no published date: kept (undated=True).
    f = Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert ids(f.apply(RELATIONS, kind="relations")) == ["r2", "r4"]
    # A month inside the year 2024 overlaps r1's year span and r2's open range.
    f = Filters(start=date(2024, 11, 1), end=date(2024, 11, 30))
    assert ids(f.apply(RELATIONS, kind="relations")) == ["r1", "r2", "r4"]


def test_undated_false_drops_facts_without_their_own_date():
    assert ids(Filters(undated=False).apply(RELATIONS, kind="relations")) == ["r1", "r2", "r3"]


def test_undated_fact_is_placed_at_its_articles_publication_date():
    df = RELATIONS.assign(date=None, precision=None, open_end=False)
    assert ids(Filters(end=date(2024, 12, 31)).apply(df, kind="relations")) == ["r4"]  # r4: no date at all
    assert ids(Filters(start=date(2025, 5, 1)).apply(df, kind="relations")) == ["r1", "r2", "r3", "r4"]


def test_outlets_categories_actions():
    assert ids(Filters(outlets=("Irish Independent",)).apply(RELATIONS, kind="relations")) == ["r4"]
    assert ids(Filters(actions=("supply",)).apply(RELATIONS, kind="relations")) == ["r2", "r4"]
    q = pd.DataFrame({"id": ["q1", "q2"], "category": ["troops", "missiles"], "date": [None, None]})
    assert ids(Filters(categories=("missiles",)).apply(q, kind="quantities")) == ["q2"]
    # categories do not touch relations; actions do not touch quantities
    assert len(Filters(categories=("missiles",)).apply(RELATIONS, kind="relations")) == 4
    assert len(Filters(actions=("veto",)).apply(q, kind="quantities")) == 2


def test_articles_filter_by_published_and_actors_column():
    arts = pd.DataFrame(
        {
            "id": ["a1", "a2"],
            "published": ["2025-05-30", None],
            "outlet": ["X", "Y"],
            "actors": [["RUS", "PRK"], ["IRN"]],
        }
    )
    assert ids(Filters(actors=("IRN",)).apply(arts, kind="articles")) == ["a2"]
    assert ids(Filters(start=date(2025, 6, 1)).apply(arts, kind="articles")) == ["a2"]
    assert ids(Filters(start=date(2025, 6, 1), undated=False).apply(arts, kind="articles")) == []


def test_apply_on_empty_frame_and_unknown_kind():
    assert Filters(actors=("RUS",)).apply(pd.DataFrame(), kind="relations").empty
    with pytest.raises(ValueError, match="unknown kind"):
        Filters().apply(RELATIONS, kind="nonsense")


def test_describe_in_words():
    labels = {"RUS": "Russia", "PRK": "North Korea"}
    f = Filters(actors=("RUS", "PRK"), start=date(2024, 1, 1), end=date(2025, 4, 30), outlets=("A", "B", "C"))
    assert (
        f.describe(labels)
        == "Russia, North Korea · Jan 2024–Apr 2025 · 3 outlets · all categories · all actions"
    )
    f = Filters(start=date(2024, 3, 15), outlets=("Irish Examiner",), categories=("troops",), undated=False)
    assert f.describe() == (
        "all actors · from 15 Mar 2024 · Irish Examiner · troops · all actions · dated facts only"
    )
    assert Filters().describe() == "all actors · all dates · all outlets · all categories · all actions"


@pytest.mark.parametrize(
    "args, expected",
    [
        (("2024-10-05",), (date(2024, 10, 5), date(2024, 10, 5))),
        (("2024-02",), (date(2024, 2, 1), date(2024, 2, 29))),
        (("2024",), (date(2024, 1, 1), date(2024, 12, 31))),
        (("garbage",), (None, None)),
    ],
)
def test_fact_span_at_each_precision(args, expected):
    assert fact_span(*args) == expected


def test_fact_span_ranges():
    assert fact_span("2024-01-01", date_end="2025-04") == (date(2024, 1, 1), date(2025, 4, 30))
    assert fact_span("2024-10", open_end=True, published=date(2025, 5, 30)) == (
        date(2024, 10, 1),
        date(2025, 5, 30),
    )
    assert fact_span("2024-10", open_end=True) == (date(2024, 10, 1), None)


# ---------------------------------------------------------------------------------------------- linked views
def test_selection_focus_and_objects_round_trip_through_the_url():
    from lib.selection import Selection

    f = Filters(selected="edge:PRK>RUS:transfer", objects=("ammunition",), focus="PRK", depth=2, members=True)
    q = f.to_query()
    assert q["sel"] == "edge:PRK>RUS:transfer" and q["focus"] == "PRK" and q["depth"] == "2"
    assert Filters.from_query(q) == f
    bad = Filters.from_query({"sel": "edge:<b>>RUS:x y", "focus": "<script>", "depth": "9", "object": "a;b"})
    assert bad == Filters()
    assert Selection.parse("quantity:abc-123").table == "quantities"
    assert "selected: North Korea → transfer → Russia" in f.describe({"PRK": "North Korea", "RUS": "Russia"})
    assert "network around PRK (2 steps)" in f.describe() and "about ammunition" in f.describe()


def test_a_chart_click_maps_to_a_selection_and_back_to_no_selection():
    from lib.selection import from_points

    points = [{"curve_number": 3, "point_index": 1, "customdata": "actor:RUS"}]
    assert Filters().with_selection(from_points(points)).selected == "actor:RUS"
    assert from_points([{"customdata": ["quantity:q9"]}]) == "quantity:q9"  # plotly may wrap it in a list
    assert from_points([{"customdata": "javascript:alert(1)"}]) is None  # nothing valid: no selection
    assert Filters(selected="actor:RUS").with_selection(from_points([])).selected is None


SEL_RELATIONS = pd.DataFrame({
    "id": ["r1", "r2", "r3"], "article_id": ["a1", "a1", "a2"], "sentence": ["S1", "S2", "S3"],
    "source": ["PRK", "PRK", "USA"],
    "target": ["RUS", "RUS", "PRK"],
    "action": ["transfer", "deploy", "accuse"],
})
SEL_QUANTITIES = pd.DataFrame({
    "id": ["q1", "q2"], "article_id": ["a1", "a2"], "sentence": ["S1", "S3"],
    "actors": [["PRK", "RUS"], ["USA", "PRK"]], "category": ["ammunition", "other"],
})


def test_a_selection_narrows_every_kind_and_spares_the_chart_it_was_made_in():
    edge = Filters(selected="edge:PRK>RUS:transfer")
    assert list(edge.apply(SEL_RELATIONS, kind="relations")["id"]) == ["r1"]
    assert list(edge.apply(SEL_QUANTITIES, kind="quantities")["id"]) == ["q1"]  # names both actors
    actor = Filters(selected="actor:USA")
    assert list(actor.apply(SEL_RELATIONS, kind="relations")["id"]) == ["r3"]
    fact = Filters(selected="quantity:q1")
    anchor = {"article_id": "a1", "sentence": "S1"}
    assert list(fact.apply(SEL_QUANTITIES, kind="quantities")["id"]) == ["q1"]
    assert list(fact.apply(SEL_RELATIONS, kind="relations", anchor=anchor)["id"]) == ["r1"]  # same sentence
    assert len(fact.apply(SEL_RELATIONS, kind="relations")) == 3  # no anchor: only its own kind narrows
    assert edge.for_chart("network").selected is None and edge.for_chart("timeline") == edge
    assert fact.for_chart("quantities").selected is None and fact.for_chart("claims").selected is None


def test_object_filter_reaches_relations_through_their_sentence_and_quantities_by_category():
    f = Filters(objects=("ammunition",))
    assert list(f.apply(SEL_RELATIONS, kind="relations", quantities=SEL_QUANTITIES)["id"]) == ["r1"]
    assert list(f.apply(SEL_QUANTITIES.assign(text="x", unit=None), kind="quantities")["id"]) == ["q1"]


def test_cached_date_spans_give_the_same_rows_as_computing_them_per_call():
    # The dashboard caches with_date_spans(frame) per store version; the filter must not change a row.
    placed = with_date_spans(RELATIONS, "relations")
    for f in (
        Filters(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        Filters(start=date(2024, 11, 1), end=date(2024, 11, 30)),
        Filters(end=date(2023, 1, 1), undated=False),
        Filters(undated=False),
    ):
        assert ids(f.apply(placed, kind="relations")) == ids(f.apply(RELATIONS, kind="relations"))
    spans = date_spans(RELATIONS, "relations")
    def days(col: pd.Series) -> list[str | None]:
        return [str(d.date()) if pd.notna(d) else None for d in col]

    assert days(spans["span_lo"]) == ["2024-01-01", "2024-10-01", "2022-05-01", None]
    # r2 "since October 2024" runs to publication; r4 (no date, no publication date) cannot be placed
    assert days(spans["span_hi"]) == ["2024-12-31", "2025-05-30", "2022-05-31", None]
    assert spans["span_own"].tolist() == [True, True, True, False]
