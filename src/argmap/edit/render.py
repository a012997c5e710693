"""New values as YAML lines, in the layout of the file they go into.

Values are PyYAML nodes, so that a scalar keeps its style (plain, quoted, block)
when it is rewritten, and a subtree moved out of a flow collection keeps its
scalars as written. Scalars go through PyYAML's emitter, which quotes whatever a
YAML 1.1 reader would take for something else (`'no'`, `'1.0'`); the block
structure around them is laid out here, to match the file's indentation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from argmap.edit.yamltext import Layout, shift

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NEVER_FOLD = 1_000_000  # a width no line reaches: long texts stay on one line
_RESOLVER = yaml.resolver.Resolver()


def scalar(text: str, *, typed: bool = False, style: str | None = None) -> yaml.ScalarNode:
    """A scalar node.

    Text for a typed field (`true`, `0.5`, `undercut`) is written plain; free text
    is quoted when a YAML reader would read it as anything but text. Text with line
    breaks becomes a literal block unless a style is asked for.
    """
    tag = STR
    if typed:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if style is None and "\n" in text:
        style = "|"
    return yaml.ScalarNode(tag, text, style=style)


def mapping(pairs: Iterable[tuple[str, yaml.Node]], flow: bool = False) -> yaml.MappingNode:
    return yaml.MappingNode(MAP, [(scalar(k), v) for k, v in pairs], flow_style=flow)


def sequence(items: Iterable[yaml.Node], flow: bool = False) -> yaml.SequenceNode:
    return yaml.SequenceNode(SEQ, list(items), flow_style=flow)


def plain(node: yaml.Node) -> Any:
    """The data `argmap.load` reads from a node: text stays text, explicit nulls are None."""
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in NULLS and node.tag != STR:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    return {key.value: plain(value) for key, value in node.value}


def _serialize(node: yaml.Node, layout: Layout) -> list[str]:
    text: str = yaml.serialize(
        node,
        Dumper=yaml.CSafeDumper,
        width=_NEVER_FOLD,
        allow_unicode=True,
        indent=layout.mapping,
    )
    # Only "\n" separates emitted lines; other breaks are inside quoted scalars.
    return text.rstrip("\n").split("\n")


def flow_text(node: yaml.CollectionNode) -> str:
    """A collection in flow style on one line: `[a, b]`, `{magnitude: high}`."""
    node.flow_style = True
    return "\n".join(_serialize(node, Layout()))


def ends_in_block(node: yaml.Node) -> bool:
    """Whether the last line `node` renders to belongs to a block scalar (`|` or `>`)."""
    while _is_block(node):
        assert isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    if isinstance(node, yaml.ScalarNode):
        return node.style in ("|", ">") or (not node.style and "\n" in node.value)
    return False


def without_block_end(node: yaml.Node) -> yaml.Node:
    """`node` with its last block scalar double-quoted instead."""
    if isinstance(node, yaml.ScalarNode):
        return yaml.ScalarNode(node.tag, node.value, style='"')
    if isinstance(node, yaml.MappingNode) and node.value:
        key, value = node.value[-1]
        pairs = [*node.value[:-1], (key, without_block_end(value))]
        return yaml.MappingNode(node.tag, pairs, flow_style=node.flow_style)
    if isinstance(node, yaml.SequenceNode) and node.value:
        items = [*node.value[:-1], without_block_end(node.value[-1])]
        return yaml.SequenceNode(node.tag, items, flow_style=node.flow_style)
    return node


def _is_block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.CollectionNode) and not node.flow_style and bool(node.value)


def entry_lines(key: str, value: yaml.Node, layout: Layout) -> list[str]:
    """`key: value` as lines from column 0."""
    if not _is_block(value):
        return _serialize(mapping([(key, value)]), layout)
    head = key_line(key)
    if isinstance(value, yaml.MappingNode):
        return [head, *shift(block_lines(value, layout), layout.mapping)]
    assert isinstance(value, yaml.SequenceNode)
    return [head, *shift(sequence_lines(value, layout), layout.offset)]


def key_line(key: str) -> str:
    """`key:` as it starts an entry whose value is a block collection."""
    return _serialize(mapping([(key, scalar("x"))]), Layout())[0][: -len(" x")]


def block_lines(node: yaml.MappingNode, layout: Layout) -> list[str]:
    return [line for key, value in node.value for line in entry_lines(key.value, value, layout)]


def sequence_lines(node: yaml.SequenceNode, layout: Layout) -> list[str]:
    return [line for item in node.value for line in item_lines(item, layout)]


def item_lines(item: yaml.Node, layout: Layout) -> list[str]:
    """One sequence item, its dash at column 0."""
    if isinstance(item, yaml.MappingNode) and _is_block(item):
        body = block_lines(item, layout)
        return ["-" + " " * (layout.item - 1) + body[0], *shift(body[1:], layout.item)]
    return _serialize(sequence([item]), layout)
