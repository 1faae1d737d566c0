"""Period pages and the index's room (timeline/site/periods.py), on small hand-made events."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.model import Event, KeyDate
from timeline.site.periods import (
    entry_weight,
    event_weight,
    plan_pages,
)

PAPER = article("paper", dt.date(2010, 9, 1), source="The Paper")


def day(value: str, words: int = 20, name: str = "") -> Event:
    """An event on ``value`` whose sentence has about ``words`` words."""
    sentence = f"{name or value} " + "word " * words + f"happened on {value}."
    return event(PAPER, sentence, f"on {value}", value)


def key_date(events, salience: float) -> KeyDate:
    first = events[0]
    return KeyDate(first.value, first.precision, first.start, first.end, salience,
                   summary=list(events[:3]), events=list(events))


def test_a_light_year_is_one_page_holding_all_its_events():
    events = [day("2014-06-14"), day("2014-07"), day("2003"), day("2014")]
    plan = plan_pages(events)
    assert [p.page for p in plan.periods] == ["events/2003.html", "events/2014.html"]
    assert [p.count for p in plan.periods] == [1, 3]
    assert {plan.event_page(e.id) for e in events[:2]} == {"events/2014.html"}
    assert plan.year_pages == {2003: "events/2003.html", 2014: "events/2014.html"}


def test_a_heavy_year_is_split_by_month_and_its_page_keeps_the_coarse_events():
    events = [day(f"2010-{month:02d}-{d:02d}", name=f"{month}-{d}")
              for month in (4, 5, 6) for d in range(1, 21)]
    events += [day("2010"), day("2010-SU")]  # the year and a season: no month of their own
    weight = sum(event_weight(e) for e in events) // 2
    plan = plan_pages(events, page_weight=weight)
    assert [p.page for p in plan.periods] == [
        "events/2010.html", "events/2010-04.html", "events/2010-05.html", "events/2010-06.html"]
    year = plan.periods[0]
    assert [e.value for e in year.events] == ["2010", "2010-SU"]
    assert [m.label for m in year.months] == ["April 2010", "May 2010", "June 2010"]
    assert plan.event_page(events[0].id) == "events/2010-04.html"
    assert sum(p.count for p in plan.periods) == len(events)


def test_a_month_too_heavy_for_a_page_continues_on_parts_cut_between_dates():
    events = [day(f"2010-06-{d:02d}", name=f"{d}-{n}") for d in range(1, 11) for n in range(3)]
    one_date = sum(event_weight(e) for e in events[:3])
    plan = plan_pages(events, page_weight=int(one_date * 3.5))  # room for three dates a page
    pages = [p.page for p in plan.periods]
    assert pages == ["events/2010.html", "events/2010-06.html", "events/2010-06-part-2.html",
                     "events/2010-06-part-3.html", "events/2010-06-part-4.html"]
    parts = plan.periods[1:]
    assert [p.count for p in parts] == [9, 9, 9, 3]
    assert [p.label for p in parts] == [  # a month's parts are named by their days
        "1–3 June 2010", "4–6 June 2010", "7–9 June 2010", "10 June 2010"]
    for part in parts:  # no date is cut in two
        assert len({e.value for e in part.events}) * 3 == part.count
    assert parts[0].parts == 4 and parts[3].part == 4


def test_one_date_heavier_than_a_page_is_cut_inside_it():
    events = [day("2010-06-01", name=str(n)) for n in range(10)]
    plan = plan_pages(events, page_weight=sum(event_weight(e) for e in events[:4]))
    parts = [p for p in plan.periods if p.month]
    assert [p.count for p in parts] == [4, 4, 2]
    assert [p.label for p in parts] == [
        "1 June 2010", "1 June 2010 (continued)", "1 June 2010 (continued)"]


def test_hidden_events_have_no_page():
    shown, hidden = day("2014-06-14"), day("2014-06-15")
    hidden.hidden = True
    plan = plan_pages([shown, hidden])
    assert plan.page_of == {shown.id: "events/2014.html"}


def test_a_year_of_decade_events_is_named_by_its_decade():
    assert [p.label for p in plan_pages([day("199"), day("2001")]).periods] == ["1990s", "2001"]


def test_neighbours_run_in_date_order():
    plan = plan_pages([day("2001"), day("2003"), day("2014")])
    first, middle, last = plan.periods
    assert plan.neighbours(middle) == (first, last)
    assert plan.neighbours(first) == (None, middle)


def test_every_date_key_and_light_the_index_shows_every_event():
    a, b, c = day("2014-06-14", name="a"), day("2014-06-14", name="b"), day("2014-06-16")
    dates = [key_date([a, b], 2.0), key_date([c], 1.0)]
    plan = plan_pages([a, b, c], dates)
    assert plan.complete and plan.index_dates == dates and plan.key_dates == 2


def test_an_index_without_room_keeps_the_most_salient_key_dates_in_date_order():
    events = [day(f"2010-06-{d:02d}") for d in range(1, 11)]
    dates = [key_date([e], salience=float(n % 4)) for n, e in enumerate(events)]
    room = sum(entry_weight(e) for e in events[:4]) + 10
    plan = plan_pages(events, dates, index_weight=room)
    assert not plan.complete and plan.key_dates == 10
    # saliences 0,1,2,3,0,1,2,3,0,1: the two 3s and the two 2s fit, shown in date order
    assert [d.value for d in plan.index_dates] == [
        "2010-06-03", "2010-06-04", "2010-06-07", "2010-06-08"]


def test_some_dates_not_key_the_index_shows_only_the_key_dates():
    a, b = day("2014-06-14"), day("2014-06-16")
    plan = plan_pages([a, b], [key_date([a], 1.0)])
    assert not plan.complete and [d.value for d in plan.index_dates] == ["2014-06-14"]


def test_weight_is_counted_in_bytes_and_the_index_lists_few_citations():
    latin = day("2014-06-14", words=40)
    greek = event(PAPER, "Η σύνοδος " * 40 + "on 2014-06-14.", "on 2014-06-14", "2014-06-14")
    assert event_weight(greek) > event_weight(latin)  # two bytes a Greek letter
    single, four, widely = day("2014-06-15"), day("2014-06-15"), day("2014-06-15")
    four.citations *= 4
    widely.citations *= 40
    assert event_weight(widely) > 8 * event_weight(single)  # its page lists every citation
    assert entry_weight(widely) == entry_weight(four) > entry_weight(single)  # the index four
