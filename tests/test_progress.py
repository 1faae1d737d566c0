"""The progress reporter: a bar on a terminal, nothing per item elsewhere, one summary line."""

from __future__ import annotations

import io
import os
import pty

from timeline.progress import Progress, Stages


class Terminal(io.StringIO):
    """A text stream that says it is a terminal (what the bar is drawn for)."""

    def isatty(self) -> bool:
        return True


def test_not_a_terminal_writes_only_the_summary():
    stream = io.StringIO()
    progress = Progress(3, "Importing", stream)
    for item in ("a", "b", "c"):
        progress.advance(note=item)
    progress.close("3 done")
    assert stream.getvalue() == "3 done\n"


def test_quiet_on_a_terminal_writes_only_the_summary():
    stream = Terminal()
    with Progress(2, "Importing", stream, enabled=False) as progress:
        progress.advance()
        progress.echo("a line")
        progress.advance()
        progress.close("2 done")
    assert stream.getvalue() == "a line\n2 done\n"


def test_a_bar_on_a_terminal_cleared_before_the_summary():
    stream = Terminal()
    progress = Progress(4, "Importing", stream)
    progress.advance(note="https://news.example/a")
    progress.advance(step=3)
    progress.close("4 done")
    out = stream.getvalue()
    assert "\rImporting [######------------------] 1/4 https://news.example/a\x1b[K" in out
    assert "\rImporting [########################] 4/4\x1b[K" in out  # the end is always drawn
    assert out.endswith("\r\x1b[K4 done\n")


def test_lines_go_above_the_bar():
    stream, lines = Terminal(), io.StringIO()
    progress = Progress(2, "Importing", stream)
    progress.advance()
    progress.echo("imported content/a.md", lines)
    assert lines.getvalue() == "imported content/a.md\n"
    # the bar was cleared for the line and drawn again after it
    assert stream.getvalue().endswith("\r\x1b[K\rImporting [############------------] 1/2\x1b[K")


def test_render_fits_the_width_and_cuts_notes_in_the_middle():
    progress = Progress(10, "Importing")
    progress.advance(note="https://news.example/" + "very-long-path/" * 10 + "story.html")
    line = progress.render(70)
    assert len(line) <= 70
    assert line.startswith("Importing [") and "1/10 https://news." in line
    assert line.endswith("story.html") and "…" in line


def test_unknown_total_counts_without_a_bar():
    progress = Progress(0, "Reading")
    progress.advance()
    progress.advance()
    assert progress.render(40) == "Reading 2"


def test_a_real_terminal_is_detected():
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as stream:
            assert Progress(1, stream=stream).enabled
        assert not Progress(1, stream=io.StringIO()).enabled
    finally:
        os.close(leader)
        os.close(follower)


# -- work in stages ---------------------------------------------------------------------------


def test_stages_show_one_bar_at_a_time_on_a_terminal():
    stream = Terminal()
    stages = Stages(stream)
    stages.stage("Reading articles", 2)
    stages.advance(note="a.md")
    stages.advance(note="b.md")
    stages.stage("Building events")
    stages.stage("Writing pages", 1)
    stages.advance()
    stages.close("Built")
    out = stream.getvalue()
    assert out.startswith("\rReading articles [------------------------] 0/2\x1b[K")
    assert "\rReading articles [########################] 2/2 b.md\x1b[K\r\x1b[K" in out
    # a stage whose items are not counted shows its name alone
    assert "\r\x1b[K\rBuilding events\x1b[K\r\x1b[K\rWriting pages [" in out
    assert out.endswith("\r\x1b[KBuilt\n")


def test_stages_elsewhere_or_quiet_write_only_the_summary():
    for stream, enabled in ((io.StringIO(), None), (Terminal(), False)):
        stages = Stages(stream, enabled=enabled)
        stages.stage("Reading articles", 3)
        for _ in range(3):
            stages.advance()
        stages.close("Built")
        assert stream.getvalue() == "Built\n"
