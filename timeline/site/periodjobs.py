"""Period pages rendered by the source-page workers (:mod:`timeline.site.parallel`).

The period pages were most of the building process's rendering (10,000 articles: about
15 s of its 26 s CPU, against 16 s for all the source pages in the worker), so the building
process was the render stage's critical path while the worker waited. A period page goes to
a worker like a source page: this module makes what is sent (:func:`period_job`) and renders
it there (:func:`render_period`).

What is sent is the page's events and views, and the anchors of their citations on the
source pages; each cited article goes as its *face* (its metadata without text, blocks and
set-aside stretches), which is all the theme's timeline pages show of it
(:func:`timeline.site.pagememo.article_faces`); a whole article is ten times the page's own
data. So only the theme's own templates are rendered this way (:func:`can_send`): a project
overriding a template may show anything of an article. An article that is no source page
(an event added by hand in the annotations) goes whole. The page and its key (the digest
made from the faces, as the building process makes it) are the same wherever it is
rendered.
"""

from __future__ import annotations

import dataclasses
import io
import operator
import pickle

from timeline.model import Article
from timeline.pipeline.digest import _TABLE, digest
from timeline.site.environment import render_template

#: Fields of an article its face leaves out (empty in the copy a worker gets).
_BODY = ("text", "blocks", "set_aside")
_FACE_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in _BODY)
_face_values = operator.attrgetter(*_FACE_FIELDS)

#: The face articles of the payload being read in this process, by id (see :func:`_face`).
_FACES: dict[int, Article] = {}


def can_send(config) -> bool:
    """Whether period pages may go to the workers: the theme's page templates only (see the
    module; the same test that leaves the salience out of the pages' keys)."""
    overrides = config.templates_path
    return not (overrides.is_dir() and any(overrides.rglob("*.html")))


def period_job(events: list, anchors: list, made, periods: list, templates: str | None,
               unseen: tuple[str, ...], sources: set[int]) -> bytes:
    """The pickled job of one period page: its events, the anchors of their citations (in
    citation order, None where the article has no source page), its view ``made`` and the
    list of periods; ``templates`` (the templates' fingerprint) when the
    worker is to compute the page's key, with the event fields ``unseen`` left out of it.
    ``sources``: ids of the articles that have source pages (sent as their faces)."""
    by_fields = _TABLE[Article]

    def article(obj: Article):
        if id(obj) in sources:
            return _face, _face_values(obj)
        return by_fields(obj)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**_TABLE, Article: article}
    pickler.dump((events, anchors, made, periods, templates, unseen))
    return buffer.getvalue()


def _face(*values) -> Article:
    """An article's face, read from a job: its metadata, no text (see :func:`period_job`)."""
    article = Article(text="", **dict(zip(_FACE_FIELDS, values, strict=True)))
    _FACES[id(article)] = article
    return article


class _Anchors:
    """What a period page reads of a source page: the anchor of an expression
    (:meth:`timeline.site.sourcepages.SourceDoc.timex_anchor`), as the building process found it."""

    def __init__(self) -> None:
        self.by_span: dict[tuple[int, int], str] = {}

    def timex_anchor(self, timex) -> str:
        return self.by_span.get((timex.start, timex.end), "")


def render_period(env, site: dict, payload: bytes) -> tuple[str, bytes | None]:
    """Render a period page from its job: (its text, its key or None)."""
    from timeline.site.legend import legend
    from timeline.site.pagememo import article_face
    from timeline.site.views import group_events

    _FACES.clear()
    try:
        events, anchors, made, periods, templates, unseen = pickle.loads(payload)
        docs: dict[str, _Anchors] = {}  # the source pages, as far as this page reads them
        cited = (c for event in events for c in event.citations)
        for citation, anchor in zip(cited, anchors, strict=True):
            if anchor is not None:
                docs.setdefault(str(citation.article.path), _Anchors()).by_span[
                    (citation.timex.start, citation.timex.end)] = anchor
        years = group_events(events, docs, root="../")
        shown = [ev for y in years for ev in y.events + [e for m in y.months for e in m.events]]
        text = render_template(env, "period.html", root="../", site=site, periods=periods,
                               period=made, years=years, legend=legend(shown))
        key = None
        if templates is not None:
            faces = {key: article_face(article) for key, article in _FACES.items()}
            key = digest((templates, periods, made, events, anchors), faces, unseen)
        return text, key
    finally:
        _FACES.clear()
