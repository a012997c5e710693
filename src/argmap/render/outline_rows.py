"""The rows of an outline: each node of a view under its parent, indented, with its line.

A node's children come in kinds, each on a spine of its own under the node's box:
supports, co-premise groups (one spine each, met at dots), links into it from nodes
elsewhere, attacks, and links from it to nodes elsewhere; an undercut joins no spine
but ends on the line it cuts. The first kind gets the rightmost spine, so the lines of
the kinds below run left of the boxes above and never cross them (`render/outline.py`
draws them; `spine_at` and `indent_for` say where).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from argmap.analysis import Status
from argmap.graph import Edge, MapGraph, Relation, Role
from argmap.model import Attack
from argmap.render.dot import edge_style
from argmap.render.style import LINK_COLOUR
from argmap.words import attack_words

SPINE_IN = 5.0  # from a box's left edge to its rightmost spine
SPINE_GAP = 6.0  # between spines
BOX_IN = 10.0  # from the leftmost spine to the children's boxes
UNDERCUT_IN = 5.0  # an undercut's line runs this far left of the box whose line it cuts,
# between that box and its parent's spines (so under BOX_IN)

Attrs = dict[str, str | float]


class Kind(Enum):
    NODE = "node"  # a node in full
    INTO = "into"  # a node elsewhere that links into its parent (a cross-link's source)
    OUT = "out"  # a node elsewhere that its parent links to (a cross-link's target)
    RECALL = "recall"  # an ancestor drawn in full earlier, at the top of a column
    KEY = "key"  # the key to the marks, after the last row


@dataclass(frozen=True, slots=True)
class Row:
    """One box of the outline and the line that hangs it from its parent."""

    name: str  # DOT id
    node: str  # the map node it shows
    kind: Kind
    parent: str | None  # the row it hangs from (None: a top of the view)
    x: float  # indent from the column's left edge
    spine: float  # x of the spine its line runs along (relative to the column)
    style: Mapping[str, str] = field(default_factory=dict)  # the line's colour, dash, arrow
    words: str = ""  # how it bears on its parent, in a debater's words
    undercut: bool = False  # its line ends on its parent's line, not on a box
    joined: bool = False  # a co-premise: a dot where its line meets the spine
    cut: bool = False  # its own line is cut by an undercut that holds
    link: Edge | None = None


@dataclass(frozen=True, slots=True)
class _Child:
    node: str
    rank: int  # the order of kinds under a parent; equal ranks keep the map's order
    spine: str  # which spine it joins ("": an undercut, which joins none)
    style: Mapping[str, str]
    words: str = ""
    kind: Kind = Kind.NODE
    undercut: bool = False
    joined: bool = False
    link: Edge | None = None


class _Outline:
    """The rows of a view in reading order, with their indents and lines (`outline_rows`)."""

    def __init__(
        self,
        graph: MapGraph,
        nodes: Sequence[str],
        tops: Sequence[str],
        statuses: Mapping[str, Status] | None,
    ) -> None:
        self.graph = graph
        self.on = set(nodes)
        self.statuses = statuses or {}
        self.rows: list[Row] = []
        self._links = 0
        for top in tops:
            self._visit(top, None, 0.0, 0.0, None)

    def children(self, node_id: str) -> list[_Child]:
        graph, node = self.graph, self.graph[node_id]
        found: list[_Child] = []
        groups: dict[str, int] = {}  # co-premise group -> its members in the view
        for premise in node.premises:
            group = graph[premise].node.group
            if group is not None and premise in self.on:
                groups[group] = groups.get(group, 0) + 1
        for child_id in (*node.premises, *node.rebuttals):
            if child_id not in self.on:
                continue
            child = graph[child_id]
            if child.role is Role.PREMISE:
                group = child.node.group
                linked = group is not None and groups[group] > 1
                style = line_style(Relation.SUPPORT, None)
                spine = f"group {group}" if linked else "support"
                found.append(_Child(child_id, 1 if linked else 0, spine, style, joined=linked))
                continue
            cards = child.attack is Attack.UNDERMINE and bool(node.node.evidence)
            words = attack_words(child.attack, turn=child.node.turn, on_evidence=cards)
            style = line_style(Relation.ATTACK, child.attack, child.node.turn, cards)
            if child.attack is Attack.UNDERCUT and node.parent in self.on:
                found.append(_Child(child_id, 6, "", style, words, undercut=True))
            else:
                found.append(_Child(child_id, 3, "attack", style, words))
        for edge in graph.cross_links:
            if edge.target == node_id:  # from a node in the view or not ("not in this view")
                words, style = _link_line(graph, edge)
                rank, spine = (2, "link") if edge.relation is Relation.SUPPORT else (4, "link in")
                found.append(_Child(edge.source, rank, spine, style, words, Kind.INTO, link=edge))
            elif edge.source == node_id:
                words, style = _link_line(graph, edge)
                found.append(_Child(edge.target, 5, "out", style, words, Kind.OUT, link=edge))
        return sorted(found, key=lambda c: c.rank)

    def _visit(
        self, node_id: str, parent: str | None, x: float, spine: float, child: _Child | None
    ) -> None:
        status = self.statuses.get(node_id)
        self.rows.append(
            Row(
                node_id,
                node_id,
                Kind.NODE,
                parent,
                x,
                spine,
                child.style if child else {},
                child.words if child else "",
                child.undercut if child else False,
                child.joined if child else False,
                cut=status is Status.CUT and parent is not None,
            )
        )
        kids = self.children(node_id)
        spines = list(dict.fromkeys(c.spine for c in kids if c.spine))
        indent = indent_for(len(spines))
        for kid in kids:
            at = spine_at(x, spines.index(kid.spine), len(spines)) if kid.spine else 0.0
            if kid.kind is Kind.NODE:
                self._visit(kid.node, node_id, x + indent, at, kid)
                continue
            self._links += 1
            self.rows.append(
                Row(
                    f"{kid.node}|link{self._links}",
                    kid.node,
                    kid.kind,
                    node_id,
                    x + indent,
                    at,
                    kid.style,
                    kid.words,
                    link=kid.link,
                )
            )


def indent_for(spines: int) -> float:
    """How far a node's children are indented: past its spines, and room for an undercut."""
    return SPINE_IN + SPINE_GAP * max(spines - 1, 0) + BOX_IN


def spine_at(x: float, index: int, spines: int) -> float:
    """The x of a node's `index`th spine: the first kind of child gets the rightmost, so
    the lines of later children (further down) run left of the earlier ones' boxes."""
    return x + SPINE_IN + SPINE_GAP * (spines - 1 - index)


def line_style(
    relation: Relation, attack: Attack | None, turn: bool = False, cards: bool = False
) -> dict[str, str]:
    style = edge_style(relation, attack, turn, cards)
    return {k: v for k, v in style.items() if k in ("color", "style", "arrowhead")}


def _link_line(graph: MapGraph, edge: Edge) -> tuple[str, dict[str, str]]:
    """A cross-link's words and line: blue for support, else as its relation."""
    cards = edge.attack is Attack.UNDERMINE and bool(graph[edge.target].node.evidence)
    if edge.relation is Relation.SUPPORT:
        return "supports", {"color": LINK_COLOUR, "arrowhead": "normal", "penwidth": "2"}
    if edge.relation is Relation.OUTWEIGH:
        return "outweighs", line_style(edge.relation, None)
    return attack_words(edge.attack, on_evidence=cards), line_style(edge.relation, edge.attack)


def recall_of(row: Row) -> Row:
    """A small box standing for `row` at the top of a column that goes on under it."""
    return Row(
        f"{row.node}|recall",
        row.node,
        Kind.RECALL,
        row.parent,
        row.x,
        row.spine,
        row.style,
        row.words,
        row.undercut,
        row.joined,
    )


def outline_rows(
    graph: MapGraph,
    nodes: Sequence[str],
    tops: Sequence[str],
    statuses: Mapping[str, Status] | None,
) -> list[Row]:
    """The rows of the view of `nodes` under `tops`, in reading order (depth first)."""
    return _Outline(graph, nodes, tops, statuses).rows
