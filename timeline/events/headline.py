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
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from timeline.model import Citation, Event
from timeline.temporal.context import PAST_CUES, SPEECH_VERBS
from timeline.temporal.lexicon import word_set

#: Past-tense verbs among the tagger's past cues (the others, "ago", "last", are not verbs).
_PAST_VERBS = PAST_CUES - {"ago", "last", "since", "earlier"}
#: Longest headline, in words.
MAX_WORDS = 20
#: Shortest headline: fewer words are rarely a phrase.
MIN_WORDS = 4
#: A sentence this short (in words) is its own headline.
STANDS_ALONE = 20
#: A headline keeping this share of the sentence's words (or more) repeats the quote under it.
REPEATS = 0.6

_SEPARATOR = re.compile(r"\s*(?:[,;:]|\s[—–-]{1,2}\s|—)\s*")
_ATTRIBUTION = re.compile(
    r"""^(?:according\s+to\b.*
    |(?:and\s+)?(?:said|says|say|told|reported|reports|added|noted|wrote|tweeted|argued)\b.*
    |[\w.’'\s-]{0,60}?\b(?:said|says|say|reported|reports|added|noted|wrote|told\s+reporters)
    )$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_CONNECTIVE = re.compile(r"^(?:but|and|yet|so|still|meanwhile|however|also)\b[\s,]*",
                         re.IGNORECASE)
_GENERIC_SPEAKER = re.compile(
    r"^(?:(?:[A-Z][\w.’'-]*|senior|several|many|some|other|two|three|these|the)\s+){0,3}"
    r"(?:officials|diplomats|analysts|sources|experts|observers|people)\s+"
    r"(?:said|say|says|believe)\s+(?:that\s+)?"
)
_QUOTES = "\"'“”‘’«» "
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")

#: Words opening a dependent clause or phrase: an aside to the main clause.
_DEPENDENT = word_set("""
as while although though because since after before until unless if whereas once so
which who whom whose where when whether including following despite amid according like
unlike why how what
""")
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
#: Prepositions after a participle: "accompanied by", "known as", "based in" open an aside.
_PREPOSITIONS = word_set("by as in on at from to for with during after since of into "
                          "under over")
#: Opening words of an adverbial of time or place ("In 1967", "On Monday", "Last week").
_ADVERBIAL_STARTS = word_set("in on at by during since after before last this next early "
                              "late earlier later until for from over throughout around "
                              "about within")
#: A phrase that is too long may be cut before these words.
_CUT_BEFORE = word_set("""
to that which who whom whose where when while as because since after before amid despite
including following although though unless until but for with in on at from by into
over under against through during among between without within across near
""")
#: Auxiliaries and modals: a phrase holding one has a verb.
_AUXILIARIES = word_set("""
is are was were be been being has have had do does did will would can could may might must
shall should
""")
#: Words of time after a -ed word leave it a participle as likely as a verb ("posted today").
_TIME_WORDS = word_set("""
today yesterday tonight tomorrow now earlier later last this next monday tuesday wednesday
thursday friday saturday sunday january february march april june july august september
october november december <name>
""")
#: Subject pronouns: a -ed word after one is a verb ("they closed").
_PRONOUNS = word_set("i we you he she it they who which that")
#: Verbs of saying: a phrase with no other verb says only that someone spoke.
_SAYING = word_set("""
said says say told tells added stated noted wrote writes remarked replied explained insisted
argued warned asked spoke speaking tweeted according
""")
#: Words that open a clause needing a verb of its own after them.
_COMPLEMENTIZERS = word_set("""
that which who whom whose whether because although though while if unless whereas where when
""")
#: Words written in lower case after an opening adverbial ("In 1967, the mill closed").
_LOWER_AFTER_OPENING = word_set("the a an this that these those it its we they he she there "
                                "his her their our")
#: Nouns that need the "to" after them: "in a bid to", "in response to".
_NEEDS_COMPLEMENT = word_set("bid effort attempt order response way chance right ability "
                             "decision plan plans move")
#: Words opening what a verb before them needs: "confirmed that", "plans to", "asked whether".
_COMPLEMENT_OPENERS = word_set("that to whether if")
#: Words a phrase should not end on.
_DANGLING = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into",
                       "its", "of", "on", "or", "the", "their", "to", "with", "that", "which",
                       "who", "his", "her", "our", "than", "very", "more", "most", "even",
                       "just", "only", "also", "still", "not", "so", "too"})


@dataclass(frozen=True, slots=True)
class _Part:
    """A top-level piece of the sentence: ``sentence[start:end]``, and its separator before."""

    start: int
    end: int
    separator: str  # the original text between this part and the previous one


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A headline before fitting: an opening adverbial ("In 1967") and the clause's pieces,
    joiners included."""

    opening: str
    pieces: tuple[str, ...]


@functools.lru_cache(maxsize=1 << 14)  # pure; rebuilds ask again for every unchanged event
def make_headline(sentence: str, expression_start: int, expression_end: int) -> str:
    """The headline of ``sentence`` whose dating expression is at ``[start, end)`` in it, or
    "" when the sentence needs none (it is short) or has no phrase that can stand alone."""
    total = len(sentence.split())
    if total <= STANDS_ALONE:
        return ""
    parts = _split(sentence, expression_start, expression_end)
    key = next((i for i, p in enumerate(parts) if p.start <= expression_start < p.end
                or p.start < expression_end <= p.end), len(parts) - 1)
    phrase = _phrase(sentence, parts, key)
    if phrase is None:
        return ""
    expression = sentence[expression_start:expression_end].strip()
    # shorter than the sentence by a good margin, or it only repeats the quote under it
    longest = min(MAX_WORDS, math.ceil(REPEATS * total) - 1)
    body = _fit(phrase, expression, longest)
    if not body:
        return ""
    if not phrase.opening:
        body = _trim_front(body, expression)
    if phrase.opening and body.split()[0].lower() in _LOWER_AFTER_OPENING:
        body = body[:1].lower() + body[1:]  # "In 1967, the council ..."
    text = f"{phrase.opening}, {body}" if phrase.opening else body
    if not _is_clause(body) or len(text.split()) > longest:
        return ""
    if all(w in _SAYING for w in _lower_words(body) if _is_verb(w)):
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


# --- parts of the sentence ------------------------------------------------------------------


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


def _text(sentence: str, part: _Part) -> str:
    return sentence[part.start:part.end].strip(_QUOTES)


def _kind(sentence: str, parts: list[_Part], index: int, verb_seen: bool,
          started: bool = True) -> str:
    """What a part is to the main clause: "adverbial" (an opening "In 1967"), "dependent"
    (an aside: a dependent clause, a participle phrase, an appositive), "attribution",
    "continuation" (the main clause going on after an aside) or "clause" (a clause of its
    own). ``verb_seen``: whether the main clause so far has a finite verb; ``started``:
    whether it began (after an opening "In 1967, as costs grew," it begins in lower case)."""
    text = _text(sentence, parts[index])
    words = _WORD.findall(text)
    if not words:
        return "dependent"
    lower = _lower_words(text)
    if index == 0:
        if len(words) <= 8 and lower[0] in _ADVERBIAL_STARTS and not _has_verb(lower):
            return "adverbial"
        if lower[0] in _DEPENDENT and len(parts) > 1:
            return "adverbial"  # "Since the outbreak was declared on 23 April, ..."
        return "clause"
    if _ATTRIBUTION.match(text.strip(".")):
        # "said he was aware ..." after a subject with no verb yet is the main verb
        reported = _has_verb(lower[1:]) and lower[0] in SPEECH_VERBS
        return "continuation" if reported and not verb_seen else "attribution"
    first = next((w for w in lower if w not in _ADVERBS and not w.endswith("ly")), lower[0])
    at = lower.index(first)
    following = lower[at + 1] if at + 1 < len(lower) else ""
    if first in _DEPENDENT:
        return "dependent"
    if any(mark in parts[index].separator for mark in ";:"):
        return "clause"  # after a semicolon or colon: another clause, whatever its case
    if words[0][:1].isupper() and first == lower[0]:
        # a name or title without a verb ("Sir Jo Bell") is an appositive
        return "clause" if _has_verb(lower) else "dependent"
    if first.endswith("ing") and len(first) > 4:
        return "dependent"  # "raising the prospect of ...", "adding that ..."
    participle = first.endswith("ed") or first in _IRREGULAR_PARTICIPLES
    if participle and following in _PREPOSITIONS:
        return "dependent"  # "accompanied by captions", "known as H1N1", "based in Geneva"
    if not started:
        return "clause"
    if first in _DETERMINERS and not verb_seen:
        return "dependent"  # an appositive between subject and verb: "the governor of ..."
    return "continuation"


def _phrase(sentence: str, parts: list[_Part], key: int) -> _Phrase | None:
    """The headline's opening and clause, or None when the date's part has none."""
    kinds: list[str] = []
    phrase: list[int] = []  # indexes of the main clause's parts
    ended = False  # a clause of its own came after the main clause: nothing more joins it
    for index in range(len(parts)):
        verb_seen = any(_has_finite_verb(_lower_words(_text(sentence, parts[i])))
                        for i in phrase)
        kind = _kind(sentence, parts, index, verb_seen, bool(phrase))
        kinds.append(kind)
        starts = kind == "clause" and not phrase
        adjacent_clause = phrase and phrase[-1] == index - 1 and _has_verb(
            _lower_words(_text(sentence, parts[index])))  # "..., and it spread"
        # "..., Hoshyar Zebari, in a phone call on Saturday": the date's adverbial goes on
        dated_adverbial = index == key and _lower_words(_text(sentence, parts[index]))[:1] \
            and _lower_words(_text(sentence, parts[index]))[0] in _ADVERBIAL_STARTS
        # "the terminal, which cost twice as much, would open ...": the subject's verb
        verb_first = _is_verb((_lower_words(_text(sentence, parts[index])) or [""])[0])
        goes_on = kind == "continuation" and bool(phrase) and not ended and (
            not verb_seen or bool(adjacent_clause) or bool(dated_adverbial) or verb_first)
        if starts or goes_on:
            phrase.append(index)
        elif kind == "clause" and phrase and index <= key and key not in phrase:
            phrase = [index]  # a new clause of its own, nearer the date
        elif kind == "clause" and phrase:
            ended = True
    opening = _clean(_text(sentence, parts[0])) if kinds[0] == "adverbial" and key == 0 else ""
    if (key in phrase or opening or kinds[key] == "attribution") and phrase:
        # "..., officials said on Sunday": what they said is the news of Sunday
        return _Phrase(opening, tuple(_pieces(sentence, parts, phrase)))
    aside = _clause_of_aside(sentence, parts, key, phrase)
    return _Phrase("", tuple(aside)) if aside else None


def _clause_of_aside(sentence: str, parts: list[_Part], key: int, phrase: list[int]) -> list[str]:
    """The phrase when the date sits in an aside: a "where/when" clause on its own, or a
    relative clause joined to the noun it is about ("The mill, which opened in 1911, ..."
    gives "The mill opened in 1911"); else none."""
    text = _text(sentence, parts[key])
    words = _lower_words(text)
    if key == 0 or len(words) < 2:
        return []
    rest = text.split(None, 1)[1]
    if words[0] in _RELATIVE_ADVERBS:
        return [rest[:1].upper() + rest[1:]]
    if words[0] in _SUBJECT_RELATIVES and _is_verb(words[1]):
        noun = _antecedent(_text(sentence, parts[key - 1]))
        if noun:
            return [noun[:1].upper() + noun[1:], " ", rest]
    return []


def _antecedent(text: str) -> str:
    """The noun phrase that ends ``text``, which a relative clause after it is about: all of
    it when it has no verb ("The mill"), else what follows its last verb or preposition
    ("was underlined by | the Japanese government"); "" when that is not a short noun phrase."""
    tokens = text.split()
    words = [w.strip(_QUOTES + ".,").lower() for w in tokens]
    cut = max((i for i, w in enumerate(words)
               if _is_verb(w) or w in _PREPOSITIONS or w in _CUT_BEFORE or w in _DEPENDENT),
              default=-1)
    if cut >= 0 and words[cut] == "to":
        cut += 1  # "to contain | the virus": the infinitive's verb is not the noun
    noun = tokens[cut + 1:]
    if not 1 <= len(noun) <= 6 or (cut < 0 and _has_verb(words)):
        return ""
    first = noun[0].strip(_QUOTES)
    if not (first[:1].isupper() or first[:1].isdigit() or first.lower() in _DETERMINERS):
        return ""
    return " ".join(noun)


def _pieces(sentence: str, parts: list[_Part], chosen: list[int]) -> list[str]:
    """The chosen parts with what joins them: their own separator when adjacent; across a
    skipped aside, a space inside an unfinished clause ("the outbreak [, known as H1N1,] was
    declared"), else a comma."""
    pieces: list[str] = []
    for number, index in enumerate(chosen):
        text = sentence[parts[index].start:parts[index].end]
        if number:
            if chosen[number - 1] == index - 1:
                pieces.append(parts[index].separator)
            else:  # a clause with no end yet, or its verb, goes on with a space
                verb_first = _is_verb((_lower_words(text) or [""])[0])
                pieces.append(", " if _is_clause("".join(pieces)) and not verb_first else " ")
        pieces.append(text)
    return pieces


# --- fitting the phrase ---------------------------------------------------------------------


def _fit(phrase: _Phrase, expression: str, longest: int) -> str:
    """The clause of ``phrase`` cut so that, with its opening, it fits ``longest`` words: whole;
    else up to the end of a part; else before a preposition, "to", "that" or the like. What is
    kept must read as a clause and hold the time expression unless the opening does (the cut
    comes after it); "" when no such cut exists."""
    room = longest - (len(phrase.opening.split()) if phrase.opening else 0)
    text = _clean("".join(phrase.pieces))
    tokens = text.split()
    if len(tokens) <= room:
        return text
    last = expression.split()[-1] if expression and not (
        phrase.opening and expression in phrase.opening) else ""
    reach = max(MIN_WORDS, (_position_after(tokens, last) or 0) if last else 0)
    ends = [len("".join(phrase.pieces[:i + 1]).split()) for i in range(0, len(phrase.pieces), 2)]
    at_parts = sorted((e for e in ends if reach <= e <= room), reverse=True)
    inside = [cut for cut in range(min(room, len(tokens) - 1), reach - 1, -1)
              if tokens[cut].strip(_QUOTES + ",;:").lower() in _CUT_BEFORE]
    for cut in at_parts + inside:
        kept = " ".join(tokens[:cut])
        if _quotation_open(kept):
            continue  # "had “a short": a cut inside a quotation leaves half of it
        if cut not in at_parts and _open_subordinate(kept):
            continue  # "... today as the death toll": the cut left a clause without its verb
        if cut not in at_parts and {"and", "or"} & set(_lower_words(kept)[-2:]):
            continue  # "... on a farm and new | strains": half of a coordination
        if cut not in at_parts and _ends_on_participle(kept):
            continue  # "... on a Twitter account associated | with ISIS"
        following = tokens[cut].strip(_QUOTES).lower()
        last_word = kept.split()[-1].strip(_QUOTES + ",").lower()
        if cut not in at_parts and following in _COMPLEMENT_OPENERS and (
                _is_verb(last_word) or last_word in _NEEDS_COMPLEMENT):
            continue  # "the agency confirmed | that ...", "in a bid | to": it needs the rest
        if _is_clause(_clean(kept)):
            return _clean(kept)
    return ""


def _ends_on_participle(text: str) -> bool:
    """True when ``text`` ends on a -ed word after a noun in a clause that has its verb: a
    participle that needs what came after it ("an account associated")."""
    words = _lower_words(text)
    if len(words) < 2 or not (words[-1].endswith("ed") and len(words[-1]) > 4):
        return False
    if words[-2] in _PRONOUNS or _is_verb(words[-2]) or words[-2] == "not":
        return False
    return _has_finite_verb(words[:-1])


def _open_subordinate(text: str) -> bool:
    """True when ``text`` ends in a clause opened by "as", "while", "after"... that has no
    verb yet."""
    words = _lower_words(text)
    last = max((i for i, w in enumerate(words) if w in _DEPENDENT), default=-1)
    return last >= 0 and not _has_verb(words[last + 1:])


def _quotation_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _position_after(tokens: list[str], word: str) -> int | None:
    """The token index just after the first token holding ``word``."""
    for index, token in enumerate(tokens):
        if word in token:
            return index + 1
    return None


# --- reading a phrase -----------------------------------------------------------------------


def _lower_words(text: str) -> list[str]:
    """The words of ``text`` in lower case. A capitalised word that would read as a verb is a
    name ("May", "Sat", "Will"): it stands as ``<name>``."""
    return ["<name>" if w[:1].isupper() and _is_verb(w.lower()) else w.lower()
            for w in _WORD.findall(text)]


def _is_verb(word: str) -> bool:
    word = word.removesuffix("n't").removesuffix("n’t")
    return (word in _AUXILIARIES or word in _PAST_VERBS or word in SPEECH_VERBS
            or (len(word) > 4 and word.endswith("ed")))


def _has_verb(words: list[str]) -> bool:
    return any(_is_verb(w) for w in words)


def _has_finite_verb(words: list[str]) -> bool:
    """A verb that is surely finite: an auxiliary, an irregular past ("said", "took"), or a
    -ed word after a pronoun or before its object ("they closed", "banned imports"); not one
    before a preposition or a time word, which may be a participle ("a statement posted
    today", "a ban imposed in May")."""
    for index, word in enumerate(words):
        word = word.removesuffix("n't").removesuffix("n’t")
        if word in _AUXILIARIES or word in _PAST_VERBS or word in SPEECH_VERBS:
            return True
        if not (word.endswith("ed") and len(word) > 4):
            continue
        after = words[index + 1] if index + 1 < len(words) else ""
        if (index and words[index - 1] in _PRONOUNS) or (
                after and after not in _PREPOSITIONS and after not in _TIME_WORDS):
            return True
    return False


def _is_clause(text: str) -> bool:
    """True when ``text`` reads as a clause: long enough, not ending on a word that needs
    more, and a main verb: one that is not the verb of a "that"/"which"/"because" clause
    (each of which must have its verb too)."""
    words = _lower_words(text)
    if len(text.split()) < MIN_WORDS or not words or words[-1] in _DANGLING \
            or words[-1] in _AUXILIARIES:  # "... said on Tuesday it was"
        return False
    if len(words) > 1 and words[-1].endswith("ing") and words[-2] in _PREPOSITIONS:
        return False  # "no hope of saying"
    main = pending = False  # a complementizer waiting for its clause's verb
    previous_verb = False
    if words[0] in _DEPENDENT and not (len(words) > 1 and words[1].endswith("ing")):
        pending = True  # "Since the outbreak was declared ...": that verb is not the main one
    preposition = False  # inside a prepositional phrase since the clause began
    for index, word in enumerate(words):
        if word in _COMPLEMENTIZERS:
            pending, previous_verb, preposition = True, False, False
        elif _is_verb(word) and _participle(words, index, preposition):
            previous_verb = False  # "In a statement issued to ...": not a clause's verb
        elif _is_verb(word):
            infinitive = index > 0 and words[index - 1] == "to"  # "to hit": not a clause's verb
            if not previous_verb and not infinitive:  # "is destined", "has been named": one
                main, pending = main or not pending, False
            previous_verb = True
        elif not (word == "not" or word.endswith("ly")):
            previous_verb = False
            preposition = preposition or word in _PREPOSITIONS
    return main and not pending


def _participle(words: list[str], index: int, preposition: bool) -> bool:
    """True when the -ed word at ``index`` is a participle, not a clause's verb: it comes
    inside a prepositional phrase ("In a statement issued to ...") and neither follows a
    pronoun nor takes an object."""
    word = words[index]
    if word in _AUXILIARIES or word in _PAST_VERBS or word in SPEECH_VERBS or not preposition:
        return False
    after = words[index + 1] if index + 1 < len(words) else ""
    pronoun = index > 0 and words[index - 1] in _PRONOUNS
    return not pronoun and (not after or after in _PREPOSITIONS or after in _TIME_WORDS)


def _trim_front(text: str, expression: str) -> str:
    """Drop a leading connective ("But") and a generic speaker ("U.S. officials said") unless
    the time expression is his ("officials said on Sunday that ..." keeps him)."""
    stripped = text.lstrip(_QUOTES)
    match = _CONNECTIVE.match(stripped)
    if match and _is_clause(stripped[match.end():]):
        stripped = stripped[match.end():]
    match = _GENERIC_SPEAKER.match(stripped)
    if match:
        rest = stripped[match.end():]
        opening = " ".join(rest.split()[:3])
        if _is_clause(rest) and expression and expression in rest and expression not in opening:
            stripped = rest
    return stripped[:1].upper() + stripped[1:]


def _clean(text: str) -> str:
    """No trailing punctuation, no quote mark left open or closed on its own."""
    text = text.strip().rstrip(" .,;:—–-")
    # Single quotes are left alone: ’ is far more often an apostrophe (Washington’s).
    opening, closing = "“", "”"
    if text.count(closing) > text.count(opening):
        text = text.replace(closing, "", text.count(closing) - text.count(opening))
    if text.count(opening) > text.count(closing):
        text = text.replace(opening, "", text.count(opening) - text.count(closing))
    if text.count('"') % 2:
        text = text.replace('"', "", 1)
    return text.strip().rstrip(" .,;:—–-")
