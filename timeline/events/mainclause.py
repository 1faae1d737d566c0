"""The phrase a headline is made of: the main clause of the sentence, or the clause the date is in.

One job: cut the sentence into top-level parts at commas, semicolons, colons and dashes (never
inside brackets or the time expression), tell what each part is to the main clause (an opening
adverbial, an aside, an attribution, the clause going on, a clause of its own), and choose the
parts of the headline's phrase: the main clause with its asides skipped, after an opening
adverbial that holds the date; or, when the date is in a "where/when" clause or a relative
clause about the subject, that clause ("The mill, which opened in 1911" gives "The mill opened
in 1911"); or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.events.clauses import (
    CUT_BEFORE,
    DEPENDENT,
    PREPOSITIONS,
    QUOTES,
    WORD,
    clean_phrase,
    has_finite_verb,
    has_verb,
    is_clause,
    is_verb,
    lower_words,
)
from timeline.temporal.context import SPEECH_VERBS
from timeline.temporal.lexicon import word_set

_SEPARATOR = re.compile(r"\s*(?:[,;:]|\s[—–-]{1,2}\s|—)\s*")
_ATTRIBUTION = re.compile(
    r"""^(?:according\s+to\b.*
    |(?:and\s+)?(?:said|says|say|told|reported|reports|added|noted|wrote|tweeted|argued)\b.*
    |[\w.’'\s-]{0,60}?\b(?:said|says|say|reported|reports|added|noted|wrote|told\s+reporters)
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


#: Relative adverbs: their clause, cut loose, reads as a clause ("diplomats will meet Monday").
_RELATIVE_ADVERBS = frozenset({"where", "when"})
#: Relative pronouns that can be the subject of their clause ("which opened in 1911").
_SUBJECT_RELATIVES = frozenset({"which", "who", "that"})
#: Words that open an appositive ("the governor of the province") when no verb came yet.
_DETERMINERS = word_set("the a an his her its their our this that these those")
#: Adverbs that may precede a participle opening an aside ("officially known as").
_ADVERBS = word_set("first also later now then still officially previously initially "
                     "recently originally once long")
#: Past participles not ending in -ed.
_IRREGULAR_PARTICIPLES = word_set("known born written given taken seen held set shown made "
                                   "built found led put kept left sent brought caught")


#: Opening words of an adverbial of time or place ("In 1967", "On Monday", "Last week").
_ADVERBIAL_STARTS = word_set("in on at by during since after before last this next early "
                              "late earlier later until for from over throughout around "
                              "about within")


@dataclass(frozen=True, slots=True)
class _Part:
    """A top-level piece of the sentence: ``sentence[start:end]``, and its separator before."""

    start: int
    end: int
    separator: str  # the original text between this part and the previous one


@dataclass(frozen=True, slots=True)
class Phrase:
    """A headline before fitting: an opening adverbial ("In 1967") and the clause's pieces,
    joiners included."""

    opening: str
    pieces: tuple[str, ...]


def split_parts(sentence: str, expression_start: int, expression_end: int) -> list[_Part]:
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


def _text(sentence: str, part: _Part) -> str:
    return sentence[part.start:part.end].strip(QUOTES)


def _kind(sentence: str, parts: list[_Part], index: int, verb_seen: bool,
          started: bool = True) -> str:
    """What a part is to the main clause: "adverbial" (an opening "In 1967"), "dependent"
    (an aside: a dependent clause, a participle phrase, an appositive), "attribution",
    "continuation" (the main clause going on after an aside) or "clause" (a clause of its
    own). ``verb_seen``: whether the main clause so far has a finite verb; ``started``:
    whether it began (after an opening "In 1967, as costs grew," it begins in lower case)."""
    text = _text(sentence, parts[index])
    words = WORD.findall(text)
    if not words:
        return "dependent"
    lower = lower_words(text)
    if index == 0:
        if len(words) <= 8 and lower[0] in _ADVERBIAL_STARTS and not has_verb(lower):
            return "adverbial"
        if lower[0] in DEPENDENT and len(parts) > 1:
            return "adverbial"  # "Since the outbreak was declared on 23 April, ..."
        return "clause"
    if _ATTRIBUTION.match(text.strip(".")):
        # "said he was aware ..." after a subject with no verb yet is the main verb
        reported = has_verb(lower[1:]) and lower[0] in SPEECH_VERBS
        return "continuation" if reported and not verb_seen else "attribution"
    first = next((w for w in lower if w not in _ADVERBS and not w.endswith("ly")), lower[0])
    at = lower.index(first)
    following = lower[at + 1] if at + 1 < len(lower) else ""
    if first in DEPENDENT:
        return "dependent"
    if any(mark in parts[index].separator for mark in ";:"):
        return "clause"  # after a semicolon or colon: another clause, whatever its case
    if words[0][:1].isupper() and first == lower[0]:
        # a name or title without a verb ("Sir Jo Bell") is an appositive
        return "clause" if has_verb(lower) else "dependent"
    if first.endswith("ing") and len(first) > 4:
        return "dependent"  # "raising the prospect of ...", "adding that ..."
    participle = first.endswith("ed") or first in _IRREGULAR_PARTICIPLES
    if participle and following in PREPOSITIONS:
        return "dependent"  # "accompanied by captions", "known as Bella", "based in Lyon"
    if not started:
        return "clause"
    if first in _DETERMINERS and not verb_seen:
        return "dependent"  # an appositive between subject and verb: "the governor of ..."
    return "continuation"


def main_phrase(sentence: str, parts: list[_Part], key: int) -> Phrase | None:
    """The headline's opening and clause, or None when the date's part has none."""
    kinds: list[str] = []
    phrase: list[int] = []  # indexes of the main clause's parts
    ended = False  # a clause of its own came after the main clause: nothing more joins it
    for index in range(len(parts)):
        verb_seen = any(has_finite_verb(lower_words(_text(sentence, parts[i])))
                        for i in phrase)
        kind = _kind(sentence, parts, index, verb_seen, bool(phrase))
        kinds.append(kind)
        starts = kind == "clause" and not phrase
        adjacent_clause = phrase and phrase[-1] == index - 1 and has_verb(
            lower_words(_text(sentence, parts[index])))  # "..., and it spread"
        # "..., Hoshyar Zebari, in a phone call on Saturday": the date's adverbial goes on
        dated_adverbial = index == key and lower_words(_text(sentence, parts[index]))[:1] \
            and lower_words(_text(sentence, parts[index]))[0] in _ADVERBIAL_STARTS
        # "the terminal, which cost twice as much, would open ...": the subject's verb
        verb_first = is_verb((lower_words(_text(sentence, parts[index])) or [""])[0])
        goes_on = kind == "continuation" and bool(phrase) and not ended and (
            not verb_seen or bool(adjacent_clause) or bool(dated_adverbial) or verb_first)
        if starts or goes_on:
            phrase.append(index)
        elif kind == "clause" and phrase and index <= key and key not in phrase:
            phrase = [index]  # a new clause of its own, nearer the date
        elif kind == "clause" and phrase:
            ended = True
    opening = (clean_phrase(_text(sentence, parts[0]))
               if kinds[0] == "adverbial" and key == 0 else "")
    if (key in phrase or opening or kinds[key] == "attribution") and phrase:
        # "..., officials said on Sunday": what they said is the news of Sunday
        return Phrase(opening, tuple(_pieces(sentence, parts, phrase)))
    aside = _clause_of_aside(sentence, parts, key, phrase)
    return Phrase("", tuple(aside)) if aside else None


def _clause_of_aside(sentence: str, parts: list[_Part], key: int, phrase: list[int]) -> list[str]:
    """The phrase when the date sits in an aside: a "where/when" clause on its own, or a
    relative clause joined to the noun it is about ("The mill, which opened in 1911, ..."
    gives "The mill opened in 1911"); else none."""
    text = _text(sentence, parts[key])
    words = lower_words(text)
    tokens = text.split(None, 1)
    # words split at hyphens too, so "mid-July" is two words but one token with no rest
    if key == 0 or len(words) < 2 or len(tokens) < 2:
        return []
    rest = tokens[1]
    if words[0] in _RELATIVE_ADVERBS:
        return [rest[:1].upper() + rest[1:]]
    if words[0] in _SUBJECT_RELATIVES and is_verb(words[1]):
        noun = _antecedent(_text(sentence, parts[key - 1]))
        if noun:
            return [noun[:1].upper() + noun[1:], " ", rest]
    return []


def _antecedent(text: str) -> str:
    """The noun phrase that ends ``text``, which a relative clause after it is about: all of
    it when it has no verb ("The mill"), else what follows its last verb or preposition
    ("was underlined by | the Japanese government"); "" when that is not a short noun phrase."""
    tokens = text.split()
    words = [w.strip(QUOTES + ".,").lower() for w in tokens]
    cut = max((i for i, w in enumerate(words)
               if is_verb(w) or w in PREPOSITIONS or w in CUT_BEFORE or w in DEPENDENT),
              default=-1)
    if cut >= 0 and words[cut] == "to":
        cut += 1  # "to contain | the virus": the infinitive's verb is not the noun
    noun = tokens[cut + 1:]
    if not 1 <= len(noun) <= 6 or (cut < 0 and has_verb(words)):
        return ""
    first = noun[0].strip(QUOTES)
    if not (first[:1].isupper() or first[:1].isdigit() or first.lower() in _DETERMINERS):
        return ""
    return " ".join(noun)


def _pieces(sentence: str, parts: list[_Part], chosen: list[int]) -> list[str]:
    """The chosen parts with what joins them: their own separator when adjacent; across a
    skipped aside, a space inside an unfinished clause ("the storm [, known as Bella,] was
    named"), else a comma."""
    pieces: list[str] = []
    for number, index in enumerate(chosen):
        text = sentence[parts[index].start:parts[index].end]
        if number:
            if chosen[number - 1] == index - 1:
                pieces.append(parts[index].separator)
            else:  # a clause with no end yet, or its verb, goes on with a space
                verb_first = is_verb((lower_words(text) or [""])[0])
                pieces.append(", " if is_clause("".join(pieces)) and not verb_first else " ")
        pieces.append(text)
    return pieces
