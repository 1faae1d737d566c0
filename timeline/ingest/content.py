"""Load content files into :class:`~timeline.model.Article` records.

One job: turn a ``.md`` or ``.txt`` file into plain body text with paragraph blocks, metadata
from YAML front matter, and a publication date (front matter, else a date line at the top of the
text, else a ``YYYY-MM-DD-`` file-name prefix; never today's date).

Every offset in the pipeline points into :attr:`Article.text`, the *plain* text. Markdown
formatting (links, emphasis, code) is kept as :class:`InlineSpan` records on each block, in
plain-text coordinates, so the renderer can re-apply it around highlighted time expressions.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block.state_block import StateBlock

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.model import Article, Block

CONTENT_SUFFIXES = (".md", ".markdown", ".txt")
#: Blocks kept apart between paragraphs in Article.text, so no sentence spans two blocks.
BLOCK_SEPARATOR = "\n\n"
#: How many non-empty lines at the top of a text may hold its date line.
DATE_LINE_WINDOW = 3
#: Lines at most this long in a blank-line-separated chunk are read as hard-wrapped prose.
WRAP_WIDTH = 100

_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_ ]|$)")
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
# Words a date line may contain besides numbers: month and weekday names, clock and zone words.
_DATE_WORD_LIST = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    am pm a p m utc gmt et edt est cet cest bst pt pdt pst z t of the at updated published
    st nd rd th
"""
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
_DATE_LINE_PREFIX = re.compile(r"^(?:updated|published)\b[\s:]*", re.IGNORECASE)
_DATE_LINE_CHARS = re.compile(r"^[\w ,./:+\-–—]+$")


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """Inline formatting in plain-text coordinates: ``kind`` is em, strong, code or link."""

    kind: str
    start: int
    end: int
    href: str | None = None


def discover(config: Config, diagnostics: Diagnostics | None = None) -> list[Path]:
    """Content files under the content folder, sorted, skipping hidden files and folders.

    Links to files are read (a link out of the content folder is refused by the loader);
    links to folders are not followed. A link that loops, a broken link to an article and a
    folder that cannot be read are skipped with a warning naming them in ``diagnostics``.
    """
    root = config.content_path
    if not root.is_dir():
        raise TimelineError("content folder not found", root,
                            hint="create it or pass --content DIR")
    found: list[Path] = []
    _walk(root, found, config, diagnostics if diagnostics is not None else Diagnostics())
    return sorted(found)


def _walk(folder: Path, found: list[Path], config: Config, diagnostics: Diagnostics) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        diagnostics.warn(f"cannot read the folder ({_reason(exc)}); its articles are left out",
                         _display_path(folder, config),
                         hint="check the folder's permissions")
        return
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            _follow_link(path, found, config, diagnostics)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, found, config, diagnostics)
        elif path.suffix.lower() in CONTENT_SUFFIXES and entry.is_file(follow_symlinks=False):
            found.append(path)


def _follow_link(link: Path, found: list[Path], config: Config,
                 diagnostics: Diagnostics) -> None:
    """A link in the content folder: an article if it leads to a file, else a warning for
    a loop or a broken article link; a link to a folder is not followed."""
    shown = _display_path(link, config)
    is_article = link.suffix.lower() in CONTENT_SUFFIXES
    try:
        target = link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            diagnostics.warn("the link leads back to itself (a loop of links); skipped", shown,
                             hint="remove the link or point it at a file")
        elif is_article:
            diagnostics.warn(f"the link leads nowhere ({_reason(exc)}); skipped", shown,
                             hint="remove the link or point it at the article")
        return
    if stat.S_ISDIR(target.st_mode):
        real = link.resolve()
        if real == link.parent.resolve() or real in link.parent.resolve().parents:
            diagnostics.warn("the link leads to a folder holding it (a loop); skipped", shown,
                             hint="remove the link")
        else:
            diagnostics.warn("the link leads to a folder; links to folders are not followed, "
                             "so its articles are left out", shown,
                             hint="move or copy the articles into the content folder")
        return
    if is_article and stat.S_ISREG(target.st_mode):
        found.append(link)


def load_article(path: Path, config: Config, diagnostics: Diagnostics | None = None,
                 data: bytes | None = None) -> Article:
    """Read one content file. Raises :class:`TimelineError` (file, line, fix) for unusable input;
    adds warnings (such as a missing publication date) to ``diagnostics``.

    ``data``, when given, is the file's bytes as :func:`read_source` returned them: the file is
    not read again (a build reads each file once; a Dask worker may not see the files at all).
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    shown = _display_path(path, config)
    if data is None:
        data = read_source(path, config)
    raw = _decode_text(data, shown)
    meta, body = _split_front_matter(raw, shown)
    if not body.strip() and not meta.get("title"):
        raise TimelineError("the file has no text", shown,
                            hint="add the article text, or delete the file")
    is_markdown = path.suffix.lower() in (".md", ".markdown")
    env: dict = {}
    parsed, added = _isolate_date_line(body, config)
    text, blocks = _markdown_blocks(parsed, env) if is_markdown else _text_blocks(parsed)
    if _TOO_DEEP in env:
        body_line = env[_TOO_DEEP] - sum(1 for line in added if line < env[_TOO_DEEP])
        _warn_too_deep(raw, body, body_line, shown, diagnostics)
    blocks = _mark_date_line(text, blocks, config)
    article = Article(
        path=Path(shown),
        slug=slugify(path.stem),
        title=_title(meta, path, shown, diagnostics),
        text=text,
        blocks=blocks,
        source=_string(meta.get("source", meta.get("publisher", "")), "source", shown,
                       diagnostics),
        authors=_string_list(meta.get("authors", meta.get("author")), "author", shown,
                             diagnostics),
        url=_url(meta.get("url"), shown, diagnostics),
        tags=_string_list(meta.get("tags"), "tags", shown, diagnostics),
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS},
    )
    _set_published(article, meta, text, blocks, path, config, diagnostics)
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


@functools.lru_cache(maxsize=16)
def _resolved(folder: Path) -> Path:
    """``folder.resolve()``, once per build rather than twice per article (system calls)."""
    return folder.resolve()


def _display_path(path: Path, config: Config) -> str:
    """The path as the user knows it: relative to the project, symlinks not followed."""
    absolute = Path(path).absolute()
    for base in (config.root, _resolved(config.root)):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def _check_inside_content(path: Path, shown: str, config: Config) -> None:
    # A symlink may point anywhere; publishing /etc/passwd as an article must not happen.
    # Only files found in the content folder are checked: a caller may load any file it names.
    content = config.content_path.absolute()
    if content not in Path(path).absolute().parents:
        return
    real, real_content = Path(path).resolve(), content.resolve()
    if real_content not in real.parents:
        raise TimelineError("the file is a link to a file outside the content folder", shown,
                            hint="copy the article into the content folder instead")


def read_source(path: Path, config: Config) -> bytes:
    """The bytes of a content file, once it is known to be inside the content folder and not
    larger than ``max_article_mb``. Raises :class:`TimelineError` otherwise, or if unreadable."""
    shown = _display_path(path, config)
    _check_inside_content(path, shown, config)
    return _read_bytes(Path(path), shown, limit=int(config.max_article_mb * 1_000_000))


def _read_text(path: Path, shown: str, limit: int | None = None) -> str:
    return _decode_text(_read_bytes(path, shown, limit), shown)


def _read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit is not None and size > limit:
                raise TimelineError(
                    f"the file is {size / 1e6:.1f} MB, more than the {limit / 1e6:g} MB an "
                    "article may hold", shown,
                    hint="split it into several articles, or raise max_article_mb in "
                         "timeline.toml")
            return handle.read()
    except OSError as exc:
        raise TimelineError(f"cannot read the file ({_reason(exc)})", shown,
                            hint=_READ_HINTS.get(exc.errno)) from None


def _decode_text(data: bytes, shown: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark carries no text
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows editors save "Unicode" text as UTF-16 with a byte order mark: it says how to
        # read the file, so read it rather than send the editor off to re-save it.
        return _normalise_newlines(_decode_utf16(data, shown), shown)
    if b"\x00" in data[:4096]:
        raise TimelineError("the file is binary or UTF-16, not UTF-8 text", shown,
                            hint="save it as UTF-8 text, or move it out of the content folder")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TimelineError(f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})", shown, line,
                            hint="re-save it as UTF-8") from None
    return _normalise_newlines(text, shown)


_READ_HINTS = {errno.EACCES: "check the file's permissions, e.g. chmod a+r FILE",
               errno.EPERM: "check the file's permissions, e.g. chmod a+r FILE",
               errno.EISDIR: "a folder whose name ends in an article's suffix: rename it"}


def _reason(exc: OSError) -> str:
    """``permission denied``: the system's words for an error, as the rest of a message."""
    return (exc.strerror or type(exc).__name__).lower()


def _decode_utf16(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise TimelineError(f"the file starts as UTF-16 but is not valid UTF-16 ({exc.reason})",
                            shown, hint="re-save it as UTF-8") from None


def _normalise_newlines(text: str, shown: str) -> str:
    if not text.strip():
        raise TimelineError("the file is empty", shown, hint="add the article text, or delete it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(raw: str, shown: str) -> tuple[dict, str]:
    """Return (metadata, body)."""
    lines = raw.split("\n")
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return {}, raw
    for index in range(1, len(lines)):
        if _FRONT_MATTER_FENCE.match(lines[index]):
            break
    else:
        raise TimelineError("front matter has no closing '---' line", shown, 1,
                            hint="end the front matter with a line holding only ---")
    source = "\n".join(lines[1:index])
    meta = _fast_front_matter(source)
    try:
        if meta is _SLOW:
            meta = yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise TimelineError(f"broken front matter: {exc}", shown, 2,
                            hint="fix the YAML between the --- lines") from None
    except (LookupError, AttributeError):  # PyYAML's own bugs on e.g. '!!bool' or '!!float'
        raise TimelineError("broken front matter: a value does not fit its !!type tag", shown, 2,
                            hint="remove the !!tag or fix the YAML between the --- lines"
                            ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the '---'
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise TimelineError(f"broken front matter: {problem}", shown, line,
                            hint="fix the YAML between the --- lines") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise TimelineError("front matter must be a set of 'key: value' lines", shown, 2,
                            hint="write e.g. 'title: My article' between the --- lines")
    meta = {str(k).lower(): v for k, v in meta.items()}
    return meta, "\n".join(lines[index + 1:])


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML, except that an impossible date (2014-02-30, year 0) stays a string, so it
    becomes a 'not a date' warning instead of an exception."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # AttributeError: '!!timestamp x'
            return self.construct_scalar(node)

    def compose_node(self, parent, index):
        # Aliases (*name) let a few lines expand to gigabytes ("billion laughs") once the
        # value is turned into text; front matter never needs them.
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                   _FrontMatterLoader.construct_yaml_timestamp)

_SLOW = object()
if getattr(yaml, "__with_libyaml__", False):
    class _FastFrontMatterLoader(yaml.CSafeLoader):
        """libyaml's parser with :class:`_FrontMatterLoader`'s constructors: the pure-Python
        parser took 6 ms per article, a fifth of loading one."""

    _FastFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                           _FrontMatterLoader.construct_yaml_timestamp)
else:  # PyYAML built without libyaml
    _FastFrontMatterLoader = None


def _fast_front_matter(source: str):
    """The front matter read by libyaml, or :data:`_SLOW` when the Python loader must read it:
    it may hold aliases (refused there, with the line), libyaml found a problem (reported
    there, in the same words as always), or values nest deeper than the Python loader goes."""
    if _FastFrontMatterLoader is None or "*" in source or "&" in source:
        return _SLOW
    try:
        meta = yaml.load(source, Loader=_FastFrontMatterLoader)  # noqa: S506 - a SafeLoader
    except Exception:  # noqa: BLE001 - any problem is reported by the Python loader
        return _SLOW
    return meta if _shallow(meta, 20) else _SLOW


def _shallow(value, depth: int) -> bool:
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return depth > 0 and all(_shallow(item, depth - 1) for item in value)
    return True


# --- plain text -----------------------------------------------------------------------------


def _text_blocks(body: str) -> tuple[str, list[Block]]:
    """Paragraphs of a .txt file: blank-line chunks; in a chunk of long lines, one per line."""
    paragraphs: list[str] = []
    for chunk in re.split(r"\n[ \t]*\n", body):
        lines = [_collapse(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        # Hard-wrapped prose (all lines short) is one paragraph; long lines are paragraphs each,
        # which is how text copied from web pages arrives.
        if len(lines) > 1 and all(len(line) <= WRAP_WIDTH for line in lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return _join_blocks([("paragraph", 0, p, ()) for p in paragraphs])


def _collapse(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _join_blocks(parts: list[tuple[str, int, str, tuple]]) -> tuple[str, list[Block]]:
    """Concatenate block texts with separators; shift each block's inline spans to text offsets."""
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, level, content, spans in parts:
        if pieces:
            pieces.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        shifted = tuple(
            InlineSpan(s.kind, s.start + offset, s.end + offset, s.href) for s in spans
        )
        blocks.append(Block(kind, offset, offset + len(content), level, shifted))
        pieces.append(content)
        offset += len(content)
    return "".join(pieces), blocks


# --- markdown -------------------------------------------------------------------------------

#: Key in the markdown-it ``env`` for the first body line (0-based) nested too deep to parse.
_TOO_DEEP = "timeline_too_deep"
# What may be left at the start of a line cut off below markdown-it's nesting limit: quote
# markers, list markers (followed by a space or the line end) and the spaces between them.
_CONTAINER_MARKERS = re.compile(r"(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$)|[ \t])*")
_LIST_MARKER = re.compile(r"[-*+\d]")


class _SalvagingBlockParser(ParserBlock):
    """markdown-it's block parser, except that text nested too deep is kept, as plain text.

    markdown-it stops at ``options.maxNesting`` levels of quotes and lists (its guard against
    deep recursion) and drops the rest of the nested range without a word; for a list item that
    range runs to the end of the enclosing block, often the document. Here the lines the
    nesting limit would drop become plain paragraphs where they stand, and the first of them is
    noted in ``env`` so the loader can warn.
    """

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        if state.level < state.md.options.maxNesting:
            super().tokenize(state, startLine, endLine)
            return
        # At the limit no rule may run: a quote or list rule would recurse once more.
        line = state.skipEmptyLines(startLine)
        if line < endLine and state.sCount[line] >= state.blkIndent:
            state.env.setdefault(_TOO_DEEP, line)
            line = _salvage(state, line, endLine)
        state.line = line


def _salvage(state: StateBlock, line: int, endLine: int) -> int:
    """Push the lines from ``line`` on as plain paragraphs, up to where the enclosing block's
    own content resumes; return that line. A blank line (or one of markers only) or a new list
    item starts a new paragraph; quoted lines run on, as in a quote Markdown could parse."""
    start, lines = line, []
    while line < endLine:
        if state.isEmpty(line):
            _push_paragraph(state, start, line, lines)
        elif _resumes_outer_block(state, line, endLine, continuing=bool(lines)):
            break
        else:
            markers, text = _strip_markers(state, line)
            if _LIST_MARKER.search(markers) or not text:
                _push_paragraph(state, start, line, lines)
            if not lines:
                start = line
            if text:
                lines.append(text)
        line += 1
    _push_paragraph(state, start, line, lines)
    return line


def _resumes_outer_block(state: StateBlock, line: int, endLine: int, continuing: bool) -> bool:
    """Whether ``line`` is outdented past the cut-off block: the same test markdown-it makes
    between blocks, and in a paragraph its test for a lazy continuation line."""
    if state.sCount[line] >= state.blkIndent:
        return False
    if not continuing:
        return True
    if state.sCount[line] < 0:  # a lazy line a blockquote has already claimed
        return False
    old_parent, state.parentType = state.parentType, "paragraph"
    try:
        terminators = state.md.block.ruler.getRules("paragraph")
        return any(rule(state, line, endLine, True) for rule in terminators)
    finally:
        state.parentType = old_parent


def _strip_markers(state: StateBlock, line: int) -> tuple[str, str]:
    """The container markers left at the start of ``line``, and the text after them."""
    content = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    end = _CONTAINER_MARKERS.match(content).end()
    return content[:end], content[end:].strip()


def _push_paragraph(state: StateBlock, start: int, end: int, lines: list[str]) -> None:
    """Push ``lines`` (then empty it) as a paragraph, as markdown-it's paragraph rule would."""
    if not lines:
        return
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, end]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = "\n".join(lines), [start, end], []
    state.push("paragraph_close", "p", -1)
    lines.clear()


def _salvaging_markdown(preset: str) -> MarkdownIt:
    """A markdown-it parser for ``preset`` whose block parser keeps over-nested text."""
    md = MarkdownIt(preset)
    configured, md.block = md.block, _SalvagingBlockParser()
    md.block.ruler = configured.ruler  # the block rules as the preset set them up
    return md


_md = _salvaging_markdown("js-default")  # raw HTML off: article HTML is shown as text, never run
_BLOCK_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading"}


def _warn_too_deep(raw: str, body: str, body_line: int, shown: str,
                   diagnostics: Diagnostics) -> None:
    # The body is the end of the raw text, so the lines before it are the front matter's.
    line = raw.count("\n") - body.count("\n") + body_line + 1
    diagnostics.warn(
        f"Markdown quotes and lists nested too deep (markdown-it stops at "
        f"{_md.options.maxNesting} levels; a list counts as 2); the deeper text from here on "
        "is read as plain text", shown, line,
        hint="reduce the nesting: remove some of the leading '>' or list markers")


# Anything that can make Markdown more than paragraphs of text: emphasis, code, link and
# autolink characters (unless backslash-escaped), entities, strikethrough, list/heading/quote/
# rule markers and indented code at a line start, a table's delimiter row, a backslash before a
# line break or another backslash, tabs, and whitespace other than spaces (which markdown-it
# strips differently from the fast path).
_MARKUP_CHARS = re.compile(
    r"[*_`\[\]<\t\x0b\x0c\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    r"|&[#A-Za-z]|~~|\\\\|\\$", re.M)
_MARKUP_LINES = re.compile(r"\n(?: *(?:[-+=>#]|\d{1,9}[.)])| {4}|[ |:]*-[ |:-]*(?:\n|$))")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def _markdown_blocks(body: str, env: dict | None = None) -> tuple[str, list[Block]]:
    """Blocks of a Markdown body; markdown-it's notes (see :data:`_TOO_DEEP`) go to ``env``.

    A body without any Markdown syntax (most scraped or converted news) is paragraphs of text,
    read without markdown-it, which was half of the time spent loading such an article: the
    blocks are the same (tested against markdown-it)."""
    if not _may_be_markup(body):
        return _plain_paragraphs(body)
    parts: list[tuple[str, int, str, tuple]] = []
    context: list[str] = []  # enclosing containers: blockquote, list_item
    kind, level = "paragraph", 0
    for token in _md.parse(body, {} if env is None else env):
        if token.type in ("blockquote_open", "list_item_open"):
            context.append(token.type.removesuffix("_open"))
        elif token.type in ("blockquote_close", "list_item_close") and context:
            context.pop()
        elif token.type in _BLOCK_KINDS:
            kind = _BLOCK_KINDS[token.type]
            level = int(token.tag[1]) if kind == "heading" else 0
        elif token.type == "inline":
            content, spans = _inline_text(token.children or [])
            if content.strip():
                block_kind = kind if kind == "heading" else _container_kind(context)
                parts.append(_trimmed(block_kind, level, content, spans))
            kind, level = "paragraph", 0
        elif token.type in ("fence", "code_block") and token.content.strip():
            parts.append(("code", 0, token.content.rstrip("\n"), ()))
    return _join_blocks(parts)


def _may_be_markup(body: str) -> bool:
    for hit in _MARKUP_CHARS.finditer(body):
        if hit[0] in "*_`[]<" and hit.start() > 0 and body[hit.start() - 1] == "\\":
            continue  # escaped: a plain character
        return True
    return _MARKUP_LINES.search("\n" + body) is not None  # line starts, the first one too


def _plain_paragraphs(body: str) -> tuple[str, list[Block]]:
    """What markdown-it makes of text without syntax: chunks between blank lines, each line
    stripped, the lines of a chunk joined by a space (a soft or hard break)."""
    parts = []
    for chunk in re.split(r"\n(?: *\n)+", body):
        content = " ".join(line.strip(" ") for line in chunk.split("\n") if line.strip(" "))
        content = _ESCAPED.sub(r"\1", content)
        if content.strip():
            parts.append(("paragraph", 0, content.strip(), ()))
    return _join_blocks(parts)


def _container_kind(context: list[str]) -> str:
    if "list_item" in context:
        return "list_item"
    return "quote" if "blockquote" in context else "paragraph"


def _inline_text(children) -> tuple[str, list[InlineSpan]]:
    """Plain text of an inline token, and its formatting as spans over that text."""
    out: list[str] = []
    spans: list[InlineSpan] = []
    open_spans: list[tuple[str, int, str | None]] = []
    length = 0
    for child in children:
        if child.type in ("text", "code_inline", "softbreak", "hardbreak", "image"):
            piece = {"softbreak": " ", "hardbreak": " "}.get(child.type, child.content)
            if child.type == "code_inline":
                spans.append(InlineSpan("code", length, length + len(piece)))
            out.append(piece)
            length += len(piece)
        elif child.type.endswith("_open"):
            href = child.attrGet("href") if child.type == "link_open" else None
            open_spans.append((child.type.removesuffix("_open"), length, href))
        elif child.type.endswith("_close") and open_spans:
            name, start, href = open_spans.pop()
            kind = {"link": "link", "em": "em", "strong": "strong", "s": "del"}.get(name)
            if kind and length > start:
                spans.append(InlineSpan(kind, start, length, href))
    return "".join(out), spans


def _trimmed(kind: str, level: int, content: str, spans: list[InlineSpan]):
    """Strip surrounding whitespace while keeping the spans aligned."""
    lead = len(content) - len(content.lstrip())
    stripped = content.strip()
    kept = []
    for s in spans:
        start = min(max(s.start - lead, 0), len(stripped))
        end = min(max(s.end - lead, 0), len(stripped))
        if end > start:
            kept.append(InlineSpan(s.kind, start, end, s.href))
    return kind, level, stripped, tuple(kept)


# --- metadata -------------------------------------------------------------------------------


def _string(value, key: str, shown: str, diagnostics: Diagnostics) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        diagnostics.warn(f"front matter '{key}' should be text, not a {type(value).__name__}",
                         shown, hint=f"write '{key}: some text'")
        return ""
    return str(value).strip()


def _string_list(value, key: str, shown: str, diagnostics: Diagnostics) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()] if key == "tags" else [
            value.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    diagnostics.warn(f"front matter '{key}' should be text or a list of text", shown,
                     hint=f"write '{key}: [first, second]'")
    return []


def _title(meta: dict, path: Path, shown: str, diagnostics: Diagnostics) -> str:
    title = _string(meta.get("title"), "title", shown, diagnostics)
    return title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def _url(value, shown: str, diagnostics: Diagnostics) -> str | None:
    url = _string(value, "url", shown, diagnostics)
    if not url:
        return None
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        diagnostics.warn(f"front matter 'url' is not an http(s) address: {url!r}", shown,
                         hint="give the full address, e.g. https://example.org/story")
    return url


# --- publication date -----------------------------------------------------------------------


def _set_published(article: Article, meta: dict, text: str, blocks: list[Block], path: Path,
                   config: Config, diagnostics: Diagnostics) -> None:
    shown = str(article.path)
    if meta.get("date") not in (None, ""):
        if isinstance(meta["date"], str) and _names_no_fixed_day(meta["date"]):
            raise TimelineError(
                f"front matter 'date' is {meta['date'].strip()!r}, which depends on the day "
                "the site is built, so the same file would build differently tomorrow", shown,
                hint="write the publication date itself, e.g. date: 2014-06-15")
        published = _front_matter_date(meta["date"], config)
        if published is None:
            diagnostics.warn(f"front matter 'date' is not a date: {meta['date']!r}", shown,
                             hint="write it as 2014-06-15 (or 2014-06-15T10:00:00-04:00)")
        else:
            article.published, article.published_from = published, "front matter"
            return
    dateline = next((b for b in blocks if b.kind == "dateline"), None)
    if dateline is not None:
        article.published = parse_date_line(text[dateline.start:dateline.end], config)
        article.published_from = "date line"
        return
    from_name = _file_name_date(path)
    if from_name is not None:
        article.published, article.published_from = from_name, "file name"
        return
    diagnostics.warn(
        "no publication date: relative dates such as 'on Saturday' stay unresolved", shown,
        hint="add 'date: YYYY-MM-DD' to the front matter, a date line at the top of the text, "
             "or a YYYY-MM-DD- prefix to the file name",
    )


def _front_matter_date(value, config: Config) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.datetime):
        return _with_zone(value, config)
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    parsed = _parse(text, config)
    if parsed is None:
        return None
    has_clock = parsed.time() != dt.time(0) or re.search(r"\d:\d", text)
    return _with_zone(parsed, config) if has_clock else parsed.date()


def _parse(text: str, config: Config) -> dt.datetime | None:
    import dateparser  # slow to import; only dates outside ISO form need it

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY" if config.dayfirst else "MDY",
        "PREFER_DAY_OF_MONTH": "first",
        # never "today", "yesterday", "2 days ago": they read the build machine's clock
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None


#: Two days on which a build might run: in one month, in two different weeks.
_BUILD_DAYS = (dt.datetime(2011, 7, 5, 9), dt.datetime(2011, 7, 20, 18))


def _names_no_fixed_day(text: str) -> bool:
    """Whether ``text`` is a date relative to the day it is read ("today", "now", "yesterday",
    "Monday", "2 days ago", "next week"): read on two different days, it means two dates."""
    import dateparser

    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        return False
    try:
        readings = {dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": day})
                    for day in _BUILD_DAYS}
    except (ValueError, OverflowError, TypeError):
        return False
    return None not in readings and len(readings) > 1


def _with_zone(value: dt.datetime, config: Config) -> dt.datetime:
    if value.tzinfo is not None:
        return value  # the article's own zone decides which day it was published
    try:
        return value.replace(tzinfo=ZoneInfo(config.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return value.replace(tzinfo=dt.UTC)


# A line ending like this runs on into the next one: part of a sentence, not a date line.
_RUNS_ON = (",", "-", "–", "—", "/", ":", ";")
# Under a line, these make it a Markdown (setext) heading: a blank line would undo that.
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def _isolate_date_line(body: str, config: Config) -> tuple[str, list[int]]:
    """``body`` with blank lines around a date line among its first lines, so that a date line
    written directly above (or below) other text ("June 15, 2014" then the first paragraph, no
    blank line between) stays a line of its own instead of being joined into that paragraph.

    Returns the new body and the (0-based) numbers of the lines added, to map line numbers back.
    """
    lines = body.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > DATE_LINE_WINDOW:
            break
        if not _is_lone_date_line(line, config):
            continue
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if _SETEXT_UNDERLINE.match(after):
            break
        added = []
        if after.strip():
            lines.insert(index + 1, "")
            added.append(index + 1)
        if index > 0 and lines[index - 1].strip():
            lines.insert(index, "")
            added = [index] + [n + 1 for n in added]
        return "\n".join(lines), added
    return body, []


def _is_lone_date_line(line: str, config: Config) -> bool:
    """A source line that is a date line, emphasis markers aside ("*June 15, 2014*")."""
    plain = line.strip().strip("*_").strip()
    return not plain.endswith(_RUNS_ON) and parse_date_line(plain, config) is not None


def _mark_date_line(text: str, blocks: list[Block], config: Config) -> list[Block]:
    """Mark a date line among the first paragraphs as kind 'dateline' (not an event)."""
    for index, block in enumerate(blocks[:DATE_LINE_WINDOW]):
        if block.kind in ("paragraph", "heading") and parse_date_line(
            text[block.start:block.end], config
        ):
            marked = Block("dateline", block.start, block.end, 0, block.inline)
            return [*blocks[:index], marked, *blocks[index + 1:]]
    return blocks


def parse_date_line(line: str, config: Config) -> dt.date | dt.datetime | None:
    """The date of a line that is a date and nothing else ("Sunday, 15 June 2014"), or None."""
    line = line.strip()
    if not (6 <= len(line) <= 60) or not re.search(r"\b\d{4}\b", line):
        return None
    if not _DATE_LINE_CHARS.match(line):
        return None
    words = re.findall(r"[A-Za-z]+", line)
    if any(word.lower().rstrip(".") not in _DATE_WORDS for word in words):
        return None
    return _front_matter_date(_DATE_LINE_PREFIX.sub("", line), config)


def _file_name_date(path: Path) -> dt.date | None:
    match = _FILENAME_DATE.match(path.name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
