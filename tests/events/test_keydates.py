"""timeline.events.keydates: salience per event, key dates chosen by it, editors' choices win."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.config import Config
from timeline.events.keydates import key_date_count, select_key_dates

DAY = dt.date(2020, 3, 10)


def _cited_by(n: int, sentence: str, value: str):
    """One event reported by ``n`` different articles (as merging would leave it)."""
    first = event(article("a0", DAY), sentence, "on Monday", value)
    for i in range(1, n):
        other = event(article(f"a{i}", DAY), sentence, "on Monday", value)
        first.citations += other.citations
    return first


def test_an_event_reported_by_more_articles_is_more_salient():
    wide = _cited_by(3, "The dam gave way on Monday.", "2020-03-09")
    narrow = _cited_by(1, "A school reopened on Monday.", "2020-03-02")
    select_key_dates([narrow, wide], Config())
    assert wide.salience > narrow.salience > 0


def test_the_most_salient_dates_are_key_when_only_some_can_be():
    events = [_cited_by(n, f"Sentence {n} happened on Monday.", f"2020-01-{n:02d}")
              for n in range(1, 6)]
    chosen = select_key_dates(events, Config(key_events=2))
    assert [d.value for d in chosen] == ["2020-01-04", "2020-01-05"]  # in date order
    assert [e.key for e in events] == [False, False, False, True, True]


def test_a_featured_event_makes_its_date_key_and_a_hidden_one_takes_no_part():
    events = [_cited_by(5 - n, f"Sentence {n} happened on Monday.", f"2020-01-{n + 1:02d}")
              for n in range(4)]
    events[3].featured = True  # the least cited
    events[0].hidden = True  # the most cited
    chosen = select_key_dates(events, Config(key_events=2))
    assert [d.value for d in chosen] == ["2020-01-02", "2020-01-04"]
    assert not events[0].key


def test_a_key_date_is_summarised_by_at_most_three_events_best_first():
    events = [_cited_by(n, f"Report number {n} on Monday.", "2020-01-06") for n in range(1, 6)]
    (only,) = select_key_dates(events, Config())
    assert [e.salience for e in only.summary] == [5, 4, 3]
    assert len(only.events) == 5


def test_the_number_of_key_dates_grows_with_the_collection_unless_set():
    assert key_date_count(Config(), 7) == 7  # a small collection shows every date
    assert key_date_count(Config(), 100) < key_date_count(Config(), 10_000) < 10_000
    assert key_date_count(Config(key_events=12), 10_000) == 12
