"""Merge events that different articles report in (nearly) the same words into one event.

Input: events from :func:`timeline.events.extract.build_events`, one citation each. Output: events
with every citation that reports them, ordered by publication date.

How sentences are matched, in three passes that stay near-linear in the number of events:

1. *Normalise* each sentence (casefold, typographic quotes and dashes unified, punctuation
   dropped) and group exact copies: wire copy and reprints collapse here without comparisons.
2. *Block*: each distinct sentence gets a few keys, the bottom-k hashes of its word trigrams
   (a MinHash sketch), leaving out trigrams too common to be informative. Only sentences that
   share a key are compared, so the work grows with the number of near-duplicates, not with
   the square of the archive.
3. *Verify* each candidate pair with rapidfuzz against ``threshold`` (0-100; see
   :func:`similarity`) and join verified pairs with union-find.

Then a group is split so that it never holds two sentences of the same article, and split
again by date: sentences alike in words are one event only when their dates overlap, within
the precision each was given: the same day for day dates ("on Monday" in two articles a week
apart is two Mondays: the weekly meeting, the annual report, the season's opener recur), a
day inside a week or month that holds it, ranges that overlap. Readings that nest (a day inside
its week) agree; the date most readings agree with dates the event (ties: the finer, then the
earliest published). Two readings that overlap without nesting (3-5 June vs 4-8 June) are a
*conflict*: every reading is kept on the one event in :attr:`Event.conflicts` instead of being
merged silently or shown twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from timeline.events.extract import normalise
from timeline.events.similar import (
    COMMON_SHINGLE,
    MAX_EDIT_SHARE,
    MIN_KEPT_SHARE,
    SKETCH_SIZE,
    SimilarityIndex,
    shingles,
)
from timeline.model import Citation, Event
from timeline.temporal.values import precision_rank

#: Default similarity threshold (0-100), also ``merge_threshold`` in ``timeline.toml``.
DEFAULT_THRESHOLD = 80.0

def similarity(a: str, b: str) -> float:
    """How alike two *normalised* sentences are, 0-100.

    A copy with words inserted ("a Twitter TWTR 0 51 account") or trimmed compares on token
    sets (rapidfuzz ``token_set_ratio``), which ignores the extra words; anything else,
    including two sentences that differ in names or numbers on both sides, compares as a
    whole, word by word (``fuzz.ratio`` over word lists), so "Stocks rose 2 percent in Tokyo
    on Monday" and "Stocks fell 3 percent in London on Monday" stay apart.
    """
    if a == b:
        return 100.0
    words_a, words_b = set(a.split()), set(b.split())
    if not words_a or not words_b:
        return 0.0
    shorter, longer = sorted((words_a, words_b), key=len)
    own_words = len(shorter - longer)  # words of the shorter sentence missing in the longer
    padded_copy = (len(shorter) >= MIN_KEPT_SHARE * len(longer)
                   and own_words <= max(1, MAX_EDIT_SHARE * len(shorter)))
    # Word-level edit similarity: a changed name or number costs a whole word, not a few letters.
    whole = fuzz.ratio(a.split(), b.split())
    return max(whole, fuzz.token_set_ratio(a, b)) if padded_copy else whole


def merge_events(events: Iterable[Event], threshold: float = DEFAULT_THRESHOLD,
                 index: SimilarityIndex | None = None,
                 normalised: Callable[[str], str] = normalise) -> list[Event]:
    """One event per reported happening, with all its citations, in chronological order.

    ``index``, if given, is the :class:`~timeline.events.similar.SimilarityIndex` of the
    previous call (kept between builds): only the sentences that changed since are grouped
    again; ``normalised`` is :func:`~timeline.events.extract.normalise` or a memo of it. The
    result is the same with or without them."""
    events = list(events)
    texts = [normalised(e.text) for e in events]
    groups = _group_similar(texts, threshold, index)
    merged: list[Event] = []
    for members in groups:
        for part in _split_same_article(members, events, texts, threshold):
            for same_time in split_by_date([events[i] for i in part]):
                merged.append(_combine(same_time))
    return sorted(merged, key=lambda e: e.sort_key)


# --- pass 1-3: group similar sentences ------------------------------------------------------


def _group_similar(texts: list[str], threshold: float,
                   index: SimilarityIndex | None = None) -> list[list[int]]:
    """Indexes of ``texts`` grouped by verified similarity (transitively), in input order
    (:mod:`timeline.events.similar`; exact copies go together without a comparison)."""
    distinct: dict[str, list[int]] = defaultdict(list)
    for position, text in enumerate(texts):
        distinct[text].append(position)
    labels = (index or SimilarityIndex()).groups(distinct, threshold)
    clusters: dict[int, list[int]] = defaultdict(list)
    for text, positions in distinct.items():
        clusters[labels[text]].extend(positions)
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])


def candidate_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of distinct normalised sentences worth comparing.

    Two sentences are candidates when their MinHash sketches (bottom-:data:`SKETCH_SIZE`
    hashes of word trigrams, leaving out those of more than :data:`COMMON_SHINGLE`
    sentences) share a hash. Near-duplicates share most trigrams, so they almost surely share
    a sketch hash; unrelated sentences almost never do.
    """
    shingle_sets = [shingles(text) for text in texts]
    frequency = Counter(h for grams in shingle_sets for h in grams)
    buckets: dict[int, list[int]] = defaultdict(list)
    for position, grams in enumerate(shingle_sets):
        informative = sorted(h for h in grams if frequency[h] <= COMMON_SHINGLE)
        for key in informative[:SKETCH_SIZE]:
            buckets[key].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for offset, left in enumerate(members):
            pairs.update((left, right) for right in members[offset + 1:])
    return pairs


# --- one citation per article ---------------------------------------------------------------


def _split_same_article(members: list[int], events: list[Event], texts: list[str],
                        threshold: float) -> list[list[int]]:
    """Split a group so no part holds two sentences of one article.

    The common case (every member from a different article) stays whole. Otherwise each
    member joins the most similar part that lacks its article, or starts a new one.
    """
    articles = [_article_key(events[i]) for i in members]
    if len(set(articles)) == len(articles):
        return [members]
    parts: list[list[int]] = []
    part_articles: list[set] = []
    parts_of: Counter = Counter()  # article -> how many parts already hold one of its sentences
    for index, article in zip(members, articles, strict=True):
        best, best_score = None, threshold
        # A sentence repeated throughout one article is in every part: it starts a new one
        # without a look at each (that look made one pasted-over article quadratic).
        for number, part in enumerate(parts if parts_of[article] < len(parts) else ()):
            if article in part_articles[number]:
                continue
            score = similarity(texts[index], texts[part[0]])
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            parts.append([index])
            part_articles.append({article})
        else:
            parts[best].append(index)
            part_articles[best].add(article)
        parts_of[article] += 1
    return parts


def _article_key(event: Event) -> str:
    return event.citations[0].article.path.as_posix() if event.citations else event.id


# --- one date per event ---------------------------------------------------------------------


def split_by_date(members: list[Event]) -> list[list[Event]]:
    """Split events alike in words into groups whose dates all overlap.

    The finest dates are placed first, each joining the largest group whose every date
    overlaps its own (ties: the group started first); a coarser date ("June", "2014") then joins
    the largest group it holds, so it supports the day most sources give instead of joining
    two different days into one event.
    """
    # Intervals overlap pairwise exactly when they share a day: the latest start is before
    # the earliest end. Each group keeps that shared stretch.
    if max(e.start for e in members) < min(e.end for e in members):
        return [members]
    groups: list[tuple[list[Event], list]] = []  # (events, [shared start, shared end])
    for event in sorted(members, key=_finest_first):
        fitting = [g for g in groups if event.start < g[1][1] and g[1][0] < event.end]
        if not fitting:
            groups.append(([event], [event.start, event.end]))
            continue
        events, shared = max(fitting, key=lambda g: len(g[0]))  # the first of equal sizes
        events.append(event)
        shared[0], shared[1] = max(shared[0], event.start), min(shared[1], event.end)
    return [events for events, _ in groups]


def _finest_first(event: Event) -> tuple:
    citation = event.citations[0] if event.citations else None
    return (precision_rank(event.precision), event.end - event.start,
            citation_order(citation) if citation else (True, "", False, ""), event.id)


# --- combine a part into one event ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    """One article's dating of the event."""

    event: Event
    citation: Citation


def _combine(members: list[Event]) -> Event:
    """One event from events that report the same thing: primary date, citations, conflicts."""
    if len(members) == 1:
        event = members[0]
        event.citations.sort(key=citation_order)
        event.independent_sources = independent_sources(event.citations)
        return event
    readings = [_Reading(e, c) for e in members for c in e.citations]
    # Same day: an original goes before its reprints, so its wording is the event's text.
    derived = _derived_publishers([r.citation for r in readings])
    readings.sort(key=lambda r: citation_order(r.citation, derived))
    dates = _distinct_dates(readings)
    final = _chosen_date(dates, readings)
    first = next(r.event for r in readings if _nested(r.event, final))  # gives text and id
    merged = Event(
        id=first.id, value=final.value, precision=final.precision, start=final.start,
        end=final.end, text=first.text, citations=[r.citation for r in readings],
        mod=final.mod, end_value=final.end_value,
        # the headline is made from the first citation's sentence (timeline.events.headline):
        # its reading's event, which holds that one citation, has it already
        headline=readings[0].event.headline,
        # a doubtful reading is settled when any source gives the date without doubt
        doubt=final.doubt if all(r.event.doubt for r in readings) else None,
    )
    merged.aliases = sorted({e.id for e in members} - {merged.id})
    merged.independent_sources = independent_sources(merged.citations)
    if any(not _nested(a, b) for a in dates for b in dates):
        merged.conflicts = [_conflict_entry(r) for r in readings]
    return merged


def _distinct_dates(readings: list[_Reading]) -> list[Event]:
    """One event per distinct date value, the earliest reading's (a big group has few)."""
    first_of: dict[str, Event] = {}
    for reading in readings:
        first_of.setdefault(reading.event.value, reading.event)
    return list(first_of.values())


def _chosen_date(dates: list[Event], readings: list[_Reading]) -> Event:
    """The date most readings agree with (nest with); then the finer one; then the one
    published first. Readings that nest agree: "last week" and "on Tuesday" of that week."""
    count = Counter(r.event.value for r in readings)
    order = {d.value: index for index, d in enumerate(dates)}  # readings are in citation order

    def preference(date: Event) -> tuple:
        support = sum(count[other.value] for other in dates if _nested(other, date))
        return (-support, precision_rank(date.precision), order[date.value])

    return min(dates, key=preference)


def _nested(a: Event, b: Event) -> bool:
    """True when one date interval contains the other: the readings agree at some precision."""
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def _conflict_entry(reading: _Reading) -> dict:
    article = reading.citation.article
    return {
        "source": article.path.as_posix(),
        "publisher": article.source or article.title,
        "value": reading.event.value,
        "label": reading.event.label,
        "expression": reading.citation.timex.text,
    }


def citation_order(citation: Citation, derived: frozenset[str] = frozenset()) -> tuple:
    """Publication date first (undated articles last), originals before the reprints named in
    ``derived`` (publisher keys), then file path: deterministic."""
    published = citation.article.published_date
    return (published is None, published.isoformat() if published else "",
            _publisher(citation) in derived, citation.article.path.as_posix())


# --- corroboration --------------------------------------------------------------------------


def publisher_key(source: str) -> str:
    """The publisher a source name stands for, normalised for comparison."""
    return normalise(source)


def independent_sources(citations: Iterable[Citation]) -> int:
    """How many independent publishers report an event.

    Every distinct publisher (``source`` in the front matter; the title if none) counts once,
    except that a reprint is not independent of its original: a publisher whose name contains
    another's ("Blog reprint of The Wall Street Journal" and "The Wall Street Journal"), or an
    article whose front matter says ``reprint_of: <publisher>``, counts with that publisher.
    """
    keys = {_publisher(c, follow_reprint=True) for c in citations}
    roots = {key for key in keys
             if not any(other != key and _contains_words(key, other) for other in keys)}
    return len(roots)


def _publisher(citation: Citation, follow_reprint: bool = False) -> str:
    article = citation.article
    declared = article.extra.get("reprint_of") if isinstance(article.extra, dict) else None
    name = (declared if follow_reprint and declared else None) or article.source \
        or article.title or str(article.path)
    return publisher_key(str(name))


def _derived_publishers(citations: list[Citation]) -> frozenset[str]:
    """Publisher keys, among these citations, of reprints of another citation's publisher."""
    own = {_publisher(c) for c in citations}
    declared = {_publisher(c) for c in citations if _publisher(c, follow_reprint=True)
                != _publisher(c)}
    return frozenset(declared | {key for key in own
                                 if any(o != key and _contains_words(key, o) for o in own)})


def _contains_words(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "
