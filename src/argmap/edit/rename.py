"""Rename a node id or a source id, with every reference to it (`expect:` included).

`rename_edits` lists the text replacements (one per place the id is written); the
language server sends them to the editor as a workspace edit, and `rename_id`
applies them for `argmap rename`, so both rename in exactly the same way. Only the
characters of the id change: comments, quoting and layout stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from argmap.diagnostics import did_you_mean
from argmap.edit.document import Change, MapDocument
from argmap.edit.errors import UsageError
from argmap.edit.ids import IdIndex, Kind, id_index
from argmap.edit.operations import _check_new_id
from argmap.load import YamlPath, child_node

# Plain scalars that YAML reads as null: such an id must be quoted to stay text.
_NULL_WORDS = frozenset({"null", "Null", "NULL"})


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace `line`'s columns `start`..`end` (0-based, code points) with `text`."""

    line: int
    start: int
    end: int
    text: str


def rename_kind(index: IdIndex, old: str, source: bool = False) -> Kind:
    """Which id `old` is: a node's, or with `source` (or when only a source has it) a source's."""
    nodes, sources = index.names(Kind.NODE), index.names(Kind.SOURCE)
    if source:
        if old not in sources:
            raise UsageError(f"no source '{old}' in the map{did_you_mean(old, sources)}")
        return Kind.SOURCE
    if old in nodes:
        return Kind.NODE
    if old in sources:
        return Kind.SOURCE
    raise UsageError(f"no node or source '{old}' in the map{did_you_mean(old, nodes + sources)}")


def rename_edits(index: IdIndex, kind: Kind, old: str, new: str) -> list[TextEdit]:
    """The replacements that rename `old` to `new`; `UsageError` on a clash or a bad id."""
    _check_new_id(new, index.names(kind))
    edits = [
        TextEdit(o.span.line, o.span.start, o.span.end, _written(new, o.span.plain))
        for o in index.of(kind, old)
    ]
    if kind is Kind.NODE and old in index.generated:
        edits.append(_add_id(index.root, index.generated[old], new))
    return sorted(edits, key=lambda e: (e.line, e.start))


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """`text` with the edits made (they must not overlap)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.start), reverse=True):
        line = lines[edit.line]
        lines[edit.line] = line[: edit.start] + edit.text + line[edit.end :]
    return "\n".join(lines)


def rename_id(doc: MapDocument, old: str, new: str, *, source: bool = False) -> Change:
    """Rename a node id or source id in a map opened for editing."""
    index = id_index(doc.loaded, doc.graph)
    kind = rename_kind(index, old, source)
    edits = rename_edits(index, kind, old, new)
    places = len(edits)
    what = "node" if kind is Kind.NODE else "source"
    summary = f"renamed {what} {old} to {new} ({places} place{'s' * (places != 1)})"
    return Change(apply_edits(doc.text, edits), summary)


def _written(new: str, plain: bool) -> str:
    return f"'{new}'" if plain and new in _NULL_WORDS else new


def _add_id(root: yaml.Node | None, path: YamlPath, new: str) -> TextEdit:
    """Give a node with a generated id an `id:`, written before its first key."""
    node = root
    for step in path:
        node = child_node(node, step)
    assert node is not None and node.value, "a node is a non-empty mapping"
    first = node.value[0][0].start_mark
    value = _written(new, plain=True)
    if isinstance(node, yaml.CollectionNode) and node.flow_style:
        return TextEdit(first.line, first.column, first.column, f"id: {value}, ")
    return TextEdit(first.line, first.column, first.column, f"id: {value}\n{' ' * first.column}")
