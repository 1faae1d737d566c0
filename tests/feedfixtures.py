"""Hand-made articles and events for the publishing tests (no tagger or build needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

WSJ = Article(path=Path("content/wsj.txt"), slug="wsj", title="Iraq & Iran <talks>",
              text="", source="The Wall Street Journal", authors=["Jay Solomon"],
              url="https://www.wsj.com/articles/iraq",
              published=dt.datetime(2014, 6, 15, 18, 30, tzinfo=dt.UTC))
BLOG = Article(path=Path("content/blog.txt"), slug="blog", title="Blog reprint",
               text="", source="Blog reprint", url="javascript:alert(1)",
               published=dt.date(2014, 6, 16))


def make_event(value: str, text: str, *, articles=(WSJ,), event_id: str | None = None,
               mod: str | None = None, status: str = "reported", tags=()) -> Event:
    meaning = interpret(value)
    assert meaning is not None, value
    timex = Timex(0, 1, "x", "DATE", value, mod, meaning.precision, (meaning.start, meaning.end))
    citations = [Citation(a, text, 0, len(text), timex) for a in articles]
    return Event(id=event_id or f"e-{value}", value=value, precision=meaning.precision,
                 start=meaning.start, end=meaning.end, text=text, citations=citations, mod=mod,
                 status=status, tags=list(tags))


def sample_events() -> list[Event]:
    return [
        make_event("2014-06-14", 'Kerry called Zebari; "options" <b>& more</b>, said; he',
                   articles=(WSJ, BLOG)),
        make_event("2014-W25", "The U.S.-Iran dialogue is expected to begin this week.",
                   status="expected"),
        make_event("2014-07", "An agreement by late July, says =HYPERLINK(\"x\").", mod="END"),
        make_event("2013-FA", "The UN General Assembly called for talks last fall."),
        make_event("2003", "-the U.S.-led invasion of Iraq in 2003."),
        make_event("2014-06-16T10:30", "Talks begin at 10:30 in Vienna \x0c on Monday."),
    ]
