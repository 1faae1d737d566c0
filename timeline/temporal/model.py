"""The tagger's output: one typed record per temporal expression found in a text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: TimeML TIMEX3 types. DATE and TIME anchor a timeline; DURATION and SET never do.
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: where it is, what it says, and what it means.

    ``start``/``end`` are character offsets into the tagged text (``text == source[start:end]``).
    ``value`` is a TimeML value (``2014-06-14``, ``2014-W25``, ``2013-FA``, ``P1Y``,
    ``PAST_REF``, ``XXXX-07-20``...). ``precision`` and ``interval`` are derived from the value by
    :func:`timeline.temporal.values.interpret`; ``interval`` is the half-open ``[start, end)``
    span of days the value covers, or ``None`` when the value names no calendar period
    (durations, sets, vague references, unresolved values). ``zone`` is the UTC offset
    (``-04:00``) of a time written with its zone ("3:30 p.m. EDT"); TimeML values carry none.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    precision: str | None = None
    interval: tuple[dt.date, dt.date] | None = None
    zone: str | None = None

    @property
    def anchors_timeline(self) -> bool:
        """True when this expression can date an event on a timeline."""
        return self.type in ("DATE", "TIME") and self.interval is not None

    def to_json(self) -> dict:
        """The JSON form used by ``timeline tag`` and the exports."""
        data = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            data["mod"] = self.mod
        if self.precision:
            data["precision"] = self.precision
        if self.interval:
            data["interval"] = [self.interval[0].isoformat(), self.interval[1].isoformat()]
        if self.zone:
            data["zone"] = self.zone
        return data
