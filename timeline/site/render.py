"""Render the site's HTML pages from articles and events with Jinja templates.

One job: view data in, HTML files out (the views are made in :mod:`timeline.site.views` and
:mod:`timeline.site.sourcepages`, the environment in :mod:`timeline.site.environment`). Every
link is relative, so the site works from ``file://``, at a domain root and under a sub-path.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from timeline.config import Config
from timeline.model import Event
from timeline.pipeline.digest import digest
from timeline.site.environment import (
    EVENT_PARTIAL,
    STATIC_DIR,
    THEME,
    make_environment,
    render_template,
)
from timeline.site.pagememo import (
    dumps_marking_reads,
    memoised_event_view,
    render_source,
    templates_fingerprint,
    with_event_memo,
)
from timeline.site.sourcepages import SourceDoc, newest_first, source_summary
from timeline.site.urls import INDEX_PAGE, SOURCES_DIR, source_page
from timeline.site.views import event_view, group_events

__all__ = ["THEME", "SourceDoc", "make_environment", "render_site", "copy_static"]


# --- pages ----------------------------------------------------------------------------------


def render_site(out_dir: Path, config: Config, events: list[Event], docs: list[SourceDoc],
                *, pages: dict[str, str] | None = None, memo=None,
                on_page: Callable[[str], None] | None = None) -> list[Path]:
    """Write index.html, sources/index.html, one page per source and the static assets.

    Returns the files written, relative to ``out_dir``. Raises :class:`TimelineError` naming
    the template (and line) when a template is broken. With ``pages``, the HTML pages are put
    there (site path -> text) instead of being written, for a later pass to finish and write
    (:func:`timeline.site.seo.finalize_site`). With ``memo`` (a
    :class:`timeline.pipeline.cache.PageMemo`), a source page whose inputs are unchanged since an
    earlier build is reused, not re-rendered. ``on_page`` is called with each page's path once
    it is rendered (for a progress bar).
    """
    done = on_page or (lambda _rel: None)
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
        view = memoised_event_view(memo, articles, view_keys)
        if not (config.templates_path / EVENT_PARTIAL).exists():
            timeline_env = with_event_memo(env, memo, templates, articles, view_keys)
    rendered: list[tuple[str, str]] = [(INDEX_PAGE, render_template(
        timeline_env, "index.html", root="", site=site,
        years=group_events(shown, docs_by_path, root="", view=view)))]
    done(INDEX_PAGE)
    view_keys.clear()
    # Counted in one pass: per source it was sources x events x citations (1,000 articles: 5 s).
    cited = Counter(str(c.article.path) for e in shown for c in e.citations)
    sources = [source_summary(d, cited) for d in newest_first(docs)]
    rendered.append((f"{SOURCES_DIR}/{INDEX_PAGE}", render_template(
        env, "sources.html", root="../", site=site, sources=sources)))
    done(f"{SOURCES_DIR}/{INDEX_PAGE}")
    if memo is not None:
        env.policies["json.dumps_function"] = dumps_marking_reads
    for doc in docs:
        rendered.append((source_page(doc.article.slug),
                         render_source(env, doc, site, memo, templates, articles)))
        done(rendered[-1][0])
    for rel, text in rendered:
        if pages is None:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        else:
            pages[rel] = text
        written.append(out_dir / rel)
    return [p.relative_to(out_dir) for p in written]


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
