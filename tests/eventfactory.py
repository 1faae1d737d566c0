"""Hand-made articles, citations and events for the merge/status/headline/annotation tests.

Each event is built the way :func:`timeline.events.extract.build_events` builds one: one
citation, the sentence as the article's text, the dating expression located in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret


def article(name: str, published: dt.date | None, source: str = "", **extra) -> Article:
    return Article(path=Path(f"content/{name}.txt"), slug=name, title=f"Title of {name}",
                   text="", source=source or name, published=published, extra=dict(extra))


def event(source: Article, sentence: str, expression: str, value: str,
          mod: str | None = None) -> Event:
    """An event of ``source`` dated by ``expression`` (which must occur in ``sentence``)."""
    meaning = interpret(value)
    assert meaning is not None, value
    start = sentence.index(expression)
    timex = Timex(start, start + len(expression), expression, "DATE", value, mod,
                  meaning.precision, (meaning.start, meaning.end))
    citation = Citation(article=source, sentence=sentence, sentence_start=0,
                        sentence_end=len(sentence), timex=timex)
    return Event(id=f"{source.slug}:{value}:{sentence[:24]}", value=value,
                 precision=meaning.precision, start=meaning.start, end=meaning.end,
                 text=sentence, citations=[citation], mod=mod)
