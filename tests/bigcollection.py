"""A large made-up collection, events and source documents made directly (no tagger, no merge),
for the page-weight tests: tens of thousands of events shaped like a news archive's.

What it imitates, because that is what makes pages heavy: most events fall in one busy year
around one story, a few busy days carry hundreds of events each, background years have a few
coarse events, most events have one citation and a few widely reported ones have dozens, and
sentences, titles, slugs and URLs have the lengths of scraped news.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from timeline.events.headline import event_headline
from timeline.model import Article, Block, Citation, Event
from timeline.site.sourcepages import SourceDoc
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

PUBLISHERS = ("The Daily Courier", "Metro Wire", "Northern Herald", "Global News Service",
              "The Evening Post")
WORDS = ("officials", "said", "the", "company", "would", "after", "engineers", "well", "oil",
         "government", "report", "costs", "coast", "residents", "federal", "cleanup", "plan",
         "spokesman", "announced", "investigation", "millions", "barrels", "containment",
         "pressure", "vessel", "lawsuit", "hearing", "committee", "estimates", "crews")


@dataclass
class Collection:
    events: list[Event]
    docs: list[SourceDoc]

    @property
    def articles(self) -> list[Article]:
        return [doc.article for doc in self.docs]


def _sentence(rng: random.Random, expression: str) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(18, 40))]
    words.insert(rng.randint(3, len(words) - 2), expression)
    return " ".join(words).capitalize() + "."


def _value(rng: random.Random, busy: list[dt.date]) -> str:
    """A TimeML value: mostly days of the busy year, some of its busiest days, some months,
    and background years."""
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(busy).isoformat()
    if roll < 0.80:
        return (dt.date(2010, 4, 1) + dt.timedelta(days=rng.randrange(275))).isoformat()
    if roll < 0.88:
        return f"2010-{rng.randint(1, 12):02d}"
    if roll < 0.93:
        return (dt.date(2009, 1, 1) + dt.timedelta(days=rng.randrange(730))).isoformat()
    return str(rng.choice(range(1960, 2009)))


def make_collection(events: int = 40_000, per_article: int = 20,
                    seed: int = 17) -> Collection:
    """``events`` events from ``events / per_article`` articles, deterministic for ``seed``."""
    rng = random.Random(seed)
    busy = [dt.date(2010, 4, 20) + dt.timedelta(days=rng.randrange(120)) for _ in range(12)]
    made: list[Event] = []
    docs: list[SourceDoc] = []
    for number in range(events // per_article):
        published = dt.date(2010, 4, 21) + dt.timedelta(days=number % 240)
        publisher = PUBLISHERS[number % len(PUBLISHERS)]
        slug = f"{published.isoformat()}-{publisher.lower().replace(' ', '-')}-{number:05d}"
        sentences, dated = [], []
        offset = 0
        for index in range(per_article):
            value = _value(rng, busy)
            expression = f"on {value}"
            sentence = _sentence(rng, expression)
            start = offset + sentence.index(expression)
            dated.append((value, sentence, offset, start, start + len(expression), index))
            sentences.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(sentences)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize()
        article = Article(path=Path(f"content/{slug}.md"), slug=slug, title=title, text=text,
                          blocks=[Block("paragraph", 0, len(text))], source=publisher,
                          url=f"https://news.example.com/{published.year}/{slug}-story.html",
                          published=published)
        doc = SourceDoc(article, [])
        for value, sentence, s_start, t_start, t_end, index in dated:
            meaning = interpret(value)
            timex = Timex(t_start, t_end, text[t_start:t_end], "DATE", value, None,
                          meaning.precision, (meaning.start, meaning.end))
            doc.timexes.append(timex)
            event = Event(id=f"e{number:05d}-{index:02d}", value=value,
                          precision=meaning.precision, start=meaning.start, end=meaning.end,
                          text=sentence, citations=[Citation(article, sentence, s_start,
                                                             s_start + len(sentence), timex)])
            event.headline = event_headline(event)  # as the build gives every event one
            made.append(event)
            doc.event_of[t_start] = event.id
            doc.anchors.add(t_start)
        docs.append(SourceDoc(article, sorted(doc.timexes, key=lambda t: t.start),
                              doc.event_of, doc.anchors))
    _widely_reported(made, rng)
    return Collection(made, docs)


def _widely_reported(events: list[Event], rng: random.Random) -> None:
    """A few events are reported by many articles, as merging makes them: 1 in 100 gets 5 to
    60 citations (the citing articles' sentences stand for their own reports)."""
    for event in rng.sample(events, len(events) // 100):
        for other in rng.sample(events, rng.randint(4, 59)):
            event.citations.append(other.citations[0])
        event.independent_sources = len({c.article.source for c in event.citations})
