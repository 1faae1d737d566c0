"""Give each found expression its TimeML type, value and mod.

The :class:`Resolver` walks the expressions of one text in order. Deictic expressions ("last
week", "Friday") resolve against the anchor (publication date); anaphoric ones ("the next day",
"two days later", "a year earlier") against the last date the text mentioned. Without an anchor,
deictic values keep ``X`` for what cannot be known.

Each grammar rule of :mod:`timeline.temporal.patterns` has a handler ``_<rule>`` here. The
handlers live in one module per family of expressions, as mixins over :class:`ResolverBase`,
which holds the state they share (the anchor, the last date mentioned) and the choices they
all make (the direction a clause points, the year of a year-less date):

- :mod:`.calendar_dates`: days and months the calendar names ("Sept. 11, 2001", "3/22/2013")
- :mod:`.years`: years, decades, centuries and eras ("fiscal 2013", "the 1990s", "300 BC")
- :mod:`.holidays`: holidays ("Easter 2019", "last Thanksgiving", "Memorial Day weekend")
- :mod:`.seasons`: seasons ("last fall", "the spring of 2010")
- :mod:`.quarters`: quarters, halves and reporting periods ("the third quarter", "fiscal 1989")
- :mod:`.days`: days and weeks relative to the anchor ("Friday", "that day", "the weekend")
- :mod:`.relative`: counted and deictic offsets ("three days ago", "last week", "a year later")
- :mod:`.clock`: clock times and their zones ("3:30 p.m. EDT Tuesday")
- :mod:`.durations`: durations, sets and vague references ("three years", "every Monday", "now")

A handler for a composite expression calls the handlers of its parts through ``self``, whatever
family they are in: "noon Saturday" is a clock time on the day that ``_weekday_day`` finds.
"""

from timeline.temporal.resolve.base import Resolution, ResolverBase
from timeline.temporal.resolve.calendar_dates import CalendarDateRules
from timeline.temporal.resolve.clock import ClockRules
from timeline.temporal.resolve.days import DayRules
from timeline.temporal.resolve.durations import DurationRules
from timeline.temporal.resolve.holidays import HolidayRules
from timeline.temporal.resolve.quarters import QuarterRules
from timeline.temporal.resolve.relative import RelativeRules
from timeline.temporal.resolve.seasons import SeasonRules
from timeline.temporal.resolve.years import YearRules

__all__ = ["Resolution", "Resolver"]


class Resolver(CalendarDateRules, YearRules, HolidayRules, SeasonRules, QuarterRules, DayRules,
               RelativeRules, ClockRules, DurationRules, ResolverBase):
    """Resolves the expressions of one text, in order, remembering the last mentioned date."""
