"""timeline.events.topic: content words, TF-IDF vectors and the collection's centroid."""

from __future__ import annotations

import pytest

from timeline.events.topic import cosine, learn_topic, words


def test_words_are_lowercased_folded_and_stripped_of_function_words():
    assert words("The LEAKED, leaking and leaks: 3 leaks!") == ["leak", "leak", "leak", "leak"]
    assert len(set(words("pipe pipes piped piping"))) == 1
    assert len(set(words("crash crashes crashed"))) == 1
    assert len(set(words("policy policies"))) == 1
    assert words("BP's well") == ["bp", "well"]  # a possessive is not a word of its own


def test_a_sentence_about_the_topic_is_more_central_than_one_off_it():
    sentences = [("Floodwater breached the river dam near the valley town.", 3.0),
                 ("The dam breach flooded the valley town overnight.", 2.0),
                 ("Engineers inspect the damaged dam as floodwater recedes.", 1.0),
                 ("The local football team won its match.", 1.0)]
    topic, vectors = learn_topic(sentences)
    central = [topic.centrality(v) for v in vectors]
    assert min(central[:3]) > central[3]


def test_words_every_sentence_shares_weigh_less_than_the_words_that_tell_them_apart():
    topic, _ = learn_topic([("dam breach", 1.0), ("dam repair", 1.0), ("dam inspection", 1.0)])
    vector = topic.vector("dam breach")
    assert vector["breach"] > vector["dam"]


def test_the_editor_topic_and_keywords_steer_the_centroid():
    sentences = [("The dam breach flooded the town.", 5.0),
                 ("Insurers expect claims to rise.", 1.0)]
    plain, vectors = learn_topic(sentences)
    steered, _ = learn_topic(sentences, topic="insurance claims", keywords=["insurer"])
    claims = steered.vector("Insurers expect claims to rise.")
    assert steered.centrality(claims) > plain.centrality(vectors[1])


def test_vectors_have_unit_length_and_cosine_is_symmetric():
    topic, (a, b) = learn_topic([("rain fell on the hills", 1.0), ("the hills flooded", 1.0)])
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    assert topic.vector("") == {}
