"""Sentences about the page (site notices, broadcast schedules) told from reports that use the
same words of the web or of broadcasting about something that happened."""

from __future__ import annotations

import pytest

from timeline.events.notices import SCHEDULE, SITE_NOTICE, notice_reason


@pytest.mark.parametrize("sentence, reason", [
    ("Since Tuesday this diary lives on our new website.", SITE_NOTICE),
    ("Comments on this page close at noon on Friday.", SITE_NOTICE),
    ("On 2 May we switched the blog to new software.", SITE_NOTICE),
    ("Read this blog post from Thursday for the background.", SITE_NOTICE),
    ("Listen to Harbour Talk, Radio 9, 1930 CET, Friday 3 May.", SCHEDULE),
    ("You can watch the debate at 21:00 on Monday.", SCHEDULE),
])
def test_notices_and_schedules_are_about_the_page(sentence, reason):
    assert notice_reason(sentence) == reason


@pytest.mark.parametrize("sentence", [
    # "this post" is a job as often as a page, "this forum" a meeting
    "She was appointed to this post in March 2009.",
    "Ministers spoke at this forum on Tuesday, promising new rules.",
    # an official's website or a watched event in a report
    "The agency said on Monday its website had been hacked.",
    "The minister will watch the vote at 10:00 on Monday.",
    "Residents can follow the hearing from 9:30 on Monday.",
])
def test_reports_with_the_same_words_are_not_notices(sentence):
    assert notice_reason(sentence) is None
