"""Incremental build cache: remember each article's processing result by what it depends on.

``process_article(path, config)`` (load + tag + build events) is pure, so its result is a
function of the file's bytes, the tagger (``TAGGER_VERSION``), the code of the package and the
settings that affect it. :class:`ArticleCache` memoises it under a key made of exactly those,
in memory (for the preview server) and optionally on disk in ``.timeline-cache/`` (so
``timeline build`` speeds up too). Each hit returns a fresh copy: later pipeline stages mutate
events (merge, status, annotations) and must never change what the cache holds.

A cache entry that cannot be read (corrupted, truncated, written by another version) is a miss,
never an error: the article is processed again and the entry rewritten.

Unchanged files are known by their stat (device, inode, size, modification and change times)
from the previous build (:class:`Stamps`): their bytes are neither read nor hashed again, only
the files whose stat changed are. A file modified within two seconds of being recorded is not
trusted by its stat (a second write in the same clock tick may keep size and times): it is
read and hashed again next time.

The cache also carries a :class:`~timeline.pipeline.pagetexts.PageMemo` (in memory only): the
text of each output page by a hash of what it was made from, so a rebuild re-renders only the
pages whose inputs changed. Hits are copied by :func:`~timeline.pipeline.copies.fresh_copy`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat as statmode
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from timeline.config import Config
from timeline.pipeline.copies import fresh_copy
from timeline.pipeline.digest import dumps as fast_dumps
from timeline.pipeline.pagetexts import PageMemo

#: Bumped when the layout of cache entries changes; old entries are then ignored.
CACHE_FORMAT = 2  # 2: dataclasses pickled as (class, field values), see timeline.pipeline.digest
#: Folder of the on-disk cache, relative to the project root (git-ignored).
CACHE_DIR = ".timeline-cache"
#: Settings that only affect later stages (merge, render, publish), never one article's result.
#: Any other setting - including ones added later - is part of the key, to err on the safe side.
IRRELEVANT_SETTINGS = frozenset({
    "root", "title", "description", "base_url", "output_dir", "templates_dir",
    "merge_threshold", "annotations_file", "jobs", "scheduler", "key_events",
    "topic", "keywords",
})

_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """A hash of the package's source, so results cached by older code are never reused.

    ``TAGGER_VERSION`` covers deliberate tagger changes; this also covers loader and event
    changes made without a version bump (the common case while developing).
    """
    global _code_fingerprint
    if _code_fingerprint is None:
        from timeline.temporal import TAGGER_VERSION

        digest = hashlib.sha256(f"{CACHE_FORMAT}:{TAGGER_VERSION}".encode())
        for name, source in package_sources():
            digest.update(name.encode())
            digest.update(source.read_bytes())
        _code_fingerprint = digest.hexdigest()
    return _code_fingerprint


def package_sources() -> list[tuple[str, Path]]:
    """Every Python file of the ``timeline`` package (loader, tagger, events: all of them can
    change a cached result), by its name within the package."""
    package = Path(__file__).resolve().parents[1]
    return [(source.relative_to(package).as_posix(), source)
            for source in sorted(package.rglob("*.py"))]


def settings_fingerprint(config: Config) -> str:
    """The settings that can change one article's result, as a stable string."""
    relevant = sorted(
        (f.name, repr(getattr(config, f.name)))
        for f in fields(config) if f.name not in IRRELEVANT_SETTINGS
    )
    return repr(relevant)


@dataclass
class CacheStats:
    """How many articles were served from the cache and how many were processed."""

    hits: int = 0
    misses: int = 0


class ArticleCache:
    """Memoises ``process_article`` per article; thread-safe.

    ``directory=None`` keeps entries in memory only. Use :meth:`for_project` for the standard
    on-disk cache of a project.
    """

    def __init__(self, directory: Path | None = None, *, in_memory: bool = True) -> None:
        self.directory = directory
        #: keep entries in memory too (for a process that builds again, like the preview
        #: server); a one-shot ``timeline build`` only needs the disk.
        self.in_memory = in_memory or directory is None
        self.stats = CacheStats()
        self._memory: dict[str, Any] = {}  # key -> pickle, or the result once unpickled
        self._slot_keys: dict[str, str] = {}  # article slot -> its latest key in memory
        self._on_disk: dict[str, set[str]] | None = None  # slot -> keys on disk, once listed
        self._lock = threading.Lock()
        #: rendered pages, shared by the builds that use this cache (see build_site); only
        #: worth their memory in a process that builds again
        self.pages = PageMemo() if self.in_memory else None
        self.stamps = Stamps(directory / STAMPS_FILE if directory is not None else None)
        #: where builds through this cache record their pages' keys, so the next build can
        #: keep the unchanged ones (timeline.site.keptpages); None: pages are not kept. The
        #: preview server points it into its own folder, so it leaves the record of
        #: ``timeline build``'s site alone.
        self.pages_record = directory.parent / PAGES_RECORD if directory is not None else None
        self._collection = None  # the CollectionState, once a build asked for it

    @property
    def collection(self):
        """The collection-wide state the builds through this cache keep
        (:class:`timeline.pipeline.collection.CollectionState`): read from the cache folder
        the first time, then kept in memory for the next build of this process."""
        from timeline.pipeline.collection import CollectionState

        if self._collection is None:
            self._collection = CollectionState.load(self.collection_path)
        return self._collection

    @property
    def collection_path(self) -> Path | None:
        """Where :attr:`collection` is kept between processes (None: in memory only)."""
        from timeline.pipeline.collection import STATE_FILE

        return self.directory.parent / STATE_FILE if self.directory is not None else None

    def save_collection(self, *, now: bool = False) -> None:
        """Write :attr:`collection` for the next ``timeline build`` (if it was used). A cache
        that keeps entries in memory (a process that builds again: the preview server) keeps
        the state in memory and writes it only when told ``now`` (when it stops, say): the
        file is tens of megabytes for a large collection, too slow to write at each reload,
        and an older file is still right to start from."""
        if self._collection is not None and (now or not self.in_memory):
            self._collection.save(self.collection_path)
        if not self.in_memory:
            # A one-shot build has no further use for it: rendering gets its memory (at
            # 10,000 articles the state is about 100 MB). Asked again, it is read again.
            self._collection = None

    @classmethod
    def for_project(cls, config: Config, *, in_memory: bool = True) -> ArticleCache:
        return cls(config.root / CACHE_DIR / "articles", in_memory=in_memory)

    def key(self, path: Path, config: Config) -> str:
        """The cache key of the article at ``path`` (see :meth:`key_for`)."""
        return self.key_for(path, Path(path).read_bytes(), config)

    def key_for(self, path: Path, data: bytes, config: Config,
                stamp: tuple | None = None) -> str:
        """The cache key of the article at ``path`` whose bytes are ``data``: ``<slot>-<digest>``.

        The digest covers content hash + code + settings + path; the slot names the article
        file alone, so a new entry for an article replaces its older ones (the cache holds
        one entry per article instead of one per edit). ``stamp`` is the file's stat taken
        before ``data`` was read (:func:`file_stamp`): it is remembered with the content hash,
        so the next build can skip reading the file while its stat is unchanged.
        """
        content = hashlib.sha256(data).hexdigest()
        where = where_of(path, config)
        if stamp is not None:
            self.stamps.record(where, stamp, content)
        return _key(where, content, config)

    def unchanged(self, path: Path, config: Config) -> tuple[Any | None, tuple | None]:
        """The cached result of ``path`` if its stat is the one recorded with a cached entry
        (the file is then neither read nor hashed), else None; and the file's stat, to pass
        to :meth:`key_for` once the file was read (None if it cannot be taken)."""
        found, stamp, _key_found = self.unchanged_entry(path, config)
        return found, stamp

    def unchanged_entry(self, path: Path,
                        config: Config) -> tuple[Any | None, tuple | None, str | None]:
        """:meth:`unchanged`, with the key of the entry found (None with no entry)."""
        stamp = file_stamp(path)
        if stamp is None:
            return None, None, None
        where = where_of(path, config)
        content = self.stamps.content_of(where, stamp)
        if content is None:
            return None, stamp, None
        key = _key(where, content, config)
        found = self._lookup(key)
        if found is None:
            return None, stamp, None
        self.stats.hits += 1
        return found, stamp, key

    def content_hash(self, path: str | Path, config: Config) -> str | None:
        """The SHA-256 of the file at ``path`` as recorded by a build that read it, if its stat
        is still the one recorded then (the file was not changed since), else None."""
        stamp = file_stamp(path)
        if stamp is None:
            return None
        return self.stamps.content_of(where_of(path, config), stamp)

    def get(self, path: Path, config: Config,
            compute: Callable[[Path, Config], Any] | None = None) -> Any:
        """``compute(path, config)``'s result, from the cache when the inputs are unchanged.

        ``compute`` defaults to :func:`timeline.pipeline.build.process_article`. If the file
        cannot be read, ``compute`` runs uncached so it reports the problem in its usual way.
        """
        if compute is None:
            from timeline.pipeline.build import process_article as compute
        try:
            key = self.key(path, config)
        except OSError:
            return compute(path, config)
        cached = self.lookup(key)
        if cached is not None:
            return cached
        result = compute(path, config)
        self.store(key, result)
        return result

    __call__ = get

    def lookup(self, key: str) -> Any | None:
        """A fresh copy of the result stored under ``key`` (a hit), or None (a miss)."""
        cached = self._lookup(key)
        if cached is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return cached

    def store(self, key: str, result: Any) -> None:
        """Remember ``result`` under ``key``: the object, or its pickle from
        :func:`timeline.pipeline.digest.dumps` (as the build's workers return it)."""
        self._store(key, result)

    def _lookup(self, key: str) -> Any | None:
        with self._lock:
            held = self._memory.get(key)
        if held is not None and not isinstance(held, bytes):
            return fresh_copy(held)  # a result unpickled by an earlier hit
        if held is None and self.directory is not None:
            held = self._read_entry(key)
        if held is None:
            return None
        try:
            pristine = pickle.loads(held)
        except Exception:  # noqa: BLE001 - any unreadable entry is just a miss
            self._forget(key)
            return None
        if not self.in_memory:
            return pristine  # nobody else holds it: it is fresh
        with self._lock:
            if self._memory.get(key) is held:
                self._memory[key] = pristine  # later hits copy it instead of unpickling
        return fresh_copy(pristine)

    def _store(self, key: str, result: Any) -> None:
        if isinstance(result, bytes):
            data = result
        else:
            try:
                data = fast_dumps(result)  # loads twice as fast as plain pickle
            except Exception:  # noqa: BLE001 - an unpicklable result is simply not cached
                return
        slot = key.split("-", 1)[0]
        with self._lock:
            older = self._slot_keys.get(slot)
            if older is not None and older != key:
                self._memory.pop(older, None)
            if self.in_memory:
                self._memory[key] = data
            self._slot_keys[slot] = key
        if self.directory is not None:
            self._write_entry(key, data)
            for stale in self._entries_on_disk(slot, key):
                self._entry_path(stale).unlink(missing_ok=True)

    def _entries_on_disk(self, slot: str, key: str) -> list[str]:
        """Keys of the slot's other entries on disk, and ``key`` recorded as its only one.

        The folder is listed once per cache object, not once per entry written: globbing it
        for every article made a cold build of 10,000 articles quadratic."""
        with self._lock:
            if self._on_disk is None:
                self._on_disk = {}
                try:
                    with os.scandir(self.directory) as entries:
                        for entry in entries:
                            stem, dot, suffix = entry.name.rpartition(".")
                            if dot and suffix == "pickle" and not stem.startswith(".tmp-"):
                                self._on_disk.setdefault(stem.split("-", 1)[0], set()).add(stem)
                except OSError:
                    pass
            others = self._on_disk.get(slot, set()) - {key}
            self._on_disk[slot] = {key}
        return sorted(others)

    def _forget(self, key: str) -> None:
        with self._lock:
            self._memory.pop(key, None)
        if self.directory is not None:
            self._entry_path(key).unlink(missing_ok=True)

    # -- on disk: one file per entry, so a one-article change writes one small file ----------

    def _entry_path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}.pickle"

    def _read_entry(self, key: str) -> bytes | None:
        try:
            raw = self._entry_path(key).read_bytes()
        except OSError:
            return None
        header = f"timeline-cache {CACHE_FORMAT} {key}\n".encode()
        if not raw.startswith(header):
            return None  # another format or a damaged file: recompute and overwrite
        data = raw[len(header):]
        if self.in_memory:
            with self._lock:
                self._memory[key] = data
        return data

    def _write_entry(self, key: str, data: bytes) -> None:
        header = f"timeline-cache {CACHE_FORMAT} {key}\n".encode()
        write_if_possible(self._entry_path(key), header + data)


def where_of(path: Path, config: Config) -> str:
    """The article's path relative to the project root, as the cache keys name it."""
    # Plain string paths: pathlib's resolve() per article costs more than the hashing. A
    # build asks three times per article (its entry, the stamps, the inputs record): 10,000
    # relpath calls cost 0.1 s, so the answers for absolute paths (the same whatever the
    # working folder) are kept.
    named, root = os.fspath(path), os.fspath(config.root)
    where = _WHERE.get((named, root))
    if where is None:
        where = os.path.relpath(os.path.abspath(named), os.path.abspath(root))
        if os.path.isabs(named) and os.path.isabs(root):
            if len(_WHERE) >= _WHERE_KEPT:
                _WHERE.clear()
            _WHERE[named, root] = where
    return where


#: where_of's answers by absolute (path, root) strings; cleared when it holds this many.
_WHERE: dict[tuple[str, str], str] = {}
_WHERE_KEPT = 1 << 18


def _key(where: str, content: str, config: Config) -> str:
    parts = (code_fingerprint(), _settings_of(config), where, content)
    slot = hashlib.sha256(where.encode()).hexdigest()[:16]
    return f"{slot}-{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()}"


_settings_memo: tuple[Config, str] | None = None


def _settings_of(config: Config) -> str:
    """:func:`settings_fingerprint`, computed once per config object: a build's keys all use
    the same settings (10,000 reprs of them cost 0.3 s). Each build starts with
    :func:`forget_settings`, as a config object can be changed between builds."""
    global _settings_memo
    memo = _settings_memo
    if memo is not None and memo[0] is config:
        return memo[1]
    made = settings_fingerprint(config)
    _settings_memo = (config, made)
    return made


def forget_settings() -> None:
    global _settings_memo
    _settings_memo = None


#: The record of the pages of the last build's site, beside the folder of the entries.
PAGES_RECORD = "pages.index"
#: The file, beside the entries, that maps each article's path to its stat and content hash.
STAMPS_FILE = "stamps.index"
#: A file modified less than this long before its stat was recorded is not trusted by its
#: stat: a second write within the file system's clock tick can leave size and times equal.
RACY_NS = 2_000_000_000


def file_stamp(path: Path) -> tuple | None:
    """What changes whenever a file's content does: (device, inode, size, mtime, ctime) in
    nanoseconds; None for a symbolic link (its target can be swapped: always read those) or a
    file that cannot be stat'ed."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not statmode.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Stamps:
    """Each article's stat and content hash at the build that last read it, kept on disk
    (``path``) between ``timeline build`` runs, or in memory only when ``path`` is None."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, tuple[tuple, str]] | None = None
        self._changed = False
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, tuple[tuple, str]]:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                # a damaged index only costs reading the files
                header = f"timeline-stamps {CACHE_FORMAT}\n".encode()
                self._entries = read_if_possible(self.path, header)
        return self._entries

    def content_of(self, where: str, stamp: tuple) -> str | None:
        """The content hash recorded for ``where`` with this very stat, else None."""
        with self._lock:
            entry = self._loaded().get(where)
        return entry[1] if entry is not None and entry[0] == stamp else None

    def record(self, where: str, stamp: tuple, content: str) -> None:
        trusted = time.time_ns() - stamp[3] > RACY_NS
        with self._lock:
            entries = self._loaded()
            if trusted:
                if entries.get(where) != (stamp, content):
                    entries[where] = (stamp, content)
                    self._changed = True
            elif entries.pop(where, None) is not None:
                self._changed = True

    def save(self, present: set[str] | None = None) -> None:
        """Write the index if it changed; with ``present``, forget files no longer there."""
        with self._lock:
            entries = self._loaded()
            if present is not None:
                gone = [where for where in entries if where not in present]
                for where in gone:
                    del entries[where]
                self._changed = self._changed or bool(gone)
            if not self._changed or self.path is None:
                self._changed = False
                return
            data = f"timeline-stamps {CACHE_FORMAT}\n".encode() + pickle.dumps(
                entries, protocol=pickle.HIGHEST_PROTOCOL)
            self._changed = False
        write_if_possible(self.path, data)


def read_if_possible(path: Path, header: bytes) -> dict:
    """The dict pickled in ``path`` after ``header``, as :func:`write_if_possible` left it; an
    empty dict when the file is missing, from other code (another header) or damaged."""
    try:
        raw = path.read_bytes()
        if raw.startswith(header):
            loaded = pickle.loads(raw[len(header):])
            if isinstance(loaded, dict):
                return loaded
    except Exception:  # noqa: BLE001 - what was recorded only saves work; never fail on it
        pass
    return {}


def write_if_possible(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, or not at all.

    The rename means a crash mid-write never leaves a half file under the real name; a
    read-only or full disk only costs the next build speed, never this build, so it is ignored.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
