"""Fresh copies of cached article results: what a build may change without changing the cache.

Later pipeline stages change articles (their slug) and events (merging, status, annotations);
a cache hit must hand out a copy so that they never change what the cache holds
(:class:`timeline.pipeline.cache.ArticleCache`).
"""

from __future__ import annotations

import dataclasses
import functools
import pickle
from typing import Any

from timeline.pipeline.digest import dumps as fast_dumps


def fresh_copy(result: Any) -> Any:
    """A copy of a cached result that the build may change without changing the cache.

    The later stages change articles (their slug) and events (merging, status, annotations),
    never blocks, time expressions or texts (frozen or left alone): an
    :class:`~timeline.pipeline.build.ArticleResult` is copied down to its events, citations
    and article, and shares the rest. That is several times cheaper than unpickling it all,
    which was most of a preview rebuild's reading time. Anything else is copied by pickling.
    """
    from timeline.pipeline.build import ArticleResult

    if type(result) is not ArticleResult:
        return pickle.loads(fast_dumps(result))
    article = result.article
    if article is None:
        return dataclasses.replace(result)
    copied = _copy_slots(article)
    copied.tags, copied.authors = list(article.tags), list(article.authors)
    copied.extra = dict(article.extra)
    events = []
    for event in result.events:
        twin = _copy_slots(event)
        twin.citations = [_cited_in(citation, article, copied) for citation in event.citations]
        twin.conflicts = [dict(c) for c in event.conflicts]
        twin.tags, twin.aliases = list(event.tags), list(event.aliases)
        events.append(twin)
    # the page's line hashes are read, never changed: shared (without them the furniture
    # pass would learn each publisher from the articles processed anew only)
    return ArticleResult(path=result.path, article=copied, timexes=list(result.timexes),
                         events=events, diagnostics=result.diagnostics, lines=result.lines,
                         origin=result.origin)


def _copy_slots(obj: Any) -> Any:
    """A shallow copy of a slotted dataclass instance (every field is an __init__ argument)."""
    twin = object.__new__(type(obj))
    for name in _slot_names(type(obj)):
        object.__setattr__(twin, name, getattr(obj, name))
    return twin


@functools.cache
def _slot_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _cited_in(citation, old, new):
    if citation.article is not old:
        return citation
    twin = _copy_slots(citation)
    twin.article = new
    twin.other_timexes = list(citation.other_timexes)
    return twin
