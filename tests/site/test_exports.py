"""events.json: the documented schema (docs/events-schema.md), order, and optional fields."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from timeline.config import Config
from timeline.model import Article, Citation, Event
from timeline.site.exports import (
    EVENTS_JSON,
    event_to_json,
    events_document,
    events_json_text,
    write_events_json,
)
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

TEXT = "Kerry called Zebari on Saturday. Talks start Monday. The war began in 2003."
ARTICLE = Article(path=Path("content/wsj.txt"), slug="wsj", title="Iraq “talks”", text=TEXT,
                  source="The Wall Street Journal", url="https://example.org/wsj",
                  published=dt.datetime(2014, 6, 15, 18, 0, tzinfo=dt.UTC))


def event(phrase: str, value: str, mod: str | None = None, **fields) -> Event:
    start = TEXT.index(phrase)
    sentence_start = TEXT.rfind(". ", 0, start) + 2 if TEXT.rfind(". ", 0, start) >= 0 else 0
    sentence_end = TEXT.index(".", start) + 1
    meaning = interpret(value)
    timex = Timex(start, start + len(phrase), phrase, "DATE", value, mod, meaning.precision,
                  (meaning.start, meaning.end))
    sentence = TEXT[sentence_start:sentence_end]
    citation = Citation(ARTICLE, sentence, sentence_start, sentence_end, timex)
    return Event(id=f"id-{value}", value=value, precision=meaning.precision,
                 start=meaning.start, end=meaning.end, text=sentence, citations=[citation],
                 mod=mod, **fields)


CORE_KEYS = ("id", "date", "text", "status", "citations")


def test_event_schema_by_hand():
    data = event_to_json(event("on Saturday", "2014-06-14"))
    # later stages (merging) may add documented optional keys; the core is fixed
    assert {key: data[key] for key in CORE_KEYS} == {
        "id": "id-2014-06-14",
        "date": {"value": "2014-06-14", "precision": "day", "start": "2014-06-14",
                 "end": "2014-06-15", "label": "14 June 2014"},
        "text": "Kerry called Zebari on Saturday.",
        "status": "reported",
        "citations": [{
            "source": "content/wsj.txt",
            "title": "Iraq “talks”",
            "publisher": "The Wall Street Journal",
            "url": "https://example.org/wsj",
            "published": "2014-06-15",
            "expression": "on Saturday",
            "value": "2014-06-14",
            "sentence": "Kerry called Zebari on Saturday.",
            "offsets": {"sentence": [0, 32], "expression": [20, 31]},
            "page": "sources/wsj.html",
        }],
    }


def test_offsets_index_the_article_text():
    citation = event_to_json(event("Monday", "2014-06-16"))["citations"][0]
    start, end = citation["offsets"]["expression"]
    assert TEXT[start:end] == "Monday"
    start, end = citation["offsets"]["sentence"]
    assert TEXT[start:end] == citation["sentence"] == "Talks start Monday."


def test_mod_and_optional_fields_only_when_set():
    plain = event_to_json(event("in 2003", "2003"))
    assert "mod" not in plain["date"]
    assert not {"headline", "conflicts", "tags", "featured", "note", "editorial"} & plain.keys()
    rich = event_to_json(event("in 2003", "2003", mod="START", headline="War begins",
                               tags=["iraq"], featured=True, note="*Context*",
                               conflicts=[{"value": "2002"}], status="expected"))
    assert rich["date"]["mod"] == "START"
    assert rich["date"]["label"] == "early 2003"
    assert rich["headline"] == "War begins"
    assert rich["tags"] == ["iraq"] and rich["featured"] is True
    assert rich["note"] == "*Context*"
    assert rich["conflicts"] == [{"value": "2002"}]
    assert rich["status"] == "expected"


def test_a_range_and_a_doubt_are_in_the_date():
    ranged = event("in 2003", "2003", end_value="2005")
    ranged.end = dt.date(2006, 1, 1)
    date = event_to_json(ranged)["date"]
    assert (date["value"], date["end_value"], date["label"]) == ("2003", "2005", "2003\u20132005")
    assert "certain" not in date and "doubt" not in date
    doubtful = event_to_json(event("on Saturday", "2014-06-14", doubt="quoted"))["date"]
    assert (doubtful["certain"], doubtful["doubt"]) == (False, "quoted")
    assert "end_value" not in doubtful


def test_document_is_chronological_and_leaves_hidden_out():
    events = [event("Monday", "2014-06-16"), event("in 2003", "2003"),
              event("on Saturday", "2014-06-14", hidden=True)]
    document = events_document(events, Config(title="T"))
    assert document["schema"] == 1 and document["title"] == "T"
    assert [e["date"]["value"] for e in document["events"]] == ["2003", "2014-06-16"]


def test_written_file_is_utf8_json(tmp_path):
    path = write_events_json(tmp_path, [event("on Saturday", "2014-06-14")], Config())
    assert path == tmp_path / EVENTS_JSON
    raw = path.read_text(encoding="utf-8")
    assert "“talks”" in raw  # not \\u escapes
    assert json.loads(raw)["events"][0]["citations"][0]["title"] == "Iraq “talks”"


def test_events_json_text_is_the_standard_indented_json():
    """The fast writer (events indented once, remembered between builds) writes what
    ``json.dumps(indent=2)`` writes, also for text that line-splitting functions would cut."""
    events = [event("Monday", "2014-06-16", note="line\u2028two\nthree \"q\" </script>"),
              event("in 2003", "2003", tags=["a", "b"]), event("on Saturday", "2014-06-14")]
    for chosen in (events, events[1:], events[:1], []):  # again: texts come from the memo
        document = events_document(chosen, Config(title="T\n“x”"))
        assert events_json_text(document) == json.dumps(document, ensure_ascii=False,
                                                        indent=2) + "\n"


def test_undated_article_has_null_published():
    undated = Article(path=Path("content/x.txt"), slug="x", title="X", text=TEXT)
    data = event("on Saturday", "2014-06-14")
    data.citations[0].article = undated
    citation = event_to_json(data)["citations"][0]
    assert citation["published"] is None and citation["url"] is None


# --- the example site's events.json against the documented schema --------------------------

PRECISIONS = {"second", "minute", "hour", "daypart", "day", "weekend", "week", "month",
              "season", "quarter", "half", "year", "decade", "century", "millennium"}


def check_event(event: dict) -> None:
    assert isinstance(event["id"], str) and event["id"]
    date = event["date"]
    assert {"value", "precision", "start", "end", "label"} <= date.keys()
    assert date["precision"] in PRECISIONS
    start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
    assert start < end
    meaning = interpret(date["value"])
    last = interpret(date["end_value"]) if "end_value" in date else meaning
    assert (meaning.start, last.end) == (start, end)
    assert "T24" not in date["value"]
    assert isinstance(event["text"], str) and event["text"]
    assert event["status"] in ("reported", "expected")
    assert event["citations"]
    for citation in event["citations"]:
        assert citation["source"].startswith("content/")
        assert isinstance(citation["title"], str)
        assert citation["published"] is None or dt.date.fromisoformat(citation["published"])
        assert citation["expression"] in citation["sentence"]
        assert citation["url"] is None or citation["url"].startswith(("http://", "https://"))


def test_example_events_json_follows_the_schema(built_site):
    document = json.loads((built_site.output / EVENTS_JSON).read_text(encoding="utf-8"))
    assert document["schema"] == 1
    events = document["events"]
    assert events, "no events: is the tagger in place?"
    for item in events:
        check_event(item)
    assert len({e["id"] for e in events}) == len(events)
    starts = [e["date"]["start"] for e in events]
    assert starts == sorted(starts)


def test_offsets_point_into_the_loaded_article(built_site, example_project):
    from timeline.config import load_config
    from timeline.ingest.content import load_article

    config = load_config(example_project)
    document = json.loads((built_site.output / EVENTS_JSON).read_text(encoding="utf-8"))
    texts = {}
    for item in document["events"]:
        for citation in item["citations"]:
            source = citation["source"]
            if source not in texts:
                texts[source] = load_article(example_project / source, config).text
            start, end = citation["offsets"]["expression"]
            assert texts[source][start:end] == citation["expression"]
            start, end = citation["offsets"]["sentence"]
            assert texts[source][start:end] == citation["sentence"]


_EVENT_EDITS = [("text", "Changed."), ("headline", "A headline"), ("status", "expected"),
                ("mod", "START"), ("id", "e-other"), ("tags", ["x"]), ("featured", True),
                ("note", "n"), ("aliases", ["e-old"]), ("independent_sources", 3),
                ("conflicts", [{"value": "2014-06-13"}]), ("date_corrected_from", "2014-06-13")]
_ARTICLE_EDITS = [("title", "Renamed"), ("source", "AP"), ("url", "https://example.org/moved"),
                  ("published", dt.date(2014, 6, 20)), ("slug", "wsj2"),
                  ("path", Path("content/other.txt"))]


def test_written_events_json_remembered_from_the_last_build_equals_json_dumps(tmp_path):
    """write_events_json reuses each unchanged event's text from the previous call; after any
    edit of a field events.json shows, it still writes exactly ``json.dumps(indent=2)``."""
    import dataclasses

    def written(events) -> str:
        return write_events_json(tmp_path, events, Config(title="T")).read_text("utf-8")

    def expected(events) -> str:
        return json.dumps(events_document(events, Config(title="T")), ensure_ascii=False,
                          indent=2) + "\n"

    def fresh() -> list[Event]:
        return [event("Monday", "2014-06-16"), event("on Saturday", "2014-06-14")]

    for name, value in _EVENT_EDITS + [("article." + n, v) for n, v in _ARTICLE_EDITS]:
        assert written(fresh()) == expected(fresh())  # remembers both events
        events = fresh()
        if name.startswith("article."):
            citation = events[0].citations[0]
            citation.article = dataclasses.replace(citation.article, **{name[8:]: value})
        else:
            setattr(events[0], name, value)
        assert expected(events) != expected(fresh()), name  # the edit shows in events.json
        assert written(events) == expected(events), name


def test_key_dates_and_salience_are_in_the_document(tmp_path):
    from timeline.events.keydates import select_key_dates

    events = [event("Monday", "2014-06-16"), event("in 2003", "2003")]
    key_dates = select_key_dates(events, Config(key_events=1))
    document = json.loads(write_events_json(tmp_path, events, Config(), key_dates)
                          .read_text(encoding="utf-8"))
    (key_date,) = document["key_dates"]
    summarised = {e["id"]: e for e in document["events"]}[key_date["summary"][0]]
    assert summarised["key"] is True and summarised["date"] == key_date["date"]
    assert all(isinstance(e["salience"], float) for e in document["events"])
    assert sum(e["key"] for e in document["events"]) == 1


def test_a_build_that_does_not_remember_writes_the_same_and_keeps_nothing(tmp_path):
    """timeline build runs once: events.json is streamed to the file and no event text is
    kept for a next build (the preview server's builds keep them)."""
    from timeline.site import exports

    events = [event("Monday", "2014-06-16"), event("on Saturday", "2014-06-14")]
    expected = json.dumps(events_document(events, Config(title="T")), ensure_ascii=False,
                          indent=2) + "\n"
    for remember in (True, False):
        target = write_events_json(tmp_path, events, Config(title="T"), remember=remember)
        assert target.read_text(encoding="utf-8") == expected
        assert bool(exports._EVENT_ITEMS._texts) is remember
