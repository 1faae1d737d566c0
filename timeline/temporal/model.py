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

    A range ("June 3-5", "1957-58", "from Monday to Wednesday") is one expression: ``value`` is
    its first point, ``end_value`` its last, ``interval`` spans both, and ``parts`` holds the
    two points as TimeML marks them (two TIMEX3s; empty when TimeML marks the range as one).
    A count from a named date ("100 days after Jan. 20") is one DATE too, whose ``parts`` are
    the count and the date, as TimeML marks them.
    ``doubt`` says why a resolution may be wrong ("a quotation of an older message: read
    against the publication date"); such an expression is shown as uncertain.
    ``timeml_value`` is TimeML's spelling of the value when it differs: midnight ending a day
    is ``T24:00`` there, but ``T00:00`` of the next day everywhere else.
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
    end_value: str | None = None
    parts: tuple[Timex, ...] = ()
    doubt: str | None = None
    timeml_value: str | None = None

    @property
    def is_range(self) -> bool:
        return self.end_value is not None

    def timeml(self) -> tuple[Timex, ...]:
        """The TIMEX3s TimeML marks for this expression: a range's points, else itself, each
        with TimeML's spelling of its value."""
        if self.parts:
            return tuple(p for part in self.parts for p in part.timeml())
        if self.timeml_value is None and self.end_value is None:
            return (self,)
        return (Timex(self.start, self.end, self.text, self.type,
                      self.timeml_value or self.value, self.mod, self.precision, self.interval,
                      self.zone),)

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
        if self.end_value:
            data["end_value"] = self.end_value
        if self.doubt:
            data["doubt"] = self.doubt
        return data
