"""Tests for timeline.temporal.conventions: the annotation conventions a user can choose."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from timeline.errors import TimelineError
from timeline.temporal import tag
from timeline.temporal.conventions import Conventions

ANCHOR = dt.date(2014, 6, 13)  # a Friday
TEXT = ("Now, a year on, the plant is currently idle. Shares fell 2% on the day. "
        "The vote closes at 11:30 p.m. EDT.")


def found(conventions=None):
    return [(t.text, t.value) for t in tag(TEXT, ANCHOR, conventions=conventions)]


def test_the_defaults_are_what_a_reader_expects():
    assert Conventions.parse([]) == Conventions() and Conventions().is_default
    assert found() == found(Conventions()) == [
        ("Now", "PRESENT_REF"), ("a year", "P1Y"), ("currently", "PRESENT_REF"),
        ("the day", "2014-06-13"), ("11:30 p.m. EDT", "2014-06-13T23:30")]


def test_vague_now_and_the_day_can_be_left_untagged():
    chosen = Conventions.parse(["now=untagged", " the-day = untagged "])
    assert found(chosen) == [("a year", "P1Y"), ("11:30 p.m. EDT", "2014-06-13T23:30")]


def test_a_time_with_its_zone_can_be_given_in_utc():
    [clock] = [t for t in tag(TEXT, ANCHOR, conventions=Conventions(zone="utc"))
               if t.type == "TIME"]
    # 23:30 in New York on a June Friday is 03:30 UTC on the Saturday
    assert (clock.value, clock.zone) == ("2014-06-14T03:30Z", "-04:00")
    assert clock.interval == (dt.date(2014, 6, 14), dt.date(2014, 6, 15))


@pytest.mark.parametrize("item", ["zone=gmt", "nowish=untagged", "now", ""])
def test_an_unknown_convention_is_an_error_naming_the_choices(item):
    with pytest.raises(TimelineError) as info:
        Conventions.parse([item], "timeline.toml")
    assert "timeline.toml" in str(info.value) and "now=present|untagged" in str(info.value)


def test_eval_takes_conventions(tmp_path):
    from timeline.cli import main

    (tmp_path / "a.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2014-06-13" functionInDocument='
        '"CREATION_TIME">x</TIMEX3></DCT><TEXT>Shares are now higher.</TEXT></TimeML>',
        encoding="utf-8")
    default = CliRunner().invoke(main, ["eval", str(tmp_path), "--json"])
    untagged = CliRunner().invoke(main, ["eval", str(tmp_path), "--json",
                                         "--conventions", "now=untagged"])
    assert '"system": 1' in default.stdout and '"system": 0' in untagged.stdout
    bad = CliRunner().invoke(main, ["eval", str(tmp_path), "--conventions", "now=maybe"])
    assert bad.exit_code == 1 and "unknown convention 'now=maybe'" in bad.stderr


def test_the_build_tags_in_the_conventions_of_timeline_toml(tmp_path):
    from timeline.config import load_config
    from timeline.pipeline.build import process_article

    (tmp_path / "content").mkdir()
    story = tmp_path / "content" / "2014-06-13-story.txt"
    story.write_text("Shares are now higher and rose 2% on the day.\n", encoding="utf-8")
    (tmp_path / "timeline.toml").write_text('conventions = ["now=untagged"]\n', encoding="utf-8")
    texts = [t.text for t in process_article(story, load_config(tmp_path)).timexes]
    assert texts == ["the day"]


def test_eval_scores_each_convention_against_a_gold_written_in_it(tmp_path):
    """A gold that gives zoned times in UTC and leaves "on the day" alone matches only when
    eval is told so: each of the three conventions reaches the scoring."""
    import json

    from timeline.cli import main

    (tmp_path / "b.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2014-06-13" functionInDocument='
        '"CREATION_TIME">x</TIMEX3></DCT><TEXT>Polls close at <TIMEX3 tid="t1" type="TIME" '
        'value="2014-06-14T03:30Z">11:30 p.m. EDT</TIMEX3>. Bonds rose 1% on the day, and '
        'they are currently firm.</TEXT></TimeML>', encoding="utf-8")

    def scores(*options):
        done = CliRunner().invoke(main, ["eval", str(tmp_path), "--json", *options])
        total = json.loads(done.stdout)["total"]["date_time"]
        return total["system"], total["value"]

    assert scores() == (3, 0)  # local clock time, "the day" and "currently" tagged
    assert scores("--conventions", "zone=utc") == (3, 1)
    assert scores("--conventions", "zone=utc,the-day=untagged,now=untagged") == (1, 1)
