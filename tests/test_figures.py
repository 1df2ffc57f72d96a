"""Figures: what is drawn, checked on fig.data / fig.layout (shapes per qualifier, bars per precision...)."""

from __future__ import annotations

import pandas as pd

from lib.figures import ACTION_COLOURS, hover_text, network_figure, quantities_figure, timeline_figure
from lib.figures_time import MAX_LANES, MAX_POINTS
from lib.graph import build_graph, layout
from lib.highlight import Mark, highlight_html, md_escape

BASE = {"claimant": None, "modality": "asserted", "outlet": "Irish Examiner", "published": "2025-05-30"}


def quantities(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                **BASE,
                "unit": "round",
                "category": "ammunition",
                "date": "2024",
                "date_end": None,
                "precision": "year",
                "open_end": False,
                "cumulative": False,
                "sentence": "s",
                **r,
            }
            for r in rows
        ]
    )


def test_each_qualifier_has_its_marker_and_bounds_are_never_bars():
    df = quantities(
        {"text": "9 million rounds", "value": 9e6, "low": 9e6, "high": 9e6, "qualifier": "exact"},
        {"text": "at least 100", "value": 100, "low": 100, "high": None, "qualifier": "at_least"},
        {"text": "more than 11,000", "value": 11000, "low": 11000, "high": None, "qualifier": "more_than"},
        {"text": "as many as 9 million", "value": 9e6, "low": None, "high": 9e6, "qualifier": "up_to"},
        {"text": "about 500", "value": 500, "low": None, "high": None, "qualifier": "approx"},
    )
    fig = quantities_figure(df)
    symbols = {t.name.split(" · ")[1]: t.marker.symbol for t in fig.data}
    assert symbols == {
        "exact": "circle",
        "at least (lower bound)": "triangle-up",
        "more than (lower bound)": "triangle-up",
        "up to (upper bound)": "triangle-down",
        "approximately": "circle-open",
    }
    assert all(t.type == "scatter" for t in fig.data)  # no bar traces at all
    up_to = next(t for t in fig.data if "up to" in t.name)
    assert list(up_to.y) == [9e6]  # drawn at its bound


def test_range_is_a_vertical_segment_from_low_to_high():
    df = quantities(
        {
            "text": "11,000 to 12,000 troops",
            "value": 11000,
            "low": 11000,
            "high": 12000,
            "qualifier": "range",
            "category": "troops",
        }
    )
    (trace,) = quantities_figure(df).data
    assert trace.mode == "lines+markers" and list(trace.y) == [11000, 12000, None]
    assert trace.x[0] == trace.x[1] and trace.x[2] is None


def test_x_is_own_date_else_published_and_hover_says_which():
    df = quantities(
        {"text": "dated", "value": 1, "low": 1, "high": 1, "qualifier": "exact"},
        {
            "text": "undated",
            "value": 2,
            "low": 2,
            "high": 2,
            "qualifier": "exact",
            "date": None,
            "precision": None,
        },
    )
    (trace,) = quantities_figure(df).data
    assert list(trace.x) == ["2024-07-01", "2025-05-30"]
    assert "date in text" in trace.hovertext[0] and "article published" in trace.hovertext[1]


def test_log_toggle_title_and_subtitle():
    df = quantities({"text": "x", "value": 5, "low": 5, "high": 5, "qualifier": "exact"})
    fig = quantities_figure(df, log=True, subtitle="Russia · all dates")
    assert fig.layout.yaxis.type == "log" and fig.layout.title.subtitle.text == "Russia · all dates"
    assert quantities_figure(df, log=False).layout.yaxis.type == "linear"
    assert fig.layout.plot_bgcolor == "white"


def test_quantity_without_any_date_is_noted_not_silently_dropped():
    df = quantities(
        {
            "text": "x",
            "value": 5,
            "low": 5,
            "high": 5,
            "qualifier": "exact",
            "date": None,
            "precision": None,
            "published": None,
        }
    )
    fig = quantities_figure(df)
    assert not fig.data and "listed in the table only" in fig.layout.annotations[0].text


def events(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                **BASE,
                "date_end": None,
                "open_end": False,
                "action": None,
                "actors": ["PRK"],
                "date_text": "then",
                "sentence": "s",
                **r,
            }
            for r in rows
        ]
    )


def test_timeline_day_is_point_month_is_bar_open_range_is_hatched_to_publication():
    df = events(
        {"date": "2024-03-14", "precision": "day", "action": "veto", "actors": ["RUS"]},
        {"date": "2024-10", "precision": "month", "action": "deploy"},
        {
            "date": "2024-10",
            "precision": "month",
            "action": "deploy",
            "open_end": True,
            "date_text": "since October 2024",
        },
    )
    fig = timeline_figure(df, labels={"PRK": "North Korea", "RUS": "Russia"})
    bar = next(t for t in fig.data if t.type == "bar")
    assert bar.orientation == "h" and list(bar.base) == ["2024-10-01", "2024-10-01"]
    day_ms = 86_400_000
    assert list(bar.x) == [
        31 * day_ms,
        (pd.Timestamp("2025-05-31") - pd.Timestamp("2024-10-01")).days * day_ms,
    ]
    assert list(bar.marker.pattern.shape) == ["", "/"]
    point = next(t for t in fig.data if t.type == "scatter" and t.name == "veto")
    assert list(point.x) == ["2024-03-14"] and list(point.y) == ["Russia"]
    opened = next(t for t in fig.data if t.name.startswith("open range"))
    assert list(opened.x) == ["2025-05-30"] and opened.marker.symbol == "triangle-right"


def test_timeline_lanes_by_action_and_by_actor():
    df = events({"date": "2024", "precision": "year", "action": "supply", "actors": ["PRK", "RUS"]})
    by_actor = timeline_figure(df).data[0]
    assert sorted(by_actor.y) == ["PRK", "RUS"]  # one bar per actor lane
    assert list(timeline_figure(df, lane="action").data[0].y) == ["supply"]


def test_timeline_draws_the_busiest_lanes_and_says_how_many_are_hidden():
    # Actor A0 has 1 event, A1 2, ... so the busiest lanes are the highest-numbered ones.
    rows = [{"id": f"e{i}-{k}", "date": "2024", "precision": "year", "action": "meet", "actors": [f"A{i}"]}
            for i in range(MAX_LANES + 5) for k in range(i + 1)]
    fig = timeline_figure(events(*rows), selected="event:e0-0")
    lanes = {y for t in fig.data if t.y is not None for y in t.y}
    assert len(lanes) == MAX_LANES + 1  # the busiest lanes plus the selected event's own lane
    assert "A0" in lanes and f"A{MAX_LANES + 4}" in lanes and "A1" not in lanes
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "4 more lane(s) hidden" in notes


RELATIONS = pd.DataFrame(
    {
        "id": ["r1", "r2", "r3", "r4", "r5"],
        "article_id": ["a", "a", "b", "b", "b"],
        "source": ["PRK", "PRK", "RUS", "CHN", "IRN"],
        "target": ["RUS", "RUS", "PRK", "USA", "RUS"],
        "action": ["transfer", "transfer", "supply", "veto", "supply"],
        "object": ["missiles", "shells", "oil", None, "drones"],
        "sentence": [
            "<script>alert(1)</script> North Korea sent missiles.",
            "It sent shells.",
            "Oil.",
            "Veto.",
            "Drones.",
        ],
    }
)


def test_graph_counts_and_centrality():
    g = build_graph(RELATIONS, labels={"PRK": "North Korea"})
    assert g["PRK"]["RUS"]["transfer"]["count"] == 2 and g.number_of_edges() == 4
    assert g.nodes["PRK"]["label"] == "North Korea"
    assert g.nodes["RUS"]["centrality"] > g.nodes["CHN"]["centrality"]
    assert layout(g, seed=3) == layout(g, seed=3)  # same graph, same picture


def test_network_edges_coloured_by_action_with_escaped_hover():
    g = build_graph(RELATIONS)
    fig = network_figure(g, layout(g), subtitle="all actors")
    edge_traces = {t.name: t for t in fig.data if t.name in ACTION_COLOURS}
    assert set(edge_traces) == {"transfer", "supply", "veto"}
    assert {n: t.marker.color for n, t in edge_traces.items()} == {a: ACTION_COLOURS[a] for a in edge_traces}
    arrows = {a.arrowcolor for a in fig.layout.annotations if a.showarrow}
    assert arrows == {ACTION_COLOURS[a] for a in ("transfer", "supply", "veto")}
    hover = edge_traces["transfer"].hovertext[0]
    assert "&lt;script&gt;" in hover and "<script>" not in hover and "Reported 2×" in hover
    nodes = fig.data[-1]
    assert "degree centrality" in nodes.name and max(nodes.marker.size) > min(nodes.marker.size)


def test_empty_inputs_give_titled_empty_figures():
    for fig in (
        quantities_figure(pd.DataFrame()),
        timeline_figure(pd.DataFrame()),
        network_figure(build_graph(pd.DataFrame()), {}),
    ):
        assert fig.layout.title.text and not fig.data


def test_hover_text_escapes_and_wraps():
    assert hover_text("<img src=x onerror=alert(1)>", width=200) == "&lt;img src=x onerror=alert(1)&gt;"
    assert hover_text("a " * 50, width=20).count("<br>") >= 4


def test_highlight_escapes_every_piece():
    text = "<b>Russia</b> sent **100** missiles [x](javascript:alert(1))"
    marks = [
        Mark(3, 9, "actor", 'RUS" onmouseover="x'),
        Mark(text.index("100"), text.index("100") + 3, "quantity"),
    ]
    out = highlight_html(text, marks)
    assert out.startswith(
        '&lt;b&gt;<mark class="dx-actor" title="RUS&quot; onmouseover=&quot;x">Russia</mark>'
    )
    assert "<b>" not in out and '**<mark class="dx-quantity" title="">100</mark>**' in out
    assert md_escape("**bold** [x](javascript:alert(1))") == r"\*\*bold\*\* \[x\]\(javascript\:alert\(1\)\)"


def test_a_crowded_trace_draws_the_largest_points_and_says_so():
    n = MAX_POINTS + 50
    df = quantities(
        *(
            {"id": f"q{i}", "article_id": "a", "start": 0, "end": 1, "text": f"{i} rounds",
             "value": float(i), "low": float(i), "high": float(i), "qualifier": "exact"}
            for i in range(n)
        )
    )
    fig = quantities_figure(df, selected="quantity:q3")
    drawn = [k for trace in fig.data for k in trace.customdata]
    # the MAX_POINTS largest values, plus the selected small one; every row stays in the table
    assert len(drawn) == MAX_POINTS + 1 and "quantity:q3" in drawn and f"quantity:q{n - 1}" in drawn
    assert "quantity:q10" not in drawn
    words = " ".join(a.text for a in fig.layout.annotations)
    assert f"{MAX_POINTS + 1:,} of {n:,} quantities" in words and "table lists every one" in words


def test_a_long_note_is_wrapped_to_the_chart_and_escaped():
    """Plotly never wraps an annotation: the note breaks its own lines, and article words stay text."""
    import html

    import plotly.graph_objects as go

    from lib.figure_style import NOTE_WIDTH, note

    fig = go.Figure()
    words = "Counts <b>not</b> single events, " * 12
    note(fig, words)
    lines = fig.layout.annotations[0].text.split("<br>")
    assert len(lines) > 2 and all(len(html.unescape(line)) <= NOTE_WIDTH for line in lines)
    assert "&lt;b&gt;not&lt;/b&gt;" in lines[0] and "<b>" not in fig.layout.annotations[0].text
    assert fig.layout.margin.b >= 76 + 15 * len(lines)
