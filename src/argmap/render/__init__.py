"""Render: maps drawn as Graphviz diagrams (DOT, SVG, PNG, PDF), whole or as an atlas.

`diagram_svg` is the entry point for other outputs (the briefing sheet embeds it);
`argmap render` uses `plan_pages` and `render_map`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argmap.analysis import Verdict
from argmap.graph import MapGraph
from argmap.model import Side
from argmap.render.dot import build_dot
from argmap.render.output import (
    Format,
    GraphvizError,
    RenderSettings,
    layout,
    plan_pages,
    render_map,
)
from argmap.render.view import (
    DiagramOptions,
    Direction,
    Page,
    RenderError,
    describe_view,
    select_nodes,
)

__all__ = [
    "DiagramOptions",
    "Direction",
    "Format",
    "GraphvizError",
    "Page",
    "RenderError",
    "RenderSettings",
    "build_dot",
    "diagram_svg",
    "plan_pages",
    "render_map",
]

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def diagram_svg(
    graph: MapGraph,
    *,
    side: Side | None = None,
    focus: str | None = None,
    depth: int | None = None,
    titles_only: bool = False,
    verdicts: Mapping[str, Verdict] | None = None,
) -> str:
    """One diagram of the map (or of a side, or of one node's subtree) as SVG text.

    The text starts at `<svg` (no XML prolog, no DOCTYPE), so it can be inlined in
    HTML; its element ids start with `argmap-<side>-<focus>-`, so two diagrams of
    different views can share a page. Raises `RenderError` for an unknown focus
    id and `GraphvizError` when Graphviz is missing or fails.
    """
    options = DiagramOptions(side=side, focus=focus, depth=depth, titles_only=titles_only)
    page = Page(tuple(select_nodes(graph, options)), heading=describe_view(graph, options))
    graph_id = _UNSAFE_ID.sub("_", f"argmap-{side or 'all'}" + (f"-{focus}" if focus else ""))
    svg = layout(build_dot(graph, page, options, verdicts, graph_id=graph_id), "svg")
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]
