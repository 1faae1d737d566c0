"""Whole builds: output, summary, bad input, strict mode, atomic replacement, output safety,
the CLI, and the seed acceptance dates in events.json."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from htmlcheck import broken_links

from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.pipeline.build import MARKER, build_site, foreign_files, process_article

FIXTURES = Path(__file__).parents[1] / "fixtures"


def build(project: Path, **kwargs):
    return build_site(load_config(project, **{k: v for k, v in kwargs.items()
                                              if k in ("output_dir", "content_dir")}),
                      strict=kwargs.get("strict", False))


def add_bad_files(project: Path) -> None:
    for name in ("broken-front-matter.txt", "latin1.txt", "empty.txt"):
        shutil.copyfile(FIXTURES / name, project / "content" / name)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


# --- a good build ----------------------------------------------------------------------------


def test_example_site_builds(built_site):
    site = built_site.output
    assert built_site.ok and built_site.written
    for name in ("index.html", "events.json", "sources/index.html",
                 "sources/2014-wsj-iraq-original.html", "sources/2014-wsj-iraq-blog-reprint.html",
                 MARKER):
        assert (site / name).is_file(), name
    assert list(site.glob("static/*.css")), "no stylesheet"
    assert broken_links(site) == []


def test_marker_lists_exactly_the_files_written(built_site):
    site = built_site.output
    marker = json.loads((site / MARKER).read_text(encoding="utf-8"))
    on_disk = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                     if p.is_file() and p.name != MARKER)
    assert marker["files"] == on_disk
    assert marker["ok"] is True
    assert marker["articles"] == 2


def test_summary_counts(built_site):
    summary = built_site.summary()
    assert summary.startswith(f"Built {built_site.output} in ")
    assert "2 articles" in summary and "0 warnings, 0 errors" in summary


def test_progress_goes_to_echo(example_project):
    lines: list[str] = []
    build_site(load_config(example_project), echo=lines.append)
    assert lines[0].startswith("Reading 2 files")
    assert any("content/2014-wsj-iraq-original.txt" in line for line in lines)


def test_rebuild_replaces_own_output(built_site, example_project):
    (example_project / "content/2014-wsj-iraq-original.txt").unlink()
    result = build(example_project)
    assert result.ok
    assert not (result.output / "sources/2014-wsj-iraq-original.html").exists()
    assert leftovers(example_project) == []


def test_site_folder_gets_the_usual_permissions_not_mkdtemp_0700(built_site):
    umask = os.umask(0)
    os.umask(umask)
    assert built_site.output.stat().st_mode & 0o777 == 0o777 & ~umask


# --- bad input -------------------------------------------------------------------------------


def test_bad_files_are_reported_and_the_rest_still_builds(example_project):
    add_bad_files(example_project)
    result = build(example_project)
    assert result.written and not result.ok
    messages = [str(d) for d in result.diagnostics.errors]
    assert len(messages) == 3
    assert any("content/broken-front-matter.txt:3:" in m for m in messages)
    assert any("content/latin1.txt:1:" in m and "UTF-8" in m for m in messages)
    assert any("content/empty.txt:" in m for m in messages)
    assert all("\n" not in m and "Traceback" not in m for m in messages)
    assert len(result.articles) == 2
    assert (result.output / "sources/2014-wsj-iraq-original.html").is_file()
    assert "3 errors" in result.summary()


def test_strict_build_fails_and_keeps_the_previous_site(built_site, example_project):
    before = site_files(built_site.output)
    add_bad_files(example_project)
    result = build(example_project, strict=True)
    assert not result.ok and not result.written
    assert "left unchanged" in result.summary()
    assert site_files(built_site.output) == before
    assert leftovers(example_project) == []


def test_strict_fails_on_a_warning_too(example_project):
    (example_project / "content/undated.txt").write_text("They met on Monday.\n")
    result = build(example_project, strict=True)
    assert not result.ok and not result.written
    [warning] = result.diagnostics.warnings
    assert "content/undated.txt" in str(warning) and "no publication date" in str(warning)


def test_text_nested_too_deep_is_built_and_warned_about_once(example_project):
    (example_project / "content/deep.md").write_text(
        "---\ntitle: Deep\ndate: 2014-06-15\n---\n" + "- " * 150
        + "On Saturday, Jan. 5, 2014, the talks collapsed.\n", encoding="utf-8")
    result = build(example_project)
    assert result.ok and "1 warning, 0 errors" in result.summary()
    [warning] = result.diagnostics.warnings
    assert "content/deep.md:5: Markdown quotes and lists nested too deep" in str(warning)
    assert any(c.article.path.name == "deep.md" for e in result.events for c in e.citations)


def test_failed_render_keeps_the_previous_site(built_site, example_project):
    before = site_files(built_site.output)
    (example_project / "templates/partials").mkdir(parents=True, exist_ok=True)
    (example_project / "templates/partials/footer.html").write_text("{% for %}\n")
    with pytest.raises(TimelineError, match="footer.html:1: template error"):
        build(example_project)
    assert site_files(built_site.output) == before
    assert leftovers(example_project) == []


def test_process_article_turns_errors_into_diagnostics(example_project):
    add_bad_files(example_project)
    config = load_config(example_project)
    result = process_article(example_project / "content/latin1.txt", config)
    assert result.article is None and result.events == []
    assert [d.level for d in result.diagnostics.items] == ["error"]


def test_duplicate_slugs_get_distinct_pages(example_project):
    (example_project / "content/sub").mkdir()
    shutil.copyfile(example_project / "content/2014-wsj-iraq-original.txt",
                    example_project / "content/sub/2014-wsj-iraq-original.txt")
    result = build(example_project)
    assert (result.output / "sources/2014-wsj-iraq-original-2.html").is_file()
    assert any("already used" in str(d) for d in result.diagnostics.warnings)


# --- output safety ---------------------------------------------------------------------------


@pytest.mark.parametrize("output", [".", "content", "templates", "content/site", ".."])
def test_refuses_to_write_over_project_folders(example_project, output):
    before = site_files(example_project / "content")
    with pytest.raises(TimelineError, match="refusing to write the site into"):
        build(example_project, output_dir=output)
    assert site_files(example_project / "content") == before


def test_refuses_a_folder_with_files_it_did_not_write(example_project):
    other = example_project / "public"
    other.mkdir()
    (other / "precious.html").write_text("mine")
    with pytest.raises(TimelineError, match="did not write: precious.html"):
        build(example_project, output_dir="public")
    assert (other / "precious.html").read_text() == "mine"


def test_refuses_own_output_once_a_foreign_file_is_added(built_site, example_project):
    (built_site.output / "notes.txt").write_text("mine")
    assert foreign_files(built_site.output) == ["notes.txt"]
    with pytest.raises(TimelineError, match="notes.txt"):
        build(example_project)
    assert (built_site.output / "notes.txt").read_text() == "mine"


def test_refuses_a_file_as_output(example_project):
    (example_project / "site").write_text("x")
    with pytest.raises(TimelineError, match="is a file"):
        build(example_project)


def test_empty_existing_folder_is_fine(example_project):
    (example_project / "site").mkdir()
    assert build(example_project).written


# --- the command line ------------------------------------------------------------------------


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", "build", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_cli_build_prints_summary(example_project):
    done = run_cli(example_project)
    assert done.returncode == 0, done.stderr
    assert "Built " in done.stdout and "2 articles" in done.stdout
    assert (example_project / "site/index.html").is_file()


def test_cli_timings_name_every_stage(example_project):
    done = run_cli(example_project, "--quiet", "--timings")
    assert done.returncode == 0, done.stderr
    _, header, tables = done.stdout.partition("Time per stage:\n")
    assert header
    table, cpu_header, cpu_table = tables.partition("CPU time per stage")
    assert cpu_header
    names = ["articles", "furniture", "merge", "enrich", "key-events", "state", "render", "exports",
             "finalize", "swap"]
    assert [line.split()[0] for line in table.splitlines()] == names
    assert all(line.endswith(" s") for line in table.splitlines())
    cpu_lines = cpu_table.splitlines()[1:]  # after the rest of its heading line
    assert [line.split()[0] for line in cpu_lines] == names
    assert all(line.endswith(" s cpu") for line in cpu_lines)


def test_cli_exit_code_and_one_line_errors(example_project):
    add_bad_files(example_project)
    done = run_cli(example_project, "--quiet")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert done.stdout == ""  # --quiet: the problems and nothing else
    done = run_cli(example_project)
    assert done.returncode == 1 and "3 errors" in done.stdout


def test_cli_refusal_is_one_line(example_project):
    done = run_cli(example_project, "--output", "content")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "refusing to write the site into the content folder" in done.stderr


# --- seeds acceptance (needs the real tagger) ------------------------------------------------


SEED_DATES = [
    ("Hoshyar Zebari, in a phone call on Saturday", "2014-06-14"),
    ("Iranian President Hasan Rouhani said on Saturday", "2014-06-14"),
    ("became clearer on Sunday when photos were posted", "2014-06-15"),
    ("Sen. Lindsey Graham (R., S.C.) said Sunday on CNN", "2014-06-15"),
    ("tweeted Hamid Aboutalebi", "2014-06-15"),
    ("will convene starting Monday", "2014-06-16"),
    ("have set a July 20 deadline", "2014-07-20"),
    ("invasion of Iraq in 2003", "2003"),
    ("after the Sept. 11, 2001, terrorist attacks", "2001-09-11"),
    ("during the U.N. General Assembly in New York last fall", "2013-FA"),
]


@pytest.fixture
def seed_events(built_site) -> list[dict]:
    return json.loads((built_site.output / "events.json").read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize(("fragment", "value"), SEED_DATES)
def test_seed_sentence_is_dated(seed_events, fragment, value):
    dated = {e["date"]["value"] for e in seed_events
             if any(fragment in c["sentence"] for c in e["citations"])}
    assert dated == {value}


@pytest.mark.parametrize("phrase", ["over the past year", "in recent days"])
def test_vague_and_duration_phrases_make_no_event(seed_events, phrase):
    assert seed_events, "no events at all: is the tagger in place?"
    anchors = [c["expression"].lower() for e in seed_events for c in e["citations"]]
    assert phrase not in anchors


def test_the_founding_example_makes_no_event_of_a_state_that_lasts_until_today(seed_events):
    # Rouhani, on Saturday: "Until today, no specific request for help has been demanded."
    # Nothing happened that day: the sentence dates no event (its "today" is still tagged).
    sentences = [c["sentence"] for e in seed_events for c in e["citations"]]
    assert sentences and not [s for s in sentences if "Until today" in s]


def test_hidden_event_leaves_no_dangling_link(example_project):
    (example_project / "content/annotations.yaml").write_text(
        "events:\n  - text: terrorist attacks on New York and Washington\n    hide: true\n",
        encoding="utf-8")
    result = build(example_project)
    assert not result.diagnostics.items
    index = (result.output / "index.html").read_text(encoding="utf-8")
    assert "terrorist attacks on New York" not in index
    source = (result.output / "sources/2014-wsj-iraq-original.html").read_text(encoding="utf-8")
    assert "Sept. 11, 2001" in source  # still highlighted in the article...
    assert broken_links(result.output) == []  # ...but no longer linking to a missing event
