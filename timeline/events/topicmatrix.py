"""The topic's TF-IDF arithmetic for a whole collection at once, on flat arrays (numpy).

:mod:`timeline.events.topic` defines the model on dictionaries, one sentence at a time; at
tens of thousands of sentences building a dictionary per sentence, a centroid per date and a
cosine per event cost seconds at every build. This module computes the same numbers from
three flat arrays (each sentence's word ids, term weights and row bounds) and gives, bit for
bit, what the dictionary code gives: every sum is taken in the order the dictionary code takes
it (a sentence's words in their order; a centroid's words in the order they first appear),
never by numpy's pairwise reductions, whose rounding differs. Element-wise products, quotients
and square roots are correctly rounded in both. Logarithms (the idf) are taken by
:func:`math.log`, once per word. ``tests/events/test_topicmatrix.py`` compares the two.

Word ids are given in the order words first appear, so a centroid's word order is its id
order; nothing depends on a vocabulary kept from an earlier build.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

import numpy as np

from timeline.events.topic import EDITOR_WEIGHT, Terms, Topic, Vector, centroid, term_weights


@dataclass
class SentenceVectors(Mapping):
    """Each sentence's unit TF-IDF vector, by the key it was given (an event id): a read-only
    mapping whose dictionaries (the form :mod:`timeline.events.topic` uses) are made only when
    asked for. ``starts[i]:starts[i + 1]`` are sentence ``i``'s entries of ``ids``/``weights``."""

    names: Sequence[str]  # row -> key
    words: list[str]  # id -> word
    ids: np.ndarray  # int64 word ids, sentence after sentence
    weights: np.ndarray  # float64 unit-length TF-IDF weights, beside ids
    starts: np.ndarray  # int64, len(names) + 1
    row_of: dict[str, int]
    found: list[tuple[str, ...]]  # row -> its words, in order
    made: dict[str, Vector] = field(default_factory=dict)
    _listed: list[float] | None = None  # weights as Python floats, once asked

    def __getitem__(self, key: str) -> Vector:
        vector = self.made.get(key)
        if vector is None:
            row = self.row_of[key]
            if self._listed is None:  # one conversion for all: most vectors are asked for
                self._listed = self.weights.tolist()
            begin = int(self.starts[row])
            found = self.found[row]
            vector = self.made[key] = dict(zip(found, self._listed[begin:begin + len(found)],
                                               strict=True))
        return vector

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def learn_vectors(sentences: Sequence[tuple[str, str, float]], topic: str = "",
                  keywords: Sequence[str] = (),
                  terms: Callable[[str], Terms] = term_weights
                  ) -> tuple[Topic, SentenceVectors, dict[str, float]]:
    """What :func:`timeline.events.topic.learn_topic` learns from ``(key, sentence, weight)``
    triples, with each sentence's centrality to the topic (key -> cosine with the centroid):
    the same numbers, bit for bit (see the module docstring)."""
    found_all = [terms(text) for _, text, _ in sentences]
    every = list(chain.from_iterable(found for found, _ in found_all))
    words = list(dict.fromkeys(every))  # in the order they first appear
    index = {word: position for position, word in enumerate(words)}
    ids = np.fromiter(map(index.__getitem__, every), dtype=np.int64, count=len(every))
    lengths = [len(found) for found, _ in found_all]
    tf_parts = list(chain.from_iterable(tfs if tfs is not None else repeat(1.0, len(found))
                                        for found, tfs in found_all))
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=starts[1:])
    model = Topic()
    model.documents = documents = len(lengths)
    frequency = np.bincount(ids, minlength=len(words))  # a sentence lists each word once
    model.document_frequency.update(dict(zip(words, frequency.tolist(), strict=True)))
    log = math.log
    idf_list = [log((1 + documents) / (1 + n)) + 1.0 for n in frequency.tolist()]
    model._idf = dict(zip(words, idf_list, strict=True))
    idf = np.asarray(idf_list, dtype=np.float64)
    # tf * idf; a word said once weighs its idf (1.0 * idf is idf exactly)
    raw = np.asarray(tf_parts, dtype=np.float64) * idf[ids]
    norms = np.sqrt(sequential_sums(raw * raw, starts))
    lengths_array = np.diff(starts)
    values = raw / np.repeat(np.where(norms > 0, norms, 1.0), lengths_array)
    keys = [key for key, _, _ in sentences]
    vectors = SentenceVectors(keys, words, ids, values, starts,
                              {key: row for row, key in enumerate(keys)},
                              [found for found, _ in found_all])
    weights = np.asarray([weight for _, _, weight in sentences], dtype=np.float64)
    total = np.bincount(ids, weights=values * np.repeat(weights, lengths_array),
                        minlength=len(words))  # each word's sum in sentence order
    norm = math.sqrt(float(np.cumsum(total * total)[-1])) if len(total) else 0.0
    learned = dict(zip(words, (total / norm).tolist(), strict=True)) if norm else {}
    editor = " ".join([topic, *keywords]).strip()
    if editor:
        learned = centroid([(learned, 1.0), (model.vector(editor), EDITOR_WEIGHT)])
    model.centroid = learned
    dense = np.asarray([learned.get(w, 0.0) for w in words], dtype=np.float64)
    central = sequential_sums(values * dense[ids], starts)
    return model, vectors, dict(zip(keys, central.tolist(), strict=True))


def fit_to_groups(vectors: SentenceVectors, groups: Sequence[Sequence[str]],
                  weights: Mapping[str, float]) -> dict[str, float]:
    """For each group of keys (the events of one date), each member's cosine with the group's
    centroid of its members' vectors weighted by ``weights``: the numbers
    ``cosine(v, centroid((v_e, weights[e]) for e in group))`` gives, bit for bit. A key may
    belong to one group only."""
    members = [key for group in groups for key in group]
    if not members:
        return {}
    row_of = vectors.row_of
    rows = np.asarray([row_of[key] for key in members], dtype=np.int64)
    group_of = np.repeat(np.arange(len(groups), dtype=np.int64),
                         [len(group) for group in groups])
    begin, end = vectors.starts[rows], vectors.starts[rows + 1]
    counts = end - begin
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    # each member's entries, gathered in member order, each sentence's words in its order
    entry = np.repeat(begin - starts[:-1], counts) + np.arange(int(starts[-1]), dtype=np.int64)
    ids, values = vectors.ids[entry], vectors.weights[entry]
    member_weight = np.asarray([weights[key] for key in members], dtype=np.float64)
    pair = np.repeat(group_of, counts) * len(vectors.words) + ids
    unique, first, slot = np.unique(pair, return_index=True, return_inverse=True)
    total = np.bincount(slot, weights=values * np.repeat(member_weight, counts),
                        minlength=len(unique))  # each (group, word) summed in member order
    # a group's norm sums its words in the order they first appear in it
    order = np.argsort(first, kind="stable")
    group_starts = np.searchsorted(unique[order] // len(vectors.words),
                                   np.arange(len(groups) + 1, dtype=np.int64))
    squares = total[order] * total[order]
    norms = np.sqrt(sequential_sums(squares, group_starts))
    centre = total / np.where(norms > 0, norms, 1.0)[unique // len(vectors.words)]
    fits = sequential_sums(values * centre[slot], starts)
    return dict(zip(members, fits.tolist(), strict=True))


def sequential_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of each segment ``values[starts[i]:starts[i + 1]]``, added up one element after
    the other from the first (as Python's ``sum`` does), for all segments at once: one pass per
    position, over the segments still that long. Empty segments sum to 0.0."""
    lengths = np.diff(starts)
    sums = np.zeros(len(lengths), dtype=np.float64)
    if not len(lengths):
        return sums
    longest_first = np.argsort(-lengths, kind="stable")
    falling = -lengths[longest_first]  # ascending: the longest segments first
    heads = starts[:-1][longest_first]
    for position in range(int(-falling[0])):
        active = int(np.searchsorted(falling, -position, side="left"))  # longer than position
        sums[longest_first[:active]] += values[heads[:active] + position]
    return sums
