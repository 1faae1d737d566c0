"""The incremental article cache: hits, misses, invalidation, isolation, damaged entries."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.pipeline.build import build_site, process_article
from timeline.pipeline.cache import CACHE_FORMAT, ArticleCache

ARTICLE = "content/2014-wsj-iraq-original.txt"


class CountingProcess:
    """The real ``process_article``, counting how often it really runs."""

    def __init__(self) -> None:
        self.calls: list[Path] = []

    def __call__(self, path, config):
        self.calls.append(Path(path))
        return process_article(path, config)


@pytest.fixture
def config(example_project):
    return load_config(example_project)


@pytest.fixture
def article(example_project) -> Path:
    return example_project / ARTICLE


def test_the_second_call_is_a_hit_with_an_equal_result(config, article, tmp_path):
    cache, process = ArticleCache(tmp_path / "cache"), CountingProcess()
    first = cache.get(article, config, process)
    second = cache.get(article, config, process)
    assert len(process.calls) == 1
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)
    assert second.article.title == first.article.title and second.article.text == first.article.text
    assert [t.value for t in second.timexes] == [t.value for t in first.timexes]
    assert [e.id for e in second.events] == [e.id for e in first.events]


def test_each_hit_is_a_fresh_copy(config, article):
    cache = ArticleCache()
    first = cache.get(article, config, CountingProcess())
    first.article.slug = "changed-by-a-later-stage"
    if first.events:
        first.events[0].status = "mutated"
    again = cache.get(article, config, CountingProcess())
    assert again.article.slug != "changed-by-a-later-stage"
    assert all(e.status != "mutated" for e in again.events)


def test_changing_the_file_bytes_is_a_miss(config, article):
    cache, process = ArticleCache(), CountingProcess()
    cache.get(article, config, process)
    with article.open("a", encoding="utf-8") as out:
        out.write("\nOne more sentence on Friday.\n")
    result = cache.get(article, config, process)
    assert len(process.calls) == 2
    assert "One more sentence on Friday." in result.article.text


def test_touching_without_changing_bytes_is_a_hit(config, article):
    cache, process = ArticleCache(), CountingProcess()
    cache.get(article, config, process)
    article.write_bytes(article.read_bytes())
    cache.get(article, config, process)
    assert len(process.calls) == 1


def test_settings_that_change_one_article_are_part_of_the_key(config, article):
    cache, process = ArticleCache(), CountingProcess()
    cache.get(article, config, process)
    cache.get(article, dataclasses.replace(config, title="Another title"), process)
    assert len(process.calls) == 1  # the site title cannot change an article's events
    cache.get(article, dataclasses.replace(config, dayfirst=not config.dayfirst), process)
    assert len(process.calls) == 2  # day-first reading can


def test_the_tagger_version_is_part_of_the_key(config, article, monkeypatch):
    import timeline.pipeline.cache as cache_module

    cache, process = ArticleCache(), CountingProcess()
    cache.get(article, config, process)
    monkeypatch.setattr(cache_module, "_code_fingerprint", None)
    monkeypatch.setattr("timeline.temporal.TAGGER_VERSION", "a-newer-tagger")
    cache.get(article, config, process)
    assert len(process.calls) == 2


def test_the_code_fingerprint_covers_every_stage_of_an_article():
    from timeline.pipeline.cache import package_sources

    names = {name for name, _ in package_sources()}
    assert {"ingest/content.py", "temporal/tagger.py", "events/extract.py",
            "pipeline/build.py"} <= names


def test_the_disk_cache_survives_the_process(config, article, tmp_path):
    directory = tmp_path / "cache"
    ArticleCache(directory).get(article, config, CountingProcess())
    process = CountingProcess()
    fresh = ArticleCache(directory)  # a new process: empty memory, same folder
    result = fresh.get(article, config, process)
    assert process.calls == [] and fresh.stats.hits == 1
    assert result.article.title


@pytest.mark.parametrize("damage", [
    lambda raw: b"garbage that is not a cache entry",
    lambda raw: raw[: len(raw) // 2],  # truncated mid-write
    lambda raw: raw.split(b"\n", 1)[0] + b"\n" + b"\x80\x04not a pickle",
    lambda raw: raw.replace(f"timeline-cache {CACHE_FORMAT} ".encode(), b"timeline-cache 0 ",
                            1),  # older format
    lambda raw: b"",
])
def test_a_damaged_entry_is_a_miss_then_rewritten(config, article, tmp_path, damage):
    directory = tmp_path / "cache"
    ArticleCache(directory).get(article, config, CountingProcess())
    (entry,) = directory.glob("*.pickle")
    entry.write_bytes(damage(entry.read_bytes()))

    process = CountingProcess()
    result = ArticleCache(directory).get(article, config, process)
    assert len(process.calls) == 1 and result.article.title  # recomputed, no crash
    later = CountingProcess()
    ArticleCache(directory).get(article, config, later)
    assert later.calls == []  # the entry was rewritten whole


def test_an_unwritable_cache_folder_only_costs_speed(config, article, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    cache, process = ArticleCache(blocker / "cache"), CountingProcess()
    cache.get(article, config, process)
    cache.get(article, config, process)
    assert len(process.calls) == 1  # still cached in memory


def test_a_missing_file_is_processed_uncached_so_it_reports_itself(config, tmp_path):
    cache = ArticleCache()
    result = cache.get(tmp_path / "gone.txt", config, process_article)
    assert result.article is None and result.diagnostics.errors
    assert (cache.stats.hits, cache.stats.misses) == (0, 0)


def test_build_site_through_the_cache_reparses_only_the_changed_article(config, article):
    first_cache = ArticleCache.for_project(config)
    assert build_site(config, cache=first_cache).written
    assert (first_cache.stats.hits, first_cache.stats.misses) == (0, 2)
    with article.open("a", encoding="utf-8") as out:
        out.write("\nThe quokka envoy left on Thursday.\n")

    next_cache = ArticleCache.for_project(config)  # as in the next `timeline build` run
    assert build_site(config, cache=next_cache).written
    assert (next_cache.stats.hits, next_cache.stats.misses) == (1, 1)
    page = config.output_path / "sources" / "2014-wsj-iraq-original.html"
    assert "quokka envoy" in page.read_text(encoding="utf-8")


def test_a_new_entry_for_an_article_replaces_its_old_ones(config, article, tmp_path):
    directory = tmp_path / "cache"
    other = config.root / "content" / "2014-wsj-iraq-blog-reprint.txt"
    cache = ArticleCache(directory)
    cache.get(other, config, CountingProcess())
    for number in range(3):
        with article.open("a", encoding="utf-8") as out:
            out.write(f"\nEdit {number}.\n")
        cache.get(article, config, CountingProcess())
    assert len(list(directory.glob("*.pickle"))) == 2  # one per article, not one per edit
    assert len(cache._memory) == 2
    process = CountingProcess()
    ArticleCache(directory).get(article, config, process)
    ArticleCache(directory).get(other, config, process)
    assert process.calls == []  # the entries kept are the current ones


def test_the_build_command_fills_the_project_cache(example_project):
    from click.testing import CliRunner

    from timeline.cli import main

    outcome = CliRunner().invoke(main, ["build", "--config", str(example_project), "-q"])
    assert outcome.exit_code == 0, outcome.output
    entries = list((example_project / ".timeline-cache" / "articles").glob("*.pickle"))
    assert len(entries) == len(list((example_project / "content").glob("*.txt")))


def test_a_disk_only_cache_keeps_no_entries_or_pages_in_memory(config, article, tmp_path):
    """What timeline build uses: it runs once, so copies in memory would only cost RAM."""
    cache, process = ArticleCache(tmp_path / "cache", in_memory=False), CountingProcess()
    cache.get(article, config, process)
    assert cache.pages is None and cache._memory == {}
    assert cache.get(article, config, process).article.title  # a hit, from disk
    assert len(process.calls) == 1


def test_repeated_hits_are_copies_that_share_only_what_no_stage_changes(config, article):
    """The preview server's hits copy a kept result instead of unpickling it every build: what
    later stages change (article slug, events, their lists and citations) is copied, what they
    never change (text, blocks, time expressions) is shared."""
    cache, process = ArticleCache(), CountingProcess()
    cache.get(article, config, process)
    second = cache.get(article, config, process)
    second.article.slug = "renamed"
    second.article.tags.append("changed")
    event = second.events[0]
    event.status, event.id = "mutated", "other-id"
    event.tags.append("tag")
    event.citations.reverse()
    event.citations.append(event.citations[0])
    third = cache.get(article, config, process)
    assert len(process.calls) == 1 and cache.stats.hits == 2
    assert third.article.slug != "renamed" and "changed" not in third.article.tags
    assert third.events[0].status != "mutated" and third.events[0].id != "other-id"
    assert third.events[0].tags == [] and len(third.events[0].citations) == 1
    assert all(c.article is third.article for e in third.events for c in e.citations)
    assert third.article.text is second.article.text  # shared, not unpickled again
    assert third.timexes == second.timexes


# -- the stat fast path: unchanged files are neither read nor hashed ----------------------------


def _age(path: Path, seconds: float = 3600) -> None:
    """Date the file's modification back, as for a file saved a while before the build."""
    import os
    import time

    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_file_with_its_recorded_stat_is_served_without_reading_it(config, article, tmp_path):
    from timeline.pipeline.cache import file_stamp

    _age(article)
    first = ArticleCache(tmp_path / "cache")
    key = first.key_for(article, article.read_bytes(), config, file_stamp(article))
    first.store(key, process_article(article, config))
    first.stamps.save()

    fresh = ArticleCache(tmp_path / "cache")  # the next `timeline build`
    found, stamp = fresh.unchanged(article, config)
    assert found is not None and found.article.title and stamp == file_stamp(article)
    assert fresh.stats.hits == 1


def test_new_bytes_of_the_same_size_and_time_are_still_seen(config, article, tmp_path):
    """The change time moves with any write, even when size and modification time are put
    back: the file is read again."""
    import os

    from timeline.pipeline.cache import file_stamp

    _age(article)
    cache = ArticleCache(tmp_path / "cache")
    key = cache.key_for(article, article.read_bytes(), config, file_stamp(article))
    cache.store(key, process_article(article, config))
    before = os.stat(article)
    data = article.read_bytes()
    article.write_bytes(data.replace(b"Iran", b"Oman", 1))
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(article).st_size == before.st_size
    found, stamp = ArticleCache(tmp_path / "cache").unchanged(article, config)
    assert found is None and stamp is not None


def test_a_file_written_just_now_is_not_trusted_by_its_stat(config, article, tmp_path):
    from timeline.pipeline.cache import file_stamp

    article.write_bytes(article.read_bytes())  # modified now: a second write may follow
    cache = ArticleCache(tmp_path / "cache")
    key = cache.key_for(article, article.read_bytes(), config, file_stamp(article))
    cache.store(key, process_article(article, config))
    found, _ = cache.unchanged(article, config)
    assert found is None


def test_builds_through_the_stat_index_match_a_build_without_cache(config, article, tmp_path):
    """Real files, real builds: after an edit, the cached build shows the new text, and its
    pages are those of a build without any cache."""
    import dataclasses as dc

    for path in (config.root / "content").iterdir():
        _age(path)
    assert build_site(config, cache=ArticleCache.for_project(config, in_memory=False)).written
    with article.open("a", encoding="utf-8") as out:
        out.write("\nThe walrus delegation arrived on Friday.\n")
    _age(article, 600)
    again = ArticleCache.for_project(config, in_memory=False)
    assert build_site(config, cache=again).written
    assert (again.stats.hits, again.stats.misses) == (1, 1)
    third = ArticleCache.for_project(config, in_memory=False)
    assert build_site(config, cache=third).written
    assert (third.stats.hits, third.stats.misses) == (2, 0)
    plain = dc.replace(config, output_dir=str(tmp_path / "plain"))
    assert build_site(plain).written
    cached_site, plain_site = config.output_path, plain.output_path
    for page in sorted(plain_site.rglob("*.html")):
        twin = cached_site / page.relative_to(plain_site)
        assert twin.read_bytes() == page.read_bytes(), page.name
    assert "walrus delegation" in (cached_site / "sources" /
                                    "2014-wsj-iraq-original.html").read_text(encoding="utf-8")


def test_a_damaged_stat_index_only_costs_reading_the_files(config, article):
    assert build_site(config, cache=ArticleCache.for_project(config)).written
    index = config.root / ".timeline-cache" / "articles" / "stamps.index"
    index.write_bytes(b"timeline-stamps 2\nnot a pickle")
    cache = ArticleCache.for_project(config)
    assert build_site(config, cache=cache).written
    assert cache.stats.hits == 2
