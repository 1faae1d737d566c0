"""What the collection is about, as TF-IDF vectors: a sentence's centrality to the topic.

Words are lowercased, common function words dropped and plural/verb endings folded
(``leaks``/``leaking``/``leaked`` -> ``leak``) so that two reports of one happening share their
words. Inverse document frequencies come from the collection's own dated sentences, so words every
report uses (the story's subject) weigh less than the words that tell one happening from another.
The topic is the centroid of all those sentences, each weighted by how many articles report it;
``topic`` and ``keywords`` in ``timeline.toml`` steer it towards what the editor names.

Vectors are sparse ``dict[str, float]`` of unit length: collections are a few thousand to a few
hundred thousand sentences, and a dictionary dot product over ~15 words is fast enough without
an array library.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

Vector = dict[str, float]

#: Words that say nothing about what happened (English function words, reporting verbs).
_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told according mr mrs
ms dr one would could may might must shall us yet still even much many per via
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[^\W\d_]{2,}")  # letters only: "Acme's" gives "acme", "U.S." nothing
#: Weight of the editor's ``topic``/``keywords`` against the centroid learned from the collection.
EDITOR_WEIGHT = 2.0


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude stem: plural and verb endings off, then a final "e", so that "pipe", "pipes",
    "piped" and "piping" meet (the stem keeps at least three letters)."""
    stem = word
    if word.endswith("ies") and len(word) > 4:
        stem = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
    elif (word.endswith("ed") and len(word) > 4
          or word.endswith(("ses", "xes", "zes", "ches", "shes"))):
        stem = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        stem = word[:-1]
    if stem.endswith("e") and len(stem) > 3:
        stem = stem[:-1]
    return stem


def words(text: str) -> list[str]:
    """The content words of ``text``, lowercased and folded (no numbers, no function words)."""
    return [_stem(w) for w in _WORD.findall(text.casefold()) if w not in STOPWORDS]


def unit(weights: dict[str, float]) -> Vector:
    """``weights`` scaled to length 1 (empty stays empty)."""
    norm = math.sqrt(sum([x * x for x in weights.values()]))
    return {w: x / norm for w, x in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    # the words b lacks add nothing: leaving them out gives the same sum, in the same order
    return sum([x * b[w] for w, x in a.items() if w in b])


def centroid(vectors: Iterable[tuple[Vector, float]]) -> Vector:
    """The unit-length weighted sum of ``(vector, weight)`` pairs."""
    total: dict[str, float] = {}
    get = total.get
    for vector, weight in vectors:
        for w, x in vector.items():
            total[w] = get(w, 0.0) + x * weight
    return unit(total)


#: A sentence's content words, each once in the order they first appear, and each word's
#: sublinear term frequency (1 + log n), or None when every word is said once (all 1.0).
Terms = tuple[tuple[str, ...], tuple[float, ...] | None]


def term_weights(text: str) -> Terms:
    """The part of a sentence's TF-IDF vector that does not depend on the collection (so it
    can be kept between builds: tuples, quicker to read back than dictionaries)."""
    counts = Counter(words(text))
    if all(n == 1 for n in counts.values()):
        return tuple(counts), None
    return tuple(counts), tuple(1.0 + math.log(n) if n > 1 else 1.0 for n in counts.values())


def _weighted(terms: Terms, idf) -> Vector:
    """The TF-IDF vector of a sentence's terms, unit length; ``idf`` maps a word to its
    inverse document frequency. A word said once weighs its idf: 1.0 * idf is idf exactly."""
    found, tfs = terms
    if tfs is None:
        return unit({w: idf(w) for w in found})
    return unit({w: tf * idf(w) for w, tf in zip(found, tfs, strict=True)})


@dataclass(slots=True)
class Topic:
    """Document frequencies of a collection's sentences and the topic's centroid."""

    documents: int = 0
    document_frequency: Counter = field(default_factory=Counter)
    centroid: Vector = field(default_factory=dict)
    _idf: dict[str, float] = field(default_factory=dict)

    def idf(self, word: str) -> float:
        known = self._idf.get(word)
        if known is None:
            known = math.log((1 + self.documents)
                             / (1 + self.document_frequency.get(word, 0))) + 1.0
            self._idf[word] = known
        return known

    def vector(self, text: str) -> Vector:
        """TF-IDF of ``text`` (sublinear term frequency), unit length."""
        return _weighted(term_weights(text), self.idf)

    def centrality(self, vector: Vector) -> float:
        """How close a sentence is to what the collection is about (0-1)."""
        return cosine(vector, self.centroid)


def learn_topic(sentences: Iterable[tuple[str, float]], topic: str = "",
                keywords: Iterable[str] = (), terms: Callable[[str], Terms] = term_weights
                ) -> tuple[Topic, list[Vector]]:
    """The topic of ``(sentence, weight)`` pairs and each sentence's vector, in order.

    ``weight`` is how much the sentence counts towards the centroid (how many articles report
    it). ``topic`` (a phrase) and ``keywords`` (words), when given, are added to the centroid
    with :data:`EDITOR_WEIGHT` times the weight of everything the collection says. ``terms``
    is :func:`term_weights` or a memo of it kept between builds.
    """
    pairs = list(sentences)
    model = Topic()
    weighted = [terms(text) for text, _ in pairs]
    frequency = model.document_frequency
    for words_of, _ in weighted:
        frequency.update(words_of)
    model.documents = documents = len(weighted)
    log = math.log
    idf = model._idf = {w: log((1 + documents) / (1 + n)) + 1.0 for w, n in frequency.items()}
    # (1 + log n) * idf, and idf alone for a word said once: 1.0 * idf is idf exactly
    vectors = [_weighted(terms, idf.__getitem__) for terms in weighted]
    learned = centroid(zip(vectors, (weight for _, weight in pairs), strict=True))
    editor = " ".join([topic, *keywords]).strip()
    if editor:
        named = model.vector(editor)
        learned = centroid([(learned, 1.0), (named, EDITOR_WEIGHT)])
    model.centroid = learned
    return model, vectors
