"""The furniture pass's learning, kept between builds: a publisher's pages unchanged, what
they repeat is not counted again.

:func:`timeline.events.furniture.learn_publisher` is a function of one publisher's pages
alone, so :class:`FurnitureMemo` keeps its result with a fingerprint of those pages (the
hashes of every line, label and stamp of each page, in order) and learns again only the
publishers whose fingerprint changed: an edited article costs its publisher's counting, not
the collection's. The headlines of the sentences the pass trims (a label cut off their
start) are kept too, by the sentence and the place of its date, where each sentence's
wire dateline ends, and whether it is about the page.

The memo is a plain picklable object (:mod:`timeline.pipeline.collection` keeps it between
``timeline build`` runs); what it returns is what learning from nothing returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.events.furniture import (
    Furniture,
    Learned,
    PageLines,
    by_publisher,
    learn_publisher,
)
from timeline.events.headline import make_headline
from timeline.pipeline.memo import Memo


@dataclass
class FurnitureMemo:
    """Each publisher's learned furniture by the fingerprint of its pages, and the headlines
    of trimmed sentences; holds only what the last build used."""

    publishers: dict[str, tuple[int, Learned | None]] = field(default_factory=dict)
    headlines: dict[tuple[str, int, int], str] = field(default_factory=dict)
    #: the publishers the last call learned again (for tests and ``--timings``)
    relearned: list[str] = field(default_factory=list)
    #: the headlines asked for since the last :meth:`learn` (the next build's
    #: :attr:`headlines`: those of sentences no longer trimmed are dropped)
    _fresh: dict[tuple[str, int, int], str] = field(default_factory=dict)
    #: where each sentence's wire dateline ends (:func:`timeline.events.setaside.dateline_end`)
    datelines: Memo = field(default_factory=Memo)
    #: why a sentence is about the page, if it is (:func:`timeline.events.notices.notice_reason`:
    #: a second of regular expressions over 57,000 sentences)
    notices: Memo = field(default_factory=Memo)

    def learn(self, pages: Iterable[tuple[str, PageLines]]) -> Furniture:
        """:func:`timeline.events.furniture.learn_furniture`, learning again only the
        publishers whose pages changed since the last call."""
        if self._fresh:
            self.headlines, self._fresh = self._fresh, {}
        self.datelines.begin()
        self.notices.begin()
        furniture, kept, self.relearned = Furniture(), {}, []
        for publisher, group in by_publisher(pages).items():
            fingerprint = pages_fingerprint(group)
            known = self.publishers.get(publisher)
            if known is None or known[0] != fingerprint:
                known = (fingerprint, learn_publisher(publisher, group))
                self.relearned.append(publisher)
            kept[publisher] = known
            furniture.add(publisher, known[1])
        self.publishers = kept
        return furniture

    def headline(self, sentence: str, start: int, end: int) -> str:
        """:func:`timeline.events.headline.make_headline`, remembered."""
        key = (sentence, start, end)
        made = self.headlines.get(key)
        if made is None:
            made = make_headline(sentence, start, end)
        self._fresh[key] = made
        return made

    def dateline_end(self, sentence: str) -> int:
        """:func:`timeline.events.setaside.dateline_end`, remembered."""
        from timeline.events.setaside import dateline_end

        return self.datelines.get(sentence, dateline_end)

    def notice(self, sentence: str) -> str | None:
        """:func:`timeline.events.notices.notice_reason`, remembered."""
        from timeline.events.notices import notice_reason

        return self.notices.get(sentence, notice_reason)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["headlines"], state["_fresh"] = self._fresh or self.headlines, {}
        return state


def pages_fingerprint(group: list[PageLines]) -> int:
    """A hash of the pages (their lines', labels' and stamps' hashes, in order). Integers
    only: the same in every process."""
    return hash(tuple(hash((tuple(p.lines), tuple(p.labels), tuple(p.stamps))) for p in group))
