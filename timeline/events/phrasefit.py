"""Cut a headline's phrase to fit a number of words, where what is kept still reads as a clause.

One job: keep the phrase whole when it fits; else cut it at the end of one of its parts, else
before a preposition, "to", "that" or the like, always after the time expression; never inside
a quotation, half of a coordination, a clause opened without its verb, after a participle or a
verb that needs what follows ("confirmed | that"); "" when no cut reads as a clause.
"""

from __future__ import annotations

from timeline.events.clauses import (
    CUT_BEFORE,
    DEPENDENT,
    MIN_WORDS,
    PRONOUNS,
    QUOTES,
    clean_phrase,
    has_finite_verb,
    has_verb,
    is_clause,
    is_verb,
    lower_words,
)
from timeline.events.mainclause import Phrase
from timeline.temporal.lexicon import word_set

#: Nouns that need the "to" after them: "in a bid to", "in response to".
_NEEDS_COMPLEMENT = word_set("bid effort attempt order response way chance right ability "
                             "decision plan plans move")
#: Words opening what a verb before them needs: "confirmed that", "plans to", "asked whether".
_COMPLEMENT_OPENERS = word_set("that to whether if")


def fit_phrase(phrase: Phrase, expression: str, longest: int) -> str:
    """The clause of ``phrase`` cut so that, with its opening, it fits ``longest`` words: whole;
    else up to the end of a part; else before a preposition, "to", "that" or the like. What is
    kept must read as a clause and hold the time expression unless the opening does (the cut
    comes after it); "" when no such cut exists."""
    room = longest - (len(phrase.opening.split()) if phrase.opening else 0)
    text = clean_phrase("".join(phrase.pieces))
    tokens = text.split()
    if len(tokens) <= room:
        return text
    last = expression.split()[-1] if expression and not (
        phrase.opening and expression in phrase.opening) else ""
    reach = max(MIN_WORDS, (_position_after(tokens, last) or 0) if last else 0)
    ends = [len("".join(phrase.pieces[:i + 1]).split()) for i in range(0, len(phrase.pieces), 2)]
    at_parts = sorted((e for e in ends if reach <= e <= room), reverse=True)
    inside = [cut for cut in range(min(room, len(tokens) - 1), reach - 1, -1)
              if tokens[cut].strip(QUOTES + ",;:").lower() in CUT_BEFORE]
    for cut in at_parts + inside:
        kept = " ".join(tokens[:cut])
        if _quotation_open(kept):
            continue  # "had “a short": a cut inside a quotation leaves half of it
        if cut not in at_parts and _open_subordinate(kept):
            continue  # "... today as the death toll": the cut left a clause without its verb
        if cut not in at_parts and {"and", "or"} & set(lower_words(kept)[-2:]):
            continue  # "... on a farm and new | strains": half of a coordination
        if cut not in at_parts and _ends_on_participle(kept):
            continue  # "... on a Twitter account associated | with ISIS"
        following = tokens[cut].strip(QUOTES).lower()
        last_word = kept.split()[-1].strip(QUOTES + ",").lower()
        if cut not in at_parts and following in _COMPLEMENT_OPENERS and (
                is_verb(last_word) or last_word in _NEEDS_COMPLEMENT):
            continue  # "the agency confirmed | that ...", "in a bid | to": it needs the rest
        if is_clause(clean_phrase(kept)):
            return clean_phrase(kept)
    return ""


def _ends_on_participle(text: str) -> bool:
    """True when ``text`` ends on a -ed word after a noun in a clause that has its verb: a
    participle that needs what came after it ("an account associated")."""
    words = lower_words(text)
    if len(words) < 2 or not (words[-1].endswith("ed") and len(words[-1]) > 4):
        return False
    if words[-2] in PRONOUNS or is_verb(words[-2]) or words[-2] == "not":
        return False
    return has_finite_verb(words[:-1])


def _open_subordinate(text: str) -> bool:
    """True when ``text`` ends in a clause opened by "as", "while", "after"... that has no
    verb yet."""
    words = lower_words(text)
    last = max((i for i, w in enumerate(words) if w in DEPENDENT), default=-1)
    return last >= 0 and not has_verb(words[last + 1:])


def _quotation_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _position_after(tokens: list[str], word: str) -> int | None:
    """The token index just after the first token holding ``word``."""
    for index, token in enumerate(tokens):
        if word in token:
            return index + 1
    return None
