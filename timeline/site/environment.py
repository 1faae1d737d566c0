"""The Jinja environment the pages are rendered with, and rendering with clear errors.

Templates come from the project's ``templates/`` folder first, then the theme shipped in the
package, so a project overrides any template or partial by dropping a file of the same name
into ``templates/``. Autoescape is on for every template: article text and metadata are always
escaped.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from timeline import __version__
from timeline.config import Config
from timeline.errors import TimelineError
from timeline.site.formats import date_label
from timeline.site.periods import INDEX_CITATIONS

THEME = Path(__file__).resolve().parent / "theme"
STATIC_DIR = "static"
#: The partial the timeline pages include once per event.
EVENT_PARTIAL = "partials/event.html"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, checked against the source.

    Every build makes a new environment, and compiling the templates again was a third of a
    small site's rebuild. Jinja stores a checksum of the source with the code and compiles
    again when it differs; all environments here are made with the same options.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(config: Config) -> jinja2.Environment:
    """Jinja environment: project templates first, then the theme; autoescape everywhere."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(config.templates_path)),
        jinja2.FileSystemLoader(str(THEME / "templates")),
    ])
    # auto_reload off: an environment serves one build, and the check stat()s the template file
    # each time a partial is included (once per event on the timeline page).
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                             bytecode_cache=_COMPILED)
    env.filters["date_label"] = date_label
    env.filters["count"] = "{:,}".format  # 36,176 events
    env.globals["generator"] = f"timeline {__version__}"
    env.globals["index_citations"] = INDEX_CITATIONS
    return env


def render_template(env: jinja2.Environment, name: str, **context) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TimelineError(f"template error: {exc.message}", exc.filename or name, exc.lineno,
                            hint="fix the template, or delete the override") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        # an override calling a method on a missing or wrong-typed value lands here too
        raise TimelineError(f"template {name} failed: {exc}", name,
                            hint="check the variables the template uses") from None
