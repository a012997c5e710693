"""The side's case as a diagram, sized for one landscape page of the sheet.

The diagram comes from `argmap.render` (titles only, with status marks and a key of
only the marks it uses). A big case drawn whole would shrink to unreadable type, so
the sheet draws the deepest view that prints at full size (no text under 8 pt): the
whole case, else one level below the contentions, else the contentions alone, and
says which; when not even that reads, the sheet has no diagram (the atlas of
`argmap render` draws every case readably). Graphviz lays out only the views that
may read: a view that argmap.render.size estimates far too big is skipped.

HTML sheets inline the SVG. PDF sheets print Graphviz's own PDF of the same drawing
(`diagram_pdf`) into a box of `printed_size`: WeasyPrint takes longer to draw the SVG
than all the rest of the diagram page (see docs/brief.md, "Speed").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.analysis import Status
from argmap.graph import MapGraph
from argmap.model import Side
from argmap.render.choices import Paper
from argmap.words import legend

STATUS_WORDS = {
    Status.STANDS: "holds, thick border",
    Status.FALLS: "defeated, struck through",
    Status.CONTESTED: "undecided, double border",
    Status.UNSUPPORTED: "nothing supports it, dotted border",
    Status.CUT: "granted, but an undercut that holds cuts its line",
}

if TYPE_CHECKING:
    from argmap.render.size import Sizer

# Landscape area left for the diagram: the page inside the sheet's margins, less a heading.
_MARGINS = (74.0, 130.0)  # points: left + right, top + bottom + heading
_READABLE = 1.0  # the smallest text drawn is 8 pt (codes, key): printed at full size
_SLACK = 0.7  # a view estimated below this share of _READABLE will not read when drawn
# Tallest printed diagram: the stylesheet's `max-height` of the inline SVG (150 mm), which
# leaves room for the heading and a two-line note on the landscape page.
_PRINT_HEIGHT = 150 / 25.4 * 72
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


@dataclass(frozen=True, slots=True)
class Diagram:
    """SVG markup (trusted: argmap.render escapes map text) and what it leaves out."""

    svg: str
    depth: int | None  # levels drawn below the contentions; None: all of them
    note: str  # one line for the sheet: what the view shows
    dot: str = ""  # the Graphviz source of the drawing, to draw it again as PDF

    @property
    def size(self) -> tuple[float, float] | None:
        """Width and height of the drawing in points, None when the SVG does not say."""
        found = _SIZE.search(self.svg)
        return (float(found[1]), float(found[2])) if found else None


def side_diagram(
    graph: MapGraph,
    side: Side,
    statuses: Mapping[str, Status] | None = None,
    paper: Paper = Paper.A4,
) -> Diagram | None:
    """The deepest readable diagram of `side`'s case, or None when the side has no claims.

    Raises argmap.render.GraphvizError when Graphviz is missing or fails.
    """
    from argmap.render import diagram_dot, layout, svg_text
    from argmap.render.size import Sizer

    if not any(graph[r].side is side for r in graph.roots):
        return None
    room = _room(paper)
    sizer = Sizer(graph, paper)
    for depth in (None, 1, 0):
        # Graphviz is asked only about views that may read: argmap.render.size estimates
        # a view within about 20 % of Graphviz's layout, so one estimated far too big is not
        if _estimated_scale(sizer, side, depth, room) < _READABLE * _SLACK:
            continue
        dot = diagram_dot(
            graph, side=side, depth=depth, titles_only=True, statuses=statuses, legend=False
        )
        svg = svg_text(layout(dot, "svg"))
        if _scale(svg, room) >= _READABLE:
            break
    else:
        return None  # not even the contentions alone print at a readable size
    label = graph.side_label(side)
    if depth is None:
        note = f"{label}: the whole case, titles only."
    else:
        below = "one level below them" if depth == 1 else "alone"
        note = (
            f"{label}: the contentions {below}, titles only; the whole case is too big "
            "to print readably on one page (the diagram atlas draws it all)."
        )
    return Diagram(svg, depth, f"{note} {_key(svg)}", dot)


def _key(svg: str) -> str:
    """The key in one line of the sheet, naming only the marks the drawing uses (the
    drawing itself has none: a key inside it would shrink the drawing)."""
    parts = ["Solid arrow: supports", "dashed: attacks, the line says how"]
    parts += [f"{plain} = {formal.split(':')[0]}" for plain, formal in legend() if plain in svg]
    for status in Status:
        if f"{status.glyph} {status.value}" in svg:
            parts.append(f"{status.glyph} {status.value}: {STATUS_WORDS[status]}")
    if "\u2702 cut" in svg:
        parts.append("\u2702 on a line: that line is cut, its node still granted")
    return "Key: " + "; ".join(parts) + "."


def printed_size(diagram: Diagram, paper: Paper = Paper.A4) -> tuple[float, float]:
    """The box (width, height in points) a PDF sheet prints `diagram` in.

    As wide as the landscape page's text and at most 150 mm tall: the box the
    stylesheet gives the inline SVG in a browser. A diagram is only drawn when it
    fits that box at full size, so this never shrinks its type.
    """
    width, height = diagram.size or (1.0, 1.0)
    scale = min(_room(paper)[0] / width, _PRINT_HEIGHT / height)
    return width * scale, height * scale


def diagram_pdf(diagram: Diagram) -> bytes:
    """The diagram as a one-page PDF from Graphviz, the page the size of the drawing.

    Vector, with its fonts embedded. Raises argmap.render.GraphvizError when Graphviz fails.
    """
    from argmap.render import layout

    # Graphviz's PDF adds a 36 pt margin that its SVG has not; a last graph attribute wins.
    closing = diagram.dot.rindex("}")
    return layout(diagram.dot[:closing] + "graph [margin=0];\n}\n", "pdf")


def _estimated_scale(
    sizer: Sizer, side: Side, depth: int | None, room: tuple[float, float]
) -> float:
    """The scale at which the view would fit the room, on argmap.render.size's estimate."""
    from argmap.render import DiagramOptions, select_nodes
    from argmap.render.size import Look

    options = DiagramOptions(side=side, depth=depth, titles_only=True)
    look = Look(options.direction, options.titles_only, options.legend)
    width, height = sizer.extent(select_nodes(sizer.graph, options), look)
    return min(room[0] / width, room[1] / height, 1.0)


def _room(paper: Paper) -> tuple[float, float]:
    """Width and height in points a diagram may take on the sheet's landscape page."""
    height, width = paper.size
    return width - _MARGINS[0], min(height - _MARGINS[1], _PRINT_HEIGHT)


def _scale(svg: str, room: tuple[float, float]) -> float:
    """The scale at which the diagram fits the room; 1.0 when its size is unknown."""
    size = _SIZE.search(svg)
    if size is None:
        return 1.0
    width, height = (float(v) for v in size.groups())
    return min(room[0] / width, room[1] / height, 1.0)
