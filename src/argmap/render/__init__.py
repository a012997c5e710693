"""Render: maps drawn as Graphviz diagrams (DOT, SVG, PNG, PDF), whole or as an atlas.

`diagram_svg` is the entry point for other outputs (the briefing sheet embeds it;
`diagram_dot`, `layout` and `svg_text` are its steps, for an output that also wants a PDF
of the same drawing);
`argmap render` uses `plan_pages` and `render_map`. Names load on first use, so
that importing `argmap.render.choices` (for the command line's options) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap.render.choices import Direction, Format, Paper

if TYPE_CHECKING:
    from argmap.render.dot import build_dot
    from argmap.render.output import (
        GraphvizError,
        RenderSettings,
        diagram_dot,
        diagram_svg,
        layout,
        plan_pages,
        render_map,
        svg_text,
    )
    from argmap.render.view import DiagramOptions, Page, RenderError, describe_view, select_nodes

__all__ = [
    "DiagramOptions",
    "Direction",
    "Format",
    "GraphvizError",
    "Page",
    "Paper",
    "RenderError",
    "RenderSettings",
    "build_dot",
    "describe_view",
    "diagram_dot",
    "diagram_svg",
    "layout",
    "plan_pages",
    "render_map",
    "select_nodes",
    "svg_text",
]

_HOME = {
    "build_dot": "dot",
    "GraphvizError": "output",
    "RenderSettings": "output",
    "diagram_dot": "output",
    "diagram_svg": "output",
    "layout": "output",
    "plan_pages": "output",
    "render_map": "output",
    "svg_text": "output",
    "DiagramOptions": "view",
    "Page": "view",
    "RenderError": "view",
    "describe_view": "view",
    "select_nodes": "view",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'argmap.render' has no attribute '{name}'")
    return getattr(importlib.import_module(f"argmap.render.{_HOME[name]}"), name)
