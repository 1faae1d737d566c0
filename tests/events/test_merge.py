"""Merging near-duplicate reports into one event: matching, negatives, conflicts, sources."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from tests.eventfactory import article, event
from timeline.events.merge import (
    candidate_pairs,
    independent_sources,
    merge_events,
    normalise,
    similarity,
)

JUNE_15 = dt.date(2014, 6, 15)
WSJ = article("wsj", JUNE_15, "The Wall Street Journal")
BLOG = article("blog", JUNE_15, "Blog reprint of The Wall Street Journal")
LATER = article("later", dt.date(2014, 6, 22), "Reuters")
EARLY = article("early", dt.date(2014, 6, 14), "Associated Press")

PHOTOS_WSJ = ("The possible depth of the ISIS threat became clearer on Sunday when photos were "
              "posted on a Twitter TWTR +0.51% account associated with ISIS claiming to show "
              "Sunni militants carrying out a mass execution of captured Iraqi Shiite soldiers, "
              "raising the prospect of a broader sectarian war in Iraq.")
PHOTOS_BLOG = ("The possible depth of the ISIS threat became clearer on Sunday when photos were "
               "posted on a Twitter  account associated with ISIS claiming to show Sunni "
               "militants carrying out a mass execution of captured Iraqi Shiite soldiers, "
               "raising the prospect of a broader sectarian war in Iraq.")
KERRY_WSJ = ("Secretary of State John Kerry communicated Washington’s strategy to his Iraqi "
             "counterpart, Hoshyar Zebari, in a phone call on Saturday, according to the State "
             "Department.")
KERRY_BLOG = KERRY_WSJ.replace("’", "'")
TAL_AFAR = ("Iraqi officials said on Sunday that ISIS had taken control of Tal Afar in northwest "
            "Iraq, where thousands of U.S. and Iraqi forces once fought.")


def test_normalise_ignores_case_quotes_dashes_and_punctuation():
    typographic = normalise("Maliki’s “Shiite—led” GOVERNMENT.")
    assert typographic == normalise("maliki's \"shiite-led\" government")
    assert normalise("  Hello,   world!  ") == "hello world"


def test_ticker_insertion_and_quote_styles_merge_into_one_event():
    merged = merge_events([event(WSJ, PHOTOS_WSJ, "on Sunday", "2014-06-15"),
                           event(BLOG, PHOTOS_BLOG, "on Sunday", "2014-06-15"),
                           event(WSJ, KERRY_WSJ, "on Saturday", "2014-06-14"),
                           event(BLOG, KERRY_BLOG, "on Saturday", "2014-06-14")])
    assert len(merged) == 2
    kerry, photos = merged  # chronological
    assert kerry.value == "2014-06-14" and photos.value == "2014-06-15"
    for merged_event in merged:
        assert {c.article.slug for c in merged_event.citations} == {"wsj", "blog"}
        assert merged_event.conflicts == []


def test_trimmed_sentence_merges_with_its_longer_version():
    trimmed = ("Neither the alleged death toll nor the identity of the victims could be "
               "verified on Sunday.")
    longer = ("While the photographs were posted on a Twitter account associated with ISIS, "
              "neither the alleged death toll nor the identity of the victims could be "
              "verified on Sunday.")
    merged = merge_events([event(BLOG, trimmed, "on Sunday", "2014-06-15"),
                           event(WSJ, longer, "on Sunday", "2014-06-15")])
    assert len(merged) == 1 and len(merged[0].citations) == 2


def test_citations_are_ordered_by_publication_date():
    sentence = "Iran said on Saturday it was open to cooperating with the U.S. in Iraq."
    merged = merge_events([event(LATER, sentence, "on Saturday", "2014-06-14"),
                           event(WSJ, sentence, "on Saturday", "2014-06-14"),
                           event(EARLY, sentence, "on Saturday", "2014-06-14")])
    assert [c.article.slug for c in merged[0].citations] == ["early", "wsj", "later"]


def test_different_events_on_the_same_day_stay_apart():
    merged = merge_events([event(WSJ, PHOTOS_WSJ, "on Sunday", "2014-06-15"),
                           event(BLOG, TAL_AFAR, "on Sunday", "2014-06-15")])
    assert len(merged) == 2
    assert all(len(e.citations) == 1 for e in merged)


def test_same_wording_with_other_names_and_numbers_stays_apart():
    tokyo = "Stocks rose 2 percent in Tokyo on Monday after the central bank cut its key rate."
    london = "Stocks fell 3 percent in London on Monday after the central bank held its key rate."
    merged = merge_events([event(WSJ, tokyo, "on Monday", "2014-06-16"),
                           event(BLOG, london, "on Monday", "2014-06-16")])
    assert len(merged) == 2


def test_sentences_of_one_article_never_merge_with_each_other():
    sentence = "Officials met in Geneva on Tuesday to discuss the crisis."
    merged = merge_events([event(WSJ, sentence, "on Tuesday", "2014-06-10"),
                           event(WSJ, sentence, "on Tuesday", "2014-06-10"),
                           event(BLOG, sentence, "on Tuesday", "2014-06-10")])
    assert sorted(len(e.citations) for e in merged) == [1, 2]
    for merged_event in merged:
        slugs = [c.article.slug for c in merged_event.citations]
        assert len(slugs) == len(set(slugs))


def test_the_same_sentence_on_two_days_is_two_events():
    """A weekly meeting, reported in the same words a week apart: two Saturdays, no conflict."""
    sentence = "Kerry called Zebari on Saturday to discuss the Iraq crisis."
    merged = merge_events([event(WSJ, sentence, "on Saturday", "2014-06-14"),
                           event(LATER, sentence, "on Saturday", "2014-06-21")])
    assert [(e.value, len(e.citations), e.conflicts) for e in merged] == [
        ("2014-06-14", 1, []), ("2014-06-21", 1, [])]


def test_an_annual_report_a_year_apart_is_two_events():
    first = article("y1", dt.date(2013, 3, 4), "Harbour Post")
    second = article("y2", dt.date(2014, 3, 3), "Harbour Post")
    sentence = "The port authority published its annual report on Monday, showing record cargo."
    merged = merge_events([event(first, sentence, "on Monday", "2013-03-04"),
                           event(second, sentence, "on Monday", "2014-03-03")])
    assert len(merged) == 2 and all(not e.conflicts for e in merged)


def test_days_differ_so_sources_split_by_day_and_the_week_joins_the_first():
    sentence = ("Senior White House officials met their Iranian counterparts in Geneva but "
                "didn't discuss the Iraq crisis.")
    merged = merge_events([event(WSJ, sentence, "Geneva", "2014-W24"),
                           event(BLOG, sentence, "Geneva", "2014-06-10"),
                           event(LATER, sentence, "Geneva", "2014-06-11")])
    assert [(e.value, sorted(c.article.slug for c in e.citations), e.conflicts)
            for e in merged] == [("2014-06-10", ["blog", "wsj"], []),
                                 ("2014-06-11", ["later"], [])]


def test_a_coarse_date_supports_the_day_most_sources_give():
    sentence = "The ministers met in Vienna for a new round of talks on the nuclear programme."
    others = [article(f"s{i}", JUNE_15, f"Paper {i}") for i in range(4)]
    merged = merge_events([event(EARLY, sentence, "Vienna", "2014-06"),
                           event(others[0], sentence, "Vienna", "2014-06-09"),
                           event(others[1], sentence, "Vienna", "2014-06-10"),
                           event(others[2], sentence, "Vienna", "2014-06-10"),
                           event(others[3], sentence, "Vienna", "2014-07-01")])
    assert [(e.value, len(e.citations)) for e in merged] == [
        ("2014-06-09", 1), ("2014-06-10", 3), ("2014-07-01", 1)]
    assert "early" in {c.article.slug for c in merged[1].citations}


def test_a_day_and_the_week_holding_it_are_one_event_without_conflict():
    sentence = "The river festival ran with concerts, boat races and a market in the old town."
    merged = merge_events([event(WSJ, sentence, "river festival", "2014-06-03"),
                           event(LATER, sentence, "river festival", "2014-06-03"),
                           event(EARLY, sentence, "river festival", "2014-W23")])
    assert len(merged) == 1  # a day and the week holding it: they nest, no conflict
    assert merged[0].conflicts == []


def test_threshold_decides_borderline_pairs():
    said = "The governor said that hundreds of soldiers were captured on Sunday in the province."
    says = "The governor says that hundreds of soldiers were captured on Sunday in the province."
    pair = [event(WSJ, said, "on Sunday", "2014-06-15"),
            event(BLOG, says, "on Sunday", "2014-06-15")]
    score = similarity(normalise(said), normalise(says))
    assert 80 < score < 100
    assert len(merge_events(pair, threshold=80)) == 1
    pair = [event(WSJ, said, "on Sunday", "2014-06-15"),
            event(BLOG, says, "on Sunday", "2014-06-15")]
    assert len(merge_events(pair, threshold=99.5)) == 2


def test_merged_event_keeps_a_member_id_and_lists_the_others_as_aliases():
    members = [event(WSJ, KERRY_WSJ, "on Saturday", "2014-06-14"),
               event(BLOG, KERRY_BLOG, "on Saturday", "2014-06-14")]
    ids = {m.id for m in members}
    merged = merge_events(members)[0]
    assert merged.id in ids
    assert set(merged.aliases) == ids - {merged.id}


def test_merging_is_independent_of_input_order():
    inputs = [(WSJ, PHOTOS_WSJ, "on Sunday", "2014-06-15"),
              (BLOG, PHOTOS_BLOG, "on Sunday", "2014-06-15"),
              (BLOG, TAL_AFAR, "on Sunday", "2014-06-15"),
              (WSJ, KERRY_WSJ, "on Saturday", "2014-06-14")]
    outcomes = set()
    for order in itertools.permutations(inputs):
        merged = merge_events([event(*args) for args in order])
        outcomes.add(tuple((e.id, tuple(c.article.slug for c in e.citations)) for e in merged))
    assert len(outcomes) == 1


def test_candidate_generation_compares_near_duplicates_not_everything():
    words = [f"w{i}" for i in range(400)]
    texts = [normalise(f"{words[i]} {words[i + 1]} met {words[i + 2]} in {words[i + 3]} on the day")
             for i in range(0, 396)]
    copy = texts[10] + " again"
    texts.append(copy)
    pairs = candidate_pairs(texts)
    all_pairs = len(texts) * (len(texts) - 1) // 2
    assert (10, len(texts) - 1) in pairs
    assert len(pairs) < all_pairs / 20


@pytest.mark.parametrize(("sources", "expected"), [
    (["The Wall Street Journal", "Blog reprint of The Wall Street Journal"], 1),
    (["The Wall Street Journal", "Reuters"], 2),
    (["The Wall Street Journal", "Reuters", "Reuters"], 2),
    (["Associated Press"], 1),
])
def test_independent_sources_count_publishers_and_fold_reprints(sources, expected):
    citations = [event(article(f"a{i}", JUNE_15, name), "Talks began on Sunday.", "on Sunday",
                       "2014-06-15").citations[0] for i, name in enumerate(sources)]
    assert independent_sources(citations) == expected


def test_declared_reprint_counts_with_its_original():
    original = article("orig", JUNE_15, "Reuters")
    reprint = article("copy", JUNE_15, "Daily Planet", reprint_of="Reuters")
    citations = [event(a, "Talks began on Sunday.", "on Sunday", "2014-06-15").citations[0]
                 for a in (original, reprint)]
    assert independent_sources(citations) == 1


def test_merged_event_carries_its_independent_source_count():
    merged = merge_events([event(WSJ, KERRY_WSJ, "on Saturday", "2014-06-14"),
                           event(BLOG, KERRY_BLOG, "on Saturday", "2014-06-14"),
                           event(LATER, KERRY_WSJ, "on Saturday", "2014-06-14")])
    assert len(merged) == 1
    assert merged[0].independent_sources == 2


def test_on_the_same_day_the_original_goes_before_its_reprint():
    merged = merge_events([event(BLOG, KERRY_BLOG, "on Saturday", "2014-06-14"),
                           event(WSJ, KERRY_WSJ, "on Saturday", "2014-06-14")])[0]
    assert [c.article.slug for c in merged.citations] == ["wsj", "blog"]
    assert merged.text == KERRY_WSJ


# --- acceptance on the seeds (needs the tagger and the build) --------------------------------

SEED_FILES = ["content/2014-wsj-iraq-blog-reprint.txt", "content/2014-wsj-iraq-original.txt"]
SEED_REPORTS = {
    "Kerry-Zebari call": "Hoshyar Zebari, in a phone call on Saturday",
    "Rouhani's Saturday statement": "Rouhani said on Saturday that his government was open",
    "photos posted on Sunday": "became clearer on Sunday when photos were posted",
    "Graham on CNN": "said Sunday on CNN",
    "Aboutalebi's tweet": "tweeted Hamid Aboutalebi",
}


def _seed_events(built_site) -> list[dict]:
    return json.loads((built_site.output / "events.json").read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("name", SEED_REPORTS)
def test_seed_report_is_one_event_citing_both_files(built_site, name):
    words = SEED_REPORTS[name]
    hits = [e for e in _seed_events(built_site)
            if any(words in c["sentence"] for c in e["citations"])]
    assert len(hits) == 1, name
    assert sorted(c["source"] for c in hits[0]["citations"]) == SEED_FILES
    assert hits[0]["independent_sources"] == 1  # the blog reprints the Journal


def test_no_sentence_of_the_seeds_appears_in_two_events(built_site):
    owner: dict[tuple[str, str], str] = {}
    for seed_event in _seed_events(built_site):
        for citation in seed_event["citations"]:
            key = (citation["source"], normalise(citation["sentence"]))
            assert key not in owner, key
            owner[key] = seed_event["id"]
    by_sentence: dict[str, set[str]] = {}
    for (_, sentence), event_id in owner.items():
        by_sentence.setdefault(sentence, set()).add(event_id)
    assert all(len(ids) == 1 for ids in by_sentence.values())


def build_from(tmp_path, articles: list[tuple[str, str, str, str]]) -> list[dict]:
    """Build a site from real files: (name, publication date, publisher, text) each."""
    from timeline.config import load_config
    from timeline.pipeline.build import build_site

    content = tmp_path / "content"
    content.mkdir()
    for name, date, publisher, text in articles:
        (content / f"{name}.txt").write_text(
            f"---\ntitle: {name}\nsource: {publisher}\ndate: {date}\n---\n{text}\n",
            encoding="utf-8")
    result = build_site(load_config(tmp_path))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    return json.loads((result.output / "events.json").read_text(encoding="utf-8"))["events"]


def test_a_weekly_call_reported_in_the_same_words_is_two_events_on_the_page(tmp_path):
    sentence = ("Secretary of State John Kerry spoke to his Iraqi counterpart, Hoshyar Zebari, "
                "in a phone call on Saturday, according to the State Department.")
    events = build_from(tmp_path, [("first", "2014-06-15", "The Wall Street Journal", sentence),
                                   ("later", "2014-06-23", "Weekly Digest", sentence)])
    assert sorted((e["date"]["value"], e.get("conflicts")) for e in events) == [
        ("2014-06-14", None), ("2014-06-21", None)]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Sources disagree on this date" not in page


def test_overlapping_ranges_show_as_a_conflict_on_the_page_and_in_events_json(tmp_path):
    text = ("The river festival in the old town ran from June {} to June {} with concerts, "
            "boat races and a market.")
    events = build_from(tmp_path, [("first", "2014-06-10", "Harbour Post", text.format(3, 5)),
                                   ("later", "2014-06-12", "Weekly Digest", text.format(4, 8))])
    [festival] = events
    assert len(festival["citations"]) == 2 and festival["independent_sources"] == 2
    assert {(c["source"], c["label"]) for c in festival["conflicts"]} == {
        ("content/first.txt", "3–5 June 2014"), ("content/later.txt", "4–8 June 2014")}
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Sources disagree on this date" in page
    assert "Weekly Digest: 4–8 June 2014" in page


# --- invariants on random inputs ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PHRASES = [KERRY_WSJ, KERRY_BLOG, PHOTOS_WSJ, PHOTOS_BLOG, TAL_AFAR,
            "Talks began on Sunday.", "Talks began on Sunday in Vienna."]
_ARTICLES = [WSJ, BLOG, LATER, EARLY]
_DAYS = ["2014-06-14", "2014-06-15", "2014-W24", "2014-06"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ARTICLES), st.sampled_from(_PHRASES),
                          st.sampled_from(_DAYS)), max_size=14))
def test_merge_invariants(specs):
    inputs = [event(source, sentence, sentence.split()[0], value)
              for source, sentence, value in specs]
    citations = [e.citations[0] for e in inputs]
    merged = merge_events(inputs)
    out = [c for e in merged for c in e.citations]
    # every report is kept exactly once
    assert sorted(map(id, out)) == sorted(map(id, citations))
    for merged_event in merged:
        slugs = [c.article.slug for c in merged_event.citations]
        assert len(slugs) == len(set(slugs))  # one citation per article
        dates = [c.article.published_date for c in merged_event.citations]
        assert dates == sorted(dates)  # ordered by publication
        values = {c.timex.value for c in merged_event.citations}
        assert bool(merged_event.conflicts) == any(
            not _nests(a, b) for a in values for b in values)
    assert [e.sort_key for e in merged] == sorted(e.sort_key for e in merged)


def _nests(a: str, b: str) -> bool:
    from timeline.temporal.values import interpret

    x, y = interpret(a), interpret(b)
    return (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)
