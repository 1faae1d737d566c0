"""Progress of long work: a bar on a terminal, silence elsewhere, one summary line at the end.

One job: report how far a loop over a known number of items has got. On a terminal the bar is
redrawn in place (at most ten times a second, so a fast loop is not slowed by its own output);
in a pipe, a log file or CI nothing is written per item, so logs stay readable. Messages written
through :meth:`Progress.echo` appear above the bar without tearing it. ``enabled=False`` is the
quiet mode: no bar, only the summary.

    with Progress(len(urls), "Importing") as progress:
        for url in urls:
            ...
            progress.advance(note=url)
        progress.close("Imported 3 articles")

Work done in stages (a build reads articles, builds events, writes pages) reports through
:class:`Stages`: one bar at a time, each stage's replacing the last.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

#: Seconds between two redraws of the bar; the last state is always drawn.
REDRAW_INTERVAL = 0.1
_BAR_WIDTH = 24


class Progress:
    """A progress reporter for ``total`` items, written to ``stream`` (standard error).

    ``enabled`` defaults to whether ``stream`` is a terminal: pass ``False`` for a quiet mode.
    """

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total = max(int(total), 0)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self._note = ""
        self._drawn = False  # whether the bar is on screen (and must be cleared before a line)
        self._last_draw = float("-inf")
        self._closed = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def advance(self, step: int = 1, note: str = "") -> None:
        """Count ``step`` more items done; ``note`` (e.g. the current item) is shown on the bar."""
        self.done = min(self.done + step, self.total) if self.total else self.done + step
        self._note = note
        now = time.monotonic()
        if self.enabled and (now - self._last_draw >= REDRAW_INTERVAL or self.done >= self.total):
            self._draw(now)

    def echo(self, line: str, stream: TextIO | None = None) -> None:
        """Write ``line`` (to ``stream``, default the progress stream) above the bar."""
        self._clear()
        target = stream if stream is not None else self.stream
        target.write(line + "\n")
        target.flush()
        if self.enabled and not self._closed and self.done < self.total:
            self._draw(time.monotonic())

    def close(self, summary: str | None = None, stream: TextIO | None = None) -> None:
        """Remove the bar and write ``summary`` (to ``stream``, default the progress stream)."""
        self._clear()
        self._closed = True
        if summary:
            target = stream if stream is not None else self.stream
            target.write(summary + "\n")
            target.flush()

    def render(self, width: int) -> str:
        """The bar as one line of at most ``width`` characters (without control codes)."""
        count = f"{self.done}/{self.total}" if self.total else str(self.done or "")
        if self.total:
            filled = round(_BAR_WIDTH * self.done / self.total)
            bar = "[" + "#" * filled + "-" * (_BAR_WIDTH - filled) + "]"
        else:
            bar = ""
        head = " ".join(part for part in (self.label, bar, count) if part)
        room = width - len(head) - 1
        note = _shorten(self._note, room) if room > 3 and self._note else ""
        return f"{head} {note}".rstrip()[:width]

    def _draw(self, now: float) -> None:
        if self._closed:
            return
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        # \r back to the line start, the bar, then clear to the end of line (ESC [ K).
        self.stream.write("\r" + self.render(width) + "\x1b[K")
        self.stream.flush()
        self._drawn = True
        self._last_draw = now

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


class Stages:
    """Progress of work in stages: :meth:`stage` starts one (its bar replaces the previous
    stage's), :meth:`advance` counts an item of it. Same modes as :class:`Progress`: a bar on a
    terminal, nothing per item elsewhere, ``enabled=False`` for quiet; :meth:`echo` writes a
    line above the bar and :meth:`close` the summary."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self._bar = Progress(0, stream=self.stream, enabled=False)

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage of ``total`` items (0: a stage whose items are not counted)."""
        self._bar.close()
        self._bar = Progress(total, label, self.stream, self.enabled)
        self._bar.advance(0)  # show the stage at once, before its first item is done

    def advance(self, note: str = "") -> None:
        self._bar.advance(note=note)

    def echo(self, line: str, stream: TextIO | None = None) -> None:
        self._bar.echo(line, stream)

    def close(self, summary: str | None = None, stream: TextIO | None = None) -> None:
        self._bar.close(summary, stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _shorten(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters, cut in the middle (both ends of a URL matter)."""
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    half = (room - 1) // 2
    return text[:half] + "…" + text[len(text) - (room - 1 - half):]
