"""The lines of a YAML file and where each node sits in them.

Edits splice whole lines so that everything they do not touch keeps its bytes.
This module answers the questions a splice needs: which lines hold a mapping
entry or a sequence item (with the comments that belong to it), how the file
indents, and where a flow collection starts and ends. Positions come from
PyYAML's C composer, whose line numbers count the same line breaks as `lines`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import yaml

from argmap.load import child_node

Path = tuple[str | int, ...]

# The line breaks libyaml counts: a file's lines must be split the same way.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
_NO_TRAIL = 1 << 30
_COMMENT = re.compile(r"(?:^|[ \t])(#)")


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file indents, in columns relative to the key that holds a collection."""

    mapping: int = 2  # nested keys
    offset: int = 2  # the dash of a sequence item
    sequence: int = 4  # the content of a sequence item

    @property
    def item(self) -> int:
        """Columns from an item's dash to its content."""
        return self.sequence - self.offset


CANONICAL = Layout()


@dataclass(frozen=True, slots=True)
class Block:
    """The lines of one mapping entry or sequence item (0-based, inclusive)."""

    lead: int  # first line: the comments written directly above it, else `first`
    first: int  # the line of the key, or of the item's dash
    last: int  # the last line of its content
    trail: int  # the last of the comments after it that are inside it, else `last`
    col: int  # the column of the key or of the dash
    compact: bool = False  # an item's first key, written on the dash line ("- id: x")


def is_blank(line: str) -> bool:
    return not line.strip()


def is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def shift(lines: list[str], delta: int) -> list[str]:
    """Indent (or dedent) lines by `delta` columns; empty lines stay empty."""
    if delta >= 0:
        return [" " * delta + line if line else line for line in lines]
    return [line[min(-delta, indent_of(line)) :] for line in lines]


class YamlText:
    """One YAML document: its lines, its line breaks and its composed node tree."""

    def __init__(self, text: str, root: yaml.Node | None = None) -> None:
        """`root` is the text's composed tree, when the caller has composed it already."""
        self.lines = _BREAK.split(text)
        self.breaks = _BREAK.findall(text)
        self.newline = Counter(self.breaks).most_common(1)[0][0] if self.breaks else "\n"
        if root is None:
            root = yaml.compose(text, Loader=yaml.CSafeLoader)
        if not isinstance(root, yaml.MappingNode):
            raise ValueError("not a YAML mapping")
        self.root: yaml.MappingNode = root

    @property
    def text(self) -> str:
        return "".join(line + brk for line, brk in zip(self.lines, [*self.breaks, ""], strict=True))

    def spliced(self, start: int, end: int, new: list[str]) -> str:
        """The text with lines [start, end) replaced by `new` (which get the file's break)."""
        lines = [*self.lines[:start], *new, *self.lines[end:]]
        breaks = [*self.breaks[:start], *[self.newline] * len(new), *self.breaks[end:]]
        if len(breaks) == len(lines):  # inserted after a last line that had no break
            breaks = breaks[:-1]
        return "".join(line + brk for line, brk in zip(lines, [*breaks, ""], strict=True))

    # --- finding nodes -------------------------------------------------------------------

    def node_at(self, path: Path) -> yaml.Node:
        node: yaml.Node = self.root
        for step in path:
            found = child_node(node, step)
            if found is None:
                raise KeyError(path)
            node = found
        return node

    def mapping_at(self, path: Path) -> yaml.MappingNode:
        node = self.node_at(path)
        if not isinstance(node, yaml.MappingNode):
            raise KeyError(path)
        return node

    def sequence_at(self, path: Path) -> yaml.SequenceNode:
        node = self.node_at(path)
        if not isinstance(node, yaml.SequenceNode):
            raise KeyError(path)
        return node

    def has(self, path: Path) -> bool:
        try:
            self.node_at(path)
        except KeyError:
            return False
        return True

    def flow_ancestor(self, path: Path) -> Path | None:
        """The shortest prefix of `path` (itself included) that is a flow collection."""
        node: yaml.Node = self.root
        for depth in range(len(path) + 1):
            if isinstance(node, yaml.CollectionNode) and node.flow_style:
                return path[:depth]
            if depth == len(path):
                break
            found = child_node(node, path[depth])
            if found is None:
                break
            node = found
        return None

    # --- lines of nodes ------------------------------------------------------------------

    def last_line(self, node: yaml.Node) -> int:
        """The last line that holds part of `node`."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                return self._block_scalar_end(node)
            return int(node.end_mark.line)
        assert isinstance(node, yaml.CollectionNode)
        if node.flow_style or not node.value:
            return int(node.end_mark.line)
        if isinstance(node, yaml.MappingNode):
            return self.last_line(node.value[-1][1])
        return self.last_line(node.value[-1])

    def _block_scalar_end(self, node: yaml.ScalarNode) -> int:
        end = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
        header = _BLOCK_HEADER.match(self.lines[node.start_mark.line], node.start_mark.column)
        if header and "+" in header.group():  # "keep" chomping: trailing blank lines count
            return int(end)
        while end > node.start_mark.line and is_blank(self.lines[end]):
            end -= 1
        return int(end)

    def entry_blocks(self, mapping: yaml.MappingNode) -> list[Block]:
        """The block of every entry of a block mapping."""
        blocks = []
        for key, value in mapping.value:
            line, col = key.start_mark.line, key.start_mark.column
            compact = bool(self.lines[line][:col].strip())
            # Comments after a block collection are inside it when deeper than its items;
            # those after a scalar belong to whatever comes next.
            inner = _NO_TRAIL
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                inner = self._dash(value.value[0])[1]
            elif isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                inner = value.value[0][0].start_mark.column
            blocks.append(self._block(line, col, self.last_line(value), compact, inner))
        return blocks

    def item_blocks(self, sequence: yaml.SequenceNode) -> list[Block]:
        """The block of every item of a block sequence."""
        blocks = []
        for item in sequence.value:
            line, col = self._dash(item)
            blocks.append(self._block(line, col, self.last_line(item), False))
        return blocks

    def _dash(self, item: yaml.Node) -> tuple[int, int]:
        line, col = item.start_mark.line, item.start_mark.column
        before = self.lines[line][:col].rstrip()
        if before.endswith("-"):
            return line, len(before) - 1
        line -= 1  # "-" alone on its line, the item below it
        while is_blank(self.lines[line]) or is_comment(self.lines[line]):
            line -= 1
        return line, indent_of(self.lines[line])

    def _block(
        self, first: int, col: int, last: int, compact: bool, inner: int | None = None
    ) -> Block:
        """The block from `first` to `last`, with the comments directly above it (no deeper
        than `col`) and those after it that are deeper than `inner` (default `col`)."""
        inner = col if inner is None else inner
        lead = first
        if not compact:
            while (
                lead > 0
                and is_comment(self.lines[lead - 1])
                and indent_of(self.lines[lead - 1]) <= col
            ):
                lead -= 1
        trail = last
        while (
            trail + 1 < len(self.lines)
            and is_comment(self.lines[trail + 1])
            and indent_of(self.lines[trail + 1]) > inner
        ):
            trail += 1
        return Block(lead, first, last, trail, col, compact)

    def block_scalar_ending_at(self, line: int) -> tuple[int, int] | None:
        """For a block scalar (`|`, `>`) whose last line is `line`: the indentation of its
        text and the column of its key (a comment at or left of that ends the scalar)."""
        stack: list[yaml.Node] = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if (
                        isinstance(value, yaml.ScalarNode)
                        and value.style in ("|", ">")
                        and self.last_line(value) == line
                    ):
                        body = self.lines[value.start_mark.line + 1 : line + 1]
                        indent = min(indent_of(text) for text in body if not is_blank(text))
                        return indent, int(key.start_mark.column)
                    stack.append(value)
        return None

    def separated(self, blocks: list[Block]) -> bool:
        """Whether the last two blocks of a collection have a blank line between them."""
        if len(blocks) < 2:
            return False
        gap = self.lines[blocks[-2].trail + 1 : blocks[-1].lead]
        return any(is_blank(line) for line in gap)

    @cached_property
    def layout(self) -> Layout:
        """The indentation of the file's first nested mapping and first block sequence."""
        mapping: int | None = None
        sequence: tuple[int, int] | None = None
        stack: list[yaml.Node] = [self.root]
        while stack and (mapping is None or sequence is None):
            node = stack.pop()
            if not isinstance(node, yaml.MappingNode) or node.flow_style:
                if isinstance(node, yaml.SequenceNode):
                    stack.extend(reversed(node.value))
                continue
            for key, value in node.value:
                if not isinstance(value, yaml.CollectionNode) or value.flow_style:
                    continue
                if not value.value:
                    continue
                if isinstance(value, yaml.MappingNode) and mapping is None:
                    mapping = value.value[0][0].start_mark.column - key.start_mark.column
                if isinstance(value, yaml.SequenceNode) and sequence is None:
                    item = value.value[0]
                    dash = self._dash(item)[1] - key.start_mark.column
                    sequence = (dash, item.start_mark.column - key.start_mark.column)
            stack.extend(reversed([v for _, v in node.value]))
        offset, seq = sequence if sequence is not None else (CANONICAL.offset, CANONICAL.sequence)
        if offset < 0 or seq - offset < 2:
            offset, seq = CANONICAL.offset, CANONICAL.sequence
        return Layout(mapping if mapping and mapping > 0 else CANONICAL.mapping, offset, seq)

    def _scalars(self) -> list[yaml.ScalarNode]:
        found: list[yaml.ScalarNode] = []
        stack: list[yaml.Node] = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                found.append(node)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(n for pair in node.value for n in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return found

    def scalar_lines(self) -> set[int]:
        """Lines inside multi-line scalars, past their first line (their text is content)."""
        inside: set[int] = set()
        for node in self._scalars():
            inside.update(range(node.start_mark.line + 1, self.last_line(node) + 1))
        return inside

    def comments(self) -> list[str]:
        """Every comment in the file (stripped), whole-line and end-of-line alike."""
        inside = self.scalar_lines()
        # Per line, the column where scalar text ends: a '#' before it is content.
        covered: dict[int, int] = {}
        for node in self._scalars():
            start, end = node.start_mark, node.end_mark
            last = self.last_line(node)
            if last == start.line and end.line == start.line:
                covered[start.line] = max(covered.get(start.line, 0), end.column)
            else:
                header = _BLOCK_HEADER.match(self.lines[start.line], start.column)
                stop = header.end() if node.style in ("|", ">") and header else None
                covered[start.line] = max(
                    covered.get(start.line, 0), stop or len(self.lines[start.line])
                )
                if end.line == last:
                    covered[last] = max(covered.get(last, 0), end.column)
        found = []
        for number, line in enumerate(self.lines):
            if number in inside and number not in covered:
                continue
            at = covered.get(number, 0)
            match = _COMMENT.search(line, at)
            if match:
                found.append(line[match.start(1) :].strip())
        return found
