"""Rendering in proportion to what changed: pages and event entries reused from the previous
build when nothing they were made from changed (see
:class:`timeline.pipeline.pagetexts.PageMemo`)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping

import jinja2
from markupsafe import Markup

from timeline.config import Config
from timeline.model import Event
from timeline.pipeline.digest import digest
from timeline.site.environment import EVENT_PARTIAL, THEME, render_template
from timeline.site.sourcepages import SourceDoc, source_view
from timeline.site.urls import source_page
from timeline.site.views import EventView, event_view


def render_source(env: jinja2.Environment, doc: SourceDoc, site: dict, memo,
                  templates: str, articles: dict[int, bytes],
                  event_pages: Mapping[str, str] | None = None, keep=None,
                  defer=None) -> str | None:
    """A source page, reused from ``memo`` when nothing it was made from changed.

    Its inputs: the article (slug included), its expressions, which events they link to and
    the pages those events are on, the templates, and the ``site`` values the templates
    actually read. The latter matters: the event count changes with nearly every edit, and the
    default source page never shows it. With ``keep`` (the build's
    :class:`timeline.site.seo.PageFinisher`, holding the previous build's pages), a page made
    from the same inputs as the previous site's is put in place there and None is returned;
    otherwise ``keep`` is told the inputs of the text returned. With ``defer`` (without
    ``memo``), a page to render is handed to ``defer(site path, doc, its events' pages,
    key)`` instead (:class:`timeline.site.parallel.SourcePageWorkers`), and None is
    returned; ``key`` is the page's inputs, None without ``keep``, or ``templates`` when the
    previous build has no page to compare with: the worker computes them
    (:func:`source_inputs`).
    """
    event_pages = event_pages or {}

    def render(site_values: dict) -> str:
        return render_template(env, "source.html", root="../", site=site_values,
                               source=source_view(doc, event_pages))

    rel = source_page(doc.article.slug)
    linked = sorted({event_id: event_pages.get(event_id, "")
                     for event_id in doc.event_of.values()}.items())
    if memo is None and keep is None:
        if defer is not None:
            defer(rel, doc, _pages_of(doc, event_pages), None)
            return None
        return render(site)
    slot = ("render", rel)
    if memo is None and defer is not None and not keep.known(rel):
        # nothing to compare with (a cold build): the worker computes the page's key
        defer(rel, doc, _pages_of(doc, event_pages), templates)
        return None
    try:
        inputs = source_inputs(doc, templates, linked, articles)
    except Exception:  # noqa: BLE001 - an unpicklable article is simply not memoised
        return render(site)
    if memo is None and defer is not None:
        if not keep.reuse(rel, inputs, lambda read: _read_same(site, read)):
            defer(rel, doc, _pages_of(doc, event_pages), inputs)
        return None
    if memo is None:
        return render_kept(keep, rel, inputs, site, render)
    if keep is not None and keep.reuse(rel, inputs, lambda read: _read_same(site, read)):
        return None
    entry = memo.entry(slot)
    if entry is not None:
        (known_inputs, read), text = entry
        if known_inputs == inputs and _read_same(site, read):
            if keep is not None:
                keep.made(rel, inputs, read)
            return text
    tracked = _ReadTracker(site)
    text = render(tracked)
    read = tracked.values_read()
    if memo is not None:
        memo.put(slot, (inputs, read), text)
    if keep is not None:
        keep.made(rel, inputs, read)
    return text


def source_inputs(doc: SourceDoc, templates: str, linked: list[tuple[str, str]],
                  articles: dict[int, bytes] | None = None) -> bytes:
    """What a source page is made from besides the ``site`` values: the templates, the
    article, its expressions, their events and those events' pages (``linked``: (event id,
    page or "") in id order)."""
    if articles is None:  # the same key as with the build's digests of its articles
        articles = {id(doc.article): article_digest(doc.article, doc.origin)}
    # the expressions are made with the article: its origin, when known, stands for both
    timexes = doc.timexes if doc.origin is None else ()
    return digest((templates, doc.article, timexes, sorted(doc.event_of.items()), linked,
                   sorted(doc.anchors)), articles)


def article_digest(article, origin: str | None = None) -> bytes:
    """The digest standing for ``article`` in page keys. With ``origin`` (the cache key of
    the article's processing, which covers its file's bytes, the settings and the code), the
    origin and the two fields the build sets afterwards (its page name and the stretches set
    aside as furniture) instead of the whole text: digesting 10,000 articles' texts took a
    second of every rebuild. Without, the digest of the whole article."""
    if origin is None:
        return digest(article)
    return digest(("article made by", origin, article.slug, article.set_aside))


def _pages_of(doc: SourceDoc, event_pages: Mapping[str, str]) -> dict[str, str]:
    """The pages of the events ``doc``'s expressions link to (what its page reads of
    ``event_pages``)."""
    return {event_id: event_pages[event_id] for event_id in doc.event_of.values()
            if event_id in event_pages}


def render_kept(keep, rel: str, inputs: bytes, site: dict, render) -> str | None:
    """Page ``rel`` made from ``inputs`` and ``site``: None when ``keep`` (a
    :class:`timeline.site.seo.PageFinisher`) put the previous build's page in place, else
    ``render(site values)``'s text, with ``keep`` told what it was made from."""
    if kept_already(keep, rel, inputs, site):
        return None
    return render_made(keep, rel, inputs, site, render)


def kept_already(keep, rel: str, inputs: bytes, site: dict) -> bool:
    """Whether ``keep`` put the previous build's page ``rel`` in place: it was made from
    ``inputs`` and the same values of ``site`` (see :func:`render_kept`)."""
    return keep.reuse(rel, inputs, lambda read: _read_same(site, read))


def render_made(keep, rel: str, inputs: bytes, site: dict, render) -> str:
    """``render(site values)``'s text, with ``keep`` told what page ``rel`` was made from."""
    tracked = _ReadTracker(site)
    text = render(tracked)
    keep.made(rel, inputs, tracked.values_read())
    return text


class ArticleDigests(dict):
    """``id(article)`` -> the article's digest, made when first asked for (by
    :func:`timeline.pipeline.digest.digest`): the source pages rendered by workers in a cold
    build have theirs made there (:mod:`timeline.site.parallel`)."""

    def __init__(self, docs: list[SourceDoc]) -> None:
        super().__init__()
        self._articles = {id(doc.article): doc for doc in docs}

    def __bool__(self) -> bool:
        return bool(self._articles)

    def get(self, key, default=None):
        known = dict.get(self, key)
        if known is None:
            doc = self._articles.get(key)
            if doc is None:
                return default
            known = self[key] = article_digest(doc.article, doc.origin)
        return known


def article_faces(docs: list[SourceDoc]) -> dict[int, bytes]:
    """``id(article)`` -> digest of what the theme's timeline pages show of the article (its
    metadata: path, page, title, publisher, date, link...), without its text, blocks and
    set-aside stretches. What a citation shows of the text is its sentence and expression,
    which are in the citation itself; so appending a paragraph to an article does not make
    every page citing it look changed. Only for the theme's own templates (a project's may
    show the text)."""
    return {id(doc.article): article_face(doc.article) for doc in docs}


def article_face(a) -> bytes:
    """The digest of what the timeline pages show of article ``a`` (:func:`article_faces`)."""
    return digest((a.path, a.slug, a.title, a.source, a.authors, a.url, a.published,
                   a.published_from, a.tags, a.extra))


def track_site(site: dict) -> dict:
    """``site`` as a dict that records which of its keys a template reads (``values_read()``)."""
    return _ReadTracker(site)


def read_missing(read: tuple) -> bool:
    """Whether a page read a ``site`` value that was not there (``read``: key, value pairs)."""
    return any(value is _ABSENT for _, value in read)


def _read_same(site: dict, read: tuple) -> bool:
    """Whether ``site`` has the values a page's templates read (``read``: key, value pairs)."""
    return all(site.get(k, _ABSENT) == v for k, v in read)


def memoised_event_view(memo, articles: dict[int, bytes], view_keys: dict[int, bytes],
                        unseen: tuple[str, ...] = ()):
    """:func:`event_view`, reusing the previous build's view of an unchanged event.

    A view is made from the event (articles included, as their digests), the anchors of its
    citations on the source pages, ``root`` and its permalink; building views for every event
    was most of the timeline pages' time in a rebuild. The digest is kept in ``view_keys`` so
    the event partial's memo can use it instead of digesting the view again. An event shown on
    the index and on its period page has one slot for each. ``unseen``: event fields the pages
    never show, left out of the key (the salience, which every edit changes for all events).
    """

    def view(event: Event, docs_by_path: dict[str, SourceDoc], root: str,
             permalink: str = "") -> EventView:
        anchors = []
        for citation in event.citations:
            doc = docs_by_path.get(str(citation.article.path))
            anchors.append(doc.timex_anchor(citation.timex) if doc else None)
        key = digest((event, anchors, root, permalink), articles, unseen)
        slot = (f"event-view:{root}", event.id)
        known = memo.get(slot, key)
        if known is None:
            known = event_view(event, docs_by_path, root, permalink)
            memo.put(slot, key, known)
        # set again by mark_continued
        made = dataclasses.replace(known, continued=False, same_reading=False)
        view_keys[id(made)] = key
        return made

    return view


def with_event_memo(env: jinja2.Environment, memo, templates: str,
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
            key = (templates, made_from, ev.continued, ev.same_reading)
        else:
            key = digest((templates, ev), articles)
        slot = ("event", ev.permalink)
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


def dumps_marking_reads(obj, **kwargs) -> str:
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
