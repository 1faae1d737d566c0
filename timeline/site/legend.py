"""The key to a timeline page: what its markers on the rail, its highlights and its kinds of
date label mean. Only what the page shows is explained, each label with an example taken
from the page itself ("week of 9 June 2014: 9–15 June 2014, Monday to Sunday").

Plain text only: the template escapes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.site.readings import span_text
from timeline.site.views import EventView
from timeline.temporal.values import describe

#: precisions the theme draws with the double ring: the event is somewhere in a longer period
COARSE = frozenset({"month", "season", "quarter", "half", "year", "decade", "century",
                    "millennium"})

MARKERS = {
    "key": "a key date: what mattered most, in its sources’ own sentences",
    "day": "an event dated to a day, a week or a time",
    "coarse": "an event dated only to a month, a season or a year: the day is not known",
    "expected": "expected: still to come when the source was published",
    "continued": "another event on the same date as the one above it",
}
HIGHLIGHTS = {
    "anchor": "the words that date the event",
    "other": "another date in the same sentence",
}
_MOD_WORDS = {"START": "early", "MID": "mid", "END": "late"}
#: kinds of label in the order the key lists them
_KINDS = ("time", "daypart", "weekend", "week", "range", "part", "bound", "month", "season",
          "quarter", "half", "year", "decade")


@dataclass
class Legend:
    markers: list[tuple[str, str]] = field(default_factory=list)  # (marker kind, meaning)
    highlights: list[tuple[str, str]] = field(default_factory=list)  # (mark kind, meaning)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (example label, meaning)


def legend(views: Iterable[EventView], *, index: bool = False) -> Legend:
    """The key to a page showing ``views``; ``index``: the key-event index, where every date
    on the rail is a key date."""
    views = list(views)
    kinds: list[str] = ["key"] if index else []
    if not index:
        present = {_marker(v) for v in views}
        kinds += [k for k in ("day", "coarse", "expected", "continued") if k in present]
    marks = ["anchor"] if any(v.event.citations for v in views) else []
    if any(c.citation.other_timexes for v in views for c in v.citations[:1]):
        marks.append("other")
    return Legend([(k, MARKERS[k]) for k in kinds], [(m, HIGHLIGHTS[m]) for m in marks],
                  label_examples(views))


def _marker(view: EventView) -> str:
    """The marker the theme draws for ``view`` on a period page (see timeline.css)."""
    if view.continued:
        return "continued"
    if view.event.status == "expected":
        return "expected"
    return "coarse" if view.event.precision in COARSE else "day"


def label_examples(views: Iterable[EventView], limit: int = 6) -> list[tuple[str, str]]:
    """One example of each kind of date label on the page, with what it means."""
    found: dict[str, tuple[str, str]] = {}
    for view in views:
        kind = label_kind(view)
        if kind and kind not in found:
            found[kind] = (view.label, label_meaning(kind, view))
    return [found[k] for k in _KINDS if k in found][:limit]


def label_kind(view: EventView) -> str:
    """Which kind of label ``view``'s date has; "" for a plain day, which needs no key."""
    event = view.event
    if event.end_value and event.end_value != event.value:
        return "range"
    if event.mod in _MOD_WORDS:
        return "part"
    if event.mod:
        return "bound"
    if event.precision in ("hour", "minute", "second"):
        return "time"
    if event.precision in ("daypart", "weekend", "week", "month", "season", "quarter", "half",
                           "year", "decade"):
        return event.precision
    return ""


def label_meaning(kind: str, view: EventView) -> str:
    event = view.event
    span = span_text(event.precision, event.start, event.end)
    plain = describe(event.value, None, event.end_value)
    return {
        "time": "a time of day, on the source's clock (its zone when the source gives one)",
        "daypart": "a part of the day, as the source names it",
        "weekend": f"{span}, Saturday and Sunday",
        "week": f"{span}, Monday to Sunday",
        "range": "from the first date to the last, as the source gives it; "
                 "placed at its start",
        "part": f"the source’s own words; the timeline places it in all of {plain}",
        "bound": f"the source gives only a bound; the timeline places it at {plain}",
        "month": "some day in that month: the source does not say which",
        "season": f"{span} (seasons of three months, winter from December)",
        "quarter": span,
        "half": span,
        "year": "some time in that year: the source does not say when",
        "decade": span,
    }[kind]
