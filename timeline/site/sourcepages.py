"""The source pages: each article as the reader sees it, with every time expression
highlighted, linked to the event it dates and explained in a tooltip; and the sources list."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from timeline.model import Article, Block
from timeline.site.formats import html_datetime, published_label, safe_url
from timeline.site.highlight import Layer, render_runs
from timeline.site.readings import how_read, span_text
from timeline.site.urls import INDEX_PAGE, SOURCES_DIR, SiteUrls, source_page
from timeline.temporal.model import Timex
from timeline.temporal.values import describe, is_before_era

_URLS = SiteUrls()  # relative links only


@dataclass
class SourceDoc:
    """An article with its time expressions, and which event each expression dates."""

    article: Article
    timexes: list[Timex]
    #: timex start offset -> id of the event (after merging) whose sentence holds it
    event_of: dict[int, str] = field(default_factory=dict)
    #: start offsets of the expressions that date an event (the others only sit in its sentence)
    anchors: set[int] = field(default_factory=set)
    #: the cache key of the article's processing (see ``ArticleResult.origin``): it stands for
    #: the article as read and its expressions in the page's key; None: they are digested
    origin: str | None = None
    _index: dict | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # text order: anchors t-1, t-2... follow it and blocks find theirs by binary search
        self.timexes = sorted(self.timexes, key=lambda t: (t.start, t.end))

    def timex_anchor(self, timex: Timex) -> str:
        """``id`` of the expression on the source page: t-<index in text order>."""
        if self._index is None:
            self._index = {(t.start, t.end): i for i, t in enumerate(self.timexes)}
        index = self._index.get((timex.start, timex.end))
        return "" if index is None else f"t-{index + 1}"


def newest_first(docs: list[SourceDoc]) -> list[SourceDoc]:
    """Sources as a newsroom lists them: newest first, undated last, then by title."""
    def key(doc: SourceDoc):
        published = doc.article.published_date
        return (published is None, -(published or dt.date.min).toordinal(), doc.article.title)

    return sorted(docs, key=key)


def source_summary(doc: SourceDoc, citations_per_path: Counter) -> dict:
    article = doc.article
    cited = citations_per_path[str(article.path)]
    return {
        "article": article,
        "href": source_page(article.slug).removeprefix(SOURCES_DIR + "/"),
        "published": published_label(article),
        "published_iso": article.published_date.isoformat() if article.published_date else "",
        "url": safe_url(article.url),
        "events": cited,
        "expressions": len(doc.timexes),
    }


def source_view(doc: SourceDoc, event_pages: Mapping[str, str] | None = None) -> dict:
    """The source page's data; ``event_pages`` (event id -> its period page) says where the
    expressions that date an event link to."""
    article = doc.article
    return {
        "article": article,
        "published": published_label(article),
        "published_iso": article.published_date.isoformat() if article.published_date else "",
        "published_from": article.published_from,
        "url": safe_url(article.url),
        "blocks": _blocks_html(doc, event_pages or {}),
        "expressions": len(doc.timexes),
        "events": len(set(doc.event_of.values())),
        "undated": article.published is None,
        "set_aside": len(article.set_aside),
    }


def _blocks_html(doc: SourceDoc, event_pages: Mapping[str, str]) -> list[Markup]:
    """Each block of the article as HTML, with time expressions highlighted in place."""
    out: list[Markup] = []
    list_items: list[Markup] = []
    runs = _set_aside_runs(doc.article)
    for block in doc.article.blocks:
        body = _block_inner(doc, block, event_pages, runs)
        if block.kind == "list_item":
            list_items.append(Markup(f"<li>{body}</li>"))
            continue
        if list_items:
            out.append(Markup(f"<ul>{''.join(list_items)}</ul>"))
            list_items = []
        out.append(_wrap_block(block, body))
    if list_items:
        out.append(Markup(f"<ul>{''.join(list_items)}</ul>"))
    return out


def _wrap_block(block: Block, body: Markup) -> Markup:
    if block.kind == "heading":
        level = min(max(block.level + 1, 2), 6)  # the article title is the page's only h1
        return Markup(f"<h{level}>{body}</h{level}>")
    if block.kind == "quote":
        return Markup(f"<blockquote><p>{body}</p></blockquote>")
    if block.kind == "code":
        return Markup(f"<pre><code>{body}</code></pre>")
    if block.kind == "dateline":
        return Markup(f'<p class="dateline">{body}</p>')
    return Markup(f"<p>{body}</p>")


_INLINE_TAGS = {"link": 0, "strong": 1, "em": 2, "del": 3, "code": 4}


def _set_aside_runs(article: Article) -> set[int]:
    """Starts of the set-aside stretches that begin a run of one reason: only those are
    labelled, so a long comment thread says "not used" once, not on every line."""
    starts, previous = set(), None
    for aside in article.set_aside:
        between = article.text[previous.end:aside.start] if previous else "x"
        if previous is None or previous.reason != aside.reason or between.strip():
            starts.add(aside.start)
        previous = aside
    return starts


def _block_inner(doc: SourceDoc, block: Block, event_pages: Mapping[str, str],
                 runs: set[int] = frozenset()) -> Markup:
    layers: list[Layer] = []
    links = []
    for span in block.inline:
        if span.kind == "link":
            href = safe_url(span.href, allow_relative=True)
            if href is None:
                continue
            links.append(span)
            opening = Markup(f'<a href="{escape(href)}" rel="noopener">')
            layers.append(Layer(span.start, span.end, opening, Markup("</a>"), 0))
        elif span.kind in _INLINE_TAGS:
            tag = span.kind
            layers.append(Layer(span.start, span.end, Markup(f"<{tag}>"), Markup(f"</{tag}>"),
                                 _INLINE_TAGS[tag]))
    for aside in doc.article.set_aside:  # page furniture: shown, marked as not used
        if aside.start < block.end and block.start < aside.end:
            label = Markup(' data-label="not used: {}"').format(aside.reason)
            opening = Markup('<span class="set-aside"{} title="Not used for the timeline: {}">'
                             ).format(label if aside.start in runs else "", aside.reason)
            layers.append(Layer(aside.start, aside.end, opening, Markup("</span>"), -1))
    first = bisect_left(doc.timexes, block.start, key=lambda t: t.start)
    for index in range(first, len(doc.timexes)):
        timex = doc.timexes[index]
        if timex.start >= block.end:
            break
        if timex.end > block.end:
            continue
        inside_link = any(s.start < timex.end and timex.start < s.end for s in links)
        page = event_pages.get(doc.event_of.get(timex.start, ""), INDEX_PAGE)
        opening, closing = _timex_tags(doc, timex, index, None if inside_link else page)
        layers.append(Layer(timex.start, timex.end, opening, closing, 5))
    return render_runs(doc.article.text, block.start, block.end, layers)


def _timex_tags(doc: SourceDoc, timex: Timex, index: int,
                event_page: str | None) -> tuple[Markup, Markup]:
    """Opening/closing HTML of a highlighted expression: a link to its event on
    ``event_page`` when it dates one (None: inside an article's own link), else a focusable
    <mark>; the resolved date shows as a tooltip on hover and focus."""
    tip = timex_tip(timex, undated=doc.article.published is None, article=doc.article)
    event_id = doc.event_of.get(timex.start)
    classes = "tx " + ("tx-event" if timex.start in doc.anchors else _timex_class(timex))
    # f-strings around markupsafe's escape(): what Markup.format does, without its
    # pure-Python formatter (a third of the time spent on source pages)
    inner = f'<mark class="{escape(classes)}">'
    iso = html_datetime(timex.value, timex.precision, timex.interval[0]) if timex.interval else ""
    if iso:
        inner += f'<time datetime="{escape(iso)}">'
    closing = ("</time>" if iso else "") + "</mark>"
    ident, tip = escape(f"t-{index + 1}"), escape(tip)
    if event_id and event_page is not None:
        href = escape(_URLS.event(event_id, event_page))
        opening = (f'<a class="tx-link" id="{ident}" href="../{href}" data-tip="{tip}" '
                   f'aria-describedby="{ident}-tip">')
        tail = f'<span class="tx-tip" id="{ident}-tip" role="tooltip">{tip}</span></a>'
        return Markup(opening + inner), Markup(closing + tail)
    opening = (f'<span class="tx-wrap" id="{ident}" tabindex="0" data-tip="{tip}" '
               f'aria-describedby="{ident}-tip">')
    tail = f'<span class="tx-tip" id="{ident}-tip" role="tooltip">{tip}</span></span>'
    return Markup(opening + inner), Markup(closing + tail)


def _timex_class(timex: Timex) -> str:
    if timex.type in ("DURATION", "SET"):
        return "tx-duration"
    return "tx-date" if timex.interval else "tx-unresolved"


def timex_tip(timex: Timex, *, undated: bool = False, article: Article | None = None) -> str:
    """What the tooltip of an expression says: its resolved date (with the days a week or a
    season covers) and, given its ``article``, how it was read; or why it has no date."""
    if timex.type == "DURATION":
        return "a duration, not a date"
    if timex.type == "SET":
        return "a repeating time, not a date"
    if timex.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return "a vague time, not placed on the timeline"
    if is_before_era(timex.value):
        return f"{describe(timex.value, timex.mod)}: before the calendar the timeline uses"
    if timex.interval is None:
        if undated:
            return "unresolved: the article has no publication date"
        return "unresolved"
    label = describe(timex.value, timex.mod, timex.end_value)
    if timex.zone:
        label += f" (UTC{timex.zone})"
    if timex.doubt:
        return f"{label}; uncertain: {timex.doubt}"
    if article is None:
        return label
    span = span_text(timex.precision or "", *timex.interval)
    return f"{label} ({span}), {how_read(timex, article)}" if span else (
        f"{label}, {how_read(timex, article)}")
