"""The similarity index kept between builds groups sentences exactly as grouping from nothing
does, whatever was added or removed since (timeline.events.similar)."""

from __future__ import annotations

import pickle
import random

from timeline.events.merge import DEFAULT_THRESHOLD, candidate_pairs, similarity
from timeline.events.similar import (
    COMMON_SHINGLE,
    SimilarityIndex,
    TrigramCounts,
    alike,
    word_codes,
)

WORDS = ["harbour", "crane", "ferry", "tunnel", "council", "budget", "river", "bridge",
         "school", "library", "orchard", "festival", "museum", "station", "tram", "depot",
         "market", "square", "garden", "clinic"]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))


def variant(rng: random.Random, text: str) -> str:
    """A near copy: one word changed, dropped or added."""
    words = text.split()
    where = rng.randrange(len(words))
    move = rng.choice(("change", "drop", "add"))
    if move == "change":
        words[where] = rng.choice(WORDS)
    elif move == "drop" and len(words) > 3:
        del words[where]
    else:
        words.insert(where, rng.choice(WORDS))
    return " ".join(words)


def partition(labels: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for text, label in labels.items():
        groups.setdefault(label, set()).add(text)
    return {frozenset(g) for g in groups.values()}


def reference(texts: list[str], threshold: float) -> set[frozenset[str]]:
    """Connected components of the candidate pairs found alike, the slow obvious way."""
    parent = list(range(len(texts)))

    def find(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for left, right in candidate_pairs(texts):
        if similarity(texts[left], texts[right]) >= threshold:
            parent[find(left)] = find(right)
    groups: dict[int, set[str]] = {}
    for position, text in enumerate(texts):
        groups.setdefault(find(position), set()).add(text)
    return {frozenset(g) for g in groups.values()}


def test_a_fresh_index_groups_as_the_reference_does():
    rng = random.Random(5)
    texts = set()
    for _ in range(120):
        base = sentence(rng)
        texts.add(base)
        for _ in range(rng.randint(0, 3)):
            texts.add(variant(rng, base))
    ordered = sorted(texts)
    labels = SimilarityIndex().groups(ordered, DEFAULT_THRESHOLD)
    assert partition(labels) == reference(ordered, DEFAULT_THRESHOLD)
    assert any(len(group) > 1 for group in partition(labels))


def test_every_update_groups_as_a_fresh_index_does(monkeypatch):
    monkeypatch.setattr(TrigramCounts, "RECENT", 40)  # merge the counts into arrays often
    rng = random.Random(11)
    texts: set[str] = set()
    for _ in range(150):
        texts.add(sentence(rng))
    kept = SimilarityIndex()
    kept.groups(texts, DEFAULT_THRESHOLD)
    kinds = set()
    for step in range(60):
        current = sorted(texts)
        for _ in range(rng.randint(1, 4)):  # remove some, add copies and new ones
            choice = rng.random()
            if choice < 0.35 and current:
                texts.discard(rng.choice(current))
            elif choice < 0.8 and current:
                texts.add(variant(rng, rng.choice(current)))
            else:
                texts.add(sentence(rng))
        if step % 15 == 7:  # a phrase most sentences share: its trigrams stop being keys
            common = "the night ferry"
            texts |= {f"{common} {sentence(rng)}" for _ in range(COMMON_SHINGLE + 2)}
        if step % 15 == 12:  # ... and become keys again
            texts = {t for t in texts if not t.startswith("the night ferry")}
        if step % 4 == 3:  # saved and read back, as between two `timeline build` runs
            kept = pickle.loads(pickle.dumps(kept))
        got = partition(kept.groups(texts, DEFAULT_THRESHOLD))
        assert got == partition(SimilarityIndex().groups(texts, DEFAULT_THRESHOLD)), step
        kinds.add(kept.last[0])
    assert kinds == {"full", "incremental"}


def test_a_new_threshold_groups_again():
    rng = random.Random(3)
    base = [sentence(rng) for _ in range(30)]
    texts = set(base) | {variant(rng, t) for t in base}
    index = SimilarityIndex()
    index.groups(texts, DEFAULT_THRESHOLD)
    loose = index.groups(texts, 50.0)
    assert partition(loose) == partition(SimilarityIndex().groups(texts, 50.0))


def test_trigram_counts_read_back_equal():
    counts = TrigramCounts()
    for gram in (7, 3, 7, 2**32 - 1, 3, 7):
        counts.add(gram, 1)
    counts.add(3, -1)
    counts.add(2**32 - 1, -1)
    counts._merge()
    counts.add(5, 2)
    counts.add(7, -1)
    again = pickle.loads(pickle.dumps(counts))
    assert [again.get(g) for g in (2, 3, 5, 7, 2**32 - 1)] == [0, 1, 2, 2, 0]


def near_pairs(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Pairs of sentences with repeated words: near copies, padded or trimmed copies and
    unrelated ones."""
    pairs = []
    for _ in range(count):
        base = sentence(rng)
        kind = rng.random()
        if kind < 0.4:
            other = variant(rng, base)
        elif kind < 0.7:  # padded with a few words, or a trimmed copy
            words = base.split()
            other = " ".join(words + [rng.choice(WORDS) for _ in range(rng.randint(1, 8))]) \
                if rng.random() < 0.5 else " ".join(words[rng.randint(0, 3):])
        else:
            other = sentence(rng)
        pairs.append((base, other))
    return pairs


def test_alike_on_coded_words_is_the_similarity_against_the_threshold():
    rng = random.Random(23)
    pairs = near_pairs(rng, 600)
    texts = [text for pair in pairs for text in pair]
    coded = word_codes(texts)
    as_tuples = [(tuple(t.split()), tuple(sorted(set(t.split())))) for t in texts]
    for threshold in (50.0, 70.0, DEFAULT_THRESHOLD, 95.0):
        for number, (a, b) in enumerate(pairs):
            expected = similarity(a, b) >= threshold
            left, right = 2 * number, 2 * number + 1
            assert alike(coded[left], coded[right], a, b, threshold) == expected, (a, b)
            assert alike(as_tuples[left], as_tuples[right], a, b, threshold) == expected


def test_word_codes_give_one_character_per_word_and_the_same_one_for_the_same_word():
    first, second = word_codes(["the ferry left the harbour", "harbour ferry"])
    assert len(first[0]) == 5 and first[0][0] == first[0][3]
    assert set(second[0]) <= set(first[0]) and second[0][0] == first[0][4]
    assert first[1] == "".join(sorted(set(first[0])))
