"""timeline.pipeline.digest: fast pickles round-trip exactly; digests tell equal data from changed
data."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

from timeline.config import load_config
from timeline.pipeline.build import process_article
from timeline.pipeline.digest import _SLOTTED, digest, dumps

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "2014-wsj-iraq-original.txt"


def seed_result():
    return process_article(SEED, load_config(ROOT))


def test_fast_pickle_round_trips_a_processed_article():
    result = seed_result()
    assert result.events and result.timexes and result.article.blocks
    again = pickle.loads(dumps(result))
    assert again == result
    # shared objects stay shared: every citation points at the one article
    assert all(c.article is again.article for e in again.events for c in e.citations)


def test_rebuilding_by_the_class_is_valid_for_every_slotted_class():
    """(class, field values) is rebuilt by calling the class: all fields must be positional
    __init__ arguments and no __post_init__ may change them."""
    for cls in _SLOTTED:
        assert all(f.init and not f.kw_only for f in dataclasses.fields(cls)), cls
        assert not hasattr(cls, "__post_init__"), cls


def test_digest_follows_the_data():
    result = seed_result()
    same = copy.deepcopy(result)
    assert digest(result) == digest(same)
    same.events[0].headline = "changed"
    assert digest(result) != digest(same)
    moved = copy.deepcopy(result)
    moved.timexes[0] = dataclasses.replace(moved.timexes[0], value="2000-01-01")
    assert digest(result) != digest(moved)


def test_a_known_article_stands_in_as_its_digest():
    result = seed_result()
    articles = {id(result.article): b"article-v1"}
    event = result.events[0]
    assert digest(event, articles) != digest(event)
    result.article.text += " more"  # not looked at: the caller vouches for the article
    assert digest(event, articles) == digest(event, {id(result.article): b"article-v1"})
    assert digest(event, articles) != digest(event, {id(result.article): b"article-v2"})
