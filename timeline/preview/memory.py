"""What the preview server keeps between builds, and giving back what a build left behind.

A build pauses Python's cycle collector (``timeline.pipeline.build``), so the previous
build's articles, events and views, which hold one another in cycles, are still allocated
when the next build starts; and memory freed by Python stays in the C allocator's free
lists, counted in the process's RSS, until it is trimmed. After each build the server
collects the cycles and trims the heap (:func:`give_back`): at 2,000 articles that took the
server from 722 to 474 MB.

:class:`PreviewMemo` is the page memo the server builds with. The preview keeps its previous
site's pages on disk and links the unchanged ones into the new site
(:mod:`timeline.site.keptpages`), so holding every finished page's text in memory as well
bought nothing: it keeps the small per-event entries, and only those.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from typing import Any

from timeline.pipeline.pagetexts import PageMemo

#: Memo slots whose texts are whole pages: kept on disk by the preview, not in memory.
WHOLE_PAGES = frozenset({"seo", "render"})


class PreviewMemo(PageMemo):
    """A :class:`~timeline.pipeline.pagetexts.PageMemo` that holds no whole pages (see the
    module docstring); a slot it does not hold is a miss, as in a first build."""

    def put(self, slot: tuple[str, str], key: Any, text: str) -> None:
        if slot[0] in WHOLE_PAGES:
            return
        super().put(slot, key, text)


def _malloc_trim():
    """glibc's ``malloc_trim``, or None elsewhere (musl, macOS: they return memory anyway
    or offer no such call)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def give_back() -> None:
    """Free what the last build left for the cycle collector, and hand the free heap back to
    the system."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


def resident_mb() -> float | None:
    """This process's resident memory in MB (Linux), for the terminal and benchmarks."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None
