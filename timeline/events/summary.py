"""Say what happened on a date in a few sentences: the best events first, near-duplicates last.

Events are taken by maximal marginal relevance (MMR): each next one is the event whose quality
(:func:`timeline.events.salience.event_quality`) minus its similarity to the ones already taken
is highest, so a second sentence adds something the first did not say instead of repeating it
in other words. Each event already carries the citations of every source that reported it
(merging), so the summary cites them all.
"""

from __future__ import annotations

from collections.abc import Mapping

from timeline.events.topic import Vector, cosine
from timeline.model import Event

#: Sentences that summarise one key date, at most.
SUMMARY_SIZE = 3
#: How much similarity to an already chosen sentence costs (on the quality scale). Half the
#: similarity: at 1.0 a sentence on a side matter of the day came second, before a fuller
#: report of the main happening in other words (tls-dev: bpoil AR-1 0.134 -> 0.140 at 0.5).
REDUNDANCY = 0.5
#: Events ordered by MMR, taken from this many best by quality; the rest of a date follows by
#: quality alone (MMR is quadratic).
MMR_DEPTH = 6
MMR_POOL = 20
#: A further sentence joins the summary only if it keeps this share of the first one's quality
#: and is no more similar than this to the sentences already in it.
KEEP_SHARE = 0.6
MAX_OVERLAP = 0.5


def order_events(events: list[Event], quality: dict[str, float],
                 vectors: Mapping[str, Vector]) -> list[Event]:
    """``events`` best first: featured ones, then by MMR, then the rest by quality."""
    ranked = sorted(events, key=lambda e: (-e.featured, -quality[e.id], e.sort_key))
    featured = [e for e in ranked if e.featured]
    pool = [e for e in ranked if not e.featured][:MMR_POOL]
    chosen = list(featured)
    overlap = {id(e): _overlap(e, chosen, vectors) for e in pool}  # with the chosen ones
    while pool and len(chosen) < max(MMR_DEPTH, len(featured)):
        best = max(pool, key=lambda e: quality[e.id] - REDUNDANCY * overlap[id(e)])
        chosen.append(best)
        pool.remove(best)
        for event in pool:
            overlap[id(event)] = max(overlap[id(event)],
                                     cosine(vectors[event.id], vectors[best.id]))
    taken = {id(e) for e in chosen}
    return chosen + [e for e in ranked if id(e) not in taken]


def summary_of(ordered: list[Event], quality: dict[str, float],
               vectors: Mapping[str, Vector]) -> list[Event]:
    """The 1-3 events of ``ordered`` (best first) that say what happened, without repeats."""
    if not ordered:
        return []
    summary = [ordered[0]]
    for event in ordered[1:]:
        if len(summary) == SUMMARY_SIZE:
            break
        if event.featured or (quality[event.id] >= KEEP_SHARE * quality[ordered[0].id]
                              and _overlap(event, summary, vectors) <= MAX_OVERLAP):
            summary.append(event)
    return summary


def _overlap(event: Event, chosen: list[Event], vectors: Mapping[str, Vector]) -> float:
    return max((cosine(vectors[event.id], vectors[c.id]) for c in chosen), default=0.0)
