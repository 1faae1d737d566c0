"""Render the site's HTML pages from articles and events with Jinja templates.

One job: view data in, HTML files out. Templates come from the project's ``templates/`` folder
first, then the theme shipped in the package, so a project overrides any template or partial
by dropping a file of the same name into ``templates/``. Autoescape is on for every template:
article text and metadata are always escaped. Every link is relative, so the site works from
``file://``, at a domain root and under a sub-path.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import html
import json
import shutil
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from timeline import __version__
from timeline.config import Config
from timeline.errors import TimelineError
from timeline.model import Article, Block, Citation, Event
from timeline.pipeline.digest import digest
from timeline.site.urls import INDEX_PAGE, SOURCES_DIR, event_anchor, source_page
from timeline.temporal.model import Timex
from timeline.temporal.values import describe, precision_rank

THEME = Path(__file__).resolve().parent / "theme"
STATIC_DIR = "static"
#: The partial the timeline page includes once per event.
EVENT_PARTIAL = "partials/event.html"
#: Precisions shown under a month heading; coarser events sit at the top of their year.
MONTH_PRECISIONS = ("second", "minute", "hour", "daypart", "day", "weekend", "week", "month")
_notes_md = MarkdownIt("js-default")


@dataclass
class SourceDoc:
    """An article with its time expressions, and which event each expression dates."""

    article: Article
    timexes: list[Timex]
    #: timex start offset -> id of the event (after merging) whose sentence holds it
    event_of: dict[int, str] = field(default_factory=dict)
    #: start offsets of the expressions that date an event (the others only sit in its sentence)
    anchors: set[int] = field(default_factory=set)
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


# --- environment ----------------------------------------------------------------------------


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, checked against the source.

    Every build makes a new environment, and compiling the templates again was a third of a
    small site's rebuild. Jinja stores a checksum of the source with the code and compiles
    again when it differs; all environments here are made with the same options.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(config: Config) -> jinja2.Environment:
    """Jinja environment: project templates first, then the theme; autoescape everywhere."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(config.templates_path)),
        jinja2.FileSystemLoader(str(THEME / "templates")),
    ])
    # auto_reload off: an environment serves one build, and the check stat()s the template file
    # each time a partial is included (once per event on the timeline page).
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                             bytecode_cache=_COMPILED)
    env.filters["date_label"] = date_label
    env.globals["generator"] = f"timeline {__version__}"
    return env


# --- pages ----------------------------------------------------------------------------------


def render_site(out_dir: Path, config: Config, events: list[Event], docs: list[SourceDoc],
                *, pages: dict[str, str] | None = None, memo=None) -> list[Path]:
    """Write index.html, sources/index.html, one page per source and the static assets.

    Returns the files written, relative to ``out_dir``. Raises :class:`TimelineError` naming
    the template (and line) when a template is broken. With ``pages``, the HTML pages are put
    there (site path -> text) instead of being written, for a later pass to finish and write
    (:func:`timeline.site.seo.finalize_site`). With ``memo`` (a
    :class:`timeline.pipeline.cache.PageMemo`), a source page whose inputs are unchanged since an
    earlier build is reused, not re-rendered.
    """
    env = make_environment(config)
    docs_by_path = {str(doc.article.path): doc for doc in docs}
    shown = [e for e in events if not e.hidden]
    written = copy_static(out_dir, config.templates_path / STATIC_DIR)
    site = _site_context(config, shown, docs)
    templates = templates_fingerprint(config) if memo is not None else ""
    # each article digested once: the keys of its page and of the entries citing it use it
    articles = {id(d.article): digest(d.article) for d in docs} if memo is not None else {}
    timeline_env, view = env, event_view
    view_keys: dict[int, bytes] = {}  # id(view) -> digest of what the view was made from
    if memo is not None:
        view = _memoised_event_view(memo, articles, view_keys)
        if not (config.templates_path / EVENT_PARTIAL).exists():
            timeline_env = _with_event_memo(env, memo, templates, articles, view_keys)
    rendered: list[tuple[str, str]] = [(INDEX_PAGE, _render(
        timeline_env, "index.html", root="", site=site,
        years=group_events(shown, docs_by_path, root="", view=view)))]
    view_keys.clear()
    # Counted in one pass: per source it was sources x events x citations (1,000 articles: 5 s).
    cited = Counter(str(c.article.path) for e in shown for c in e.citations)
    sources = [_source_summary(d, cited) for d in _newest_first(docs)]
    rendered.append((f"{SOURCES_DIR}/{INDEX_PAGE}", _render(
        env, "sources.html", root="../", site=site, sources=sources)))
    if memo is not None:
        env.policies["json.dumps_function"] = _dumps_marking_reads
    for doc in docs:
        rendered.append((source_page(doc.article.slug),
                         _render_source(env, doc, site, memo, templates, articles)))
    for rel, text in rendered:
        if pages is None:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        else:
            pages[rel] = text
        written.append(out_dir / rel)
    return [p.relative_to(out_dir) for p in written]


def _render(env: jinja2.Environment, name: str, **context) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TimelineError(f"template error: {exc.message}", exc.filename or name, exc.lineno,
                            hint="fix the template, or delete the override") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        # an override calling a method on a missing or wrong-typed value lands here too
        raise TimelineError(f"template {name} failed: {exc}", name,
                            hint="check the variables the template uses") from None


# --- memoised source pages ------------------------------------------------------------------


def _render_source(env: jinja2.Environment, doc: SourceDoc, site: dict, memo,
                   templates: str, articles: dict[int, bytes]) -> str:
    """A source page, reused from ``memo`` when nothing it was made from changed.

    Its inputs: the article (slug included), its expressions, which events they link to, the
    templates, and the ``site`` values the templates actually read. The latter matters: the
    event count changes with nearly every edit, and the default source page never shows it.
    """
    if memo is None:
        return _render(env, "source.html", root="../", site=site, source=_source_view(doc))
    slot = ("render", source_page(doc.article.slug))
    try:
        inputs = digest((templates, doc.article, doc.timexes, sorted(doc.event_of.items()),
                         sorted(doc.anchors)), articles)
    except Exception:  # noqa: BLE001 - an unpicklable article is simply not memoised
        return _render(env, "source.html", root="../", site=site, source=_source_view(doc))
    entry = memo.entry(slot)
    if entry is not None:
        (known_inputs, read), text = entry
        if known_inputs == inputs and all(site.get(k, _ABSENT) == v for k, v in read):
            return text
    tracked = _ReadTracker(site)
    text = _render(env, "source.html", root="../", site=tracked, source=_source_view(doc))
    memo.put(slot, (inputs, tracked.values_read()), text)
    return text


def _memoised_event_view(memo, articles: dict[int, bytes], view_keys: dict[int, bytes]):
    """:func:`event_view`, reusing the previous build's view of an unchanged event.

    A view is made from the event (articles included, as their digests), the anchors of its
    citations on the source pages, and ``root``; building views for every event was most of
    the timeline page's time in a rebuild. The digest is kept in ``view_keys`` so the event
    partial's memo can use it instead of digesting the view again.
    """

    def view(event: Event, docs_by_path: dict[str, SourceDoc], root: str) -> EventView:
        anchors = []
        for citation in event.citations:
            doc = docs_by_path.get(str(citation.article.path))
            anchors.append(doc.timex_anchor(citation.timex) if doc else None)
        key = digest((event, anchors, root), articles)
        slot = ("event-view", event.id)
        known = memo.get(slot, key)
        if known is None:
            known = event_view(event, docs_by_path, root)
            memo.put(slot, key, known)
        made = dataclasses.replace(known, continued=False)  # set again by _mark_continued
        view_keys[id(made)] = key
        return made

    return view


def _with_event_memo(env: jinja2.Environment, memo, templates: str,
                     articles: dict[int, bytes],
                     view_keys: dict[int, bytes] | None = None) -> jinja2.Environment:
    """``env`` with the theme's event partial taken from ``memo`` for unchanged events.

    The timeline page includes the partial once per event, and that was most of a rebuild's
    rendering. The theme's partial reads nothing but ``ev`` (an :class:`EventView`; the
    incremental tests compare against the plain include), so its HTML is remembered by a hash
    of ``ev``. Articles enter that hash as their own digests, not their whole text. Only used
    when the project does not override the partial.
    """
    partial = env.get_template(EVENT_PARTIAL)

    def event_html(ev: EventView) -> Markup:
        made_from = view_keys.get(id(ev)) if view_keys else None
        if made_from is not None:  # the view's own inputs decide it, with ``continued``
            key = (templates, made_from, ev.continued)
        else:
            key = digest((templates, ev), articles)
        slot = ("event", ev.anchor)
        text = memo.get(slot, key)
        if text is None:
            text = partial.render(ev=ev)
            memo.put(slot, key, text)
        return Markup(text)

    loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({EVENT_PARTIAL: "{{ _memoised_event_html(ev) }}"}), env.loader])
    fast = env.overlay(loader=loader)
    fast.globals = {**env.globals, "_memoised_event_html": event_html}
    return fast


def templates_fingerprint(config: Config) -> str:
    """A hash of every file the template loader can see (project overrides, then the theme)."""
    hasher = hashlib.sha256()
    for folder in (config.templates_path, THEME / "templates"):
        hasher.update(f"{folder}\0".encode())
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                hasher.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
                hasher.update(data)
    return hasher.hexdigest()


_ABSENT = object()


class _ReadTracker(dict):
    """The ``site`` dict of a memoised render: records which keys the templates read.

    Reading one key (``site.title``, ``site['x']``, ``get``, ``in``) records that key; any
    access that can see every key (iteration, ``items()``, ``length``, printing, ``tojson``
    via :func:`_dumps_marking_reads`) records all of them.
    """

    def __init__(self, data: dict) -> None:
        super().__init__(data)
        self.read: set = set()

    def values_read(self) -> tuple:
        return tuple((key, dict.get(self, key, _ABSENT)) for key in sorted(self.read, key=str))

    def read_all(self) -> None:
        self.read.update(dict.keys(self))

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self.read.add(key)
        return super().__contains__(key)


def _reading_all(name: str):
    def method(self, *args, **kwargs):
        self.read_all()
        return getattr(dict, name)(self, *args, **kwargs)

    method.__name__ = name
    return method


for _name in ("__iter__", "__len__", "__repr__", "__str__", "__eq__", "__ne__", "__or__",
              "__reversed__", "keys", "values", "items", "copy", "__reduce_ex__"):
    setattr(_ReadTracker, _name, _reading_all(_name))
del _name


def _dumps_marking_reads(obj, **kwargs) -> str:
    """``json.dumps`` for the ``tojson`` filter: JSON's C encoder reads dicts directly, past
    :class:`_ReadTracker`, so a tracker anywhere in ``obj`` first counts as read in full."""
    _mark_trackers(obj, depth=0)
    return json.dumps(obj, **kwargs)


def _mark_trackers(obj, depth: int) -> None:
    if isinstance(obj, _ReadTracker):
        obj.read_all()
    if depth > 20:
        return
    if isinstance(obj, dict):
        for value in dict.values(obj):
            _mark_trackers(value, depth + 1)
    elif isinstance(obj, list | tuple):
        for value in obj:
            _mark_trackers(value, depth + 1)


def copy_static(out_dir: Path, project_static: Path | None = None) -> list[Path]:
    """Copy the theme's CSS/JS into ``static/``, then the project's ``templates/static/``
    files over it (a file of the same name replaces the theme's)."""
    written: dict[Path, None] = {}
    for source_root in (THEME / STATIC_DIR, project_static):
        if source_root is None or not source_root.is_dir():
            continue
        for source in sorted(source_root.rglob("*")):
            if source.is_file() and not source.name.startswith("."):
                target = out_dir / STATIC_DIR / source.relative_to(source_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written[target] = None
    return list(written)


def _site_context(config: Config, events: list[Event], docs: list[SourceDoc]) -> dict:
    span = ""
    if events:
        first, last = min(e.start.year for e in events), max(e.start.year for e in events)
        span = str(first) if first == last else f"{first}–{last}"
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "event_count": len(events),
        "source_count": len(docs),
        "span": span,
    }


# --- the timeline ---------------------------------------------------------------------------


@dataclass
class CitationView:
    title: str
    source: str
    published: str
    published_iso: str
    source_href: str  # relative link to the expression on the source page
    url: str | None  # original article, http(s) only
    expression: str
    citation: Citation


@dataclass
class EventView:
    event: Event
    anchor: str
    label: str
    datetime: str
    sentence_html: Markup
    citations: list[CitationView]
    note_html: Markup | None = None
    published_label: str = ""
    #: same date label as the event just above: the rail shows the date once
    continued: bool = False


@dataclass
class MonthView:
    label: str
    anchor: str
    events: list[EventView]


@dataclass
class YearView:
    year: int
    label: str
    anchor: str
    events: list[EventView]  # coarser than a month: "fall 2013", "2003"
    months: list[MonthView]

    @property
    def count(self) -> int:
        return len(self.events) + sum(len(m.events) for m in self.months)


def group_events(events: list[Event], docs_by_path: dict[str, SourceDoc],
                 root: str = "", view=None) -> list[YearView]:
    """Events in chronological order, grouped by year, then by month where precise enough."""
    view = view or event_view  # or a memoised one (_memoised_event_view)
    ordered = sorted(events, key=lambda e: e.sort_key)
    years = []
    for year, in_year in groupby(ordered, key=lambda e: e.start.year):
        in_year = list(in_year)
        coarse = [e for e in in_year if e.precision not in MONTH_PRECISIONS]
        fine = [e for e in in_year if e.precision in MONTH_PRECISIONS]
        months = [
            MonthView(f"{calendar.month_name[month]} {year}", f"m-{year}-{month:02d}",
                      [view(e, docs_by_path, root) for e in in_month])
            for month, in_month in groupby(fine, key=lambda e: e.start.month)
        ]
        year_view = YearView(year, _year_heading(year, in_year), f"y-{year}",
                             [view(e, docs_by_path, root) for e in coarse], months)
        for run in (year_view.events, *(m.events for m in months)):
            _mark_continued(run)
        years.append(year_view)
    return years


def _year_heading(year: int, events: list[Event]) -> str:
    """The year, or "1990s"/"11th century" when every event of the group is that coarse."""
    coarser = {"decade", "century", "millennium"}
    labels = {date_label(e.value) for e in events}
    if all(e.precision in coarser for e in events) and len(labels) == 1:
        return labels.pop()
    return str(year)


def _mark_continued(views: list[EventView]) -> None:
    for previous, current in zip(views, views[1:], strict=False):
        current.continued = current.label == previous.label


def event_view(event: Event, docs_by_path: dict[str, SourceDoc], root: str) -> EventView:
    first = event.citations[0] if event.citations else None
    sentence = Markup("")
    if first is not None:
        sentence = highlight_sentence(first)
    elif event.text:
        sentence = escape(event.text)
    note = Markup(_notes_md.render(event.note)) if event.note else None
    return EventView(
        event=event,
        anchor=event_anchor(event.id),
        label=date_label(event.value, event.mod),
        datetime=html_datetime(event.value, event.precision, event.start),
        sentence_html=sentence,
        citations=[_citation_view(c, docs_by_path, root) for c in event.citations],
        note_html=note,
        published_label=_published_label(first.article) if first else "",
    )


def _citation_view(citation: Citation, docs_by_path: dict[str, SourceDoc],
                   root: str) -> CitationView:
    article = citation.article
    doc = docs_by_path.get(str(article.path))
    anchor = doc.timex_anchor(citation.timex) if doc else ""
    href = root + source_page(article.slug) + (f"#{anchor}" if anchor else "")
    if doc is None:  # an event added by hand in annotations: its source has no page here
        href = safe_url(article.url) or ""
    published = article.published_date
    return CitationView(
        title=article.title,
        source=article.source,
        published=_published_label(article),
        published_iso=published.isoformat() if published else "",
        source_href=href,
        url=safe_url(article.url),
        expression=citation.timex.text,
        citation=citation,
    )


def highlight_sentence(citation: Citation) -> Markup:
    """The citation's sentence, its dating expression in <mark>, other expressions marked."""
    base = citation.sentence_start
    layers = [_Layer(citation.timex.start - base, citation.timex.end - base,
                     Markup('<mark class="tx tx-anchor">'), Markup("</mark>"), 5)]
    for other in citation.other_timexes:
        layers.append(_Layer(other.start - base, other.end - base,
                             Markup('<mark class="tx tx-other">'), Markup("</mark>"), 5))
    return render_runs(citation.sentence, 0, len(citation.sentence), layers)


# --- source pages ---------------------------------------------------------------------------


def _newest_first(docs: list[SourceDoc]) -> list[SourceDoc]:
    """Sources as a newsroom lists them: newest first, undated last, then by title."""
    def key(doc: SourceDoc):
        published = doc.article.published_date
        return (published is None, -(published or dt.date.min).toordinal(), doc.article.title)

    return sorted(docs, key=key)


def _source_summary(doc: SourceDoc, citations_per_path: Counter) -> dict:
    article = doc.article
    cited = citations_per_path[str(article.path)]
    return {
        "article": article,
        "href": source_page(article.slug).removeprefix(SOURCES_DIR + "/"),
        "published": _published_label(article),
        "published_iso": article.published_date.isoformat() if article.published_date else "",
        "url": safe_url(article.url),
        "events": cited,
        "expressions": len(doc.timexes),
    }


def _source_view(doc: SourceDoc) -> dict:
    article = doc.article
    return {
        "article": article,
        "published": _published_label(article),
        "published_iso": article.published_date.isoformat() if article.published_date else "",
        "published_from": article.published_from,
        "url": safe_url(article.url),
        "blocks": _blocks_html(doc),
        "expressions": len(doc.timexes),
        "events": len(set(doc.event_of.values())),
        "undated": article.published is None,
    }


def _blocks_html(doc: SourceDoc) -> list[Markup]:
    """Each block of the article as HTML, with time expressions highlighted in place."""
    out: list[Markup] = []
    list_items: list[Markup] = []
    for block in doc.article.blocks:
        body = _block_inner(doc, block)
        if block.kind == "list_item":
            list_items.append(Markup("<li>{}</li>").format(body))
            continue
        if list_items:
            out.append(Markup("<ul>{}</ul>").format(Markup("").join(list_items)))
            list_items = []
        out.append(_wrap_block(block, body))
    if list_items:
        out.append(Markup("<ul>{}</ul>").format(Markup("").join(list_items)))
    return out


def _wrap_block(block: Block, body: Markup) -> Markup:
    if block.kind == "heading":
        level = min(max(block.level + 1, 2), 6)  # the article title is the page's only h1
        return Markup(f"<h{level}>{{}}</h{level}>").format(body)
    if block.kind == "quote":
        return Markup("<blockquote><p>{}</p></blockquote>").format(body)
    if block.kind == "code":
        return Markup("<pre><code>{}</code></pre>").format(body)
    if block.kind == "dateline":
        return Markup('<p class="dateline">{}</p>').format(body)
    return Markup("<p>{}</p>").format(body)


_INLINE_TAGS = {"link": 0, "strong": 1, "em": 2, "del": 3, "code": 4}


def _block_inner(doc: SourceDoc, block: Block) -> Markup:
    layers: list[_Layer] = []
    links = []
    for span in block.inline:
        if span.kind == "link":
            href = safe_url(span.href, allow_relative=True)
            if href is None:
                continue
            links.append(span)
            opening = Markup('<a href="{}" rel="noopener">').format(href)
            layers.append(_Layer(span.start, span.end, opening, Markup("</a>"), 0))
        elif span.kind in _INLINE_TAGS:
            tag = span.kind
            layers.append(_Layer(span.start, span.end, Markup(f"<{tag}>"), Markup(f"</{tag}>"),
                                 _INLINE_TAGS[tag]))
    first = bisect_left(doc.timexes, block.start, key=lambda t: t.start)
    for index in range(first, len(doc.timexes)):
        timex = doc.timexes[index]
        if timex.start >= block.end:
            break
        if timex.end > block.end:
            continue
        inside_link = any(s.start < timex.end and timex.start < s.end for s in links)
        opening, closing = _timex_tags(doc, timex, index, inside_link)
        layers.append(_Layer(timex.start, timex.end, opening, closing, 5))
    return render_runs(doc.article.text, block.start, block.end, layers)


def _timex_tags(doc: SourceDoc, timex: Timex, index: int,
                inside_link: bool) -> tuple[Markup, Markup]:
    """Opening/closing HTML of a highlighted expression: a link to its event when it dates one,
    else a focusable <mark>; the resolved date shows as a tooltip on hover and focus."""
    tip = timex_tip(timex, undated=doc.article.published is None)
    event_id = doc.event_of.get(timex.start)
    classes = "tx " + ("tx-event" if timex.start in doc.anchors else _timex_class(timex))
    inner = Markup('<mark class="{}">').format(classes)
    iso = html_datetime(timex.value, timex.precision, timex.interval[0]) if timex.interval else ""
    if iso:
        inner += Markup('<time datetime="{}">').format(iso)
    closing = (Markup("</time>") if iso else Markup("")) + Markup("</mark>")
    ident = f"t-{index + 1}"
    if event_id and not inside_link:
        opening = Markup('<a class="tx-link" id="{}" href="../{}#{}" data-tip="{}" '
                         'aria-describedby="{}-tip">').format(
            ident, INDEX_PAGE, event_anchor(event_id), tip, ident)
        tail = Markup('<span class="tx-tip" id="{}-tip" role="tooltip">{}</span></a>').format(
            ident, tip)
        return opening + inner, closing + tail
    opening = Markup('<span class="tx-wrap" id="{}" tabindex="0" data-tip="{}" '
                     'aria-describedby="{}-tip">').format(ident, tip, ident)
    tail = Markup('<span class="tx-tip" id="{}-tip" role="tooltip">{}</span></span>').format(
        ident, tip)
    return opening + inner, closing + tail


def _timex_class(timex: Timex) -> str:
    if timex.type in ("DURATION", "SET"):
        return "tx-duration"
    return "tx-date" if timex.interval else "tx-unresolved"


def timex_tip(timex: Timex, *, undated: bool = False) -> str:
    """What the tooltip of an expression says: its resolved date, or why it has none."""
    if timex.type == "DURATION":
        return "a duration, not a date"
    if timex.type == "SET":
        return "a repeating time, not a date"
    if timex.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return "a vague time, not placed on the timeline"
    if timex.interval is None:
        if undated:
            return "unresolved: the article has no publication date"
        return "unresolved"
    label = date_label(timex.value, timex.mod)
    return f"{label} (UTC{timex.zone})" if timex.zone else label


# --- run rendering: nested tags over plain text ---------------------------------------------


@dataclass(frozen=True)
class _Layer:
    start: int
    end: int
    opening: Markup
    closing: Markup
    depth: int  # smaller wraps larger: links outside, time expressions innermost


def render_runs(text: str, start: int, end: int, layers: Iterable[_Layer]) -> Markup:
    """HTML of ``text[start:end]`` with each layer's tags around its span, properly nested.

    The text is cut at every layer boundary; between runs, only the tags that change are
    closed and opened (a layer crossing another is split into two elements).
    """
    layers = [
        _Layer(max(la.start, start), min(la.end, end), la.opening, la.closing, la.depth)
        for la in layers if min(la.end, end) > max(la.start, start)
    ]
    order = {id(la): (la.depth, la.start, -la.end, i) for i, la in enumerate(layers)}
    cuts = sorted({start, end, *(la.start for la in layers), *(la.end for la in layers)})
    out: list[str] = []
    stack: list[_Layer] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = sorted((la for la in layers if la.start <= left and right <= la.end),
                        key=lambda la: order[id(la)])
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


# --- small helpers --------------------------------------------------------------------------


def date_label(value: str, mod: str | None = None) -> str:
    """The label of a TimeML value at its precision ("14 June 2014", "fall 2013")."""
    return describe(value, mod)


def html_datetime(value: str, precision: str | None, start: dt.date | None) -> str:
    """A valid HTML ``datetime`` attribute for a value: day, month, week or year."""
    if start is None or precision is None:
        return ""
    if precision_rank(precision) <= precision_rank("day"):
        return start.isoformat()
    if precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if 1 <= start.year <= 9999:
        return f"{start.year:04d}"
    return ""


def _published_label(article: Article) -> str:
    published = article.published_date
    if published is None:
        return ""
    return f"{published.day} {calendar.month_name[published.month]} {published.year}"


def safe_url(url: str | None, *, allow_relative: bool = False) -> str | None:
    """``url`` if it is http(s) (or, when allowed, a relative link/fragment), else None:
    ``javascript:`` and other schemes never become links."""
    if not url:
        return None
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")):
        return url
    if allow_relative and ":" not in url.split("/", 1)[0] and not lowered.startswith("//"):
        return url
    return None
