"""A markdown-it parser that keeps the text nested too deep to parse, as plain paragraphs.

One job: where markdown-it's nesting limit would silently drop the rest of a quote or list,
push those lines as paragraphs and note the first of them in ``env`` (:data:`TOO_DEEP`), so the
loader keeps the text and warns about it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block.state_block import StateBlock

#: Key in the markdown-it ``env`` for the first body line (0-based) nested too deep to parse.
TOO_DEEP = "timeline_too_deep"

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
            state.env.setdefault(TOO_DEEP, line)
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


def salvaging_markdown(preset: str) -> MarkdownIt:
    """A markdown-it parser for ``preset`` whose block parser keeps over-nested text."""
    md = MarkdownIt(preset)
    configured, md.block = md.block, _SalvagingBlockParser()
    md.block.ruler = configured.ruler  # the block rules as the preset set them up
    return md
