"""Project configuration: ``timeline.toml``, one typed schema validated up front."""

from __future__ import annotations

import inspect
import json
import re
import textwrap
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from timeline.errors import TimelineError

CONFIG_FILE = "timeline.toml"


@dataclass(slots=True)
class Config:
    """Every setting of a timeline project, with its default.

    Relative paths are resolved against :attr:`root`, the folder holding ``timeline.toml``.
    """

    root: Path = field(default_factory=Path.cwd)
    #: Site title, shown in the header and feeds.
    title: str = "Timeline"
    #: One-sentence description for the page header and metadata.
    description: str = ""
    #: Public URL of the site, e.g. ``https://example.org/iraq/``; its path is the site's prefix.
    base_url: str = ""
    #: Language of the site (``lang`` attribute).
    language: str = "en"
    #: Folder of articles.
    content_dir: str = "content"
    #: Folder the site is written to.
    output_dir: str = "site"
    #: Folder of template overrides; templates not found here come from the default theme.
    templates_dir: str = "templates"
    #: Read ambiguous numeric dates like 3/4/2013 as day-first (4 March) instead of month-first.
    dayfirst: bool = False
    #: Annotation conventions other than the defaults, as name=choice items: "zone=utc" (a
    #: time written with its zone given in UTC), "now=untagged", "the-day=untagged".
    conventions: list = field(default_factory=list)
    #: Time zone for publication dates given without one.
    timezone: str = "UTC"
    #: Similarity (0-100) above which two same-date sentences are one event.
    merge_threshold: float = 80.0
    #: File of editorial annotations, relative to the content folder.
    annotations_file: str = "annotations.yaml"
    #: Processes reading and dating articles at once; 0 means one per core.
    jobs: int = 0
    #: Address of a Dask scheduler (``tcp://host:8786``) to read and date the articles on a
    #: cluster instead of this machine; empty to build here.
    scheduler: str = ""
    #: Number of key dates on the index page; 0 chooses a number that grows with the collection.
    key_events: int = 0
    #: Largest article file read, in MB (1,000,000 bytes); larger ones are refused with an
    #: error. A news article is well under 1 MB; a build costs time and memory per dated
    #: sentence (bench/big_article.py), so a file of many MB is most likely a mistake.
    max_article_mb: float = 5.0
    #: Events in the TimelineJS, Atom and iCalendar exports: "key" (the key events, when the
    #: build chose any) or "all". events.json and events.csv always hold every event.
    feed_events: str = "key"
    #: What the collection is about, in a phrase; steers which sentences count as central.
    topic: str = ""
    #: Words that matter to the story; steer salience like ``topic`` (e.g. ["spill", "well"]).
    keywords: list[str] = field(default_factory=list)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One setting of :class:`Config`: its name, default and the ``#:`` comment above it."""

    name: str
    default: object
    doc: str


_FIELD_LINE = re.compile(r"^\s+(?P<name>[a-z_]+)\s*:")


def setting_docs() -> list[SettingDoc]:
    """Every setting of :class:`Config`, in order, documented by its ``#:`` comment.

    Read from this module's source, so ``timeline init`` and the README describe exactly the
    settings :func:`load_config` accepts.
    """
    comments: dict[str, str] = {}
    pending: list[str] = []
    for line in inspect.getsource(Config).splitlines():
        stripped = line.strip()
        if stripped.startswith("#:"):
            pending.append(stripped[2:].strip())
            continue
        match = _FIELD_LINE.match(line)
        if match and pending:
            comments[match["name"]] = " ".join(pending).replace("``", "")
        pending = []
    defaults = Config(root=Path("."))
    return [SettingDoc(f.name, getattr(defaults, f.name), comments.get(f.name, ""))
            for f in fields(Config) if f.name != "root"]


def toml_value(value: object) -> str:
    """``value`` written as TOML (strings, booleans, numbers and lists: what settings hold)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def commented_toml() -> str:
    """A ``timeline.toml`` listing every setting, commented out at its default, with its meaning."""
    lines = [
        "# timeline project settings. Every setting is optional; each is shown here at its",
        "# default, commented out. To change one, remove the '# ' before it and edit the value.",
    ]
    for setting in setting_docs():
        lines.append("")
        lines += textwrap.wrap(setting.doc, width=98, initial_indent="# ",
                               subsequent_indent="# ")
        lines.append(f"# {setting.name} = {toml_value(setting.default)}")
    return "\n".join(lines) + "\n"


def load_config(root: Path | None = None, **overrides) -> Config:
    """Read ``timeline.toml`` in ``root`` (defaults if absent) and apply CLI overrides.

    Raises :class:`TimelineError` naming the file for unreadable TOML, unknown keys or wrong types.
    """
    root = (root or Path.cwd()).resolve()
    values = _read_toml(root / CONFIG_FILE)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _validated(root, values)


def _read_toml(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TimelineError(f"cannot read configuration: {exc}", path,
                            hint="fix the TOML syntax") from None
    # Settings may sit at the top level or under a [site] table; both read the same.
    merged = {k: v for k, v in data.items() if not isinstance(v, dict)}
    for table in data.values():
        if isinstance(table, dict):
            merged.update(table)
    return merged


def _validated(root: Path, values: dict) -> Config:
    known = {f.name: f for f in fields(Config) if f.name != "root"}
    config = Config(root=root)
    for key, value in values.items():
        if key not in known:
            raise TimelineError(f"unknown setting {key!r}", root / CONFIG_FILE,
                                hint=f"known settings: {', '.join(sorted(known))}")
        expected = type(getattr(config, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise TimelineError(
                f"setting {key!r} must be a {expected.__name__}, not {type(value).__name__}",
                root / CONFIG_FILE,
            )
        setattr(config, key, value)
    if not all(isinstance(item, str) for item in config.conventions):
        raise TimelineError("setting 'conventions' must be a list of strings",
                            root / CONFIG_FILE, hint='e.g. conventions = ["now=untagged"]')
    from timeline.temporal.conventions import Conventions

    Conventions.parse(config.conventions, root / CONFIG_FILE)  # a bad item names the file
    if not all(isinstance(word, str) for word in config.keywords):
        raise TimelineError("setting 'keywords' must be a list of words",
                            root / CONFIG_FILE, hint='e.g. keywords = ["flood", "dam"]')
    if config.key_events < 0:
        raise TimelineError("setting 'key_events' must be 0 (automatic) or more",
                            root / CONFIG_FILE, hint="e.g. key_events = 30")
    if config.feed_events not in ("key", "all"):
        raise TimelineError(f"setting 'feed_events' must be \"key\" or \"all\", not "
                            f"{config.feed_events!r}", root / CONFIG_FILE,
                            hint='feed_events = "all" puts every event in the feeds')
    if not config.max_article_mb > 0:
        raise TimelineError("setting 'max_article_mb' must be more than 0", root / CONFIG_FILE,
                            hint="e.g. max_article_mb = 10")
    if config.jobs < 0:
        raise TimelineError("setting 'jobs' must be 0 (one per core) or more",
                            root / CONFIG_FILE, hint="e.g. jobs = 2")
    problem = base_url_problem(config.base_url)
    if problem:  # it becomes canonical, og:url, sitemap and feed links
        raise TimelineError(f"base_url {problem}: {config.base_url!r}", root / CONFIG_FILE,
                            hint="e.g. https://example.org/timeline/")
    if not _LANGUAGE_TAG.fullmatch(config.language):
        raise TimelineError(f"language must be a language tag such as en or pt-BR, not "
                            f"{config.language!r}", root / CONFIG_FILE, hint='e.g. language = "en"')
    return config


# Characters no URL may hold as they are (RFC 3986): spaces, controls, quotes, <, >, \, ^, `,
# {, |, }. Letters beyond ASCII are fine (an IRI); they are escaped where the URL is written.
_NOT_IN_URL = re.compile(r'[\x00-\x20\x7f"<>\\^`{|}]')
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def base_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as the site's public address, or None (also for '')."""
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname:
        return "has no host name"
    if _NOT_IN_URL.search(url):
        return "holds a character a URL cannot hold (a space, quote, <, >, backslash...)"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "must not have a ?query or #fragment"
    if parts.username is not None or parts.password is not None:
        return "must not hold a user name or password"
    return None
