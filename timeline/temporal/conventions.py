"""Annotation conventions that differ between corpora, as settings rather than one taste baked
in: a time written with its zone in local time or in UTC ("Z"), vague "now"/"currently"
tagged as the present or left alone, "on the day" tagged as the day told about or left alone.

The defaults are what a reader expects on the page. ``timeline eval --conventions`` and the
``conventions`` key of ``timeline.toml`` choose others, as ``name=choice`` items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from timeline.errors import TimelineError
from timeline.temporal import values
from timeline.temporal.model import Timex

#: name -> (choices, default first), with what each choice does.
CHOICES = {
    "zone": ("local", "utc"),  # "3:30 p.m. EDT": T15:30 (zone beside it) or T19:30Z
    "now": ("present", "untagged"),  # "now", "currently", "current": PRESENT_REF or no timex
    "the-day": ("told", "untagged"),  # "up 2% on the day": the day told about, or no timex
}

_VAGUE_NOW = re.compile(r"(?:right\s+)?now|currently|(?:then[\s-]+)?current", re.I)
_CLOCK = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)$")


@dataclass(frozen=True, slots=True)
class Conventions:
    zone: str = "local"
    now: str = "present"
    the_day: str = "told"

    @classmethod
    def parse(cls, items: Iterable[str], where: str | None = None) -> Conventions:
        """Conventions from ``name=choice`` items ("zone=utc"); a bad item is a TimelineError
        naming ``where`` and the choices."""
        chosen = {}
        for item in items:
            name, _, choice = item.strip().partition("=")
            name, choice = name.strip().lower(), choice.strip().lower()
            if name not in CHOICES or choice not in CHOICES[name]:
                known = "; ".join(f"{n}={'|'.join(c)}" for n, c in CHOICES.items())
                raise TimelineError(f"unknown convention {item.strip()!r}", where,
                                    hint=f"known: {known}")
            chosen[name.replace("-", "_")] = choice
        return cls(**chosen)

    @property
    def is_default(self) -> bool:
        return self == Conventions()

    def apply(self, timexes: list[Timex]) -> list[Timex]:
        """The tagger's output in these conventions (the defaults leave it as it is)."""
        out = []
        for timex in timexes:
            if self.now == "untagged" and timex.value == "PRESENT_REF" and (
                    _VAGUE_NOW.fullmatch(timex.text)):
                continue
            if self.the_day == "untagged" and timex.text.lower() == "the day":
                continue
            if self.zone == "utc" and timex.zone and timex.type == "TIME":
                timex = _in_utc(timex)
            out.append(timex)
        return out


def _in_utc(timex: Timex) -> Timex:
    """A time written with its zone, given in UTC: "3:30 p.m. EDT" T15:30 -> T19:30Z."""
    clock = _CLOCK.match(timex.value)
    if clock is None:
        return timex
    sign = -1 if timex.zone.startswith("-") else 1
    hours, minutes = (int(p) for p in timex.zone[1:].split(":"))
    local = dt.datetime.fromisoformat(f"{clock[1]}T{clock[2]}:{clock[3]}")
    utc = local - sign * dt.timedelta(hours=hours, minutes=minutes)
    value = utc.strftime("%Y-%m-%dT%H:%M") + "Z"
    meaning = values.interpret(value)
    interval = (meaning.start, meaning.end) if meaning else timex.interval
    return replace(timex, value=value, interval=interval, timeml_value=None)
