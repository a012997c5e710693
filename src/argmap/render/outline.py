"""Outline: an atlas set as an indented outline, placed by argmap and drawn by Graphviz.

`dot`'s trees leave half a page or more between their boxes (ranks as tall as their
tallest box, a parent alone on its rank), so a map of 150 nodes printed at reading size
takes about thirty pages. An outline packs the same boxes three times as densely, the
way a brief reads: each node is a box under its parent, indented one step and as wide
as its column allows; two columns a page, flowing from one to the next.

    ┃ P1 Contention                         a reason's line leaves its left edge,
    ┣━━▶ P1a first reason                   runs along its parent's spine and ends
    ┃    ┣━━▶ P1a1 its evidence             in an arrowhead under its parent; each
    ┣━━▶ P1b second reason                  kind of line (supports, attacks, links)
    ┗┅┅┤ O1 their attack: not true          has its own spine, so lines never cross

- An undercut ends on the line it attacks (with a bar), not on a box.
- Co-premises share a spine of their own, and each meets it at a dot.
- A cross-link is a small white box under each end, naming the other end and its page.
- A column that goes on with a subtree begins with small boxes recalling its ancestors.

Graphviz sets every label and draws every line at the position given (`neato -n2`),
after measuring each box (`measure`), so what argmap plans is exactly what prints:
every page is drawn at `SCALE` of the paper, body text at 8 pt.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from argmap.analysis import Status
from argmap.graph import MapGraph
from argmap.render.atlas import debate_code
from argmap.render.choices import Paper
from argmap.render.dot import BOX_ATTRS, LINE_ATTRS, format_attrs, quote
from argmap.render.labels import PADDING, node_label, stub_label
from argmap.render.legend import legend_label
from argmap.render.outline_rows import UNDERCUT_IN, Attrs, Kind, Row, outline_rows, recall_of
from argmap.render.size import MIN_SCALE
from argmap.render.style import (
    BORDERS,
    MUTED,
    SIDE_FILL,
    SMALL,
    STUB_FILL,
)
from argmap.render.text import markup, wrap
from argmap.render.view import DiagramOptions, Page, describe_view, select_nodes, view_roots

SCALE = MIN_SCALE  # every outline page prints at this scale: 10 pt body at 8 pt
COLUMNS = 2
GUTTER = 20.0  # points between columns
ROW_GAP = 5.0  # between a box and the next
TOP_GAP = 14.0  # before a new contention (or other top of the view)
HEAD_GAP = 10.0  # between a page's heading and its columns
SLACK = 4.0  # points of a line left free
STRETCH = 1.1  # lines first wrapped this much longer than the label estimate allows
FIT_ROUNDS = 4  # rounds of wrapping shorter the boxes Graphviz finds too wide


# -- measuring and packing ----------------------------------------------------------------


@dataclass(slots=True)
class Box:
    """A row placed on a page: its label, size and top-left corner (y down)."""

    row: Row
    label: str
    attrs: Attrs
    width: float
    height: float
    x: float = 0.0
    y: float = 0.0
    name: str = ""  # in the page's DOT: the row's name, unless a page holds it twice

    @property
    def dot_name(self) -> str:
        return self.name or self.row.name

    @property
    def mid(self) -> float:
        return self.y + self.height / 2


@dataclass(slots=True)
class Sheet:
    """One page of the outline: its columns of boxes, top to bottom."""

    columns: list[list[Box]] = field(default_factory=list)
    key: bool = False  # the key is on this page
    tops: list[str] = field(default_factory=list)  # nodes whose subtree starts here
    goes_on: str | None = None  # the node whose subtree it continues


@dataclass(frozen=True, slots=True)
class Frame:
    """The drawing area of a page, in points at full size (the page prints at `SCALE`)."""

    width: float
    height: float

    @classmethod
    def of(cls, paper: Paper) -> Frame:
        # a hair under the exact area, so that rounding never scales a page below SCALE
        width, height = paper.printable
        return cls(width / SCALE - 1, height / SCALE - 1)

    @property
    def column(self) -> float:
        return (self.width - GUTTER * (COLUMNS - 1)) / COLUMNS


MeasureBoxes = Callable[[Sequence[tuple[str, Attrs]]], list[tuple[float, float]]]
"""Graphviz's size of each (label, box attributes), in points."""

ARROW_LENGTH = {"normal": 8.0, "onormal": 8.0, "tee": 4.0, "odiamond": 9.6}
"""Points from an arrowhead's base to its tip at arrowsize 0.8 (10 points times the arrow
type's length factor, as Graphviz draws it): a line stops where its arrowhead begins."""


def _pack(
    rows: Sequence[Row],
    boxes: Mapping[str, Box],
    frame: Frame,
    heads: tuple[float, float],
    key: Box | None,
) -> list[Sheet]:
    """The rows poured into columns, two a page, in reading order.

    A column that starts inside a subtree first recalls the ancestors whose children
    it holds (so a box may end a column and its reasons follow under its recall: keeping
    them together cost the article map a page). The key follows the last row, in a new
    column if it does not fit."""
    last_child: dict[str, int] = {}
    for i, row in enumerate(rows):
        if row.parent is not None:
            last_child[row.parent] = i
    by_name = {row.name: row for row in rows}
    sheets: list[Sheet] = []
    column = COLUMNS - 1
    top = y = 0.0

    def new_column() -> None:
        nonlocal column, top, y
        column += 1
        if column == COLUMNS:
            sheets.append(Sheet())
            column = 0
            sheets[-1].columns.extend([] for _ in range(COLUMNS))
        top = y = heads[len(sheets) > 1] + HEAD_GAP  # page 1's heading is the taller

    def place(box: Box, gap: float) -> None:
        nonlocal y
        box.x = column * (frame.column + GUTTER) + box.row.x
        box.y = y + gap
        sheets[-1].columns[column].append(box)
        y = box.y + box.height

    new_column()
    for i, row in enumerate(rows):
        box = replace(boxes[row.name])
        gap = 0.0 if y == top else TOP_GAP if row.parent is None else ROW_GAP
        if y + gap + box.height > frame.height and y > top:
            new_column()
            gap = 0.0
            chain = []
            parent = row.parent
            while parent is not None:
                if last_child[parent] >= i:
                    chain.append(parent)
                parent = by_name[parent].parent
            for name in reversed(chain):  # named for its column: a page may recall it twice
                recall = replace(boxes[f"{name}|recall"], name=f"{name}|recall{column}")
                place(recall, 0.0 if y == top else ROW_GAP)
            if chain:
                gap = ROW_GAP
            if chain and sheets[-1].goes_on is None and not sheets[-1].tops:
                sheets[-1].goes_on = _top(by_name, chain[0])
        if row.kind is Kind.NODE and row.parent is None:
            sheets[-1].tops.append(row.node)
        place(box, gap)
    if key is not None:
        gap = ROW_GAP * 2
        if y + gap + key.height > frame.height:
            new_column()
            gap = 0.0
        place(replace(key), gap)
        sheets[-1].key = True
    return sheets


def _polyline(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Straight segments as the cubic Bézier pieces Graphviz's `pos` expects."""
    out = [points[0]]
    for a, b in itertools.pairwise(points):
        out += [a, b, b]
    return out


def _top(rows: Mapping[str, Row], name: str) -> str:
    while (parent := rows[name].parent) is not None:
        name = parent
    return rows[name].node


class _Drawer:
    """Labels, measures, packs and writes the pages of one outline atlas."""

    def __init__(
        self,
        graph: MapGraph,
        nodes: Sequence[str],
        options: DiagramOptions,
        statuses: Mapping[str, Status] | None,
        frame: Frame,
    ) -> None:
        self.graph, self.options, self.statuses, self.frame = graph, options, statuses, frame
        self.on = set(nodes)
        self.heads = (0.0, 0.0)  # the heights of the first page's heading and the others'
        self.stretch: dict[str, float] = {}  # row -> factor on its lines' estimated room

    def room(self, row: Row) -> float:
        """Points of text a line of the row's box may take, by the estimate of
        `argmap.render.labels` stretched (see `fit`)."""
        return (self.frame.column - row.x - PADDING - SLACK) * self.stretch.get(row.name, 1.0)

    def fit(
        self, rows: Sequence[Row], measure: MeasureBoxes, extra: Sequence[tuple[str, Attrs]]
    ) -> tuple[dict[str, Box], list[tuple[float, float]]]:
        """Each row's box, measured by Graphviz, as wide as its column allows (and the
        sizes of the `extra` labels, measured with the first batch).

        The label estimate is for wide text (it must never overflow a tree's box), so
        lines start longer (`STRETCH`); a box that Graphviz finds wider than its column
        is wrapped again, shorter by what it missed, until it fits."""
        self.stretch = {row.name: STRETCH for row in rows}
        items = {row.name: self.box(row, None) for row in rows}
        sizes = measure([*items.values(), *extra])
        found = dict(zip(items, sizes, strict=False))
        for _ in range(FIT_ROUNDS):
            over = [r for r in rows if found[r.name][0] > self.frame.column - r.x + 0.5]
            if not over:
                break
            for row in over:
                allowed = (self.frame.column - row.x) / found[row.name][0]
                self.stretch[row.name] *= allowed * 0.97
                items[row.name] = self.box(row, None)
            again = measure([items[r.name] for r in over])
            found.update(zip([r.name for r in over], again, strict=True))
        boxes = {r.name: Box(r, *items[r.name], *found[r.name]) for r in rows}
        return boxes, sizes[len(items) :]

    def box(self, row: Row, home: Mapping[str, int] | None) -> tuple[str, Attrs]:
        """A row's label and the attributes of its box, alike when measured and when
        drawn (so Graphviz sets both the same); `home` None: pages not yet known."""
        graph, node = self.graph, self.graph[row.node]
        if row.kind is Kind.NODE:
            status = self.statuses.get(row.node) if self.statuses is not None else None
            kids = (*node.premises, *node.rebuttals)
            label = node_label(
                graph,
                node,
                titles_only=self.options.titles_only,
                status=status,
                hidden=sum(1 for c in kids if c not in self.on),
                ids=self.options.ids,
                room=self.room(row),
                relation=row.words,
            )
            border = BORDERS[status]
            styles = ["filled", *border.styles]
            if node.node.implicit and "dotted" not in styles:
                styles.append("dashed")
            attrs: Attrs = {
                "style": ",".join(styles),
                "fillcolor": SIDE_FILL[node.side],
                "width": round((self.frame.column - row.x) / 72, 4),
            }
            if border.penwidth != BORDERS[None].penwidth:
                attrs["penwidth"] = border.penwidth
            if border.peripheries != 1:
                attrs["peripheries"] = border.peripheries
            return f"<{label.html}>", attrs
        page = 99 if home is None else home.get(row.node)
        note = {Kind.INTO: f"{row.words}: ", Kind.OUT: f"{row.words} \u2192 "}.get(row.kind, "")
        most = 2 if row.kind is Kind.INTO else 1  # what bears on the box above says what
        label = stub_label(
            graph, node, page, self.options.ids, note=note, room=self.room(row), most=most
        )
        stub: Attrs = {"style": "rounded,filled", "fillcolor": STUB_FILL, "color": MUTED}
        stub["fontcolor"] = MUTED
        return f"<{label.html}>", stub

    def header(self, heading: str, *, first: bool) -> str:
        """A page's heading; the first page also has the map's title and motion."""
        argmap = self.graph.map
        cells = []
        if first:
            title = "<BR/>".join(markup(line) for line in wrap(argmap.title, 90))
            cells.append(f'<FONT POINT-SIZE="14"><B>{title}</B></FONT>')
            if argmap.motion:
                motion = "<BR/>".join(markup(x) for x in wrap(argmap.motion, 120))
                cells.append(f"<I>{motion}</I>")
        cells.append(f'<FONT POINT-SIZE="{SMALL + 1}">{markup(heading)}</FONT>')
        rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{c}</TD></TR>' for c in cells)
        width = int(self.frame.width - 2 * 3.6 - 1)  # inside the node's margins (0.05 in)
        table = f'BORDER="0" CELLSPACING="0" CELLPADDING="1" WIDTH="{width}"'
        return f"<<TABLE {table}>{rows}</TABLE>>"

    def key(self, rows: Sequence[Row]) -> str:
        drawn = {r.node for r in rows if r.kind is Kind.NODE}
        statuses = (
            {self.statuses[n] for n in drawn if n in self.statuses} if self.statuses else set()
        )
        links = {r.link.relation for r in rows if r.link is not None}
        return (
            "<"
            + legend_label(
                self.graph,
                statuses=statuses,
                links=links,
                pages=False,
                stubs=True,
                groups=any(r.joined for r in rows),
                columns=1,
                outline=True,
            )
            + ">"
        )

    def plan(self, tops: Sequence[str], measure: MeasureBoxes, heading: str) -> list[Sheet]:
        rows = outline_rows(self.graph, list(self.on), tops, self.statuses)
        by_name = {row.name: row for row in rows}
        parents = dict.fromkeys(r.parent for r in rows if r.parent is not None)
        recalls = [recall_of(by_name[name]) for name in parents if name is not None]
        heads = [
            self.header(heading or "Page 99 of 99", first=True),
            self.header("Page 99", first=False),
        ]
        extra: list[tuple[str, Attrs]] = [(h, {"shape": "plaintext"}) for h in heads]
        if self.options.legend:
            extra.append((self.key(rows), {"shape": "plaintext"}))
        boxes, sizes = self.fit([*rows, *recalls], measure, extra)
        key = None
        if self.options.legend:
            key_row = Row("key", "", Kind.KEY, None, 0.0, 0.0)
            key = Box(key_row, extra[-1][0], extra[-1][1], *sizes[-1])
        self.heads = (sizes[0][1], sizes[1][1])
        return _pack(rows, boxes, self.frame, self.heads, key)

    def emit(
        self,
        sheet: Sheet,
        page: Page,
        home: Mapping[str, int],
        links: Mapping[int, str] | None,
        graph_id: str,
    ) -> str:
        """The DOT text of one page: every box and line where the plan puts it."""
        writer = _Writer(self.frame.height, graph_id)
        writer.start(self.frame.width)
        head = self.header(page.heading, first=page.number == 1)
        middle = self.heads[page.number > 1] / 2
        writer.node("heading", head, {"shape": "plaintext"}, self.frame.width / 2, middle)
        for column in sheet.columns:
            placed = {b.row.node: b for b in column if b.row.kind in (Kind.NODE, Kind.RECALL)}
            for box in column:
                label, attrs = (box.label, box.attrs)
                if box.row.kind in (Kind.INTO, Kind.OUT, Kind.RECALL):  # now with pages
                    label, attrs = self.box(box.row, home)
                    attrs["width"] = round(box.width / 72, 4)  # as measured: lines end on it
                    target = home.get(box.row.node)
                    if links is not None and target is not None and target in links:
                        attrs["href"] = links[target]
                writer.node(box.dot_name, label, attrs, box.x + box.width / 2, box.mid)
            for box in column:
                parent = placed.get(box.row.parent or "")
                if parent is not None:
                    writer.line(box, parent)
        return writer.finish()


class _Writer:
    """DOT text for placed boxes and lines (y runs down here, up in Graphviz)."""

    def __init__(self, height: float, graph_id: str) -> None:
        self.height, self.graph_id = height, graph_id
        self.lines = [f"digraph {quote(graph_id)} {{"]
        self.count = 0

    def emit(self, text: str) -> None:
        self.lines.append("  " + text)

    def at(self, x: float, y: float) -> str:
        return f"{x:.2f},{self.height - y:.2f}"

    def start(self, width: float) -> None:
        graph: Attrs = {"id": self.graph_id, "bgcolor": "white", "margin": 0, "pad": 0}
        self.emit(f"graph [{format_attrs(graph)}];")
        self.emit(f"node [{format_attrs(NODE_ATTRS)}];")
        self.emit(f"edge [{format_attrs(LINE_ATTRS)}];")
        corner: Attrs = {"shape": "point", "style": "invis", "width": 0, "label": ""}
        for name, x, y in (("corner|top", 0.0, 0.0), ("corner|end", width, self.height)):
            self.emit(f"{quote(name)} [{format_attrs({**corner, 'pos': self.at(x, y)})}];")

    def node(self, name: str, label: str, attrs: Attrs, x: float, y: float) -> None:
        full: Attrs = {"id": f"{self.graph_id}-{name}", "label": label, **attrs}
        full["pos"] = self.at(x, y)
        self.emit(f"{quote(name)} [{format_attrs(full)}];")

    def line(self, box: Box, parent: Box) -> None:
        """The line hanging `box` from `parent` (see the module's docstring)."""
        row, style = box.row, dict(box.row.style)
        column_left = box.x - row.x
        spine = column_left + row.spine
        arrow = style.get("arrowhead", "normal")
        length = ARROW_LENGTH.get(arrow, 8.0)
        if row.kind is Kind.OUT:  # from the parent's spine to the box of the node it links to
            tail, head = parent.dot_name, box.dot_name
            tip = (box.x, box.mid)
            points = [
                (spine, parent.y + parent.height),
                (spine, box.mid),
                (box.x - length, box.mid),
            ]
        elif row.undercut:  # onto the line of the reason it cuts, with a bar
            tail, head = box.dot_name, parent.dot_name
            x = parent.x - UNDERCUT_IN
            tip = (x, parent.mid)
            points = [(box.x, box.mid), (x, box.mid), (x, parent.mid + length)]
        else:  # along the parent's spine, up into its box
            tail, head = box.dot_name, parent.dot_name
            bottom = parent.y + parent.height
            tip = (spine, bottom)
            points = [(box.x, box.mid), (spine, box.mid), (spine, bottom + length)]
        pos = "e," + self.at(*tip) + " " + " ".join(self.at(*p) for p in _polyline(points))
        self.count += 1
        attrs: Attrs = {"id": f"{self.graph_id}-line{self.count}", **style, "pos": pos}
        if row.cut:  # granted, but its line no longer bears: scissors on the line
            start, turn = points[0], points[1]
            middle = ((start[0] + turn[0]) / 2, (start[1] + turn[1]) / 2)
            attrs.update(label=CUT_GLYPH, lp=self.at(*middle))
        self.emit(f"{quote(tail)} -> {quote(head)} [{format_attrs(attrs)}];")
        if row.joined:  # a co-premise meets its group's spine at a dot
            dot: Attrs = {"shape": "point", "width": 0.07, "height": 0.07, "label": ""}
            self.node(f"{box.dot_name}|joint", "", dot, spine, box.mid)

    def finish(self) -> str:
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"


CUT_GLYPH = "\u2702"
NODE_ATTRS: Attrs = {**BOX_ATTRS, "height": 0}  # a box as tall as its label, no taller


def plan_outline(
    graph: MapGraph,
    options: DiagramOptions,
    paper: Paper,
    statuses: Mapping[str, Status] | None,
    measure: MeasureBoxes,
    links: Callable[[Sequence[Page]], Mapping[int, str] | None],
    *,
    graph_id: str = "argmap",
) -> Outline:
    """The view as an outline atlas: its pages and their DOT texts (for `PLACED`).

    `links(pages)` gives each page number's link target (a file, or a PDF page),
    or None for an atlas whose pages do not link."""
    nodes = select_nodes(graph, options)
    frame = Frame.of(paper)
    drawer = _Drawer(graph, nodes, options, statuses, frame)
    sheets = drawer.plan(view_roots(graph, options), measure, describe_view(graph, options))
    total = len(sheets)
    home: dict[str, int] = {}
    for number, sheet in enumerate(sheets, start=1):
        for column in sheet.columns:
            for box in column:
                if box.row.kind is Kind.NODE:
                    home.setdefault(box.row.node, number)
    key_page = next((n for n, s in enumerate(sheets, start=1) if s.key), None)
    pages = []
    for number, sheet in enumerate(sheets, start=1):
        names = [debate_code(graph, t) for t in sheet.tops]
        if sheet.goes_on is not None:
            names.insert(0, f"{debate_code(graph, sheet.goes_on)} (continued)")
        parts = [
            f"Page {number} of {total}: {', '.join(names)}"
            if names
            else f"Page {number} of {total}"
        ]
        if number == 1:
            parts.append(describe_view(graph, options))
        if key_page is not None and key_page != number and number == 1:
            parts.append(f"the key is on p. {key_page}")
        first = sheet.goes_on or (sheet.tops[0] if sheet.tops else "")
        caption = f"{debate_code(graph, first)}: {graph[first].label[:60]}" if first else "Key"
        pages.append(
            Page(
                nodes=tuple(
                    b.row.node for c in sheet.columns for b in c if b.row.kind is Kind.NODE
                ),
                number=number,
                total=total,
                heading=" \u00b7 ".join(filter(None, parts)),
                caption=caption,
                name=f"{number:02d}-{first or 'key'}",
                home=home,
                roots=tuple(sheet.tops),
                key=sheet.key,
            )
        )
    targets = links(pages)
    dots = [drawer.emit(s, p, home, targets, graph_id) for s, p in zip(sheets, pages, strict=True)]
    return Outline(pages, dots)


@dataclass(frozen=True, slots=True)
class Outline:
    """An outline atlas planned: its pages, and the DOT text of each (for `PLACED`)."""

    pages: list[Page]
    dots: list[str]
