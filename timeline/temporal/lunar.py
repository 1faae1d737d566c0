"""The Gregorian date of a lunar or lunisolar holiday ("Eid al-Fitr", "Chinese New Year").

Their dates follow the moon (and, for the Eids, its sighting), so they come from the
``holidays`` package, which keeps each country's calendar, rather than from rules of our own.
It is imported only when a text names such a holiday: it costs ~30 ms to load.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache

from timeline.temporal.lexicon import LUNAR_HOLIDAYS


def lunar_holiday(name: str, year: int) -> dt.date | None:
    """The first day of the holiday ``name`` (a key of ``LUNAR_HOLIDAYS``) in ``year``, or
    None when the calendar has no date for it that year."""
    country, listed = LUNAR_HOLIDAYS[name]
    days = [day for day, names in _holidays(country, year).items()
            if any(part.startswith(listed) and "(observed)" not in part
                   for part in names.split("; "))]
    return min(days, default=None)


@lru_cache(maxsize=256)
def _holidays(country: str, year: int) -> dict[dt.date, str]:
    import holidays

    with warnings.catch_warnings():  # "available only from 2001 to 2035": then none, quietly
        warnings.simplefilter("ignore")
        try:
            # Hanukkah and Purim are "optional" and "school" days in Israel's list, not public
            every_kind = holidays.country_holidays(country).supported_categories
            return dict(holidays.country_holidays(country, years=year, language="en_US",
                                                  categories=every_kind))
        except (NotImplementedError, KeyError, ValueError, OverflowError):
            return {}
