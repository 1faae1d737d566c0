"""The shape of a line of text, for recognising page furniture: what stays when the values go.

A page template prints the same words around changing values: "Page last updated at 10:49 GMT,
Tuesday, 4 May 2021", "RIVERTON | Tue May 4, 2021 6:15 pm EDT RIVERTON (Wire) -". Its
*shape* keeps lowercase words and punctuation and replaces each value by its kind: a number by
``#``, a month or weekday name by ``@``, a capitalised name by ``C``, an all-capitals word by
``A`` (runs of one kind count once: "PORT ELLIS" is one ``A``). Two lines with one shape and
different values are one template filled in twice.

Hashes are stable across processes (the furniture pass may count pages processed elsewhere).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import NamedTuple

from timeline.events.credits import credit_end

_TOKEN = re.compile(r"\d+|[^\W\d_]+|--+|[^\w\s]")
_CALENDAR_TEXT = """
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
sunday mon tue tues wed thu thur thurs fri sat sun
"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())
_DASHES = frozenset({"-", "--", "---", "\u2013", "\u2014", "\u2012", "\u2015"})
#: Tokens that end a leading label: "PORT ELLIS --", "RIVERTON |", "March 8:", "* June 3 -".
BOUNDARIES = frozenset({"-", "|", ":", ";"})
_MERIDIEM = frozenset({"am", "pm", "a", "p", "m"})


class Token(NamedTuple):
    """A shape token (a named tuple: lines are tokenised by the thousand)."""

    kind: str  # the shape: "#", "@", "C", "A", a lowercase word, or a punctuation mark
    start: int
    end: int
    word: str  # the token as written, lowercased


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Shape tokens of ``text[start:end]``, with their offsets into ``text``."""
    found = []
    append = found.append
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind, word = _kind_and_word(match.group())
        append(Token(kind, match.start(), match.end(), word))
    return found


@lru_cache(maxsize=1 << 16)
def _kind_and_word(word: str) -> tuple[str, str]:
    """A token's kind and its lowercased text (words repeat: each is looked at once)."""
    return _kind(word), word.lower()


def _kind(word: str) -> str:
    if word[0].isdigit():
        return "#"
    if not word[0].isalpha():
        return "-" if word in _DASHES else word
    lower = word.lower()
    if lower in _CALENDAR:
        return "@"
    if word.isupper() and len(word) > 1:
        return "A"
    if word[0].isupper():
        return "C"
    return lower


def shape_of(items: list[Token]) -> str:
    """The shape of a run of tokens, runs of one value kind collapsed ("C C" -> "C")."""
    kinds: list[str] = []
    for token in items:
        if kinds and token.kind == kinds[-1] and token.kind in ("C", "A", "#"):
            continue
        kinds.append(token.kind)
    return " ".join(kinds)


#: The words of _CALENDAR as a prefix tree, behind a look-ahead at their first letters: three
#: times faster than their alternation (every line with a digit of every article is shaped).
_CALENDAR_WORD = re.compile(
    r"\b(?=[adfjmnostw])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?"
    r"|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b[^\W\d_a-z][^\W\d_]*")
_DASH_RUN = re.compile(r"--+|[\u2012-\u2015]")
_RUN = re.compile(r"(?<!\S)([CA#])(?: \1(?!\S))+")


def line_shape(line: str) -> str:
    """The shape of a whole line, as :func:`shape_of` gives it, by regular expressions (fast:
    every line of every article is shaped)."""
    marked = _CALENDAR_WORD.sub("@", line)
    marked = _NUMBER.sub("#", marked)
    marked = _CAPITALISED.sub(_capital_kind, marked)
    marked = _DASH_RUN.sub("-", marked)
    return _RUN.sub(r"\1", " ".join(_TOKEN.findall(marked)))


def _capital_kind(match: re.Match) -> str:
    word = match.group()
    return "A" if len(word) > 1 and word.isupper() else "C"


def stable_hash(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def is_value(token: Token) -> bool:
    """Whether a token is a value a template fills in (not a word of the template)."""
    return token.kind in ("#", "@", "C", "A")


def is_label_value(token: Token) -> bool:
    """Whether a token marks a label: a word in capitals (a place, an agency, a speaker). A
    label of capitalised words only ("The Recovery System --") is as likely the subject of a
    sentence set off by a dash; one of a date alone ("June 3 -") dates the entry it opens."""
    return token.kind == "A"


def label_ends(text: str, items: list[Token], limit: int = 24, *,
               joined: bool = False) -> list[int]:
    """Indexes (exclusive) where a leading label may end: after a boundary mark followed by a
    space ("PORT ELLIS --", "March 8:", not "Anglo-American" or "14:00"), or after a clock
    time with its am/pm and zone ("7:30 pm EDT"), within the first ``limit`` tokens and before
    the first lowercase word of three letters or more (labels are names and values). With
    ``joined``, names may be joined by "and" ("By Ann Lee and Bo Ray RIVERTON (Agency) -") and
    a label may be a bracket alone ("(Agency) The ...")."""
    ends = []
    for index, token in enumerate(items[:limit]):
        if (token.kind.isalpha() and token.kind.islower() and len(token.kind) >= 3
                and not (joined and token.kind == "and")):
            break
        if (token.kind in BOUNDARIES and index and token.end < len(text)
                and text[token.end].isspace()):
            ends.append(index + 1)
        if (joined and token.kind == ")" and items[0].kind == "(" and token.end < len(text)
                and text[token.end].isspace()):
            ends.append(index + 1)
        clock = clock_end(items, index)
        if clock:
            ends.append(clock)
    return sorted(set(ends))


def clock_end(items: list[Token], index: int) -> int:
    """If a clock time ("9:45", "09.28") starts at ``index``, the index after it and its
    am/pm and time-zone tokens; else 0."""
    if index + 2 >= len(items) or items[index].kind != "#" or items[index + 2].kind != "#":
        return 0
    if items[index + 1].kind not in (":", "."):
        return 0
    end = index + 3
    while end < len(items) and (items[end].word in _MERIDIEM or items[end].kind == "."):
        end += 1
    if end < len(items) and items[end].kind == "A" and items[end].end - items[end].start <= 4:
        end += 1  # a zone: EDT, BST, GMT
    return end


#: A leading label worth taking off a sentence shown under its date holds one of these: a date
#: or clock value, or a word in capitals (a dateline's place) before a dash or in brackets.
_DATE_KINDS = frozenset({"@", "#"})
#: A label ends before the first lowercase word of three letters or more and holds a boundary
#: mark or a clock time (as :func:`label_ends` finds them).
_HEAD_WORD = re.compile(r"\b(?!and\b)[a-z]{3,}")
_HEAD_MARK = re.compile(r"^[(\d]|[-|:;\u2012-\u2015]|\d[:.]\d")


def leading_label_end(text: str, *, dates: bool = True) -> int:
    """Where the text proper starts after a leading label a reader does not need under a date
    heading: an entry's or a caption's date ("* 3 March - ", "Mar. 3: ", "8.49 pm: "), a wire
    dateline ("RIVERTON (Agency) - ", "PORT ELLIS -- "); 0 when there is none. The rest must
    open like a sentence (a capital, a digit or a quote) and hold three words or more; a
    colon ends a label only after a date or a time ("Acme: We will pay" keeps its speaker).
    With ``dates=False`` only a dateline counts (a label holding no date or time), or a
    label ending in a publication stamp, a date with its year and clock time ("RIVERTON | Wed
    May 5, 2021 7:30 pm EDT", "Ann Lee | 12:16 PM, Thursday, 6 May 2021"): when a page was
    printed, never what its sentence reports (with a link word the page prints after it:
    "... 18:15 GMT Help The ..."). A photo credit run into the sentence ("Photo:
    Ann Lee/Wire ", :mod:`timeline.events.credits`) is a label too, and so is a label after it."""
    credit = credit_end(text)
    if credit:
        rest = text[credit:]
        if len(rest.split()) < 3 or not (rest[0].isupper() or rest[0].isdigit()
                                         or rest[0] in "\"'\u201c\u2018"):
            return 0
        return credit + leading_label_end(rest, dates=dates)
    limit = min(len(text), 160)
    first_word = _HEAD_WORD.search(text, 0, limit)
    if not _HEAD_MARK.search(text, 0, first_word.start() if first_word else limit):
        return 0  # most sentences: no boundary mark before their first word, no tokenising
    items = tokens(text, 0, limit)
    ends = label_ends(text, items, 32, joined=True)
    runs = {end for end in (_stamp_run_end(items, start) for start in (0, *ends)) if end}
    links = {stop + 1 for stop in runs.union(e for e in ends if _is_stamp(items, e))
             if _link_word_at(items, stop)}
    best = stamp = 0
    for stop in sorted({*ends, *runs, *links}):
        head = items[:stop]
        if not dates and (stop in runs or _is_stamp(items, stop)):
            stamp = stop  # a stamp is cut; only the label after it must hold no date
        dated = any(t.kind in _DATE_KINDS for t in head)
        bracketed = any(t.kind == "(" for t in head)
        capitals = any(t.kind == "A" and t.end - t.start >= 3 for t in head)
        if head[-1].kind == ":" and not dated:
            continue
        if not dates and stamp != stop and any(t.kind in _DATE_KINDS for t in head[stamp:]):
            continue
        if not (dated or bracketed or capitals):
            continue
        rest = text[head[-1].end:].lstrip()
        if len(rest.split()) < 3 or not (rest[0].isupper() or rest[0].isdigit()
                                         or rest[0] in "\"'\u201c\u2018"):
            continue
        best = len(text) - len(rest)
    return best


_CENTURIES = ("19", "20")
#: Words a page prints as links next to its publication stamp ("... 09:43 GMT Help The ...").
_LINK_WORDS = frozenset({"help", "share", "print", "email", "comments", "close", "menu",
                         "subscribe", "follow", "save"})


def _link_word_at(items: list[Token], stop: int) -> bool:
    """Whether ``items[stop]`` is a page's link word left after a publication stamp: one of
    :data:`_LINK_WORDS`, capitalised, with the sentence opening after it."""
    if stop + 1 >= len(items) or items[stop].kind != "C" or items[stop].word not in _LINK_WORDS:
        return False
    return items[stop + 1].kind in ("C", "A", "#", "\"", "\u201c")


def _is_stamp(items: list[Token], stop: int) -> bool:
    """Whether ``items[:stop]`` ends in a clock time (with its am/pm and zone) after a year: a
    publication stamp ("Wed May 5, 2021 7:30 pm EDT")."""
    clock = next((i for i in range(max(0, stop - 6), stop) if clock_end(items, i) == stop), None)
    return clock is not None and any(_is_year(t) for t in items[:clock])


def _is_year(token: Token) -> bool:
    return token.kind == "#" and len(token.word) == 4 and token.word[:2] in _CENTURIES


#: Tokens of a stamp's date besides numbers and month or weekday names.
_STAMP_MARKS = frozenset({",", ".", ":", "|", "-", "/"})


def _stamp_run_end(items: list[Token], start: int) -> int:
    """The index after a publication stamp written as a run of date parts from ``start``
    that holds a year and a clock time in either order ("12:16 PM, Thursday, 6 May 2021",
    after a byline), with at most three words between the date and its time when the first is
    capitalised ("4 May 2021 Last updated at 18:15 GMT"), or the time's own words between
    the time and the date ("18:15 local time, Tuesday, 4 May 2021"), up to the first word of
    the text;
    0 when there is none."""
    index, clock, year, words = start, False, False, 0
    while index < len(items):
        end = clock_end(items, index)
        if end:
            index, clock = end, True
            continue
        token = items[index]
        if (token.kind in _DATE_KINDS or token.kind in _STAMP_MARKS
                or token.kind.islower() and len(token.kind) <= 2):
            year = year or _is_year(token)
        elif year and not clock and words < 3 and (
                token.kind == "C" or words and token.kind.isalpha() and token.kind.islower()):
            words += 1
        elif clock and not year and words < 2 and (
                token.word == "time" or index + 1 < len(items) and items[index + 1].word == "time"):
            words += 1  # "12:16 UK time, Thursday, 6 May 2021", "10:45 local time, ..."
        else:
            break
        index += 1
    return index if clock and year and index < len(items) else 0


#: Two sentences run together without a stop, as a scraped page glues its headline or a photo
#: caption to the text after it ("... ferry strike nears The crews ..."): a lowercase word, then a
#: capitalised word that only opens a sentence.
_GLUED = re.compile(r"(?<=[a-z0-9%)\u201d\"']) (?:The|An|In|It|He|She|They|This|These|We|But)"
                    r"\s(?!of\b)")


#: ...or any capitalised word between two lowercase ones ("... ferry strike nears Fire crews
#: stand by ..."), when the page itself writes that word in lower case more often (a common word
#: opening a sentence, not a name). Not after a word that runs into a name ("the Fire
#: brigade"), not a month ("since May to"), nor a name's head ("Bay of", "Lee said").
_CAPITAL_BETWEEN = re.compile(r"(?<!\S)([a-z][a-z'-]*)[0-9%)\u201d\"']? ([A-Z][a-z]+)"
                              r" (?=([a-z]{2,}))")
_RUNS_INTO_NAME_TEXT = """
the a an of to in on at for by with from and or but as that this these those its his her their
our your my is are was were be been has have had will would can could may might shall should do
does did not no into onto than said says told
"""
_RUNS_INTO_NAME = frozenset(_RUNS_INTO_NAME_TEXT.split())
_NAME_HEADS = frozenset({"of", "said", "says", "told"})


def glued_at(text: str, page: str | None = None) -> int:
    """Where a second sentence glued to the first without a stop begins; 0 when none is.
    With ``page`` (the text of the page the sentence is on), a glued sentence may open with
    any common word the page writes in lower case."""
    match = _GLUED.search(text)
    found = match.start() + 1 if match else 0
    if page is None:
        return found
    for other in _CAPITAL_BETWEEN.finditer(text, 0, found or len(text)):
        word = other.group(2)
        if (other.group(1) in _RUNS_INTO_NAME or other.group(3) in _NAME_HEADS
                or word.lower() in _CALENDAR):
            continue
        if _mostly_lowercase(word, page):
            return other.start(2)
    return found


def _mostly_lowercase(word: str, page: str) -> bool:
    """Whether ``page`` writes ``word`` in lower case more often than as written (whole words,
    outside addresses)."""
    return _whole_words(page, word.lower()) > _whole_words(page, word)


def _whole_words(page: str, word: str) -> int:
    """How often ``word`` stands in ``page`` as a whole word, not inside an address (no
    letter, digit or "_@./" just before it, no letter, digit or "_@" just after it), by plain
    search: no pattern to compile for each word."""
    count, at = 0, page.find(word)
    while at >= 0:
        before = page[at - 1] if at else " "
        after = page[at + len(word)] if at + len(word) < len(page) else " "
        if not (before.isalnum() or before in "_@./" or after.isalnum() or after in "_@"):
            count += 1
        at = page.find(word, at + 1)
    return count
