"""Builds given bad input or a hostile setup: one clear line per problem, never a traceback,
the rest of the site built, and the same site from the same files on any day.

Each test makes a real project on disk and, where the terminal output matters, runs the real
``python3 -m timeline build``. Permission tests drop root's power over files first
(:mod:`unprivileged`), since root reads and writes whatever chmod says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from unprivileged import without_root_powers

from timeline.config import load_config
from timeline.events import merge as merge_module
from timeline.events import sentences as sentences_module
from timeline.ingest.content import MAX_SLUG
from timeline.pipeline.build import build_site
from timeline.publish.check import check_site

GOOD = {
    "2016-03-02-harbour.md": "---\ntitle: Harbour reopens\ndate: 2016-03-02\n---\n"
                             "The harbour reopened on Monday after the storm.\n",
    "2016-03-04-ferry.txt": "Friday, 4 March 2016\n\nThe first ferry left on Wednesday, "
                            "two days after the harbour reopened.\n",
}


def make_project(root: Path, extra: dict[str, str] | None = None, toml: str = "") -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    for name, text in {**GOOD, **(extra or {})}.items():
        (content / name).write_text(text, encoding="utf-8")
    (root / "timeline.toml").write_text('title = "Storm"\n' + toml, encoding="utf-8")
    return root


def run_build(project: Path, *, unprivileged: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "timeline", "build"]
    if unprivileged:
        command = without_root_powers(command)
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# --- 1. an unreadable article ---------------------------------------------------------------


def test_unreadable_article_is_one_error_and_the_rest_builds(tmp_path):
    project = make_project(tmp_path, {"2016-03-05-locked.md": "On Saturday it was sealed.\n"})
    (project / "content/2016-03-05-locked.md").chmod(0)
    done = run_build(project, unprivileged=True)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert error_lines(done.stderr) == [
        "error: content/2016-03-05-locked.md: cannot read the file (permission denied) "
        "(check the file's permissions, e.g. chmod a+r FILE)"]
    assert (project / "site/sources/2016-03-02-harbour.html").is_file()
    assert (project / "site/sources/2016-03-04-ferry.html").is_file()
    assert not (project / "site/sources/2016-03-05-locked.html").exists()


def test_unreadable_subfolder_is_a_warning_naming_it(tmp_path):
    project = make_project(tmp_path)
    hidden = project / "content/archive"
    hidden.mkdir()
    (hidden / "2016-01-01-old.md").write_text("On Friday it began.\n", encoding="utf-8")
    hidden.chmod(0)
    done = run_build(project, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert ("warning: content/archive: cannot read the folder (permission denied); its "
            "articles are left out") in done.stderr
    assert (project / "site/sources/2016-03-02-harbour.html").is_file()


# --- 2. a file name too long for a page name ------------------------------------------------


def test_long_file_names_get_short_distinct_stable_pages_whose_links_check(tmp_path):
    stem = "storm-damage-report-" + "harbour-" * 28 + "quay"  # 252 bytes with "a.md"
    long_names = {f"{stem}a.md": "---\ndate: 2016-03-02\n---\nThe pier fell on Monday.\n",
                  f"{stem}b.md": "---\ndate: 2016-03-02\n---\nThe crane fell on Tuesday.\n"}
    assert all(len(name.encode()) == 252 for name in long_names)
    project = make_project(tmp_path, long_names)
    first = build_site(load_config(project))
    assert first.ok, [str(d) for d in first.diagnostics.items]
    pages = sorted(p.name for p in (project / "site/sources").glob("storm-damage*.html"))
    assert len(pages) == 2 and pages[0] != pages[1]
    assert all(len(page) <= MAX_SLUG + len(".html") for page in pages)
    assert all(page.startswith("storm-damage-report-harbour-harbour") for page in pages)
    assert check_site(project / "site") == []
    again = build_site(load_config(project))
    assert again.ok
    assert sorted(p.name for p in (project / "site/sources").glob("storm-damage*.html")) == pages
    index = (project / "site/index.html").read_text(encoding="utf-8")
    assert all(f"sources/{page}#" in index for page in pages)  # citations link the pages


# --- 3. a date that depends on the day of the build -----------------------------------------


@pytest.mark.parametrize("word", ["yesterday", "today", "now", "2 days ago", "last Friday"])
def test_front_matter_date_relative_to_the_build_day_is_an_error(tmp_path, word):
    project = make_project(tmp_path, {"storm.md": f"---\ndate: {word}\n---\n"
                                                  "The road was cut on Monday.\n"})
    result = build_site(load_config(project))
    assert not result.ok
    [error] = result.diagnostics.errors
    assert str(error).startswith(f"error: content/storm.md: front matter 'date' is '{word}', "
                                 "which depends on the day the site is built")
    assert "e.g. date: 2014-06-15" in str(error)
    assert len(result.articles) == 2  # the other articles are built


def test_a_full_date_in_words_is_still_a_date(tmp_path):
    project = make_project(tmp_path, {"storm.md": "---\ndate: March 7, 2016\n---\n"
                                                  "The road was cut on Monday.\n"})
    result = build_site(load_config(project))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    [storm] = [a for a in result.articles if a.slug == "storm"]
    assert str(storm.published) == "2016-03-07"


# --- 4. a huge article ----------------------------------------------------------------------


def test_article_over_the_size_limit_is_refused_by_name(tmp_path):
    big = "The council met on June 3, 2014. " * 2000  # 66 KB
    project = make_project(tmp_path, {"2014-06-15-big.txt": big}, "max_article_mb = 0.05\n")
    done = run_build(project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert error_lines(done.stderr) == [
        "error: content/2014-06-15-big.txt: the file is 0.1 MB, more than the 0.05 MB an "
        "article may hold (split it into several articles, or raise max_article_mb in "
        "timeline.toml)"]
    assert (project / "site/sources/2016-03-02-harbour.html").is_file()


def test_one_paragraph_of_pasted_sentences_costs_no_pairwise_work(tmp_path, monkeypatch):
    """The same dated sentence pasted many times into one paragraph: every copy is an event
    with its own id, and no step compares copies pairwise (the cost that made a 2 MB paste take
    minutes). Counted, not timed: similarity() is never called for copies of one article."""
    copies = 400
    compared = []
    real_similarity = merge_module.similarity
    monkeypatch.setattr(merge_module, "similarity",
                        lambda a, b: compared.append((a, b)) or real_similarity(a, b))
    pasted = "The council met on June 3, 2014. " * copies
    project = make_project(tmp_path, {"2014-06-15-pasted.txt": pasted})
    result = build_site(load_config(project))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    pasted_events = [e for e in result.events if e.citations[0].article.slug.endswith("pasted")]
    assert len(pasted_events) == copies
    ids = {e.id for e in pasted_events}
    base = min(ids, key=len)
    assert ids == {base, *(f"{base}-{n}" for n in range(2, copies + 1))}
    assert not [pair for pair in compared if all("council met" in text for text in pair)]


def test_a_huge_paragraph_is_split_into_sentences_only_near_its_dates(tmp_path, monkeypatch):
    """Sentences are only needed around dating expressions: in one long paragraph with a date
    at its end, the splitter reads the last window, not the megabytes before it."""
    read = []
    real = sentences_module._split_window

    def counting(text, start, end, spans):
        read.append(end - start)
        return real(text, start, end, spans)

    monkeypatch.setattr(sentences_module, "_split_window", counting)
    filler = "Officials said the council would review the plans. " * 4000  # 200 KB
    project = make_project(tmp_path, {"2014-06-15-long.txt": filler + "It ended on June 3."})
    result = build_site(load_config(project))
    assert result.ok
    assert any("ended on June 3" in e.text for e in result.events)
    assert sum(read) < 3 * sentences_module.WINDOW


# --- 6. an output folder the build may not write --------------------------------------------


def test_read_only_output_parent_is_one_error_and_exit_1(tmp_path):
    project = make_project(tmp_path)
    (project / "out").mkdir()
    (project / "out").chmod(0o555)
    (project / "timeline.toml").write_text('output_dir = "out/site"\n', encoding="utf-8")
    done = run_build(project, unprivileged=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    [error] = error_lines(done.stderr)
    assert error.startswith("error: ") and "out" in error and "permission denied" in error
    assert "check the folder's permissions" in error
    assert sorted(os.listdir(project / "out")) == []


def test_read_only_site_folder_is_one_error_and_the_site_is_kept(tmp_path):
    project = make_project(tmp_path)
    assert run_build(project).returncode == 0
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    (project / "site").chmod(0o555)
    (project / "site/sources").chmod(0o555)
    (project / "content/2016-03-02-harbour.md").write_text(
        "---\ndate: 2016-03-02\n---\nThe harbour reopened on Tuesday.\n", encoding="utf-8")
    (project).chmod(0o555)  # nothing may be renamed beside the site either
    try:
        done = run_build(project, unprivileged=True)
    finally:
        project.chmod(0o755)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    [error] = error_lines(done.stderr)
    assert "permission denied" in error
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    assert [p for p in after if p not in before and ".timeline-cache" not in p] == []


# --- 10. links in the content folder --------------------------------------------------------


def test_link_loops_and_broken_links_are_warnings_naming_the_link(tmp_path):
    project = make_project(tmp_path)
    content = project / "content"
    (content / "self.md").symlink_to("self.md")
    (content / "ping.txt").symlink_to("pong.txt")
    (content / "pong.txt").symlink_to("ping.txt")
    (content / "gone.md").symlink_to("nowhere.md")
    (content / "sub").mkdir()
    (content / "sub/up").symlink_to("..")
    (content / "linked.md").symlink_to("2016-03-02-harbour.md")  # a fine link: read
    result = build_site(load_config(project))
    warnings = sorted(str(w) for w in result.diagnostics.warnings)
    assert warnings == [
        "warning: content/gone.md: the link leads nowhere (no such file or directory); skipped "
        "(remove the link or point it at the article)",
        "warning: content/ping.txt: the link leads back to itself (a loop of links); skipped "
        "(remove the link or point it at a file)",
        "warning: content/pong.txt: the link leads back to itself (a loop of links); skipped "
        "(remove the link or point it at a file)",
        "warning: content/self.md: the link leads back to itself (a loop of links); skipped "
        "(remove the link or point it at a file)",
        "warning: content/sub/up: the link leads to a folder holding it (a loop); skipped "
        "(remove the link)",
    ]
    assert result.ok and len(result.articles) == 3


# --- control characters in file names -------------------------------------------------------


def test_control_characters_in_file_names_reach_the_terminal_escaped(tmp_path):
    hostile = "evil\x1b]0;pwned\x07\x1b[31mred\u202e.md"
    project = make_project(tmp_path, {hostile: "---\ndate: soon-ish\n---\n"})
    done = run_build(project)
    output = done.stdout + done.stderr
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "content/evil\\x1b]0;pwned\\x07\\x1b[31mred\\u202e.md" in output


# --- feeds need base_url --------------------------------------------------------------------


def test_build_without_base_url_notes_that_feeds_need_it(tmp_path):
    project = make_project(tmp_path)
    done = run_build(project)
    assert done.returncode == 0
    assert "note: timeline.toml: without base_url, events.atom has only relative links" \
        in done.stderr
    strict = subprocess.run([sys.executable, "-m", "timeline", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 0  # advice on the settings, not a warning about the content
    (project / "timeline.toml").write_text('base_url = "https://example.org/storm/"\n',
                                           encoding="utf-8")
    done = run_build(project)
    assert done.returncode == 0 and "note:" not in done.stderr


def test_previous_site_made_read_only_inside_is_replaced_without_leftovers(tmp_path):
    project = make_project(tmp_path)
    assert run_build(project).returncode == 0
    (project / "site/sources").chmod(0o555)  # the site's own folder, locked by its owner
    (project / "content/2016-03-02-harbour.md").write_text(
        "---\ndate: 2016-03-02\n---\nThe harbour reopened on Tuesday.\n", encoding="utf-8")
    done = run_build(project, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert "reopened on Tuesday" in (project / "site/index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in project.iterdir()) == [".timeline-cache", "content", "site",
                                                         "timeline.toml"]
