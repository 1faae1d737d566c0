"""Turn an article's dated sentences into timeline events, one citation each.

A sentence holding at least one time expression that anchors the timeline (a resolved DATE or
TIME, see :attr:`Timex.anchors_timeline`) becomes an :class:`Event` dated by its most specific
expression; the sentence's other expressions stay on the citation. Durations, sets, vague
references and unresolved expressions never create events. Date lines do not either.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import accumulate

from timeline.events.sentences import split_sentences
from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import precision_rank

#: Blocks whose sentences never become events: the article's own date line.
SKIPPED_BLOCKS = ("dateline",)


def build_events(article: Article, timexes: list[Timex]) -> list[Event]:
    """Events of one article, in text order, with ids unique within the article."""
    events: list[Event] = []
    ids = UniqueNames()
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    # Only paragraphs holding a dating expression can yield events: splitting the others
    # into sentences (the slowest step of a build) would be wasted.
    anchoring = [t for t in ordered if t.anchors_timeline]
    starts = [t.start for t in ordered]
    for start, end in article_sentences(article, anchoring):
        inside = within(ordered, starts, start, end)
        anchors = [t for t in inside
                   if t.anchors_timeline and not bounds_the_present(article.text, t)]
        if not anchors:
            continue
        anchor = min(anchors, key=lambda t: precision_rank(t.precision or "millennium"))
        event = _event(article, start, end, anchor, [t for t in inside if t is not anchor])
        event.id = ids.claim(event.id)
        events.append(event)
    return events


#: "Until today, no request has been made": a state that lasts up to the moment of speaking.
_UP_TO = re.compile(r"\b(?:until|till|up\s+(?:to|until|till))\s+$", re.I)
_PRESENT_DAY = frozenset(("today", "now", "this day", "this moment"))


def bounds_the_present(text: str, timex: Timex) -> bool:
    """True for "today" ending a state that lasts up to the moment of speaking ("Until today, no
    request has been made", "up to this day"): nothing is told to happen on that day, so it
    dates no event; the expression keeps its value."""
    return (" ".join(timex.text.lower().split()) in _PRESENT_DAY
            and _UP_TO.search(text, max(0, timex.start - 12), timex.start) is not None)


def article_sentences(article: Article,
                      needed: list[Timex] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of the article's body blocks (date lines left out); with ``needed``,
    only of the blocks that hold one of those expressions."""
    spans: list[tuple[int, int]] = []
    blocks = article.blocks or []
    if not blocks and article.text:
        return split_sentences(article.text)
    needed_starts = [t.start for t in needed] if needed is not None else []
    wanted = _overlaps_any(needed) if needed is not None else None
    for block in blocks:
        if block.kind in SKIPPED_BLOCKS:
            continue
        if needed is not None and not within(needed, needed_starts, block.start, block.end):
            continue
        spans.extend(split_sentences(article.text, block.start, block.end, wanted=wanted))
    return spans


def _overlaps_any(ordered: list[Timex]) -> Callable[[int, int], bool]:
    """Whether ``[start, end)`` overlaps one of ``ordered`` (sorted by start): the test that
    lets a huge paragraph be split into sentences only where an expression needs them."""
    starts = [t.start for t in ordered]
    reach = list(accumulate((t.end for t in ordered), max))  # furthest end so far

    def overlaps(start: int, end: int) -> bool:
        before_end = bisect_left(starts, end)  # those starting before ``end``...
        return before_end > 0 and reach[before_end - 1] > start  # ...one ends after ``start``

    return overlaps


def within(ordered: list[Timex], starts: list[int], start: int, end: int) -> list[Timex]:
    """The expressions of ``ordered`` (sorted by start; ``starts`` their starts) that lie
    entirely inside ``[start, end)``; a binary search keeps long articles linear."""
    found = []
    for index in range(bisect_left(starts, start), len(ordered)):
        timex = ordered[index]
        if timex.start >= end:
            break
        if timex.end <= end:
            found.append(timex)
    return found


def _event(article: Article, start: int, end: int, anchor: Timex, others: list[Timex]) -> Event:
    sentence = article.text[start:end]
    first, last = anchor.interval  # anchors_timeline guarantees an interval
    citation = Citation(article=article, sentence=sentence, sentence_start=start,
                        sentence_end=end, timex=anchor, other_timexes=others)
    return Event(
        id=event_id(anchor.value, sentence),
        value=anchor.value,
        precision=anchor.precision or "day",
        start=first,
        end=last,
        text=sentence,
        citations=[citation],
        mod=anchor.mod,
        end_value=anchor.end_value,
        doubt=anchor.doubt,
    )


def event_id(value: str, sentence: str) -> str:
    """A stable id from the date value and the sentence, robust to quotes, case and spacing."""
    digest = hashlib.sha1(f"{value}|{normalise(sentence)}".encode()).hexdigest()
    return digest[:10]


@functools.lru_cache(maxsize=1 << 15)  # pure; every rebuild normalises every sentence again
def normalise(sentence: str) -> str:
    """Lowercase words only: typographic quotes, dashes, punctuation, accents and spacing make
    no difference (``"Maliki’s — U.S.-led"`` gives ``"maliki s u s led"``). Event ids hash it,
    so changing it changes every permalink."""
    folded = unicodedata.normalize("NFKD", sentence).casefold()
    return " ".join(re.findall(r"\w+", folded))


class UniqueNames:
    """Hands out names unique among those handed out: the candidate itself, else the first of
    ``candidate-2``, ``candidate-3``, ... still free.

    The next suffix to try is remembered per candidate, so n equal candidates (one sentence
    pasted n times, n files of one name) cost O(n), not the O(n²) of counting up from 2 each
    time. ``taken`` are names reserved from the start.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._taken

    def claim(self, candidate: str) -> str:
        if candidate not in self._taken:
            self._taken.add(candidate)
            return candidate
        counter = self._next.get(candidate, 2)
        while f"{candidate}-{counter}" in self._taken:
            counter += 1
        self._next[candidate] = counter + 1
        name = f"{candidate}-{counter}"
        self._taken.add(name)
        return name
