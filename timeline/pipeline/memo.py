"""A pure function's values by argument, kept from one build to the next.

The collection-wide stages compute some things per sentence that depend on that sentence
alone (its normalised form for merging, its term weights for the topic, whether its clause
looks ahead): a rebuild sees almost all the same sentences again. A :class:`Memo` remembers
those values; it keeps only what the last build asked for, so it never grows past one
collection. Part of :class:`timeline.pipeline.collection.CollectionState` (pickled with it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class Memo:
    """``memo.get(key, compute)`` is ``compute(key)``, remembered. :meth:`begin` starts a
    build: what the previous build did not ask for is forgotten at the next one."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, Any] = {}  # the previous build's values
        self._fresh: dict[Hashable, Any] = {}  # this build's

    def get(self, key: Hashable, compute: Callable[[Any], Any]) -> Any:
        value = self._fresh.get(key, _MISSING)
        if value is _MISSING:
            value = self._kept.get(key, _MISSING)
            if value is _MISSING:
                value = compute(key)
            self._fresh[key] = value
        return value

    def function(self, compute: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """``compute`` remembered through this memo, as a one-argument function."""
        get = self.get
        return lambda key: get(key, compute)

    def begin(self) -> None:
        """A new build starts: the last one's values are the ones kept."""
        if self._fresh:
            self._kept, self._fresh = self._fresh, {}

    def __len__(self) -> int:
        return len(self._fresh or self._kept)

    def __getstate__(self) -> dict:
        return {"_kept": self._fresh or self._kept, "_fresh": {}}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
