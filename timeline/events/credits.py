"""A photo credit a scraped page prints before the next sentence: page furniture, a label.

A picture's credit line runs into the text after it when a page is scraped: "Photo: Ann Lee/Wire
The levee broke ...", "(Picture: Ann Lee / Wire) The levee ...", "Credit: Ann Lee The levee
...". Its shape is a credit word (photo, photograph, picture, image, credit) and a colon, then
a name, optionally a slash and an agency. In brackets the credit ends at the bracket. Without
them nothing marks where the name ends and the sentence starts (both are capitalised words),
so the sentence is taken to start at the first capitalised word that opens English sentences
and never a name (an article, a pronoun, a preposition), else at a digit or quote after the
names, else at the last capitalised word before the first lowercase one (a one-word subject:
"... Ann Lee/Wire Engineers said ..."), or at the last two before a comma (a
person: "... Ann Lee/Wire Bo Ray, the mayor, ..."). A name without an agency needs two words
at least (one in capitals: an agency's initials), so "Photo: Readers sent ..." and "Photo:
Ann Lee took ..." stay whole.
"""

from __future__ import annotations

import re

_WORD = r"(?i:(?:photo(?:graph)?s?|pictures?|images?)(?:\s+credits?)?|credits?)"
_HEAD = re.compile(_WORD + r"\s*:\s+")
_BRACKETED = re.compile(r"\(\s*" + _WORD + r"\s*:\s*[^()\d]{2,80}?\)\s+")
#: A name's word (capitalised, maybe an initial "J." or "O'Neil"), a slash, or anything else.
_PART = re.compile(r"\s*(?:(?P<slash>/)|(?P<word>[^\W\d_][\w'\u2019.&-]*)|(?P<other>\S))")
#: A lowercase particle inside a name: short, then the name's last word and its slash.
_PARTICLE = re.compile(r"[a-z]{1,3}\s+[^\W\d_a-z][\w'\u2019.-]*\s*/")
#: Capitalised words that open sentences and are not names (closed-class English words).
_OPENERS_TEXT = """
the a an this that these those there here it its he she they we i you his her their our
in on at after before when while as but and if since during from with by over under about
some many most all one two three four five six seven eight nine ten no not another each
every both more few several what who how why where
"""
_OPENERS = frozenset(_OPENERS_TEXT.split())
#: Titles that lead a person's name: the subject starts at the title, not at the name after it.
_TITLES_TEXT = """
president vice senator sen sen. rep rep. representative congressman congresswoman governor gov
gov. mayor secretary minister prime chancellor premier ambassador judge justice admiral adm
adm. general gen gen. colonel col col. captain capt capt. chief commander sheriff mr mr. mrs
mrs. ms ms. miss dr dr. prof prof. professor sir lord lady dame king queen prince princess pope
rev rev. reverend father bishop archbishop chairman chairwoman
"""
_TITLES = frozenset(_TITLES_TEXT.split())


def credit_end(text: str) -> int:
    """Where the text proper starts after a leading photo credit (0: none). The rest must
    open like a sentence (a capital, a digit or a quote)."""
    bracketed = _BRACKETED.match(text)
    if bracketed:
        return bracketed.end()
    head = _HEAD.match(text)
    return _after_names(text, head.end()) if head else 0


def _after_names(text: str, position: int) -> int:
    words: list[tuple[int, bool, bool]] = []  # (start, after a slash?, an agency in capitals?)
    slash, follows = False, ""
    while True:
        part = _PART.match(text, position)
        if part is None:
            break
        if part.group("slash"):
            if not words or slash:
                return 0
            slash = True
        elif part.group("word") and part.group("word")[0].isupper():
            word = part.group("word")
            words.append((part.start("word"), slash, len(word) > 1 and word.isupper()))
            slash = False
        elif part.group("word") and words and _PARTICLE.match(text, part.start("word")):
            pass  # "Ann de Lee/Wire": a name's particle, before its last word and a slash
        else:
            follows = part.group("word") or part.group("other")
            position = part.start("word") if part.group("word") else part.start("other")
            break
        position = part.end()
    if slash or not words:
        return 0
    starts = [word[0] for word in words]
    for k in range(1, len(words)):
        first = text[starts[k]:].split(None, 1)[0].lower()
        if _credit_ok(words, k) and (first in _OPENERS or first in _TITLES):
            return starts[k]
    if follows and (follows[0].isdigit() or follows[0] in "\"'\u201c\u2018"):
        return position if _credit_ok(words, len(words)) else 0
    if follows and follows[0].islower() and _credit_ok(words, len(words) - 1):
        return starts[-1]
    if follows == "," and _credit_ok(words, len(words) - 2):  # "... Bo Ray, the mayor, ..."
        return starts[-2]
    return 0


def _credit_ok(words: list[tuple[int, bool, bool]], k: int) -> bool:
    """Whether ``words[:k]`` may be a credit: a name before its slash and an agency after
    it, a name of two words at least, or an agency in capitals ("Photo: WIRE The ..."); the
    sentence starting at ``words[k]`` does not follow a slash (the agency's own first word)
    nor precede one."""
    if k < 1 or k < len(words) and words[k][1]:
        return False
    if k + 1 < len(words) and words[k + 1][1]:
        return False
    return any(word[1] for word in words[:k]) or k >= 2 or words[0][2]
