"""The source pages of a build, one at a time: each kept from the previous build, rendered in
this process, or sent to the worker processes (:mod:`timeline.site.parallel`).

One object walks them for the whole build, so the pages sent before the key events are
chosen (:mod:`timeline.pipeline.headstart`) and the rest, sent or rendered while the timeline
pages are made (:func:`timeline.site.render.render_site`), are each handled once.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline.site.pagememo import render_source
from timeline.site.urls import source_page


class SourcePages:
    """Walks ``docs`` (:meth:`step`). Where each page goes is decided as it comes: to
    :attr:`workers` when set and :attr:`here` is False, else rendered here and handed to
    :attr:`put`; a page the previous build made from the same inputs is put in place by
    ``keep`` and told to :attr:`kept` (until that is set, the pages are kept in
    :attr:`held`)."""

    def __init__(self, docs: list, env, memo, templates: str, articles: dict,
                 page_of: dict[str, str], keep) -> None:
        self.docs, self.env, self.memo, self.keep = docs, env, memo, keep
        self.templates, self.articles, self.page_of = templates, articles, page_of
        #: the site values the pages are rendered with
        self.site: dict = {}
        self.workers = None
        self.here = False
        self.put: Callable[[str, str], None] | None = None
        self.held: list[str] = []
        self.kept: Callable[[str], None] = self.held.append
        self._next = 0
        self._sent = ""  # the last page sent to the workers

    def step(self) -> bool:
        """Handle the next page; False when every page has been."""
        if self._next >= len(self.docs):
            return False
        doc = self.docs[self._next]
        self._next += 1
        self._handle(doc, self._defer if self.workers is not None and not self.here else None)
        return True

    def again(self, rel: str) -> None:
        """Handle page ``rel`` once more, here (a page sent before a site value it reads was
        known: :attr:`timeline.site.parallel.SourcePageWorkers.redo`)."""
        doc = next(d for d in self.docs if source_page(d.article.slug) == rel)
        self._sent = ""
        self._handle(doc, None)

    def _handle(self, doc, defer) -> None:
        rel = source_page(doc.article.slug)
        text = render_source(self.env, doc, self.site, self.memo, self.templates,
                             self.articles, self.page_of, self.keep, defer)
        if text is not None:
            self.put(rel, text)
        elif self._sent != rel:  # the previous build's page, put in place by ``keep``
            self.kept(rel)

    def _defer(self, rel: str, *job) -> None:
        self._sent = rel
        self.workers.submit(rel, *job)
