"""A short headline for an event: a complete phrase saying what happened at its date, or none.

The whole sentence is printed under the headline as the event's quote, so a headline is worth
showing only when it says the same in far fewer words, and only when it reads as a phrase of
its own ("The mill opened in 1911"), never a cut fragment ("In 1911, as the town grew"). The
rules are few and deterministic:

1. a sentence of at most :data:`STANDS_ALONE` words has no headline: the quote reads at once;
2. cut the sentence into top-level parts at commas, semicolons, colons and dashes (not inside
   brackets or the time expression) and drop attribution parts ("according to the State
   Department", "said U.S. officials");
3. the headline is the main clause: its subject and verb, with asides skipped (relative and
   other dependent clauses, participle phrases, appositives), preceded by an opening adverbial
   ("In 1967,") when that holds the date;
4. when the date is in a "where/when" clause, or in a relative clause right after the subject
   ("The mill, which opened in 1911, ..."), that clause is the phrase ("The mill opened in
   1911"); when it is in any other aside, the main clause reports something else: no headline;
5. a phrase longer than :data:`MAX_WORDS` is cut before a preposition, "to", "that" or the
   like, after the time expression, where what is kept reads as a clause (it has a verb, every
   "that"/"which" in it is followed by one, it does not end on "the" or "of");
6. a headline must be shorter than :data:`REPEATS` of the sentence (cut as in 5 to get there);
   a longer one would only repeat the quote under it.

Rules 2 to 4 are :mod:`~timeline.events.mainclause`, rule 5 :mod:`~timeline.events.phrasefit`;
the word tests they rest on (verbs, clauses) are :mod:`~timeline.events.clauses`.
"""

from __future__ import annotations

import functools
import math
import re

from timeline.events.clauses import MIN_WORDS, QUOTES, is_clause, is_verb, lower_words
from timeline.events.mainclause import main_phrase, split_parts
from timeline.events.phrasefit import fit_phrase
from timeline.model import Citation, Event
from timeline.temporal.lexicon import word_set

__all__ = ["MAX_WORDS", "MIN_WORDS", "REPEATS", "STANDS_ALONE", "assign_headlines",
           "event_headline", "make_headline"]

#: Longest headline, in words.
MAX_WORDS = 20
#: A sentence this short (in words) is its own headline.
STANDS_ALONE = 20
#: A headline keeping this share of the sentence's words (or more) repeats the quote under it.
REPEATS = 0.6

_CONNECTIVE = re.compile(r"^(?:but|and|yet|so|still|meanwhile|however|also)\b[\s,]*",
                         re.IGNORECASE)
_GENERIC_SPEAKER = re.compile(
    r"^(?:(?:[A-Z][\w.’'-]*|senior|several|many|some|other|two|three|these|the)\s+){0,3}"
    r"(?:officials|diplomats|analysts|sources|experts|observers|people)\s+"
    r"(?:said|say|says|believe)\s+(?:that\s+)?"
)

#: Verbs of saying: a phrase with no other verb says only that someone spoke.
_SAYING = word_set("""
said says say told tells added stated noted wrote writes remarked replied explained insisted
argued warned asked spoke speaking tweeted according
""")
#: Words written in lower case after an opening adverbial ("In 1967, the mill closed").
_LOWER_AFTER_OPENING = word_set("the a an this that these those it its we they he she there "
                                "his her their our")


@functools.lru_cache(maxsize=1 << 14)  # pure; rebuilds ask again for every unchanged event
def make_headline(sentence: str, expression_start: int, expression_end: int) -> str:
    """The headline of ``sentence`` whose dating expression is at ``[start, end)`` in it, or
    "" when the sentence needs none (it is short) or has no phrase that can stand alone."""
    total = len(sentence.split())
    if total <= STANDS_ALONE:
        return ""
    parts = split_parts(sentence, expression_start, expression_end)
    key = next((i for i, p in enumerate(parts) if p.start <= expression_start < p.end
                or p.start < expression_end <= p.end), len(parts) - 1)
    phrase = main_phrase(sentence, parts, key)
    if phrase is None:
        return ""
    expression = sentence[expression_start:expression_end].strip()
    # shorter than the sentence by a good margin, or it only repeats the quote under it
    longest = min(MAX_WORDS, math.ceil(REPEATS * total) - 1)
    body = fit_phrase(phrase, expression, longest)
    if not body:
        return ""
    if not phrase.opening:
        body = _trim_front(body, expression)
    if phrase.opening and body.split()[0].lower() in _LOWER_AFTER_OPENING:
        body = body[:1].lower() + body[1:]  # "In 1967, the council ..."
    text = f"{phrase.opening}, {body}" if phrase.opening else body
    if not is_clause(body) or len(text.split()) > longest:
        return ""
    if all(w in _SAYING for w in lower_words(body) if is_verb(w)):
        return ""  # "Guan said in an interview on Tuesday": what was said is in the quote
    return text


def event_headline(event: Event, make=make_headline) -> str:
    """The headline of an event, from its first citation ("" when it needs none); ``make``
    is :func:`make_headline` or a memo of it."""
    if not event.citations:
        return make(event.text, 0, 0)
    citation: Citation = event.citations[0]
    offset = citation.sentence_start
    return make(citation.sentence, citation.timex.start - offset, citation.timex.end - offset)


def assign_headlines(events: list[Event]) -> list[Event]:
    """Give every event without a headline (editors may have set one) its headline."""
    for event in events:
        if not event.headline:
            event.headline = event_headline(event)
    return events


def _trim_front(text: str, expression: str) -> str:
    """Drop a leading connective ("But") and a generic speaker ("U.S. officials said") unless
    the time expression is his ("officials said on Sunday that ..." keeps him)."""
    stripped = text.lstrip(QUOTES)
    match = _CONNECTIVE.match(stripped)
    if match and is_clause(stripped[match.end():]):
        stripped = stripped[match.end():]
    match = _GENERIC_SPEAKER.match(stripped)
    if match:
        rest = stripped[match.end():]
        opening = " ".join(rest.split()[:3])
        if is_clause(rest) and expression and expression in rest and expression not in opening:
            stripped = rest
    return stripped[:1].upper() + stripped[1:]
