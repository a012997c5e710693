"""Completion: what may be written at the cursor, read from the lines above it.

A map being typed is often not valid YAML, so the place is found from the text
(the key on the cursor's line, or the key that holds it by indentation), and the
choices come from the model (keys, enum values), the scheme library, and the ids
of the last version of the map that loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from lsprotocol import types
from pydantic import BaseModel

from argmap.edit.ids import NODE_LINKS, IdIndex, Kind
from argmap.graph import MapGraph, source_label
from argmap.load import child_node
from argmap.model import ArgMap, Expect, Source
from argmap.model.classes import MODEL_UNDER
from argmap.schemes import scheme_library

_ID_CHARS = re.compile(r"[A-Za-z0-9_.\-]*$")
_EXPECT_KEYS = tuple(Expect.model_fields)
_NODE_LISTS = (*NODE_LINKS, *_EXPECT_KEYS)
_BOOLEANS = ("turn", "implicit", "analytic")
# `key: value` on the cursor's line, the value being typed (a flow list allowed)
_VALUE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+)\s*:\s*(\[[^\]]*)?([^\[\],]*)$")
_ITEM = re.compile(r"^(\s*)-\s+[A-Za-z0-9_.\-]*$")
_KEY = re.compile(r"^(\s*)(-\s+)?[A-Za-z_]*$")
_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z0-9_.\-]+)\s*:")


@dataclass(frozen=True)
class Known:
    """What completion knows about the map: the last ids and graph that loaded."""

    index: IdIndex
    graph: MapGraph | None


def complete(lines: list[str], line: int, col: int, known: Known) -> list[types.CompletionItem]:
    """Completion items for a 0-based position."""
    before = lines[line][:col] if line < len(lines) else ""
    typed = _ID_CHARS.search(before)
    start = col - len(typed.group(0)) if typed else col
    edit_range = types.Range(types.Position(line, start), types.Position(line, col))
    value = _VALUE.match(before)
    if value:
        indent, key, flow = len(value.group(1)), value.group(2), value.group(3)
        if flow is not None and key not in _NODE_LISTS:
            return []
        return _values(key, indent, known, edit_range)
    if _ITEM.match(before):
        holder = _holder(lines, line, before.index("-"))
        if holder in _NODE_LISTS:
            return _node_ids(known, edit_range)
        if holder not in ("claims", "premises", "rebuttals", "evidence"):
            return []
    key = _KEY.match(before)
    if key:
        column = len(key.group(1)) + len(key.group(2) or "")
        present = _sibling_keys(lines, line, column, starts_item=bool(key.group(2)))
        return _keys(_model_at(lines, line, column), edit_range, present)
    return []


def _values(
    key: str, indent: int, known: Known, edit_range: types.Range
) -> list[types.CompletionItem]:
    if key in _NODE_LISTS:
        return _node_ids(known, edit_range)
    if key == "source" and indent > 0:  # a card's source; `source:` at the top is the article
        return _source_ids(known, edit_range)
    if key == "scheme":
        return [
            _item(s.id, types.CompletionItemKind.Module, s.title, edit_range)
            for s in scheme_library().values()
        ]
    if key == "cq":
        near = _schemes_near(known, edit_range.start.line)
        items = []
        for scheme in scheme_library().values():
            for q in scheme.questions:
                item = _item(
                    f"{scheme.id}.{q.id}", types.CompletionItemKind.Event, q.ask, edit_range
                )
                # the questions of the node's own scheme or its parent's come first
                item.sort_text = f"{0 if scheme.id in near else 1}{item.label}"
                items.append(item)
        return items
    if key in _BOOLEANS:
        value = types.CompletionItemKind.Value
        return [_item(v, value, None, edit_range) for v in ("true", "false")]
    models: list[type[BaseModel]] = [*MODEL_UNDER.values(), ArgMap]
    for model in models:
        annotation = model.model_fields[key].annotation if key in model.model_fields else None
        for kind in getattr(annotation, "__args__", (annotation,)):
            if isinstance(kind, type) and issubclass(kind, Enum):
                return [
                    _item(str(e.value), types.CompletionItemKind.EnumMember, None, edit_range)
                    for e in kind
                ]
    return []


def _schemes_near(known: Known, line: int) -> set[str]:
    """The schemes of the node written around `line` and of its parent (last loaded map)."""
    graph, root = known.graph, known.index.root
    if graph is None:
        return set()
    inner = None
    for mapped in graph:  # document order: the last node that spans the line is innermost
        node = root
        for step in mapped.path:
            node = child_node(node, step)
        if node is not None and node.start_mark.line <= line <= node.end_mark.line:
            inner = mapped
    if inner is None:
        return set()
    parent = graph.nodes.get(inner.parent) if inner.parent else None
    return {m.node.scheme for m in (inner, parent) if m is not None and m.node.scheme}


def _node_ids(known: Known, edit_range: types.Range) -> list[types.CompletionItem]:
    graph = known.graph
    items = []
    for name in known.index.names(Kind.NODE):
        mapped = graph.nodes.get(name) if graph is not None else None
        detail = f"{graph.codes.get(name, '')} {mapped.label}".strip() if graph and mapped else None
        items.append(_item(name, types.CompletionItemKind.Reference, detail, edit_range))
    return items


def _source_ids(known: Known, edit_range: types.Range) -> list[types.CompletionItem]:
    sources = known.graph.map.sources if known.graph is not None else {}
    return [
        _item(
            name,
            types.CompletionItemKind.Reference,
            source_label(sources[name]) if name in sources else None,
            edit_range,
        )
        for name in known.index.names(Kind.SOURCE)
    ]


def _keys(
    model: type[BaseModel] | None, edit_range: types.Range, present: set[str]
) -> list[types.CompletionItem]:
    if model is None:
        return []
    return [
        types.CompletionItem(
            label=name,
            kind=types.CompletionItemKind.Property,
            detail=field.description,
            text_edit=types.TextEdit(range=edit_range, new_text=f"{name}: "),
        )
        for name, field in model.model_fields.items()
        if name not in present
    ]


def _item(
    label: str, kind: types.CompletionItemKind, detail: str | None, edit_range: types.Range
) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        text_edit=types.TextEdit(range=edit_range, new_text=label),
    )


def _parents(lines: list[str], line: int, column: int) -> list[str]:
    """The keys holding a position, innermost first, found by indentation above it."""
    keys: list[str] = []
    for text in reversed(lines[:line]):
        match = _KEY_LINE.match(text)
        if match is None or not text.strip() or text.lstrip().startswith("#"):
            continue
        own = len(match.group(1)) + len(match.group(2) or "")
        if own < column:
            keys.append(match.group(3))
            column = own
            if column == 0:
                break
    return keys


def _sibling_keys(lines: list[str], line: int, column: int, starts_item: bool) -> set[str]:
    """Keys already written in the mapping the cursor is in (not offered again)."""
    keys: set[str] = set()
    above = [] if starts_item else reversed(lines[:line])
    for direction, rows in (("up", above), ("down", lines[line + 1 :])):
        for text in rows:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            match = _KEY_LINE.match(text)
            indent = len(text) - len(text.lstrip())
            dash = text.lstrip().startswith("- ")
            own = indent + 2 if dash else indent
            if own < column or (direction == "down" and dash and own <= column):
                break  # out of this mapping, or the next item of its list
            if match and own == column:
                keys.add(match.group(3))
                if dash:  # the mapping's first key: nothing above belongs to it
                    break
    return keys


def _holder(lines: list[str], line: int, dash: int) -> str | None:
    """The key of the block list whose item starts at column `dash` (`key:` then `- item`)."""
    for text in reversed(lines[:line]):
        match = _KEY_LINE.match(text)
        if match is None:
            continue
        own = len(match.group(1))
        if own < dash or (own == dash and not match.group(2)):
            return match.group(3)
    return None


def _model_at(lines: list[str], line: int, column: int) -> type[BaseModel] | None:
    """The model whose keys belong at `column` of `line`."""
    if column == 0:
        return ArgMap
    parents = _parents(lines, line, column)
    if not parents:
        return ArgMap
    if len(parents) >= 2 and parents[1] == "sources":
        return Source
    return MODEL_UNDER.get(parents[0])
