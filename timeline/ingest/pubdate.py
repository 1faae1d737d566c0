"""The publication date of a content file, and the date line at the top of its text.

One job: date an article from its front matter, else from a date line among its first lines
("Sunday, 15 June 2014", kept a block of its own and marked as not an event), else from a
``YYYY-MM-DD-`` file-name prefix; never from today's date, and a front-matter date that depends
on the day of the build is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.model import Article, Block

#: How many non-empty lines at the top of a text may hold its date line.
DATE_LINE_WINDOW = 3

_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_ ]|$)")
# Words a date line may contain besides numbers: month and weekday names, clock and zone words.
_DATE_WORD_LIST = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    am pm a p m utc gmt et edt est cet cest bst pt pdt pst z t of the at updated published
    st nd rd th
"""
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
_DATE_LINE_PREFIX = re.compile(r"^(?:updated|published)\b[\s:]*", re.IGNORECASE)
_DATE_LINE_CHARS = re.compile(r"^[\w ,./:+\-–—]+$")


def set_published(article: Article, meta: dict, text: str, blocks: list[Block], path: Path,
                  config: Config, diagnostics: Diagnostics) -> None:
    """Set ``article.published`` and where it came from: the front matter, the date line, the
    file name; or warn that the article has no date (it is never dated today)."""
    shown = str(article.path)
    if meta.get("date") not in (None, ""):
        if isinstance(meta["date"], str) and _names_no_fixed_day(meta["date"]):
            raise TimelineError(
                f"front matter 'date' is {meta['date'].strip()!r}, which depends on the day "
                "the site is built, so the same file would build differently tomorrow", shown,
                hint="write the publication date itself, e.g. date: 2014-06-15")
        published = _front_matter_date(meta["date"], config)
        if published is None:
            diagnostics.warn(f"front matter 'date' is not a date: {meta['date']!r}", shown,
                             hint="write it as 2014-06-15 (or 2014-06-15T10:00:00-04:00)")
        else:
            article.published, article.published_from = published, "front matter"
            return
    dateline = next((b for b in blocks if b.kind == "dateline"), None)
    if dateline is not None:
        article.published = parse_date_line(text[dateline.start:dateline.end], config)
        article.published_from = "date line"
        return
    from_name = _file_name_date(path)
    if from_name is not None:
        article.published, article.published_from = from_name, "file name"
        return
    diagnostics.warn(
        "no publication date: relative dates such as 'on Saturday' stay unresolved", shown,
        hint="add 'date: YYYY-MM-DD' to the front matter, a date line at the top of the text, "
             "or a YYYY-MM-DD- prefix to the file name",
    )


def _front_matter_date(value, config: Config) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.datetime):
        return _with_zone(value, config)
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    parsed = _parse(text, config)
    if parsed is None:
        return None
    has_clock = parsed.time() != dt.time(0) or re.search(r"\d:\d", text)
    return _with_zone(parsed, config) if has_clock else parsed.date()


def _parse(text: str, config: Config) -> dt.datetime | None:
    import dateparser  # slow to import; only dates outside ISO form need it

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY" if config.dayfirst else "MDY",
        "PREFER_DAY_OF_MONTH": "first",
        # never "today", "yesterday", "2 days ago": they read the build machine's clock
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None


#: Two days on which a build might run: in one month, in two different weeks.
_BUILD_DAYS = (dt.datetime(2011, 7, 5, 9), dt.datetime(2011, 7, 20, 18))


def _names_no_fixed_day(text: str) -> bool:
    """Whether ``text`` is a date relative to the day it is read ("today", "now", "yesterday",
    "Monday", "2 days ago", "next week"): read on two different days, it means two dates."""
    import dateparser

    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        return False
    try:
        readings = {dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": day})
                    for day in _BUILD_DAYS}
    except (ValueError, OverflowError, TypeError):
        return False
    return None not in readings and len(readings) > 1


def _with_zone(value: dt.datetime, config: Config) -> dt.datetime:
    if value.tzinfo is not None:
        return value  # the article's own zone decides which day it was published
    try:
        return value.replace(tzinfo=ZoneInfo(config.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return value.replace(tzinfo=dt.UTC)


# A line ending like this runs on into the next one: part of a sentence, not a date line.
_RUNS_ON = (",", "-", "–", "—", "/", ":", ";")

# Under a line, these make it a Markdown (setext) heading: a blank line would undo that.
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def isolate_date_line(body: str, config: Config) -> tuple[str, list[int]]:
    """``body`` with blank lines around a date line among its first lines, so that a date line
    written directly above (or below) other text ("June 15, 2014" then the first paragraph, no
    blank line between) stays a line of its own instead of being joined into that paragraph.

    Returns the new body and the (0-based) numbers of the lines added, to map line numbers back.
    """
    lines = body.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > DATE_LINE_WINDOW:
            break
        if not _is_lone_date_line(line, config):
            continue
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if _SETEXT_UNDERLINE.match(after):
            break
        added = []
        if after.strip():
            lines.insert(index + 1, "")
            added.append(index + 1)
        if index > 0 and lines[index - 1].strip():
            lines.insert(index, "")
            added = [index] + [n + 1 for n in added]
        return "\n".join(lines), added
    return body, []


def _is_lone_date_line(line: str, config: Config) -> bool:
    """A source line that is a date line, emphasis markers aside ("*June 15, 2014*")."""
    plain = line.strip().strip("*_").strip()
    return not plain.endswith(_RUNS_ON) and parse_date_line(plain, config) is not None


def mark_date_line(text: str, blocks: list[Block], config: Config) -> list[Block]:
    """Mark a date line among the first paragraphs as kind 'dateline' (not an event)."""
    for index, block in enumerate(blocks[:DATE_LINE_WINDOW]):
        if block.kind in ("paragraph", "heading") and parse_date_line(
            text[block.start:block.end], config
        ):
            marked = Block("dateline", block.start, block.end, 0, block.inline)
            return [*blocks[:index], marked, *blocks[index + 1:]]
    return blocks


def parse_date_line(line: str, config: Config) -> dt.date | dt.datetime | None:
    """The date of a line that is a date and nothing else ("Sunday, 15 June 2014"), or None."""
    line = line.strip()
    if not (6 <= len(line) <= 60) or not re.search(r"\b\d{4}\b", line):
        return None
    if not _DATE_LINE_CHARS.match(line):
        return None
    words = re.findall(r"[A-Za-z]+", line)
    if any(word.lower().rstrip(".") not in _DATE_WORDS for word in words):
        return None
    return _front_matter_date(_DATE_LINE_PREFIX.sub("", line), config)


def _file_name_date(path: Path) -> dt.date | None:
    match = _FILENAME_DATE.match(path.name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
