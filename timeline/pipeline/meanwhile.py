"""A job run on a thread while the building thread does other work, or later in that thread.

The exports (events.json, the feeds) need the whole timeline but no page; with source pages
rendered by worker processes, the building process writes them on a thread once its own
pages are done, while it keeps the workers fed and renders the source pages they have no
room for (:func:`timeline.site.render.render_site`'s ``meanwhile``): the second core no longer
waits through the exports alone. Both threads share the one interpreter lock, so this process
does the same work as before, only at a time when the workers still have pages to render.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Meanwhile:
    """``job`` run once: on a thread from :meth:`start`, or in :meth:`finish` if never
    started. :meth:`finish` waits for it and raises what it raised."""

    def __init__(self, job: Callable[[], object]) -> None:
        self._job = job
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._ran = False

    def start(self) -> None:
        if self._thread is None and not self._ran:
            self._thread = threading.Thread(target=self._run, name="timeline-meanwhile",
                                            daemon=True)
            self._thread.start()

    def finish(self) -> None:
        """Run the job here if it was not started, else wait for it; raise its error."""
        if self._thread is None and not self._ran:
            self._run()
        self.wait()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def wait(self) -> None:
        """Wait for a started job to end (before its output folder is removed, say)."""
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        self._ran = True
        try:
            self._job()
        except BaseException as exc:  # noqa: BLE001 - raised again by finish(), in the builder
            self._error = exc
