"""The blocks of a Markdown body, with their inline formatting in plain-text coordinates.

One job: turn Markdown into paragraphs, headings, quotes, list items and code blocks of plain
text, each with its emphasis, code and links as :class:`~timeline.ingest.blocks.InlineSpan`
records; raw HTML stays text. A body without any Markdown syntax skips markdown-it and gives
the same blocks.
"""

from __future__ import annotations

import re

from timeline.errors import Diagnostics
from timeline.ingest.blocks import InlineSpan, join_blocks
from timeline.ingest.mdnesting import salvaging_markdown
from timeline.model import Block

_md = salvaging_markdown("js-default")  # raw HTML off: article HTML is shown as text, never run

_BLOCK_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading"}


def warn_too_deep(raw: str, body: str, body_line: int, shown: str,
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


def markdown_blocks(body: str, env: dict | None = None) -> tuple[str, list[Block]]:
    """Blocks of a Markdown body; markdown-it's notes (see :data:`TOO_DEEP`) go to ``env``.

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
    return join_blocks(parts)


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
    return join_blocks(parts)


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
