"""The front matter of a content file: the YAML between its ``---`` lines, and its values.

One job: split a file's text into metadata and body, reading the YAML safely (no aliases, an
impossible date kept as text, libyaml when it can), and check the values the loader uses
(text, lists of text, the title, the address), warning about the wrong kinds.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from timeline.errors import Diagnostics, TimelineError

_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(raw: str, shown: str) -> tuple[dict, str]:
    """Return (metadata, body)."""
    lines = raw.split("\n")
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return {}, raw
    for index in range(1, len(lines)):
        if _FRONT_MATTER_FENCE.match(lines[index]):
            break
    else:
        raise TimelineError("front matter has no closing '---' line", shown, 1,
                            hint="end the front matter with a line holding only ---")
    source = "\n".join(lines[1:index])
    meta = _fast_front_matter(source)
    try:
        if meta is _SLOW:
            meta = yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise TimelineError(f"broken front matter: {exc}", shown, 2,
                            hint="fix the YAML between the --- lines") from None
    except (LookupError, AttributeError):  # PyYAML's own bugs on e.g. '!!bool' or '!!float'
        raise TimelineError("broken front matter: a value does not fit its !!type tag", shown, 2,
                            hint="remove the !!tag or fix the YAML between the --- lines"
                            ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the '---'
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise TimelineError(f"broken front matter: {problem}", shown, line,
                            hint="fix the YAML between the --- lines") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise TimelineError("front matter must be a set of 'key: value' lines", shown, 2,
                            hint="write e.g. 'title: My article' between the --- lines")
    meta = {str(k).lower(): v for k, v in meta.items()}
    return meta, "\n".join(lines[index + 1:])


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML, except that an impossible date (2014-02-30, year 0) stays a string, so it
    becomes a 'not a date' warning instead of an exception."""

    def construct_yaml_timestamp(self, node):
        return _timestamp_or_text(self, node)

    def compose_node(self, parent, index):
        # Aliases (*name) let a few lines expand to gigabytes ("billion laughs") once the
        # value is turned into text; front matter never needs them.
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _timestamp_or_text(loader, node):
    """A YAML timestamp, or its text when it is no possible date. A plain function, not a
    method calling ``super()``: libyaml's loader below shares it, and a ``super()`` bound to
    :class:`_FrontMatterLoader` failed there for every dated file (each was then read again
    by the pure-Python parser, 0.5 ms per article)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, AttributeError):  # AttributeError: '!!timestamp x'
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


_SLOW = object()


if getattr(yaml, "__with_libyaml__", False):
    class _FastFrontMatterLoader(yaml.CSafeLoader):
        """libyaml's parser with :class:`_FrontMatterLoader`'s constructors: the pure-Python
        parser took 6 ms per article, a fifth of loading one."""

    _FastFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
else:  # PyYAML built without libyaml
    _FastFrontMatterLoader = None


def _fast_front_matter(source: str):
    """The front matter read by libyaml, or :data:`_SLOW` when the Python loader must read it:
    it may hold aliases (refused there, with the line), libyaml found a problem (reported
    there, in the same words as always), or values nest deeper than the Python loader goes."""
    if _FastFrontMatterLoader is None or "*" in source or "&" in source:
        return _SLOW
    try:
        meta = yaml.load(source, Loader=_FastFrontMatterLoader)  # noqa: S506 - a SafeLoader
    except Exception:  # noqa: BLE001 - any problem is reported by the Python loader
        return _SLOW
    return meta if _shallow(meta, 20) else _SLOW


def _shallow(value, depth: int) -> bool:
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return depth > 0 and all(_shallow(item, depth - 1) for item in value)
    return True


def text_value(value, key: str, shown: str, diagnostics: Diagnostics) -> str:
    """Front matter ``key`` as text (empty when absent); a list or mapping is warned about."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        diagnostics.warn(f"front matter '{key}' should be text, not a {type(value).__name__}",
                         shown, hint=f"write '{key}: some text'")
        return ""
    return str(value).strip()


def text_list(value, key: str, shown: str, diagnostics: Diagnostics) -> list[str]:
    """Front matter ``key`` as a list of text: a list, or one text (split at commas for tags)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()] if key == "tags" else [
            value.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    diagnostics.warn(f"front matter '{key}' should be text or a list of text", shown,
                     hint=f"write '{key}: [first, second]'")
    return []


def title_of(meta: dict, path: Path, shown: str, diagnostics: Diagnostics) -> str:
    """The front matter's title, else one made from the file name."""
    title = text_value(meta.get("title"), "title", shown, diagnostics)
    return title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def url_of(value, shown: str, diagnostics: Diagnostics) -> str | None:
    """The front matter's address, kept but warned about when it is not http(s)."""
    url = text_value(value, "url", shown, diagnostics)
    if not url:
        return None
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        diagnostics.warn(f"front matter 'url' is not an http(s) address: {url!r}", shown,
                         hint="give the full address, e.g. https://example.org/story")
    return url
