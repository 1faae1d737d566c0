"""The blocks of an article's plain text, and the paragraphs of a ``.txt`` file.

One job: join block texts into :attr:`Article.text` with a separator between them, each block's
inline formatting (:class:`InlineSpan`) shifted to offsets in that text; and cut a plain-text
body into its paragraphs (hard-wrapped prose joined, long lines kept apart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.model import Block

#: Blocks kept apart between paragraphs in Article.text, so no sentence spans two blocks.
BLOCK_SEPARATOR = "\n\n"

#: Lines at most this long in a blank-line-separated chunk are read as hard-wrapped prose.
WRAP_WIDTH = 100


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """Inline formatting in plain-text coordinates: ``kind`` is em, strong, code or link."""

    kind: str
    start: int
    end: int
    href: str | None = None


def text_blocks(body: str) -> tuple[str, list[Block]]:
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
    return join_blocks([("paragraph", 0, p, ()) for p in paragraphs])


def _collapse(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def join_blocks(parts: list[tuple[str, int, str, tuple]]) -> tuple[str, list[Block]]:
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
