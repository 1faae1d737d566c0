"""Reading a phrase for the headline: its words, its verbs, and whether it reads as a clause.

One job: deterministic word tests the headline rules (:mod:`timeline.events.headline`) rest on:
which words are verbs, which verbs are surely finite and which -ed words are participles, and
whether a phrase is a clause (long enough, a main verb outside any "that"/"which"/"because"
clause, not ending on a word that needs more); also the word lists they share and how a phrase
is tidied (no trailing punctuation, no quote mark left on its own).
"""

from __future__ import annotations

import re

from timeline.temporal.context import PAST_CUES, SPEECH_VERBS
from timeline.temporal.lexicon import word_set

#: Past-tense verbs among the tagger's past cues (the others, "ago", "last", are not verbs).
_PAST_VERBS = PAST_CUES - {"ago", "last", "since", "earlier"}


#: Shortest headline: fewer words are rarely a phrase.
MIN_WORDS = 4


QUOTES = "\"'“”‘’«» "
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")

#: Words opening a dependent clause or phrase: an aside to the main clause.
DEPENDENT = word_set("""
as while although though because since after before until unless if whereas once so
which who whom whose where when whether including following despite amid according like
unlike why how what
""")


#: Prepositions after a participle: "accompanied by", "known as", "based in" open an aside.
PREPOSITIONS = word_set("by as in on at from to for with during after since of into "
                         "under over")


#: A phrase that is too long may be cut before these words.
CUT_BEFORE = word_set("""
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
PRONOUNS = word_set("i we you he she it they who which that")


#: Words that open a clause needing a verb of its own after them.
_COMPLEMENTIZERS = word_set("""
that which who whom whose whether because although though while if unless whereas where when
""")


#: Words a phrase should not end on.
_DANGLING = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into",
                       "its", "of", "on", "or", "the", "their", "to", "with", "that", "which",
                       "who", "his", "her", "our", "than", "very", "more", "most", "even",
                       "just", "only", "also", "still", "not", "so", "too"})


def lower_words(text: str) -> list[str]:
    """The words of ``text`` in lower case. A capitalised word that would read as a verb is a
    name ("May", "Sat", "Will"): it stands as ``<name>``."""
    return ["<name>" if w[:1].isupper() and is_verb(w.lower()) else w.lower()
            for w in WORD.findall(text)]


def is_verb(word: str) -> bool:
    """An auxiliary, a past or speech verb, or a -ed word (negated or not)."""
    word = word.removesuffix("n't").removesuffix("n’t")
    return (word in _AUXILIARIES or word in _PAST_VERBS or word in SPEECH_VERBS
            or (len(word) > 4 and word.endswith("ed")))


def has_verb(words: list[str]) -> bool:
    """Whether any of ``words`` :func:`is_verb`."""
    return any(is_verb(w) for w in words)


def has_finite_verb(words: list[str]) -> bool:
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
        if (index and words[index - 1] in PRONOUNS) or (
                after and after not in PREPOSITIONS and after not in _TIME_WORDS):
            return True
    return False


def is_clause(text: str) -> bool:
    """True when ``text`` reads as a clause: long enough, not ending on a word that needs
    more, and a main verb: one that is not the verb of a "that"/"which"/"because" clause
    (each of which must have its verb too)."""
    words = lower_words(text)
    if len(text.split()) < MIN_WORDS or not words or words[-1] in _DANGLING \
            or words[-1] in _AUXILIARIES:  # "... said on Tuesday it was"
        return False
    if len(words) > 1 and words[-1].endswith("ing") and words[-2] in PREPOSITIONS:
        return False  # "no hope of saying"
    main = pending = False  # a complementizer waiting for its clause's verb
    previous_verb = False
    if words[0] in DEPENDENT and not (len(words) > 1 and words[1].endswith("ing")):
        pending = True  # "Since the outbreak was declared ...": that verb is not the main one
    preposition = False  # inside a prepositional phrase since the clause began
    for index, word in enumerate(words):
        if word in _COMPLEMENTIZERS:
            pending, previous_verb, preposition = True, False, False
        elif is_verb(word) and _participle(words, index, preposition):
            previous_verb = False  # "In a statement issued to ...": not a clause's verb
        elif is_verb(word):
            infinitive = index > 0 and words[index - 1] == "to"  # "to hit": not a clause's verb
            if not previous_verb and not infinitive:  # "is destined", "has been named": one
                main, pending = main or not pending, False
            previous_verb = True
        elif not (word == "not" or word.endswith("ly")):
            previous_verb = False
            preposition = preposition or word in PREPOSITIONS
    return main and not pending


def _participle(words: list[str], index: int, preposition: bool) -> bool:
    """True when the -ed word at ``index`` is a participle, not a clause's verb: it comes
    inside a prepositional phrase ("In a statement issued to ...") and neither follows a
    pronoun nor takes an object."""
    word = words[index]
    if word in _AUXILIARIES or word in _PAST_VERBS or word in SPEECH_VERBS or not preposition:
        return False
    after = words[index + 1] if index + 1 < len(words) else ""
    pronoun = index > 0 and words[index - 1] in PRONOUNS
    return not pronoun and (not after or after in PREPOSITIONS or after in _TIME_WORDS)


def clean_phrase(text: str) -> str:
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
