"""An export's per-event texts kept between builds as slices of the previous build's file.

events.json holds one indented JSON text per event, and after a one-article edit nearly all
of them are the same as in the previous build. Converting and indenting them again was most of
the exports' time in a rebuild (the standard library indents JSON in pure Python). So a build
notes where each event's text lies in the file it writes (offset and length, by a hash of what
the text is made from), and the next build copies the bytes of every unchanged event from the
previous site's file instead of making them again. The file written is the same, byte for
byte, as a build from nothing writes.

The notes are kept with the kept pages' record (:class:`timeline.site.keptpages.KeptPages`),
which also holds the stat of the file they describe: a previous file changed or replaced since
(by hand, or by another build) is not read, and every text is made again.
"""

from __future__ import annotations

import hashlib
import mmap
from pathlib import Path


def slice_key(made_from: bytes) -> bytes:
    """A short key of what a text is made from (the record holds one per event)."""
    return hashlib.blake2b(made_from, digest_size=16).digest()


class Slices:
    """The previous build's texts of the export at site path ``rel`` (when ``kept`` has a
    record of it and the file is unchanged), and the notes of the file being written."""

    def __init__(self, kept, rel: str) -> None:
        self.kept, self.rel = kept, rel
        self._where: dict[bytes, tuple[int, int]] = {}
        self._old: mmap.mmap | None = None
        self.made: dict[bytes, tuple[int, int]] = {}  # this build's notes
        self.reused = 0
        notes = kept.previous_file(rel) if kept is not None else None
        if isinstance(notes, dict) and notes:
            try:
                with open(kept.site / rel, "rb") as old:
                    self._old = mmap.mmap(old.fileno(), 0, access=mmap.ACCESS_READ)
                self._where = notes
            except (OSError, ValueError):
                self._old = None

    def get(self, key: bytes) -> bytes | None:
        """The previous file's bytes of the text made from what ``key`` says, if it had one."""
        where = self._where.get(key)
        if where is None or self._old is None:
            return None
        offset, length = where
        if offset + length > len(self._old):
            return None
        self.reused += 1
        return self._old[offset:offset + length]

    def note(self, key: bytes, offset: int, length: int) -> None:
        """The text made from ``key`` is at ``offset`` (bytes) in the file being written."""
        self.made[key] = (offset, length)

    def close(self, target: Path) -> None:
        """The file is written at ``target``: record its notes for the next build."""
        if self._old is not None:
            self._old.close()
            self._old = None
        if self.kept is not None:
            self.kept.wrote(self.rel, self.made, target)
