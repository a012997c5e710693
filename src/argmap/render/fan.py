"""Fans: many leaves under one node, staggered over two or three levels.

`dot` puts every child of a node on one rank, so a node with nine reasons draws a
row nine boxes wide (or, left to right, a column nine boxes tall) that prints tiny
on paper. Like Graphviz's own `unflatten -l`, the leaves of a wide fan are spread
over rows: the i-th leaf hangs `i % rows` levels lower, its line passing between
the boxes above. Only plain leaves move: a node with children on the page (an
undercut of its step included), a co-premise boxed with its partners, or an undercut
keeps its place. `dot.py` draws the offsets and `size.py` measures them, from this one rule.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from argmap.graph import MapGraph, Relation
from argmap.model import Attack

FAN = 4  # children under one node from which its leaves are staggered
PER_ROW = 3  # children a row aims at: 4-6 children take two rows, 7 or more three
MAX_ROWS = 3
TOPS = ""  # stands for the page in `_ranked_below`: the nodes with nothing drawn above


def rows_for(children: int) -> int:
    """How many rows a fan of `children` is spread over: 1, 2 or 3."""
    if children < FAN:
        return 1
    return min(MAX_ROWS, -(-children // PER_ROW))


def stagger(graph: MapGraph, nodes: Iterable[str]) -> dict[str, int]:
    """The extra levels each staggered leaf of a page hangs below its siblings' row.

    Children that cannot move fill the first row; each leaf then goes to the row with
    the fewest children so far, so the rows come out even."""
    order = list(dict.fromkeys(nodes))
    on = set(order)
    offsets: dict[str, int] = {}
    for kids in _ranked_below(graph, order).values():
        leaves = [k for k in kids if _plain_leaf(graph, k, on)]
        rows = rows_for(len(kids))
        if rows == 1 or len(leaves) < 2:
            continue
        counts = [len(kids) - len(leaves)] + [0] * (rows - 1)
        for leaf in leaves:
            row = counts.index(min(counts))
            counts[row] += 1
            if row:
                offsets[leaf] = row
    return offsets


def _ranked_below(graph: MapGraph, nodes: Sequence[str]) -> dict[str, list[str]]:
    """Each node's children on the page, in map order: its premises and rebuttals, then
    the contentions drawn under it because they support it (a thesis on the overview)."""
    on = set(nodes)
    below: dict[str, list[str]] = {}
    for node_id in nodes:
        node = graph[node_id]
        if node.parent in on:
            below.setdefault(node.parent, []).append(node_id)
            continue
        over = TOPS  # the tops of the page's subtrees fan out like children of the page
        if node.parent is None:
            for edge in graph.edges_from(node_id, Relation.SUPPORT):
                if edge.cross_link and edge.target in on:
                    over = edge.target
                    break
        below.setdefault(over, []).append(node_id)
    return below


def _plain_leaf(graph: MapGraph, node_id: str, on: Collection[str]) -> bool:
    node = graph[node_id]
    if any(k in on for k in (*node.premises, *node.rebuttals)):
        return False  # its own children hang below it
    if node.attack is Attack.UNDERCUT:
        return False  # drawn beside the step it cuts
    if node.node.group is not None:
        parent = graph[node.parent] if node.parent else None
        partners = parent.premises if parent else ()
        if sum(1 for p in partners if p in on and graph[p].node.group == node.node.group) > 1:
            return False  # boxed with its co-premises
    return True


def columns(graph: MapGraph, offsets: Mapping[str, int], nodes: Sequence[str]) -> list[list[str]]:
    """Chains of staggered children, one below another (row 0, row 1, ...): `dot.py`
    ties each chain with invisible edges so that rows stack instead of drifting apart."""
    chains: list[list[str]] = []
    below = _ranked_below(graph, nodes)
    parents = [p for p, kids in below.items() if any(k in offsets for k in kids)]  # TOPS too
    for parent in parents:
        kids = below.get(parent, [])
        rows: dict[int, list[str]] = {}
        for kid in kids:
            rows.setdefault(offsets.get(kid, 0), []).append(kid)
        ordered = [rows[r] for r in sorted(rows)]
        for j in range(max(map(len, ordered))):
            chain = [row[j] for row in ordered if j < len(row)]
            if len(chain) > 1:
                chains.append(chain)
    return chains
