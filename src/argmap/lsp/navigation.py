"""Go to definition, find references, and the outline (document symbols)."""

from __future__ import annotations

import yaml
from lsprotocol import types

from argmap.edit.ids import IdIndex, Kind, Span
from argmap.graph import MapGraph
from argmap.load import YamlPath, child_node


def span_range(span: Span) -> types.Range:
    return types.Range(types.Position(span.line, span.start), types.Position(span.line, span.end))


def definition(index: IdIndex, uri: str, line: int, col: int) -> list[types.Location]:
    """Where the id under the cursor is defined (a node's `id:`, or the node; a source)."""
    found = index.at(line, col)
    if found is None:
        return []
    target = index.definition(found.kind, found.name)
    if target is not None:
        return [types.Location(uri, span_range(target.span))]
    path = index.generated.get(found.name) if found.kind is Kind.NODE else None
    where = node_range(index.root, path) if path is not None else None
    return [] if where is None else [types.Location(uri, where)]


def references(
    index: IdIndex, uri: str, line: int, col: int, include_declaration: bool
) -> list[types.Location]:
    """Every place the id under the cursor is written."""
    found = index.at(line, col)
    if found is None:
        return []
    return [
        types.Location(uri, span_range(o.span))
        for o in index.of(found.kind, found.name)
        if include_declaration or not o.definition
    ]


def node_range(root: yaml.Node | None, path: YamlPath) -> types.Range | None:
    """The range of the YAML node at `path`, from its first to its last character."""
    node = root
    for step in path:
        node = child_node(node, step)
    if node is None:
        return None
    start, end = node.start_mark, node.end_mark
    return types.Range(
        types.Position(start.line, start.column), types.Position(end.line, end.column)
    )


def symbols(graph: MapGraph, root: yaml.Node | None) -> list[types.DocumentSymbol]:
    """The outline: claims, with their premises and rebuttals, by code and title."""
    children: dict[str, list[types.DocumentSymbol]] = {}
    top: list[types.DocumentSymbol] = []
    for mapped in graph:  # document order: a parent comes before its children
        where = node_range(root, mapped.path)
        if where is None:
            continue
        code = graph.codes.get(mapped.id, mapped.id)
        symbol = types.DocumentSymbol(
            name=f"{code} {mapped.label}".strip(),
            detail=f"{mapped.id} · {mapped.role} · {mapped.side}",
            kind=_KIND.get(str(mapped.role), types.SymbolKind.Object),
            range=where,
            selection_range=types.Range(where.start, where.start),
            children=children.setdefault(mapped.id, []),
        )
        under = children.get(mapped.parent) if mapped.parent else None
        (top if under is None else under).append(symbol)
    return top


_KIND = {
    "claim": types.SymbolKind.Class,
    "premise": types.SymbolKind.Field,
    "rebuttal": types.SymbolKind.Event,
}
