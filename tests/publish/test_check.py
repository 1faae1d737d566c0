"""`timeline check`: a good site passes; each kind of breakage is reported with its file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from feedfixtures import render_sample_site

from timeline.cli import main
from timeline.config import Config
from timeline.errors import TimelineError
from timeline.publish.check import (
    check_atom,
    check_csv,
    check_ics,
    check_site,
    check_timelinejs,
)

BASE = "https://example.org/iraq/"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return render_sample_site(tmp_path / "site", Config(root=tmp_path, title="T", base_url=BASE))


def messages(site: Path) -> list[str]:
    """Each problem as 'FILE:LINE: message', FILE relative to the site; all are errors."""
    problems = check_site(site, base_url=BASE)
    assert all(p.level == "error" and p.hint for p in problems)
    return [str(p).removeprefix("error: ").split(" (")[0] for p in problems]


def test_good_site_has_no_problems(site):
    assert messages(site) == []


def test_good_site_without_base_url_has_no_problems(tmp_path):
    site = render_sample_site(tmp_path / "s", Config(root=tmp_path, title="T"))
    assert check_site(site) == []


def test_broken_link_is_reported_with_file_and_line(site):
    page = site / "sources" / "wsj-original.html"
    page.write_text(page.read_text().replace("</main>", '<a href="../nowhere.html">x</a></main>'))
    (problem,) = messages(site)
    assert problem.startswith("sources/wsj-original.html:")
    assert "broken link '../nowhere.html'" in problem


def test_broken_anchor_is_reported(site):
    page = site / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="#no-such-event">x</a></main>'))
    assert any("broken anchor '#no-such-event'" in m and m.startswith("index.html:")
               for m in messages(site))


def test_duplicate_id_is_reported(site):
    page = site / "index.html"
    page.write_text(page.read_text().replace("</main>", '<p id="main">again</p></main>'))
    (problem,) = messages(site)
    assert problem.startswith("index.html:") and problem.endswith("duplicate id 'main'")


def test_missing_asset_is_reported(site):
    index = (site / "index.html").read_text()
    css = next(p for p in (site / "static").glob("*.css") if f"static/{p.name}" in index)
    css.unlink()
    problems = messages(site)
    assert problems and all(css.name in m for m in problems)
    assert any(m.startswith("index.html:") for m in problems)


def test_missing_source_page_is_reported_for_its_citations(site):
    (site / "sources" / "blog-reprint.html").unlink()
    problems = messages(site)
    assert any(m.startswith("events.json: ") and "sources/blog-reprint.html" in m
               for m in problems)


def test_event_without_anchor_on_its_period_page(site):
    data = json.loads((site / "events.json").read_text())
    data["events"][0]["id"] = "ghost"
    home = data["events"][0]["page"]
    assert home.startswith("events/") and (site / home).is_file()
    (site / "events.json").write_text(json.dumps(data))
    assert f"events.json: event 'ghost' has no anchor on {home}" in messages(site)


def test_event_named_on_a_page_that_does_not_hold_it(site):
    data = json.loads((site / "events.json").read_text())
    data["events"][0]["page"] = "sources/index.html"
    (site / "events.json").write_text(json.dumps(data))
    assert any("has no anchor on sources/index.html" in m for m in messages(site))


def test_events_json_without_pages_looks_on_the_index(site):
    """An events.json from before period pages names no page: the anchor is on the index."""
    data = json.loads((site / "events.json").read_text())
    for event in data["events"]:
        del event["page"]
    (site / "events.json").write_text(json.dumps(data))
    assert messages(site) == []  # a small timeline's index holds every event
    data["events"][0]["id"] = "ghost"
    (site / "events.json").write_text(json.dumps(data))
    assert "events.json: event 'ghost' has no anchor on index.html" in messages(site)


def test_invalid_events_json(site):
    (site / "events.json").write_text("{not json")
    assert any(m.startswith("events.json: not valid JSON") for m in messages(site))
    (site / "events.json").write_text(json.dumps({"events": [{"id": "x"}]}))
    problems = messages(site)
    assert "events.json: events[0] has no 'date'" in problems


def test_rooted_link_without_base_url_breaks_under_a_sub_path(tmp_path):
    site = render_sample_site(tmp_path / "s", Config(root=tmp_path, title="T"))
    page = site / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="/sources/">x</a></main>'))
    (problem,) = [str(p) for p in check_site(site)]
    assert "starts at the host root" in problem


def test_link_leaving_the_site_is_reported(site):
    page = site / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="../../x.html">x</a></main>'))
    assert any("leaves the site folder" in m for m in messages(site))


def test_no_site_is_an_error(tmp_path):
    with pytest.raises(TimelineError, match="run timeline build first"):
        check_site(tmp_path)


def test_broken_url_in_a_stylesheet_is_reported(site):
    css = next((site / "static").glob("*.css"))
    css.write_text(css.read_text() + "\n.x{background:url('missing.png')}\n")
    (problem,) = messages(site)
    assert problem.startswith(f"static/{css.name}:") and "missing.png" in problem


# -- format checkers on broken inputs (written by hand from the specs) ---------------------


def test_check_atom_requires_rfc4287_elements():
    assert check_atom(b"<feed") != []
    feed = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b"<entry><title>e</title></entry></feed>")
    problems = check_atom(feed)
    assert "feed has no <id>" in problems and "feed has no <updated>" in problems
    assert "entry 1 has no <link>" in problems and "entry 1 has no <author>" in problems
    assert check_atom(b'<rss version="2.0"/>') == ["root element is rss, not an Atom feed"]


def test_check_ics_structure():
    good = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
            b"UID:1@x\r\nDTSTAMP:20140615T000000Z\r\nDTSTART;VALUE=DATE:20140614\r\n"
            b"SUMMARY:long\r\n  folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert check_ics(good) == []
    assert check_ics(good.replace(b"END:VCALENDAR\r\n", b"")) == [
        "must start with BEGIN:VCALENDAR and end with END:VCALENDAR"]
    assert check_ics(good.replace(b"UID:1@x\r\n", b"")) == ["VEVENT without UID"]
    assert check_ics(good.replace(b"\r\n", b"\n")) == ["lines must end with CRLF"]
    assert check_ics(good.replace(b"END:VEVENT\r\n", b"")) == ["VEVENT not closed"]
    long_line = good.replace(b"SUMMARY:long", b"SUMMARY:" + b"x" * 80)
    assert check_ics(long_line) == ["line 8 is longer than 75 octets"]  # SUMMARY is line 8


def test_check_timelinejs_structure():
    assert check_timelinejs(b'{"events": [{"start_date": {"year": 2014, "month": 6}, '
                            b'"text": {"headline": "h", "text": "t"}}]}') == []
    assert check_timelinejs(b'{"title": {}}') == ['expected an object with an "events" list']
    problems = check_timelinejs(b'{"events": [{"start_date": {"year": "2014"}}, '
                                b'{"start_date": {"year": 2014, "day": 3}}, '
                                b'{"start_date": {"year": 2014, "month": 13}}]}')
    assert problems[0] == "events[0].start_date: year must be an integer"
    assert problems[1].startswith("events[1].start_date: fields ['year', 'day'] skip a level")
    assert problems[2] == "events[2].start_date: month 13 out of range"


def test_check_csv_header_and_width():
    header = b"date,end,display_date,description,link,series,id,value,precision\r\n"
    assert check_csv(header + b"2014-06-14,,d,x,l,s,i,v,day\r\n") == []
    assert check_csv(header + b"2014-06-14,d\r\n") == ["row 2 has 2 cells, the header 9"]
    assert check_csv(b"a,b\r\n") != []


def test_check_csv_reads_a_range_end_and_a_file_written_before_it():
    header = b"date,end,display_date,description,link,series,id,value,precision\r\n"
    assert check_csv(header + b"2014-06-03,2014-06-05,d,x,l,s,i,v,day\r\n") == []
    assert check_csv(header + b"2014-06-05,2014-06-03,d,x,l,s,i,v,day\r\n") == [
        "row 2: end 2014-06-03 is before date 2014-06-05"]
    assert check_csv(header + b"2014-06-03,June 5,d,x,l,s,i,v,day\r\n")[0].startswith(
        "row 2: end 'June 5'")
    older = b"date,display_date,description,link,series,id,value,precision\r\n"
    assert check_csv(older + b"2014-06-14,d,x,l,s,i,v,day\r\n") == []


# -- the command --------------------------------------------------------------------------


def test_cli_check_good_site_exits_zero(site, tmp_path):
    (tmp_path / "timeline.toml").write_text(f'base_url = "{BASE}"\n')
    result = CliRunner().invoke(main, ["check", str(site), "--config", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_cli_check_broken_link_exits_non_zero_naming_the_file(site, tmp_path):
    (tmp_path / "timeline.toml").write_text(f'base_url = "{BASE}"\n')
    page = site / "sources" / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="gone.html">x</a></main>'))
    result = CliRunner().invoke(main, ["check", str(site), "--config", str(tmp_path)])
    assert result.exit_code == 1
    assert "sources/index.html:" in result.output and "gone.html" in result.output
    assert "1 error" in result.output


def test_cli_check_speaks_the_format_of_every_command(site, tmp_path):
    """`error: FILE:LINE: message (how to fix it)`, FILE as typed from the project folder."""
    (tmp_path / "timeline.toml").write_text(f'base_url = "{BASE}"\n')
    page = site / "sources" / "index.html"
    html = page.read_text().replace("</main>", '<a href="gone.html">x</a></main>')
    page.write_text(html)
    line = html[:html.index('href="gone.html"')].count("\n") + 1
    (site / "events.json").write_text("{not json")
    done = subprocess.run([sys.executable, "-m", "timeline", "check"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == (f"error: site/sources/index.html:{line}: broken link 'gone.html': "
                        "sources/gone.html does not exist (rebuild with timeline build; if it "
                        "comes back, fix the link in your templates)")
    assert re.fullmatch(r"error: site/events\.json: not valid JSON: .+ \(rebuild with timeline "
                        r"build; if it comes back, please report it\)", lines[1])
    assert lines[2:] == ["site: 2 errors"]
