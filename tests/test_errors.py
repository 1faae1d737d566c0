"""Diagnostics print as one line naming the file, the line and the fix."""

from timeline.errors import Diagnostic, Diagnostics, TimelineError


def test_diagnostic_line_format():
    d = Diagnostic("error", "bad front matter", "content/a.md", 3, "close it with ---")
    assert str(d) == "error: content/a.md:3: bad front matter (close it with ---)"
    warning = Diagnostic("warning", "no date", "content/b.txt")
    assert str(warning) == "warning: content/b.txt: no date"


def test_diagnostics_split_by_level():
    diagnostics = Diagnostics()
    diagnostics.warn("w", "a")
    diagnostics.error("e", "b")
    assert [d.message for d in diagnostics.warnings] == ["w"]
    assert [d.message for d in diagnostics.errors] == ["e"]


def test_timeline_error_message_is_the_diagnostic():
    exc = TimelineError("cannot read", "x.toml", hint="fix it")
    assert str(exc) == "error: x.toml: cannot read (fix it)"
