"""timeline.events.chronology: the date-led lines of a chronology printed in an article, and
their place at the head of their date's summary."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.config import Config
from timeline.events.chronology import chronology_entries, date_led
from timeline.events.keydates import select_key_dates

LATER = dt.date(2021, 4, 2)
ENTRIES = (
    ("* 1 March - Heavy rain begins over the upper valley.", "1 March", "2021-03-01"),
    ("* 3 March - The river rises above the flood wall at Tortosa.", "3 March", "2021-03-03"),
    ("* 5 March – The regional government declares a state of emergency.", "5 March",
     "2021-03-05"),
    ("- 8 March: Engineers close the breach in the wall.", "8 March", "2021-03-08"),
)


def _chronology(lines=ENTRIES, name="recap"):
    """An article published weeks later that recaps the flood, one line per date."""
    source = article(name, LATER, "Wire")
    return [event(source, sentence, expression, value) for sentence, expression, value in lines]


def test_date_led_lines_need_a_separator_after_the_date():
    entry, = _chronology(ENTRIES[:1])
    assert date_led(entry.citations[0])
    plain = event(article("plain", LATER), "On 1 March heavy rain began over the valley.",
                  "1 March", "2021-03-01")
    assert not date_led(plain.citations[0])
    run_on = event(article("run-on", LATER), "1 March saw heavy rain over the valley.",
                   "1 March", "2021-03-01")
    assert not date_led(run_on.citations[0])


def test_several_date_led_lines_make_a_chronology_one_alone_does_not():
    recap = _chronology()
    assert chronology_entries(recap) == {e.id for e in recap}
    caption = event(article("gallery", LATER), "3 March: A boy wades through the square.",
                    "3 March", "2021-03-03")
    assert chronology_entries([caption]) == set()
    assert chronology_entries([*recap, caption]) == {e.id for e in recap}


def test_a_time_led_live_blog_entry_is_no_chronology_entry():
    blog = article("blog", dt.date(2021, 3, 3), "Daily")
    entries = [event(blog, f"{hour} pm: The water keeps rising in the old town.", f"{hour} pm",
                     f"2021-03-03T{hour + 12}:00") for hour in (1, 2, 3, 4)]
    assert chronology_entries(entries) == set()


def _reports_of_the_third():
    """Two reports of 3 March from the day itself; the sentence with most of the date's words
    is a long one."""
    day = dt.date(2021, 3, 3)
    return [
        event(article("daily", day, "Daily"), "The river rose above the flood wall at Tortosa "
              "on Wednesday, and the mayor said the water at the wall was the highest he had "
              "seen.", "on Wednesday", "2021-03-03"),
        event(article("herald", day, "Herald"), "Water poured over the flood wall at Tortosa on "
              "Wednesday as the river rose.", "on Wednesday", "2021-03-03"),
    ]


def test_a_chronology_entry_leads_its_dates_summary():
    recap = _chronology()
    key_dates = select_key_dates([*_reports_of_the_third(), *recap], Config())
    (third,) = [d for d in key_dates if d.value == "2021-03-03"]
    assert third.summary[0] is recap[1]


def test_the_same_line_alone_in_its_article_is_not_preferred():
    lone = _chronology(ENTRIES[1:2], name="gallery")
    key_dates = select_key_dates([*_reports_of_the_third(), *lone], Config())
    (third,) = [d for d in key_dates if d.value == "2021-03-03"]
    assert third.summary[0] is not lone[0]


def test_a_gallery_of_captions_of_one_day_is_no_chronology():
    gallery = article("gallery", LATER, "Wire")
    captions = [event(gallery, sentence, sentence[:7], f"2021-03-0{sentence[0]}")
                for sentence in ("3 March: A boy wades through the flooded square.",
                                 "3 March: Firefighters carry a woman to a boat.",
                                 "3 March: The river tops the flood wall at Tortosa.",
                                 "5 March: Volunteers fill sandbags outside the town hall.")]
    assert chronology_entries(captions) == set()
