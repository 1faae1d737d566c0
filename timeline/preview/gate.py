"""Requests and builds take turns: no page is ever served from a half-written site."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator


class BuildGate:
    """Readers (requests) and one builder: requests wait while a build runs, and a build
    starts only once the requests already reading files have finished."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._building = False

    @contextlib.contextmanager
    def reading(self, timeout: float = 120.0) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._building, timeout)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._building)
            self._building = True
            self._cond.wait_for(lambda: self._readers == 0, 30.0)
        try:
            yield
        finally:
            with self._cond:
                self._building = False
                self._cond.notify_all()
