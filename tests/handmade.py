"""Test helper: a small site rendered from a hand-made article and hand-made time expressions,
so rendering can be tested without the tagger."""

from __future__ import annotations

import re
from pathlib import Path

from timeline.config import Config
from timeline.events.extract import build_events
from timeline.ingest.content import load_article
from timeline.pipeline.build import ArticleResult, source_docs
from timeline.site.exports import write_exports
from timeline.site.render import render_site
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

STORY = """---
title: "Talks <b>& more</b>"
source: Example <News>
url: https://example.org/story?a=1&b=2
date: 2014-06-15
---
Kerry called Zebari on Saturday. The talks start Monday in [Vienna](https://example.org/v).

Rouhani spoke <script>alert("x")</script> last fall, not over the past year.

The deal is due by late July. The invasion of Iraq in 2003 changed everything.

They met this week, said Sen. Lindsey Graham (R., S.C.).
"""

PHRASES = {
    "on Saturday": ("2014-06-14", "DATE", None),
    "Monday": ("2014-06-16", "DATE", None),
    "last fall": ("2013-FA", "DATE", None),
    "over the past year": ("P1Y", "DURATION", None),
    "late July": ("2014-07", "DATE", "END"),
    "in 2003": ("2003", "DATE", None),
    "this week": ("2014-W25", "DATE", None),
}


def hand_tag(text: str) -> list[Timex]:
    found = []
    for phrase, (value, type_, mod) in PHRASES.items():
        for match in re.finditer(re.escape(phrase), text):
            start = match.start()
            meaning = interpret(value)
            found.append(Timex(start, start + len(phrase), phrase, type_, value, mod,
                               meaning.precision if meaning else None,
                               (meaning.start, meaning.end) if meaning else None))
    return sorted(found, key=lambda t: t.start)


def build_handmade_site(tmp_path: Path, extra: str = "") -> Path:
    """Render the hand-made story (plus ``extra`` paragraphs) into ``tmp_path/out``."""
    config = Config(root=tmp_path, title="Test <timeline>")
    (tmp_path / "content").mkdir()
    story = tmp_path / "content" / "story.md"
    story.write_text(STORY + ("\n" + extra if extra else ""), encoding="utf-8")
    article = load_article(story, config)
    timexes = hand_tag(article.text)
    events = build_events(article, timexes)
    result = ArticleResult(story, article, timexes, events)
    out = tmp_path / "out"
    render_site(out, config, events, source_docs([result], events))
    write_exports(out, events, config)
    return out
