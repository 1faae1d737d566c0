"""Find temporal expressions in English news text and resolve them to TimeML values.

Library API::

    from timeline.temporal import tag
    timexes = tag("Kerry called on Saturday.", anchor=datetime.date(2014, 6, 15))

The finder and resolver live in :mod:`timeline.temporal.tagger`; what a value means on the
calendar (precision, interval, label) lives in :mod:`timeline.temporal.values`.
"""

from timeline.temporal.model import Timex
from timeline.temporal.tagger import TAGGER_VERSION, tag

__all__ = ["TAGGER_VERSION", "Timex", "tag"]
