"""timeline.events.furniture and .setaside: page furniture, comment threads and social posts
learned from a built collection of hand-made pages, kept out of the events and shown as not used.

The collection: two publishers. Each page has a lead with a dateline, a few sentences of its
own, then the publisher's furniture - a reporter's bio, a "page last updated" stamp, a comment
section (an opener line, readers' comments, a closing line); one publisher signs its comments
with a stamp. One article is there three times (copies must not make its lines furniture).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from timeline.config import Config
from timeline.events.furniture import (
    LABEL,
    REPEATED,
    TAIL,
    TEMPLATE,
    THREAD,
    PageLines,
    learn_furniture,
    page_lines,
)
from timeline.events.setaside import explain_set_aside
from timeline.model import Article
from timeline.pipeline.build import build_site

WHO = ["the county council", "the river authority", "a team of engineers", "the mayor's office",
       "local farmers", "the regional governor", "insurance assessors", "the water company",
       "volunteer divers", "the school board", "a parliamentary committee", "the fire brigade",
       "railway operators", "the weather service"]
DID = ["voted to raise", "began to inspect", "asked for money to repair", "warned about",
       "closed the road beside", "published a report on", "sent drones over", "filed claims for",
       "pumped water out of", "held a vigil near", "opened an inquiry into", "cleared debris from",
       "rerouted trains around", "forecast more rain for"]
WHAT = ["the old stone bridge", "the northern levee", "the flooded car park", "the pumping station",
        "the orchard terraces", "the lower town", "the harbour wall", "the reservoir gates",
        "the sports ground", "the ferry landing", "the valley road", "the grain silos"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday"]
READERS = ["I drove past the levee on Sunday and it looked fine to me.",
           "Why did nobody listen to the farmers last spring?",
           "My grandmother remembers the same flood in 1978!",
           "Honestly the council should resign over this on Monday.",
           "We lost our cellar again, third time since March.",
           "Does anyone know if the ferry runs on Saturday?",
           "I told you so, years ago.", "Thoughts with everyone in the lower town tonight."]


def _own_sentences():
    """Sentences no two of which share their words: each page's own text."""
    combos = zip(itertools.cycle(WHO), itertools.cycle(DID), itertools.cycle(WHAT),
                 itertools.cycle(DAYS), strict=False)
    for index, (who, did, what, day) in enumerate(combos):
        yield f"{who[0].upper()}{who[1:]} {did} {what} {day}, officials said ({index})."


def _write(folder: Path, name: str, source: str, published: dt.date, lines: list[str]) -> None:
    body = "\n\n".join(lines)
    (folder / f"{name}.md").write_text(
        f'---\ntitle: "{name}"\nsource: "{source}"\ndate: {published.isoformat()}\n---\n'
        f"{body}\n", encoding="utf-8")


def _collection(root: Path) -> dict:
    content = root / "content"
    content.mkdir()
    own = _own_sentences()
    start = dt.date(2021, 5, 3)
    kept, comments = [], []
    for number in range(8):  # The Courier: bio, stamp, comment section closed by a line
        day = start + dt.timedelta(days=number)
        mine = [next(own) for _ in range(3)]
        said = [READERS[number], READERS[(number + 3) % len(READERS)]]
        kept += mine
        comments += said
        _write(content, f"courier-{number}", "The Courier", day, [
            f"RIVERTON (Courier) - {mine[0]}", *mine[1:],
            "Jane Roe has covered the valley for the Courier since 2009 and lives in Riverton.",
            f"Page last updated at {10 + number}:{10 * (number % 6):02d} GMT, "
            f"{day:%A}, {day.day} {day:%B} {day.year}",
            "Comments are moderated and may take a day to appear.", *said,
            "This discussion is now closed."])
    for number in range(6):  # Valley News: readers' posts signed with a stamp
        day = start + dt.timedelta(days=number)
        mine = [next(own) for _ in range(3)]
        kept += mine
        posts = [f"At {8 + k}:{15 + k} pm on {day.day} {day:%b} {day.year}, reader{number}{k} "
                 f"wrote: {READERS[(number + k) % len(READERS)]}" for k in range(3)]
        comments += [p.split("wrote: ")[1] for p in posts]
        _write(content, f"valley-{number}", "Valley News", day, [
            *mine, "Sign up for our morning newsletter, delivered on weekdays at 7.", *posts])
    copy = [next(own) for _ in range(4)]
    kept += copy
    for number in range(3):  # one article scraped three times
        _write(content, f"copy-{number}", "Valley News", start, copy)
    return {"kept": kept, "comments": comments}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("furniture")
    expected = _collection(root)
    result = build_site(Config(root=root, title="Flood"))
    events = json.loads((root / "site" / "events.json").read_text())["events"]
    return root, expected, result, events


def test_repeated_bios_stamps_and_comments_do_not_become_events(built):
    _, expected, _, events = built
    texts = [e["text"] for e in events]
    assert not [t for t in texts if "Jane Roe" in t or "Page last updated" in t]
    assert not [t for t in texts if any(comment in t for comment in expected["comments"])]


def test_the_articles_own_sentences_stay_and_lose_their_dateline(built):
    _, expected, _, events = built
    texts = {e["text"] for e in events}
    assert set(expected["kept"]) <= texts  # copies of one article are not its furniture
    assert not [t for t in texts if t.startswith("RIVERTON")]


def test_the_build_summary_says_what_was_set_aside_and_why(built):
    _, _, result, _ = built
    (summary,) = result.summary().splitlines()
    assert summary.startswith("Built ") and "dated sentences set aside: " in summary
    assert f"{sum(result.furniture.sentences.values())} dated sentences" in summary
    for reason in (REPEATED, TEMPLATE, LABEL, THREAD, TAIL):
        assert result.furniture.stretches[reason] > 0, reason


def test_the_source_page_shows_set_aside_text_marked_as_not_used(built):
    root, _, _, _ = built
    page = (root / "site" / "sources" / "courier-2.html").read_text()
    assert page.count('class="set-aside"') >= 5
    assert "Jane Roe has covered the valley" in page  # still shown
    assert 'data-label="not used: repeated on the publisher&#39;s pages"' in page
    assert "not used: after the article" in page


def test_explain_lists_each_distinct_stretch_once_with_its_count(built):
    _, _, result, _ = built
    lines = explain_set_aside(result.articles)
    bio = [line for line in lines if "Jane Roe" in line]
    assert len(bio) == 1 and bio[0].lstrip().startswith("8 x")


def test_a_page_made_of_a_template_alone_is_a_story_not_furniture(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for number in range(1, 7):  # automated one-line reports: the template is the story
        _write(content, f"ferry-{number}", "Harbour Post", dt.date(2021, 3, number),
               [f"The ferry sailed on Monday with {number * 7} passengers."])
    result = build_site(Config(root=tmp_path))
    assert not result.furniture.sentences and not result.furniture.stretches
    assert json.loads((tmp_path / "site" / "events.json").read_text())["events"]


def test_nothing_is_furniture_in_a_collection_too_small_to_show_repetition():
    pages = [Article(path=Path(f"content/{n}.md"), slug=str(n), title="t", source="Daily",
                     text="Jane Roe has covered the valley since 2009.\nThe dam burst on Monday.")
             for n in range(2)]
    furniture = learn_furniture(("daily", page_lines(a)) for a in pages)
    assert all(not furniture.set_aside("daily", page_lines(a)) for a in pages)


def test_page_lines_are_compact_hashes_and_offsets():
    article = Article(path=Path("content/a.md"), slug="a", title="t",
                      text="NEW ORLEANS -- The levee held on Monday.\n\nSecond line here.")
    lines = page_lines(article)
    assert isinstance(lines, PageLines)
    assert [(s, e) for s, e, _, _ in lines.lines] == [(0, 40), (42, 59)]
    assert all(isinstance(h, int) for _, _, h, _ in lines.lines)
    assert [article.text[:end] for _, end, _, _ in lines.labels] == ["NEW ORLEANS --"]


def test_a_date_alone_opening_a_line_is_not_a_label():
    article = Article(path=Path("content/a.md"), slug="a", title="t",
                      text="* June 3 - The levee broke.\n\n8.49 pm: Rain again.")
    assert page_lines(article).labels == []
