"""One served map: read, checked, analysed and drawn, keeping the last good drawing.

`reload()` runs after every save. A save that does not validate keeps the previous
graph and drawings, so the page can show the new diagnostics over the last good
diagram. The views a page has shown are drawn again during the reload, Graphviz
working in its own process while the analysis runs here; a view whose DOT text did
not change (an edit to notes, quotes or sources) is not laid out again.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.analysis import Status, analyse, statuses
from argmap.analysis.checks import run_checks
from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.graph import MapGraph
from argmap.render import GraphvizError, RenderError, diagram_dot, layout, svg_text
from argmap.serve.details import editor_link, node_details, node_lines
from argmap.validate import load_map


@dataclass
class _Good:
    """What the last save that validated produced."""

    graph: MapGraph
    lines: dict[str, int]  # node id -> line in the file
    details: dict[str, dict[str, Any]]
    statuses: Mapping[str, Status]
    drawings: dict[str, str]  # view -> SVG


def _node_at(lines: dict[str, int], line: int) -> str | None:
    """The node written last at or above `line`: where a diagnostic belongs."""
    above = [(node_line, node_id) for node_id, node_line in lines.items() if node_line <= line]
    return max(above)[1] if above else None


class ServedMap:
    """A map file as the live preview shows it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.version = 0
        self.diagnostics: list[Diagnostic] = []
        self._good: _Good | None = None
        self._shown: set[str] = {""}  # views pages have asked for: drawn on every save
        self._layouts: dict[str, str] = {}  # DOT text -> SVG, for the views shown
        self._lock = threading.Lock()  # reloads run in worker threads
        self.reload()

    def reload(self) -> None:
        """Read the file again (after a save)."""
        result = load_map(self.path)
        found = list(result.diagnostics)
        good = None
        if result.graph is not None and result.loaded is not None:
            graph, loaded = result.graph, result.loaded
            marks = statuses(graph)  # the analysis's labelling, without its strengths
            with ThreadPoolExecutor(1) as pool:
                drawn: dict[str, Future[str]] = {
                    view: pool.submit(self._draw, graph, view, marks) for view in self._shown
                }
                evaluation = analyse(graph)
                found += run_checks(graph, loaded.position, loaded.key_position, (), evaluation)
                lines = node_lines(graph, loaded)
                details = node_details(graph, evaluation, lines, self.path)
                drawings = {view: future.result() for view, future in drawn.items()}
            good = _Good(graph, lines, details, marks, drawings)
        with self._lock:
            self.version += 1
            self.diagnostics = sort_diagnostics(found)
            if good is not None:
                self._good = good
                self._layouts = {k: v for k, v in self._layouts.items() if v in drawings.values()}

    def _draw(self, graph: MapGraph, view: str, marks: Mapping[str, Status]) -> str:
        focus = view if view in graph.roots else None
        try:
            dot = diagram_dot(graph, focus=focus, statuses=marks)
            if dot not in self._layouts:
                self._layouts[dot] = svg_text(layout(dot, "svg"))
            return self._layouts[dot]
        except (GraphvizError, RenderError) as exc:
            return f"<p class='error'>{type(exc).__name__}</p>"

    @property
    def graph(self) -> MapGraph | None:
        """The last map that validated (what the briefs and drawings show)."""
        return self._good.graph if self._good else None

    @property
    def valid(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def views(self) -> list[dict[str, str]]:
        """The whole map, then each contention (a root claim) on its own."""
        if self._good is None:
            return [{"id": "", "label": "Whole map"}]
        graph = self._good.graph
        return [{"id": "", "label": "Whole map"}] + [
            {"id": r, "label": f"{graph.codes.get(r, r)} {graph[r].label}"} for r in graph.roots
        ]

    def drawing(self, view: str) -> str:
        """The SVG of a view (all, or one contention) of the last good map."""
        good = self._good
        if good is None:
            return ""
        if view not in good.graph.roots:
            view = ""  # the whole map, for any view that is not a contention
        if view not in good.drawings:
            self._shown.add(view)
            good.drawings[view] = self._draw(good.graph, view, good.statuses)
        return good.drawings[view]

    def state(self, view: str) -> dict[str, Any]:
        """All the page needs after a save: drawing, node details, diagnostics."""
        with self._lock:
            good, diagnostics, version = self._good, list(self.diagnostics), self.version
        return {
            "map": self.name,
            "version": version,
            "valid": self.valid,
            "stale": not self.valid and good is not None,
            "svg": self.drawing(view),
            "views": self.views(),
            "nodes": good.details if good else {},
            "diagnostics": [
                {
                    "text": str(d),
                    "severity": str(d.severity),
                    "code": d.code,
                    "message": d.message,
                    "line": d.line,
                    "place": f"{self.name}:{d.line}:{d.col}",
                    "node": _node_at(good.lines, d.line) if good else None,
                    "link": editor_link(self.path, d.line),
                }
                for d in diagnostics
            ],
        }
