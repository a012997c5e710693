"""Helpers for the diagram tests: DOT read back by Graphviz's own parser, label text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from argmap.graph import MapGraph
from argmap.validate import load_map

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_graph(name: str) -> MapGraph:
    return graph_of(FIXTURES / f"{name}.yaml")


def graph_of(path: Path) -> MapGraph:
    result = load_map(path)
    assert result.graph is not None, [str(d) for d in result.diagnostics]
    return result.graph


@dataclass
class ParsedDot:
    """A DOT graph as Graphviz parsed it: attributes by node name, edges, clusters."""

    attrs: dict[str, str]
    nodes: dict[str, dict[str, str]]
    edges: list[tuple[str, str, dict[str, str]]]
    clusters: dict[str, set[str]] = field(default_factory=dict)

    def edges_between(self, tail: str, head: str) -> list[dict[str, str]]:
        return [a for t, h, a in self.edges if (t, h) == (tail, head)]

    def touching(self, name: str) -> list[tuple[str, str, dict[str, str]]]:
        return [e for e in self.edges if name in (e[0], e[1])]


def parse_dot(dot: str) -> ParsedDot:
    """Parse DOT text with Graphviz (`-Tdot_json`), which fails on any syntax error."""
    data = json.loads(graphviz.pipe("dot", "dot_json", dot.encode("utf-8"), quiet=True))
    objects = data.get("objects", [])
    by_gvid: dict[int, str] = {}
    nodes: dict[str, dict[str, str]] = {}
    clusters: dict[str, set[str]] = {}
    for obj in objects:
        if "nodes" in obj and obj["name"].startswith("cluster"):
            continue
        by_gvid[obj["_gvid"]] = obj["name"]
        nodes[obj["name"]] = {k: v for k, v in obj.items() if isinstance(v, str)}
    for obj in objects:
        if "nodes" in obj and obj["name"].startswith("cluster"):
            clusters[obj["name"]] = {by_gvid[i] for i in obj["nodes"]}
    edges = [
        (by_gvid[e["tail"]], by_gvid[e["head"]], {k: v for k, v in e.items() if isinstance(v, str)})
        for e in data.get("edges", [])
    ]
    graph_attrs = {k: v for k, v in data.items() if isinstance(v, str)}
    return ParsedDot(graph_attrs, nodes, edges, clusters)


def label_text(label: str) -> str:
    """What an HTML-like label displays: its text, with Graphviz's backslash escape undone
    (a line break reads as a space)."""
    root = ET.fromstring(f"<label>{label.replace('<BR/>', ' <BR/>')}</label>")
    text = "".join(root.itertext())
    return text.replace("\\\\", "\\")


def label_lines(label: str) -> list[str]:
    """The text of an HTML-like label, one string per cell (lines joined by spaces)."""
    root = ET.fromstring(f"<label>{label}</label>")
    cells = []
    for cell in root.iter("TD"):
        parts = []
        for piece in cell.iter():
            if piece.tag == "BR":
                parts.append(" ")
            if piece.text and piece.tag not in ("TABLE", "TR"):
                parts.append(piece.text)
            if piece.tail and piece is not cell:
                parts.append(piece.tail)
        cells.append("".join(parts).replace("\\\\", "\\"))
    return cells


def svg_texts(svg: str) -> str:
    """All text an SVG shows, one `<text>` element per line."""
    root = ET.fromstring(svg)
    return "\n".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
