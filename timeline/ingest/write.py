"""Write imported articles into the content folder: safe stable names, never overwriting.

One job: a :class:`~timeline.ingest.webpage.WebArticle` becomes one Markdown file that the
loader (:mod:`timeline.ingest.content`) reads back exactly:

- The name is ``YYYY-MM-DD-title-words.md`` (the date-prefix convention; the same article gets
  the same name in any folder), or ``title-words.md`` without a date, so the loader never takes
  a date the page did not state. Names are ASCII slugs of at most :data:`MAX_SLUG` characters,
  so no title or URL can reach outside the folder; a taken name gets ``-2``, ``-3``.
- A file is created with a hard link from a temporary file, which fails rather than replace an
  existing file: no article is ever overwritten, even by two imports running at once.
- Front matter is written by a YAML dumper (quoting is its job, not string formatting's); every
  value is one line. The text is Markdown with every character that could mean markup escaped,
  so a page's ``*``, ``#`` or ``<`` stay text.
- :class:`ExistingArticles` knows the URLs of the articles already in the folder, so importing
  an article again is recognised across runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline.config import Config
from timeline.ingest.content import discover, slugify
from timeline.ingest.webpage import HEADING, LIST_ITEM, QUOTE, WebArticle
from timeline.ingest.weburl import url_key

#: Longest slug of the title kept in a file name (the date prefix comes on top).
MAX_SLUG = 60
SUFFIX = ".md"
# Characters with a meaning anywhere in a Markdown line, and at the start of one.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START_MARKUP = "#>+=-"  # headings, quotes, list items, setext underlines
_ORDERED_ITEM = re.compile(r"^(\d{1,9})[.)]")
# Front matter as the loader reads it: between '---' lines, keys in any case.
_FENCE = re.compile(r"^---[ \t\r]*$")
_URL_LINE = re.compile(r"^url[ \t]*:[ \t]*(.*?)[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_FRONT_MATTER_MAX = 64 * 1024
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class ExistingArticles:
    """The content folder's articles, by normalised URL, and the file names taken."""

    folder: Path
    by_url: dict[str, Path] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # lowercase: some file systems ignore case

    @classmethod
    def scan(cls, config: Config) -> ExistingArticles:
        folder = config.content_path
        index = cls(folder)
        if not folder.is_dir():
            return index
        for path in discover(config):
            index.names.add(path.relative_to(folder).as_posix().lower())
            url = front_matter_url(path)
            if url:
                index.remember(url, path)
        return index

    def find(self, *urls: str | None) -> Path | None:
        """The article already imported from any of ``urls``, or None."""
        for url in urls:
            key = url_key(url) if url else None
            if key is not None and key in self.by_url:
                return self.by_url[key]
        return None

    def remember(self, url: str, path: Path) -> None:
        key = url_key(url)
        if key is not None:
            self.by_url.setdefault(key, path)


def front_matter_url(path: Path) -> str | None:
    """The ``url`` in a content file's front matter, or None. Only that line is parsed: YAML
    in pure Python costs 1-2 ms a file, 15 s on every import into 10,000 articles."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as stream:
            head = stream.read(_FRONT_MATTER_MAX)
    except OSError:
        return None
    lines = head.split("\n")
    if not _FENCE.match(lines[0]):
        return None
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    match = _URL_LINE.search("\n".join(lines[1:end])) if end is not None else None
    if match is None:
        return None
    try:
        value = yaml.load(match[1], Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
    return value.strip() if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class Written:
    """Where an article went; ``same_text`` when an identical file was already there."""

    path: Path
    same_text: bool = False


def write_article(article: WebArticle, index: ExistingArticles) -> Written:
    """Write ``article`` into ``index.folder`` under a free name; never overwrite a file.

    An existing file with exactly this content (the same page imported again, e.g. a saved
    page with no URL) is reported as ``same_text`` instead of written twice."""
    text = render_article(article)
    index.folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(article)
    for number in range(1, 10_000):
        name = f"{stem}{SUFFIX}" if number == 1 else f"{stem}-{number}{SUFFIX}"
        path = index.folder / name
        if name.lower() in index.names or path.exists():
            if _same_content(path, text):
                return Written(path, same_text=True)
            continue
        if _create(path, text):
            index.names.add(name.lower())
            if article.url:
                index.remember(article.url, path)
            return Written(path)
    raise OSError(f"no free file name for {stem}{SUFFIX} in {index.folder}")


def file_stem(article: WebArticle) -> str:
    """``YYYY-MM-DD-slug`` (the publication day in the page's own zone) or ``slug``."""
    slug = _short_slug(article.title) or _short_slug(_url_words(article.url)) or "article"
    if article.published is None:
        return slug
    day = (article.published.date() if isinstance(article.published, dt.datetime)
           else article.published)
    return f"{day.isoformat()}-{slug}"


def _short_slug(text: str) -> str:
    slug = slugify(text) if text else ""
    if slug == "article" and "article" not in text.lower():
        return ""  # slugify's placeholder for text with no ASCII letters (e.g. a Greek title)
    if len(slug) > MAX_SLUG:  # cut at a word boundary if there is one
        cut = slug[:MAX_SLUG + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_SLUG]
    return slug.strip("-")


def _url_words(url: str | None) -> str:
    """The last meaningful part of a URL's path ("/news/2019/ferry-strike.html")."""
    if not url:
        return ""
    parts = [p for p in re.split(r"[/?#=&]", url.split("://", 1)[-1])[1:] if p]
    words = [re.sub(r"\.\w{2,5}$", "", p) for p in parts if not re.fullmatch(r"[\d\W_]+", p)]
    return words[-1] if words else ""


def render_article(article: WebArticle) -> str:
    """The content file: YAML front matter, then the text as Markdown."""
    meta: dict = {"title": article.title}
    if article.source:
        meta["source"] = article.source
    if article.authors:
        meta["authors"] = list(article.authors)
    if article.url:
        meta["url"] = article.url
    if article.published is not None:
        meta["date"] = article.published
    if article.language:
        meta["language"] = article.language
    front = yaml.safe_dump(_one_line(meta), sort_keys=False, allow_unicode=True,
                           default_flow_style=False, width=1_000_000)
    return f"---\n{front}---\n{markdown_body(article)}\n"


def markdown_body(article: WebArticle) -> str:
    lines = []
    for block in article.blocks:
        text = escape_markdown(block.text)
        if block.kind == HEADING:
            lines.append("#" * max(block.level, 2) + " " + text)
        elif block.kind == QUOTE:
            lines.append("> " + text)
        elif block.kind == LIST_ITEM:
            lines.append("- " + text)
        else:
            lines.append(text)
    return "\n\n".join(lines)


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that reads back as exactly ``text`` (one line, no markup)."""
    text = _INLINE_MARKUP.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    number = _ORDERED_ITEM.match(text)
    if number:  # "1986. A good year" must not become an ordered list
        return number[1] + "\\" + text[len(number[1]):]
    return "\\" + text if text and text[0] in _LINE_START_MARKUP else text


def _one_line(value):
    """Strings with their whitespace (newlines included) collapsed, at any depth."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: _one_line(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def _same_content(path: Path, text: str) -> bool:
    try:
        return path.is_file() and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _create(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text``, complete or not at all; False if the name is taken."""
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        try:
            os.link(temporary, path)  # fails if the name exists: never replaces a file
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive create instead
            return _create_exclusive(path, text)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _create_exclusive(path: Path, text: str) -> bool:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        return False
    return True
