"""Editor: change a map's text a few lines at a time, keeping every other byte.

Each change is made twice: spliced into the text (whole lines, in the file's own
layout, with the comments that belong to what is added, moved or removed) and
applied to the plain data the loader reads. `check()` reads the new text back and
compares: a splice that would change anything else is refused, not written.

Flow collections (`[a, b]`, `{magnitude: high}`) that a change reaches are
rewritten on one line; an empty one that receives a block node becomes a block.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from argmap.edit import render
from argmap.edit.errors import RefusedEdit, UnsafeEdit
from argmap.edit.keys import key_order
from argmap.edit.yamltext import (
    Block,
    Path,
    YamlText,
    indent_of,
    is_blank,
    is_comment,
    shift,
)
from argmap.load import LoadedYaml, child_node, load_text


@dataclass(frozen=True, slots=True)
class Taken:
    """A sequence item taken out of the text: its node, and its lines when it was a block."""

    node: yaml.Node
    lines: list[str] | None = None
    col: int = 0  # the column of its dash in `lines`


class Editor:
    """A map's text and the plain data it must read back as, changed together.

    `root`, the text's composed node tree when the caller has it, saves composing again.
    """

    def __init__(
        self, text: str, data: Any, file: str = "<string>", root: yaml.MappingNode | None = None
    ) -> None:
        self.text = text
        self.data = _copy(data)
        self.file = file
        self.loaded: LoadedYaml | None = None  # the text as read back by `check()`
        self._parsed = YamlText(text, root) if root is not None else None

    @property
    def yt(self) -> YamlText:
        if self._parsed is None:
            self._parsed = YamlText(self.text)
        return self._parsed

    def _splice(self, start: int, end: int, new: list[str]) -> None:
        self.text = self.yt.spliced(start, end, new)
        self._parsed = None

    def _find(self, path: Path) -> Any:
        """The data at `path`, or None when there is none."""
        try:
            return self._data(path)
        except (KeyError, IndexError, TypeError):
            return None

    def _data(self, path: Path) -> Any:
        value = self.data
        for step in path:
            value = value[step]
        return value

    # --- changes -------------------------------------------------------------------------

    def set(self, path: Path, value: yaml.Node) -> None:
        """Set the key at `path` (the last step) to `value`, adding it in model order."""
        parent, key = path[:-1], str(path[-1])
        if not isinstance(self._find(parent), dict):  # no mapping there (or `impact:` empty)
            self.set(parent, render.mapping([(key, value)]))
            return
        self._data(parent)[key] = render.plain(value)
        flow = self.yt.flow_ancestor(parent)
        if flow is not None:
            if flow == parent and not self.yt.node_at(flow).value and _is_key(flow):
                self._replace_entry(flow, render.mapping([(key, value)]))
            else:
                self._rewrite_flow(flow, lambda node: _node_set(node, path, len(flow), value))
            return
        keys = [k.value for k, _ in self.yt.node_at(parent).value]
        if key in keys:
            self._replace_entry(path, value)
        else:
            lines = render.entry_lines(key, value, self.yt.layout)
            self._insert_entry(parent, key, lines, value)

    def unset(self, path: Path) -> None:
        """Remove the key at `path`; a mapping left empty goes with its own key."""
        parent, key = path[:-1], str(path[-1])
        container = self._data(parent)
        if len(container) == 1:
            if _is_key(parent):
                self.unset(parent)
                return
            raise RefusedEdit(f"removing '{key}' would leave an empty mapping")
        del container[key]
        flow = self.yt.flow_ancestor(parent)
        if flow is not None:
            self._rewrite_flow(flow, lambda node: _node_delete(node, path[len(flow) :]))
            return
        mapping = self.yt.mapping_at(parent)
        index = [k.value for k, _ in mapping.value].index(key)
        self._remove_block(self.yt.entry_blocks(mapping), index)

    def insert(
        self, seq_path: Path, index: int | None, value: yaml.Node, taken: Taken | None = None
    ) -> None:
        """Insert `value` into the sequence at `seq_path` (at the end when `index` is None);
        the key is added when missing. `taken` carries the lines of a moved item."""
        parent, key = seq_path[:-1], str(seq_path[-1])
        container = self._data(parent)
        if key not in container:
            container[key] = [render.plain(value)]
            outer = self.yt.flow_ancestor(parent)
            if outer is not None:
                seq = render.sequence([value], flow=True)
                depth = len(outer)
                self._rewrite_flow(outer, lambda node: _node_set(node, seq_path, depth, seq))
                return
            head = render.key_line(key)
            items = shift(self._item_lines(value, taken, 0), self.yt.layout.offset)
            self._insert_entry(parent, key, [head, *items], render.sequence([value]))
            return
        items_data = container[key]
        index = len(items_data) if index is None else index
        items_data.insert(index, render.plain(value))
        flow = self.yt.flow_ancestor(seq_path)
        if flow is not None:
            if flow == seq_path and not self.yt.node_at(flow).value:
                head = render.key_line(key)
                items = shift(self._item_lines(value, taken, 0), self.yt.layout.offset)
                self._replace_entry(seq_path, None, [head, *items])
            else:
                rel = seq_path[len(flow) :]
                self._rewrite_flow(flow, lambda node: _node_insert(node, rel, index, value))
            return
        blocks = self.yt.item_blocks(self.yt.sequence_at(seq_path))
        self._insert_block(blocks, index, self._item_lines(value, taken, blocks[0].col))

    def remove_item(self, seq_path: Path, index: int) -> Taken:
        """Take item `index` out of the sequence; a sequence left empty goes with its key."""
        sequence = self.yt.sequence_at(seq_path)
        item = sequence.value[index]
        flow = self.yt.flow_ancestor(seq_path)
        blocks = [] if flow is not None else self.yt.item_blocks(sequence)
        taken = Taken(item)
        if blocks:
            block = blocks[index]
            taken = Taken(item, self.yt.lines[block.lead : block.trail + 1], block.col)
        items_data = self._data(seq_path)
        if len(items_data) == 1:
            self.unset(seq_path)
            return taken
        items_data.pop(index)
        if flow is not None:
            self._rewrite_flow(
                flow, lambda node: _node_delete(node, (*seq_path[len(flow) :], index))
            )
        else:
            self._remove_block(blocks, index)
        return taken

    def check(self) -> LoadedYaml:
        """The text read back; `UnsafeEdit` unless it is exactly the intended data."""
        loaded = self.loaded = load_text(self.text, self.file)
        if loaded.data is None or loaded.data != self.data:
            raise UnsafeEdit(
                "argmap could not make this change without disturbing other parts of the "
                "file, so nothing was written; please report this with the map"
            )
        return loaded

    # --- splices -------------------------------------------------------------------------

    def _item_lines(self, value: yaml.Node, taken: Taken | None, col: int) -> list[str]:
        if taken is not None and taken.lines is not None:
            return shift(taken.lines, col - taken.col)
        return shift(render.item_lines(value, self.yt.layout), col)

    def _replace_entry(
        self, path: Path, value: yaml.Node | None, lines: list[str] | None = None
    ) -> None:
        """Rewrite the entry at `path` as `key: value` (or as the given lines from column 0),
        keeping the line's prefix and a comment at its end."""
        mapping = self.yt.mapping_at(path[:-1])
        keys = [k.value for k, _ in mapping.value]
        index = keys.index(path[-1])
        old = mapping.value[index][1]
        block = self.yt.entry_blocks(mapping)[index]
        if lines is None:
            assert value is not None
            if render.ends_in_block(value) and self._deeper_comment_at(block.last + 1, block.col):
                value = render.without_block_end(value)  # a block would swallow the comment
            lines = render.entry_lines(str(path[-1]), value, self.yt.layout)
        new = shift(lines, block.col)
        new[0] = self.yt.lines[block.first][: block.col] + new[0][block.col :]
        comment = self._end_comment(old)
        if comment:
            at = 0 if len(new) > 1 and (value is None or not _single_line(value)) else -1
            new[at] += comment
        self._splice(block.first, block.last + 1, new)

    def _end_comment(self, node: yaml.Node) -> str:
        """The comment after a scalar or flow value on its line (after a block header)."""
        lines = self.yt.lines
        start, end = node.start_mark, node.end_mark
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            header = lines[start.line][start.column :]
            rest = header[len(header.split()[0]) :] if header.split() else ""
        elif start.line == end.line:
            rest = lines[end.line][end.column :]
        else:
            return ""
        return rest if rest.strip().startswith("#") else ""

    def _insert_entry(self, parent: Path, key: str, lines: list[str], value: yaml.Node) -> None:
        mapping = self.yt.mapping_at(parent)
        blocks = self.yt.entry_blocks(mapping)
        keys = [k.value for k, _ in mapping.value]
        order = key_order(parent)
        position = len(keys)
        if key in order:  # after the last key that comes before it in model order
            rank = order.index(key)
            earlier = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
            position = earlier[-1] + 1 if earlier else 0
        col = blocks[0].col
        new = shift(lines, col)
        if position == 0 and blocks[0].compact:  # the new key takes the dash: "- id: x"
            first = blocks[0].first
            line = self.yt.lines[first]
            new[0] = line[:col] + new[0][col:]
            self._splice(first, first + 1, [*new, " " * col + line[col:]])
            return
        # Comments deeper than this would read as inside the new entry: it goes after them.
        claims = None
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            claims = col + self.yt.layout.offset
        elif isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
            claims = col + self.yt.layout.mapping
        elif render.ends_in_block(value):
            claims = col
        self._insert_block(blocks, position, new, claims)

    def _deeper_comment_at(self, line: int, col: int) -> bool:
        """Whether a comment deeper than `col` follows `line` (across blank lines)."""
        lines = self.yt.lines
        while line < len(lines) and is_blank(lines[line]):
            line += 1
        return line < len(lines) and is_comment(lines[line]) and indent_of(lines[line]) > col

    def _insert_block(
        self, blocks: list[Block], position: int, new: list[str], claims: int | None = None
    ) -> None:
        """Insert lines before block `position`, or after the last block and past the
        comments deeper than `claims`, which would otherwise read as part of them."""
        blank = [""] if self.yt.separated(blocks) else []
        if position == len(blocks):
            at = blocks[-1].trail + 1
            while claims is not None and self._deeper_comment_at(at, claims):
                while not is_comment(self.yt.lines[at]):
                    at += 1
                at += 1
            self._splice(at, at, [*blank, *new])
        else:
            at = blocks[position].lead
            self._splice(at, at, [*new, *blank])

    def _remove_block(self, blocks: list[Block], index: int) -> None:
        block, lines = blocks[index], self.yt.lines
        if block.compact:  # the next entry takes the dash
            after = blocks[index + 1]
            first = lines[block.first][: block.col] + lines[after.first][block.col :]
            self._splice(
                block.first, after.first + 1, [*lines[block.trail + 1 : after.first], first]
            )
            return
        # A blank line that separated the item from its neighbours goes with it: the one
        # before the last item, else the one after, when one before shows the style.
        start, end = block.lead, block.trail + 1
        if index == len(blocks) - 1:
            if self.yt.separated(blocks) and start > 0 and is_blank(lines[start - 1]):
                start -= 1
        elif end < len(lines) and is_blank(lines[end]):
            before = lines[blocks[index - 1].trail + 1 : block.lead] if index else []
            if any(is_blank(line) for line in before) if index else self.yt.separated(blocks):
                end += 1
        self._splice(start, *self._unswallowed(start, end))

    def _unswallowed(self, start: int, end: int) -> tuple[int, list[str]]:
        """Removing lines [start, end) could bring the comments after them under a block
        scalar that ends before `start`, which would read them as text: those comments
        move left to the scalar's key. The range to replace, and the lines to put there."""
        lines, above = self.yt.lines, start - 1
        while above >= 0 and is_blank(lines[above]):
            above -= 1
        scalar = self.yt.block_scalar_ending_at(above) if above >= 0 else None
        if scalar is None:
            return end, []
        text_col, key_col = scalar
        out, at = [], end
        while at < len(lines) and (is_blank(lines[at]) or is_comment(lines[at])):
            line = lines[at]
            out.append(" " * key_col + line.lstrip() if indent_of(line) >= text_col else line)
            at += 1
        return at, out

    def _rewrite_flow(self, path: Path, change: Callable[[yaml.Node], None]) -> None:
        node = copy.deepcopy(self.yt.node_at(path))  # the tree may be the document's own
        assert isinstance(node, yaml.CollectionNode)
        change(node)
        start, end = node.start_mark, node.end_mark
        lines = self.yt.lines
        line = (
            lines[start.line][: start.column]
            + render.flow_text(node)
            + lines[end.line][end.column :]
        )
        self._splice(start.line, end.line + 1, [line])


def _copy(data: Any) -> Any:
    """A copy of plain loaded data (mappings, lists, text), faster than `copy.deepcopy`."""
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(item) for item in data]
    return data


def _is_key(path: Path) -> bool:
    return bool(path) and isinstance(path[-1], str)


def _single_line(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.style not in ("|", ">") and "\n" not in node.value
    assert isinstance(node, yaml.CollectionNode)
    return bool(node.flow_style) or not node.value


def _walk(node: yaml.Node, rel: Path) -> yaml.Node:
    for step in rel:
        found = child_node(node, step)
        assert found is not None
        node = found
    return node


def _node_set(root: yaml.Node, path: Path, depth: int, value: yaml.Node) -> None:
    """In a flow collection (reached at `depth` steps of `path`), set the key `path[-1]`."""
    mapping = _walk(root, path[depth:-1])
    assert isinstance(mapping, yaml.MappingNode)
    key = str(path[-1])
    for i, (k, _) in enumerate(mapping.value):
        if k.value == key:
            mapping.value[i] = (k, value)
            return
    order = key_order(path[:-1])
    position = len(mapping.value)
    if key in order:
        rank = order.index(key)
        earlier = [i for i, (k, _) in enumerate(mapping.value) if order.index(k.value) < rank]
        position = earlier[-1] + 1 if earlier else 0
    mapping.value.insert(position, (render.scalar(key), value))


def _node_delete(root: yaml.Node, rel: Path) -> None:
    container = _walk(root, rel[:-1])
    if isinstance(container, yaml.MappingNode):
        container.value = [(k, v) for k, v in container.value if k.value != rel[-1]]
    else:
        del container.value[int(rel[-1])]


def _node_insert(root: yaml.Node, rel: Path, index: int, value: yaml.Node) -> None:
    sequence = _walk(root, rel)
    assert isinstance(sequence, yaml.SequenceNode)
    sequence.value.insert(index, value)
