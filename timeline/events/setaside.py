"""Keep set-aside text out of the timeline: drop or trim the events that came from it.

Runs on one article's events (one citation each, before merging) once the furniture pass
(:mod:`timeline.events.furniture`) has filled :attr:`Article.set_aside`. An event whose sentence
lies in set-aside text is dropped; one whose sentence starts inside a cut label or header keeps
only the part after it, dated again by an expression in that part (the anchor of an event is
always inside its sentence). A wire dateline opening a sentence ("RIVERTON (Agency) - ") is cut
the same way however rarely its publisher prints it (a reprinted wire story brings it along),
and so is a publication stamp heading it ("RIVERTON | Wed May 5, 2021 7:30 pm EDT"), which dates
the page, not what the sentence reports.
Sentences shaped like social posts
("RT @user: ...", "@user: ...") are set aside too, and so are those about the page rather than
the story: a site's notices and a broadcaster's schedules (:mod:`timeline.events.notices`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from timeline.events.extract import event_id
from timeline.events.furniture import LABEL, PageLines, learn_furniture
from timeline.events.learned import FurnitureMemo
from timeline.events.notices import notice_reason
from timeline.events.shapes import leading_label_end
from timeline.model import Article, Citation, Event, SetAside
from timeline.temporal.model import Timex
from timeline.temporal.values import precision_rank

SOCIAL = "social post"
#: A social post's shape: it opens with a handle or a retweet mark ("@user ...", "RT @user:"),
#: or addresses a handle with a colon ("... @user: ..."). A sentence that merely names an
#: account ("Acme's real account, @AcmeNews, has ...") is reporting, not a post.
_POST = re.compile(r"^\W*(?:RT\s+)?@[A-Za-z_]\w{1,30}(?=[\s:,]|$)|\bRT\s+@\w"
                   r"|(?<![\w.@])@[A-Za-z_]\w{1,30}:")
#: What is left of a trimmed sentence must hold this many words to stay an event.
MIN_WORDS = 3
_LEAD = re.compile(r"[\s\W_]*")


def drop_set_aside(article: Article, events: list[Event],
                   label_end=None, notice=None) -> tuple[list[Event], Counter]:
    """``article``'s events minus those from set-aside text (trimmed where only their start
    was); also sets aside social posts. Returns the events kept and, per reason, how many
    dated sentences were dropped. ``label_end`` and ``notice`` are :func:`dateline_end` and
    :func:`timeline.events.notices.notice_reason` or memos of them."""
    dropped: Counter[str] = Counter()
    spans = sorted(article.set_aside, key=lambda s: s.start)
    starts = [s.start for s in spans]
    kept = []
    for event in events:
        citation = event.citations[0]
        cover = _covering(spans, starts, citation.sentence_start)
        if cover is not None and cover.end >= citation.sentence_end:
            dropped[cover.reason] += 1
            continue
        if cover is not None:
            event = _trimmed(article, event, cover)
            if event is None:
                dropped[cover.reason] += 1
                continue
        dateline = _dateline(event.citations[0], label_end)  # also after a cut page header
        undated = _trimmed(article, event, dateline) if dateline is not None else None
        if undated is not None:
            article.set_aside.append(dateline)
            event = undated
        elif dateline is not None and event.citations[0].timex.start < dateline.end:
            article.set_aside.append(dateline)  # only a publication stamp dated it
            dropped[dateline.reason] += 1
            continue
        if "@" in event.text and _POST.search(event.text):  # every post shape holds an @
            article.set_aside.append(SetAside(citation.sentence_start,
                                              citation.sentence_end, SOCIAL))
            dropped[SOCIAL] += 1
            continue
        reason = (notice or notice_reason)(event.text)
        if reason:
            cited = event.citations[0]  # after a cut label, if any
            span = SetAside(cited.sentence_start, cited.sentence_end, reason)
            if span not in article.set_aside:  # a sentence may date several events
                article.set_aside.append(span)
            dropped[reason] += 1
            continue
        kept.append(event)
    article.set_aside.sort(key=lambda s: (s.start, s.end))
    return kept, dropped


def _dateline(citation: Citation, label_end=None) -> SetAside | None:
    """The wire dateline opening the citation's sentence, as a span to set aside, if any.
    ``label_end`` is :func:`dateline_end` or a memo of it."""
    end = (label_end or dateline_end)(citation.sentence)
    if not end:
        return None
    return SetAside(citation.sentence_start, citation.sentence_start + end, LABEL)


def dateline_end(sentence: str) -> int:
    """Where the sentence proper starts after a wire dateline opening it (0: none)."""
    return leading_label_end(sentence, dates=False)


def _covering(spans: list[SetAside], starts: list[int], offset: int) -> SetAside | None:
    """The set-aside span holding ``offset``, if any (spans do not overlap)."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset < spans[index].end:
        return spans[index]
    return None


def _trimmed(article: Article, event: Event, cut: SetAside) -> Event | None:
    """``event`` with its sentence starting after ``cut``, or None if too little is left or
    nothing dates what is left."""
    citation = event.citations[0]
    lead = _LEAD.match(article.text, cut.end, citation.sentence_end)
    start = lead.end() if lead else cut.end
    text = article.text[start:citation.sentence_end]
    if len(text.split()) < MIN_WORDS:
        return None
    inside = [t for t in (citation.timex, *citation.other_timexes) if t.start >= start]
    anchors = [t for t in inside if t.anchors_timeline]
    if not anchors:
        return None  # only the cut part dated it (a publication stamp)
    anchor = min(anchors, key=lambda t: precision_rank(t.precision or "millennium"))
    return _re_anchored(event, citation, anchor, inside, start, text)


def _re_anchored(event: Event, citation: Citation, anchor: Timex, inside: list[Timex],
                 start: int, text: str) -> Event:
    first, last = anchor.interval
    others = [t for t in inside if t is not anchor]
    trimmed = replace(citation, sentence=text, sentence_start=start, timex=anchor,
                      other_timexes=others)
    return replace(event, id=event_id(anchor.value, text), value=anchor.value,
                   precision=anchor.precision or "day", start=first, end=last, text=text,
                   citations=[trimmed], mod=anchor.mod)


@dataclass(slots=True)
class FurnitureReport:
    """What the furniture pass set aside in a build, per reason."""

    stretches: Counter = field(default_factory=Counter)  # reason -> lines or parts of lines
    sentences: Counter = field(default_factory=Counter)  # reason -> dated sentences dropped

    def summary(self) -> str:
        """The build summary's words on it: "" when nothing was set aside, else how many
        dated sentences were set aside and why ("; 12 dated sentences set aside: 8 comment
        thread, 4 page template")."""
        dropped = sum(self.sentences.values())
        if not dropped:
            return ""
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in self.sentences.most_common())
        noun = "sentence" if dropped == 1 else "sentences"
        return f"; {dropped:,} dated {noun} set aside: {reasons}"


def set_aside_furniture(articles: list[tuple[Article, PageLines | None, list[Event]]],
                        memo: FurnitureMemo | None = None
                        ) -> tuple[list[list[Event]], FurnitureReport]:
    """The collection-wide pass: learn each publisher's furniture from all pages, fill every
    article's :attr:`~Article.set_aside`, and drop or trim the events that came from it.
    Takes ``(article, its PageLines, its events)`` and returns each article's kept events.
    ``memo`` (kept between builds) learns again only the publishers whose pages changed."""
    pages = ((publisher_of(a), lines) for a, lines, _ in articles if lines is not None)
    furniture = memo.learn(pages) if memo is not None else learn_furniture(pages)
    label_end = memo.dateline_end if memo is not None else None
    notice = memo.notice if memo is not None else None
    report = FurnitureReport()
    kept_all = []
    for article, lines, events in articles:
        article.set_aside = furniture.set_aside(publisher_of(article), lines) if lines else []
        kept, dropped = drop_set_aside(article, events, label_end, notice)
        report.stretches.update(s.reason for s in article.set_aside)
        report.sentences.update(dropped)
        kept_all.append(kept)
    return kept_all, report


def publisher_of(article: Article) -> str:
    """Whose pages an article is: its publisher, else its web site, else nobody's."""
    if article.source:
        return article.source.strip().casefold()
    if article.url:
        return urlsplit(article.url).hostname or ""
    return ""


def explain_set_aside(articles: list[Article], width: int = 120) -> list[str]:
    """What was set aside, for ``timeline build --explain-furniture``: per reason, each
    distinct text once (most repeated first) with how often and where it was first seen."""
    seen: dict[str, dict[str, list]] = {}
    for article in articles:
        for aside in article.set_aside:
            text = " ".join(article.text[aside.start:aside.end].split())
            entry = seen.setdefault(aside.reason, {}).setdefault(text, [0, article.path])
            entry[0] += 1
    lines = []
    for reason, texts in sorted(seen.items(), key=lambda item: -len(item[1])):
        total = sum(count for count, _ in texts.values())
        lines.append(f"{reason}: {total} stretches, {len(texts)} distinct")
        for text, (count, path) in sorted(texts.items(), key=lambda item: -item[1][0]):
            shown = text if len(text) <= width else text[:width - 1] + "\u2026"
            lines.append(f"  {count:>5} x {path}: {shown}")
    return lines
