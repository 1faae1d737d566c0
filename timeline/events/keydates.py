"""Judge what mattered: a salience for every event, and the key dates with their summaries.

Steps: learn the collection's topic from its dated sentences (:mod:`timeline.events.topic`);
weigh every date by the articles that report on it (:mod:`timeline.events.salience`); order
each date's events so that the few that best say what happened come first, near-duplicates
later (:mod:`timeline.events.summary`); and give each event a salience that orders dates first
(a date's best event carries the date's weight) and events within a date second.

Key dates are the days of the story's own reporting first, by rank; then, if the index has
room left, coarse dates (a week, a month, a year) of that time, each only when no key day falls
within it (the days say what happened, a coarse date's sentences mostly recall them vaguely:
"last week", "in April"); then historical background, long before the first report.

Editors' annotations win: a featured event is always key, leads its date's summary and puts
its date above the others; hidden events take no part (salience 0, never key).
"""

from __future__ import annotations

import math

from timeline.config import Config
from timeline.events.chronology import chronology_entries
from timeline.events.salience import (
    DateGroup,
    event_quality,
    group_by_date,
    report_weight,
    weigh_dates,
)
from timeline.events.summary import SUMMARY_SIZE, order_events, summary_of
from timeline.events.topic import term_weights
from timeline.model import Event, KeyDate

__all__ = ["SUMMARY_SIZE", "key_date_count", "select_key_dates"]

def key_date_count(config: Config, dates: int) -> int:
    """How many key dates the index shows: ``key_events`` if set, else a number that grows
    with the collection (every date of a small one; about 4·sqrt(dates) for a large one)."""
    if config.key_events:
        return config.key_events
    return dates if dates <= 20 else max(20, round(4 * math.sqrt(dates)))


def select_key_dates(events: list[Event], config: Config, terms=term_weights,
                     form=None) -> list[KeyDate]:
    """Set ``salience`` and ``key`` on every event; return the key dates, in date order.
    ``terms`` is :func:`timeline.events.topic.term_weights` or a memo of it, ``form``
    :func:`timeline.events.salience.form_cost` or a memo of it (None: itself)."""
    for event in events:
        event.key, event.salience = False, 0.0
    shown = [e for e in events if not e.hidden]
    if not shown:
        return []
    from timeline.events.topicmatrix import fit_to_groups, learn_vectors

    # the topic's arithmetic on arrays, the same numbers as learn_topic's (topicmatrix)
    _, vectors, central = learn_vectors(
        [(e.id, e.text, float(len(e.citations) or 1)) for e in shown],
        config.topic, config.keywords, terms)
    entries = chronology_entries(shown)
    groups = group_by_date(shown)
    weigh_dates(groups, central, entries)
    _featured_first(groups)
    fits = fit_to_groups(vectors, [[e.id for e in g.events] for g in groups],
                         {e.id: report_weight(e) for e in shown})
    dated = []
    ranked = sorted(groups, key=lambda g: (-g.weight, g.start, g.value))
    for rank, group in enumerate(ranked):
        quality = event_quality(group, vectors, central, entries, fits, form)
        ordered = order_events(group.events, quality, vectors)
        summary = summary_of(ordered, quality, vectors)
        in_summary = {id(e) for e in summary}
        ordered = summary + [e for e in ordered if id(e) not in in_summary]
        _assign_salience(ordered, quality, group.weight, rank)
        dated.append((group, summary))
    wanted = key_date_count(config, len(groups))
    chosen = _choose(dated, wanted)
    key_dates = [_key_date(group, summary) for group, summary in chosen]
    return sorted(key_dates, key=lambda d: (d.start, d.end, d.value))


def _choose(dated: list[tuple[DateGroup, list[Event]]], wanted: int
            ) -> list[tuple[DateGroup, list[Event]]]:
    """The ``wanted`` key dates of ``dated`` (best first): featured ones, then the reporting's
    days, its coarse dates and the background, each by rank (see the module docstring)."""
    featured = [(g, s) for g, s in dated if any(e.featured for e in g.events)]
    rest = [(g, s) for g, s in dated if not any(e.featured for e in g.events)]
    if len(featured) + len(rest) <= wanted:
        return featured + rest
    tiers = ([(g, s) for g, s in rest if g.precision == "day" and not g.background],
             [(g, s) for g, s in rest if g.precision != "day" and not g.background],
             [(g, s) for g, s in rest if g.background])
    chosen = list(featured)
    key_days = {g.start for g, _ in featured if g.precision == "day"}
    for group, summary in (pair for tier in tiers for pair in tier):
        if len(chosen) >= wanted:
            break
        if group.precision != "day" and any(group.start <= day < group.end for day in key_days):
            continue
        chosen.append((group, summary))
        if group.precision == "day":
            key_days.add(group.start)
    return chosen


def _featured_first(groups: list[DateGroup]) -> None:
    """An editor's featured event puts its date above every date the collection ranks."""
    top = max((g.weight for g in groups), default=0.0)
    for group in groups:
        if any(e.featured for e in group.events):
            group.weight += top + 1.0


def _assign_salience(ordered: list[Event], quality: dict[str, float], weight: float,
                     rank: int) -> None:
    """The date's best event gets the date's weight; each next one the weight scaled by its
    quality relative to the best (never more than the one before it). A tiny rank term keeps
    dates of equal weight apart."""
    top = max(quality[ordered[0].id], 1e-9)
    share = 1.0
    base = max(weight, 0.0) + 1e-6 / (rank + 1)
    for position, event in enumerate(ordered):
        if position:
            previous = share
            share = min(previous * (1 - 1e-6), max(quality[event.id], 0.0) / top)
            if share <= 0.0:
                share = previous * 1e-3
        event.salience = base * share


def _key_date(group: DateGroup, summary: list[Event]) -> KeyDate:
    for event in group.events:
        event.key = event.featured  # an editor's featured event is always key
    for event in summary:
        event.key = True
    return KeyDate(value=group.value, precision=group.precision, start=group.start,
                   end=group.end, salience=group.weight, summary=summary,
                   events=sorted(group.events, key=lambda e: e.sort_key))
