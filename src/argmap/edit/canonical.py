"""fmt: one canonical layout for a map, with every comment kept.

The canonical layout:
- keys in model order (`argmap, title, motion, ...`; `id, side, title, text, ...`),
  each entry moving with the comments written directly above it (those above the
  first key stay first: they head the mapping);
- 2-space indentation, sequences indented under their key (`claims:` / `  - id: x`);
- long text never folded: a multi-line plain or quoted scalar is joined onto one line
  (block scalars, `|` and `>`, keep their lines);
- comment lines indented like the line they precede, or, when they trail a block
  (a blank line or the end follows), at most as deep as the line above;
- no trailing spaces, no runs of blank lines, one blank line between root claims,
  one line break at the end.

Quoting, flow collections (`[a, b]`) and block scalars stay as written. Formatting
twice gives the same bytes. The result must read back as the same data with the
same comments, or the file is left alone (`UnsafeEdit`).
"""

from __future__ import annotations

import io
import itertools
from collections import Counter

import yaml

from argmap.edit import render
from argmap.edit.errors import UnsafeEdit
from argmap.edit.keys import key_order
from argmap.edit.yamltext import CANONICAL, Path, YamlText, indent_of, is_blank, is_comment
from argmap.load import load_text


def canonical_text(text: str) -> str:
    """The map's text in the canonical layout (the input must be a valid map)."""
    before = YamlText(text)
    ordered = _order_block_keys(_order_flow_keys(before))
    if "\t" in ordered:
        ordered = _untab_comments(ordered)
    dumped = _round_trip(ordered)
    result = _separate_claims(YamlText(_tidy_lines(YamlText(dumped))))
    if before.newline != "\n":
        result = result.replace("\n", before.newline)
    _check_same(before, text, result)
    return result


def _check_same(before: YamlText, text: str, result: str) -> None:
    after = YamlText(result)
    if load_text(result).data != load_text(text).data:
        raise UnsafeEdit("formatting would change the map's data; the file was left alone")
    if Counter(after.comments()) != Counter(before.comments()):
        raise UnsafeEdit("formatting would lose or move a comment; the file was left alone")


def _in_order(keys: list[str], order: list[str]) -> list[str]:
    rank = {key: i for i, key in enumerate(order)}
    return sorted(keys, key=lambda k: rank.get(k, len(order)))


def _mappings(node: yaml.Node, path: Path) -> list[tuple[yaml.MappingNode, Path]]:
    """Every mapping under `node` with its path, outer ones first."""
    found: list[tuple[yaml.MappingNode, Path]] = []
    stack: list[tuple[yaml.Node, Path]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, yaml.MappingNode):
            found.append((current, where))
            stack.extend((v, (*where, k.value)) for k, v in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((v, (*where, i)) for i, v in enumerate(current.value))
    return found


def _order_flow_keys(yt: YamlText) -> str:
    """Rewrite the flow collections that hold a mapping out of model order."""
    outermost: list[tuple[yaml.CollectionNode, Path]] = []
    stack: list[tuple[yaml.Node, Path]] = [(yt.root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.CollectionNode) and node.flow_style:
            outermost.append((node, path))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((v, (*path, k.value)) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*path, i)) for i, v in enumerate(node.value))
    lines = list(yt.lines)
    changed = False
    # Bottom-up, so that a rewrite never moves the lines of one still to come.
    for node, path in sorted(outermost, key=lambda np: np[0].start_mark.index, reverse=True):
        moved = False
        for mapping, where in _mappings(node, path):
            keys = [k.value for k, _ in mapping.value]
            wanted = _in_order(keys, key_order(where))
            if wanted != keys:
                pairs = {k.value: (k, v) for k, v in mapping.value}
                mapping.value = [pairs[k] for k in wanted]
                moved = True
        if moved:
            start, end = node.start_mark, node.end_mark
            line = lines[start.line][: start.column] + render.flow_text(node)
            lines[start.line : end.line + 1] = [line + lines[end.line][end.column :]]
            changed = True
    return yt.newline.join(lines) if changed else yt.text


def _order_block_keys(text: str) -> str:
    """Put the entries of every block mapping in model order, with their comments."""
    yt = YamlText(text)
    lines = list(yt.lines)
    todo = [
        (mapping, path)
        for mapping, path in _mappings(yt.root, ())
        if not mapping.flow_style and mapping.value
    ]
    # Inner mappings first: each permutes lines within its own span only.
    for mapping, path in sorted(todo, key=lambda mp: mp[0].start_mark.index, reverse=True):
        keys = [k.value for k, _ in mapping.value]
        wanted = _in_order(keys, key_order(path))
        if wanted == keys:
            continue
        blocks = yt.entry_blocks(mapping)
        chunks = {k: lines[b.lead : b.trail + 1] for k, b in zip(keys, blocks, strict=True)}
        # Comments above the first key head the whole mapping (the file's header): they stay.
        header = lines[blocks[0].lead : blocks[0].first]
        chunks[keys[0]] = chunks[keys[0]][len(header) :]
        gaps = [lines[a.trail + 1 : b.lead] for a, b in itertools.pairwise(blocks)]
        if blocks[0].compact:  # the dash belongs to whichever entry comes first
            col = blocks[0].col
            dash = lines[blocks[0].first][:col]
            first = chunks[keys[0]]
            first[0] = " " * col + first[0][col:]
            head = chunks[wanted[0]]
            key_at = next(i for i, line in enumerate(head) if not is_comment(line))
            head[key_at] = dash + head[key_at][col:]
        # A block of text (`|`, `>`) now followed by lines it was not followed by would read
        # a comment indented deeper than its key as text: such comments move to the key.
        values = {k.value: v for k, v in mapping.value}
        col, end = blocks[0].col, blocks[-1].trail + 1
        span = list(header)
        for i, key in enumerate(wanted):
            span.extend(chunks[key])
            after = gaps[i] if i < len(gaps) else []
            span.extend(_out_of_reach(after, col) if _is_text_block(values[key]) else after)
        lines[blocks[0].lead : end] = span
        if _is_text_block(values[wanted[-1]]) and wanted[-1] != keys[-1]:
            stop = end
            while stop < len(lines) and (is_blank(lines[stop]) or is_comment(lines[stop])):
                stop += 1
            lines[end:stop] = _out_of_reach(lines[end:stop], col)
    return yt.newline.join(lines)


def _is_text_block(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")


def _out_of_reach(lines: list[str], col: int) -> list[str]:
    """The comment lines indented deeper than `col` moved to `col`; other lines as they are."""
    return [
        " " * col + line.lstrip() if is_comment(line) and indent_of(line) > col else line
        for line in lines
    ]


def _untab_comments(text: str) -> str:
    """Spaces for the tabs between a value and its end-of-line comment.

    YAML allows a tab there (PyYAML, and so `validate`, reads it), but ruamel.yaml's
    scanner stops at `title: t<TAB># c`; fmt decides that spacing anyway.
    """
    ends: dict[int, int] = {}  # line -> column where its last token ends
    for token in yaml.scan(text, Loader=yaml.CSafeLoader):
        start, end = token.start_mark, token.end_mark
        if end.line > start.line or end.column > start.column:
            ends[end.line] = max(ends.get(end.line, 0), end.column)
    lines = text.split("\n")
    for number, column in ends.items():
        if number >= len(lines):
            continue
        line = lines[number]
        rest = line[column:]
        gap = len(rest) - len(rest.lstrip(" \t"))
        if "\t" in rest[:gap] and rest[gap : gap + 1] == "#":
            lines[number] = line[:column] + " " * max(1, gap) + rest[gap:]
    return "\n".join(lines)


def _round_trip(text: str) -> str:
    """ruamel.yaml's round trip: comments kept, indentation made canonical, no folding."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.width = 1_000_000
    rt.preserve_quotes = True
    rt.indent(mapping=CANONICAL.mapping, sequence=CANONICAL.sequence, offset=CANONICAL.offset)
    out = io.StringIO()
    rt.dump(rt.load(text), out)
    return out.getvalue()


def _tidy_lines(yt: YamlText) -> str:
    """Strip trailing spaces, collapse blank runs, indent comments like their content.

    A comment directly above a line (through comments only) and no deeper than it
    takes that line's indentation; any other comment is indented at most as deep as
    the content above it, so that a comment trailing a block stays in it.
    """
    inside = yt.scalar_lines()
    lines = yt.lines

    def content(i: int) -> bool:
        return not is_blank(lines[i]) and (i in inside or not is_comment(lines[i]))

    below: list[int | None] = [None] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        if content(i):
            below[i] = indent_of(lines[i])
        elif not is_blank(lines[i]):
            below[i] = below[i + 1]
    out: list[str] = []
    above = 0
    for i, line in enumerate(lines):
        if i in inside:
            out.append(line)
            continue
        line = line.rstrip()
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if is_comment(line):
            own, col = indent_of(line), below[i + 1]
            line = " " * (col if col is not None and own <= col else min(own, above))
            line += lines[i].strip()
        else:
            above = indent_of(line)
        out.append(line)
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out) + "\n"


def _separate_claims(yt: YamlText) -> str:
    """One blank line before each root claim after the first (and its comments)."""
    claims = next((v for k, v in yt.root.value if k.value == "claims"), None)
    if not isinstance(claims, yaml.SequenceNode) or claims.flow_style or not claims.value:
        return yt.text
    lines = list(yt.lines)
    for block in reversed(yt.item_blocks(claims)[1:]):
        if not is_blank(lines[block.lead - 1]):
            lines.insert(block.lead, "")
    return "\n".join(lines)


def already_canonical(text: str, root: yaml.Node | None) -> bool:
    """Whether `canonical_text(text)` would give `text` back, decided without ruamel.yaml.

    From the fast loader's positions: keys in model order at the canonical columns,
    every quoted or plain scalar on one line, flow collections as argmap writes them,
    the tidy line rules, a blank line between root claims. It answers True only where
    the layout leaves ruamel's round trip nothing to change; anything it does not model
    (end-of-line comments, escapes, document markers, tabs, CRLF, a BOM) answers False,
    and the caller formats the long way. `fmt --check` on a tidy 10,000-node map thus
    costs a load, not a round trip.
    """
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        return False
    if not text.endswith("\n") or text.endswith("\n\n") or "\r" in text or "\t" in text:
        return False
    if text.startswith(("\ufeff", "\n", "---", "%")) or "\n---" in text or "\n..." in text:
        return False
    yt = YamlText(text, root)
    lines = yt.lines
    for line in lines:
        if "#" in line and not is_comment(line):
            return False  # an end-of-line comment (or a # in text): ruamel decides its spacing
    if not _laid_out(root, 0, lines, ()):
        return False
    return _tidy_lines(yt) == text and _separate_claims(yt) == text


def _laid_out(node: yaml.Node, col: int, lines: list[str], path: Path) -> bool:
    """`node` (a block collection whose entries start at `col`) in canonical shape."""
    if isinstance(node, yaml.ScalarNode):
        return _one_line(node, lines)
    if isinstance(node, yaml.CollectionNode) and node.flow_style:
        return _flow_as_written(node, lines, path)
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value]
        if _in_order(keys, key_order(path)) != keys:
            return False
        for key, value in node.value:
            if key.style not in _PLAIN or key.start_mark.column != col or not _one_line(key, lines):
                return False
            if isinstance(value, yaml.ScalarNode):
                if value.style in ("|", ">"):
                    if not _block_at(value, col + 2, lines):
                        return False
                elif value.start_mark.line != key.start_mark.line or not _one_line(value, lines):
                    return False
            elif isinstance(value, yaml.CollectionNode) and value.flow_style:
                if value.start_mark.line != key.start_mark.line:
                    return False
                if not _flow_as_written(value, lines, (*path, key.value)):
                    return False
            elif not _laid_out(value, col + 2, lines, (*path, key.value)):
                return False
        return True
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            dash = item.start_mark.column - 2
            if dash != col or lines[item.start_mark.line][dash : dash + 2] != "- ":
                return False
            if isinstance(item, yaml.SequenceNode) and not item.flow_style:
                return False  # `- - x`: not modelled
            if isinstance(item, yaml.ScalarNode) and item.style in ("|", ">"):
                return False
            if not _laid_out(item, col + 2, lines, (*path, i)):
                return False
        return True
    return False


_PLAIN = (None, "")  # how the composer marks a plain scalar's style


def _one_line(node: yaml.ScalarNode, lines: list[str]) -> bool:
    """A plain or quoted scalar on one line, without escapes (ruamel rewrites those)."""
    start, end = node.start_mark, node.end_mark
    if start.line != end.line or node.style not in (*_PLAIN, "'", '"'):
        return False
    return node.style != '"' or "\\" not in lines[start.line][start.column : end.column]


def _flow_as_written(node: yaml.CollectionNode, lines: list[str], path: Path) -> bool:
    """A flow collection on one line, keys in model order, written as `render` writes it."""
    for mapping, where in _mappings(node, path):
        keys = [k.value for k, _ in mapping.value]
        if _in_order(keys, key_order(where)) != keys:
            return False
    start, end = node.start_mark, node.end_mark
    if start.line != end.line:
        return False
    written = lines[start.line][start.column : end.column]
    if "\\" in written:
        return False
    copy = yaml.compose(written, Loader=yaml.CSafeLoader)
    return isinstance(copy, yaml.CollectionNode) and render.flow_text(copy) == written


def _block_at(node: yaml.ScalarNode, indent: int, lines: list[str]) -> bool:
    """A block scalar with a plain header (`|`, `|-`, `>`...) and its text at `indent`."""
    header = lines[node.start_mark.line][node.start_mark.column :].rstrip()
    if header not in ("|", "|-", "|+", ">", ">-", ">+"):
        return False
    for line in lines[node.start_mark.line + 1 : node.end_mark.line]:
        if line.strip() and indent_of(line) != indent:
            return False
    return True
