"""Time-zone names written after a clock time ("3:30 p.m. EDT") as UTC offsets.

TimeML values carry no zone (the annotated news writes "5 p.m. EST" as ``T17:00``), so the
offset travels beside the value, as :attr:`Timex.zone`. Abbreviations that fix the offset
(EDT, CET) map directly; names that do not say whether summer time applies ("ET", "Eastern
time") are read on the day of the expression, from the IANA time-zone database.
"""

from __future__ import annotations

import datetime as dt
import re

#: Abbreviations whose offset does not depend on the date.
FIXED_OFFSETS = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "BST": "+01:00", "CET": "+01:00",
    "CEST": "+02:00", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
}

#: Names that mean standard or summer time depending on the day.
SEASONAL_ZONES = {
    "ET": "America/New_York", "EASTERN": "America/New_York", "CT": "America/Chicago",
    "CENTRAL": "America/Chicago", "MT": "America/Denver", "MOUNTAIN": "America/Denver",
    "PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
}

_NAME = re.compile(r"\b(?:(?:GMT|UTC)\s?(?P<sign>[+\u2212-])\s?(?P<hours>\d{1,2})"
                   r"(?::?(?P<minutes>\d\d))?"
                   r"|(?P<abbr>[ECMP][SD]T|GMT|UTC|BST|CEST|CET|ET|PT)\b"
                   r"|(?P<long>Eastern|Pacific|Central|Mountain)"
                   r"(?:\s+(?P<kind>Standard|Daylight))?\s+[Tt]ime)")


def utc_offset(text: str, day: str | None) -> str | None:
    """The UTC offset ("-04:00") of the zone named in ``text``, on ``day`` (YYYY-MM-DD) when
    the name leaves summer time open; None when no zone is named or it cannot be told."""
    m = _NAME.search(text)
    if not m:
        return None
    if m["sign"]:  # "UTC+2", "GMT-05:00"
        hours, minutes = int(m["hours"]), int(m["minutes"] or 0)
        if hours > 14 or minutes > 59:
            return None
        return f"{'+' if m['sign'] == '+' else '-'}{hours:02d}:{minutes:02d}"
    if m["abbr"] and m["abbr"] in FIXED_OFFSETS:
        return FIXED_OFFSETS[m["abbr"]]
    name = (m["abbr"] or m["long"]).upper()
    if m["kind"]:  # "Eastern Standard Time", "Pacific Daylight Time"
        return FIXED_OFFSETS.get(f"{name[0]}{m['kind'][0]}T")
    return _seasonal_offset(SEASONAL_ZONES[name], day)


def _seasonal_offset(zone: str, day: str | None) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only for the rare "ET": 2 ms to load

    try:
        noon = dt.datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=ZoneInfo(zone))
    except (TypeError, ValueError, ZoneInfoNotFoundError):  # no day, or no zone database
        return None
    offset = noon.utcoffset()
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
