"""The ``timeline`` command line: a thin layer over the library API.

Each command parses its options, calls one library function, prints its result and turns a
:class:`~timeline.errors.TimelineError` into a one-line message and a non-zero exit code.
Imports of the heavier modules happen inside the commands so ``timeline tag`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from timeline import __version__
from timeline.errors import TimelineError


def _fail(exc: TimelineError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Turn a folder of news articles into an annotated, source-cited timeline site."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(file_okay=False), help="Articles folder.")
@click.option("--output", "output_dir", type=click.Path(file_okay=False), help="Site folder.")
@click.option("--config", "root", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True, help="Project folder holding timeline.toml.")
@click.option("--strict", is_flag=True, help="Fail the build on any warning.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings, errors and the summary.")
def build(content_dir, output_dir, root, strict, quiet) -> None:
    """Build the site from the articles."""
    from timeline.build import build_site
    from timeline.config import load_config

    try:
        config = load_config(root, content_dir=content_dir, output_dir=output_dir)
        result = build_site(config, strict=strict, echo=None if quiet else click.echo)
    except TimelineError as exc:
        _fail(exc)
    for diagnostic in result.diagnostics.items:
        click.echo(str(diagnostic), err=True)
    click.echo(result.summary())
    if not result.ok:
        sys.exit(1)


@main.command("eval")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--errors", "show_errors", is_flag=True,
              help="List every miss, spurious timex and wrong value.")
@click.option("--types", "subset", type=click.Choice(["all", "date-time"]), default="all",
              show_default=True, help="Which types --errors and --per-doc list.")
@click.option("--per-doc", is_flag=True, help="Also print one line per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(directory, show_errors, subset, per_doc, as_json) -> None:
    """Score the tagger on a folder of TimeML (.tml) files, TempEval-3 style."""
    from timeline.temporal import evaluate as scorer
    from timeline.temporal import tag
    from timeline.temporal.timeml import read_timeml_dir

    subset = subset.replace("-", "_")
    try:
        documents = read_timeml_dir(directory)
    except TimelineError as exc:
        _fail(exc)
    evaluation = scorer.evaluate(documents, tag)
    if as_json:
        click.echo(scorer.to_json(evaluation, errors=show_errors))
        return
    if per_doc:
        click.echo(scorer.format_documents(evaluation, subset))
        click.echo()
    click.echo(scorer.format_table(evaluation))
    if show_errors:
        errors = evaluation.errors(subset)
        click.echo(f"\n{len(errors)} errors ({scorer.SUBSET_LABELS[subset]}):")
        for error in errors:
            click.echo(error.describe())
