"""How much each date matters to the collection, and how well each event says what happened.

A date's weight is the number of distinct articles that report something on it, each article
counted by how central its best sentence on that date is to the collection's topic
(:mod:`timeline.events.topic`): a date that many articles keep coming back to, in sentences
about the story, is a key date; incidental mentions in off-topic sentences count little.
Reports from other days (an article recalling the day, or announcing it beforehand) count
more than same-day coverage, since they show the day was remembered. A day that stands out
from the days around it gains over one in a stretch of days reported as much (a burst in the
coverage marks a happening; a busy fortnight of daily reports marks a story's height), and
a day of a quiet month gains over one of the month the collection published most in (the
story's height fills a month with reports; the key days of its quieter months are reported by
fewer articles because fewer were written).
A date listed in a chronology that a journalist printed in an article ("* 12 May - ...") is
one the journalist chose as a key date: it gains for each article that lists it. Coarse dates
(a month, a year) are weighed down, and dates long before the collection's own reporting
(historical background) further still.

Within a date, an event's quality is how central its sentence is to that date's reports and
to the whole topic: the sentence that best says what the date's articles say. An entry of a
chronology printed in an article ranks higher (a journalist already chose it to sum the date
up); a sentence about what is expected to happen ranks below reports of what did, one whose
date only bounds a span ("since 3 May", "by Friday") below one telling what happened that day,
and a long sentence, a piece of one or two glued together (a page's headline run into its
first sentence) or a photo caption below a concise whole statement.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from timeline.events.chronology import date_led
from timeline.events.shapes import glued_at
from timeline.events.topic import Vector, centroid, cosine
from timeline.model import Citation, Event

#: Precisions that mean "on this day" (a time of the day is still that day).
DAY_OR_FINER = frozenset({"day", "daypart", "hour", "minute", "second", "time"})
#: A coarse date's weight is scaled by this: the reader's timeline is made of days.
PRECISION_WEIGHT = {"weekend": 0.6, "week": 0.5, "month": 0.3, "season": 0.25, "quarter": 0.25,
                    "half": 0.2, "year": 0.15}
COARSEST_WEIGHT = 0.1  # decade, century, millennium
#: A report from another day counts this much more than one published on the day itself.
OTHER_DAY_BONUS = 0.5
#: Dates ending this long before the collection's first article are background: weighed down.
BACKGROUND_AFTER = dt.timedelta(days=31)
BACKGROUND_WEIGHT = 0.3
#: A day's weight is compared with the days this far either side of it (a news week)...
BURST_WINDOW = dt.timedelta(days=7)
#: ... and scaled by (its weight / their mean weight) to this power (1 for an even stretch).
BURST_POWER = 0.25
#: A day's weight is scaled by (the mean count of articles published within this of a day /
#: the count for this day) to this power: coverage normalised by the story's volume at the time.
#: (tls-dev, news-tls scorer: bpoil Date F1 0.622 -> 0.633 at powers 0.4-0.55 and windows of
#: 30-45 days, -> 0.646 at 0.6; H1N1 0.830 at all of these, 0.802 from 0.65 at 30 days.)
COVERAGE_WINDOW = dt.timedelta(days=30)
COVERAGE_POWER = 0.5
#: ... but a day of a quiet stretch gains at most this much: the few pages a collection holds
#: from before the story broke are often about something else (tls-dev: H1N1's index took four
#: off-topic days of its quiet first month without it, one at 2; scores the same from 2 up,
#: one timeline's AR-1 0.110 -> 0.102 at 1.5).
COVERAGE_MAX = 2.0
#: A sentence announcing what is expected says less about what happened than a report does.
EXPECTED_PENALTY = 0.3
#: A date that opens or closes a span ("since 3 May", "until Friday", "by the 12th", "as of
#: noon", "from 4 June") tells what has gone on over the span, not what happened that day.
#: (tls-dev, ROUGE of each gold date's most salient sentences, approximated: bpoil R-2
#: 0.049 -> 0.053, H1N1 R-1 0.176 -> 0.177 at 0.1-0.4.)
SPAN_PENALTY = 0.2
_SPAN_BOUND = re.compile(r"\b(?:since|until|till|through|by|as\s+of|from)\s+(?:the\s+)?$",
                         re.IGNORECASE)
#: A line of a chronology is a journalist's own one-sentence summary of its date.
CHRONOLOGY_BONUS = 0.2
#: ...and a date a chronology lists is one a journalist chose as a key date: its weight is
#: scaled by 1 + this for each article whose chronology lists it. (tls-dev, news-tls scorer:
#: bpoil Date F1 0.604 -> 0.620-0.622 at 0.2-0.7, AR-2 0.043 either way; H1N1 prints none.)
CHRONOLOGY_DATE_BONUS = 0.5
#: A summary sentence is one short statement: each word past this many costs LENGTH_COST.
#: (tls-dev, news-tls scorer, all 8 timelines AR-1 / AR-2: 0.148 / 0.037 without,
#: 0.150 / 0.039 at 0.006, 0.147 / 0.037 at 0.012.)
CONCISE_WORDS = 25
LENGTH_COST = 0.006
#: A sentence that opens in lower case, with a closing bracket (the end of a stock ticker,
#: "ACME.L)"), a dash run or other punctuation was split in the wrong place: it reads badly.
FRAGMENT_PENALTY = 0.3
_FRAGMENT = re.compile(r"[a-z]|[A-Z]{1,2}\)|[-\u2013\u2014]{1,2}\s|[)\],;:]")
#: A photo caption closes with the picture's full date ("..., off the coast, Sunday, May 9,
#: 2021."): it says what a picture shows, not what happened; it costs FRAGMENT_PENALTY too.
_CAPTION_DATE = re.compile(r",\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+[A-Z][a-z]+\.?"
                           r"\s+\d{1,2},\s+\d{4}\W*$")
@dataclass(slots=True)
class DateGroup:
    """The shown events on one date (sub-day precisions fold into their day)."""

    value: str
    precision: str
    start: dt.date
    end: dt.date
    events: list[Event] = field(default_factory=list)
    weight: float = 0.0  # how much the date matters (see module docstring)
    background: bool = False  # ends long before the collection's first report


def date_key(event: Event) -> tuple:
    """The date an event belongs to on the key-event timeline: its day when it is dated to a
    day or finer, else its own value."""
    if event.precision in DAY_OR_FINER:
        day = event.start
        return (day.isoformat(), "day", day, day + dt.timedelta(days=1))
    return (event.value, event.precision, event.start, event.end)


def group_by_date(events: list[Event]) -> list[DateGroup]:
    groups: dict[tuple, DateGroup] = {}
    for event in events:
        key = date_key(event)
        if key not in groups:
            groups[key] = DateGroup(*key)
        groups[key].events.append(event)
    return list(groups.values())


def weigh_dates(groups: list[DateGroup], central: dict[str, float],
                entries: frozenset[str] | set[str] = frozenset()) -> None:
    """Set :attr:`DateGroup.weight` on every group (see the module docstring), given each
    event's centrality to the topic (event id -> 0..1) and the ids of the events that are
    entries of a chronology printed in an article (:mod:`timeline.events.chronology`)."""
    published = [c.article.published_date for g in groups for e in g.events
                 for c in e.citations if c.article.published_date]
    first_report = min(published) if published else None
    for group in groups:
        best: dict[str, tuple[float, dt.date | None]] = {}  # article -> (centrality, published)
        for event in group.events:
            centrality = central[event.id]
            for citation in event.citations:
                article = str(citation.article.path)
                if centrality > best.get(article, (-1.0, None))[0]:
                    best[article] = (centrality, citation.article.published_date)
        weight = 0.0
        for centrality, day in best.values():
            other_day = day is not None and not (group.start <= day < group.end)
            weight += max(centrality, 0.0) * (1.0 + (OTHER_DAY_BONUS if other_day else 0.0))
        weight *= PRECISION_WEIGHT.get(group.precision, 1.0 if group.precision == "day"
                                       else COARSEST_WEIGHT)
        group.background = bool(first_report and group.end < first_report - BACKGROUND_AFTER)
        if group.background:
            weight *= BACKGROUND_WEIGHT
        group.weight = weight
    _weigh_bursts(groups, first_report - BACKGROUND_AFTER if first_report else None)
    _weigh_coverage(groups)
    if entries:
        for group in groups:
            group.weight *= 1.0 + CHRONOLOGY_DATE_BONUS * len(_listing(group, entries))


def _listing(group: DateGroup, entries: frozenset[str] | set[str]) -> set[str]:
    """The articles whose chronology lists the group's date."""
    return {str(c.article.path) for e in group.events if e.id in entries
            for c in e.citations if date_led(c)}


def _weigh_bursts(groups: list[DateGroup], reporting: dt.date | None) -> None:
    """Scale each day's weight by how far it stands out from the days around it (burstiness,
    as in Chieu & Lee 2004): its weight over the mean weight of the days within
    :data:`BURST_WINDOW`, to the power :data:`BURST_POWER`. Coverage is uneven (dozens of
    articles a day at a story's height, a few later on), so a day that many of the busy days'
    articles mention is less telling than one that stands out from a quiet week. Days before
    ``reporting`` (background, long before the collection's first report) are left as they
    are: with no coverage around them, every one of them would stand out."""
    days = {g.start: g.weight for g in groups if g.precision == "day"}
    width = BURST_WINDOW.days
    for group in groups:
        if group.precision != "day" or group.weight <= 0:
            continue
        if reporting is not None and group.end < reporting:
            continue
        around = sum(days.get(group.start + dt.timedelta(days=offset), 0.0)
                     for offset in range(-width, width + 1))
        group.weight *= (group.weight * (2 * width + 1) / around) ** BURST_POWER


def _weigh_coverage(groups: list[DateGroup]) -> None:
    """Scale each day within the reporting by how little the collection published around it:
    the mean, over those days, of the articles published within :data:`COVERAGE_WINDOW` of a
    day, over that count for this day, to the power :data:`COVERAGE_POWER`. A story's height
    fills a month with reports that mention its days again and again; the key days of its
    quieter months are reported by fewer articles because fewer are written, not because they
    matter less. A day gains at most :data:`COVERAGE_MAX`. Days before the first report or
    after the last are left as they are."""
    published = sorted({str(c.article.path): c.article.published_date for g in groups
                        for e in g.events for c in e.citations
                        if c.article.published_date}.values())
    if not published:
        return
    days = [g for g in groups if g.precision == "day" and g.weight > 0
            and published[0] <= g.start <= published[-1]]
    counts = [bisect_right(published, g.start + COVERAGE_WINDOW)
              - bisect_left(published, g.start - COVERAGE_WINDOW) for g in days]
    if not days:
        return
    mean = sum(counts) / len(counts)
    for group, count in zip(days, counts, strict=True):
        group.weight *= min(COVERAGE_MAX, (mean / max(count, 1)) ** COVERAGE_POWER)


def event_quality(group: DateGroup, vectors: Mapping[str, Vector], central: dict[str, float],
                  entries: frozenset[str] | set[str] = frozenset(),
                  fits: dict[str, float] | None = None, form=None) -> dict[str, float]:
    """Each event's quality (id -> about 0..2): centrality to the date's reports + to the topic,
    plus :data:`CHRONOLOGY_BONUS` for an entry of a journalist's chronology (ids in
    ``entries``, see :mod:`timeline.events.chronology`), less :data:`EXPECTED_PENALTY` for an
    announcement of what is to come. ``fits``: each event's centrality to its date's reports
    if already computed for every date at once
    (:func:`timeline.events.topicmatrix.fit_to_groups`). ``form`` is :func:`form_cost` or a
    memo of it."""
    cost = form or form_cost
    if fits is None:
        reports = centroid((vectors[e.id], report_weight(e)) for e in group.events)
        fits = {e.id: cosine(vectors[e.id], reports) for e in group.events}
    return {e.id: fits[e.id] + central[e.id]
            + (CHRONOLOGY_BONUS if e.id in entries else 0.0)
            - (EXPECTED_PENALTY if e.status == "expected" else 0.0)
            - (SPAN_PENALTY if bounds_a_span(e.citations[0]) else 0.0)
            - cost(e.text, e.citations[0].article.text if e.citations else None)
            for e in group.events}


def bounds_a_span(citation: Citation) -> bool:
    """True when the citation's date opens or closes a span ("since 3 May", "by Friday")
    rather than dating what the sentence tells."""
    start = citation.timex.start - citation.sentence_start
    if not 0 < start <= len(citation.sentence):
        return False
    return _SPAN_BOUND.search(citation.sentence, max(0, start - 12), start) is not None


def form_cost(text: str, page: str | None = None) -> float:
    """What a sentence's form costs it as a summary: each word past :data:`CONCISE_WORDS`
    (a long sentence says several things, or carries page text run into it: a headline
    before the lead, a photo credit), and :data:`FRAGMENT_PENALTY` for a piece of a sentence
    cut at the wrong place ("said on Monday that ...", "L) shares fell ..."), again for two
    run together (``page``: the text of the page it is on, see
    :func:`timeline.events.shapes.glued_at`), and for a photo caption."""
    cost = LENGTH_COST * max(0, len(text.split()) - CONCISE_WORDS)
    if _FRAGMENT.match(text):
        cost += FRAGMENT_PENALTY
    if glued_at(text, page):
        cost += FRAGMENT_PENALTY
    if _CAPTION_DATE.search(text):
        cost += FRAGMENT_PENALTY
    return cost


def report_weight(event: Event) -> float:
    """How much an event counts towards its date's reports: the articles that report it."""
    return float(len(_articles(event)))


def _articles(event: Event) -> set[str]:
    return {str(c.article.path) for c in event.citations} or {event.id}
