"""The Timeline on a big store: beyond a limit it draws counts per lane and period, and says so."""

from __future__ import annotations

import pandas as pd

from lib.figures_time import MAX_LANES, timeline_density_figure, timeline_figure

BASE = {"claimant": None, "modality": "asserted", "outlet": "Wire", "published": "2024-06-30",
        "date_end": None, "open_end": False, "date_text": "x", "sentence": "s"}


def events(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**BASE, "id": f"e{i}", "article_id": f"a{i}", **r} for i, r in enumerate(rows)])


def cells(fig) -> dict[tuple[str, str], int]:
    """(lane label, period start) → count, as drawn."""
    trace = fig.data[0]
    return {(y, x): int(n.replace(",", "")) for x, y, n in zip(trace.x, trace.y, trace.text, strict=True)}


def test_more_events_than_the_limit_are_counted_per_lane_and_day_not_drawn_one_by_one():
    rows = [
        {"date": "2024-03-01", "precision": "day", "action": "supply", "actors": ["PRK", "RUS"]},
        {"date": "2024-03-01", "precision": "day", "action": "supply", "actors": ["PRK", "PRK"]},
        {"date": "2024-03-05", "precision": "day", "action": "meet", "actors": []},
        {"date": "2024-03", "precision": "month", "action": "meet", "actors": ["RUS"]},  # counted on its 1st
        {"date": "garbled", "precision": "day", "action": "meet", "actors": ["RUS"]},  # no readable date
    ]
    df = events(*rows)
    detailed = timeline_figure(df, labels={"PRK": "North Korea"})
    assert {t.type for t in detailed.data} == {"scatter", "bar"} and len(detailed.data) > 1
    fig = timeline_figure(df, labels={"PRK": "North Korea"}, max_events=3)
    assert len(fig.data) == 1 and fig.data[0].marker.symbol == "square"
    assert cells(fig) == {
        ("North Korea (2)", "2024-03-01"): 2,  # an actor named twice in one event counts once
        ("RUS (2)", "2024-03-01"): 2,
        ("(no actor named) (1)", "2024-03-05"): 1,
    }
    note = " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations)  # wrapped lines
    assert "Counts, not single events: 5 events are more than 3" in note and "Per day" in note
    assert "1 event(s) with no readable date" in note and "the table lists every one" in note
    by_action = cells(timeline_density_figure(df, lane="action", limit=3))
    assert by_action == {("supply (2)", "2024-03-01"): 2, ("meet (2)", "2024-03-01"): 1,
                         ("meet (2)", "2024-03-05"): 1}


def test_counts_keep_the_busiest_lanes_say_how_many_are_left_and_escape_names():
    rows = [{"date": "2024-01-02", "precision": "day", "action": "meet", "actors": [f"<b>A{i}</b>"]}
            for i in range(MAX_LANES + 3) for _ in range(i + 1)]
    fig = timeline_density_figure(events(*rows), limit=10)
    lanes = list(fig.layout.yaxis.categoryarray)
    assert len(lanes) == MAX_LANES and lanes[-1].startswith(f"&lt;b&gt;A{MAX_LANES + 2}&lt;/b&gt;")
    assert not any("<b>" in y for y in fig.data[0].y)  # names from articles never render as markup
    assert "3 not" in " ".join(a.text for a in fig.layout.annotations)


def test_periods_widen_with_the_span_of_dates_and_the_axis_opens_on_the_bulk():
    days = pd.date_range("2020-01-01", "2023-12-31", freq="3D").strftime("%Y-%m-%d")
    rows = [{"date": d, "precision": "day", "action": "meet", "actors": ["RUS"]} for d in days]
    rows += [{"date": "1950-05-05", "precision": "day", "action": "meet", "actors": ["RUS"]}]
    fig = timeline_density_figure(events(*rows), limit=10)
    assert "Per week" in fig.layout.annotations[0].text  # four years: weeks, not days
    assert sum(cells(fig).values()) == len(rows)  # every event counted, the outlier too
    assert all(pd.Timestamp(x).day_of_week == 0 for x in fig.data[0].x)  # weeks start on Monday
    assert fig.layout.xaxis.range[0] > "2019"  # the axis opens on the bulk, zooming out shows 1950
