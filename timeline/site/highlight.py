"""Nested inline HTML over plain text: an article's text with its links, emphasis and time
expressions in place (:func:`render_runs`), and an event's sentence with its dating expression
marked (:func:`highlight_sentence`)."""

from __future__ import annotations

import html
from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from timeline.model import Citation


def highlight_sentence(citation: Citation, start: int = 0) -> Markup:
    """The citation's sentence (from offset ``start`` in it), its dating expression in <mark>,
    other expressions marked."""
    base = citation.sentence_start
    layers = [Layer(citation.timex.start - base, citation.timex.end - base,
                     Markup('<mark class="tx tx-anchor">'), Markup("</mark>"), 5)]
    for other in citation.other_timexes:
        layers.append(Layer(other.start - base, other.end - base,
                             Markup('<mark class="tx tx-other">'), Markup("</mark>"), 5))
    return render_runs(citation.sentence, start, len(citation.sentence), layers)


@dataclass(frozen=True)
class Layer:
    start: int
    end: int
    opening: Markup
    closing: Markup
    depth: int  # smaller wraps larger: links outside, time expressions innermost


def render_runs(text: str, start: int, end: int, layers: Iterable[Layer]) -> Markup:
    """HTML of ``text[start:end]`` with each layer's tags around its span, properly nested.

    The text is cut at every layer boundary; between runs, only the tags that change are
    closed and opened (a layer crossing another is split into two elements). One sweep over
    the cuts keeps the layers open at the current run, so the time grows with the number of
    layers times how deeply they nest, not with layers times cuts (one 20 MB paragraph holds
    hundreds of thousands of expressions).
    """
    layers = [
        Layer(max(la.start, start), min(la.end, end), la.opening, la.closing, la.depth)
        for la in layers if min(la.end, end) > max(la.start, start)
    ]
    keyed = [((la.depth, la.start, -la.end, i), la) for i, la in enumerate(layers)]
    opening_at: dict[int, list] = {}
    for item in keyed:
        opening_at.setdefault(item[1].start, []).append(item)
    cuts = sorted({start, end, *(la.start for la in layers), *(la.end for la in layers)})
    out: list[str] = []
    stack: list[Layer] = []
    open_now: list = []  # (order key, layer) of the layers covering the current run, sorted
    for left, right in zip(cuts, cuts[1:], strict=False):
        # a layer ends at a cut, so the ones ending here are exactly those with end <= left
        open_now = [item for item in open_now if item[1].end > left]
        for item in opening_at.get(left, ()):
            insort(open_now, item, key=lambda pair: pair[0])
        active = [layer for _, layer in open_now]
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        for layer in reversed(stack[common:]):
            out.append(layer.closing)
        for layer in active[common:]:
            out.append(layer.opening)
        stack = active
        out.append(html.escape(text[left:right], quote=False))
    for layer in reversed(stack):
        out.append(layer.closing)
    return Markup("".join(out))
