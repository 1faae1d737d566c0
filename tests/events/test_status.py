"""Status of events: reported (past as of the source) or expected (ahead of it)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.eventfactory import article, event
from timeline.events.merge import merge_events
from timeline.events.status import assign_status, has_future_cue, status_label

SUNDAY = dt.date(2014, 6, 15)
WSJ = article("wsj", SUNDAY, "The Wall Street Journal")
WEDNESDAY = article("wed", dt.date(2014, 6, 18), "Reuters")
UNDATED = article("undated", None, "Unknown")


def test_event_after_publication_is_expected_as_of_that_day():
    vienna = event(WSJ, "American and Iranian diplomats will convene starting Monday in Vienna.",
                   "Monday", "2014-06-16")
    assign_status(vienna)
    assert vienna.status == "expected"
    assert vienna.status_as_of == SUNDAY
    assert status_label(vienna) == "expected, as of 15 June 2014"


def test_a_deadline_ahead_is_expected():
    deadline = event(WSJ, "The partners have set a July 20 deadline to reach an agreement.",
                     "July 20", "2014-07-20")
    assert assign_status(deadline).status == "expected"


def test_event_before_publication_is_reported():
    call = event(WSJ, "Kerry spoke to Zebari in a phone call on Saturday.", "on Saturday",
                 "2014-06-14")
    assign_status(call)
    assert call.status == "reported" and call.status_as_of is None
    assert status_label(call) == "reported"


def test_past_event_stays_reported_even_with_future_wording():
    missed = event(WSJ, "Talks that will be remembered ended in 2003.", "2003", "2003")
    assert assign_status(missed).status == "reported"


def test_period_holding_the_publication_day_is_decided_by_wording():
    ahead = event(WEDNESDAY, "The dialogue is expected to begin this week.", "this week",
                  "2014-W25")
    done = event(WEDNESDAY, "The dialogue began this week in Geneva.", "this week", "2014-W25")
    assert assign_status(ahead).status == "expected"
    assert assign_status(done).status == "reported"


def test_one_source_reporting_it_as_past_makes_the_event_reported():
    before = event(WSJ, "Diplomats will meet in Vienna on Tuesday for a new round of talks.",
                   "on Tuesday", "2014-06-17")
    after = event(WEDNESDAY, "Diplomats met in Vienna on Tuesday for a new round of talks.",
                  "on Tuesday", "2014-06-17")
    merged = merge_events([before, after])
    assert len(merged) == 1
    assert assign_status(merged[0]).status == "reported"


def test_expected_as_of_the_latest_source_still_looking_ahead():
    first = event(WSJ, "Diplomats will meet in Vienna on July 2 for a new round of talks.",
                  "July 2", "2014-07-02")
    second = event(WEDNESDAY, "Diplomats will meet in Vienna on July 2 for a new round of talks.",
                   "July 2", "2014-07-02")
    merged = merge_events([first, second])[0]
    assign_status(merged)
    assert merged.status == "expected" and merged.status_as_of == dt.date(2014, 6, 18)


def test_undated_source_relies_on_wording_alone():
    planned = event(UNDATED, "The summit is scheduled for 2020 in Paris.", "2020", "2020")
    assign_status(planned)
    assert planned.status == "expected" and planned.status_as_of is None
    assert status_label(planned) == "expected"


# --- the clause that holds the date decides, not a "will" elsewhere in the sentence ---------

MIDWEEK = article("midweek", dt.date(2021, 3, 3), "Harbour Post")  # a Wednesday


def status_of(source, sentence: str, expression: str, value: str) -> str:
    return assign_status(event(source, sentence, expression, value)).status


def test_a_relative_clause_s_will_does_not_make_the_main_clause_expected():
    sentence = "Officials, who will meet Monday, said on Friday that the pier would stay shut."
    assert status_of(UNDATED, sentence, "Friday", "2021-02-26") == "reported"
    assert status_of(UNDATED, sentence, "Monday", "2021-03-01") == "expected"


@pytest.mark.parametrize("sentence", [
    "The airline, which will add ten routes next year, reported a loss this week.",
    "The museum — which will close for repairs next year — drew record crowds this week.",
    "Inspectors found cracks in the dam this week (repairs will take a year).",
    "This week, inspectors who will visit the dam again found new cracks.",
    "The union, whose members will strike if talks fail, signed the pay deal this week.",
])
def test_this_week_in_a_past_clause_is_reported(sentence):
    assert status_of(MIDWEEK, sentence, "his week", "2021-W09") == "reported"


@pytest.mark.parametrize("sentence", [
    "The council will vote on the harbour budget this week.",
    "The ferry is due to resume service this week.",
    "The vote on the harbour budget is set to take place this week.",
    "The minister said the bridge will reopen this week.",
    "The fair, which opens this week, drew complaints from residents last year.",
    "A decision could come this week, the mayor said.",
])
def test_this_week_in_a_clause_that_looks_ahead_is_expected(sentence):
    assert status_of(MIDWEEK, sentence, "this week", "2021-W09") == "expected"


def test_a_will_in_another_clause_of_an_undated_article_is_not_the_dates():
    sentence = "The council will debate the budget, which was published in 2019."
    assert status_of(UNDATED, sentence, "2019", "2019") == "reported"


def test_future_cues():
    assert has_future_cue("diplomats will convene starting Monday")
    assert has_future_cue("which is expected to begin this week")
    assert has_future_cue("the July 20 deadline")
    assert has_future_cue("Iran plans to send troops")
    assert has_future_cue("the vote is set to take place")
    assert not has_future_cue("Iran said it would give military assistance")
    assert not has_future_cue("Rouhani said on Saturday that his government was open")


# --- acceptance on the seeds (needs the tagger and the build) --------------------------------


def _seed_event(built_site, words: str) -> dict:
    events = json.loads((built_site.output / "events.json").read_text(encoding="utf-8"))["events"]
    hits = [e for e in events if any(words in c["sentence"] for c in e["citations"])]
    assert len(hits) == 1, words
    return hits[0]


@pytest.mark.parametrize(("words", "value"), [
    ("will convene starting Monday", "2014-06-16"),
    ("which is expected to begin this week", "2014-W25"),
    ("have set a July 20 deadline", "2014-07-20"),
])
def test_seed_scheduled_events_are_expected_as_of_publication(built_site, words, value):
    seed = _seed_event(built_site, words)
    assert seed["date"]["value"] == value
    assert seed["status"] == "expected"
    assert seed["status_as_of"] == "2014-06-15"


def test_seed_saturday_call_is_reported(built_site):
    call = _seed_event(built_site, "Hoshyar Zebari, in a phone call on Saturday")
    assert call["date"]["value"] == "2014-06-14"
    assert call["status"] == "reported"


def test_page_says_expected_as_of_the_publication_day(built_site):
    page = (built_site.output / "index.html").read_text(encoding="utf-8")
    assert "Expected, as of 15 June 2014" in page
