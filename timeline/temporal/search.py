"""Find the temporal expressions of a text: the grammar run only where one could start.

One job: scanning the whole grammar (:data:`timeline.temporal.patterns.FINDER`) at every
character is slow; instead, the tokens that can head an expression (digits, month and weekday
names, unit words...) trigger an anchored match starting at the leftmost of the few modifier
words before them ("the past", "about two"). Money, percentages and decimals head nothing; a
match stops at a paragraph break or the end of a short line; a long text is tokenised in pieces.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add

from timeline.temporal.fragments import ERA_BC, HOLIDAY_PREFIXES, HOLIDAY_TRIGGERS
from timeline.temporal.lexicon import word_set
from timeline.temporal.patterns import FINDER

TRIGGERS = word_set("""
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mondays tuesdays wednesdays thursdays fridays saturdays sundays
today tonight tomorrow yesterday now currently current recently lately nowadays presently
present future past term second seconds minute minutes hour hours day days night nights week
weeks weekend weekends fortnight month months quarter quarters year years decade decades century
centuries millennium period daily weekly monthly annually yearly hourly nightly quarterly
biweekly semiannually biannually spring summer fall autumn winter morning afternoon evening
overnight noon midnight midday o'clock
twenties thirties forties fifties sixties seventies eighties nineties year's date fy
q1 q2 q3 q4 h1 h2 year-end half nineteen eighteen thousand
dawn daybreak dusk sunrise sunset nightfall
""") | HOLIDAY_TRIGGERS

#: Words that may open an expression before its trigger ("the past", "about two", "early").
PREFIXES = word_set("""
the a an early late mid earlier later last next this coming past previous preceding following
about around nearly almost some roughly approximately more less than fewer at least most up to
over under just only barely full entire whole first second third fourth final fiscal calendar
of end beginning start middle close turn half part latter very right every each per other once
twice three four times its year's comparable corresponding same latest recent current that
upcoming prior ensuing subsequent new may in shortly additional another
one two three five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
seventy eighty ninety hundred dozen couple few several many model trading business working
straight consecutive these near distant foreseeable immediate short long two then and
mornings afternoons evenings ad circa c
""") | HOLIDAY_PREFIXES


#: A word, with inner apostrophes ("year's", "o'clock"). The group makes ``split`` keep the words;
#: the possessive quantifiers match the same words as greedy ones (nothing follows them to
#: backtrack for) but spare the engine its backtracking bookkeeping: a fifth faster.
_TOKEN = re.compile(r"(\w++(?:['\u2019]\w++)*+)")
_DIGITS = frozenset("0123456789")
_NOT_DECIMAL = re.compile(r"[.:][0-5]\d\s*[ap]\.?m|\.\d{1,2}\.\d{4}(?!\.?\d)"
                          rf"|,\d{{3}}\s*{ERA_BC}"  # "10,000 BC" is a year
                          r"|\.\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
                          re.I)  # "in 9.58 seconds" is a duration
_STAMP_DOT = re.compile(r"(?:[01]\d|2[0-3])\.[0-5]\d(?=[ \t]+[A-Z]|[ \t]*\n)")
#: Words that join an expression's modifiers but never start one ("the end OF", "more THAN").
_CONNECTORS = frozenset(("of", "in", "to", "than", "and", "least", "most", "other", "times"))


def _forms(words) -> frozenset[str]:
    """The spellings a trigger word is found in: as is, capitalised, upper case, possessive."""
    out = set()
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            out.update((form, form + "'s", form + "\u2019s"))
    return frozenset(out)


_TRIGGER_FORMS = _forms(TRIGGERS)
_PREFIX_FORMS = _forms(PREFIXES)


#: Characters tokenised at a time. The word list costs ~20 bytes per character of text, so a
#: 50 MB article tokenised whole needed a gigabyte; in pieces it needs a few megabytes.
CHUNK = 1 << 16


def find(text: str):
    """Yield ``(rule, start, end)`` for each expression, left to right, never overlapping."""
    taken = 0
    fiscal = "FY" in text  # rare, so looked for apart: fiscal years in one word ("FY2014")
    for lo, hi in chunks(text):
        words, starts = _tokens(text, lo, hi)
        for index in _heads(words, fiscal):
            pos = starts[index]
            if pos < taken:
                continue
            if _is_numeral(words[index]) and _is_number(text, pos, pos + len(words[index])):
                continue
            # The grammar runs on the whole text, so an expression may run on past ``hi``.
            for start in _starts(words, starts, index, taken, text):
                match = FINDER.match(text, start)
                if match and text.find("\n", start, match.end()) >= 0:
                    match = _within_lines(text, start, match.end())
                if match and match.end() > pos:
                    taken = match.end()
                    yield match.lastgroup, match.start(), match.end()
                    break


#: A line at least this long that a match runs on from is prose wrapped by hand ("...the
#: deadline of March\n3, 2014"); a shorter one is a date line, a heading or a list item.
WRAPPED_LINE = 50


def _within_lines(text: str, start: int, end: int) -> re.Match[str] | None:
    """The match at ``start``, cut before the first line break it may not run across."""
    return FINDER.match(text, start, line_stop(text, start, end))


def line_stop(text: str, start: int, end: int) -> int:
    """Where an expression starting at ``start`` must stop, at most ``end``: before a paragraph
    break, or at the end of a short line ("LONDON, June\n3 people were hurt" is no date, nor
    is "Updated 15 June\n2014 was a record year")."""
    newline = text.find("\n", start, end)
    while newline >= 0:
        line_start = text.rfind("\n", 0, newline) + 1
        paragraph = text[newline + 1:end].lstrip(" \t\r").startswith("\n")
        if paragraph or newline - line_start < WRAPPED_LINE:
            return newline
        newline = text.find("\n", newline + 1, end)
    return end


def chunks(text: str, size: int = CHUNK):
    """``(lo, hi)`` pieces of ``text`` of about ``size`` characters, cut where no expression
    is split from its modifiers: at a paragraph break, else a line break, else a space."""
    lo, end = 0, len(text)
    while end - lo > size:
        hi = lo + size
        cut = -1
        for mark in ("\n\n", "\n", " "):
            cut = text.rfind(mark, lo + size // 2, hi)
            if cut >= 0:
                break
        if cut < 0:  # one immense word (or other spacing): cut where it ends
            space = _SPACE.search(text, hi)
            cut = space.start() if space else end
        yield lo, cut
        lo = cut
    if lo < end:
        yield lo, end


_SPACE = re.compile(r"\s")


def _tokens(text: str, lo: int, hi: int) -> tuple[list[str], list[int]]:
    """The words of ``text[lo:hi]`` and the offset in ``text`` each starts at.

    A news text has ~90k words of which one in sixteen can head an expression. ``split`` lists
    the words and ``accumulate`` sums their offsets, both in C: ``finditer``'s match objects
    cost more to make, and their number sets off the garbage collector again and again.
    """
    parts = _TOKEN.split(text[lo:hi])  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    # A word starts after everything before it: the first gap, then each word and the next gap.
    starts = list(accumulate(map(add, map(len, words), map(len, parts[2::2])),
                             initial=lo + len(parts[0])))
    return words, starts


def _heads(words: list[str], fiscal: bool) -> list[int]:
    """Indices of the words that can head an expression: trigger words and numerals (and
    "FY2014" when ``fiscal``)."""
    heads = [i for i, word in enumerate(words) if word in _TRIGGER_FORMS or word[0] in _DIGITS]
    if fiscal:
        heads = sorted({*heads, *(i for i, word in enumerate(words) if _is_numeral(word))})
    return heads


def _is_numeral(word: str) -> bool:
    """A word that is a number ("1998"; "3,000" starts so) or a fiscal year ("FY2014")."""
    return word[0] in _DIGITS or word[:2] == "FY" and word[2:3].isdigit()


def _is_number(text: str, start: int, end: int) -> bool:
    """Money, percentages and decimals ("$1.5", "25%", "3,000") never head an expression."""
    before = text[start - 1:start] if start else ""
    after = text[end:end + 2]
    if _NOT_DECIMAL.match(text, end):  # "7.30pm" is a time and "4.3.2019" a date
        return False
    if before in ("", "\n") and _STAMP_DOT.match(text, start):
        return False  # "20.59 Talks resume": a live blog's post opening with its time
    return before in ("$", "#", "\u00a3", "\u20ac") or after[:1] == "%" or (
        after[:1] in ",." and after[1:2].isdigit())


def _starts(words: list[str], starts: list[int], index: int, taken: int, text: str) -> list[int]:
    """Candidate start offsets for the trigger ``words[index]``, leftmost first: up to five
    modifier words before it (not before ``taken``), and an opening apostrophe ("'90s")."""
    first = index
    while (first > 0 and index - first < 5 and starts[first - 1] >= taken
           and words[first - 1] in _PREFIX_FORMS):
        first -= 1
    candidates = []
    for k in range(first, index + 1):
        if k < index and words[k].lower() in _CONNECTORS:
            continue
        pos = starts[k]
        if pos > 0 and text[pos - 1] in "'\u2019" and pos - 1 >= taken:
            candidates.append(pos - 1)
        candidates.append(pos)
    return candidates
