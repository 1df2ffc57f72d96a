"""The evaluation harness: scorers on hand-made gold and predictions, conversions on real parses.

Nothing here reads ../shared: tiny gold sets are written in the tests (a TimeML document, CQE
sentences) and the real spaCy model parses them.
"""

from __future__ import annotations

import json

import pytest

from lib.eval import __main__ as cli
from lib.eval import modern_dev, newsquant, te3
from lib.eval.common import Counts, halves, values_equal
from lib.eval.newsquant import CqeQuantity as Q
from lib.eval.units import cqe_unit
from lib.records import Article

# ---------------------------------------------------------------------------------------------
# NewsQuant: the authors' rule and the strict one-to-one variant


def test_values_equal_follows_cqe_tolerance_and_never_mixes_scalars_with_ranges():
    assert values_equal(9e6, 9000001.0)  # within rel 1e-5
    assert not values_equal(9e6, 9001000.0)
    assert values_equal((10.0, 12.0), (10.0, 12.0))
    assert not values_equal((10.0, 12.0), 10.0)


def test_gold_values_ranges_negatives_and_concepts_are_read_like_the_authors():
    g = newsquant.gold_quantity({"value": "252.0-287.0", "normalized_unit": "Dollar", "change": "~",
                                 "referred_concepts": "line, upper deck"})
    assert g.value == (252.0, 287.0) and g.change == "~" and g.concepts == ("line", "upper", "deck")
    assert newsquant.parse_value("-1.3") == -1.3
    assert newsquant.parse_value("1E-05") == pytest.approx(1e-5)


def test_quirk_two_predictions_of_one_value_count_twice_for_change_but_once_strictly():
    gold = [Q(5.0, "dollar", "="), Q(7.0, "dollar", "=")]
    preds = [Q(5.0, "euro", "="), Q(5.0, "euro", "=")]  # same value, wrong unit: never used up
    authors = newsquant.score_authors([(gold, preds)])
    strict = newsquant.score_strict([(gold, preds)])
    # Authors: the per-sentence budget (2 gold items) lets both predictions count on value, and
    # every visited value-equal prediction counts on change.
    assert authors["value"].tp_gold == 2
    assert authors["value+change"].tp_gold == 2
    assert authors["value+unit"].tp_gold == 0
    assert strict["value"].tp_gold == 1 and strict["value+change"].tp_gold == 1


def test_quirk_value_budget_is_per_sentence_but_change_is_not_capped():
    gold = [Q(5.0, "dollar", "~")]
    preds = [Q(5.0, "euro", "~"), Q(5.0, "yen", "~")]
    authors = newsquant.score_authors([(gold, preds)])
    assert authors["value"].tp_gold == 1  # capped at one gold item
    assert authors["value+change"].tp_gold == 2  # more hits than gold items: the published quirk
    assert newsquant.score_strict([(gold, preds)])["value+change"].tp_gold == 1


def test_a_unit_match_uses_the_prediction_up_under_both_rules():
    gold = [Q(3.0, "metre"), Q(3.0, "metre")]
    preds = [Q(3.0, "metre")]
    for scorer in (newsquant.score_authors, newsquant.score_strict):
        c = scorer([(gold, preds)])["value+unit"]
        assert (c.tp_gold, c.n_pred, c.n_gold) == (1, 1, 2)


def test_precision_and_recall_share_the_denominators_of_all_predictions_and_all_gold():
    sentences = [([Q(1.0, "point")], [Q(1.0, "point"), Q(2.0)]), ([Q(4.0)], [])]
    c = newsquant.score_authors(sentences)["value+unit"]
    assert (c.p, c.r) == (0.5, 0.5)
    none = newsquant.score_authors([([], [])])["value"]
    assert (none.p, none.r, none.f1) == (0.0, 0.0, 0.0)


def test_strict_matching_prefers_the_pair_that_also_agrees_on_unit():
    gold = [Q(5.0, "dollar"), Q(5.0, "percentage")]
    preds = [Q(5.0, "percentage"), Q(5.0, "dollar")]
    assert newsquant.score_strict([(gold, preds)])["value+unit"].tp_gold == 2


def test_concepts_of_gold_dash_match_a_prediction_without_concepts():
    gold = [Q(2.0, "-", "=", ("-",)), Q(3.0, "-", "=", ("tickets",))]
    preds = [Q(2.0), Q(3.0)]
    s = newsquant.score_strict([(gold, preds)])
    assert s["value+concept_partial"].tp_gold == 1 and s["value+concept_complete"].tp_gold == 1


def test_unit_mapping_is_small_and_principled():
    assert cqe_unit("$") == "dollar" and cqe_unit("percent") == "percentage"
    assert cqe_unit(None) == "-" and cqe_unit("  ") == "-"
    assert cqe_unit("km") == "kilometre" and cqe_unit("millimeter") == "millimetre"
    assert cqe_unit("Ballistic Missile") == "ballistic missile"  # counted nouns pass through


def test_our_matches_become_cqe_predictions(nlp):
    from lib.quantities import find_quantities

    doc = nlp("Russian ships delivered as many as 9 million rounds and $5 million in cash.")
    preds = {p.value: p for p in map(newsquant.from_match, find_quantities(doc))}
    rounds = preds[9_000_000.0]
    assert rounds.change == "<" and rounds.unit == "round" and rounds.concepts == ("-",)
    assert preds[5_000_000.0].unit == "dollar"
    gold = [Q(9e6, "round", "="), Q(5e6, "dollar", "=")]
    assert newsquant.score_strict([(gold, list(preds.values()))])["value+unit"].tp_gold == 2


def test_halves_are_odd_and_even_in_file_order_one_based():
    h = halves([1, 2, 3, 4, 5])
    assert h["odd"] == [1, 3, 5] and h["even"] == [2, 4] and h["all"] == [1, 2, 3, 4, 5]


# ---------------------------------------------------------------------------------------------
# TE3: tag stripping, offsets, matching

TML = """<?xml version="1.0" ?><TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Flu season ends</TITLE>
<TEXT>
The flu <EVENT eid="e1">season</EVENT> started <TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> early &amp; \
<EVENT eid="e2">ended</EVENT> on <TIMEX3 tid="t2" type="DATE" value="2013-03-22">Friday</TIMEX3>.
It was the worst since <TIMEX3 tid="t3" type="DATE" value="2009">2009</TIMEX3>.<TIMEX3 tid="t4" type="DATE" value="X"></TIMEX3>
</TEXT>
</TimeML>"""


def test_timeml_tags_are_stripped_with_offsets_into_the_clean_text():
    doc = te3.parse_timeml(TML)
    assert doc.dct == "2013-03-22"
    assert "<" not in doc.text and "& ended" in doc.text  # entities unescaped, tags gone
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("a month", "DURATION", "P1M"), ("Friday", "DATE", "2013-03-22"), ("2009", "DATE", "2009")]


def test_relaxed_strict_and_value_counts():
    doc = te3.parse_timeml(TML)
    friday, year = doc.timexes[1], doc.timexes[2]
    preds = [
        te3.Timex(friday.start - 3, friday.end, "DATE", "2013-03-22"),  # "on Friday": relaxed only
        te3.Timex(year.start, year.end + 1, "DATE", "2008"),  # "2009." strict after trimming, wrong value
        te3.Timex(0, 3, "DATE", "2013"),  # "The": no gold there
    ]
    c = te3.score_doc(doc.text, doc.timexes, preds)
    assert (c.relaxed.tp_gold, c.relaxed.tp_pred, c.relaxed.n_gold, c.relaxed.n_pred) == (2, 2, 3, 3)
    assert (c.strict.tp_gold, c.strict.tp_pred) == (1, 1)
    assert c.value_ok == 1 and c.type_ok == 2
    assert c.value_f1 == pytest.approx(c.relaxed.f1 * 0.5)


def test_overlap_on_spaces_alone_is_no_match():
    text = "Friday  now"
    c = te3.score_doc(text, [te3.Timex(0, 7, "DATE", "x")], [te3.Timex(6, 11, "DATE", "x")])
    assert c.relaxed.tp_gold == 0


def test_our_dates_become_timexes_without_prepositions(nlp):
    doc = te3.parse_timeml(TML)
    preds = te3.predict(doc, nlp)
    by_text = {p.text: p.value for p in preds}
    assert by_text.get("Friday") == "2013-03-22"  # "on" trimmed: a strict match
    assert by_text.get("2009") == "2009"  # "since" trimmed, the open range gives its anchor
    assert by_text.get("a month") == "P1M"  # a duration, typed as one
    c = te3.score_doc(doc.text, doc.timexes, preds)
    assert c.strict.tp_gold == 3 and c.value_ok == 3 and c.type_ok == 3


def test_a_range_gives_one_timex_per_anchor(nlp):
    from lib.dates import find_dates

    text = "The pandemic of 2009-2010 killed 348 children."
    (match,) = [m for m in find_dates(nlp(text), "2013-03-22") if m.value.date_end]
    assert [(t.text, t.value) for t in te3.timexes_from(match, text)] == [("2009", "2009"), ("2010", "2010")]


# ---------------------------------------------------------------------------------------------
# modern_dev: soft items, cues, a real extraction


def test_cues_are_found_across_whitespace_and_gaps():
    text = "Seoul said\non Monday that North Korea had sent troops."
    assert modern_dev.find_cue(text, "said on Monday ... troops") == (6, 53)
    assert modern_dev.find_cue(text, "Tokyo said") is None


def test_soft_items_are_neither_rewarded_nor_penalised():
    c = modern_dev.score_sets({"PRK", "RUS"}, {"CHN"}, {"PRK", "CHN", "USA"})
    assert c == Counts(1, 2, 1, 2)
    m = modern_dev.score_multiset(["2024-10"], ["2024"], ["2024-10", "2024", "2024"])
    assert (m.tp_gold, m.n_pred, m.n_gold) == (1, 2, 1)  # one "2024" excused by the one soft item


def test_quantities_of_a_real_extraction_against_hand_gold(nlp):
    from lib.extract import extract

    text = ("North Korea has sent more than 3 million artillery shells to Russia, Seoul said. "
            "The 152mm shells were shipped in about 6,700 containers. Kyiv says millions of rounds followed.")
    art = Article(id="t1", title="t", text=text, published="2024-02-27")
    ex = extract(nlp(text), art)
    gold = {
        "quantities": [
            {"value": 3000000, "qualifier": "more_than", "category": "ammunition",
             "cue": "more than 3 million artillery shells", "soft": False},
            {"value": 6700, "qualifier": "approx", "category": "containers",
             "cue": "about 6,700 containers", "soft": True},
            {"value": 2000000, "qualifier": "at_least", "category": "ammunition",
             "cue": "millions of rounds", "soft": True},  # excused by its cue, whatever value we read
        ],
        "not_quantities": [{"cue": "152mm shells", "why": "calibre"}],
    }
    q = modern_dev.score_quantities(gold, ex)
    assert q.value.tp_gold == 1 and q.value.n_gold == 1
    assert q.qualifier.tp_gold == 1
    calibre = [x for x in ex.quantities if x.text.startswith("152")]
    assert any(x.text.startswith("millions") for x in ex.quantities)
    assert q.value.n_pred == 1 + len(calibre)  # the soft items count on neither side
    assert q.not_quantity_hits == len(calibre)


# ---------------------------------------------------------------------------------------------
# The command


def test_missing_shared_is_a_report_not_a_failure(tmp_path, capsys):
    assert cli.main(["all", "--shared", str(tmp_path / "nowhere")]) == 0
    assert "benchmarks not found at" in capsys.readouterr().out


def test_the_command_prints_tables_from_a_tiny_shared_dir(tmp_path, capsys):
    tml = tmp_path / "benchmarks" / "te3-platinum"
    tml.mkdir(parents=True)
    (tml / "a.tml").write_text(TML, encoding="utf-8")
    nq = tmp_path / "benchmarks" / "newsquant"
    nq.mkdir()
    sentences = [{"text": "Tickets cost $6 each.", "quantities": [
        {"change": "=", "value": "6.0", "unit": "$", "normalized_unit": "dollar", "referred_concepts": "Tickets"}]}]
    (nq / "NewsQuant.json").write_text(json.dumps(sentences), encoding="utf-8")
    (nq / "published_scores_NewsQuant.tsv").write_text(
        "\tP\tR\tF1\tmodel\ttype\n0\t92.0\t91.9\t92.0\tCQE-Numparser\tvalue\n", encoding="utf-8")
    for name in newsquant.RT_SETS:
        (nq / f"{name}-model.json").write_text("[]", encoding="utf-8")
    assert cli.main(["all", "--shared", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "TE3-Platinum" in out and "HeidelTime-t" in out and "77.61" in out
    value_row = next(line for line in out.splitlines() if line.startswith("value ") and "92.0" in line)
    assert value_row.split()[1:4] == ["100.0", "100.0", "100.0"]  # "$6" found, unit "dollar"
    assert "modern_dev not found" in out
