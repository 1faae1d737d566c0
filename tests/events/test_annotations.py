"""Editorial annotations: reading (with lines), each operation, stale selectors, added events."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from tests.eventfactory import article, event
from timeline.errors import Diagnostics
from timeline.events.annotations import apply_annotations, load_annotations
from timeline.events.merge import merge_events

SUNDAY = dt.date(2014, 6, 15)
WSJ = article("wsj", SUNDAY, "The Wall Street Journal")
BLOG = article("blog", SUNDAY, "Blog reprint of The Wall Street Journal")

VIENNA = ("One avenue could be through Vienna, where senior American and Iranian diplomats will "
          "convene starting Monday as part of international negotiations.")
INVASION = ("Pressure could increase on Shiites to retaliate, raising the prospect of a wave of "
            "reprisal killings in the years following the U.S.-led invasion of Iraq in 2003.")
INVADED = "ISIS is one of the biggest threats Iran has faced since the U.S. invaded Iraq in 2003."
CALL = "Kerry spoke to Zebari in a phone call on Saturday, according to the State Department."


def events():
    return [event(WSJ, VIENNA, "Monday", "2014-06-16"),
            event(WSJ, INVASION, "2003", "2003"),
            event(WSJ, INVADED, "2003", "2003"),
            event(WSJ, CALL, "on Saturday", "2014-06-14")]


def annotate(tmp_path, yaml_text, evs=None):
    path = tmp_path / "annotations.yaml"
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    diagnostics = Diagnostics()
    annotations = load_annotations(path, diagnostics)
    result = apply_annotations(evs if evs is not None else events(), annotations, diagnostics)
    return result, diagnostics


def by_text(evs, words):
    return next(e for e in evs if words in e.text)


def test_missing_file_means_no_annotations(tmp_path):
    diagnostics = Diagnostics()
    assert load_annotations(tmp_path / "annotations.yaml", diagnostics) == []
    assert diagnostics.items == []


def test_select_by_id_and_change_title_featured_tags(tmp_path):
    evs = events()
    vienna = evs[0]
    result, diagnostics = annotate(tmp_path, f"""\
        events:
          - id: "{vienna.id}"
            title: Nuclear talks resume in Vienna
            featured: true
            tags: [diplomacy, nuclear]
        """, evs)
    assert diagnostics.items == []
    assert vienna.headline == "Nuclear talks resume in Vienna"
    assert vienna.featured is True
    assert vienna.tags == ["diplomacy", "nuclear"]
    others = [e for e in result if e is not vienna]
    assert not any(e.featured or e.tags or e.headline for e in others)


def test_select_by_date_and_text_adds_a_note(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - on: 2003
            text: "U.S.-led invasion"
            note: |
              The invasion began on **20 March 2003**.
        """)
    assert diagnostics.items == []
    invasion = by_text(result, "U.S.-led invasion")
    assert invasion.note.strip() == "The invasion began on **20 March 2003**."
    assert by_text(result, "invaded Iraq").note is None  # same date, other text


def test_text_match_ignores_quotes_case_and_punctuation(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - text: "KERRY SPOKE to Zebari in a phone call"
            tags: [call]
        """)
    assert diagnostics.items == []
    assert by_text(result, "Kerry spoke").tags == ["call"]


def test_text_with_a_small_edit_still_matches(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - on: 2014-06-14
            text: "Kerry spoke with Zebari in a phone call on Saturday"
            featured: true
        """)
    assert diagnostics.items == []
    assert by_text(result, "Kerry spoke").featured


def test_stale_id_is_a_warning_naming_file_and_line(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        # annotations
        events:
          - id: 0123456789
            featured: true
          - id: deadbeef00
            note: gone
        """)
    assert [d.line for d in diagnostics.warnings] == [3, 5]
    assert all(str(d).startswith(f"warning: {tmp_path / 'annotations.yaml'}:")
               for d in diagnostics.warnings)
    assert "matches no event" in diagnostics.warnings[0].message
    assert not any(e.featured or e.note for e in result)


def test_stale_id_with_text_falls_back_to_the_text(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - id: 0123456789
            text: convene starting Monday
            featured: true
        """)
    assert diagnostics.items == []
    assert by_text(result, "Vienna").featured


def test_id_of_a_merged_in_event_still_selects_the_merged_event(tmp_path):
    next_day = article("copy", dt.date(2014, 6, 16), "Daily Reprint")
    reprint = event(next_day, CALL.replace("Saturday,", "Saturday ,"), "on Saturday",
                    "2014-06-14")
    reprint.id = "blog-call-id"
    merged = merge_events([event(WSJ, CALL, "on Saturday", "2014-06-14"), reprint])
    assert len(merged) == 1 and merged[0].id != "blog-call-id"  # the earlier report's id
    result, diagnostics = annotate(tmp_path, """\
        events:
          - id: blog-call-id
            tags: [merged]
        """, merged)
    assert diagnostics.items == []
    assert result[0].tags == ["merged"]


def test_hide(tmp_path):
    result, _ = annotate(tmp_path, """\
        events:
          - text: invaded Iraq in 2003
            hide: true
        """)
    assert by_text(result, "invaded Iraq").hidden
    assert not by_text(result, "Vienna").hidden


def test_corrected_date_redates_and_keeps_the_old_value(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - text: U.S.-led invasion
            date: 2003-03-20
        """)
    assert diagnostics.items == []
    invasion = by_text(result, "U.S.-led invasion")
    assert invasion.value == "2003-03-20"
    assert invasion.precision == "day"
    assert (invasion.start, invasion.end) == (dt.date(2003, 3, 20), dt.date(2003, 3, 21))
    assert invasion.date_corrected_from == "2003"


def test_corrected_date_updates_the_status(tmp_path):
    result, _ = annotate(tmp_path, """\
        events:
          - text: phone call on Saturday
            date: 2014-06-20
        """)
    call = by_text(result, "phone call")
    assert call.status == "expected" and call.status_as_of == SUNDAY


def test_added_event_with_its_own_citation(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        add:
          - date: 2014-06-10
            text: ISIS fighters seized Mosul, Iraq's second-largest city.
            title: Mosul falls to ISIS
            note: Added by the editors for context.
            tags: [background]
            citation:
              title: "Militants seize Iraqi city of Mosul"
              url: https://example.org/mosul
              source: Example News
              published: 2014-06-10
        """)
    assert diagnostics.items == []
    added = [e for e in result if e.editorial]
    assert len(added) == 1 and len(result) == 5
    mosul = added[0]
    assert mosul.value == "2014-06-10" and mosul.precision == "day"
    assert mosul.headline == "Mosul falls to ISIS"
    assert mosul.tags == ["background"] and mosul.note.startswith("Added by")
    citation = mosul.citations[0]
    assert citation.article.title == "Militants seize Iraqi city of Mosul"
    assert citation.article.url == "https://example.org/mosul"
    assert citation.article.published_date == dt.date(2014, 6, 10)
    assert mosul.status == "reported"


def test_added_event_without_a_citation_is_refused_with_its_line(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        add:
          - date: 2014-06-10
            text: Something happened.
        """)
    assert len(result) == 4
    assert [(d.level, d.line) for d in diagnostics.items] == [("warning", 2)]
    assert "citation" in diagnostics.items[0].message


def test_bad_yaml_is_one_error_with_file_and_line(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - id: abc
            note: "unclosed
          - id: def
        """)
    assert len(diagnostics.errors) == 1
    error = diagnostics.errors[0]
    assert error.path == tmp_path / "annotations.yaml"
    assert error.line is not None and 3 <= error.line <= 5
    assert "cannot read annotations" in error.message
    assert len(result) == 4


def test_unknown_keys_and_bad_values_are_warnings_with_lines(tmp_path):
    result, diagnostics = annotate(tmp_path, """\
        events:
          - text: convene starting Monday
            featurd: true
            hide: maybe
            date: next spring
        extras: []
        """)
    lines = sorted(d.line for d in diagnostics.warnings)
    assert lines == [3, 4, 5, 6]
    vienna = by_text(result, "Vienna")
    assert not vienna.hidden and vienna.value == "2014-06-16"


def test_entry_without_selector_is_refused(tmp_path):
    _, diagnostics = annotate(tmp_path, """\
        events:
          - note: For which event?
        """)
    assert [d.line for d in diagnostics.warnings] == [2]


# --- the example project's annotations (needs the tagger and the build) ----------------------


def test_example_annotations_all_match_and_show_on_the_page(built_site):
    stale = [d for d in built_site.diagnostics.items if "annotations" in str(d.path)]
    assert stale == []
    page = (built_site.output / "index.html").read_text(encoding="utf-8")
    assert "U.S. and Iranian diplomats convene in Vienna for nuclear talks" in page
    assert "Editor’s note" in page
    assert "<strong>20 March 2003</strong>" in page  # Markdown rendered
    events = json.loads((built_site.output / "events.json").read_text(encoding="utf-8"))
    vienna = next(e for e in events["events"] if e["date"]["value"] == "2014-06-16")
    assert vienna["featured"] is True and vienna["tags"] == ["diplomacy", "nuclear"]


def test_note_markdown_never_passes_raw_html(example_project):
    from timeline.config import load_config
    from timeline.pipeline.build import build_site

    (example_project / "content" / "annotations.yaml").write_text(textwrap.dedent("""\
        events:
          - on: 2014-06-16
            text: will convene starting Monday
            note: "<script>alert(1)</script> *fine*"
        """), encoding="utf-8")
    result = build_site(load_config(example_project))
    page = (result.output / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <em>fine</em>" in page


def test_stale_annotation_in_a_build_names_file_and_line(example_project):
    from timeline.config import load_config
    from timeline.pipeline.build import build_site

    (example_project / "content" / "annotations.yaml").write_text(textwrap.dedent("""\
        events:
          - on: 2014-06-16
            text: will convene starting Monday
            featured: true
          - id: no-such-event
            hide: true
        """), encoding="utf-8")
    result = build_site(load_config(example_project))
    assert result.ok
    [warning] = [d for d in result.diagnostics.warnings if "annotations" in str(d.path)]
    assert str(warning).startswith("warning: content/annotations.yaml:5: annotation matches no")


def test_broken_annotations_yaml_fails_the_build_with_file_and_line(example_project):
    from timeline.config import load_config
    from timeline.pipeline.build import build_site

    (example_project / "content" / "annotations.yaml").write_text(
        "events:\n  - text: [unclosed\n", encoding="utf-8")
    result = build_site(load_config(example_project))
    assert not result.ok
    [error] = result.diagnostics.errors
    assert str(error).startswith("error: content/annotations.yaml:")
    assert error.line is not None


def test_added_event_builds_into_a_valid_site(example_project):
    from timeline.config import load_config
    from timeline.pipeline.build import build_site
    from timeline.publish.check import check_site

    annotations = example_project / "content" / "annotations.yaml"
    annotations.write_text(annotations.read_text(encoding="utf-8") + textwrap.dedent("""\
        add:
          - date: 2014-06-10
            text: ISIS fighters seized Mosul, Iraq's second-largest city.
            title: Mosul falls to ISIS
            citation:
              title: Militants seize Iraqi city of Mosul
              url: https://example.org/mosul
              source: Example News
        """), encoding="utf-8")
    result = build_site(load_config(example_project))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    assert check_site(result.output) == []
    page = (result.output / "index.html").read_text(encoding="utf-8")
    assert "Added by the editors" in page
    assert 'href="https://example.org/mosul">Militants seize Iraqi city of Mosul</a>' in page
    events = json.loads((result.output / "events.json").read_text(encoding="utf-8"))["events"]
    [mosul] = [e for e in events if e.get("editorial")]
    assert mosul["citations"][0]["page"] is None
