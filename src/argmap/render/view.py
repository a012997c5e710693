"""Views: which nodes one diagram draws, and how it links to the rest of the map."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.graph import MapGraph
from argmap.model import Side
from argmap.render.choices import Direction


class RenderError(ValueError):
    """A view that cannot be drawn (an unknown focus id, a side the focus is not on)."""


@dataclass(frozen=True, slots=True)
class DiagramOptions:
    """What to draw and how; the defaults draw the whole map, top to bottom, in full."""

    side: Side | None = None  # only this side's contentions, with everything under them
    focus: str | None = None  # only this node's subtree
    depth: int | None = None  # levels below the focus (or the contentions) to draw
    direction: Direction = Direction.TB
    titles_only: bool = False
    legend: bool = True
    ids: bool = False  # print each node's map id beside its debate code


@dataclass(frozen=True, slots=True)
class Page:
    """One diagram: the nodes it draws and, in an atlas, where the rest is drawn."""

    nodes: tuple[str, ...]  # in document order
    number: int = 1
    total: int = 1
    heading: str = ""  # the line under the title: which view, which page
    caption: str = ""  # short name for a PDF bookmark
    name: str = "diagram"  # file stem when pages are written to a folder
    up: int | None = None  # the page this one continues
    continued: Mapping[str, int] = field(default_factory=dict)  # node -> page with its children
    home: Mapping[str, int] = field(default_factory=dict)  # node -> page that draws it
    titles_only: bool | None = None  # None: as the options say
    legend: bool = True
    ids: bool = False  # print each node's map id beside its debate code
    stubs: bool = True  # draw cross-links to nodes off the page as small boxes
    direction: Direction | None = None  # None: as the options say
    roots: tuple[str, ...] = ()  # an atlas page: the subtrees it starts from
    recaps: frozenset[str] = frozenset()  # drawn in full on another page: a small box here
    key: bool = False  # the atlas's key page: no nodes, the marks of every page explained


def view_roots(graph: MapGraph, options: DiagramOptions) -> list[str]:
    """The tops of the view: the focus node, or the contentions of the chosen side."""
    if options.focus is not None:
        if options.focus not in graph.nodes:
            close = difflib.get_close_matches(options.focus, list(graph.nodes), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RenderError(f"no node '{options.focus}' in {graph.file}{hint}")
        focus = graph[options.focus]
        if options.side is not None and focus.side is not options.side:
            raise RenderError(f"node '{focus.id}' is on the {focus.side} side, not {options.side}")
        return [focus.id]
    return [r for r in graph.roots if options.side is None or graph[r].side is options.side]


def select_nodes(graph: MapGraph, options: DiagramOptions) -> list[str]:
    """The ids a view draws, in document order, down to `options.depth` levels."""
    if options.depth is not None and options.depth < 0:
        raise RenderError(f"depth must be 0 or more, not {options.depth}")
    selected: list[str] = []
    for root in view_roots(graph, options):
        limit = None if options.depth is None else graph[root].depth + options.depth
        stack = [root]
        while stack:
            node = graph[stack.pop()]
            selected.append(node.id)
            if limit is None or node.depth < limit:
                stack.extend(reversed([*node.premises, *node.rebuttals]))
    return selected


def describe_view(graph: MapGraph, options: DiagramOptions) -> str:
    """The heading of a single diagram: what the view leaves out, or nothing."""
    parts = []
    if options.side is not None:
        parts.append(f"{graph.side_label(options.side)} ({options.side}) only")
    if options.focus is not None:
        parts.append(f"the case under {options.focus}")
    if options.depth is not None:
        parts.append(f"{options.depth} level{'s' * (options.depth != 1)} deep")
    if options.titles_only:
        parts.append("titles only")
    return " \u00b7 ".join(parts)
