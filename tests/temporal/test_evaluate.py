"""Tests for timeline.temporal.evaluate: TempEval-3 Task A scoring on hand-made pairs.

Every expected count below was worked out by hand from the spans and values, not by running
the scorer.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from tests.shared_data import TIMEML_DEV, needs
from timeline.errors import TimelineError
from timeline.temporal.evaluate import (
    Counts,
    Evaluation,
    evaluate,
    format_errors,
    format_table,
    match_relaxed,
    prf,
    score_document,
    to_json,
    value_difference,
)
from timeline.temporal.model import Timex
from timeline.temporal.timeml import parse_timeml, read_timeml_dir

TEXT = ("On Monday, March 3, 2014 the talks began; they lasted two weeks "
        "and ended last Friday at noon.")


def span(start: int, end: int, type_: str, value: str) -> Timex:
    return Timex(start, end, TEXT[start:end], type_, value)


GOLD = [
    span(3, 9, "DATE", "2014-03-03"),  # G1 Monday
    span(11, 24, "DATE", "2014-03-03"),  # G2 March 3, 2014
    span(54, 63, "DURATION", "P2W"),  # G3 two weeks
    span(74, 85, "DATE", "2014-02-28"),  # G4 last Friday
    span(89, 93, "TIME", "2014-02-28T12:00"),  # G5 noon
]
SYSTEM = [
    span(3, 24, "DATE", "2014-03-03"),  # S1 overlaps G1 and G2, can take only one: G2 (larger)
    span(54, 63, "DURATION", "P14D"),  # S2 strict with G3, wrong value
    span(79, 85, "DATE", "2014-03-07"),  # S3 relaxed with G4, wrong value
    span(89, 93, "DATE", "2014-02-28T12:00"),  # S4 strict with G5, right value, wrong type
    span(29, 34, "DATE", "PRESENT_REF"),  # S5 "talks" spurious
]


def test_spans_in_fixture_are_what_the_comments_say():
    assert [t.text for t in GOLD] == ["Monday", "March 3, 2014", "two weeks", "last Friday",
                                      "noon"]
    assert [t.text for t in SYSTEM] == ["Monday, March 3, 2014", "two weeks", "Friday", "noon",
                                        "talks"]


def test_all_types_counts():
    score = score_document("d", TEXT, GOLD, SYSTEM)
    # Not one-to-one: all 5 gold overlap some system timex (G1 and G2 both overlap S1);
    # 4 system timexes overlap some gold one (not S5).
    assert score.counts["all"] == Counts(gold=5, system=5, strict=2, relaxed=4, value=2,
                                         notation=2, type=3, gold_overlapping=5,
                                         system_overlapping=4)


def test_date_time_subset_restricts_both_sides():
    # Gold without G3 (DURATION): 4. System without S2 (DURATION): 4.
    # strict: S4=G5. relaxed: S1-G2, S3-G4, S4-G5. value: S1-G2, S4-G5. type: S1, S3.
    # Any overlap: gold G1, G2, G4, G5 (4); system S1, S3, S4 (3).
    score = score_document("d", TEXT, GOLD, SYSTEM)
    assert score.counts["date_time"] == Counts(gold=4, system=4, strict=1, relaxed=3, value=2,
                                               notation=2, type=2, gold_overlapping=4,
                                               system_overlapping=3)


def test_figures_from_counts():
    figures = Counts(gold=5, system=5, strict=2, relaxed=4, value=2, type=3).figures()
    assert figures["strict_f1"] == pytest.approx(0.4)
    assert figures["relaxed_p"] == pytest.approx(0.8)
    assert figures["relaxed_r"] == pytest.approx(0.8)
    assert figures["value_f1"] == pytest.approx(0.4)
    assert figures["value_accuracy"] == pytest.approx(0.5)
    assert figures["type_accuracy"] == pytest.approx(0.75)
    figures = Counts(gold=5, system=5, gold_overlapping=5, system_overlapping=4).figures()
    # P 4/5, R 5/5 -> F1 = 2 * .8 * 1 / 1.8
    assert figures["any_overlap_f1"] == pytest.approx(1.6 / 1.8)
    # Unequal sides: 3 correct of 4 proposed, 6 to find -> P .75, R .5, F1 .6
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))


def test_nothing_proposed_scores_zero_not_a_division_error():
    figures = Counts(gold=3).figures()
    assert figures["relaxed_p"] == figures["relaxed_f1"] == figures["value_accuracy"] == 0.0


def test_error_listing_kinds_in_text_order():
    score = score_document("d", TEXT, GOLD, SYSTEM)
    listed = [(e.kind, e.gold.text if e.gold else None, e.system.text if e.system else None)
              for e in score.errors["all"]]
    assert listed == [
        ("miss", "Monday", None),
        ("spurious", None, "talks"),
        ("wrong value", "two weeks", "two weeks"),
        ("wrong value", "last Friday", "Friday"),
        ("wrong type", "noon", "noon"),
    ]
    assert "[Monday]" in score.errors["all"][0].context
    summary = format_errors(Evaluation([score]), "all").splitlines()[0]
    assert summary == "5 errors (all types): 1 miss, 1 spurious, 2 wrong value, 1 wrong type"
    line = score.errors["all"][3].describe()
    assert "2014-02-28" in line and "2014-03-07" in line and line.startswith("d: wrong value")


def test_relaxed_matching_is_one_to_one_and_maximum():
    # Gold A 0-10, B 12-20; system X 5-15 overlaps both, Y 0-3 overlaps only A.
    # A prefers X (overlap 5 > 3), but the maximum matching is A-Y, B-X.
    gold = [Timex(0, 10, "", "DATE", "1"), Timex(12, 20, "", "DATE", "2")]
    system = [Timex(5, 15, "", "DATE", "1"), Timex(0, 3, "", "DATE", "1")]
    assert match_relaxed(gold, system) == [(0, 1), (1, 0)]


def test_touching_spans_do_not_overlap():
    gold = [Timex(0, 5, "", "DATE", "x")]
    system = [Timex(5, 9, "", "DATE", "x")]
    assert match_relaxed(gold, system) == []


def test_notation_variants_count_apart_from_value():
    # "1968" gold 1968-XX / system 1968: wrong value, same value up to spelling.
    # "this week" gold 2000-W7 / system 2000-W07: likewise. "1990s" gold 199X / system 198:
    # a different decade, wrong either way. 3 pairs: value 0, notation 2.
    text = "In 1968, this week, the 1990s."
    gold = [Timex(3, 7, "1968", "DATE", "1968-XX"), Timex(9, 18, "this week", "DATE", "2000-W7"),
            Timex(24, 29, "1990s", "DATE", "199X")]
    system = [Timex(3, 7, "1968", "DATE", "1968"), Timex(9, 18, "this week", "DATE", "2000-W07"),
              Timex(20, 29, "the 1990s", "DATE", "198")]
    counts = score_document("d", text, gold, system).counts["all"]
    assert (counts.relaxed, counts.value, counts.notation) == (3, 0, 2)
    assert counts.figures()["notation_f1"] == pytest.approx(2 / 3)
    evaluation = Evaluation()
    evaluation.documents.append(score_document("d", text, gold, system))
    assert "value F1 66.7 with annotators' spelling variants equated" in format_table(evaluation)


def test_duplicate_system_span_counts_once():
    gold = [Timex(0, 5, "", "DATE", "x")]
    system = [Timex(0, 5, "", "DATE", "x"), Timex(0, 5, "", "DATE", "x")]
    counts = score_document("d", "abcdefg", gold, system).counts["all"]
    assert counts == Counts(gold=1, system=2, strict=1, relaxed=1, value=1, notation=1, type=1,
                            gold_overlapping=1, system_overlapping=2)


DOC = """<TimeML><DOCID>D</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-06-15"
 functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" value="2014-06-14">Saturday</TIMEX3> after <TIMEX3
 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>"""


def test_evaluate_tags_with_the_dct_as_anchor_and_micro_averages():
    anchors = []

    def half_right_tagger(text, anchor=None, *, dayfirst=False):
        # Finds "Saturday" with the right value and nothing else.
        anchors.append(anchor)
        start = text.index("Saturday")
        return [Timex(start, start + 8, "Saturday", "DATE", "2014-06-14")]

    docs = [parse_timeml(DOC), parse_timeml(DOC.replace("<DOCID>D", "<DOCID>E"))]
    evaluation = evaluate(docs, half_right_tagger)
    assert anchors == [dt.date(2014, 6, 15)] * 2
    # Two documents, each 2 gold / 1 system / 1 exact match with the right value.
    assert evaluation.total("all") == Counts(gold=4, system=2, strict=2, relaxed=2, value=2,
                                             notation=2, type=2, gold_overlapping=2,
                                             system_overlapping=2)
    assert evaluation.total("date_time") == Counts(gold=2, system=2, strict=2, relaxed=2,
                                                   value=2, notation=2, type=2,
                                                   gold_overlapping=2, system_overlapping=2)
    assert [e.kind for e in evaluation.errors("all")] == ["miss", "miss"]
    table = format_table(evaluation)
    # all types: value P 2/2=100.0, R 2/4=50.0, F1 66.7
    assert "value          100.0    50.0    66.7" in table
    data = json.loads(to_json(evaluation, errors=True))
    assert data["total"]["date_time"]["value_f1"] == 1.0
    assert [e["gold"]["text"] for e in data["errors"]["all"]] == ["three days", "three days"]


def test_a_tagger_bug_names_the_document_instead_of_a_traceback():
    def broken_tagger(text, anchor=None, *, dayfirst=False):
        raise ValueError("Invalid isoformat string: '2013-02-22TAF'")

    with pytest.raises(TimelineError) as caught:
        evaluate([parse_timeml(DOC)], broken_tagger)
    message = str(caught.value)
    assert "D" in message and "internal tagger error ValueError" in message
    assert "please report this input" in message


DEV = TIMEML_DEV


@needs(DEV)
def test_perturbed_gold_on_the_dev_set_scores_as_derived():
    docs = read_timeml_dir(DEV)
    n_gold = sum(len(d.timexes) for d in docs)
    by_text = {d.text: d.timexes for d in docs}

    def oracle(text, anchor=None, *, dayfirst=False):
        return list(by_text[text])

    def shifted_values(text, anchor=None, *, dayfirst=False):
        return [replace(t, value=t.value + "X") for t in by_text[text]]

    def trimmed(text, anchor=None, *, dayfirst=False):
        # One character off the end of every span longer than one: overlapping, never identical.
        return [replace(t, end=t.end - 1, text=t.text[:-1]) if len(t.text) > 1 else t
                for t in by_text[text]]

    total = evaluate(docs, oracle).total("all")
    assert (total.gold, total.system, total.strict, total.relaxed, total.value) == (n_gold,) * 5
    total = evaluate(docs, shifted_values).total("all")
    assert (total.relaxed, total.value, total.type) == (n_gold, 0, n_gold)
    singles = sum(len(t.text) == 1 for d in docs for t in d.timexes)
    total = evaluate(docs, trimmed).total("all")
    assert (total.strict, total.relaxed, total.value) == (singles, n_gold, n_gold)
    assert evaluate(docs, lambda text, anchor=None, dayfirst=False: []).total("all").figures()[
        "relaxed_f1"] == 0.0


@pytest.mark.parametrize(("gold", "system", "difference"), [
    ("1968-XX", "1968", "notation"),
    ("1998-XX-XX", "1998", "notation"),
    ("199X", "199", "notation"),
    ("2000-W7", "2000-W07", "notation"),
    ("1998", "1998-10", "granularity"),
    ("1999-02-04", "1999-02-04TNI", "granularity"),
    ("1998-10", "1998-W43", "granularity"),  # week 43 of 1998 is 19-25 October
    ("1998-10", "1998-W44", "other"),  # 26 October - 1 November crosses the month
    ("1990-08-07", "1990-08-14", "7 days"),
    ("1998-W08", "1998-W09", "7 days"),
    ("2000-04-05", "2000-04-04", "1 day"),
    ("1997-08-06", "1998-08-06", "1 year"),
    ("1997-12", "1998-12", "1 year"),
    ("P1W", "1998-W33", "kind"),
    ("PAST_REF", "PXM", "kind"),
    ("P6D", "P6M", "other"),
    ("1989-11-27", "1989-09-27", "other"),
])
def test_value_difference(gold, system, difference):
    assert value_difference(gold, system) == difference
