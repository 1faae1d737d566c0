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
