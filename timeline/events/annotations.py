"""Editorial annotations: an editor's notes, titles, date corrections, hiding, featuring and
tags for events, and events added by hand, read from ``content/annotations.yaml``.

The format is documented in ``docs/annotations.md``. Reading keeps the YAML node marks, so every
problem (bad YAML, an unknown key, an annotation that matches no event) is reported with the
file and line at fault.

API: :func:`load_annotations` (file -> :class:`Annotation` list) and :func:`apply_annotations`
(events + annotations -> events, including the added ones).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from timeline.errors import Diagnostics
from timeline.events.extract import event_id, normalise
from timeline.events.status import assign_status
from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

#: Keys that choose which events an annotation applies to.
SELECTOR_KEYS = ("id", "on", "text")
#: Keys that change the chosen events.
CHANGE_KEYS = ("title", "note", "date", "hide", "featured", "tags")
#: Keys of an event added by hand.
ADDED_KEYS = ("date", "text", "title", "note", "tags", "featured", "citation")
CITATION_KEYS = ("title", "url", "source", "published")
#: A text selector that is not found verbatim still matches an event whose sentence is at least
#: this similar (rapidfuzz partial_ratio, 0-100): the annotation survives small text edits.
FUZZY_TEXT_MATCH = 90.0


@dataclass(slots=True)
class CitationInfo:
    """The source of an event added by hand."""

    title: str
    url: str | None = None
    source: str = ""
    published: dt.date | None = None


@dataclass(slots=True)
class Annotation:
    """One entry of the annotations file, and where it is (for messages)."""

    path: Path | str
    line: int  # 1-based line of the entry
    # selectors (``events:`` entries)
    id: str | None = None
    on: str | None = None  # TimeML value or ISO date the event's date must fall in
    text: str | None = None  # words the event's sentence must contain
    # changes
    title: str | None = None
    note: str | None = None  # Markdown
    date: str | None = None  # corrected date, TimeML value
    hide: bool | None = None
    featured: bool | None = None
    tags: list[str] = field(default_factory=list)
    # ``add:`` entries: a new event and its source
    added: bool = False
    citation: CitationInfo | None = None


# --- reading --------------------------------------------------------------------------------


def load_annotations(path: Path, diagnostics: Diagnostics, shown: Path | str | None = None
                     ) -> list[Annotation]:
    """Read the annotations file at ``path``; a missing file means no annotations.

    Problems become diagnostics naming ``shown`` (default ``path``) and the line: bad YAML is
    an error and yields no annotations; a bad entry is a warning and only that entry is skipped.
    """
    shown = shown or path
    if not path.exists():
        return []
    try:
        source = path.read_text(encoding="utf-8")
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        diagnostics.error("annotations file is not UTF-8 text", shown,
                          hint="save it as UTF-8")
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        diagnostics.error(f"cannot read annotations: {problem}", shown,
                          line=mark.line + 1 if mark else None,
                          hint="fix the YAML syntax (see docs/annotations.md)")
        return []
    if root is None:
        return []
    reader = _Reader(shown, diagnostics)
    return reader.document(root)


class _Reader:
    """Turns composed YAML nodes into annotations, reporting problems with their line."""

    def __init__(self, shown: Path | str, diagnostics: Diagnostics) -> None:
        self.shown = shown
        self.diagnostics = diagnostics

    def warn(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.diagnostics.warn(message, self.shown, line=node.start_mark.line + 1, hint=hint)

    def document(self, root: yaml.Node) -> list[Annotation]:
        if not isinstance(root, yaml.MappingNode):
            self.warn(root, "annotations file must be a mapping with 'events:' and/or 'add:'",
                      hint="see docs/annotations.md")
            return []
        annotations: list[Annotation] = []
        for key_node, value_node in root.value:
            key = key_node.value
            if key not in ("events", "add"):
                self.warn(key_node, f"unknown section {key!r}", hint="use 'events:' or 'add:'")
                continue
            if not isinstance(value_node, yaml.SequenceNode):
                self.warn(value_node, f"'{key}:' must be a list of entries (lines with '- ')")
                continue
            for item in value_node.value:
                entry = self.added(item) if key == "add" else self.selection(item)
                if entry is not None:
                    annotations.append(entry)
        return annotations

    def fields(self, node: yaml.Node, allowed: tuple[str, ...]) -> dict | None:
        """A mapping entry as {key: (value, node)}; unknown keys are reported and dropped."""
        if not isinstance(node, yaml.MappingNode):
            self.warn(node, "an entry must be a mapping of keys such as 'id:' and 'note:'")
            return None
        values: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in allowed:
                self.warn(key_node, f"unknown key {key!r}, ignored",
                          hint=f"known keys: {', '.join(allowed)}")
                continue
            values[key] = (_construct(value_node), value_node)
        return values

    def selection(self, node: yaml.Node) -> Annotation | None:
        values = self.fields(node, SELECTOR_KEYS + CHANGE_KEYS)
        if values is None:
            return None
        annotation = Annotation(self.shown, node.start_mark.line + 1)
        if not ("id" in values or "text" in values):
            self.warn(node, "annotation says which event it is for with neither 'id:' nor "
                      "'text:'", hint="add the event id from events.json, or on: + text:")
            return None
        for key in ("id", "on", "text", "title", "note"):
            if key in values:
                setattr(annotation, key, self.string(values[key], key))
        if annotation.on is not None and interpret(annotation.on) is None:
            self.warn(values["on"][1], f"'on: {annotation.on}' is not a date",
                      hint="use an ISO date such as 2014-06-16 or a TimeML value such as 2014-W25")
            return None
        return self.changes(annotation, values)

    def changes(self, annotation: Annotation, values: dict) -> Annotation:
        if "date" in values:
            annotation.date = self.date_value(values["date"])
        for key in ("hide", "featured"):
            if key in values:
                value, value_node = values[key]
                if isinstance(value, bool):
                    setattr(annotation, key, value)
                else:
                    self.warn(value_node, f"'{key}:' must be true or false, ignored")
        if "tags" in values:
            annotation.tags = self.tags(values["tags"])
        return annotation

    def added(self, node: yaml.Node) -> Annotation | None:
        values = self.fields(node, ADDED_KEYS)
        if values is None:
            return None
        annotation = Annotation(self.shown, node.start_mark.line + 1, added=True)
        missing = [k for k in ("date", "text", "citation") if k not in values]
        if missing:
            self.warn(node, f"an added event needs {', '.join(missing)}", hint=(
                "give date:, text: and citation: {title:, url:}"))
            return None
        annotation.text = self.string(values["text"], "text")
        annotation.title = self.string(values["title"], "title") if "title" in values else None
        annotation.note = self.string(values["note"], "note") if "note" in values else None
        annotation.date = self.date_value(values["date"])
        annotation.citation = self.citation(values["citation"])
        if annotation.date is None or annotation.citation is None or not annotation.text:
            return None
        self.changes(annotation, {k: v for k, v in values.items() if k in ("featured", "tags")})
        return annotation

    def citation(self, pair: tuple) -> CitationInfo | None:
        value, node = pair
        values = self.fields(node, CITATION_KEYS)
        if values is None:
            return None
        if "title" not in values:
            self.warn(node, "the citation of an added event needs a 'title:'")
            return None
        published = None
        if "published" in values:
            raw, raw_node = values["published"]
            published = _as_date(raw)
            if published is None:
                self.warn(raw_node, f"'published: {raw}' is not a date", hint="use YYYY-MM-DD")
        return CitationInfo(
            title=self.string(values["title"], "title"),
            url=self.string(values["url"], "url") if "url" in values else None,
            source=self.string(values["source"], "source") if "source" in values else "",
            published=published,
        )

    def string(self, pair: tuple, key: str) -> str:
        value, node = pair
        if isinstance(value, (dict, list)) or value is None:
            self.warn(node, f"'{key}:' must be text")
            return ""
        return _as_text(value)

    def date_value(self, pair: tuple) -> str | None:
        value, node = pair
        text = _as_text(value)
        if interpret(text) is None:
            self.warn(node, f"'date: {text}' is not a date, ignored",
                      hint="use an ISO date such as 2014-06-16 or a TimeML value such as 2013-FA")
            return None
        return text

    def tags(self, pair: tuple) -> list[str]:
        value, node = pair
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, (str, int)) for v in items):
            self.warn(node, "'tags:' must be a list of words, ignored")
            return []
        return [str(v).strip() for v in items if str(v).strip()]


def _construct(node: yaml.Node):
    """The plain Python value of a node (dates stay dates, ``2003`` an int). A value YAML cannot
    construct (2014-02-30, a misused or unknown !!tag, a recursive alias) stays its text (None
    for a collection), so the usual per-key warning names its line instead of a traceback."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError, OverflowError,
            RecursionError):
        return node.value if isinstance(node, yaml.ScalarNode) else None
    finally:
        loader.dispose()


def _as_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


# --- applying -------------------------------------------------------------------------------


def apply_annotations(events: list[Event], annotations: list[Annotation],
                      diagnostics: Diagnostics) -> list[Event]:
    """Apply every annotation to the events it selects; add hand-made events.

    An annotation that selects no event is a warning with its file and line. Returns the
    events (hidden ones included, flagged ``hidden``) plus the added ones.
    """
    result = list(events)
    for annotation in annotations:
        if annotation.added:
            result.append(added_event(annotation))
            continue
        chosen = select(result, annotation)
        if not chosen:
            diagnostics.warn(f"annotation matches no event ({_describe(annotation)})",
                             annotation.path, line=annotation.line,
                             hint="copy the event's id from events.json, or fix on:/text:")
            continue
        for event in chosen:
            change(event, annotation)
    return result


def select(events: list[Event], annotation: Annotation) -> list[Event]:
    """Events an annotation is for: by id (or a merged-in id), else by date + text."""
    if annotation.id:
        by_id = [e for e in events if annotation.id == e.id or annotation.id in e.aliases]
        if by_id or not annotation.text:
            return by_id
    candidates = [e for e in events if _on_date(e, annotation.on)]
    wanted = normalise(annotation.text or "")
    if not wanted:
        return []
    exact = [e for e in candidates if any(wanted in normalise(s) for s in _sentences(e))]
    if exact:
        return exact
    scored = [(max(fuzz.partial_ratio(wanted, normalise(s)) for s in _sentences(e)), e)
              for e in candidates]
    best = max((score for score, _ in scored), default=0.0)
    return [e for score, e in scored if score == best and best >= FUZZY_TEXT_MATCH][:1]


def change(event: Event, annotation: Annotation) -> None:
    """Apply an annotation's changes to one event."""
    if annotation.title:
        event.headline = annotation.title
    if annotation.note:
        event.note = annotation.note
    if annotation.hide is not None:
        event.hidden = annotation.hide
    if annotation.featured is not None:
        event.featured = annotation.featured
    for tag in annotation.tags:
        if tag not in event.tags:
            event.tags.append(tag)
    if annotation.date and annotation.date != event.value:
        correct_date(event, annotation.date)


def correct_date(event: Event, value: str) -> None:
    """Re-date an event as the editor says; the old value is kept for the page to show."""
    meaning = interpret(value)
    if meaning is None:
        return
    if event.date_corrected_from is None:
        event.date_corrected_from = event.value
    event.value, event.mod = value, None
    event.precision, event.start, event.end = meaning.precision, meaning.start, meaning.end
    event.conflicts = []  # the editor settled the date
    assign_status(event)


def added_event(annotation: Annotation) -> Event:
    """An event added by hand, with its source as its one citation."""
    value = annotation.date or ""
    meaning = interpret(value)
    info = annotation.citation or CitationInfo(title="")
    text = annotation.text or ""
    source = Article(path=Path(str(annotation.path)), slug="", title=info.title, text=text,
                     source=info.source, url=info.url, published=info.published,
                     extra={"editorial": True})
    timex = Timex(0, 0, "", "DATE", value, None, meaning.precision,
                  (meaning.start, meaning.end))
    citation = Citation(article=source, sentence=text, sentence_start=0,
                        sentence_end=len(text), timex=timex)
    event = Event(id=f"ed-{event_id(value, text)}", value=value, precision=meaning.precision,
                  start=meaning.start, end=meaning.end, text=text, citations=[citation],
                  headline=annotation.title or "", note=annotation.note, editorial=True,
                  featured=bool(annotation.featured), tags=list(annotation.tags))
    return assign_status(event)


def _on_date(event: Event, on: str | None) -> bool:
    if on is None:
        return True
    meaning = interpret(on)
    if meaning is None:
        return False
    if event.value == on:
        return True
    # "on: 2014-06" selects every event dated within June 2014; "on: 2014-06-16" a week
    # holding that day too, so editors need not know the precision the tagger chose.
    inside = meaning.start <= event.start and event.end <= meaning.end
    holds = event.start <= meaning.start and meaning.end <= event.end
    return inside or holds


def _sentences(event: Event) -> list[str]:
    return [event.text] + [c.sentence for c in event.citations]


def _describe(annotation: Annotation) -> str:
    parts = []
    if annotation.id:
        parts.append(f"id {annotation.id}")
    if annotation.on:
        parts.append(f"on {annotation.on}")
    if annotation.text:
        parts.append(f"text {annotation.text!r}")
    return ", ".join(parts)
