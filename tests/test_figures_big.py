"""The big-store paths of the Quantities and Network views, as pure functions: the quantity hovers'
fast wrapping, one outline colour per trace unless it holds the selection, and the actors the
Network's focus picker offers."""

from __future__ import annotations

import html

import pandas as pd
from test_figures import quantities

from lib.actors import expand_group
from lib.figure_style import hover_text
from lib.figures import quantities_figure
from lib.figures_quantities import wrap as _wrap
from lib.figures_time import HIGHLIGHT
from lib.graph import network_actors

SENTENCES = [
    "",
    "short & <b>sweet</b>",
    "North Korea shipped more than 1,000,000 artillery shells to Russia, according to <South Korean> "
    "intelligence, an increase on the 500,000 reported in 2023 by the \"Defence Ministry\".",
    "word " * 40,
    "a\tsentence\nwith odd   whitespace and a verylongwordthatismorethaneightycharacterslongxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.",
]


def test_fast_wrap_escapes_keeps_every_word_and_breaks_lines_like_hover_text():
    for s in SENTENCES:
        out = _wrap(s)
        assert "<" not in out.replace("<br>", "") and ">" not in out.replace("<br>", "")  # all escaped
        lines = out.split("<br>")
        words = [w for line in lines for w in html.unescape(line).split()]
        assert words == s.split()  # nothing dropped, nothing reordered
        assert all(len(html.unescape(line)) <= 80 or " " not in html.unescape(line) for line in lines)
        if all(len(w) <= 80 and "-" not in w for w in s.split()):  # textwrap also breaks at hyphens
            assert [" ".join(x.split()) for x in lines] == [" ".join(x.split()) for x in hover_text(s).split("<br>")]
    assert _wrap(None) == "" and _wrap(float("nan")) == ""


def crowd(n: int) -> pd.DataFrame:
    return quantities(
        *(
            {"id": f"q{i}", "article_id": f"a{i % 7}", "start": 0, "end": 1, "text": f"{i} <rounds>",
             "value": float(i + 1), "low": float(i + 1), "high": float(i + 1),
             "qualifier": "exact" if i % 3 else "at_least", "sentence": f"Sentence {i} <i>quoted</i>."}
            for i in range(n)
        )
    )


def test_quantity_traces_use_one_outline_colour_unless_they_hold_the_selection():
    df = crowd(30)
    plain = quantities_figure(df)
    assert all(isinstance(t.marker.line.color, str) and t.marker.line.width == 2 for t in plain.data)
    chosen = quantities_figure(df, selected="quantity:q4")
    (mine,) = [t for t in chosen.data if "quantity:q4" in list(t.customdata)]
    colours = list(mine.marker.line.color)
    i = list(mine.customdata).index("quantity:q4")
    assert colours[i] == HIGHLIGHT and list(mine.marker.line.width)[i] == 4
    assert all(c != HIGHLIGHT for j, c in enumerate(colours) if j != i)
    others = [t for t in chosen.data if t is not mine]
    assert others and all(isinstance(t.marker.line.color, str) for t in others)


def test_quantity_hovers_and_keys_survive_the_numpy_arrays():
    fig = quantities_figure(crowd(12))
    spec = fig.to_plotly_json()
    keys = [k for t in spec["data"] for k in t["customdata"]]
    assert sorted(keys) == sorted(f"quantity:q{i}" for i in range(12))
    hovers = [h for t in spec["data"] for h in t["hovertext"]]
    assert len(hovers) == 12 and all("&lt;rounds&gt;" in h and "<i>Sentence" in h for h in hovers)
    assert all("&lt;i&gt;quoted&lt;/i&gt;" in h for h in hovers)  # the article's markup stays text
    assert {x for t in spec["data"] for x in t["x"]} == {"2024-07-01"}
    assert {t["mode"] for t in spec["data"]} == {"markers"}  # no Σ: no text element per point
    summed = crowd(3).assign(cumulative=[True, False, False])
    modes = {t.name: (t.mode, list(t.text)) for t in quantities_figure(summed).data}
    assert sorted(modes.values()) == [("markers", ["", ""]), ("markers+text", ["Σ"])]


def test_network_actors_are_the_relation_endpoints_and_group_members_most_connected_first():
    rel = pd.DataFrame(
        {"source": ["PRK", "RUS", "PRK", "MSMT", None], "target": ["RUS", "UKR", "RUS", "PRK", "IRN"]}
    )
    out = network_actors(rel)
    assert out[:2] == ["PRK", "RUS"]  # 4 and 3 relations
    assert set(out[2:5]) == {"MSMT", "UKR", "IRN"} and out[2:5] == sorted(out[2:5])  # ties by id
    members = set(expand_group("MSMT")) - {"MSMT"}
    assert members and members <= set(out) and len(out) == len(set(out))
    assert network_actors(rel.iloc[:0]) == [] and network_actors(None) == []
