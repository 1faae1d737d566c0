"""The ``timeline`` command line: a thin layer over the library API.

Each command parses its options, calls one library function, prints its result and turns a
:class:`~timeline.errors.TimelineError` into a one-line message and a non-zero exit code.
Imports of the heavier modules happen inside the commands so ``timeline tag`` starts fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import click

from timeline import __version__
from timeline.errors import TimelineError, printable


def _fail(exc: TimelineError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(1)


def _say(line: str = "", err: bool = False) -> None:
    """Print a line that may hold file names: control characters in them are shown as escapes
    (:func:`timeline.errors.printable`), never sent to the terminal."""
    click.echo(printable(line), err=err)


#: What Click 8.2+ raises for a command run without its arguments (its message is the help).
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _OneFormatGroup(click.Group):
    """Click's own complaints (unknown option, bad value) in the one-line format every command
    uses, ``error: message (how to fix it)``, instead of a usage block ending in ``Error:``."""

    def main(self, *args, **kwargs):
        standalone = kwargs.pop("standalone_mode", True)
        try:
            outcome = super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as exc:
            if not standalone:
                raise
            if isinstance(exc, _NO_ARGS_IS_HELP):  # a bare `timeline`: the help is the answer
                exc.show()
                sys.exit(exc.exit_code)
            _say(_click_problem(exc), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            if not standalone:
                raise
            click.echo("error: interrupted", err=True)
            sys.exit(1)
        if not standalone:
            return outcome
        # Without standalone mode, --help and --version hand back their exit code.
        sys.exit(outcome if isinstance(outcome, int) else 0)


def _click_problem(exc: click.ClickException) -> str:
    message = exc.format_message().strip().rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    ctx = getattr(exc, "ctx", None)
    hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
    return f"error: {message}{hint}"


@click.group(cls=_OneFormatGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Turn a folder of news articles into an annotated, source-cited timeline site."""


@main.command("init")
@click.argument("directory", default=".", type=click.Path(path_type=Path))
def init_command(directory) -> None:
    """Start a project in DIRECTORY (default: here): settings, a sample article, .gitignore.

    Overwrites nothing: stops, naming them, if any of those files already exist.
    """
    from timeline.project import init_project

    try:
        written = init_project(directory)
    except TimelineError as exc:
        _fail(exc)
    for path in written:
        click.echo(f"  created {path}")
    go = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory} && "
    click.echo(f"Next: {go}timeline build, then open site/index.html "
               "(or timeline serve to preview while you write)")


@main.command()
@click.option("--content", "content_dir", type=click.Path(file_okay=False), help="Articles folder.")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), help="Site folder.")
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
@click.option("--strict", is_flag=True, help="Fail the build on any warning.")
@click.option("--verbose", "-v", is_flag=True, help="Also print a line per article read.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print only warnings and errors: no progress, no summary (for scripts).")
@click.option("--timings", is_flag=True, help="Also print the time each build stage took.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=None,
              help="Processes reading the articles at once (default: one per core; 0 too).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Read the articles on a Dask cluster, e.g. tcp://host:8786 (needs the "
                   "dask extra).")
@click.option("--explain-furniture", is_flag=True,
              help="List the text set aside as page furniture, comments or social posts.")
def build(content_dir, output_dir, root, strict, verbose, quiet, timings, jobs,
          scheduler, explain_furniture) -> None:
    """Build the site from the articles.

    On a terminal a progress bar shows the articles read, the events built and the pages
    written; elsewhere (a pipe, a log, CI) only the problems and one summary line are printed.
    """
    from timeline.config import load_config
    from timeline.pipeline.build import build_site
    from timeline.pipeline.cache import ArticleCache
    from timeline.progress import Stages

    stages = Stages(sys.stderr, enabled=False if quiet else None)
    echo = (lambda line: stages.echo(printable(line), sys.stdout)) if verbose and not quiet \
        else None
    try:
        try:
            config = load_config(root, content_dir=content_dir, output_dir=output_dir,
                                 jobs=jobs, scheduler=scheduler)
            # one build per process: the cache's entries only need to be on disk
            result = build_site(config, strict=strict, echo=echo, progress=stages,
                                cache=ArticleCache.for_project(config, in_memory=False))
        finally:
            stages.close()  # the bar goes before any message, and on Ctrl-C
    except TimelineError as exc:
        _fail(exc)
    for diagnostic in result.diagnostics.items:
        click.echo(str(diagnostic), err=True)
    if explain_furniture:
        from timeline.events.setaside import explain_set_aside

        for line in explain_set_aside(result.articles):
            click.echo(line)
    if not quiet:
        for note in result.notes:
            _say(f"note: {note}", err=True)
        _say(result.summary())
    if timings:
        click.echo("Time per stage:")
        for stage, seconds in result.stages.items():
            click.echo(f"  {stage:<10} {seconds:8.2f} s")
        click.echo("CPU time per stage (this process; --jobs workers not counted):")
        for stage, seconds in result.cpu.items():
            click.echo(f"  {stage:<10} {seconds:8.2f} s cpu")
    if not result.ok:
        sys.exit(1)


@main.command("import")
@click.argument("pages", nargs=-1, metavar="[PAGE.html|FOLDER|URL]...")
@click.option("--list", "lists", multiple=True, metavar="FILE",
              help="A file of URLs to import, one a line ('-' reads standard input).")
@click.option("--feed", "feeds", multiple=True, metavar="URL|FILE",
              help="Import the articles an RSS or Atom feed lists.")
@click.option("--content", "content_dir", type=click.Path(file_okay=False),
              help="Articles folder to write into.")
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for each page.")
@click.option("--max-size", default=10.0, show_default=True, type=click.FloatRange(0.01, 1000),
              help="Largest page to download, in MB.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(0, 600),
              help="Seconds between two requests to the same site.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings, errors and the summary.")
def import_command(pages, lists, feeds, content_dir, root, timeout, max_size, delay,
                   quiet) -> None:
    """Import web articles into the content folder: saved PAGES (.html files or folders of
    them), URLs, lists of URLs and feeds. Writes one Markdown article per page, with its
    title, authors, site, URL, publication date and language; never overwrites a file and
    skips articles already imported."""
    from timeline.config import load_config
    from timeline.ingest.fetch import FetchPolicy
    from timeline.ingest.importer import ImportRequest, import_articles

    if not (pages or lists or feeds):
        _fail(TimelineError("nothing to import",
                            hint="give saved pages, URLs, --list FILE or --feed URL"))
    policy = FetchPolicy(timeout=timeout, max_bytes=int(max_size * 1024 * 1024), delay=delay)
    printer = _ImportPrinter(quiet)
    try:
        config = load_config(root, content_dir=content_dir)
        report = import_articles(ImportRequest(tuple(pages), tuple(lists), tuple(feeds)),
                                 config, policy=policy, listener=printer)
    except TimelineError as exc:
        _fail(exc)
    printer.close(report.summary())
    if not report.ok:
        sys.exit(1)


class _ImportPrinter:
    """Prints each import outcome (above a progress bar on a terminal)."""

    def __init__(self, quiet: bool) -> None:
        from timeline.progress import Progress

        self.quiet = quiet
        self.progress = Progress(0, enabled=False)  # until the number of pages is known
        self.running = False  # problems with the input come before the pages

    def started(self, total: int) -> None:
        from timeline.progress import Progress

        self.progress = Progress(total, "Importing", sys.stderr, enabled=False if self.quiet
                                 else None)
        self.running = True

    def finished(self, outcome) -> None:
        from timeline.errors import Diagnostic
        from timeline.ingest.importer import DUPLICATE, FAILED, IMPORTED, NOTE

        out, err = sys.stdout, sys.stderr
        if outcome.status == IMPORTED and not self.quiet:
            self.progress.echo(printable(f"imported {outcome.path} <- {outcome.location}"), out)
        elif outcome.status == DUPLICATE and not self.quiet:
            self.progress.echo(printable(f"skipped {outcome.location}: {outcome.reason}"), out)
        elif outcome.status in (FAILED, NOTE):
            level = "error" if outcome.status == FAILED else "warning"
            line = Diagnostic(level, outcome.reason, outcome.location, hint=outcome.hint)
            self.progress.echo(printable(str(line)), err)
        for warning in outcome.warnings:
            line = Diagnostic("warning", warning, outcome.path,
                              hint="add 'date: YYYY-MM-DD' to its front matter if you know it")
            self.progress.echo(printable(str(line)), err)
        if self.running:
            self.progress.advance(note=printable(outcome.location))

    def close(self, summary: str) -> None:
        self.progress.close(printable(summary), sys.stdout)


@main.command("eval")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--errors", "show_errors", is_flag=True,
              help="List every miss, spurious timex and wrong value.")
@click.option("--types", "subset", type=click.Choice(["all", "date-time"]), default="all",
              show_default=True, help="Which types --errors and --per-doc list.")
@click.option("--per-doc", is_flag=True, help="Also print one line per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--conventions", "convention_items", default="", metavar="NAME=CHOICE,...",
              help="Annotation conventions of the gold: zone=local|utc, now=present|untagged, "
                   "the-day=told|untagged (defaults first).")
def eval_command(directory, show_errors, subset, per_doc, as_json, convention_items) -> None:
    """Score the tagger on a folder of TimeML (.tml) files, TempEval-3 style."""
    from functools import partial

    from timeline.temporal import evaluate as scorer
    from timeline.temporal import tag
    from timeline.temporal.conventions import Conventions
    from timeline.temporal.timeml import read_timeml_dir

    subset = subset.replace("-", "_")
    try:
        conventions = Conventions.parse(i for i in convention_items.split(",") if i.strip())
        tagger = partial(tag, conventions=conventions)
        evaluation = scorer.evaluate(read_timeml_dir(directory), tagger)
    except TimelineError as exc:
        _fail(exc)
    if as_json:
        click.echo(scorer.to_json(evaluation, errors=show_errors))
        return
    if per_doc:
        click.echo(scorer.format_documents(evaluation, subset))
        click.echo()
    click.echo(scorer.format_table(evaluation))
    if show_errors:
        click.echo("\n" + scorer.format_errors(evaluation, subset))


@main.command("tag")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--anchor", help="Date the text was written, YYYY-MM-DD (resolves 'Friday').")
@click.option("--format", "fmt", type=click.Choice(["json", "tml", "text"]), default="json",
              show_default=True, help="Output format.")
@click.option("--dayfirst", is_flag=True, help="Read 3/4/2014 as 3 April.")
@click.option("--jsonl", is_flag=True,
              help='Read {"id", "text", "anchor"} JSON lines from stdin, write {"id", "timexes"}.')
def tag_command(files, anchor, fmt, dayfirst, jsonl) -> None:
    """Find and resolve time expressions in plain-text FILES.

    JSON output: one file gives a list of {"start", "end", "text", "type", "value", "mod"?}
    with character offsets into the text as Python reads it (UTF-8, universal newlines);
    several files give an object mapping each file name to its list.
    """
    from timeline.temporal.batch import format_text_listing, parse_anchor, read_utf8, safe_tag

    try:
        anchor_date = parse_anchor(anchor)
    except TimelineError as exc:
        _fail(exc)
    if jsonl:
        sys.exit(_tag_jsonl(sys.stdin.buffer, anchor_date, dayfirst))
    if not files:
        _fail(TimelineError("no input files", hint="give FILE... or --jsonl to read stdin"))
    results: dict[str, list] = {}
    failed = False
    for path in files:
        try:
            text = read_utf8(path)
            timexes = safe_tag(text, anchor_date, dayfirst, path)
        except TimelineError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        if fmt == "json":
            results[str(path)] = [t.to_json() for t in timexes]
        elif fmt == "tml":
            from timeline.temporal.timeml import write_timeml

            click.echo(write_timeml(text, timexes, doc_id=path.stem, dct=anchor_date), nl=False)
        else:
            click.echo(format_text_listing(path, timexes))
    if fmt == "json" and results:
        data = next(iter(results.values())) if len(files) == 1 else results
        click.echo(json.dumps(data, ensure_ascii=False))
    if failed:
        sys.exit(1)


def _tag_jsonl(stream, anchor: dt.date | None, dayfirst: bool) -> int:
    """Tag each JSON line of the binary ``stream``; bad lines get an error record.

    Returns the exit code: 1 if any line was bad.
    """
    from timeline.temporal.batch import tag_jsonl_line

    bad = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        record = tag_jsonl_line(line, number, anchor, dayfirst)
        bad += "error" in record
        click.echo(json.dumps(record, ensure_ascii=False))
    if bad:
        click.echo(f"error: {bad} bad input line(s); see the \"error\" records", err=True)
    return 1 if bad else 0


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback is reachable by other machines.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option("--poll", is_flag=True,
              help="Poll for changes (Docker volumes, network mounts) instead of native events.")
@click.option("--content", "content_dir", type=click.Path(file_okay=False), help="Articles folder.")
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
def serve_command(host, port, open_browser, poll, content_dir, root) -> None:
    """Preview the site with live reload; rebuilds whenever a source file changes."""
    import signal

    from timeline.config import load_config
    from timeline.preview.serve import serve

    def stop_on_terminate(_signum, _frame):
        raise KeyboardInterrupt  # same clean shutdown as Ctrl-C

    signal.signal(signal.SIGTERM, stop_on_terminate)
    overrides = {"content_dir": content_dir}
    try:
        config = load_config(root, **overrides)
        serve(config, host, port, poll=poll, open_browser=open_browser, echo=_say,
              config_overrides=overrides)
    except TimelineError as exc:
        _fail(exc)


@main.command("publish")
@click.option("--gh-pages", "gh_pages", is_flag=True,
              help="Commit the site to a branch and push it (GitHub Pages).")
@click.option("--dir", "target", type=click.Path(file_okay=False, path_type=Path),
              help="Sync the site into this folder, e.g. a mounted web root.")
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch to commit to.")
@click.option("--cname", help="Custom domain: written to a CNAME file on the branch.")
@click.option("--message", "-m", help="Commit message.")
@click.option("--no-push", is_flag=True, help="Commit to the branch but do not push.")
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; change nothing.")
@click.option("--max-deletes", default=50, show_default=True, type=click.IntRange(0),
              help="Stop if more files than this would be deleted.")
@click.option("--yes", "-y", is_flag=True,
              help="Confirm: delete more than --max-deletes, overwrite foreign files in --dir.")
@click.option("--verbose", "-v", is_flag=True, help="List every file added, changed or deleted.")
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
def publish_command(gh_pages, target, remote, branch, cname, message, no_push, dry_run,
                    max_deletes, yes, verbose, root) -> None:
    """Publish the built site to a gh-pages branch or into a folder."""
    from timeline.config import load_config
    from timeline.publish.deploy import GhPagesOptions, publish_site, report_lines

    options = None
    if gh_pages:
        options = GhPagesOptions(remote=remote, branch=branch, cname=cname, message=message,
                                 push=not no_push)
    try:
        config = load_config(root)
        result = publish_site(config, gh_pages=options, target=target, dry_run=dry_run,
                              max_deletes=max_deletes, yes=yes)
    except TimelineError as exc:
        _fail(exc)
    for line in report_lines(result, verbose=verbose):
        _say(line)


@main.command("check")
@click.argument("site_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
def check_command(site_dir, root) -> None:
    """Check a built site: links, anchors, source pages, feeds and JSON exports."""
    from timeline.config import load_config
    from timeline.publish.check import check_site

    try:
        config = load_config(root)
        folder = site_dir or _shown(config.output_path)
        problems = check_site(folder, base_url=config.base_url)
    except TimelineError as exc:
        _fail(exc)
    for problem in problems:  # each names its file within the site: name it from here
        click.echo(str(dataclasses.replace(problem, path=Path(folder, problem.path))), err=True)
    if problems:
        _say(f"{folder}: {len(problems)} error{'s' if len(problems) != 1 else ''}", err=True)
        sys.exit(1)
    _say(f"{folder}: no problems found")


def _shown(path: Path) -> Path:
    """``path`` as the user would type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
