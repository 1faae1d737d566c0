"""Judge what mattered: a salience for every event, and the key dates with their summaries.

This is the baseline the key-event work starts from: an event's salience is the number of
distinct articles that report it; a date's is the sum over its events; the key dates are the
most salient dates, each summarised by its most salient events. Editors' annotations win:
a featured event's date is always key, and hidden events take no part.
"""

from __future__ import annotations

import math
from collections import defaultdict

from timeline.config import Config
from timeline.model import Event, KeyDate

#: Sentences that summarise one key date, at most.
SUMMARY_SIZE = 3


def key_date_count(config: Config, dates: int) -> int:
    """How many key dates the index shows: ``key_events`` if set, else a number that grows
    with the collection (every date of a small one; about 4·sqrt(dates) for a large one)."""
    if config.key_events:
        return config.key_events
    return dates if dates <= 20 else max(20, round(4 * math.sqrt(dates)))


def select_key_dates(events: list[Event], config: Config) -> list[KeyDate]:
    """Set ``salience`` and ``key`` on every event; return the key dates, in date order."""
    shown = [e for e in events if not e.hidden]
    for event in events:
        event.key = False
        event.salience = float(len({str(c.article.path) for c in event.citations}))
    by_date: dict[tuple, list[Event]] = defaultdict(list)
    for event in shown:
        by_date[(event.value, event.precision, event.start, event.end)].append(event)
    dates = [_key_date(key, members) for key, members in by_date.items()]
    wanted = key_date_count(config, len(dates))
    featured = [d for d in dates if any(e.featured for e in d.events)]
    rest = sorted((d for d in dates if d not in featured),
                  key=lambda d: (-d.salience, d.start, d.value))
    chosen = featured + rest[:max(0, wanted - len(featured))]
    for date in chosen:
        for event in date.summary:
            event.key = True
    return sorted(chosen, key=lambda d: (d.start, d.end, d.value))


def _key_date(key: tuple, members: list[Event]) -> KeyDate:
    value, precision, start, end = key
    ranked = sorted(members, key=lambda e: (-e.featured, -e.salience, e.sort_key))
    return KeyDate(value=value, precision=precision, start=start, end=end,
                   salience=sum(e.salience for e in members),
                   summary=ranked[:SUMMARY_SIZE], events=sorted(members, key=lambda e: e.sort_key))
