"""The outline atlas: pages placed by argmap, drawn by Graphviz where they were placed.

Checked in Graphviz's own output (SVG, PDF): boxes that never overlap or leave the
page, lines that end on what they point to, every node in full once, pages packed."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings

from argmap.analysis import statuses
from argmap.graph import MapGraph
from argmap.model import Attack
from argmap.render import DiagramOptions, Format, RenderSettings, render_map
from argmap.render.choices import Layout, Paper
from argmap.render.outline import plan_outline
from argmap.render.output import PLACED, _layout_all, draw_file, measure_boxes
from argmap.validate import load_map_text
from conftest import MAPS, ROOT
from mapgen import maps
from render_support import fixture_graph, graph_of

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_map

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y down, as the SVG draws it)


def synthetic(nodes: int) -> MapGraph:
    result = load_map_text(yaml.safe_dump(generate_map(nodes), sort_keys=False))
    assert result.graph is not None
    return result.graph


def shipped(stem: str) -> MapGraph:
    [path] = [p for p in MAPS if p.stem == stem]
    return graph_of(path)


def outline_svgs(graph: MapGraph, paper: Paper = Paper.A4) -> list[ET.Element]:
    """Each page of the graph's outline atlas as Graphviz draws it (SVG)."""
    planned = plan_outline(
        graph, DiagramOptions(), paper, statuses(graph), measure_boxes, lambda pages: None
    )
    return [ET.fromstring(data) for data in _layout_all(planned.dots, "svg", PLACED)]


def _extent(shapes: Iterable[ET.Element]) -> Box | None:
    """The bounding box of shapes (a node's, an arrowhead), in the SVG's coordinates."""
    numbers: list[float] = []
    for shape in shapes:
        if shape.tag in (f"{SVG}polygon", f"{SVG}polyline"):
            numbers += [float(v) for v in re.split(r"[ ,]+", shape.get("points", "").strip())]
        elif shape.tag == f"{SVG}path":
            numbers += [float(v) for v in re.findall(r"-?[\d.]+", shape.get("d", ""))]
    if not numbers:
        return None
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def boxes(page: ET.Element) -> dict[str, Box]:
    """The boxes a page draws (full nodes, recalls, linked nodes), by their DOT names."""
    found = {}
    for group in page.iter(f"{SVG}g"):
        name = group.findtext(f"{SVG}title") or ""
        if group.get("class") != "node" or name.startswith(("corner|", "heading")):
            continue
        if name.endswith("|joint"):
            continue
        extent = _extent(list(group))
        if extent is not None:
            found[name] = extent
    return found


def lines(page: ET.Element) -> dict[str, ET.Element]:
    return {
        g.findtext(f"{SVG}title") or "": g for g in page.iter(f"{SVG}g") if g.get("class") == "edge"
    }


def _near(a: Box, b: Box, slack: float) -> bool:
    """Whether two boxes overlap, or come within `slack` of each other (negative: overlap
    by more than -`slack`)."""
    across = a[0] <= b[2] + slack and b[0] <= a[2] + slack
    return across and a[1] <= b[3] + slack and b[1] <= a[3] + slack


SHIPPED = ["guerrilla-wars-to-victory-parades", "school-uniforms"]


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=["A4", "letter"])
@pytest.mark.parametrize(
    ("stem", "most"), [("guerrilla-wars-to-victory-parades", 10), ("school-uniforms", 2)]
)
def test_the_shipped_maps_print_in_few_pages(
    stem: str, most: int, paper: Paper, tmp_path: Path
) -> None:
    """The page counts issue 13 asked for, at reading size (checked in test_render_atlas)."""
    graph = shipped(stem)
    pages, _ = render_map(
        graph, tmp_path / "m.pdf", Format.PDF, settings=RenderSettings(paper=paper)
    )
    assert 1 < len(pages) <= most
    assert sorted(n for p in pages for n in p.nodes) == sorted(graph.nodes)


@pytest.mark.parametrize(
    "graph",
    [shipped(s) for s in SHIPPED] + [fixture_graph("four-day-week"), synthetic(300)],
    ids=[*SHIPPED, "four-day-week", "synthetic-300"],
)
def test_boxes_never_overlap_and_lines_end_where_they_point(graph: MapGraph) -> None:
    for number, page in enumerate(outline_svgs(graph), start=1):
        width = float(page.get("width", "0pt").removesuffix("pt"))
        height = float(page.get("height", "0pt").removesuffix("pt"))
        placed = boxes(page)
        # Graphviz draws the SVG from y = -height up to 0: shift to the page
        shift = {n: (b[0], b[1] + height, b[2], b[3] + height) for n, b in placed.items()}
        for name, (x0, y0, x1, y1) in shift.items():
            assert min(x0, y0) >= -0.5 and x1 <= width + 0.5 and y1 <= height + 0.5, name
        ordered = sorted(shift.items(), key=lambda item: item[1][1])
        for i, (a, box_a) in enumerate(ordered):
            for b, box_b in ordered[i + 1 :]:
                if box_b[1] >= box_a[3]:
                    break  # sorted by top: nothing further down can overlap `a`
                assert not _near(box_a, box_b, -0.5), (number, a, b)
        drawn = lines(page)
        assert drawn or len(placed) < 2
        for title, group in drawn.items():
            tail, head = title.split("->")
            arrows = [s for s in group if s.tag == f"{SVG}polygon" and s.get("stroke") != "none"]
            assert arrows, (number, title, "no visible arrowhead")
            tip = _extent(group.findall(f"{SVG}polygon")[-1:])
            assert tip is not None
            target = placed[head]
            node = graph[tail.split("|")[0]]
            undercut = (  # an undercut of a step (not the link of a node elsewhere)
                "|link" not in tail
                and node.attack is Attack.UNDERCUT
                and graph[head.split("|")[0]].parent is not None
            )
            if undercut:
                # it ends on the line into its target's box, left of the box, at mid-height
                middle = (target[1] + target[3]) / 2
                assert tip[2] <= target[0] + 0.5 and tip[0] >= target[0] - 12, (number, title)
                assert tip[1] - 1 <= middle <= tip[3] + 4, (number, title)
            else:
                assert _near(tip, target, 1.0), (number, title, tip, target)


def test_every_node_is_drawn_in_full_once_and_continued_columns_recall_their_ancestors() -> None:
    graph = synthetic(300)
    full: list[str] = []
    for page in outline_svgs(graph):
        names = boxes(page)
        names.pop("key", None)
        full += [n for n in names if "|" not in n]
        pairs = [tuple(t.split("->")) for t in lines(page)]
        for name in names:  # every box whose parent is in the view hangs from it here
            node = graph[name.split("|")[0]]
            if "|" in name or node.parent is None:
                continue
            assert [t for t, h in pairs if t == name and h.split("|")[0] == node.parent], name
    assert sorted(full) == sorted(graph.nodes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_no_internal_name_or_markup_reaches_an_outline(text: str) -> None:
    result = load_map_text(text)
    assume(result.graph is not None and len(result.graph) > 1)
    assert result.graph is not None
    for page in outline_svgs(result.graph):
        texts = ["".join(t.itertext()) for t in page.iter(f"{SVG}text")]
        assert not [t for t in texts if "|" in t or "<" in t]


def test_the_outline_is_the_default_atlas_and_tree_stays_a_choice(tmp_path: Path) -> None:
    graph = fixture_graph("four-day-week")
    outline, _ = render_map(graph, tmp_path / "o.pdf", Format.PDF)
    tree, _ = render_map(
        graph, tmp_path / "t.pdf", Format.PDF, settings=RenderSettings(layout=Layout.TREE)
    )
    assert "Overview" in tree[0].heading and "Overview" not in outline[0].heading
    assert len(outline) < len(tree)


def test_a_box_taller_than_a_column_is_named_not_hidden(tmp_path: Path) -> None:
    """A pasted page of text cannot print at 8 pt in one box: `render` says which page."""
    claims = [
        {
            "id": f"C{i}",
            "side": "pro",
            "text": f"Contention {i}, at some length to fill the page.",
            "premises": [
                {"text": f"Reason {j} of contention {i}, also at some length."} for j in range(4)
            ],
        }
        for i in range(6)
    ]
    claims[2]["text"] = "A pasted paragraph. " + " ".join(f"word{i}" for i in range(2500))
    path = tmp_path / "huge.yaml"
    path.write_text(yaml.safe_dump({"argmap": 1, "title": "Huge", "claims": claims}))
    drawn = draw_file(path, tmp_path / "huge.pdf", Format.PDF, DiagramOptions())
    assert drawn.small and drawn.pages > 1
    assert f"page {drawn.small[0]} prints below 8 pt" in drawn.summary
