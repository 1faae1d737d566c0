"""The text of each output page, kept in memory between builds by a hash of its inputs, so a
rebuild re-renders only the pages whose inputs changed (the preview server and one process's
repeated builds; see :mod:`timeline.site.pagememo` for the keys)."""

from __future__ import annotations

import threading
from typing import Any


class PageMemo:
    """Output text by page, remembered with the key (a hash of its inputs) it was made from.

    One entry per slot (a stage and a page path): a new text for a page replaces the old one,
    and :meth:`sweep` drops the entries a build did not use (deleted articles), so memory stays
    bounded by the size of one site. The key must cover everything the text depends on; a
    stale key is only a miss.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[Any, str]] = {}
        self._used: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def get(self, slot: tuple[str, str], key: Any) -> str | None:
        with self._lock:
            self._used.add(slot)
            entry = self._entries.get(slot)
        return entry[1] if entry is not None and entry[0] == key else None

    def entry(self, slot: tuple[str, str]) -> tuple[Any, str] | None:
        """The slot's (key, text), for keys that are only known after making the text."""
        with self._lock:
            self._used.add(slot)
            return self._entries.get(slot)

    def put(self, slot: tuple[str, str], key: Any, text: str) -> None:
        with self._lock:
            self._used.add(slot)
            self._entries[slot] = (key, text)

    def sweep(self) -> None:
        """Forget the pages that no build used since the previous sweep."""
        with self._lock:
            self._entries = {s: e for s, e in self._entries.items() if s in self._used}
            self._used = set()

    def __len__(self) -> int:
        return len(self._entries)
