"""Pages kept from the previous build: a page made from the same inputs is linked, not rendered.

A build records, for each source page it writes, a key of what the page was made from (the
inputs its renderer digests, the ``site`` values its templates read, and what finishing adds:
head tags, asset names, the site's path) and the stat of the file it wrote. The next build
computes the key again before rendering; when it is the same and the previous site still holds
that very file (same inode, size and modification time), the file is hard-linked into the new
site (copied where links are not possible) instead of being rendered, finished and written.
That makes a one-article rebuild render the pages that article touches, not every source page,
also in a ``timeline build`` run that starts with nothing in memory.

The record lives in the cache folder (``pages.index``; the preview server keeps its own in
its temporary folder) and names the site folder it describes
and the code that made it (a page made by other code is never reused); it is written after
the new site is in place. A damaged or missing record, a moved output
folder or a page changed by hand only costs rendering again.
"""

from __future__ import annotations

import os
import pickle
import shutil
import threading
from pathlib import Path
from typing import Any

from timeline.pipeline.cache import read_if_possible, write_if_possible

#: Bumped when the record's layout changes; an older record is then ignored.
RECORD_FORMAT = 1


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a written page is changed or replaced: inode, size, modification
    time (not the change time: linking a file into the next site changes that)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class KeptPages:
    """The previous build's page keys (read from ``record``) and this build's (saved by
    :meth:`save` once the new site is in place at ``site``)."""

    def __init__(self, record: Path, site: Path) -> None:
        self.record, self.site = record, site
        self._previous: dict[str, tuple[Any, tuple]] | None = None
        self._current: dict[str, tuple[Any, tuple]] = {}
        self._lock = threading.Lock()
        self.linked = 0  # pages linked from the previous site in this build
        self._folders: set[Path] = set()  # folders of the staging site made so far

    def _header(self) -> bytes:
        from timeline.pipeline.cache import code_fingerprint

        return f"timeline-pages {RECORD_FORMAT} {code_fingerprint()} {self.site}\n".encode()

    def _loaded(self) -> dict[str, tuple[Any, tuple]]:
        if self._previous is None:
            # a damaged record only costs rendering again
            self._previous = read_if_possible(self.record, self._header())
        return self._previous

    def previous_key(self, rel: str) -> Any | None:
        """The key the previous build recorded for the page at site path ``rel``."""
        with self._lock:
            entry = self._loaded().get(rel)
        return entry[0] if entry is not None else None

    def previous_file(self, rel: str) -> Any | None:
        """The key the previous build recorded for its file ``rel``, if the previous site still
        holds that very file (for an export's slices: :mod:`timeline.site.slices`)."""
        with self._lock:
            entry = self._loaded().get(rel)
        if entry is None or _stamp(self.site / rel) != entry[1]:
            return None
        return entry[0]

    def link(self, rel: str, key: Any, staging: Path) -> bool:
        """Put the previous site's page ``rel`` into ``staging`` if it was made with ``key``
        and is still the file that build wrote; False when it must be rendered."""
        with self._lock:
            entry = self._loaded().get(rel)
        if entry is None or entry[0] != key:
            return False
        source = self.site / rel
        if _stamp(source) != entry[1]:
            return False
        target = staging / rel
        try:
            if target.parent not in self._folders:  # one mkdir per folder, not per page
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            try:
                os.link(source, target)
                stamp = entry[1]  # a hard link is the very file: same inode, size and time
            except OSError:
                shutil.copy2(source, target)  # another file system, or no links there
                stamp = _stamp(target) or entry[1]
        except OSError:
            return False
        with self._lock:
            self._current[rel] = (key, stamp)
            self.linked += 1
        return True

    def wrote(self, rel: str, key: Any, target: Path) -> None:
        """Record that this build wrote page ``rel`` (now at ``target``) from ``key``."""
        stamp = _stamp(target)
        if stamp is not None:
            with self._lock:
                self._current[rel] = (key, stamp)

    def save(self) -> None:
        """Write this build's record (call once its site is in place)."""
        header = self._header()
        with self._lock:
            data = header + pickle.dumps(self._current, protocol=pickle.HIGHEST_PROTOCOL)
        write_if_possible(self.record, data)

    def forget(self) -> None:
        """Remove the record (a build that cannot keep it true, e.g. it failed midway)."""
        self.record.unlink(missing_ok=True)
