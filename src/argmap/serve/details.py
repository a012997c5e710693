"""What the page shows when a node is clicked, as plain data for JSON.

Everything here is text for the browser to put in the page with `textContent`: the
page never parses map text as HTML, so nothing needs escaping on this side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from argmap.analysis import Evaluation, Verdict
from argmap.graph import Edge, MapGraph, MapNode, Relation, source_labels
from argmap.load import LoadedYaml
from argmap.quotes import runs
from argmap.words import attack_words


def editor_link(file: Path, line: int) -> str:
    """A link that opens the file at `line` in VS Code (and editors that take its scheme)."""
    return f"vscode://file{quote(str(file.resolve()))}:{line}"


def node_lines(graph: MapGraph, loaded: LoadedYaml) -> dict[str, int]:
    """The line where each node is written."""
    return {n.id: loaded.position(n.path).line for n in graph}


def _short(graph: MapGraph, node: MapNode) -> dict[str, str]:
    return {"id": node.id, "code": graph.codes.get(node.id, node.id), "label": node.label}


def _attacks_on(graph: MapGraph, node_id: str) -> list[Edge]:
    return graph.edges_into(node_id, Relation.ATTACK)


def _reason(verdict: Verdict) -> str:
    """The reason without the status word it starts with (the page prints that already)."""
    head = f"{verdict.status}: "
    return verdict.reason.removeprefix(head)


def node_details(
    graph: MapGraph, evaluation: Evaluation, lines: dict[str, int], file: Path
) -> dict[str, dict[str, Any]]:
    """The details of every node, by id."""
    labels = source_labels(graph.map)
    details: dict[str, dict[str, Any]] = {}
    for node in graph:
        verdict = evaluation.verdicts.get(node.id)
        line = lines.get(node.id, 1)
        attacks = []
        for edge in _attacks_on(graph, node.id):
            attacker = graph[edge.source]
            words = attack_words(
                edge.attack, turn=attacker.node.turn, on_evidence=bool(node.node.evidence)
            )
            answers = [_short(graph, graph[e.source]) for e in _attacks_on(graph, attacker.id)]
            attacks.append({**_short(graph, attacker), "words": words, "answers": answers})
        details[node.id] = {
            **_short(graph, node),
            "title": node.node.title or "",
            "text": node.text,
            "side": graph.side_label(node.side),
            "role": str(node.role),
            "status": str(verdict.status) if verdict else "",
            "glyph": verdict.status.glyph if verdict else "",
            "reason": _reason(verdict) if verdict else "",
            "strength": verdict.strength if verdict else None,
            "cards": [
                {
                    "cite": labels.get(card.source, card.source),
                    "locator": card.locator or "",
                    "quote": [[run.text, run.read] for run in runs(card.quote or "")],
                }
                for card in node.node.evidence
            ],
            "attacks": attacks,
            "place": f"{file.name}:{line}",
            "link": editor_link(file, line),
        }
    return details
