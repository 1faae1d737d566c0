"""Run the per-article stage on every core, or on a Dask cluster, with results in input order.

The per-article stage (load, split, tag, resolve, build events:
:func:`timeline.pipeline.build.process_article`) depends on one file and the settings alone, so
it can run anywhere. The build hands :func:`process_sources` the files its cache does not hold,
as ``(path, bytes)`` (read once, by the build), and gets each one's result back **in the order
given**, whatever order the workers finish in: the site is the same byte for byte whatever
``jobs`` is. Results come back pickled (:func:`timeline.pipeline.digest.dumps`), the form the
cache stores, so a result crosses a process boundary once and is not pickled again to be cached.

- ``jobs == 1``, or fewer than :data:`POOL_MIN_ARTICLES` files (a rebuild after an edit): in
  this process.
- ``jobs > 1``: a local process pool (fork when this process runs one thread, as ``timeline
  build`` does; forkserver otherwise, as in the preview server, where forking a threaded process
  is unsafe). Files go out in chunks, a bounded number ahead of the one being read back, so the
  bytes in flight stay bounded however large the collection.
- ``scheduler`` (``tcp://host:8786``): the chunks go to a Dask distributed cluster
  (``pip install 'timeline[dask]'``); the workers need the same timeline version, which is
  checked. Merging and rendering stay here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.config import Config
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from timeline.pipeline.build import ArticleResult

#: One file to process: its path (as discovered) and its bytes.
Source = tuple[Path, bytes]
#: Files sent to a worker at once: fewer round trips, and a slow file delays few others.
CHUNK = 8
#: Chunks in flight per worker beyond the one being read back.
AHEAD = 4
#: Fewer files than this are processed here: starting a pool costs more than it saves.
POOL_MIN_ARTICLES = 8
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 10


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolved_jobs(config: Config) -> int:
    """``config.jobs``, with 0 (the default) meaning every core."""
    return config.jobs if config.jobs > 0 else default_jobs()


def process_sources(sources: Iterable[Source], count: int,
                    config: Config) -> Iterator[bytes | ArticleResult]:
    """Each source's :class:`~timeline.pipeline.build.ArticleResult`, in input order: pickled
    when it was made in another process, the object itself when made in this one.

    ``count`` is how many sources there are (they may be produced lazily). Raises
    :class:`TimelineError` when the Dask scheduler cannot be used or a worker process died.
    """
    if config.scheduler:
        yield from _on_dask(sources, config)
        return
    jobs = min(resolved_jobs(config), count)
    if jobs <= 1 or count < POOL_MIN_ARTICLES:
        from timeline.pipeline.build import process_article

        for path, data in sources:
            yield process_article(path, config, data)
        return
    yield from _on_pool(sources, config, jobs)


# --- the work itself (runs in the workers) ----------------------------------------------------


def _process_one(source: Source, config: Config) -> bytes:
    from timeline.pipeline.build import process_article
    from timeline.pipeline.digest import dumps

    path, data = source
    return dumps(process_article(path, config, data))


def process_chunk(chunk: list[Source], config: Config) -> tuple[str, list[bytes]]:
    """Process a chunk; also say which code did it, so a cluster running another version of
    timeline is caught instead of silently building a different site."""
    from timeline.pipeline.cache import code_fingerprint

    return code_fingerprint(), [_process_one(source, config) for source in chunk]


_POOL_CONFIG: Config | None = None


def _remember_config(config: Config) -> None:
    global _POOL_CONFIG
    _POOL_CONFIG = config


def _pool_chunk(chunk: list[Source]) -> list[bytes]:
    assert _POOL_CONFIG is not None
    return [_process_one(source, _POOL_CONFIG) for source in chunk]


# --- ordered, bounded map over chunks --------------------------------------------------------


def _chunks(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    chunk: list[Source] = []
    for source in sources:
        chunk.append(source)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered(submit: Callable[[list[Source]], Future], chunks: Iterator[list[Source]],
             ahead: int) -> Iterator[Future]:
    """The futures of every chunk, in order, keeping at most ``ahead`` submitted at a time."""
    window: deque[Future] = deque()
    for chunk in chunks:
        window.append(submit(chunk))
        if len(window) >= ahead:
            yield window.popleft()
    while window:
        yield window.popleft()


# --- a local process pool ---------------------------------------------------------------------


def _pool_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")  # cheapest: the workers inherit the modules
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _on_pool(sources: Iterable[Source], config: Config, jobs: int) -> Iterator[bytes]:
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(),
                                   initializer=_remember_config, initargs=(config,))
    try:
        futures = _ordered(lambda chunk: executor.submit(_pool_chunk, chunk),
                           _chunks(sources, CHUNK), jobs * AHEAD)
        for future in futures:
            yield from future.result()
    except BrokenProcessPool:
        raise TimelineError(
            "a worker process died while reading the articles (out of memory?)",
            config.content_path, hint="try again with fewer workers, e.g. --jobs 1") from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


# --- a Dask cluster ---------------------------------------------------------------------------


def _on_dask(sources: Iterable[Source], config: Config) -> Iterator[bytes]:
    from timeline.pipeline.cache import code_fingerprint

    client = connect(config.scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = _ordered(
            lambda chunk: client.submit(process_chunk, chunk, config, pure=False),
            _chunks(sources, CHUNK), workers * AHEAD)
        for future in futures:
            fingerprint, results = future.result()
            if fingerprint != code_fingerprint():
                raise TimelineError(
                    f"the Dask workers at {config.scheduler} run another version of timeline",
                    hint="install the same timeline on the workers as here")
            yield from results
    finally:
        client.close()


def connect(address: str):
    """A Dask client of the scheduler at ``address``, or a clear :class:`TimelineError`."""
    try:
        from distributed import Client
    except ModuleNotFoundError:
        raise TimelineError(
            f"building on a Dask cluster ({address}) needs Dask, which is not installed",
            hint="pip install 'timeline[dask]', or build without --scheduler") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise TimelineError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start it (dask scheduler) and its workers, check the address, "
                 "or build without --scheduler") from None
