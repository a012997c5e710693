"""The side's case as a diagram, sized for one landscape page of the sheet.

The diagram comes from `argmap.render.diagram_svg` (titles only, with status marks).
A big case drawn whole would shrink to unreadable type on one page, so the sheet
draws the deepest view that still prints at a readable scale: the whole case, else
one level below the contentions, else the contentions alone, and says which.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.analysis import Verdict
from argmap.graph import MapGraph
from argmap.model import Side
from argmap.render.choices import Paper

# Landscape area left for the diagram: the page inside the sheet's margins, less a heading.
_MARGINS = (74.0, 130.0)  # points: left + right, top + bottom + heading
_READABLE = 0.4  # smallest scale at which Graphviz's 14 pt text still reads (5.6 pt)
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


@dataclass(frozen=True, slots=True)
class Diagram:
    """SVG markup (trusted: argmap.render escapes map text) and what it leaves out."""

    svg: str
    depth: int | None  # levels drawn below the contentions; None: all of them
    note: str  # one line for the sheet: what the view shows
    command: str | None = None  # the command that draws the whole case, when this is not it


def side_diagram(
    graph: MapGraph,
    side: Side,
    verdicts: Mapping[str, Verdict] | None = None,
    paper: Paper = Paper.A4,
) -> Diagram | None:
    """The deepest readable diagram of `side`'s case, or None when the side has no claims.

    Raises argmap.render.GraphvizError when Graphviz is missing or fails.
    """
    from argmap.render import diagram_svg

    if not any(graph[r].side is side for r in graph.roots):
        return None
    room = _room(paper)
    svg = ""
    for depth in (None, 1, 0):
        svg = diagram_svg(graph, side=side, depth=depth, titles_only=True, verdicts=verdicts)
        if _scale(svg, room) >= _READABLE:
            break
    label = graph.side_label(side)
    if depth is None:
        return Diagram(svg, depth, f"{label}: the whole case, titles only.")
    below = "one level below them" if depth == 1 else "alone"
    note = f"{label}: the contentions {below}; the whole case is too big for one page, see"
    return Diagram(svg, depth, note, f"argmap render {graph.file} --side {side.value}")


def _room(paper: Paper) -> tuple[float, float]:
    """Width and height in points a diagram may take on the sheet's landscape page."""
    height, width = paper.size
    return width - _MARGINS[0], height - _MARGINS[1]


def _scale(svg: str, room: tuple[float, float]) -> float:
    """The scale at which the diagram fits the room; 1.0 when its size is unknown."""
    size = _SIZE.search(svg)
    if size is None:
        return 1.0
    width, height = (float(v) for v in size.groups())
    return min(room[0] / width, room[1] / height, 1.0)
