"""What the collection-wide stages keep from one build to the next, so a rebuild costs in
proportion to the change.

Merging, the furniture pass and the key events each look at the whole collection. Each keeps
here the state that lets it redo only the part an edit touches, and falls back to the full
computation when the edit changes a collection-wide decision; the site is then exactly the
one a build from nothing makes (``tests/pipeline/test_incremental.py``). Every part is
brought up to date by the stage that owns it, from the stage's full input: a part never has to
be told what changed, it works that out by comparing the input with what it kept, so a state
left by any earlier build (or none) is always safe to use.

Use (the build does this when it has a cache, :func:`timeline.pipeline.build.build_site`)::

    state = CollectionState.load(path)      # or CollectionState() to start empty
    state.begin()                           # at the start of each build
    kept, report = set_aside_furniture(articles, memo=state.furniture)
    events = merge_events(dated, threshold, index=state.similar)
    ...
    state.save(path)

A long-running process (the preview server) keeps one object and passes it to every build:
:class:`timeline.pipeline.cache.ArticleCache` holds it as :attr:`ArticleCache.collection`, so
``build_site(config, cache=cache)`` with the same cache reuses it without touching the disk
(read from ``.timeline-cache/`` at the first build; written back only by
``cache.save_collection(now=True)``, e.g. when the server stops: an older file is still a
right starting point, only a slower one).

Parts:

* :attr:`similar` - :class:`timeline.events.similar.SimilarityIndex`, the grouping of the
  collection's sentences by similarity (merge);
* :attr:`furniture` - :class:`timeline.events.learned.FurnitureMemo`, what each publisher's
  pages repeat, by a fingerprint of the pages (the furniture pass);
* :attr:`normalised`, :attr:`terms`, :attr:`ahead`, :attr:`forms` - memos
  (:class:`timeline.pipeline.memo.Memo`) of per-sentence values (the normalised form merging
  compares, the topic's term weights, whether a clause looks ahead, a sentence's form cost as
  a summary): a rebuild computes them only for new sentences.

The file is a pickle headed by the format and a hash of the package's code
(:func:`timeline.pipeline.cache.code_fingerprint`): a state written by other code is not
read. A missing or damaged file is an empty state: the next build does the full work.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.events.learned import FurnitureMemo
from timeline.events.similar import SimilarityIndex
from timeline.pipeline.memo import Memo

#: Bumped when the layout of the state changes (the code hash covers it too).
STATE_FORMAT = 1
#: The state's file, in the cache folder (beside the articles' entries).
STATE_FILE = "collection.state"


@dataclass
class CollectionState:
    """The collection-wide state of the last build (see the module docstring)."""

    similar: SimilarityIndex = field(default_factory=SimilarityIndex)
    furniture: FurnitureMemo = field(default_factory=FurnitureMemo)
    normalised: Memo = field(default_factory=Memo)  # sentence -> normalised (merge)
    terms: Memo = field(default_factory=Memo)  # sentence -> term weights (topic)
    ahead: Memo = field(default_factory=Memo)  # clause key -> looks ahead (status)
    #: (sentence, digest of its page's text) -> its form cost as a summary (key events)
    forms: Memo = field(default_factory=Memo)

    def begin(self) -> None:
        """A build starts: each memo keeps what the previous build asked of it."""
        for memo in (self.normalised, self.terms, self.ahead, self.forms):
            memo.begin()

    def form_cost(self) -> Callable[[str, str | None], float]:
        """:func:`timeline.events.salience.form_cost` remembered through :attr:`forms`. The
        page (an article's whole text) is known by a digest of it, made once per page."""
        from timeline.events.salience import form_cost

        digests: dict[int, tuple[str, bytes]] = {}  # id(page) -> (page, digest)
        get = self.forms.get

        def remembered(sentence: str, page: str | None) -> float:
            if page is None:
                return form_cost(sentence, None)
            known = digests.get(id(page))
            if known is None or known[0] is not page:
                known = digests[id(page)] = (page, hashlib.blake2b(
                    page.encode("utf-8", "surrogatepass"), digest_size=16).digest())
            return get((sentence, known[1]), lambda _key: form_cost(sentence, page))

        return remembered

    @classmethod
    def load(cls, path: Path | None) -> CollectionState:
        """The state saved at ``path``; an empty one when there is none or it cannot be read."""
        if path is None:
            return cls()
        try:
            raw = path.read_bytes()
        except OSError:
            return cls()
        header = _header()
        if not raw.startswith(header):
            return cls()
        try:
            state = pickle.loads(raw[len(header):])
        except Exception:  # noqa: BLE001 - a damaged state only costs the full work once
            return cls()
        if not isinstance(state, cls):
            return cls()
        return state

    def save(self, path: Path | None) -> None:
        """Write the state to ``path`` (through a temporary file; a full or read-only disk
        only costs the next build speed)."""
        from timeline.pipeline.cache import write_if_possible

        if path is None:
            return
        write_if_possible(path, _header() + pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))


def _header() -> bytes:
    from timeline.pipeline.cache import code_fingerprint

    return f"timeline-collection {STATE_FORMAT} {code_fingerprint()}\n".encode()
