"""JSON: the resolved map, argmap's machine-readable output.

Everything the tree implies is spelled out: every node with its id (generated or
written), role, side, parent, depth and resolved attack kind; every relation as an
edge, tree edges and cross-links alike; sources with their "Author Year" labels.
The shape is documented in docs/interchange.md and versioned by `"shape"`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.analysis import Verdict
from argmap.graph import MapGraph, MapNode, source_label

SHAPE_VERSION = 1


def export_map(
    graph: MapGraph, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[str, list[str]]:
    """The resolved map as JSON; nothing is dropped, so there are no warnings."""
    argmap = graph.map
    document: dict[str, Any] = {
        "shape": SHAPE_VERSION,
        "format_version": argmap.argmap,
        "title": argmap.title,
        "motion": argmap.motion,
        "format": argmap.format.value,
        "sides": argmap.sides.model_dump(),
        "source": argmap.source.model_dump(exclude_none=True) if argmap.source else None,
        "sources": {
            key: {"label": source_label(s), **s.model_dump(exclude_none=True)}
            for key, s in argmap.sources.items()
        },
        "roots": list(graph.roots),
        "nodes": [_node(graph, m, verdicts) for m in graph],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "relation": e.relation.value,
                "attack": e.attack.value if e.attack else None,
                "group": e.group,
                "cross_link": e.cross_link,
            }
            for e in graph.edges
        ],
        "expect": argmap.expect.model_dump() if argmap.expect else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n", []


def _node(
    graph: MapGraph, mapped: MapNode, verdicts: Mapping[str, Verdict] | None
) -> dict[str, Any]:
    node = mapped.node
    out: dict[str, Any] = {
        "id": mapped.id,
        "explicit_id": mapped.explicit_id,
        "role": mapped.role.value,
        "side": mapped.side.value,
        "side_label": graph.side_label(mapped.side),
        "parent": mapped.parent,
        "depth": mapped.depth,
        "attack": mapped.attack.value if mapped.attack else None,
        "title": node.title,
        "text": node.text,
        "label": mapped.label,
        "premises": list(mapped.premises),
        "rebuttals": list(mapped.rebuttals),
        "turn": node.turn,
        "group": node.group,
        "implicit": node.implicit,
        "analytic": node.analytic,
        "scheme": node.scheme,
        "cq": node.cq,
        "strength": node.strength,
        "impact": node.impact.model_dump(exclude_none=True) if node.impact else None,
        "evidence": [
            {
                "source": card.source,
                "label": source_label(graph.map.sources[card.source]),
                **card.model_dump(exclude_none=True, exclude={"source"}),
            }
            for card in node.evidence
        ],
        "tags": list(node.tags),
        "notes": node.notes,
        "order": list(node.order),
    }
    if verdicts is not None and mapped.id in verdicts:
        verdict = verdicts[mapped.id]
        out["status"] = {
            "status": verdict.status.value,
            "glyph": verdict.status.glyph,
            "reason": verdict.reason,
            "strength": verdict.strength,
        }
    return out
