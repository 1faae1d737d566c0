"""timeline.events.topicmatrix: the topic's arithmetic on arrays gives the dictionary code's
numbers bit for bit (==, not approximately), so key events do not depend on which is used."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.topic import centroid, cosine, learn_topic
from timeline.events.topicmatrix import fit_to_groups, learn_vectors, sequential_sums

SENTENCES = [
    "Floodwater breached the river dam near the valley town on Monday.",
    "The dam breach flooded the valley town overnight, and the town flooded again.",
    "Engineers inspect the damaged dam as floodwater recedes from fields and roads.",
    "",  # no content word at all
    "The 42 of 2019.",  # nor here
    "Rain, rain and more rain: rivers rose, roads closed, schools closed, trains stopped, "
    "ferries stopped, bridges shut, shops shut, farms drowned and villages emptied.",
    "The local football team won its match.",
]

POOL = ["levee", "river", "flood", "breach", "rain", "storm", "crest", "pump", "sandbag",
        "barge", "bridge", "county", "mayor", "engineer", "valley", "town", "farm", "road",
        "school", "ferry"]


def _reference(sentences, topic="", keywords=()):
    model, vectors = learn_topic([(text, weight) for _, text, weight in sentences],
                                 topic, keywords)
    return model, dict(zip([key for key, _, _ in sentences], vectors, strict=True))


def _check_same(sentences, topic="", keywords=()):
    model, expected = _reference(sentences, topic, keywords)
    arrays, vectors, central = learn_vectors(sentences, topic, keywords)
    assert arrays.centroid == model.centroid
    assert list(arrays.centroid) == list(model.centroid)  # same words in the same order
    for key, vector in expected.items():
        assert vectors[key] == vector and list(vectors[key]) == list(vector)
        assert central[key] == model.centrality(vector)
    return expected, vectors


def test_vectors_centroid_and_centrality_are_the_dictionary_codes_bit_for_bit():
    sentences = [(f"s{n}", text, float(n % 3 + 1)) for n, text in enumerate(SENTENCES)]
    _check_same(sentences)
    _check_same(sentences, topic="river flooding", keywords=["dam", "levee"])


def test_fit_to_groups_is_the_cosine_with_each_groups_weighted_centroid():
    sentences = [(f"s{n}", text, 1.0) for n, text in enumerate(SENTENCES)]
    expected, vectors = _check_same(sentences)
    groups = [["s0", "s1", "s5"], ["s2"], ["s3", "s4"], ["s6"]]
    weights = {key: float(len(key) + n) for n, (key, _, _) in enumerate(sentences)}
    fits = fit_to_groups(vectors, groups, weights)
    for group in groups:
        reports = centroid((expected[key], weights[key]) for key in group)
        for key in group:
            assert fits[key] == cosine(expected[key], reports)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_random_collections_with_long_sentences_agree_bit_for_bit(seed):
    chooser = random.Random(seed)
    sentences = []
    for n in range(chooser.randint(1, 40)):
        text = " ".join(chooser.choice(POOL) for _ in range(chooser.randint(0, 40)))
        sentences.append((f"e{n}", text, float(chooser.randint(1, 5))))
    expected, vectors = _check_same(sentences, topic=chooser.choice(["", "flood crest"]))
    keys = [key for key, _, _ in sentences]
    chooser.shuffle(keys)
    cuts = sorted(chooser.sample(range(1, len(keys) + 1), min(len(keys), 4)))
    groups = [keys[a:b] for a, b in zip([0, *cuts], cuts, strict=False) if keys[a:b]]
    weights = {key: float(chooser.randint(1, 4)) for key in keys}
    fits = fit_to_groups(vectors, groups, weights)
    for group in groups:
        reports = centroid((expected[key], weights[key]) for key in group)
        assert [fits[key] for key in group] == [cosine(expected[key], reports) for key in group]


def test_segments_are_summed_one_element_after_the_other():
    values = np.asarray([1e16, 1.0, -1e16, 1.0, 0.1, 0.2, 0.3, 5.0], dtype=np.float64)
    starts = np.asarray([0, 4, 4, 7, 8], dtype=np.int64)
    sums = sequential_sums(values, starts)
    assert sums.tolist() == [sum(values[0:4].tolist()), 0.0, sum(values[4:7].tolist()), 5.0]
