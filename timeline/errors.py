"""Errors and warnings that name the file (and line) at fault and say how to fix it.

Nothing in the pipeline lets a traceback reach the user: problems with input become
:class:`Diagnostic` records, collected in a :class:`Diagnostics` list and printed as one line each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``, ``\\n``): a file
    named with ANSI or OSC sequences must not recolour, retitle or rewrite the terminal, and
    a line break in a name must not split a one-line message."""
    return _UNPRINTABLE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"),
                            text)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem with the input."""

    level: str  # "error" or "warning"
    message: str
    path: Path | str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{self.level}: {where}{self.message}{hint}")


class TimelineError(Exception):
    """A problem that stops the current command; its text is shown to the user as is."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.diagnostic = Diagnostic("error", message, path, line, hint)
        super().__init__(str(self.diagnostic))


@dataclass
class Diagnostics:
    """The warnings and errors of one build, in the order they were found."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, message: str, path: Path | str | None = None, line: int | None = None,
             hint: str | None = None) -> None:
        self.items.append(Diagnostic("warning", message, path, line, hint))

    def error(self, message: str, path: Path | str | None = None, line: int | None = None,
              hint: str | None = None) -> None:
        self.items.append(Diagnostic("error", message, path, line, hint))

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]
