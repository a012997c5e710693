"""Size: how large a diagram of some nodes will draw, estimated without Graphviz.

The atlas uses this to decide what fits on a sheet. Widths and heights come from
the wrapped label text (see `labels.py`); levels follow the layout rules of
`dot.py`. It errs by 10-25 % either way against Graphviz's own layout, which has the
last word: the atlas measures every page it plans (`atlas.plan_atlas`), and pages
that hold a node Graphviz drew larger than estimated are estimated larger from then
on (`Sizer.correct`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from argmap.graph import MapGraph, Relation
from argmap.model import Attack
from argmap.render.choices import Direction, Paper
from argmap.render.fan import stagger
from argmap.render.labels import (
    COLUMN,
    SMALL_COLUMN,
    SMALL_LINE,
    Label,
    node_label,
    stub_label,
)
from argmap.render.style import WRAP_EDGE
from argmap.render.text import text_width, wrap
from argmap.words import attack_words

MIN_SCALE = 0.8  # 10 pt body text printed at 8 pt or larger, 9 pt codes at 7.2 pt
DEFAULT_MAX_NODES = 40
NODE_GAP = 16.0  # points between neighbours on a rank (nodesep)
RANK_GAP = 2 * 14.4  # between levels: two of dot's ranksep (0.2 in), plus any edge words
EDGE_COLUMN = 5.6  # an attack's words on its line: bold, SMALL
TITLE_COLUMN = 9.0  # the map title, 14 pt bold
LEGEND = (780.0, 240.0)  # the key, under the title


@dataclass(frozen=True, slots=True)
class Look:
    """What a page draws besides its nodes, and which way."""

    direction: Direction = Direction.TB
    titles_only: bool = False
    legend: bool = False
    stubs: bool = True
    masthead: bool = True  # title and motion; atlas pages after the first have one line


@dataclass
class Sizer:
    """Estimates how large a set of nodes draws, and whether it fits the paper."""

    graph: MapGraph
    paper: Paper = Paper.A4
    max_nodes: int = DEFAULT_MAX_NODES
    # node -> how much larger than estimated a page starting from it came out in Graphviz
    correction: dict[str, float] = field(default_factory=dict)
    recaps: set[str] = field(default_factory=set)  # drawn as a small box: in full elsewhere
    _labels: dict[tuple[str, bool], Label] = field(default_factory=dict)
    _words: dict[tuple[str, bool], float] = field(default_factory=dict)
    _drawings: dict[tuple[tuple[str, ...], Look, tuple[str, ...]], tuple[float, float]] = field(
        default_factory=dict
    )

    def label(self, node_id: str, titles_only: bool) -> Label:
        key = (node_id, titles_only)
        if key not in self._labels:
            node = self.graph[node_id]
            self._labels[key] = node_label(self.graph, node, titles_only=titles_only)
        return self._labels[key]

    def stub(self, node_id: str) -> Label:
        key = (node_id + "|elsewhere", True)
        if key not in self._labels:
            self._labels[key] = stub_label(self.graph, self.graph[node_id], 99)
        return self._labels[key]

    def correct(self, nodes: Sequence[str], factor: float) -> None:
        """Estimate pages holding any of `nodes` `factor` times larger (Graphviz drew one
        of them larger than estimated)."""
        for node_id in nodes:
            self.correction[node_id] = self.correction.get(node_id, 1.0) * factor

    def recall(self, nodes: Sequence[str]) -> None:
        """From now on, draw `nodes` as small boxes recalling them (`Page.recaps`)."""
        self.recaps.update(nodes)

    def levels(self, nodes: Sequence[str], offsets: dict[str, int] | None = None) -> dict[str, int]:
        """The level each node draws on: one below its drawn parent (more for a staggered
        leaf, `fan.py`; an undercut level with its target), a contention one below what it
        supports."""
        on = set(nodes)
        offsets = stagger(self.graph, nodes) if offsets is None else offsets
        level: dict[str, int] = {}
        for _ in range(8):  # cross-link constraints settle in a few passes
            changed = ahead = False  # ahead: a level read before it was set
            for node_id in nodes:
                node = self.graph[node_id]
                new = 0
                if node.parent in on:
                    target = self.graph[node.parent]
                    ahead = ahead or target.id not in level
                    new = level.get(target.id, 0) + 1 + offsets.get(node_id, 0)
                    if node.attack is Attack.UNDERCUT and target.parent in on:
                        new -= 1  # hangs off the junction beside its target
                else:
                    new = offsets.get(node_id, 0)  # a top, perhaps staggered among the tops
                    for edge in self.graph.edges_from(node_id, Relation.SUPPORT):
                        if node.parent is None and edge.cross_link and edge.target in on:
                            ahead = ahead or edge.target not in level
                            below = level.get(edge.target, 0) + 1 + offsets.get(node_id, 0)
                            new = max(new, below)
                if level.get(node_id) != new:
                    level[node_id] = new
                    changed = True
            if not changed or not ahead:  # top down in one pass: nothing left to settle
                break
        return level

    def _stubs(self, nodes: Sequence[str], level: dict[str, int]) -> dict[str, tuple[int, str]]:
        """Off-page ends of cross-links: their level and the node they hang below (when
        they are drawn under it) or over, as `dot.py` draws them."""
        on = set(nodes)
        stubs: dict[str, tuple[int, str]] = {}
        for node_id in nodes:
            for edge in self.graph.edges_from(node_id):
                if edge.cross_link and edge.target not in on:
                    stubs.setdefault(edge.target, (level[node_id] - 1, ""))
            for edge in self.graph.edges_into(node_id):
                if edge.cross_link and edge.source not in on:
                    stubs.setdefault(edge.source, (level[node_id] + 1, node_id))
        return stubs

    def _layout_parents(self, nodes: Sequence[str]) -> dict[str, str]:
        """The node each node is drawn under: its parent, or for an undercut its target's
        parent (it sits beside the target), or for a contention what it supports."""
        on = set(nodes)
        above: dict[str, str] = {}
        for node_id in nodes:
            node = self.graph[node_id]
            if node.parent in on:
                target = self.graph[node.parent]
                undercut = node.attack is Attack.UNDERCUT and target.parent in on
                above[node_id] = target.parent if undercut and target.parent else target.id
            elif node.parent is None:
                for edge in self.graph.edges_from(node_id, Relation.SUPPORT):
                    if (
                        edge.cross_link
                        and edge.target in on
                        and not self._loops(above, edge.target, node_id)
                    ):
                        above[node_id] = edge.target
                        break
        return above

    @staticmethod
    def _loops(above: dict[str, str], start: str, node_id: str) -> bool:
        current: str | None = start
        while current is not None:
            if current == node_id:
                return True
            current = above.get(current)
        return False

    def _tree_breadth(
        self, sizes: dict[str, float], above: dict[str, str], offsets: dict[str, int]
    ) -> float:
        """Breadth as `dot` lays a tree out: each subtree as wide as its children together
        (a staggered fan as its widest row)."""
        below: dict[str, list[str]] = {}
        for node_id, parent in above.items():
            below.setdefault(parent, []).append(node_id)
        breadth: dict[str, float] = {}
        order = list(sizes)
        # children before parents: nodes come top down, so backwards measures a tree in one
        # pass; what is left (a contention drawn under a later node) takes another
        pending = order[::-1]
        while pending:
            later = []
            for node_id in pending:
                kids = below.get(node_id, [])
                if any(k not in breadth for k in kids):
                    later.append(node_id)
                    continue
                together = _widest_row([(offsets.get(k, 0), breadth[k]) for k in kids])
                breadth[node_id] = max(sizes[node_id], together)
            if len(later) == len(pending):  # a loop: measure what is left on its own
                breadth.update({n: sizes[n] for n in later})
                break
            pending = later
        return _widest_row([(offsets.get(n, 0), breadth[n]) for n in order if n not in above])

    def extent(self, nodes: Sequence[str], look: Look) -> tuple[float, float]:
        """Estimated width and height in points of the diagram of `nodes`."""
        recalled = tuple(n for n in nodes if n in self.recaps)
        key = (tuple(nodes), look, recalled)  # the atlas asks again of pages it weighs
        if key not in self._drawings:
            self._drawings[key] = self._drawing(nodes, look)
        width, height = self._drawings[key]
        factor = max((self.correction.get(n, 1.0) for n in nodes), default=1.0)
        return self._frame(width * factor, height * factor, look)

    def _drawing(self, nodes: Sequence[str], look: Look) -> tuple[float, float]:
        """The drawing's own size, before corrections and the page's heading."""
        across: dict[int, float] = {}
        along: dict[int, float] = {}
        sizes: dict[str, float] = {}
        lr = look.direction is Direction.LR

        def place(name: str, label: Label, lvl: int) -> None:
            size_across, size_along = (
                (label.height, label.width) if lr else (label.width, label.height)
            )
            across[lvl] = across.get(lvl, -NODE_GAP) + size_across + NODE_GAP
            along[lvl] = max(along.get(lvl, 0.0), size_along)
            sizes[name] = size_across

        offsets = stagger(self.graph, nodes)
        level = self.levels(nodes, offsets)
        above = self._layout_parents(nodes)
        for node_id, lvl in level.items():
            recap = node_id in self.recaps and not look.titles_only
            place(
                node_id, self.stub(node_id) if recap else self.label(node_id, look.titles_only), lvl
            )
        if look.stubs:
            for node_id, (lvl, anchor) in self._stubs(nodes, level).items():
                place(f"{node_id}|elsewhere", self.stub(node_id), lvl)
                if anchor:
                    above[f"{node_id}|elsewhere"] = anchor
                else:
                    sizes.pop(f"{node_id}|elsewhere")  # drawn over its source: no breadth
        gaps: dict[int, float] = {}
        for node_id, lvl in level.items():
            gaps[lvl] = max(gaps.get(lvl, 0.0), self._edge_words(node_id, level, lr))
        ranks = max(across.values(), default=0.0)
        breadth = max(ranks, (ranks + self._tree_breadth(sizes, above, offsets)) / 2)
        length = sum(along.values()) + sum(
            RANK_GAP + gaps.get(lvl, 0.0) for lvl in sorted(along)[1:]
        )
        return (length, breadth) if lr else (breadth, length)

    def _frame(self, width: float, height: float, look: Look) -> tuple[float, float]:
        """The drawing with the page's heading (and the map's title, motion and key)."""
        title = self.graph.map.title
        if not look.masthead:  # one line: the page's heading (about 60 columns)
            return max(width, 60 * SMALL_COLUMN), height + 24.0
        width = max(width, text_width(title) * TITLE_COLUMN, 100 * SMALL_COLUMN)
        height += 50.0
        if self.graph.map.motion:
            width = max(width, min(text_width(self.graph.map.motion), 100) * COLUMN)
            height += 14.0 * (1 + text_width(self.graph.map.motion) // 100)
        if look.legend:
            width = max(width, LEGEND[0])
            height += LEGEND[1]
        return width, height

    def _edge_words(self, node_id: str, on: Mapping[str, int], lr: bool) -> float:
        """How far the words on the line from `node_id` up to its parent push the levels
        apart: their width left to right, their lines (and a cut mark) top to bottom."""
        node = self.graph[node_id]
        if node.parent is None or node.parent not in on or node.attack is None:
            return 0.0
        if (node_id, lr) not in self._words:
            parent = self.graph[node.parent]
            cards = node.attack is Attack.UNDERMINE and bool(parent.node.evidence)
            words = attack_words(node.attack, turn=node.node.turn, on_evidence=cards)
            lines = wrap(words, WRAP_EDGE)
            across = max(map(text_width, lines)) * EDGE_COLUMN
            self._words[node_id, lr] = across if lr else (len(lines) + 1) * SMALL_LINE
        return self._words[node_id, lr]

    def scale(self, nodes: Sequence[str], look: Look) -> float:
        """The scale at which the diagram fits the paper, in its better orientation."""
        return self.fit(self.extent(nodes, look))

    def fit(self, size: tuple[float, float]) -> float:
        """The scale a drawing of `size` points takes to fill the paper inside its margins,
        in its better orientation (above 1 for a small drawing)."""
        width, height = size
        short, long = self.paper.printable
        portrait = min(short / width, long / height)
        landscape = min(long / width, short / height)
        return max(portrait, landscape)

    def fits(self, nodes: Sequence[str], look: Look) -> bool:
        """Whether the nodes draw on one sheet at `MIN_SCALE` or larger."""
        if len(nodes) > self.max_nodes:
            return False
        return self.scale(nodes, look) >= MIN_SCALE


def _widest_row(items: Sequence[tuple[int, float]]) -> float:
    """How wide siblings draw side by side: the widest of their rows (`fan.py`)."""
    rows: dict[int, list[float]] = {}
    for row, breadth in items:
        rows.setdefault(row, []).append(breadth)
    return max((sum(row) + NODE_GAP * (len(row) - 1) for row in rows.values()), default=0.0)
