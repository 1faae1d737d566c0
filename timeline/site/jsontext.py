"""Indented JSON text, byte for byte what ``json.dumps(..., indent=n)`` writes, made faster.

The standard library indents in pure Python (its C encoder only writes compact JSON), which was
most of the time spent writing events.json and timelinejs.json on every rebuild. Here each item
of the document's big list is indented once and remembered by its compact JSON (C-speed): an
unchanged event is not indented again by the next build. A memo keeps only the items of the
last document written with it.
"""

from __future__ import annotations

import json


class IndentedItems:
    """Remembers the indented text of the items of one kind of document (one per export)."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def dumps(self, document: dict, items_key: str, indent: int) -> str:
        """``json.dumps(document, ensure_ascii=False, indent=indent)``, where
        ``document[items_key]`` is the list of items and the document's last key."""
        items = document[items_key]
        head = json.dumps({**document, items_key: []}, ensure_ascii=False, indent=indent)
        hole = f'"{items_key}": []\n}}'
        if not items or not isinstance(items, list) or not head.endswith(hole):
            return json.dumps(document, ensure_ascii=False, indent=indent)
        # Items sit at depth 2: every line of an item moves right by two indents. A line break
        # is always structure: inside strings JSON writes it as \n.
        margin = " " * (2 * indent)
        known, kept, pieces = self._texts, {}, []
        for item in items:
            compact = json.dumps(item, ensure_ascii=False)
            text = known.get(compact)
            if text is None:
                text = margin + json.dumps(item, ensure_ascii=False, indent=indent).replace(
                    "\n", "\n" + margin)
            kept[compact] = text
            pieces.append(text)
        self._texts = kept
        closing = "\n" + " " * indent + "]\n}"
        return head[: -len("[]\n}")] + "[\n" + ",\n".join(pieces) + closing

    def clear(self) -> None:
        """Forget the remembered items (a process that builds once has no use for them)."""
        self._texts = {}
