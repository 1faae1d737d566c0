"""A short headline for an event: the clause around its time expression, without attribution.

The full sentence stays the event's quote; the headline is what a reader scans. The rules are
deliberately few and deterministic:

1. cut the sentence into top-level parts at commas, semicolons, colons and dashes (not inside
   parentheses, so "Sen. Lindsey Graham (R., S.C.)" stays whole);
2. drop attribution parts that do not hold the time expression ("according to the State
   Department", "said U.S. officials", "many observers say", "The WSJ reports");
3. when the expression sits in a "where/when ..." clause, that clause is the headline;
4. drop leading connectives ("But", "And") and generic speakers ("U.S. officials said that");
5. keep at most :data:`MAX_WORDS` words: end at the first part boundary after the expression
   when that is long enough, else cut and add an ellipsis.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import accumulate

from timeline.model import Citation, Event

MAX_WORDS = 20
#: A headline cut at a clause boundary must keep at least this many words.
MIN_WORDS = 6
ELLIPSIS = "…"

_SEPARATOR = re.compile(r"\s*(?:[,;:]|\s[—–-]{1,2}\s|—)\s*")
_ATTRIBUTION = re.compile(
    r"""^(?:according\s+to\b.*
    |(?:and\s+)?(?:said|says|say|told|reported|reports|added|noted|wrote|tweeted|argued)\b.*
    |[\w.’'\s-]{0,60}?\b(?:said|says|say|reported|reports|added|noted|told\s+reporters)
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_RELATIVE_ADVERB = re.compile(r"^(?:where|when)\s+", re.IGNORECASE)
_CONNECTIVE = re.compile(r"^(?:but|and|yet|so|still|meanwhile|however|also)\b[\s,]*",
                         re.IGNORECASE)
_GENERIC_SPEAKER = re.compile(
    r"^(?:(?:[A-Z][\w.’'-]*|senior|several|many|some|other|two|three|these|the)\s+){0,3}"
    r"(?:officials|diplomats|analysts|sources|experts|observers|people)\s+"
    r"(?:said|say|says|believe)\s+(?:that\s+)?"
)
_QUOTES = "\"'“”‘’«» "
#: Words a cut headline should not end on.
_DANGLING = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into",
                       "its", "of", "on", "or", "the", "their", "to", "with", "that", "which",
                       "who"})


@dataclass(frozen=True, slots=True)
class _Part:
    """A top-level piece of the sentence: ``sentence[start:end]``, and its separator before."""

    start: int
    end: int
    separator: str  # the original text between this part and the previous one


@functools.lru_cache(maxsize=1 << 14)  # pure; rebuilds ask again for every unchanged event
def make_headline(sentence: str, expression_start: int, expression_end: int) -> str:
    """The headline of ``sentence`` whose dating expression is at ``[start, end)`` in it."""
    parts = _split(sentence, expression_start, expression_end)
    key = next((i for i, p in enumerate(parts) if p.start <= expression_end - 1 < p.end
                or p.start <= expression_start < p.end), len(parts) - 1)
    first = 0
    if key > 0 and _RELATIVE_ADVERB.match(sentence[parts[key].start:]):
        first = key  # "..., where diplomats will convene Monday": that clause is the headline
    chosen = [i for i in range(first, len(parts)) if i == key or not _is_attribution(
        sentence, parts, i, key)]
    words = _words_before(sentence, parts, chosen, key, expression_start, expression_end)
    opening = chosen[0]
    if sum(_count(sentence, parts[i]) for i in chosen) > MAX_WORDS and words[1] > MAX_WORDS:
        chosen = _run_around(sentence, parts, chosen, key)
        words = _words_before(sentence, parts, chosen, key, expression_start, expression_end)
    text = _join(sentence, parts, chosen)
    boundaries = list(accumulate(_count(sentence, parts[i]) for i in chosen))
    if chosen[0] != opening:  # the sentence's start was cut: say so, keep the case as is
        short = _shorten(text, words, boundaries)
        return short if short.startswith(ELLIPSIS) else ELLIPSIS + short
    text, words, boundaries = _trim_front(text, words, boundaries)
    return _shorten(text, words, boundaries)


def event_headline(event: Event) -> str:
    """The headline of an event, from its first citation (or its text if it has none)."""
    if not event.citations:
        return make_headline(event.text, 0, 0)
    citation: Citation = event.citations[0]
    offset = citation.sentence_start
    return make_headline(citation.sentence, citation.timex.start - offset,
                         citation.timex.end - offset)


def assign_headlines(events: list[Event]) -> list[Event]:
    """Give every event without a headline (editors may have set one) its headline."""
    for event in events:
        if not event.headline:
            event.headline = event_headline(event)
    return events


def _split(sentence: str, expression_start: int, expression_end: int) -> list[_Part]:
    """Top-level parts; never cut inside brackets or inside the expression ("Sept. 11, 2001").

    Jumps from one possible separator to the next (a character-by-character walk was most of
    the time spent on headlines), counting the brackets passed on the way."""
    parts: list[_Part] = []
    start, depth, position, separator = 0, 0, 0, ""
    while True:
        match = _SEPARATOR.search(sentence, position)
        if match is None:
            break
        here = match.start()
        passed = sentence[position:here + 1]
        depth += (passed.count("(") + passed.count("[")
                  - passed.count(")") - passed.count("]"))
        inside = expression_start <= here < expression_end
        if depth <= 0 and not inside and here > start:
            parts.append(_Part(start, here, separator))
            separator = match.group()
            start = position = match.end()
        else:
            position = here + 1
    if start < len(sentence):
        parts.append(_Part(start, len(sentence), separator))
    return parts or [_Part(0, len(sentence), "")]


def _is_attribution(sentence: str, parts: list[_Part], index: int, key: int) -> bool:
    """Attribution parts go when they trail the expression or open the sentence."""
    if index < key and index != 0:
        return False
    text = sentence[parts[index].start:parts[index].end].strip(_QUOTES + ".")
    return _ATTRIBUTION.match(text) is not None


def _count(sentence: str, part: _Part) -> int:
    return len(sentence[part.start:part.end].split())


def _words_before(sentence: str, parts: list[_Part], chosen: list[int], key: int,
                  expression_start: int, expression_end: int) -> tuple[int, int]:
    """Word positions (start, end) of the expression in the joined headline text."""
    before = sum(_count(sentence, parts[i]) for i in chosen if i < key)
    part = parts[key]
    start = before + len(sentence[part.start:max(part.start, expression_start)].split())
    end = before + len(sentence[part.start:max(part.start, expression_end)].split())
    return start, max(end, start)


def _run_around(sentence: str, parts: list[_Part], chosen: list[int], key: int) -> list[int]:
    """The consecutive chosen parts around the expression's part, within MAX_WORDS."""
    position = chosen.index(key)
    low = high = position
    total = _count(sentence, parts[key])
    while low > 0 and total + _count(sentence, parts[chosen[low - 1]]) <= MAX_WORDS:
        low -= 1
        total += _count(sentence, parts[chosen[low]])
    while high + 1 < len(chosen) and total + _count(sentence, parts[chosen[high + 1]]) \
            <= MAX_WORDS:
        high += 1
        total += _count(sentence, parts[chosen[high]])
    return chosen[low:high + 1]


def _join(sentence: str, parts: list[_Part], chosen: list[int]) -> str:
    pieces: list[str] = []
    for number, index in enumerate(chosen):
        text = sentence[parts[index].start:parts[index].end]
        if number == 0:
            text = _RELATIVE_ADVERB.sub("", text) if index > 0 else text
        else:
            adjacent = chosen[number - 1] == index - 1
            pieces.append(parts[index].separator if adjacent else ", ")
        pieces.append(text)
    return "".join(pieces)


def _trim_front(text: str, words: tuple[int, int],
                boundaries: list[int]) -> tuple[str, tuple[int, int], list[int]]:
    """Drop leading quotes, connectives and generic speakers before the expression."""
    stripped = text.lstrip(_QUOTES)
    for pattern in (_CONNECTIVE, _GENERIC_SPEAKER):
        match = pattern.match(stripped)
        dropped = len(text.split()) - len(stripped.split())
        # A speaker is only dropped when the expression is not his: "said on Sunday that" and
        # "said Sunday" keep him (the expression follows within one word).
        if match and len(match.group().split()) < words[0] - dropped - 1:
            stripped = stripped[match.end():]
    removed = len(text.split()) - len(stripped.split())
    stripped = stripped[:1].upper() + stripped[1:]
    return (stripped, (words[0] - removed, words[1] - removed),
            [b - removed for b in boundaries if b - removed > 0])


def _shorten(text: str, words: tuple[int, int], boundaries: list[int]) -> str:
    tokens = text.split()
    if len(tokens) <= MAX_WORDS:
        return _clean(" ".join(tokens))
    expression_end = words[1]
    cut = next((b for b in boundaries if expression_end <= b and MIN_WORDS <= b <= MAX_WORDS),
               None)
    if cut is not None:
        return _clean(" ".join(tokens[:cut]))
    first = max(0, expression_end - MAX_WORDS)  # keep the expression in view
    last = first + MAX_WORDS
    head = ELLIPSIS if first > 0 else ""
    tail = ELLIPSIS if last < len(tokens) else ""
    kept = tokens[first:last]
    while tail and len(kept) > expression_end - first and kept[-1].lower() in _DANGLING:
        kept.pop()  # "...set a July 20 deadline to…" reads better as "...deadline…"
    return head + _clean(" ".join(kept)) + tail


def _clean(text: str) -> str:
    """No trailing punctuation, no quote mark left open or closed on its own."""
    text = text.rstrip(" .,;:—–-")
    # Single quotes are left alone: ’ is far more often an apostrophe (Washington’s).
    opening, closing = "“", "”"
    if text.count(closing) > text.count(opening):
        text = text.replace(closing, "", text.count(closing) - text.count(opening))
    if text.count(opening) > text.count(closing):
        text = text.replace(opening, "", text.count(opening) - text.count(closing))
    if text.count('"') % 2:
        text = text.replace('"', "", 1)
    return text.strip()
