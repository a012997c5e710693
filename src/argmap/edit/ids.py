"""Where every node id and source id is written: definitions and references, with spans.

Built from the composed YAML tree that `argmap.load` keeps (no second parser), so it
works on a map with errors too: the language server completes, navigates and renames
with it while the user types, and `argmap rename` uses it to rewrite exactly the
characters of each id. Generated ids (nodes without `id:`) come from the resolved
graph when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import yaml

from argmap.graph import MapGraph
from argmap.load import LoadedYaml, YamlPath, child_node

NODE_LINKS = ("supports", "attacks", "outweighs")
"""A node's keys whose list items name other nodes."""
_CHILDREN = ("premises", "rebuttals")


class Kind(StrEnum):
    NODE = "node"
    SOURCE = "source"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a scalar is written: 0-based line, start and end column (code points).

    For a quoted scalar the span covers the text between the quotes.
    """

    line: int
    start: int
    end: int
    plain: bool = True

    def contains(self, line: int, col: int) -> bool:
        return line == self.line and self.start <= col <= self.end


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place an id is written: its definition (`id:`, a `sources` key) or a reference."""

    kind: Kind
    name: str
    span: Span
    path: YamlPath
    definition: bool


@dataclass
class IdIndex:
    """Every occurrence of every id in one map, in document order."""

    occurrences: list[Occurrence] = field(default_factory=list)
    # nodes without `id:` (generated id -> path of the node's mapping): found only via the graph
    generated: dict[str, YamlPath] = field(default_factory=dict)
    node_paths: dict[str, YamlPath] = field(default_factory=dict)
    root: yaml.Node | None = field(default=None, repr=False)

    def names(self, kind: Kind) -> list[str]:
        """Defined ids of one kind, in document order, without repeats."""
        seen = dict.fromkeys(o.name for o in self.occurrences if o.kind is kind and o.definition)
        if kind is Kind.NODE:
            seen.update(dict.fromkeys(self.generated))
        return list(seen)

    def at(self, line: int, col: int) -> Occurrence | None:
        """The occurrence under a 0-based position."""
        for occurrence in self.occurrences:
            if occurrence.span.contains(line, col):
                return occurrence
        return None

    def of(self, kind: Kind, name: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.kind is kind and o.name == name]

    def definition(self, kind: Kind, name: str) -> Occurrence | None:
        return next((o for o in self.of(kind, name) if o.definition), None)


def id_index(loaded: LoadedYaml, graph: MapGraph | None = None) -> IdIndex:
    """Index the ids of a loaded map; `graph` adds the generated ids of a valid one."""
    root = loaded.root
    index = IdIndex(root=root)
    if not isinstance(root, yaml.MappingNode):
        return index
    sources = child_node(root, "sources")
    if isinstance(sources, yaml.MappingNode):
        for key, _ in sources.value:
            if isinstance(key, yaml.ScalarNode):
                index.occurrences.append(
                    Occurrence(Kind.SOURCE, key.value, _span(key), ("sources", key.value), True)
                )
    claims = child_node(root, "claims")
    if isinstance(claims, yaml.SequenceNode):
        for i, item in enumerate(claims.value):
            for node, path in _walk(item, ("claims", i)):
                _index_node(index, node, path)
    expect = child_node(root, "expect")
    if isinstance(expect, yaml.MappingNode):
        for key, value in expect.value:
            for i, item in _scalar_items(value):
                where = ("expect", key.value, i)
                index.occurrences.append(
                    Occurrence(Kind.NODE, item.value, _span(item), where, False)
                )
    if graph is not None:
        for mapped in graph:
            index.node_paths[mapped.id] = mapped.path
            if not mapped.explicit_id:
                index.generated[mapped.id] = mapped.path
    index.occurrences.sort(key=lambda o: (o.span.line, o.span.start))
    return index


def _walk(node: yaml.Node, path: YamlPath) -> Iterator[tuple[yaml.MappingNode, YamlPath]]:
    stack = [(node, path)]
    while stack:
        current, at = stack.pop()
        if not isinstance(current, yaml.MappingNode):
            continue
        yield current, at
        for key in _CHILDREN:
            children = child_node(current, key)
            if isinstance(children, yaml.SequenceNode):
                stack.extend((c, (*at, key, i)) for i, c in enumerate(children.value))


def _index_node(index: IdIndex, node: yaml.MappingNode, path: YamlPath) -> None:
    own = child_node(node, "id")
    if isinstance(own, yaml.ScalarNode) and own.value:
        index.occurrences.append(Occurrence(Kind.NODE, own.value, _span(own), (*path, "id"), True))
        index.node_paths.setdefault(own.value, path)
    for key in NODE_LINKS:
        for i, item in _scalar_items(child_node(node, key)):
            occurrence = Occurrence(Kind.NODE, item.value, _span(item), (*path, key, i), False)
            index.occurrences.append(occurrence)
    evidence = child_node(node, "evidence")
    if isinstance(evidence, yaml.SequenceNode):
        for i, card in enumerate(evidence.value):
            source = child_node(card, "source")
            if isinstance(source, yaml.ScalarNode) and source.value:
                where = (*path, "evidence", i, "source")
                index.occurrences.append(
                    Occurrence(Kind.SOURCE, source.value, _span(source), where, False)
                )


def _scalar_items(node: yaml.Node | None) -> Iterator[tuple[int, yaml.ScalarNode]]:
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode) and item.value:
                yield i, item


def _span(node: yaml.ScalarNode) -> Span:
    start, end = node.start_mark, node.end_mark
    if node.style in ("'", '"') and start.line == end.line:
        return Span(start.line, start.column + 1, end.column - 1, plain=False)
    return Span(start.line, start.column, start.column + len(node.value))
