"""timeline.events.keydates: salience on a small hand-made collection, key dates chosen by it,
per-date summaries without repeats, editors' choices win."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.config import Config
from timeline.events.keydates import key_date_count, select_key_dates
from timeline.model import Event

MONDAY = dt.date(2021, 3, 8)


def _reported(sentence: str, expression: str, value: str, *published: tuple[str, dt.date]):
    """One event reported in ``sentence`` by each ``(publisher, day)`` (as merging leaves it)."""
    first, *rest = (event(article(f"{source}-{day}-{sentence[:12]}", day, source), sentence,
                          expression, value) for source, day in published)
    for other in rest:
        first.citations += other.citations
    return first


def _flood_story():
    """A dam burst on Monday 8 March; rescues on Tuesday; a minister's visit on Friday; a
    football match nobody links to the flood; the dam's construction decades ago."""
    monday, tuesday, friday = "2021-03-08", "2021-03-09", "2021-03-12"
    return {
        "burst": _reported("The Ebro dam burst on Monday, flooding three villages in the valley.",
                           "on Monday", monday, ("Daily", MONDAY), ("Herald", MONDAY),
                           ("Wire", MONDAY + dt.timedelta(days=1))),
        "burst again": _reported("Since the dam burst on Monday the valley villages have been "
                                 "without power.", "on Monday", monday,
                                 ("Daily", MONDAY + dt.timedelta(days=4)),
                                 ("Herald", MONDAY + dt.timedelta(days=5))),
        "paraphrase": _reported("On Monday the Ebro dam burst and flooded three valley villages.",
                                "On Monday", monday, ("Wire", MONDAY)),
        "rescue": _reported("Rescue teams evacuated 2,000 residents of the flooded valley "
                            "villages on Tuesday.", "on Tuesday", tuesday,
                            ("Daily", MONDAY + dt.timedelta(days=1)),
                            ("Wire", MONDAY + dt.timedelta(days=1))),
        "minister": _reported("The minister visited the flooded villages on Friday.",
                              "on Friday", friday, ("Herald", MONDAY + dt.timedelta(days=4)),
                              ("Daily", MONDAY + dt.timedelta(days=4))),
        "football": _reported("The football club's match on Tuesday drew a record crowd.",
                              "on Tuesday", "2021-03-02", ("Daily", MONDAY - dt.timedelta(days=6)),
                              ("Herald", MONDAY - dt.timedelta(days=6))),
        "history": _reported("The Ebro dam was built in 1962 to protect the valley villages.",
                             "in 1962", "1962", ("Daily", MONDAY), ("Herald", MONDAY),
                             ("Wire", MONDAY)),
    }


def test_the_day_many_articles_report_and_recall_outranks_the_rest():
    story = _flood_story()
    select_key_dates(list(story.values()), Config())
    assert story["burst"].salience > story["rescue"].salience > story["minister"].salience


def test_an_off_topic_date_and_historical_background_rank_low():
    story = _flood_story()
    select_key_dates(list(story.values()), Config())
    # Both are reported by as many articles as the minister's visit, or more: the football
    # match is off the topic, the dam's construction is decades before the reporting.
    assert story["football"].salience < story["minister"].salience
    assert story["history"].salience < story["minister"].salience


def test_within_a_date_the_summary_comes_first_and_says_something_new_each_time():
    story = _flood_story()
    key_dates = select_key_dates(list(story.values()), Config())
    (monday,) = [d for d in key_dates if d.value == "2021-03-08"]
    assert monday.summary[0] is story["burst"]
    assert story["paraphrase"] not in monday.summary  # says what the first one said
    assert story["paraphrase"].salience < story["burst"].salience
    # The scorer and the site take a date's events by salience: the summary leads.
    on_monday = sorted(monday.events, key=lambda e: -e.salience)
    assert on_monday[:len(monday.summary)] == monday.summary
    assert all(e.key for e in monday.summary) and not story["paraphrase"].key


def test_a_summary_sentence_keeps_the_citations_of_every_source_that_said_it():
    story = _flood_story()
    key_dates = select_key_dates(list(story.values()), Config())
    (monday,) = [d for d in key_dates if d.value == "2021-03-08"]
    assert {c.article.source for c in monday.summary[0].citations} == {"Daily", "Herald", "Wire"}


def test_editor_keywords_steer_what_counts_as_central():
    story = _flood_story()
    select_key_dates(list(story.values()), Config(keywords=["football", "match", "crowd"]))
    steered = story["football"].salience
    story = _flood_story()
    select_key_dates(list(story.values()), Config())
    assert steered > story["football"].salience


def test_the_most_salient_dates_are_key_when_only_some_can_be():
    story = _flood_story()
    chosen = select_key_dates(list(story.values()), Config(key_events=2))
    assert [d.value for d in chosen] == ["2021-03-08", "2021-03-09"]  # in date order
    assert not story["minister"].key and not story["history"].key


def test_a_featured_event_makes_its_date_key_and_a_hidden_one_takes_no_part():
    story = _flood_story()
    story["minister"].featured = True
    story["burst"].hidden = True
    chosen = select_key_dates(list(story.values()), Config(key_events=2))
    assert "2021-03-12" in [d.value for d in chosen]
    assert story["minister"].key and not story["burst"].key
    assert story["burst"].salience == 0
    assert story["minister"].salience == max(e.salience for e in story.values())


def test_times_of_day_fold_into_their_day():
    morning = _reported("Sirens sounded in the valley at 6 a.m. on Monday.", "at 6 a.m. on Monday",
                        "2021-03-08T06:00", ("Daily", MONDAY))
    story = _flood_story()
    (monday,) = [d for d in select_key_dates([*story.values(), morning], Config())
                 if d.start == MONDAY]
    assert monday.value == "2021-03-08" and monday.precision == "day"
    assert morning in monday.events


def test_the_number_of_key_dates_grows_with_the_collection_unless_set():
    assert key_date_count(Config(), 7) == 7  # a small collection shows every date
    assert key_date_count(Config(), 100) < key_date_count(Config(), 10_000) < 10_000
    assert key_date_count(Config(key_events=12), 10_000) == 12


def test_a_day_that_stands_out_from_a_quiet_week_outranks_one_of_a_busy_stretch():
    """Three reports each: on each of seven days in a row, and on one day a fortnight later."""
    def pumped(day: dt.date) -> Event:
        label = f"{day.day} March"
        return _reported(f"Crews pumped water from the flooded valley villages on {label}.",
                         label, day.isoformat(),
                         *((source, day) for source in ("Daily", "Herald", "Wire")))
    busy = [pumped(dt.date(2021, 3, day)) for day in range(1, 8)]
    quiet = pumped(dt.date(2021, 3, 22))
    select_key_dates([*busy, quiet], Config())
    assert quiet.salience > max(e.salience for e in busy)


def test_a_day_of_a_quiet_month_outranks_one_as_reported_in_the_busiest_month():
    """Three reports each of 10 March and of 10 May; March also has the reports of eleven
    other days, more than a week away from the 10th, so bursts treat both days alike."""
    def pumped(day: dt.date) -> Event:
        label = f"{day.day} {day:%B}"
        return _reported(f"Crews pumped water from the flooded valley villages on {label}.",
                         label, day.isoformat(),
                         *((source, day) for source in ("Daily", "Herald", "Wire")))
    busy = pumped(dt.date(2021, 3, 10))
    others = [pumped(dt.date(2021, 3, day)) for day in range(18, 29)]
    quiet = pumped(dt.date(2021, 5, 10))
    select_key_dates([busy, *others, quiet], Config())
    assert quiet.salience > busy.salience


def test_a_lone_page_from_before_the_story_broke_gains_only_so_much_from_its_quiet():
    """One report of 5 January, weeks before the story; five reports of each of twelve days
    of its height in March."""
    def pumped(day: dt.date, *sources: str) -> Event:
        label = f"{day.day} {day:%B}"
        return _reported(f"Crews pumped water from the flooded valley villages on {label}.",
                         label, day.isoformat(), *((source, day) for source in sources))
    lone = pumped(dt.date(2021, 1, 5), "Daily")
    height = [pumped(dt.date(2021, 3, day), "Daily", "Herald", "Wire", "Post", "Times")
              for day in range(1, 13)]
    select_key_dates([lone, *height], Config())
    assert lone.salience < min(e.salience for e in height)


def _two_reports(first: str, second: str) -> tuple[Event, Event]:
    """Two reports of Wednesday 10 March by different papers on the day."""
    day = dt.date(2021, 3, 10)
    return (_reported(first, "on Wednesday", day.isoformat(), ("Daily", day)),
            _reported(second, "on Wednesday", day.isoformat(), ("Herald", day)))


def test_a_concise_statement_leads_a_date_over_a_long_sentence_saying_as_much():
    concise, long = _two_reports(
        "Engineers closed the breach in the Ebro flood wall on Wednesday.",
        "Engineers closed the breach in the Ebro flood wall on Wednesday after working through "
        "the night in rain and wind, a spokesman for the regional water authority told reporters "
        "gathered at the town hall, adding that crews would stay at the wall for some days "
        "while inspectors examined it.")
    (wednesday,) = select_key_dates([long, concise], Config())
    assert wednesday.summary[0] is concise


def test_a_piece_of_a_sentence_split_in_the_wrong_place_does_not_lead():
    whole, piece = _two_reports(
        "Engineers closed the breach in the Ebro flood wall on Wednesday.",
        "said on Wednesday that engineers had closed the breach in the Ebro flood wall at "
        "Tortosa.")
    also = _reported("The mayor of Tortosa thanked the engineers on Wednesday.", "on Wednesday",
                     "2021-03-10", ("Wire", dt.date(2021, 3, 10)))
    (wednesday,) = select_key_dates([piece, whole, also], Config())
    assert wednesday.summary[0] is not piece
    assert whole.salience > piece.salience


def test_a_day_long_before_the_reporting_stays_background_however_alone_it_stands():
    story = _flood_story()
    storm = _reported("The valley villages were last flooded in the storm of 4 November 1966.",
                      "4 November 1966", "1966-11-04",
                      *((source, MONDAY) for source in ("Daily", "Herald", "Wire")))
    select_key_dates([*story.values(), storm], Config())
    assert storm.salience < story["minister"].salience


def test_a_date_that_only_bounds_a_span_does_not_lead_its_day():
    day = dt.date(2021, 3, 10)
    happened = _reported("Engineers closed the breach in the Ebro flood wall on Wednesday.",
                         "Wednesday", day.isoformat(), ("Daily", day))
    since = _reported("Engineers have watched the breach in the Ebro flood wall since Wednesday.",
                      "Wednesday", day.isoformat(), ("Herald", day))
    (wednesday,) = select_key_dates([since, happened], Config())
    assert wednesday.summary[0] is happened
    assert happened.salience > since.salience


def test_a_headline_run_into_the_first_sentence_does_not_lead():
    whole, glued = _two_reports(
        "Engineers closed the breach in the Ebro flood wall on Wednesday.",
        "Ebro wall holds as rain eases The engineers closed the breach in the flood wall on "
        "Wednesday.")
    (wednesday,) = select_key_dates([glued, whole], Config())
    assert wednesday.summary[0] is whole


def test_a_photo_caption_does_not_lead_its_day():
    day = dt.date(2021, 3, 10)
    report = _reported("Engineers closed the breach in the flood wall on Wednesday.",
                       "on Wednesday", day.isoformat(), ("Daily", day))
    caption = _reported("Engineers closed the breach in the Ebro flood wall at Tortosa, "
                        "Wednesday, March 10, 2021.", "Wednesday, March 10, 2021",
                        day.isoformat(), ("Herald", day))
    also = _reported("The Ebro flood wall at Tortosa held on Wednesday.", "on Wednesday",
                     day.isoformat(), ("Wire", day))
    (wednesday,) = select_key_dates([caption, report, also], Config())
    assert wednesday.summary[0] is report
    assert report.salience > caption.salience


def _council_story(listed: bool) -> float:
    """Thursday's salience over Tuesday's when a recap article's chronology lists Thursday
    (``listed``) or only recalls it in a sentence of its own."""
    tuesday, thursday = dt.date(2021, 3, 9), dt.date(2021, 3, 11)
    rescue = _reported("Rescue teams evacuated the flooded valley villages on Tuesday.",
                       "on Tuesday", tuesday.isoformat(),
                       *((source, tuesday) for source in ("Daily", "Herald", "Wire")))
    vote = _reported("The regional council voted to rebuild the Ebro dam on Thursday.",
                     "on Thursday", thursday.isoformat(), ("Daily", thursday),
                     ("Herald", thursday))
    council = ("* 11 March - The regional council votes to rebuild the Ebro dam." if listed
               else "The regional council voted on 11 March to rebuild the Ebro dam.")
    recap = article("recap", dt.date(2021, 3, 31), "Weekly")
    lines = [("* 8 March - The Ebro dam bursts and floods the valley villages.", "8 March",
              "2021-03-08"),
             (council, "11 March", "2021-03-11"),
             ("* 29 March - The valley villages get their power back.", "29 March", "2021-03-29"),
             ("* 30 March - The schools of the valley open again.", "30 March", "2021-03-30")]
    recalled = [event(recap, *line) for line in lines]
    select_key_dates([rescue, vote, *recalled], Config())
    return max(vote.salience, recalled[1].salience) / rescue.salience


def test_a_day_a_journalist_lists_in_a_chronology_gains_over_one_only_recalled():
    assert _council_story(listed=True) > 1.2 * _council_story(listed=False)


def test_days_come_first_then_coarse_dates_without_a_key_day_then_the_background():
    story = _flood_story()
    papers = [(source, MONDAY + dt.timedelta(days=offset))
              for offset in range(3) for source in ("Daily", "Herald", "Wire", "Post")]
    march = _reported("The valley villages were flooded in March.", "in March", "2021-03",
                      *papers)
    april = _reported("Repairs to the Ebro dam will start in April.", "in April", "2021-04",
                      *papers)
    chosen = select_key_dates([*story.values(), march, april], Config(key_events=5))
    assert [d.value for d in chosen] == ["2021-03-02", "2021-03-08", "2021-03-09", "2021-03-12",
                                         "2021-04"]
    assert not march.key and march.salience > story["minister"].salience
    assert not story["history"].key
