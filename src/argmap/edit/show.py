"""show: the map as a tree in the terminal, to find the id to edit.

Each line: id, side, what the node does (claim, premise, or the attack kind of a
rebuttal, `+turn` for a turn), and its title or the start of its text. A
terminal gets a rich tree with colours (the side is always written out too);
a pipe or file gets plain indented lines, two spaces a level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text
from rich.tree import Tree

from argmap.graph import MapGraph, MapNode, Role
from argmap.model import Side

LABEL_WIDTH = 72


@dataclass(frozen=True, slots=True)
class Row:
    node: MapNode
    depth: int  # levels below the first node shown
    kind: str


def kind_of(node: MapNode) -> str:
    """`claim`, `premise`, or a rebuttal's attack kind (`undercut+turn`)."""
    if node.role is Role.REBUTTAL and node.attack is not None:
        return node.attack.value + ("+turn" if node.node.turn else "")
    return node.role.value


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """One line of at most `width` characters, cut at a word with an ellipsis."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "\u2026"


def label_of(node: MapNode) -> str:
    """The title (on one line), or the start of the text."""
    title = node.node.title
    return " ".join(title.split()) if title and title.strip() else shorten(node.text)


def rows(
    graph: MapGraph,
    *,
    side: Side | None = None,
    depth: int | None = None,
    focus: str | None = None,
) -> Iterator[Row]:
    """The nodes to show, in document order: the `focus` subtree, or the claims
    (of one `side`) with theirs, at most `depth` levels below where they start."""
    starts = [focus] if focus else [r for r in graph.roots if side is None or graph[r].side is side]
    for start in starts:
        base = graph[start].depth
        for node in graph.descendants(start):
            level = node.depth - base
            if depth is None or level <= depth:
                yield Row(node, level, kind_of(node))


def plain_lines(rows: Iterator[Row]) -> Iterator[str]:
    for row in rows:
        node = row.node
        yield f"{'  ' * row.depth}{node.id}  {node.side.value}  {row.kind}  {label_of(node)}"


_SIDE_STYLE = {Side.PRO: "bold green", Side.CON: "bold red"}


def rich_tree(graph: MapGraph, rows: Iterator[Row]) -> Tree:
    """The rows as a rich tree under the map's title (text is never read as markup)."""
    root = Tree(Text(graph.map.title, style="bold"))
    parents: list[Tree] = [root]
    for row in rows:
        node = row.node
        line = Text()
        line.append(node.id, style="bold cyan")
        line.append("  ")
        line.append(node.side.value, style=_SIDE_STYLE[node.side])
        line.append("  ")
        line.append(row.kind, style="italic")
        line.append("  ")
        line.append(label_of(node))
        del parents[row.depth + 1 :]
        parents.append(parents[-1].add(line))
    return root
