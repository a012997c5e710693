"""One served map: read, checked, analysed and drawn, keeping the last good drawing.

`reload()` runs after every save. A save that does not validate keeps the previous
graph and drawings, so the page can show the new diagnostics over the last good
diagram. Drawings are made on request, once per view and version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.analysis import analyse
from argmap.analysis.checks import run_checks
from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.graph import MapGraph
from argmap.render import GraphvizError, RenderError, diagram_svg
from argmap.serve.details import editor_link, node_details, node_lines
from argmap.validate import load_map


@dataclass
class _Good:
    """What the last save that validated produced."""

    graph: MapGraph
    lines: dict[str, int]  # node id -> line in the file
    details: dict[str, dict[str, Any]]
    statuses: dict[str, Any]
    drawings: dict[str, str] = field(default_factory=dict)  # view -> SVG


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
        self._lock = threading.Lock()  # reloads run in worker threads
        self.reload()

    def reload(self) -> None:
        """Read the file again (after a save)."""
        result = load_map(self.path)
        found = list(result.diagnostics)
        good = None
        if result.graph is not None and result.loaded is not None:
            graph, loaded = result.graph, result.loaded
            evaluation = analyse(graph)
            found += run_checks(graph, loaded.position, loaded.key_position, (), evaluation)
            lines = node_lines(graph, loaded)
            good = _Good(
                graph,
                lines,
                node_details(graph, evaluation, lines, self.path),
                {k: v.status for k, v in evaluation.verdicts.items()},
            )
        with self._lock:
            self.version += 1
            self.diagnostics = sort_diagnostics(found)
            if good is not None:
                self._good = good

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
        if view not in good.drawings:
            focus = view or None
            if focus is not None and focus not in good.graph.nodes:
                focus = None
            try:
                svg = diagram_svg(good.graph, focus=focus, statuses=good.statuses)
            except (GraphvizError, RenderError) as exc:
                return f"<p class='error'>{type(exc).__name__}</p>"
            good.drawings[view] = svg
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
