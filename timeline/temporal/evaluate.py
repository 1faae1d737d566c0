"""Score a tagger's timexes against gold TimeML, the TempEval-3 Task A way.

Matching, per document: a *strict* match is an identical span; a *relaxed* match is a pair of
overlapping spans, each gold and each system timex used at most once (a maximum one-to-one
matching, preferring identical spans, then the larger overlap, then identical values).
Figures, for all types and for the DATE+TIME subset (gold and system both restricted to those
types before matching):

- strict and relaxed span precision / recall / F1;
- value accuracy and type accuracy over the relaxed matches;
- value F1 and type F1: a system timex is correct when it relaxed-matches a gold timex with the
  identical value (type); precision = correct / system, recall = correct / gold;
- for comparison with published figures, "relaxed any": the TempEval-3 toolkit's count, which
  is not one-to-one (recall = gold timexes overlapping any system timex, precision = system
  timexes overlapping any gold timex), so one system span covering two gold spans scores both.

Totals are micro-averaged: counts are summed over documents before dividing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field

from timeline.temporal.batch import tagger_bug
from timeline.temporal.model import Timex
from timeline.temporal.timeml import TimeMLDocument, timeml_marks
from timeline.temporal.values import VAGUE_REFS, interpret

#: The types that anchor a timeline, scored on their own as well.
ANCHOR_TYPES = frozenset({"DATE", "TIME"})
SUBSETS = ("all", "date_time")
SUBSET_LABELS = {"all": "all types", "date_time": "DATE+TIME"}
ERROR_KINDS = ("miss", "spurious", "wrong value", "wrong type")


@dataclass
class Counts:
    """Summed counts from which every figure is derived."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # identical spans
    relaxed: int = 0  # one-to-one overlapping pairs
    value: int = 0  # relaxed pairs with identical value
    # Relaxed pairs whose values agree once annotators' spelling variants are equated
    # ("1968-XX" = "1968"): a diagnostic beside value F1, never instead of it.
    notation: int = 0
    type: int = 0  # relaxed pairs with identical type
    # Not one-to-one, as the TempEval-3 toolkit counts: gold (system) timexes overlapping any
    # system (gold) timex. Kept to compare with published figures; see "relaxed (any)".
    gold_overlapping: int = 0
    system_overlapping: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for name in ("gold", "system", "strict", "relaxed", "value", "notation", "type",
                     "gold_overlapping", "system_overlapping"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def figures(self) -> dict[str, float]:
        """Precision, recall and F1 (as fractions 0..1) of each measure, plus accuracies."""
        out: dict[str, float] = {}
        for measure in ("strict", "relaxed", "value", "notation", "type"):
            p, r, f = prf(getattr(self, measure), self.system, self.gold)
            out[f"{measure}_p"], out[f"{measure}_r"], out[f"{measure}_f1"] = p, r, f
        p = _ratio(self.system_overlapping, self.system)
        r = _ratio(self.gold_overlapping, self.gold)
        out["any_overlap_p"], out["any_overlap_r"] = p, r
        out["any_overlap_f1"] = _ratio(2 * p * r, p + r)
        out["value_accuracy"] = _ratio(self.value, self.relaxed)
        out["type_accuracy"] = _ratio(self.type, self.relaxed)
        return out


def prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; 0 where undefined (nothing proposed or nothing to find)."""
    precision = _ratio(correct, system)
    recall = _ratio(correct, gold)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return precision, recall, f1


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class ScoringError:
    """One miss, spurious timex, or wrong value/type, with a snippet of the text around it."""

    doc_id: str
    kind: str  # "miss", "spurious", "wrong value", "wrong type"
    gold: Timex | None
    system: Timex | None
    context: str
    difference: str | None = None  # for wrong values: see value_difference()

    def describe(self) -> str:
        gold = f"gold {self.gold.text!r} {self.gold.type} {self.gold.value}" if self.gold else ""
        system = (f"system {self.system.text!r} {self.system.type} {self.system.value}"
                  if self.system else "")
        what = " vs ".join(part for part in (gold, system) if part)
        kind = f"{self.kind} ({self.difference})" if self.difference else self.kind
        return f"{self.doc_id}: {kind}: {what} | {self.context}"

    def to_json(self) -> dict:
        return {
            "doc": self.doc_id,
            "kind": self.kind,
            "gold": _timex_json(self.gold),
            "system": _timex_json(self.system),
            "context": self.context,
            "difference": self.difference,
        }


def _timex_json(timex: Timex | None) -> dict | None:
    if timex is None:
        return None
    return {"start": timex.start, "end": timex.end, "text": timex.text, "type": timex.type,
            "value": timex.value, "mod": timex.mod}


@dataclass
class DocumentScore:
    """Counts and errors of one document, per subset."""

    doc_id: str
    counts: dict[str, Counts]
    errors: dict[str, list[ScoringError]]


@dataclass
class Evaluation:
    """The scores of a set of documents."""

    documents: list[DocumentScore] = field(default_factory=list)

    def total(self, subset: str = "all") -> Counts:
        total = Counts()
        for document in self.documents:
            total += document.counts[subset]
        return total

    def errors(self, subset: str = "all") -> list[ScoringError]:
        return [error for document in self.documents for error in document.errors[subset]]


# --- matching -------------------------------------------------------------------------------

def overlaps(a: Timex, b: Timex) -> bool:
    """Spans share at least one character."""
    return a.start < b.end and b.start < a.end


def match_strict(gold: Sequence[Timex], system: Sequence[Timex]) -> int:
    """How many gold spans the system reproduced exactly (each span counted once per copy)."""
    spans = Counter((s.start, s.end) for s in system)
    found = 0
    for g in gold:
        if spans[(g.start, g.end)]:
            spans[(g.start, g.end)] -= 1
            found += 1
    return found


def match_relaxed(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans, as (gold index, system index) pairs.

    Augmenting paths (Kuhn's algorithm) make the matching maximum even when one long span
    overlaps several short ones; trying candidates best-first (same span, larger overlap, same
    value) makes the chosen pairs the natural ones when there is a choice.
    """
    candidates = [
        sorted((j for j, s in enumerate(system) if overlaps(g, s)),
               key=lambda j, g=g: _preference(g, system[j]))
        for g in gold
    ]
    owner: dict[int, int] = {}  # system index -> gold index

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    # Gold timexes whose best candidate is best overall choose first (identical spans first),
    # so an ambiguous system span goes to the gold timex it covers most.
    order = sorted(range(len(gold)), key=lambda i: (
        _preference(gold[i], system[candidates[i][0]]) if candidates[i] else (True, 0, True), i))
    for i in order:
        assign(i, set())
    return sorted((i, j) for j, i in owner.items())


def _preference(g: Timex, s: Timex) -> tuple[bool, int, bool]:
    """Sort key, smaller is better: identical span, then larger overlap, then same value."""
    overlap = min(g.end, s.end) - max(g.start, s.start)
    return ((g.start, g.end) != (s.start, s.end), -overlap, g.value != s.value)


# --- scoring --------------------------------------------------------------------------------

def score_document(doc_id: str, text: str, gold: Sequence[Timex],
                   system: Sequence[Timex]) -> DocumentScore:
    """Counts and errors of one document for all types and for DATE+TIME."""
    counts: dict[str, Counts] = {}
    errors: dict[str, list[ScoringError]] = {}
    for subset in SUBSETS:
        g = _restrict(gold, subset)
        s = _restrict(system, subset)
        counts[subset], errors[subset] = _score(doc_id, text, g, s)
    return DocumentScore(doc_id, counts, errors)


def _restrict(timexes: Sequence[Timex], subset: str) -> list[Timex]:
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    if subset == "all":
        return ordered
    return [t for t in ordered if t.type in ANCHOR_TYPES]


def _score(doc_id: str, text: str, gold: list[Timex],
           system: list[Timex]) -> tuple[Counts, list[ScoringError]]:
    pairs = match_relaxed(gold, system)
    counts = Counts(gold=len(gold), system=len(system), strict=match_strict(gold, system),
                    relaxed=len(pairs),
                    gold_overlapping=sum(any(overlaps(g, s) for s in system) for g in gold),
                    system_overlapping=sum(any(overlaps(g, s) for g in gold) for s in system))
    errors: list[ScoringError] = []
    for i, j in pairs:
        g, s = gold[i], system[j]
        counts.value += g.value == s.value
        counts.notation += canonical_value(g.value) == canonical_value(s.value)
        counts.type += g.type == s.type
        if g.value != s.value:
            errors.append(ScoringError(doc_id, "wrong value", g, s, context(text, g.start, g.end),
                                       value_difference(g.value, s.value)))
        elif g.type != s.type:
            errors.append(ScoringError(doc_id, "wrong type", g, s, context(text, g.start, g.end)))
    matched_gold = {i for i, _ in pairs}
    matched_system = {j for _, j in pairs}
    errors += [ScoringError(doc_id, "miss", g, None, context(text, g.start, g.end))
               for i, g in enumerate(gold) if i not in matched_gold]
    errors += [ScoringError(doc_id, "spurious", None, s, context(text, s.start, s.end))
               for j, s in enumerate(system) if j not in matched_system]
    errors.sort(key=lambda e: (e.gold or e.system).start)  # type: ignore[union-attr]
    return counts, errors


# --- what kind of wrong value --------------------------------------------------------------

# Spellings of one value that TimeML annotators vary on: "1968-XX" and "1998-XX-XX" for a year,
# "199X" for a decade, "2000-W7" for a two-digit week.
_NOTATION_VARIANTS = (
    (re.compile(r"^(\d{4})(?:-XX)+$"), r"\1"),
    (re.compile(r"^(\d{2,3})X$"), r"\1"),
    (re.compile(r"^(\d{4}-W)(\d)(?!\d)"), r"\g<1>0\2"),
)


def canonical_value(value: str) -> str:
    """``value`` with annotators' spelling variants normalised (``1968-XX`` -> ``1968``)."""
    for pattern, replacement in _NOTATION_VARIANTS:
        value = pattern.sub(replacement, value)
    return value


def value_difference(gold: str, system: str) -> str:
    """How two different values differ, to sort wrong values by likely cause.

    "notation" (same value spelt differently), "granularity" (one period contains the other:
    1998 vs 1998-10, a day vs its evening), "7 days" (a weekday or week resolved to the wrong
    week), "1 day" (off by one day), "1 year" (right month or day, wrong year), "kind" (point
    vs duration, set or vague reference), or "other".
    """
    if canonical_value(gold) == canonical_value(system):
        return "notation"
    g, s = interpret(gold), interpret(system)
    if g is None or s is None:
        return "kind" if _value_kind(gold) != _value_kind(system) else "other"
    if g.start <= s.start and s.end <= g.end or s.start <= g.start and g.end <= s.end:
        return "granularity"
    if g.precision == s.precision and g.precision in ("day", "week"):
        days = abs((g.start - s.start).days)
        if days in (1, 7):
            return f"{days} day" if days == 1 else "7 days"
    if g.precision == s.precision and abs(g.start.year - s.start.year) == 1 and (
            (g.start.month, g.start.day) == (s.start.month, s.start.day)):
        return "1 year"
    return "other"


def _value_kind(value: str) -> str:
    if value in VAGUE_REFS:
        return "vague"
    if value.startswith("P"):
        return "duration"
    return "unresolved" if "X" in value else "point"


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """The span in [brackets] with up to ``width`` characters each side, on one line."""
    snippet = f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}"
    return " ".join(snippet.split())


Tagger = Callable[..., list[Timex]]


def evaluate(documents: Iterable[TimeMLDocument], tagger: Tagger) -> Evaluation:
    """Tag each document's text anchored at its creation time and score it against its gold.

    An exception inside the tagger becomes a TimelineError naming the document's file.
    """
    evaluation = Evaluation()
    for document in documents:
        try:
            system = timeml_marks(tagger(document.text, anchor=document.dct))
        except Exception as exc:  # noqa: BLE001 - named, as `timeline tag` does, not a traceback
            raise tagger_bug(exc, document.path or document.doc_id) from None
        evaluation.documents.append(
            score_document(document.doc_id, document.text, document.timexes, system))
    return evaluation


# --- reports --------------------------------------------------------------------------------

def format_table(evaluation: Evaluation) -> str:
    """A plain-text table of the micro-averaged totals, one block per subset."""
    lines = [f"{len(evaluation.documents)} documents"]
    header = f"{'':<12}{'P':>8}{'R':>8}{'F1':>8}"
    for subset in SUBSETS:
        total = evaluation.total(subset)
        figures = total.figures()
        lines += ["", f"{SUBSET_LABELS[subset]}: {total.gold} gold, {total.system} system, "
                      f"{total.strict} strict / {total.relaxed} relaxed matches", header]
        for measure, label in (("strict", "strict span"), ("relaxed", "relaxed span"),
                               ("value", "value"), ("type", "type")):
            p, r, f = (figures[f"{measure}_{x}"] for x in ("p", "r", "f1"))
            lines.append(f"{label:<12}{100 * p:>8.1f}{100 * r:>8.1f}{100 * f:>8.1f}")
        p, r, f = (figures[f"any_overlap_{x}"] for x in ("p", "r", "f1"))
        lines.append(f"{'relaxed any':<12}{100 * p:>8.1f}{100 * r:>8.1f}{100 * f:>8.1f}"
                     "  (not one-to-one, as the TE3 toolkit counts)")
        lines.append(f"value accuracy {100 * figures['value_accuracy']:.1f}  "
                     f"type accuracy {100 * figures['type_accuracy']:.1f}  (over relaxed matches)")
        lines.append(f"value F1 {100 * figures['notation_f1']:.1f} with annotators' spelling "
                     "variants equated (1968-XX = 1968, 2000-W7 = 2000-W07, 199X = 199)")
    return "\n".join(lines)


def format_documents(evaluation: Evaluation, subset: str = "all") -> str:
    """One line per document: counts, relaxed span F1 and value F1."""
    lines = [f"{'document':<28}{'gold':>6}{'sys':>6}{'relaxF1':>9}{'valueF1':>9}"]
    for document in evaluation.documents:
        counts = document.counts[subset]
        figures = counts.figures()
        lines.append(f"{document.doc_id:<28}{counts.gold:>6}{counts.system:>6}"
                     f"{100 * figures['relaxed_f1']:>9.1f}{100 * figures['value_f1']:>9.1f}")
    return "\n".join(lines)


def to_json(evaluation: Evaluation, *, errors: bool = False) -> str:
    """The totals, per-document counts and (optionally) the error listing as JSON."""
    data: dict = {
        "documents": [
            {"doc": d.doc_id, **{subset: asdict(d.counts[subset]) for subset in SUBSETS}}
            for d in evaluation.documents
        ],
        "total": {
            subset: {**asdict(evaluation.total(subset)), **evaluation.total(subset).figures()}
            for subset in SUBSETS
        },
    }
    if errors:
        data["errors"] = {subset: [e.to_json() for e in evaluation.errors(subset)]
                          for subset in SUBSETS}
    return json.dumps(data, indent=2, ensure_ascii=False)


def format_errors(evaluation: Evaluation, subset: str = "all") -> str:
    """Every error of ``subset``, one per line, after a count of each kind."""
    errors = evaluation.errors(subset)
    kinds = Counter(error.kind for error in errors)
    summary = ", ".join(f"{kinds[kind]} {kind}" for kind in ERROR_KINDS)
    lines = [f"{len(errors)} errors ({SUBSET_LABELS[subset]}): {summary}"]
    differences = Counter(error.difference for error in errors if error.difference)
    if differences:
        lines.append("wrong values by difference: " + ", ".join(
            f"{count} {difference}" for difference, count in differences.most_common()))
    lines += [error.describe() for error in errors]
    return "\n".join(lines)
