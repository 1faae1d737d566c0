"""Split text into sentences, as ``(start, end)`` offsets into the text.

Rule-based, in one pass of a precompiled pattern over the text: a sentence ends at ``.``, ``!``,
``?`` or an ellipsis (with any closing quotes and brackets after it) followed by a space, at a
line break, and at a CJK full stop. A candidate end is not one

- inside a quotation that closes later in the paragraph (``"Why? Because," he said.``);
- when the next word starts in lowercase or with ``,;:`` (``"Why?" he asked``, ``Yahoo! said``);
- after a title that always precedes a name (``Mr.``, ``Sen.``, ``Gen.``);
- after an abbreviation (``Inc.``, ``U.S.``, ``a.m.``, ``Sept.``, an initial), or a question or
  exclamation closing a quotation, unless the next word is one that starts sentences (``The``,
  ``He``, ``But``...): ``the U.S. Senate``, ``Apple Inc. Chief Executive``, ``Sept. 11`` and
  ``"Why now?" Smith asked`` go on, ``in the U.S. He said`` ends.

It replaced pysbd, which compiled its regular expressions again on every call (37 % of a large
build, issue 18); ``bench/sentence_split.py`` compares the two on the development collections.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Paragraphs longer than this are cut into windows at unmistakable sentence ends first (and, if
#: there are none, at a space), so no "sentence" of pasted garbage grows without bound.
WINDOW = 3000
# A safe cut: a lowercase word of 3+ letters, end punctuation, optional closing quote, space,
# then a capital. Abbreviations ("Mr.", "U.S.", "Sept.") never match, so no sentence is cut.
_SAFE_CUT = re.compile(
    r"(?<=[a-z]{3}[.!?])(?<!Messrs\.)(?<!Corp\.)(?<!Dept\.)(?<!Bros\.)(?<!Prof\.)(?<!Capt\.)"
    r"[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z])"
)
# Forced cuts, best first (see _windows).
_PROBABLE_END = re.compile(r"(?<=[.!?][\"'”’)]) |(?<=[.!?]) ")
_BETWEEN_WORDS = re.compile(r"(?<=[a-z]) (?=[a-z])")
_SPACE = re.compile(" ")

_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_OPENERS = "\"'\u201c\u2018([\u00ab"
# A candidate end: end punctuation, closers, then the space before the next sentence; or a
# line break; or a CJK full stop (no space follows those).
_CLOSE = re.escape(_CLOSERS)
# (The lookahead lets the engine skip to the next punctuation mark: 10x faster than trying the
# three branches at every character.)
_CANDIDATE = re.compile(
    r"(?=[.!?\u2026\n\r\u3002\uff01\uff1f])"
    rf"(?:(?P<stop>[.!?\u2026]+)(?P<close>[{_CLOSE}]*)(?P<gap>[^\S\n\r]+)"
    r"|(?P<line>[\n\r]\s*)"
    rf"|(?P<cjk>[\u3002\uff01\uff1f]+[{_CLOSE}\u300d\u300f\uff09]*)\s*)"
)
_NEXT_WORD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]")  # U.S, a.m, D.C, e.g, J (initial)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Titles written before a name: a period after them never ends a sentence.
TITLES = _words("""
    mr mrs ms messrs mmes mme mlle dr drs prof sen sens rep reps gov govs gen gens lt col maj
    capt cmdr cdr adm sgt cpl pvt brig cmdt insp det supt rev msgr hon pres atty amb rt fr
""")
#: Abbreviations that may also end a sentence: they do only before a sentence-starting word.
ABBREVIATIONS = _words("""
    inc corp co ltd llc plc bros jr sr etc st ave blvd rd dept univ assn est approx vs al fig
    cf ca pct vol nos no op pp
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex vt va wash wis wyo
""")
#: Words that start sentences: after an abbreviation, one of these means a new sentence.
STARTERS = _words("""
    The A An He She It They We I You But And Or So Yet In On At For If When While After Before
    This That These Those There Their His Her Its Our My As Some Many Most Officials Police
    Mr Mrs Ms Dr Meanwhile However Still Also Now Then Earlier Later Last Next Today Yesterday
""")


def split_sentences(text: str, start: int = 0, end: int | None = None, *,
                    wanted: Callable[[int, int], bool] | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets into ``text``, stripped of outer whitespace.

    Every returned span is non-empty and ``text[s:e]`` is the sentence exactly. A long text is
    read in windows cut at sentence ends; with ``wanted``, a window ``(start, end)`` for which
    it is false is skipped, so a caller needing a few sentences of a huge paragraph does not
    pay for all of them.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for window_start, window_end in _windows(text, start, end):
        if wanted is None or wanted(window_start, window_end):
            _split_window(text, window_start, window_end, spans)
    return spans


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    windows = []
    while end - start > WINDOW:
        limit = min(end, start + 4 * WINDOW)
        cut = _SAFE_CUT.search(text, start + WINDOW, limit)
        if cut is not None:
            windows.append((start, cut.start()))
            start = cut.end()
            continue
        # No clear sentence end (a list, a table, garbage): cut at a space, or anywhere, so
        # a pathological paragraph stays bounded; a sentence may be split there. First
        # choice: after end punctuation ("2014. The"); then a space between two lowercase
        # words, never inside a date ("June 3, 2014" holds capitals and digits), whose event
        # a cut would lose; then any space.
        stop = limit
        for cut in (_PROBABLE_END, _BETWEEN_WORDS, _SPACE):
            found = cut.search(text, start + WINDOW, limit)
            if found is not None:
                stop = found.start()
                break
        windows.append((start, stop))
        start = stop
    windows.append((start, end))
    return windows


def _split_window(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    begin = start
    quotes = _quotations(text, start, end) if _ANY_QUOTE.search(text, start, end) else []
    quote = 0  # the first quotation that does not close before the candidate
    for match in _CANDIDATE.finditer(text, start, end):
        if match["stop"] is not None:
            while quote < len(quotes) and quotes[quote][1] < match.start():
                quote += 1
            if quote < len(quotes) and _inside(quotes[quote], match.start(), match.end("close")):
                continue
            if not _ends_sentence(text, match, end):
                continue
            stop = match.end("close")
        elif match["cjk"] is not None:
            stop = match.end("cjk")
        else:
            stop = match.start()
        _add(text, begin, stop, spans)
        begin = match.end()
    _add(text, begin, end, spans)


_QUOTE_MARK = re.compile(r"[\u201c\u201d\"]|``|''")
_ANY_QUOTE = re.compile(r"[\u201c\u201d\"]|``")


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(opening, closing)`` offsets of the double-quoted passages of ``text[start:end]`` that
    close inside it, in order: curly quotes, straight quotes and TeX-style ``...''."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _QUOTE_MARK.finditer(text, start, end):
        quote = mark[0]
        if opened is None:
            if quote in ("\u201c", '"', "``"):
                opened = mark.start()
        elif quote in ("\u201d", '"', "''"):
            found.append((opened, mark.start()))
            opened = None
        elif quote in ("\u201c", "``"):
            opened = mark.start()  # the earlier one never closed
    return found


def _inside(quotation: tuple[int, int], stop: int, closed: int) -> bool:
    """Whether punctuation at ``stop`` (closers up to ``closed``) sits inside ``quotation``
    and its closers do not close it."""
    opening, closing = quotation
    return opening < stop and closing >= closed


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _word_before(text: str, position: int) -> str:
    """The word ending at ``position``: back to the previous space or opening bracket/quote."""
    first = position
    while first > 0 and not text[first - 1].isspace() and text[first - 1] not in _OPENERS:
        first -= 1
    return text[first:position]


def _ends_sentence(text: str, match: re.Match, end: int) -> bool:
    """Whether the punctuation of ``match`` ends a sentence, judged by the words around it."""
    following = match.end()
    while following < end and text[following] in _OPENERS:
        following += 1
    if following >= end:
        return True
    first = text[following]
    if first.islower() or first in ",;:":
        return False  # '"Why?" he asked', 'Yahoo! said', '(R., S.C.) said'
    stop = match["stop"]
    if stop != ".":
        # '!', '?', an ellipsis: a new sentence, unless a quotation closes and a name follows
        return not _closes_quote(match["close"]) or _starts_sentence(text, following)
    word = _word_before(text, match.start()).rstrip(".")
    lowered = word.lower()
    if lowered in TITLES:
        return False
    if lowered in ABBREVIATIONS or _ACRONYM.fullmatch(word):
        return _starts_sentence(text, following)
    return True


def _closes_quote(closers: str) -> bool:
    return any(mark in closers for mark in ("\u201d", '"', "'"))


def _starts_sentence(text: str, position: int) -> bool:
    word = _NEXT_WORD.match(text, position)
    return word is not None and word[0] in STARTERS
