"""What each saved sample page (``tests/ingest/pages/``) holds: written by hand from the pages,
not produced by the extractor. ``body`` is article text that must be imported; ``furniture``
is page text around it (navigation, bylines, comments, related links, promotions, cookie
notices, footers) that must not be. Much of the furniture carries dates ("on Thursday",
"March 15, 2019 at 8:02 am") so that any of it leaking in would also show as a false event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

PAGES = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class Sample:
    file: str
    body: list[str]
    furniture: list[str]
    title: str
    authors: list[str] = field(default_factory=list)
    source: str = ""
    url: str | None = None
    date: dt.date | dt.datetime | None = None
    language: str | None = None

    @property
    def path(self) -> Path:
        return PAGES / self.file


NEWS = Sample(
    file="news.html",
    title="Ferry crews strike after pay talks collapse",
    authors=["Maria Okafor", "Tom Whitcombe"],
    source="The Harbour Courier",
    url="https://www.harbourcourier.example/news/2019/mar/12/ferry-crews-strike-pay-talks",
    date=dt.datetime(2019, 3, 12, 7, 45, tzinfo=dt.UTC),
    language="en-GB",
    body=[
        "Ferry crews in Port Ellery walked off the job on Monday night after eleven hours of "
        "pay talks ended without a deal",
        "The union said the strike would last until Friday unless the operator",
        "called the walkout “premature and damaging”",
        "A second strike this year",
        "It is the second stoppage since January, when crews refused overtime",
        "“We cannot go through that again,” said Aisha Rahman",
        "The council will hold an emergency meeting on Wednesday",
    ],
    furniture=[
        "We use cookies", "cookie policy", "Today's paper", "Coastguard rescues two sailors",
        "Breaking", "Advertisement", "Holiday cottages", "Read more",
        "Bridge repairs to close the ring road", "Ferry overtime ban to go ahead",
        "Share on Facebook", "Email this story", "Morning Briefing", "every weekday at 6am",
        "Most read", "marina plan", "Fishing quotas", "Regatta moved", "142 comments",
        "Harbourwatcher", "should have settled last week", "Commuter99",
        "I will drive round by the bridge", "Contact us", "All rights reserved",
        "By Maria Okafor", "Tue 12 Mar 2019",
    ],
)

BLOG = Sample(
    file="blog.html",
    title="What the ferry strike means for the island schools",
    authors=["Gwen Parry"],
    source="Notes from the Estuary",
    url="https://estuarynotes.example/2019/03/14/ferry-strike-island-schools/",
    date=dt.datetime(2019, 3, 14, 21, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    language="en-GB",
    body=[
        "Three of the island’s four primary schools will close on Thursday",
        "told parents in a letter on Tuesday that lessons would move online",
        "I spoke to two parents this afternoon",
        "“We were told on Tuesday night, by text, and that was all,” one mother said.",
        "the storms of February 2014",
        "If the strike runs into next week, the county says it will charter a private boat",
        "Update, 16 March: a reader points out",
    ],
    furniture=[
        "Skip to content", "A local blog since 2009", "Archives", "Posted on", "by Gwen Parry",
        "March 14, 2019", "Share this", "Like this", "Loading", "Related",
        "Ferry timetable changes from April", "Remembering the storms", "Posted in",
        "Tagged", "Previous post", "harbour wall", "thoughts on", "Dafydd", "says:",
        "My daughter’s school is staying open on Friday", "Ruth M.",
        "never came until the Saturday after", "Leave a Reply",
        "Your email address will not be published", "Recent Posts", "Lifeboat day",
        "February 2019", "Proudly powered by WordPress",
    ],
)

WIRE = Sample(
    file="wire.html",
    title="Transport minister orders inquiry into Port Ellery ferry dispute",
    authors=["Lena Brandt"],
    source="Continental Press Agency",
    url="https://www.cpa-wire.example/article/uk-ferry-inquiry-idUSKCN1QT1AB",
    # The page shows "March 12, 2019 / 10:32 AM EDT"; its script data holds an *updated*
    # time (18:40Z) that must not be taken for the publication time.
    date=dt.datetime(2019, 3, 12, 10, 32, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
    language="en",
    body=[
        "LONDON, March 12 (CPA) - The transport minister on Tuesday ordered an inquiry",
        "the inquiry would report by the end of April",
        "Estuary Lines, which has run the service since 2006",
        "Union officials said the strike, which began on Monday night, would continue until "
        "at least Friday.",
        "The operator carried about 2.1 million passengers last year",
    ],
    furniture=[
        "Markets", "Breakingviews", "FTSE", "quotes delayed", "World News", "Updated 6 years ago",
        "3 Min Read", "Related Coverage", "Union vote on ferry pay deal",
        "Estuary Lines profit falls", "Trust Principles", "Sponsored", "retirement saving",
        "rate decision", "Trending Stories", "Markets rally", "Airline cancels",
        "Advertise with Us", "Follow CPA",
    ],
)

GAZETTE = Sample(
    file="local.html",  # an old table layout, paragraphs as <br><br>, windows-1252
    title="Lifeboat crew called out twice in one night",
    date=dt.date(2019, 3, 13),
    language="en",
    body=[
        "The Port Ellery lifeboat was launched twice on Tuesday night",
        "shortly after 2 a.m. on Wednesday, the coxswain, Seán O’Neill, said. Nobody needed "
        "hospital treatment.",
        "more people are crossing in their own small boats",
        "The lifeboat station will hold an open day on Saturday, April 6",
    ],
    furniture=[
        "Serving the estuary since 1884", "Front page", "Family notices", "Archive 1998",
        "Thursday: showers", "Staff Reporter", "Printer friendly", "Email to a friend",
        "Comments (3)", "seadog", "Well done to the crew", "they’ve never",
        "jb_ellery", "Saw the boat go out at midnight", "Also in Local news", "Chip shop",
        "Library opening hours cut from Monday", "WebWorks", "Advertise in the Gazette",
    ],
)

EXPLAINER = Sample(
    file="undated.html",  # a council page that states no date anywhere
    title="How the estuary crossing works",
    source="Port Ellery Council",
    language="en-GB",
    body=[
        "Ferries leave the north pier every 30 minutes on weekdays",
        "The crossing takes about twenty minutes.",
        "which adds about an hour to the journey",
    ],
    furniture=[
        "Bins and recycling", "Council tax", "Search the council website", "essential cookies",
        "Related pages", "Roadworks this week", "Parking permits for next year",
        "Was this page helpful",
    ],
)

ARTICLES = [NEWS, BLOG, WIRE, GAZETTE]  # the ones with a publication date
ALL = [*ARTICLES, EXPLAINER]
