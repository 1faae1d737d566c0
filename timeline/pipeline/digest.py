"""Fast pickling of pipeline data: digests for memo keys, and the article cache's entries.

A digest is SHA-256 of a pickle without memo, which records everything an object holds: equal
digests mean equal data, and equal data gives equal digests in any process (the page keys of
:mod:`timeline.site.keptpages` are compared across builds). Plain pickling of the slotted
dataclasses (Article, Event, Timex...) runs a Python-level ``__getstate__``/``__setstate__``
per object, which made computing a page's key cost as much as rendering it and made loading
cached articles slow; here they reduce to ``(class, field values)``, rebuilt by the class
itself, and the rest stays in C. For a digest, articles the caller has digested already can
stand in as those digests, so the key of a timeline entry does not pickle its articles' whole
texts again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import pickle
from typing import Any

from timeline.ingest.content import InlineSpan
from timeline.model import Article, Block, Citation, Event
from timeline.temporal.model import Timex

_SLOTTED = (Article, Block, Citation, Event, InlineSpan, Timex)


def _by_fields(cls: type):
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))

    def reduce(obj):
        return cls, values(obj)

    return reduce


_TABLE = {cls: _by_fields(cls) for cls in _SLOTTED}


def _event_without(unseen: tuple[str, ...]):
    names = [f.name for f in dataclasses.fields(Event)]
    kept = operator.attrgetter(*(n for n in names if n not in unseen))

    def reduce(event: Event):
        return Event, kept(event)  # a digest only: never unpickled

    return reduce


def dumps(obj: Any) -> bytes:
    """``pickle.dumps`` with the fast form of the slotted dataclasses; read with ``pickle.loads``.
    Every field is an ``__init__`` argument and none has a ``__post_init__`` (tested)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _TABLE
    pickler.dump(obj)
    return buffer.getvalue()


def digest(obj: Any, articles: dict[int, bytes] | None = None,
           unseen: tuple[str, ...] = ()) -> bytes:
    """SHA-256 of ``obj``'s content; ``articles`` maps ``id(article)`` to that article's digest.
    ``unseen`` names fields of :class:`Event` left out (what a page never shows)."""
    table = _TABLE
    if unseen:
        table = {**table, Event: _event_without(unseen)}
    if articles:
        by_fields = _TABLE[Article]

        def article(obj: Article):
            known = articles.get(id(obj))
            return (bytes, (known,)) if known is not None else by_fields(obj)

        table = {**table, Article: article}
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = table
    # No memo: a memoised pickle refers back to an object seen before, so equal data held
    # as one shared string in one build and two equal strings in another (an article read
    # from the cache vs. processed anew) would give two digests. Kept page keys compare
    # digests across builds (timeline.site.keptpages). The data has no cycles.
    pickler.fast = True
    pickler.dump(obj)
    return hashlib.sha256(buffer.getvalue()).digest()
