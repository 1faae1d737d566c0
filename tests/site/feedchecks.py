"""Helpers for the export tests: a site's feed facts, and the documented TimelineJS3 shapes."""

from __future__ import annotations

from timeline.site.feedinfo import FeedInfo

INFO = FeedInfo("Iraq <2014>", "Desc & more", "https://example.org/iraq")
ATOM = "{http://www.w3.org/2005/Atom}"


def by_id(slides):
    return {s["unique_id"]: s for s in slides}


def assert_timelinejs_date(date: dict) -> None:
    """The documented TimelineJS3 date object: year required, finer fields only below coarser."""
    assert isinstance(date["year"], int)
    order = ["year", "month", "day", "hour", "minute"]
    present = [k for k in order if k in date]
    assert present == order[: len(present)], date
    assert set(date) <= set(order) | {"second", "millisecond", "display_date", "format"}
    if "month" in date:
        assert 1 <= date["month"] <= 12
    if "day" in date:
        assert 1 <= date["day"] <= 31


def assert_timelinejs_document(doc: dict) -> None:
    assert set(doc) <= {"title", "events", "eras", "scale"}
    assert isinstance(doc["title"]["text"]["headline"], str)
    ids = []
    for slide in doc["events"]:
        assert set(slide) <= {"start_date", "end_date", "text", "media", "group",
                              "display_date", "unique_id", "background", "autolink"}
        assert_timelinejs_date(slide["start_date"])
        if "end_date" in slide:
            assert_timelinejs_date(slide["end_date"])
        assert set(slide["text"]) == {"headline", "text"}
        ids.append(slide["unique_id"])
    assert len(ids) == len(set(ids))
