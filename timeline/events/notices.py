"""Sentences about the page, not the story: a site's notices and a broadcaster's schedules.

A scraped page speaks about itself as well as about the news: "This diary has a new home on
our website since Monday", "Last week we switched this blog to new software", "Comments on this
page close at noon", "Hello and welcome to our live blog of tonight's count". And a
broadcaster's page prints when to listen or watch: "Listen to Harbour Talk, Radio 9, 1930 CET,
Friday 3 May; repeated 0800, Monday", "You can watch it at 11:00 on Monday". Each is dated, so
each would become an event (and, printed on a quiet day, a key date), yet neither says what
happened.

Both are recognised by their shape, in closed-class words of the web and of broadcasting, never
by a story's words:

* a **site notice** names the page or the site as "this" or "our" (this blog, this page, our
  website, this entry), or speaks as "we" of a blog, a website or a page;
* a **broadcast schedule** holds a clock time and addresses the audience ("Listen to",
  "Watch", "Tune in", "You can listen/watch/follow", "on air") or lists a showing ("is broadcast
  on", "repeated 1700").
"""

from __future__ import annotations

import re

SITE_NOTICE = "about the page (site notice)"
SCHEDULE = "broadcast schedule"

#: Not a bare "post" or "forum": "this post" is as often a job ("appointed to this post") and
#: "this forum" a meeting ("spoke at this forum") as a page.
_MEDIUM = (r"(?:blog|blogging|web\s?site|web\s?page|home\s?page|page|article|blog\s?post|entry"
           r"|live\s?blog|live\s+coverage|newsletter|feed|comments?\s+section|discussion\s+forum)")
#: The page or the site named as this one or ours ("this blog", "our new website").
_THIS_PAGE = re.compile(r"\b(?:this|our)\s+(?:(?:new|old|own)\s+)?" + _MEDIUM + r"s?\b",
                        re.IGNORECASE)
#: "We" speaking of a blog or a website, a few words apart ("we switched to new blogging
#: software", "the live blog, we had ..."), not a speaker's "we" quoted near a site's name.
_WEB = r"(?:blog|blogging|web\s?site|web\s?page|home\s?page|live\s?blog)s?"
_WE_WEB = re.compile(r"\bwe\b[^.;:\"\u201c\u201d]{0,40}?\b" + _WEB + r"\b|\b" + _WEB
                     + r"\b[^.;:\"\u201c\u201d]{0,40}?\bwe\b", re.IGNORECASE)

#: A clock time: "20:00", "8.30", "2000 BST", "1100GMT", "8 pm", "11:00 p.m.".
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{3,4}\s?(?:GMT|BST|UTC|CET|CEST|[ECMP][SD]?T)\b"
                    r"|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
#: Words addressed to an audience, or listing a showing.
_AUDIENCE = re.compile(r"^\W*(?:listen|watch|tune\s+in|catch)\b"
                       r"|\byou\s+can\s+(?:also\s+)?(?:listen|watch|follow|catch)\b"
                       r"|\bon\s+air\b|\b(?:is|are)\s+(?:broadcast|shown|aired|repeated)\s+on\b"
                       r"|\brepeated\s+(?:at\s+|on\s+)?\d", re.IGNORECASE)


#: Words one of which each pattern above needs, looked for first as plain substrings of the
#: lowercased sentence (most sentences hold none: no regular expression runs on them).
_AUDIENCE_WORDS = ("listen", "watch", "tune", "air", "broadcast", "shown", "repeated", "catch",
                   "follow")
_MEDIUM_WORDS = ("blog", "site", "page", "article", "entr", "coverage", "newsletter", "feed",
                 "comment", "forum")


def notice_reason(sentence: str) -> str | None:
    """Why ``sentence`` is about the page rather than the story (:data:`SITE_NOTICE` or
    :data:`SCHEDULE`), or None when it is not."""
    lower = sentence.lower()
    if (any(word in lower for word in _AUDIENCE_WORDS) and _CLOCK.search(sentence)
            and _AUDIENCE.search(sentence)):
        return SCHEDULE
    if any(word in lower for word in _MEDIUM_WORDS) and (
            _THIS_PAGE.search(sentence) or _WE_WEB.search(sentence)):
        return SITE_NOTICE
    return None
