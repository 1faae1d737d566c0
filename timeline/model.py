"""The data that flows through the build pipeline, as small typed records.

load content -> :class:`Article`; tag -> :class:`~timeline.temporal.model.Timex`;
build events -> :class:`Event` with one :class:`Citation`; merge -> :class:`Event` with many.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from timeline.temporal.model import Timex


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level piece of an article's body: its plain text and where it sits in
    :attr:`Article.text` (so time expressions can be highlighted in place)."""

    kind: str  # "paragraph", "heading", "quote", "list_item", ...
    start: int
    end: int
    level: int = 0  # heading level, 0 for other kinds
    #: inline formatting (:class:`timeline.ingest.content.InlineSpan`), offsets into Article.text
    inline: tuple = ()


@dataclass(frozen=True, slots=True)
class SetAside:
    """A stretch of an article's text that does not become events, and why: page furniture
    repeated across a publisher's pages, a comment thread, a social post..."""

    start: int  # offsets into Article.text
    end: int
    reason: str  # a short label shown on the source page and in the build summary


@dataclass(slots=True)
class Article:
    """One content file, parsed: metadata from front matter and the body as plain text."""

    path: Path  # relative to the project root, e.g. content/2014-06-15-wsj.txt
    slug: str
    title: str
    text: str  # plain body text; every offset in the pipeline points into this string
    blocks: list[Block] = field(default_factory=list)
    source: str = ""  # publisher, e.g. "The Wall Street Journal"
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    published: dt.datetime | dt.date | None = None
    published_from: str | None = None  # "front matter", "date line", "file name" or None
    tags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # other front matter keys, kept for templates
    #: Set by the collection-wide furniture pass, after loading: text not used for events.
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def published_date(self) -> dt.date | None:
        """The publication day, whatever the precision of :attr:`published`."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published


@dataclass(slots=True)
class Citation:
    """One article's report of an event: the sentence and the expression that dates it."""

    article: Article
    sentence: str
    sentence_start: int  # offsets into article.text
    sentence_end: int
    timex: Timex  # offsets into article.text
    other_timexes: list[Timex] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """Something that happened (or is expected) at a date, with every source that reports it."""

    id: str
    value: str  # TimeML value of the anchoring expression
    precision: str
    start: dt.date
    end: dt.date  # exclusive
    text: str  # the sentence of the first citation
    citations: list[Citation] = field(default_factory=list)
    mod: str | None = None
    end_value: str | None = None  # a range's last point ("3-5 June": value 3 June, this 5 June)
    doubt: str | None = None  # why the date may be wrong (a quoted older message); shown with it
    status: str = "reported"  # "reported" or "expected"
    headline: str = ""
    conflicts: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    featured: bool = False
    hidden: bool = False
    note: str | None = None  # editorial note, Markdown source
    editorial: bool = False  # added by hand in annotations
    # Set by merging (timeline.events.merge), status (timeline.events.status) and annotations:
    aliases: list[str] = field(default_factory=list)  # ids of events merged into this one
    independent_sources: int = 1  # distinct publishers, reprints counted with their original
    status_as_of: dt.date | None = None  # publication date an "expected" status is valid for
    date_corrected_from: str | None = None  # TimeML value before an editor corrected it
    # Set by judging (timeline.events.keydates):
    salience: float = 0.0  # how much the event matters to this collection; higher = more
    key: bool = False  # one of the sentences that summarise a key date

    @property
    def publishers(self) -> list[str]:
        """Distinct publishers of the citations (title if no publisher), in citation order."""
        names = [c.article.source or c.article.title for c in self.citations]
        return list(dict.fromkeys(name for name in names if name))

    @property
    def label(self) -> str:
        """The date as a reader sees it: '14 June 2014', 'late July 2014', '3–5 June 2014'."""
        from timeline.temporal.values import describe

        return describe(self.value, self.mod, self.end_value)

    @property
    def sort_key(self) -> tuple:
        """Chronological order; within the same start, finer precision first."""
        from timeline.temporal.values import precision_rank

        return (self.start, precision_rank(self.precision), self.end, self.id)


@dataclass(slots=True)
class KeyDate:
    """A date that mattered to the collection: the few events that say what happened on it
    (its summary, best first) and every shown event on that date."""

    value: str  # TimeML value of the date, at its precision
    precision: str
    start: dt.date
    end: dt.date  # exclusive
    salience: float  # higher = more important; key dates are chosen by it
    summary: list[Event] = field(default_factory=list)  # 1-3 events, each flagged ``key``
    events: list[Event] = field(default_factory=list)  # every shown event on the date
