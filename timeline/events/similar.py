"""Group similar sentences, kept up to date between builds: the grouping behind merging.

:func:`timeline.events.merge.merge_events` groups the collection's distinct normalised
sentences that are alike (passes 1-3 of its docstring): each sentence gets a MinHash sketch
(the bottom-:data:`SKETCH_SIZE` hashes of its word trigrams, leaving out trigrams found in more
than :data:`COMMON_SHINGLE` sentences), sentences sharing a sketch hash are compared, and the
groups are the connected components of the pairs found alike.

:class:`SimilarityIndex` keeps what that needs (how many sentences hold each trigram, each
sentence's sketch, the group of each sentence), so that a
later call with a few sentences added or removed only does the work those sentences bring:

* the trigram counts lose the removed sentences' trigrams and gain the added ones';
* if that moves a trigram across :data:`COMMON_SHINGLE` (it becomes or stops being too
  common to be a key), every sketch holding it changes: everything is grouped again;
* otherwise the groups that held a removed sentence are taken apart, and their remaining
  members and the added sentences are compared again with the sentences they share a sketch
  hash with (other groups stay as they were: no pair across them was alike before, and none
  of their sketches changed).

The groups are thus exactly those of a grouping from nothing, which is what a fresh index
does (every sentence is added). An index is a plain picklable object (see
:mod:`timeline.pipeline.collection`, which keeps one between ``timeline build`` runs).
"""

from __future__ import annotations

import functools
import math
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

#: Blocking keys per sentence (bottom-k of its trigram hashes). More keys, fewer misses.
SKETCH_SIZE = 8
#: A trigram found in more distinct sentences than this says nothing about duplication
#: ("according to the"), so it is never a blocking key; exact copies were grouped before.
COMMON_SHINGLE = 50
#: A sentence counts as a trimmed or padded copy of another (compared on token sets) only if
#: the shorter keeps at least this share of the longer one's words...
MIN_KEPT_SHARE = 0.5
#: ...and its own words not found in the other stay within this share of it (small edits).
MAX_EDIT_SHARE = 0.1


@dataclass
class SimilarityIndex:
    """The grouping of a set of distinct normalised sentences by similarity, updated in place
    by :meth:`groups` when the set changes. Sentences are known by a number (``ids``)."""

    threshold: float | None = None
    ids: dict[str, int] = field(default_factory=dict)  # sentence -> its number
    texts: dict[int, str] = field(default_factory=dict)  # number -> sentence
    sketches: dict[int, tuple[int, ...]] = field(default_factory=dict)
    frequency: TrigramCounts = field(default_factory=lambda: TrigramCounts())
    group: dict[int, int] = field(default_factory=dict)  # number -> its group's label
    next_id: int = 0
    #: how the last call went: "full" (grouped from nothing) or "incremental", and how many
    #: sentences it had to place again (for ``--timings`` and tests)
    last: tuple[str, int] = ("full", 0)

    def groups(self, texts: Iterable[str], threshold: float) -> dict[str, int]:
        """The group label of every sentence of ``texts`` (distinct, normalised): sentences
        with one label are alike, directly or through others. Updates the index to ``texts``."""
        wanted = set(texts)
        if threshold != self.threshold:
            self._reset(threshold)
        if not self.ids:
            return self._group_fresh(sorted(wanted))
        removed = [number for text, number in self.ids.items() if text not in wanted]
        added = sorted(t for t in wanted if t not in self.ids)
        if not removed and not added:
            self.last = ("incremental", 0)
            return self._labels()
        affected = self._members_of({self.group[number] for number in removed})
        counts = _CountChanges()
        for number in removed:
            self._forget(number, counts)
        new = [self._remember(text, counts) for text in added]
        if counts.crossed(self.frequency):
            return self._regroup(wanted, threshold)
        kind = "full" if len(new) == len(self.ids) else "incremental"
        for number in new:
            self._sketch(number)
        loose = [number for number in affected if number in self.texts] + new
        self._join(loose)
        self.last = (kind, len(loose))
        return self._labels()

    # -- keeping the counts and the sketches --------------------------------------------------

    def _group_fresh(self, added: list[str]) -> dict[str, int]:
        """Group ``added`` into an empty index (a cold build, or after a key trigram moved
        across :data:`COMMON_SHINGLE`): the same index as adding them one by one, without
        noting every count's change (all of them are new) or keeping any sentence's trigrams
        beyond its sketch (that was most of the merge's memory at 10,000 articles)."""
        compute = shingles.__wrapped__  # each sentence once: not worth the shared cache
        counted: Counter[int] = Counter()
        held = []  # each sentence's trigrams, in order: an array takes a tenth of a set
        for text in added:
            grams = compute(text)
            counted.update(grams)
            held.append(array("I", sorted(grams)))
        self.frequency = TrigramCounts.of(counted)
        for number, (text, grams) in enumerate(zip(added, held, strict=True)):
            self.ids[text], self.texts[number] = number, text
            informative = (h for h in grams if counted[h] <= COMMON_SHINGLE)
            self.sketches[number] = tuple(islice(informative, SKETCH_SIZE))
        del counted, held
        self.next_id = len(added)
        self._join(list(range(len(added))))
        self.last = ("full", len(added))
        return self._labels()

    def _reset(self, threshold: float) -> None:
        self.__dict__.update(SimilarityIndex(threshold=threshold).__dict__)

    def _regroup(self, wanted: set[str], threshold: float) -> dict[str, int]:
        """Group from nothing (a trigram crossed :data:`COMMON_SHINGLE`)."""
        self._reset(threshold)
        return self.groups(wanted, threshold)

    def _remember(self, text: str, counts: _CountChanges) -> int:
        number = self.next_id
        self.next_id += 1
        self.ids[text], self.texts[number] = number, text
        frequency = self.frequency
        for gram in shingles(text):
            counts.touch(gram, frequency.add(gram, 1), new=True)
        return number

    def _forget(self, number: int, counts: _CountChanges) -> None:
        text = self.texts.pop(number)
        del self.ids[text]
        self.group.pop(number, None)
        self.sketches.pop(number, None)
        frequency = self.frequency
        for gram in shingles(text):
            counts.touch(gram, frequency.add(gram, -1), new=False)

    def _sketch(self, number: int) -> None:
        """The sketch of a new sentence."""
        count = self.frequency.get
        informative = sorted(h for h in shingles(self.texts[number]) if count(h) <= COMMON_SHINGLE)
        self.sketches[number] = tuple(informative[:SKETCH_SIZE])

    def _buckets(self, keys: set[int] | None) -> dict[int, list[int]]:
        """The sentences of each sketch hash of ``keys`` (None: of every hash), in number
        order (one pass over the sketches: kept on disk, the buckets of the whole collection
        cost more to read than this)."""
        buckets: dict[int, list[int]] = {}
        for number, sketch in self.sketches.items():
            for key in sketch:
                if keys is None or key in keys:
                    buckets.setdefault(key, []).append(number)
        return buckets

    # -- groups ---------------------------------------------------------------------------

    def _members_of(self, labels: set[int]) -> list[int]:
        if not labels:
            return []
        return [number for number, label in self.group.items() if label in labels]

    def _join(self, loose: list[int]) -> None:
        """Give each sentence of ``loose`` (new ones, and the members of broken-up groups)
        its group again: compare it with the sentences it shares a sketch hash with.

        Each sentence is compared with its partners of higher numbers, its words coded once
        (:func:`word_codes`). The order of the comparisons does not change the groups: they
        are the connected components of the pairs found alike (a set of the pairs already
        compared, and the words of every sentence as lists and sets, were most of the
        merge's memory)."""
        group, texts, sketches = self.group, self.texts, self.sketches
        parent: dict[int, int] = {}
        for number in loose:  # each starts alone, labelled by its own number
            group[number] = number
            parent[number] = number
        loose_set = set(loose)
        everything = len(loose_set) == len(sketches)  # a grouping from nothing
        touched = None if everything else {key for number in loose for key in sketches[number]}
        buckets = {key: members for key, members in self._buckets(touched).items()
                   if len(members) > 1}
        numbers = sorted({number for members in buckets.values() for number in members})
        code_of = dict(zip(numbers, word_codes([texts[number] for number in numbers]),
                           strict=True))
        threshold, no_members = self.threshold, ()
        for left in numbers:
            if everything or left in loose_set:
                partners = {right for key in sketches[left]
                            for right in buckets.get(key, no_members) if right > left}
            else:  # a settled sentence: only its loose partners are compared
                partners = {right for key in sketches[left]
                            for right in buckets.get(key, no_members)
                            if right > left and right in loose_set}
            if not partners:
                continue
            root_left = _find(parent, group[left])
            coded, text = code_of[left], texts[left]
            for right in partners:
                root_right = _find(parent, group[right])
                if root_left != root_right and alike(coded, code_of[right], text, texts[right],
                                                     threshold):
                    _union(parent, root_left, root_right)
                    root_left = min(root_left, root_right)  # the root _union keeps
        if parent:
            for number, label in group.items():
                if label in parent:
                    group[number] = _find(parent, label)

    def _labels(self) -> dict[str, int]:
        return {text: self.group[number] for text, number in self.ids.items()}


class TrigramCounts:
    """How many sentences hold each trigram (hash): most in two sorted arrays, read back from
    disk at once, the trigrams first seen since in a dictionary. A pickled dictionary of the
    whole collection's trigrams (most of the index) took longer to read than an update takes."""

    #: the dictionary is merged into the arrays when saved past this many entries
    RECENT = 1 << 16

    def __init__(self) -> None:
        self.grams = array("I")  # sorted
        self.counts = array("I")
        self.recent: dict[int, int] = {}  # trigrams not in ``grams``

    @classmethod
    def of(cls, counted: Counter[int]) -> TrigramCounts:
        """The counts of ``counted`` (trigram -> sentences holding it), in the arrays."""
        made = cls()
        ordered = sorted(counted)  # integers: several times quicker to sort than pairs
        made.grams = array("I", ordered)
        made.counts = array("I", map(counted.__getitem__, ordered))
        return made

    def get(self, gram: int) -> int:
        count = self.recent.get(gram)
        if count is not None:
            return count
        grams = self.grams
        at = bisect_left(grams, gram)
        return self.counts[at] if at < len(grams) and grams[at] == gram else 0

    def add(self, gram: int, change: int) -> int:
        """Add ``change`` to the count of ``gram``; returns the count before."""
        recent = self.recent
        count = recent.get(gram)
        if count is None:
            grams = self.grams
            at = bisect_left(grams, gram)
            if at < len(grams) and grams[at] == gram:
                count = self.counts[at]
                self.counts[at] = count + change
                return count
            count = 0
        if count + change:
            recent[gram] = count + change
        else:
            del recent[gram]
        return count

    def __getstate__(self) -> dict:
        if len(self.recent) > max(self.RECENT, len(self.grams) // 4):
            self._merge()
        return {"grams": self.grams.tobytes(), "counts": self.counts.tobytes(),
                "recent": self.recent}

    def __setstate__(self, state: dict) -> None:
        self.grams, self.counts = array("I"), array("I")
        self.grams.frombytes(state["grams"])
        self.counts.frombytes(state["counts"])
        self.recent = state["recent"]

    def _merge(self) -> None:
        every = {g: c for g, c in zip(self.grams, self.counts, strict=True) if c}
        every.update(self.recent)  # no trigram is in both
        ordered = sorted(every)  # integers: several times quicker to sort than pairs
        self.grams = array("I", ordered)
        self.counts = array("I", map(every.__getitem__, ordered))
        self.recent = {}


class _CountChanges:
    """The trigram counts an update touched: each one's count before it, and how many of the
    added sentences hold it."""

    def __init__(self) -> None:
        self.before: dict[int, int] = {}
        self.in_new: dict[int, int] = {}

    def touch(self, gram: int, count: int, *, new: bool) -> None:
        self.before.setdefault(gram, count)
        if new:
            self.in_new[gram] = self.in_new.get(gram, 0) + 1

    def crossed(self, frequency: TrigramCounts) -> bool:
        """True when a trigram held by a sentence that stays became a key or stopped being
        one: that sentence's sketch changed, so every group has to be made again."""
        for gram, before in self.before.items():
            now = frequency.get(gram)
            if (before <= COMMON_SHINGLE) != (now <= COMMON_SHINGLE) \
                    and now - self.in_new.get(gram, 0) > 0:
                return True
        return False


#: Word numbers are coded as characters from here on, skipping the surrogates.
_SURROGATES, _SURROGATE_COUNT = 0xD800, 0x800

#: A sentence's words for :func:`alike`: one character per word in the sentence's order, and
#: its distinct words' characters sorted (tuples of the words when there are too many words).
Coded = tuple[str, str] | tuple[tuple[str, ...], tuple[str, ...]]


def word_codes(texts: list[str]) -> list[Coded]:
    """Each text's words (split on spaces) coded for :func:`alike`: a string of one character
    per word, the same character for the same word in all of them (rapidfuzz compares such
    strings several times faster than lists of words, with the same result: both are
    sequences of one length whose items are equal exactly when the words are), and the
    sorted characters of its distinct words."""
    numbers: dict[str, int] = {}
    number = numbers.setdefault
    try:
        coded = ["".join([chr(_char(number(word, len(numbers)))) for word in text.split()])
                 for text in texts]
    except ValueError:  # more distinct words than characters
        return [(tuple(words), tuple(sorted(set(words)))) for words in map(str.split, texts)]
    return [(code, "".join(sorted(set(code)))) for code in coded]


def _char(number: int) -> int:
    return number if number < _SURROGATES else number + _SURROGATE_COUNT


def alike(a: Coded, b: Coded, text_a: str, text_b: str, threshold: float) -> bool:
    """``similarity(text_a, text_b) >= threshold`` (:func:`timeline.events.merge.similarity`)
    for two distinct sentences whose words are coded as ``a`` and ``b`` (:func:`word_codes`),
    rapidfuzz told the cut-off so hopeless pairs end early."""
    (code_a, distinct_a), (code_b, distinct_b) = a, b
    if not code_a or not code_b:
        return threshold <= 0
    if fuzz.ratio(code_a, code_b, score_cutoff=threshold) >= threshold:
        return True
    shorter, longer = ((distinct_a, distinct_b) if len(distinct_a) <= len(distinct_b)
                       else (distinct_b, distinct_a))
    if len(shorter) < MIN_KEPT_SHARE * len(longer):
        return False
    # Two sorted runs of distinct items have their common items as longest common
    # subsequence, so their Indel distance is |S| + |L| - 2 |S & L|: the shorter one's own
    # words, |S - L|, are (|S| - |L| + distance) / 2.
    edits = max(1, MAX_EDIT_SHARE * len(shorter))
    most = math.floor(len(longer) - len(shorter) + 2 * edits)
    distance = Indel.distance(shorter, longer, score_cutoff=most)
    if (len(shorter) - len(longer) + distance) / 2 > edits:
        return False
    return fuzz.token_set_ratio(text_a, text_b, score_cutoff=threshold) >= threshold


@functools.lru_cache(maxsize=1 << 15)  # pure; rebuilds see the same sentences again
def shingles(text: str) -> frozenset[int]:
    """Stable (process-independent) hashes of the word trigrams; short texts use all words."""
    words = text.split()
    if len(words) < 3:
        grams = [text] if text else []
    else:
        grams = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)]
    return frozenset(zlib.crc32(gram.encode()) for gram in grams)


def _find(parent: dict[int, int], node: int) -> int:
    root = parent.get(node, node)
    if root == node:
        return node
    while True:
        above = parent.get(root, root)
        if above == root:
            break
        root = above
    while node != root:  # compress the path
        parent[node], node = root, parent[node]
    return root


def _union(parent: dict[int, int], left: int, right: int) -> None:
    parent[max(left, right)] = min(left, right)
