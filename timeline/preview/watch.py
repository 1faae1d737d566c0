"""Watch a project's sources and report each burst of changes once.

Native file-system events by default (inotify, FSEvents...), watchdog's polling observer with
``poll=True`` for Docker volumes and network mounts where native events never arrive. Editor swap
and backup files are ignored, and a burst of events (autosave, ``git checkout``, an editor's
write-to-temp-then-rename) is debounced into one callback after a short quiet window.
"""

from __future__ import annotations

import errno
import fnmatch
import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

#: File names editors write next to the files they edit; they never change the site.
#: ``4913`` is the file vim creates to test whether it may write in a folder.
IGNORED_NAMES = (".*.swp", ".*.swx", ".*.swo", "*~", ".#*", "#*#", "*.bak", ".DS_Store",
                 "4913", "*.tmp", ".~lock.*#", "*.crdownload")
#: Folders whose content never affects the build.
IGNORED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".timeline-cache",
                          "node_modules", ".pytest_cache", ".ruff_cache"})
#: Event kinds that mean a file's content or presence changed (not opened/closed-after-reading:
#: those fire whenever the build itself reads a file and would loop forever).
CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved"})


def is_ignored(path: str | Path) -> bool:
    """True for editor swap/backup files and files inside version-control or cache folders."""
    path = Path(path)
    if any(part in IGNORED_DIRS for part in path.parts[:-1]):
        return True
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in IGNORED_NAMES)


def _is_empty_file(path: Path) -> bool:
    try:
        return path.stat().st_size == 0 and path.is_file()
    except OSError:
        return False


class Debouncer:
    """Collects paths and calls ``callback(paths)`` once no new path came for ``quiet`` seconds.

    A continuous stream of changes still triggers a callback every ``max_wait`` seconds, so a
    long ``git checkout`` does not hold the preview back forever. A changed file that is empty
    when the window ends holds the batch back by one more window (up to ``max_wait``): it is
    usually an editor's save caught between truncating the file and writing it. Callbacks run
    one at a time on the debouncer's own thread; paths arriving meanwhile go to the next
    callback.
    """

    def __init__(self, callback: Callable[[set[Path]], None], quiet: float = 0.1,
                 max_wait: float = 2.0) -> None:
        self.callback = callback
        self.quiet = quiet
        self.max_wait = max_wait
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="timeline-debounce", daemon=True)
        self._thread.start()

    def add(self, paths: Iterable[Path]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            try:
                self.callback(batch)
            except Exception as exc:  # noqa: BLE001 - the watcher must survive a failing callback
                print(f"error: while handling file changes: {exc!r} (the preview goes on "
                      "watching; please report this)")

    def _next_batch(self) -> set[Path] | None:
        with self._cond:
            while not self._closed:
                if not self._pending:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + self.max_wait)
                if now >= due and now < self._first + self.max_wait and any(
                        _is_empty_file(path) for path in self._pending):
                    # an editor that saves in place truncates the file first: building now
                    # would report an empty article for a moment, so give it one more window
                    self._last = now
                    continue
                if now >= due:
                    batch, self._pending = self._pending, set()
                    return batch
                self._cond.wait(due - now)
            return None


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed; that file's own event is what matters
        paths = [event.src_path]
        if getattr(event, "dest_path", ""):
            paths.append(event.dest_path)
        relevant = [Path(_text(p)) for p in paths if self.watcher.is_relevant(Path(_text(p)))]
        if event.is_directory and event.event_type == "created":
            self.watcher.watch_new_folder(Path(_text(event.src_path)))
        if relevant:
            self.watcher.debouncer.add(relevant)


def _text(path: str | bytes) -> str:
    return path.decode() if isinstance(path, bytes) else path


class _WatchLimitAlarm(logging.Handler):
    """Hears watchdog say that a folder created while watching could not be watched (the
    system's inotify watch or instance limit): changes there would go unseen, so the watcher
    falls back to polling."""

    def __init__(self, watcher: Watcher) -> None:
        super().__init__(logging.WARNING)
        self.watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        error = next((a for a in args if isinstance(a, OSError)), None)
        if error is not None and error.errno in (errno.ENOSPC, errno.EMFILE):
            path = next((Path(_text(a)) for a in args if isinstance(a, (str, bytes))), None)
            if path is None or self.watcher.is_relevant(path):
                self.watcher.fall_back_to_polling(error, path)


class Watcher:
    """Watches ``folders`` recursively and ``files`` (each via its parent folder, not recursively).

    Paths inside ``exclude`` folders (the output, the cache) are never reported. If native
    watching runs out of system resources while running (a folder created later cannot be
    watched), the watcher switches to polling by itself and calls ``on_fallback(message)``
    once.
    """

    def __init__(self, callback: Callable[[set[Path]], None], *, folders: Iterable[Path],
                 files: Iterable[Path] = (), exclude: Iterable[Path] = (), poll: bool = False,
                 quiet: float = 0.1, poll_interval: float = 0.5,
                 on_fallback: Callable[[str], None] | None = None) -> None:
        self.folders = [Path(f).resolve() for f in folders]
        self.files = {Path(f).resolve() for f in files}
        self.exclude = [Path(e).resolve() for e in exclude]
        self.debouncer = Debouncer(callback, quiet=quiet)
        self.poll = poll
        self.poll_interval = poll_interval
        self.on_fallback = on_fallback or (lambda _message: None)
        self._handler = _Handler(self)
        self._scheduled: set[Path] = set()
        self._alarm = _WatchLimitAlarm(self)
        self._switch = threading.Lock()
        self._stopped = False
        self.observer = self._observer(poll)

    def _observer(self, poll: bool):
        observer = PollingObserver(timeout=self.poll_interval) if poll else Observer()
        self._scheduled = set()
        for folder in self.folders:
            if folder.is_dir():
                observer.schedule(self._handler, str(folder), recursive=True)
                self._scheduled.add(folder)
        # The parents of watched files also catch watched folders created later (templates/).
        for parent in {f.parent for f in self.files} - set(self.folders):
            if parent.is_dir():
                observer.schedule(self._handler, str(parent), recursive=False)
        return observer

    def fall_back_to_polling(self, error: OSError, path: Path | None = None) -> None:
        """Replace native watching by polling (once), then rebuild once: changes made while
        a folder went unwatched are picked up."""
        with self._switch:
            if self.poll or self._stopped:
                return
            self.poll = True
        where = f" at {path}" if path is not None else ""
        self.on_fallback(f"native file watching stopped ({error.strerror or error}{where}); "
                         "polling for changes instead")
        # Not on watchdog's own thread, which the old observer's stop() joins.
        threading.Thread(target=self._swap_to_polling, name="timeline-watch-fallback",
                         daemon=True).start()

    def _swap_to_polling(self) -> None:
        old = self.observer
        old.stop()
        if old.is_alive() and old is not threading.current_thread():
            old.join(timeout=10)
        with self._switch:
            if self._stopped:
                return
            self.observer = self._observer(poll=True)
            self.observer.start()
        self.debouncer.add(self.folders)

    def watch_new_folder(self, path: Path) -> None:
        """Start watching a watched folder that did not exist when the watcher started."""
        path = path.absolute()
        if path in self.folders and path not in self._scheduled and path.is_dir():
            self._scheduled.add(path)
            try:
                self.observer.schedule(self._handler, str(path), recursive=True)
            except OSError as exc:
                if exc.errno not in (errno.ENOSPC, errno.EMFILE):
                    raise
                self.fall_back_to_polling(exc, path)

    def is_relevant(self, path: Path) -> bool:
        path = Path(path).absolute()
        if is_ignored(path):
            return False
        if any(path == e or e in path.parents for e in self.exclude):
            return False
        if path in self.files:
            return True
        return any(folder == path or folder in path.parents for folder in self.folders)

    def start(self) -> None:
        self.observer.start()
        if not self.poll:
            _WATCHDOG_LOG.addHandler(self._alarm)

    def stop(self) -> None:
        _WATCHDOG_LOG.removeHandler(self._alarm)
        with self._switch:
            self._stopped = True
            observer = self.observer
        observer.stop()
        if observer.is_alive():
            observer.join(timeout=10)
        self.debouncer.close()


#: Where watchdog reports a folder it could not watch while running.
_WATCHDOG_LOG = logging.getLogger("watchdog.observers.inotify")
