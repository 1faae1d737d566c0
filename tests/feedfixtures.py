"""Hand-made articles and events for the publishing tests (no tagger or build needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

WSJ = Article(path=Path("content/wsj.txt"), slug="wsj", title="Iraq & Iran <talks>",
              text="", source="The Wall Street Journal", authors=["Jay Solomon"],
              url="https://www.wsj.com/articles/iraq",
              published=dt.datetime(2014, 6, 15, 18, 30, tzinfo=dt.UTC))
BLOG = Article(path=Path("content/blog.txt"), slug="blog", title="Blog reprint",
               text="", source="Blog reprint", url="javascript:alert(1)",
               published=dt.date(2014, 6, 16))


def make_event(value: str, text: str, *, articles=(WSJ,), event_id: str | None = None,
               mod: str | None = None, status: str = "reported", tags=(),
               end_value: str | None = None, doubt: str | None = None) -> Event:
    meaning = interpret(value)
    assert meaning is not None, value
    end = interpret(end_value).end if end_value else meaning.end
    timex = Timex(0, 1, "x", "DATE", value, mod, meaning.precision, (meaning.start, end),
                  end_value=end_value, doubt=doubt)
    citations = [Citation(a, text, 0, len(text), timex) for a in articles]
    return Event(id=event_id or f"e-{value}", value=value, precision=meaning.precision,
                 start=meaning.start, end=end, text=text, citations=citations, mod=mod,
                 status=status, tags=list(tags), end_value=end_value, doubt=doubt)


def sample_events() -> list[Event]:
    return [
        make_event("2014-06-14", 'Kerry called Zebari; "options" <b>& more</b>, said; he',
                   articles=(WSJ, BLOG)),
        make_event("2014-W25", "The U.S.-Iran dialogue is expected to begin this week.",
                   status="expected"),
        make_event("2014-07", "An agreement by late July, says =HYPERLINK(\"x\").", mod="END"),
        make_event("2013-FA", "The UN General Assembly called for talks last fall."),
        make_event("2003", "-the U.S.-led invasion of Iraq in 2003."),
        make_event("2014-06-16T10:30", "Talks begin at 10:30 in Vienna \x0c on Monday."),
    ]


# -- a whole rendered site from hand-made articles (independent of the tagger) ----------------

SENTENCES = (
    ("Kerry called Zebari on Saturday.", "on Saturday", "2014-06-14"),
    ("The talks start Monday in Vienna.", "Monday", "2014-06-16"),
    ('Militants wrote "</script><script>alert(1)</script>" & more in 2003.', "2003", "2003"),
    ("A deal is due by late July.", "late July", "2014-07"),
)


def sample_articles() -> tuple[list[Article], list[Event], list]:
    """Two articles (one with a javascript: URL) whose sentences date four events; returns
    (articles, events, SourceDocs) ready for :func:`timeline.site.render.render_site`."""
    from timeline.model import Block
    from timeline.site.render import SourceDoc

    articles, events, docs = [], [], []
    for slug, title, url, picked in (
        ("wsj-original", "Iraqi militants <claim> executions", "https://www.wsj.com/x", (0, 1, 2)),
        ("blog-reprint", "Blog & reprint", "javascript:alert(1)", (1, 3)),
    ):
        text = " ".join(SENTENCES[i][0] for i in picked)
        article = Article(path=Path(f"content/{slug}.txt"), slug=slug, title=title, text=text,
                          blocks=[Block("paragraph", 0, len(text))], source="The Journal",
                          authors=["A. Reporter"], url=url,
                          published=dt.datetime(2014, 6, 15, tzinfo=dt.UTC))
        doc = SourceDoc(article, [])
        for index in picked:
            sentence, expression, value = SENTENCES[index]
            s_start = text.index(sentence)
            t_start = s_start + sentence.index(expression)
            meaning = interpret(value)
            mod = "END" if expression == "late July" else None
            timex = Timex(t_start, t_start + len(expression), expression, "DATE", value, mod,
                          meaning.precision, (meaning.start, meaning.end))
            doc.timexes.append(timex)
            event = next((e for e in events if e.value == value), None)
            if event is None:
                event = Event(id=f"ev-{value.lower()}", value=value, precision=meaning.precision,
                              start=meaning.start, end=meaning.end, text=sentence, mod=mod)
                events.append(event)
            event.citations.append(Citation(article, sentence, s_start,
                                            s_start + len(sentence), timex))
            doc.event_of[t_start] = event.id
            doc.anchors.add(t_start)
        articles.append(article)
        docs.append(doc)
    return articles, events, docs


def render_sample_site(out: Path, config) -> Path:
    """Render, export and finalize the sample site into ``out`` like the build does."""
    from timeline.site.exports import write_exports
    from timeline.site.render import render_site
    from timeline.site.seo import finalize_site

    articles, events, docs = sample_articles()
    out.mkdir(parents=True, exist_ok=True)
    render_site(out, config, events, docs)
    write_exports(out, events, config)
    finalize_site(out, config, events, articles)
    return out
