"""Placeholder until the grammar lands: finds nothing."""

from __future__ import annotations

import datetime as dt

from timeline.temporal.model import Timex

TAGGER_VERSION = "0"


def tag(text: str, anchor: dt.date | None = None, *, dayfirst: bool = False) -> list[Timex]:
    """Return the temporal expressions of ``text``, resolved against ``anchor``."""
    return []
