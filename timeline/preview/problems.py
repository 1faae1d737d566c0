"""A build's problems as the overlay shows them: file (relative to the project), line,
message and how to fix it, also for a build that raised."""

from __future__ import annotations

import traceback
from pathlib import Path

from timeline.config import Config
from timeline.errors import TimelineError
from timeline.preview.livereload import BuildProblem


def problem_of(diagnostic, root: Path) -> BuildProblem:
    path = None
    if diagnostic.path is not None:
        path = str(diagnostic.path)
        if Path(path).is_absolute():
            path = shown(Path(path), root)  # short and the same as in the terminal
    return BuildProblem(diagnostic.message, path, diagnostic.line, diagnostic.hint)


def problems_from_exception(exc: BaseException, config: Config) -> tuple[BuildProblem, ...]:
    """The overlay's account of a build that raised: file, line and message when known."""
    import jinja2

    if isinstance(exc, TimelineError):
        return (problem_of(exc.diagnostic, config.root),)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (BuildProblem(f"template error: {exc.message}", exc.filename or exc.name,
                             exc.lineno),)
    frames = traceback.extract_tb(exc.__traceback__)
    # Templates show up in tracebacks under their own file names; prefer the innermost one.
    templates = [f for f in frames if not f.filename.endswith(".py")]
    ours = [f for f in frames if "timeline" in Path(f.filename).parts]
    frame = (templates or ours or frames or [None])[-1]
    message = f"{type(exc).__name__}: {exc}"
    if frame is None:
        return (BuildProblem(message),)
    return (BuildProblem(message, shown(Path(frame.filename), config.root), frame.lineno,
                         "an unexpected error; the terminal shows the full traceback"),)


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)

