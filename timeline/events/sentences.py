"""Split text into sentences, as ``(start, end)`` offsets into the text.

Uses pysbd (rule-based, knows abbreviations such as "Mr.", "U.S.", "Sen.", "S.C.", "Sept.").
Offsets are recovered by searching each segment in the text, so they always index the exact
input, whatever pysbd does to whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pysbd

# pysbd splits inside political affiliations such as "(R., S.C.)" only when a segment would
# start with a lowercase letter or closing punctuation; those splits are rejoined below.
_CONTINUATION = re.compile(r"^[\s\"'”’)\]]*[a-z,;:)\]]")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


#: pysbd's time grows faster than linearly with the length of its input, so long paragraphs
#: are cut into windows of about this many characters at unmistakable sentence ends first.
WINDOW = 3000
# A safe cut: a lowercase word of 3+ letters, end punctuation, optional closing quote, space,
# then a capital. Abbreviations ("Mr.", "U.S.", "Sept.") never match, so no sentence is cut.
_SAFE_CUT = re.compile(
    r"(?<=[a-z]{3}[.!?])(?<!Messrs\.)(?<!Corp\.)(?<!Dept\.)(?<!Bros\.)(?<!Prof\.)(?<!Capt\.)"
    r"[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z])"
)


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
            spans.extend(_split_window(text, window_start, window_end))
    return spans


_PROBABLE_END = re.compile(r"(?<=[.!?][\"'”’)]) |(?<=[.!?]) ")
_BETWEEN_WORDS = re.compile(r"(?<=[a-z]) (?=[a-z])")
_SPACE = re.compile(" ")


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
        # a pathological paragraph costs linear time; a sentence may be split there. First
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


# pysbd only ever splits at these: a window holding none of them is one sentence. Checking
# first saves pysbd's slow scan of a long unpunctuated paste (20 MB line: 115 s before).
_SPLIT_MARKS = re.compile(r"[.!?\u2026\n\r\u3002\uff01\uff1f]")


def _split_window(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if not chunk.strip():
        return []
    if not _SPLIT_MARKS.search(chunk):
        lead = len(chunk) - len(chunk.lstrip())
        return [(start + lead, start + lead + len(chunk.strip()))]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in _segmenter().segment(chunk):
        piece = segment.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:  # pysbd altered the text; fall back to the rest of the chunk
            found = cursor
            piece = chunk[cursor:].strip()
            found = chunk.find(piece, cursor) if piece else cursor
        span = (start + found, start + found + len(piece))
        if spans and _CONTINUATION.match(piece):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
        cursor = found + len(piece)
        if cursor >= len(chunk):
            break
    return [s for s in spans if s[1] > s[0]]
