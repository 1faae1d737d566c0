"""timeline.events.setaside: events from set-aside text are dropped, or trimmed to the part
that is used and dated again by it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.events.extract import build_events
from timeline.events.notices import SCHEDULE, SITE_NOTICE
from timeline.events.setaside import SOCIAL, drop_set_aside
from timeline.model import Article, SetAside
from timeline.temporal import tag

PUBLISHED = dt.date(2021, 5, 5)  # a Wednesday


def _article(*lines: str, cut: dict[int, str] | None = None) -> Article:
    """An article of ``lines``; ``cut`` sets aside the start of line n up to the given text."""
    text = "\n\n".join(lines)
    article = Article(path=Path("content/a.md"), slug="a", title="t", text=text,
                      published=PUBLISHED)
    for number, prefix in (cut or {}).items():
        start = text.index(lines[number])
        article.set_aside.append(SetAside(start, start + len(prefix), "dateline or label"))
    return article


def _events(article: Article):
    return build_events(article, tag(article.text, PUBLISHED))


def test_a_sentence_after_a_dateline_is_trimmed_and_dated_by_its_own_words():
    line = "HOUSTON | Wed May 5, 2021 7:30 pm EDT HOUSTON (Wire) - The levee broke on Monday."
    article = _article(line, cut={0: "HOUSTON | Wed May 5, 2021 7:30 pm EDT HOUSTON (Wire) -"})
    kept, dropped = drop_set_aside(article, _events(article))
    assert [(e.text, e.value) for e in kept] == [("The levee broke on Monday.", "2021-05-03")]
    citation = kept[0].citations[0]
    assert article.text[citation.sentence_start:citation.sentence_end] == kept[0].text
    assert not dropped


def test_a_trimmed_event_is_dated_inside_its_sentence():
    line = "WASHINGTON | May 5, 2021 - The levee, built in 1962, broke on Monday."
    article = _article(line, cut={0: "WASHINGTON | May 5, 2021 -"})
    kept, _ = drop_set_aside(article, _events(article))
    (event,) = kept
    citation = event.citations[0]
    assert event.value == "2021-05-03"
    for timex in (citation.timex, *citation.other_timexes):
        assert citation.sentence_start <= timex.start < timex.end <= citation.sentence_end


def test_a_sentence_dated_only_by_a_cut_stamp_is_dropped():
    line = "Wednesday 5 May 2021 09.28 BST Rescuers searched the valley for survivors."
    article = _article(line, cut={0: "Wednesday 5 May 2021 09.28 BST"})
    kept, dropped = drop_set_aside(article, _events(article))
    assert kept == [] and dropped["dateline or label"] == 1


def test_text_set_aside_whole_yields_no_event():
    article = _article("The levee broke on Monday.", "Jane Roe has covered floods since 2009.")
    start = article.text.index("Jane")
    article.set_aside.append(SetAside(start, len(article.text), "repeated"))
    kept, dropped = drop_set_aside(article, _events(article))
    assert [e.text for e in kept] == ["The levee broke on Monday."]
    assert dropped == {"repeated": 1}


def test_social_posts_are_set_aside_but_reporting_about_an_account_is_not():
    article = _article("RT @floodwatch: The levee broke on Monday night!",
                       "The agency's account, @floodwatch, posted a warning on Monday.")
    kept, dropped = drop_set_aside(article, _events(article))
    assert [e.text for e in kept] == [
        "The agency's account, @floodwatch, posted a warning on Monday."]
    assert dropped == {SOCIAL: 1}
    assert [s.reason for s in article.set_aside] == [SOCIAL]


def test_a_wire_dateline_is_cut_however_rarely_the_publisher_prints_it():
    article = _article("TORTOSA, Spain (Wire) - The levee broke on Monday.",
                       "MAYOR: The town will rebuild the levee by Friday.",
                       "Rain fell on Tuesday - and again on Wednesday.")
    kept, dropped = drop_set_aside(article, _events(article))
    assert [e.text for e in kept] == ["The levee broke on Monday.",
                                      "MAYOR: The town will rebuild the levee by Friday.",
                                      "Rain fell on Tuesday - and again on Wednesday."]
    assert [(article.text[s.start:s.end], s.reason) for s in article.set_aside] == [
        ("TORTOSA, Spain (Wire) - ", "dateline or label")]
    assert not dropped


@pytest.mark.parametrize("line", [
    # a wire header: a dateline, the publication stamp, the dateline again
    "RIVERTON | Tue May 4, 2021 6:15 pm EDT RIVERTON (Wire) - Crews reopened the old bridge to"
    " traffic.",
    # a byline and a stamp of time then date
    "Ann Lee | 6:15 PM, Tuesday, 4 May 2021 It is good to see the old bridge open to traffic.",
    # the stamp's own words between its date and its time
    "4 May 2021 Last updated at 18:15 GMT The old bridge reopened to traffic after repairs.",
    # the time's own words before its date
    "Ann Lee | 6:15 local time, Tuesday, 4 May 2021 It is good to see the old bridge open to"
    " traffic.",
])
def test_a_publication_stamp_heading_a_sentence_dates_nothing(line):
    stamped = _article(line)
    kept, dropped = drop_set_aside(stamped, _events(stamped))
    assert kept == [] and dropped["dateline or label"] == 1


def test_after_a_stamp_the_wire_dateline_dates_the_report_as_any_dateline_does():
    line = ("RIVERTON, May 4 | Tue May 4, 2021 6:15 pm EDT RIVERTON, May 4 (Wire) - Crews"
            " reopened the old bridge to traffic.")
    article = _article(line)
    kept, _ = drop_set_aside(article, _events(article))
    assert [(e.value, e.precision) for e in kept] == [("2021-05-04", "day")]
    assert kept[0].text.startswith("RIVERTON, May 4 (Wire) - Crews")


    prose = _article("4 May 2021 the old bridge reopened at 18:15 GMT after repairs.")
    assert [e.text for e in drop_set_aside(prose, _events(prose))[0]] == [prose.text]


def test_a_photo_credit_is_cut_and_marked_as_a_label():
    article = _article("Photo: Ann Lee/Wire The levee broke on Monday.",
                       "(Picture: Bo Ray / River Agency) Crews shored it up on Tuesday.",
                       "Photo: Ann Lee took a picture of the levee on Wednesday.")
    kept, dropped = drop_set_aside(article, _events(article))
    assert [(e.text, e.value) for e in kept] == [
        ("The levee broke on Monday.", "2021-05-03"),
        ("Crews shored it up on Tuesday.", "2021-05-04"),
        ("Photo: Ann Lee took a picture of the levee on Wednesday.", "2021-05-05")]
    assert [(article.text[s.start:s.end], s.reason) for s in article.set_aside] == [
        ("Photo: Ann Lee/Wire ", "dateline or label"),
        ("(Picture: Bo Ray / River Agency) ", "dateline or label")]
    assert not dropped


def test_a_link_word_the_page_prints_after_its_stamp_is_cut_with_it():
    stamped = _article("4 May 2021 Last updated at 18:15 GMT Help Traffic crossed the old"
                       " bridge on Monday.",
                       "4 May 2021 Last updated at 18:15 GMT Help arrived for the crews on"
                       " Monday.")
    kept, _ = drop_set_aside(stamped, _events(stamped))
    assert [e.text for e in kept] == ["Traffic crossed the old bridge on Monday.",
                                      "Help arrived for the crews on Monday."]


def test_a_site_notice_and_a_broadcast_schedule_are_set_aside_but_reports_are_not():
    article = _article("On Monday we moved this diary to a new blogging platform.",
                       "Hear the whole debate: Listen to Harbour Talk, Radio 9 at 2000 BST,"
                       " Tuesday 4 May, repeated 1700, Sunday 9 May.",
                       "You can watch the vote live at 18:30 on Tuesday.",
                       "The harbour board posted the new timetable on its website on Monday.",
                       "The mayor will speak on local radio at 8 pm on Tuesday.",
                       "Comments on this page closed on Monday.")
    kept, dropped = drop_set_aside(article, _events(article))
    assert [e.text for e in kept] == [
        "The harbour board posted the new timetable on its website on Monday.",
        "The mayor will speak on local radio at 8 pm on Tuesday."]
    assert set(dropped) == {SITE_NOTICE, SCHEDULE}
    reasons = [s.reason for s in article.set_aside]
    assert reasons == [SITE_NOTICE, SCHEDULE, SCHEDULE, SITE_NOTICE]


def test_notices_told_by_the_furniture_memo_are_the_ones_found_afresh():
    from timeline.events.learned import FurnitureMemo

    lines = ("On Monday we moved this diary to a new blogging platform.",
             "You can watch the vote live at 18:30 on Tuesday.",
             "The harbour board posted the new timetable on its website on Monday.")
    memo = FurnitureMemo()
    plain = _article(*lines)
    expected = drop_set_aside(plain, _events(plain))
    for _build in range(2):  # the second build takes every answer from the memo
        memo.learn([])
        article = _article(*lines)
        kept, dropped = drop_set_aside(article, _events(article), memo.dateline_end,
                                       memo.notice)
        assert ([e.text for e in kept], dropped) == ([e.text for e in expected[0]], expected[1])
        assert article.set_aside == plain.set_aside
    assert len(memo.notices) == 3
