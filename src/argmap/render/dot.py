"""DOT: one page of a map as Graphviz source.

The text is built directly (HTML-like labels, escaped by `text.markup`) and is
deterministic: the same map and options give the same bytes. Layout conventions:

- tree edges are written parent -> child with `dir=back`, so the thesis ranks on
  top and arrows still point from a reason to what it supports or attacks;
- every tree edge spans two ranks; a support or attack that is undercut, or a
  group of co-premises, runs through a small junction point on the middle rank,
  where the undercut (or the linked premises) attach;
- a contention that `supports` a node elsewhere ranks below it (thesis on top);
  other cross-links are drawn without constraining the layout.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.analysis import Status
from argmap.graph import Edge, MapGraph, MapNode, Relation, Role
from argmap.model import Attack
from argmap.render.fan import columns, stagger
from argmap.render.labels import Label, node_label, stub_label
from argmap.render.legend import legend_label
from argmap.render.style import (
    ATTACK_COLOUR,
    BORDERS,
    FONT,
    FONT_SIZE,
    INK,
    LINK_COLOUR,
    MUTED,
    OUTWEIGH_COLOUR,
    SIDE_FILL,
    SMALL,
    STUB_FILL,
    SUPPORT_COLOUR,
    WRAP_EDGE,
)
from argmap.render.text import markup, wrap
from argmap.render.view import DiagramOptions, Page
from argmap.words import attack_words

# Past QUICK nodes a diagram is drawn for speed, not paper: edge labels become external
# labels (a `label` adds a rank per edge: 4x the layout time at 1,000 nodes), every edge
# spans one rank and there are no junctions (each costs `dot` virtual nodes). Past LARGE
# the layout's network simplex is also cut short. docs/render.md has the timings.
QUICK = 300
LARGE = 1000


def quote(value: str) -> str:
    """A DOT double-quoted string (for ids and fixed attribute values)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


Attrs = Mapping[str, str | float | int]
LabelKey = tuple[str, bool, Status | None, int | None, int, bool]


def _attr(key: str, value: str | float | int) -> str:
    if not isinstance(value, str):
        return f"{key}={value:g}"
    if value[:1] == "<" and value[-1:] == ">":
        return f"{key}={value}"  # an HTML-like label, already escaped
    return f"{key}={quote(value)}"


def format_attrs(attrs: Attrs) -> str:
    return ", ".join([_attr(key, value) for key, value in attrs.items()])


def _external_labels(attrs: Attrs) -> Attrs:
    """Edge labels placed outside the layout (`xlabel`), which costs no rank."""
    return {("xlabel" if k == "label" else k): v for k, v in attrs.items()}


@functools.cache
def _tree_edge_attrs(
    relation: Relation, attack: Attack | None, turn: bool, cards: bool, minlen: int, quick: bool
) -> str:
    """The attributes of a tree edge, of which a map has a few kinds and thousands of copies."""
    attrs: Attrs = _upward(edge_style(relation, attack, turn, cards), minlen)
    return format_attrs(_external_labels(attrs) if quick else attrs)


def edge_style(
    relation: Relation, attack: Attack | None, turn: bool = False, cards: bool = False
) -> dict[str, str]:
    """Line style and label; an attack is labelled in a debater's words (`argmap.words`),
    the formal term is in the key. `cards`: the attacked node rests on evidence."""
    if relation is Relation.SUPPORT:
        return {"color": SUPPORT_COLOUR, "arrowhead": "normal"}
    if relation is Relation.OUTWEIGH:
        return {
            "color": OUTWEIGH_COLOUR,
            "style": "dotted",
            "arrowhead": "odiamond",
            "label": "<outweighs>",
            "fontcolor": OUTWEIGH_COLOUR,
        }
    words = wrap(attack_words(attack, turn=turn, on_evidence=cards), WRAP_EDGE)
    kind = "<BR/>".join(markup(line) for line in words)
    return {
        "color": ATTACK_COLOUR,
        "style": "dashed",
        "arrowhead": "tee",
        "label": f"<{kind}>",
        "fontcolor": ATTACK_COLOUR,
    }


CUT_MARK = "\u2702 cut"


def _cut(style: Mapping[str, str]) -> dict[str, str]:
    """A line cut by an undercut that holds: scissors and the word on it, never a strike."""
    words = style.get("label", "<>")[1:-1]
    label = f"{words}<BR/>{CUT_MARK}" if words else CUT_MARK
    return {**style, "label": f"<<B>{label}</B>>", "fontcolor": style.get("fontcolor", INK)}


def _upward(style: Mapping[str, str], minlen: int) -> dict[str, str | int]:
    """A style for an edge written parent -> child but pointing child -> parent."""
    out: dict[str, str | int] = {k: v for k, v in style.items() if k != "arrowhead"}
    out.update(dir="back", arrowtail=style.get("arrowhead", "normal"), minlen=minlen)
    return out


BOX_ATTRS: Attrs = {
    "shape": "box",
    "fontname": FONT,
    "fontsize": FONT_SIZE,
    "color": INK,
    "penwidth": BORDERS[None].penwidth,
    "margin": "0.05,0.04",
}
"""Every box's defaults, in trees and outlines alike."""
LINE_ATTRS: Attrs = {"fontname": FONT, "fontsize": SMALL, "penwidth": 1.2, "arrowsize": 0.8}
"""Every line's defaults (its words in SMALL type)."""


@dataclass
class _Builder:
    graph: MapGraph
    page: Page
    options: DiagramOptions
    statuses: Mapping[str, Status] | None
    links: Mapping[int, str] | None
    graph_id: str
    lines: list[str] = field(default_factory=list)
    on_page: set[str] = field(default_factory=set)
    junctions: dict[str, str] = field(default_factory=dict)  # node -> junction above it
    groups: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    drawn_junctions: set[str] = field(default_factory=set)
    stubs: set[str] = field(default_factory=set)
    links_drawn: set[Relation] = field(default_factory=set)  # cross-link kinds drawn
    offsets: dict[str, int] = field(default_factory=dict)  # staggered leaves (`fan.py`)
    labels: dict[LabelKey, Label] = field(default_factory=dict)  # shared between pages

    @property
    def quick(self) -> bool:
        return len(self.page.nodes) > QUICK

    @property
    def span(self) -> int:
        """Ranks between a node and its parent: two, so that junctions sit between."""
        return 1 if self.quick else 2

    @property
    def titles_only(self) -> bool:
        return self.options.titles_only if self.page.titles_only is None else self.page.titles_only

    def emit(self, text: str) -> None:
        self.lines.append("  " + text)

    def node_id(self, name: str) -> str:
        return f"{self.graph_id}-{name}"

    # -- layout plan ---------------------------------------------------------
    def plan(self) -> None:
        self.on_page = set(self.page.nodes)
        self.offsets = stagger(self.graph, self.page.nodes)
        for node_id in self.page.nodes:
            node = self.graph[node_id]
            if node.role is Role.PREMISE and node.node.group is not None:
                assert node.parent is not None
                if node.parent in self.on_page:
                    self.groups.setdefault((node.parent, node.node.group), []).append(node_id)
        if self.quick:
            return
        for (parent, group), members in self.groups.items():
            if len(members) > 1:
                name = f"{parent}|{group}"
                for member in members:
                    self.junctions[member] = name
        for node_id in self.page.nodes:
            node = self.graph[node_id]
            if node.attack is Attack.UNDERCUT and node.parent is not None:
                target = self.graph[node.parent]
                if target.parent in self.on_page and target.id not in self.junctions:
                    self.junctions[target.id] = f"{target.id}|inference"

    # -- pieces ---------------------------------------------------------------
    def add_node(self, node: MapNode) -> None:
        if node.id in self.page.recaps:  # drawn in full on its home page: recalled here
            self.emit(f"{quote(node.id)} [{format_attrs(self._stub_attrs(node.id, node.id))}];")
            return
        status = self.statuses.get(node.id) if self.statuses is not None else None
        continued = self.page.continued.get(node.id)
        hidden = 0
        if continued is None:
            hidden = sum(1 for c in (*node.premises, *node.rebuttals) if c not in self.on_page)
        key = (node.id, self.titles_only, status, continued, hidden, self.options.ids)
        label = self.labels.get(key)
        if label is None:
            label = self.labels[key] = node_label(
                self.graph,
                node,
                titles_only=self.titles_only,
                status=status,
                continued=continued,
                hidden=hidden,
                ids=self.options.ids,
            )
        border = BORDERS[status]
        styles = ["filled", *border.styles]
        if node.node.implicit and "dotted" not in styles:
            styles.append("dashed")
        attrs: dict[str, str | float | int] = {
            "id": self.node_id(node.id),
            "label": f"<{label.html}>",
            "style": ",".join(styles),
            "fillcolor": SIDE_FILL[node.side],
        }
        if border.penwidth != BORDERS[None].penwidth:
            attrs["penwidth"] = border.penwidth
        if border.peripheries != 1:
            attrs["peripheries"] = border.peripheries
        if continued is not None and self.links is not None and continued in self.links:
            attrs["href"] = self.links[continued]
        self.emit(f"{quote(node.id)} [{format_attrs(attrs)}];")

    def add_junction(self, name: str) -> None:
        attrs: Attrs = {"id": self.node_id(name), "shape": "point", "width": 0.09, "label": ""}
        self.emit(f"{quote(name)} [{format_attrs(attrs)}];")

    def edge(self, tail: str, head: str, attrs: Attrs | str) -> None:
        """An edge; `attrs` may come formatted already (see `_tree_edge_attrs`)."""
        if isinstance(attrs, str):
            text = attrs
        else:
            text = format_attrs(_external_labels(attrs) if self.quick else attrs)
        self.emit(f"{quote(tail)} -> {quote(head)} [{text}];")

    def tree_edge(self, node: MapNode) -> None:
        """The edge from `node` to its parent, through a junction where one is planned."""
        parent = node.parent
        if parent is None or parent not in self.on_page:
            return
        relation = Relation.SUPPORT if node.role is Role.PREMISE else Relation.ATTACK
        # an undercut ends on the junction of the step it cuts, not on the node
        cuts_step = node.attack is Attack.UNDERCUT and parent in self.junctions
        upper = self.junctions[parent] if cuts_step else parent
        junction = self.junctions.get(node.id)
        cut = self.statuses is not None and self.statuses.get(node.id) is Status.CUT
        if junction is None:
            minlen = 1 if cuts_step else self.span * (1 + self.offsets.get(node.id, 0))
            if cut:  # the cut is drawn on the line (the node itself is granted)
                style = edge_style(relation, node.attack, node.node.turn, self._on_cards(node))
                self.edge(upper, node.id, _upward(_cut(style), minlen))
            else:
                self.edge(upper, node.id, self._tree_attrs(node, relation, minlen))
            return
        # the node's own step is undercut (or shared by co-premises): it runs through a
        # junction, which the undercut of that step then ends on
        style = edge_style(relation, node.attack, node.node.turn, self._on_cards(node))
        if junction not in self.drawn_junctions:  # first member: the junction, its arrow up
            self.drawn_junctions.add(junction)
            self.add_junction(junction)
            self.edge(upper, junction, _upward(_cut(style) if cut else style, 1))
        lower = {k: v for k, v in style.items() if k in ("color", "style")}
        self.edge(junction, node.id, {**lower, "dir": "none", "minlen": 1})

    def _tree_attrs(self, node: MapNode, relation: Relation, minlen: int) -> str:
        cards = self._on_cards(node)
        return _tree_edge_attrs(relation, node.attack, node.node.turn, cards, minlen, self.quick)

    def _on_cards(self, node: MapNode) -> bool:
        """An undermine of a node that rests on evidence attacks the evidence."""
        if node.attack is not Attack.UNDERMINE or node.parent is None:
            return False
        return bool(self.graph[node.parent].node.evidence)

    def stub(self, node_id: str) -> str:
        name = f"{node_id}|elsewhere"
        if name not in self.stubs:
            self.stubs.add(name)
            self.emit(f"{quote(name)} [{format_attrs(self._stub_attrs(node_id, name))}];")
        return name

    def _stub_attrs(self, node_id: str, name: str) -> dict[str, str | float | int]:
        """A small white box naming a node drawn elsewhere, linked to its page."""
        node = self.graph[node_id]
        page = self.page.home.get(node_id)
        label = stub_label(self.graph, node, page, self.options.ids)
        attrs: dict[str, str | float | int] = {
            "id": self.node_id(name),
            "label": f"<{label.html}>",
            "style": "rounded,filled",
            "fillcolor": STUB_FILL,
            "color": MUTED,
            "fontcolor": MUTED,
        }
        if page is not None and self.links is not None and page in self.links:
            attrs["href"] = self.links[page]
        return attrs

    def link_up(self, upper: str, lower: str, style: Mapping[str, str]) -> None:
        """A cross-link from `lower` up to `upper`, which ranks `lower` below `upper`.

        Drawn as one thick line, not the double line of other cross-links: Graphviz 2.43
        paints the arrow of a reversed (`dir=back`) double line in its invisible middle
        colour, and a double line drawn forwards outside the ranking loops around the page.
        """
        minlen = self.span * (1 + self.offsets.get(lower, 0))
        line = {k: v for k, v in style.items() if k != "arrowhead"}
        line.update(color=style["color"].split(":")[0], penwidth="2.4")
        self.edge(upper, lower, _upward({**line, "arrowhead": style["arrowhead"]}, minlen))

    def cross_link(self, edge: Edge) -> None:
        self.links_drawn.add(edge.relation)
        target = self.graph[edge.target]
        cards = edge.attack is Attack.UNDERMINE and bool(target.node.evidence)
        style = edge_style(edge.relation, edge.attack, cards=cards)
        if edge.relation is Relation.SUPPORT:
            style.update(arrowhead="onormal", label="<supports>", fontcolor=LINK_COLOUR)
        colour = LINK_COLOUR if edge.relation is Relation.SUPPORT else style["color"]
        style["color"] = f"{colour}:invis:{colour}"  # a double line: drawn as a link
        source_in, target_in = edge.source in self.on_page, edge.target in self.on_page
        if source_in and target_in:
            source = self.graph[edge.source]
            if (
                edge.relation is Relation.SUPPORT
                and source.parent is None
                and not self._inside(edge.target, source.id)
            ):  # a contention supporting the thesis ranks below it
                self.link_up(edge.target, edge.source, style)
            else:
                self.edge(edge.source, edge.target, {**style, "constraint": "false"})
        elif target_in:  # from elsewhere: drawn like a child of its target
            self.link_up(edge.target, self.stub(edge.source), style)
        else:  # to elsewhere: drawn above its source
            self.link_up(self.stub(edge.target), edge.source, style)

    def _inside(self, node_id: str, root: str) -> bool:
        current: str | None = node_id
        while current is not None:
            if current == root:
                return True
            current = self.graph[current].parent
        return False

    def header(self) -> str:
        """The graph label: title, motion and page line, then the legend. An atlas page
        after the first has only its page line: a long title there set the page's width."""
        argmap = self.graph.map
        if self.page.number > 1 and not self.page.key:  # the page line; p. 1 has the rest
            return f'<FONT POINT-SIZE="{SMALL + 1}">{markup(self.page.heading)}</FONT>'
        title = "<BR/>".join(markup(line) for line in wrap(argmap.title, 70))
        cells = [f'<FONT POINT-SIZE="14"><B>{title}</B></FONT>']
        if argmap.motion:
            cells.append("<I>" + "<BR/>".join(markup(x) for x in wrap(argmap.motion, 100)) + "</I>")
        if self.page.heading:
            cells.append(f'<FONT POINT-SIZE="{SMALL + 1}">{markup(self.page.heading)}</FONT>')
        if self.page.key:
            cells.append(self._atlas_key())
        elif self.page.legend and self.options.legend:
            cells.append(
                legend_label(
                    self.graph,
                    statuses=self._statuses_drawn(),
                    links=self.links_drawn,
                    pages=bool(self.page.home),
                    stubs=bool(self.stubs),
                    groups=any(len(members) > 1 for members in self.groups.values()),
                )
            )
        rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{cell}</TD></TR>' for cell in cells)
        return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>'

    def _atlas_key(self) -> str:
        """The key page of an atlas: every mark that any of its pages draws."""
        drawn = set(self.page.home)
        statuses = (
            {self.statuses[n] for n in drawn if n in self.statuses} if self.statuses else set()
        )
        links = {e.relation for e in self.graph.cross_links if e.source in drawn}
        groups = Counter(
            (self.graph[n].parent, self.graph[n].node.group)
            for n in drawn
            if self.graph[n].node.group is not None
        )
        grouped = any(count > 1 for count in groups.values())
        return legend_label(
            self.graph,
            statuses=statuses,
            links=links,
            pages=True,
            stubs=bool(links),
            groups=grouped,
        )

    def _statuses_drawn(self) -> set[Status]:
        """The statuses the page shows: the key explains only those (and none without)."""
        if self.statuses is None:
            return set()
        return {self.statuses[n] for n in self.page.nodes if n in self.statuses}

    # -- the whole graph ------------------------------------------------------
    def build(self) -> str:
        self.plan()
        graph_attrs: dict[str, str | float | int] = {
            "id": self.graph_id,
            "rankdir": (self.page.direction or self.options.direction).value,
            "fontname": FONT,
            "fontsize": FONT_SIZE,
            "nodesep": 0.22,
            "ranksep": 0.2,
            "pad": 0.1,
            "margin": 0,  # cairo's PDF adds half an inch a side by default: paper margins do
            "bgcolor": "white",
            "labelloc": "t",
            "labeljust": "l",
        }
        if len(self.page.nodes) > LARGE:
            graph_attrs.update(nslimit=0.01, nslimit1=0.01, mclimit=0.3)
        self.lines = [f"digraph {quote(self.graph_id)} {{"]
        self.emit(f"graph [{format_attrs(graph_attrs)}];")
        self.emit(f"node [{format_attrs(BOX_ATTRS)}];")
        self.emit(f"edge [{format_attrs(LINE_ATTRS)}];")
        for node_id in self.page.nodes:
            node = self.graph[node_id]
            self.add_node(node)
            self.tree_edge(node)
        for chain in columns(self.graph, self.offsets, self.page.nodes):
            for upper, lower in itertools.pairwise(chain):
                self.edge(upper, lower, {"style": "invis", "minlen": self.span})
        for edge in self._cross_links():
            self.cross_link(edge)
        for (parent, group), members in self.groups.items():
            if len(members) > 1:
                name = f"cluster_{parent}|{group}"
                box: Attrs = {"id": self.node_id(name), "label": "", "style": "rounded"}
                self.emit(f"subgraph {quote(name)} {{")
                self.emit(f"  graph [{format_attrs({**box, 'color': MUTED, 'penwidth': 0.8})}];")
                self.emit("  " + " ".join(quote(m) for m in members) + ";")
                self.emit("}")
        self.emit(f"graph [label=<{self.header()}>];")
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _cross_links(self) -> Iterable[Edge]:
        for edge in self.graph.cross_links:
            ends = (edge.source in self.on_page) + (edge.target in self.on_page)
            if ends == 2 or (ends == 1 and self.page.stubs):
                yield edge


def build_dot(
    graph: MapGraph,
    page: Page,
    options: DiagramOptions | None = None,
    statuses: Mapping[str, Status] | None = None,
    *,
    links: Mapping[int, str] | None = None,
    graph_id: str = "argmap",
    labels: dict[LabelKey, Label] | None = None,
) -> str:
    """DOT text for `page` of `graph`.

    `statuses` adds status marks; `links` maps page numbers to file names, so that
    SVG pages of an atlas link to each other; `graph_id` prefixes every SVG id; `labels`
    keeps node labels between calls (an atlas draws many pages of one map).
    """
    builder = _Builder(graph, page, options or DiagramOptions(), statuses, links, graph_id)
    if labels is not None:
        builder.labels = labels
    return builder.build()
