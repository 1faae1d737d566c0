"""Load content files into :class:`~timeline.model.Article` records.

One job: turn a ``.md`` or ``.txt`` file into plain body text with paragraph blocks, metadata
from YAML front matter, and a publication date (front matter, else a date line at the top of the
text, else a ``YYYY-MM-DD-`` file-name prefix; never today's date).

Every offset in the pipeline points into :attr:`Article.text`, the *plain* text. Markdown
formatting (links, emphasis, code) is kept as :class:`InlineSpan` records on each block, in
plain-text coordinates, so the renderer can re-apply it around highlighted time expressions.

The parts of the work are modules of their own: :mod:`~timeline.ingest.discovery` (which files),
:mod:`~timeline.ingest.textfile` (their bytes and text), :mod:`~timeline.ingest.frontmatter`,
:mod:`~timeline.ingest.blocks` and :mod:`~timeline.ingest.markdown` (the text and its blocks),
:mod:`~timeline.ingest.pubdate` (the publication date). Their public names are imported here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.ingest.blocks import BLOCK_SEPARATOR, WRAP_WIDTH, InlineSpan, text_blocks
from timeline.ingest.discovery import CONTENT_SUFFIXES, discover
from timeline.ingest.frontmatter import split_front_matter, text_list, text_value, title_of, url_of
from timeline.ingest.markdown import markdown_blocks, warn_too_deep
from timeline.ingest.mdnesting import TOO_DEEP
from timeline.ingest.pubdate import (
    DATE_LINE_WINDOW,
    isolate_date_line,
    mark_date_line,
    parse_date_line,
    set_published,
)
from timeline.ingest.textfile import decode_text, display_path, read_source
from timeline.model import Article

__all__ = ["BLOCK_SEPARATOR", "CONTENT_SUFFIXES", "DATE_LINE_WINDOW", "MAX_SLUG", "WRAP_WIDTH",
           "InlineSpan", "discover", "load_article", "parse_date_line", "read_source", "slugify"]


def load_article(path: Path, config: Config, diagnostics: Diagnostics | None = None,
                 data: bytes | None = None) -> Article:
    """Read one content file. Raises :class:`TimelineError` (file, line, fix) for unusable input;
    adds warnings (such as a missing publication date) to ``diagnostics``.

    ``data``, when given, is the file's bytes as :func:`read_source` returned them: the file is
    not read again (a build reads each file once; a Dask worker may not see the files at all).
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    shown = display_path(path, config)
    if data is None:
        data = read_source(path, config)
    raw = decode_text(data, shown)
    meta, body = split_front_matter(raw, shown)
    if not body.strip() and not meta.get("title"):
        raise TimelineError("the file has no text", shown,
                            hint="add the article text, or delete the file")
    is_markdown = path.suffix.lower() in (".md", ".markdown")
    env: dict = {}
    parsed, added = isolate_date_line(body, config)
    text, blocks = markdown_blocks(parsed, env) if is_markdown else text_blocks(parsed)
    if TOO_DEEP in env:
        body_line = env[TOO_DEEP] - sum(1 for line in added if line < env[TOO_DEEP])
        warn_too_deep(raw, body, body_line, shown, diagnostics)
    blocks = mark_date_line(text, blocks, config)
    article = Article(
        path=Path(shown),
        slug=slugify(path.stem),
        title=title_of(meta, path, shown, diagnostics),
        text=text,
        blocks=blocks,
        source=text_value(meta.get("source", meta.get("publisher", "")), "source", shown,
                          diagnostics),
        authors=text_list(meta.get("authors", meta.get("author")), "author", shown,
                          diagnostics),
        url=url_of(meta.get("url"), shown, diagnostics),
        tags=text_list(meta.get("tags"), "tags", shown, diagnostics),
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS},
    )
    set_published(article, meta, text, blocks, path, config, diagnostics)
    return article


_KNOWN_KEYS = {"title", "source", "publisher", "author", "authors", "url", "date", "tags"}


#: Longest page name made from a file name (the page is ``sources/<slug>.html``): file
#: systems allow 255 bytes per name, and a shorter URL is easier to share.
MAX_SLUG = 80


def slugify(name: str) -> str:
    """A file-name-safe, URL-safe slug: lowercase ASCII words joined by hyphens.

    A slug longer than :data:`MAX_SLUG` keeps its start and ends in a hash of the whole, so
    it stays readable, the same on every build, and distinct for distinct long names.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha256(slug.encode()).hexdigest()[:10]
        slug = f"{slug[:MAX_SLUG - len(digest) - 1].rstrip('-')}-{digest}"
    return slug or "article"
