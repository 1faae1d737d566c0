"""The index's views and the navigation between periods (timeline/site/keyindex.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from eventfactory import article, event

from timeline.model import KeyDate
from timeline.site.keyindex import (
    index_view,
    key_date_label,
    period_links,
    period_view,
    publishers_first,
    size_label,
)
from timeline.site.periods import event_weight, plan_pages
from timeline.site.views import CitationView


def cite(source: str, title: str = "t") -> CitationView:
    return CitationView(title=title, source=source, published="", published_iso="",
                        source_href="", url=None, expression="", citation=None)


def test_one_citation_of_each_publisher_comes_first():
    order = [c.source for c in publishers_first(
        [cite("Wire"), cite("Wire"), cite("Wire"), cite("Herald"), cite("Wire"), cite("Post")])]
    assert order == ["Wire", "Herald", "Post", "Wire", "Wire", "Wire"]


def test_a_key_date_is_labelled_as_its_events_say_it():
    paper = article("p", dt.date(2014, 8, 1))
    late = event(paper, "A deal is due by late July.", "late July", "2014-07", mod="END")
    also_late = event(paper, "Talks end by late July.", "late July", "2014-07", mod="END")
    plain = event(paper, "Prices rose in July.", "July", "2014-07")

    def date_of(*events):
        return KeyDate("2014-07", "month", events[0].start, events[0].end, 1.0,
                       summary=list(events), events=list(events))

    assert key_date_label(date_of(late, also_late)) == "late July 2014"
    assert key_date_label(date_of(late, plain)) == "July 2014"  # they differ: the month


def test_periods_list_a_split_year_with_its_months_and_a_period_page_its_neighbours():
    paper = article("p", dt.date(2010, 9, 1))
    events = [event(paper, f"Event {m}-{d} happened on 2010-{m:02d}-{d:02d} there.",
                    f"2010-{m:02d}-{d:02d}", f"2010-{m:02d}-{d:02d}")
              for m in (5, 6) for d in range(1, 11)]
    events.append(event(paper, "Back in 2003 it began.", "2003", "2003"))
    weight = sum(event_weight(e) for e in events) // 2
    plan = plan_pages(events, page_weight=weight)
    links = period_links(plan)
    assert [(y.label, y.href, y.count) for y in links] == [
        ("2003", "events/2003.html", 1), ("2010", "events/2010.html", 20)]
    assert [(m.short, m.href, m.count) for m in links[1].months] == [
        ("May", "events/2010-05.html", 10), ("Jun", "events/2010-06.html", 10)]
    summary = [events[0]]
    key = KeyDate(events[0].value, "day", events[0].start, events[0].end, 5.0, summary=summary,
                  events=summary)
    plan = plan_pages(events, [key], page_weight=weight)
    index = index_view(plan, {})
    may = next(p for p in plan.periods if p.page == "events/2010-05.html")
    view = period_view(may, plan, index)
    assert (view.previous.href, view.next.href) == ("events/2010.html", "events/2010-06.html")
    assert view.year.href == "events/2010.html" and not view.is_year
    assert view.key_dates == [("1 May 2010", "index.html#k-2010-05-01-day")]
    (year,) = index.years
    (date,) = year.dates
    assert date.href == f"events/2010-05.html#{quote(events[0].id, safe='')}"
    assert date.more == 0 and year.count == 20


def test_a_summary_sentence_is_shown_without_a_label_or_a_headline_glued_before_it():
    paper = article("p", dt.date(2016, 3, 9))
    entry = event(paper, "* 8 March - The Ebro flood wall gives way at Tortosa.", "8 March",
                  "2016-03-08")
    wired = event(paper, "TORTOSA (Wire) - Engineers closed the breach on 8 March.", "8 March",
                  "2016-03-08")
    speaker = event(paper, "MAYOR: We will rebuild the wall by 8 March.", "8 March",
                    "2016-03-08")
    glued = event(paper, "Tortosa counts the cost The flood wall gave way on 8 March.",
                  "8 March", "2016-03-08")
    summary = [entry, wired, speaker, glued]
    key = KeyDate(entry.value, "day", entry.start, entry.end, 5.0, summary=summary,
                  events=summary)
    (year,) = index_view(plan_pages(summary, [key]), {}).years
    shown = [str(ev.sentence_html) for ev in year.dates[0].summary]
    assert shown[0] == "The Ebro flood wall gives way at Tortosa."
    assert shown[1].startswith("Engineers closed the breach on <mark")
    assert shown[2].startswith("MAYOR: We will rebuild")  # a speaker is no label
    assert shown[3].startswith("The flood wall gave way on <mark")


def test_period_pages_show_ranges_of_counts_that_one_event_seldom_changes():
    assert [size_label(n) for n in (1, 4, 5, 10, 49, 50, 120, 999, 1000, 7000)] == [
        "1–4", "1–4", "5–9", "10–49", "10–49", "50–99", "100–499", "500–999",
        "1,000–4,999", "5,000–9,999"]
    paper = article("p", dt.date(2010, 9, 1))
    events = [event(paper, f"Event {d} happened on 2010-05-{d:02d} there.",
                    f"2010-05-{d:02d}", f"2010-05-{d:02d}") for d in range(1, 13)]
    plan = plan_pages(events)
    (exact,) = period_links(plan)
    (rough,) = period_links(plan, exact=False)
    assert (exact.count, exact.size) == (12, "12")
    assert (rough.count, rough.size) == (None, "10–49")
    view = period_view(plan.periods[0], plan, index_view(plan, {}))
    assert view.count == 12 and view.year.count is None  # only the page's own count
