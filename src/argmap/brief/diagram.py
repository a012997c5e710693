"""The side's case as a diagram, sized for one landscape page of the sheet.

The diagram comes from `argmap.render` (titles only, with status marks). A big case
drawn whole would shrink to unreadable type on one page, so the sheet draws the
deepest view that prints at full size (its smallest type, 8 pt, stays 8 pt on paper):
the whole case, else one level below the contentions, else the contentions alone,
and says which; when not even the contentions fit, the sheet has no diagram page. Graphviz lays out
only the views that may read: a view that argmap.render.size estimates far too big is
skipped, the contentions alone included (the article map's whole case would take
Graphviz 0.1 s to lay out).

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

if TYPE_CHECKING:
    from argmap.render.size import Sizer

# Landscape area left for the diagram: the page inside the sheet's margins, less a heading.
_MARGINS = (74.0, 136.0)  # points: left + right, top + bottom + heading and note
_READABLE = 1.0  # the diagram's smallest type is 8 pt: printed smaller, it would not read
_SLACK = 0.7  # a view estimated below this share of _READABLE will not read when drawn
# Tallest printed diagram: the stylesheet's `max-height` of the inline SVG (162 mm), which
# leaves room for the heading and a one-line note on the landscape page.
_PRINT_HEIGHT = 162 / 25.4 * 72
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


# The drawing's key in one line (the drawing has none, to print larger).
KEY = (
    "Key: solid line supports, dashed line attacks (what it says written on it: "
    "not true, their reason is false, does not follow, turn); border thick = holds "
    "(or granted, when its line says \u2702 cut: an undercut cuts that line), "
    "cut corners = falls, double = contested, dotted = unsupported."
)


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
    """The deepest diagram of `side`'s case that prints at full size, or None when the
    side has no claims or not even its contentions fit on the page.

    Raises argmap.render.GraphvizError when Graphviz is missing or fails.
    """
    from argmap.render import diagram_dot, layout, svg_text
    from argmap.render.size import Sizer

    if not any(graph[r].side is side for r in graph.roots):
        return None
    room = _room(paper)
    sizer = Sizer(graph, paper)
    dot = svg = ""
    for depth in (None, 1, 0):
        # Graphviz is asked only about views that may read: argmap.render.size estimates
        # a view within about 20 % of Graphviz's layout, so one estimated far too big is
        # not (the article map's contentions alone: 30 ms of Graphviz for no page)
        if _estimated_scale(sizer, side, depth, room) < _READABLE * _SLACK:
            continue
        # no key in the drawing: the note under the heading gives it in one line
        dot = diagram_dot(
            graph, side=side, depth=depth, titles_only=True, statuses=statuses, legend=False
        )
        svg = svg_text(layout(dot, "svg"))
        if _scale(svg, room) >= _READABLE:
            break
    else:
        return None  # not even the contentions print at a size that reads
    label = graph.side_label(side)
    if depth is None:
        shown = "the whole case, titles only"
    else:
        below = "one level below them" if depth == 1 else "alone"
        shown = f"the contentions {below}, titles only (the whole case does not fit a page)"
    return Diagram(svg, depth, f"{label}: {shown}. {KEY}", dot=dot)


def printed_size(diagram: Diagram, paper: Paper = Paper.A4) -> tuple[float, float]:
    """The box (width, height in points) a PDF sheet prints `diagram` in.

    As wide as the landscape page's text and at most 150 mm tall: the box the
    stylesheet gives the inline SVG in a browser.
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

    options = DiagramOptions(side=side, depth=depth, titles_only=True, legend=False)
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
