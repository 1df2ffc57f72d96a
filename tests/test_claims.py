"""Competing estimates: a row per figure with claimant, outlet, dates, bounds; cumulative marked; no sums."""

from __future__ import annotations

import pandas as pd

from lib.claims import claim_groups, claims_table
from lib.figures import claims_figure

LABELS = {
    "PRK": "North Korea",
    "RUS": "Russia",
    "KOR": "South Korea",
    "Multilateral Sanctions Monitoring Team": "MSMT",
}


def q(
    i,
    text,
    value,
    low,
    high,
    qualifier,
    *,
    claimant,
    outlet,
    published,
    cumulative=False,
    category="ammunition",
    actors=("PRK", "RUS"),
    date=None,
    sentence=None,
):
    return {
        "id": f"q{i}",
        "article_id": f"a{i}",
        "text": text,
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "unit": "round",
        "category": category,
        "actors": list(actors),
        "claimant": claimant,
        "modality": "asserted",
        "cumulative": cumulative,
        "date": date,
        "published": published,
        "outlet": outlet,
        "sentence": sentence or f"sentence {i}",
    }


QUANTITIES = pd.DataFrame(
    [
        q(
            1,
            "as many as 9 million rounds of ammunition",
            9e6,
            None,
            9e6,
            "up_to",
            claimant="Multilateral Sanctions Monitoring Team",
            outlet="Irish Examiner",
            published="2025-05-30",
            date="2024",
        ),
        q(
            2,
            "about 3 million artillery shells",
            3e6,
            None,
            None,
            "approx",
            claimant="KOR",
            outlet="Yonhap",
            published="2024-10-15",
            date="2024",
        ),
        q(
            3,
            "more than 12 million shells so far",
            12e6,
            12e6,
            None,
            "more_than",
            claimant=None,
            outlet="Kyiv Independent",
            published="2025-02-01",
            cumulative=True,
        ),
        q(
            4,
            "at least 100 ballistic missiles",
            100,
            100,
            None,
            "at_least",
            claimant="KOR",
            outlet="Yonhap",
            published="2024-10-15",
            category="missiles",
        ),
        q(
            5,
            "5,000 rounds",
            5000,
            5000,
            5000,
            "exact",
            claimant=None,
            outlet="Reuters",
            published="2024-01-01",
            actors=("RUS", "UKR"),
        ),
    ]
)
RELATIONS = pd.DataFrame(
    [
        {"article_id": "a1", "sentence": "sentence 1", "source": "PRK", "target": "RUS"},
        {"article_id": "a2", "sentence": "sentence 2", "source": "PRK", "target": "RUS"},
    ]
)


def test_every_figure_side_by_side_with_who_where_when_and_bounds():
    t = claims_table(QUANTITIES, RELATIONS, category="ammunition", pair=("RUS", "PRK"), labels=LABELS)
    assert list(t["id"]) == ["q2", "q1", "q3"]  # per period by date/published, then the cumulative one
    first = t.set_index("id").loc["q1"]
    assert first["label"] == "as many as 9 million rounds of ammunition (MSMT, Irish Examiner, 2025-05-30)"
    assert (first["low"] != first["low"]) and first["high"] == 9e6 and first["qualifier"] == "up_to"
    assert first["direction"] == "North Korea → Russia" and first["period"] == "per period"
    seoul = t.set_index("id").loc["q2"]
    assert seoul["label"].startswith("about 3 million artillery shells (South Korea, Yonhap, 2024-10-15)")
    cum = t.set_index("id").loc["q3"]
    assert cum["period"] == "cumulative" and cum["label"].endswith("· cumulative")
    assert cum["claimant"] == "not attributed" and cum["direction"] == "not stated"
    assert "q5" not in set(t["id"]) and "q4" not in set(t["id"])  # other pair, other category
    assert not {"total", "sum"} & set(t.columns)  # nothing is added up


def test_groups_rank_pairs_by_figures_and_take_direction_from_relations():
    g = claim_groups(QUANTITIES, RELATIONS)
    top = g.iloc[0]
    assert (top["category"], top["a"], top["b"]) == ("ammunition", "PRK", "RUS")
    assert (top["source"], top["target"], top["claims"], top["claimants"]) == ("PRK", "RUS", 3, 3)
    other = g[(g["a"] == "RUS") & (g["b"] == "UKR")].iloc[0]
    assert pd.isna(other["source"]) and other["claims"] == 1
    assert claim_groups(pd.DataFrame()).empty


def test_claims_chart_draws_intervals_shapes_and_keeps_cumulative_apart():
    t = claims_table(QUANTITIES, RELATIONS, category="ammunition", pair=("PRK", "RUS"), labels=LABELS)
    fig = claims_figure(t, selected="quantity:q2")
    markers = {tr.name: tr for tr in fig.data if tr.mode == "markers"}
    assert markers["per period · up to (upper bound)"].marker.symbol == "triangle-left"
    assert markers["per period · approximately"].marker.symbol == "circle-open"
    assert markers["cumulative · more than (lower bound)"].marker.symbol == "triangle-right"
    assert list(markers["per period · up to (upper bound)"].x) == [9e6]  # drawn at its bound
    assert markers["per period · approximately"].marker.line.color[0] == "#D55E00"  # the selected one
    keys = [k for tr in markers.values() for k in tr.customdata]
    assert sorted(keys) == ["quantity:q1", "quantity:q2", "quantity:q3"]
    cum_rows = list(markers["cumulative · more than (lower bound)"].y)
    assert cum_rows[0].startswith("Σ ") and fig.layout.yaxis.categoryarray[0] == cum_rows[0]  # own band
    bounds = next(tr for tr in fig.data if tr.name == "per period · bounds")
    assert [x for x in bounds.x if x is not None][1] == 9e6  # an upper bound runs from the edge to it
    assert "nothing here is summed" in fig.layout.annotations[-1].text
    empty = claims_figure(t.iloc[0:0])
    assert not empty.data and "No reported figures" in empty.layout.annotations[0].text
