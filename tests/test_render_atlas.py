"""The atlas: big maps split into pages that fit the paper and refer to each other."""

from __future__ import annotations

import sys

import pytest
import yaml

from argmap.graph import MapGraph
from argmap.render import DiagramOptions, Direction, Page, RenderSettings, plan_pages
from argmap.render.choices import Paper
from argmap.render.size import MIN_SCALE, Look, Sizer
from argmap.render.view import select_nodes
from argmap.validate import load_map_text
from conftest import MAPS, ROOT
from render_support import fixture_graph

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_map


def synthetic(nodes: int) -> MapGraph:
    result = load_map_text(yaml.safe_dump(generate_map(nodes), sort_keys=False))
    assert result.graph is not None
    return result.graph


def thesis_map() -> MapGraph:
    """A thesis in two halves, six contentions each supporting one half, three reasons each."""
    thesis = {
        "id": "T",
        "side": "pro",
        "text": "The thesis.",
        "premises": [{"id": "H1", "text": "Half one."}, {"id": "H2", "text": "Half two."}],
    }
    contentions = [
        {
            "id": f"C{i}",
            "side": "pro",
            "supports": [f"H{i % 2 + 1}"],
            "text": f"Contention {i}.",
            "premises": [
                {"text": f"Reason {j} of contention {i}, at some length."} for j in range(3)
            ],
        }
        for i in range(6)
    ]
    data = {"argmap": 1, "title": "Thesis", "claims": [thesis, *contentions]}
    result = load_map_text(yaml.safe_dump(data, sort_keys=False))
    assert result.graph is not None, result.diagnostics
    return result.graph


def graphs() -> list[tuple[str, MapGraph]]:
    found = [
        ("four-day-week", fixture_graph("four-day-week")),
        ("thesis", thesis_map()),
        ("synthetic-300", synthetic(300)),
    ]
    for path in MAPS:
        result = load_map_text(path.read_text(encoding="utf-8"), str(path))
        assert result.graph is not None
        found.append((path.stem, result.graph))
    return found


def children(graph: MapGraph, node_id: str) -> list[str]:
    return [c.id for c in graph.children(node_id)]


@pytest.mark.parametrize(("name", "graph"), graphs(), ids=[n for n, _ in graphs()])
@pytest.mark.parametrize("titles_only", [False, True])
def test_atlas_pages_cover_the_map_and_refer_to_each_other(
    name: str, graph: MapGraph, titles_only: bool
) -> None:
    options = DiagramOptions(titles_only=titles_only)
    pages = plan_pages(graph, options, RenderSettings(atlas=True))
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert all(p.total == len(pages) for p in pages)
    assert len({p.name for p in pages}) == len(pages)
    overview, rest = pages[0], pages[1:]
    assert overview.legend and overview.titles_only and not overview.stubs
    assert set(graph.roots) <= set(overview.nodes)
    for edge in graph.edges:  # what a contention supports is on the overview with it
        if (
            edge.cross_link
            and graph[edge.source].parent is None
            and edge.relation.value == "support"
        ):
            assert edge.target in overview.nodes
    assert not any(p.legend for p in rest)

    drawn = [n for p in pages for n in p.nodes]
    assert set(drawn) == set(graph.nodes)
    assert all(len(set(p.nodes)) == len(p.nodes) for p in pages)
    by_number = {p.number: p for p in pages}
    for page in pages:
        for node_id, target in page.continued.items():
            shown = set(by_number[target].nodes)
            assert node_id in shown and set(children(graph, node_id)) <= shown
        if page.up is not None:  # a packed page shares a node with the page it continues
            assert set(page.nodes) & set(by_number[page.up].nodes)
        for node_id in page.nodes:  # a node whose children are missing says where they are
            if not set(children(graph, node_id)) <= set(page.nodes):
                assert node_id in page.continued, (page.number, node_id)
    for node in graph:
        if node.premises or node.rebuttals:
            assert any(
                node.id in p.nodes and set(children(graph, node.id)) <= set(p.nodes) for p in pages
            ), node.id


@pytest.mark.parametrize(("name", "graph"), graphs(), ids=[n for n, _ in graphs()])
def test_atlas_pages_fit_the_paper_unless_one_level_is_already_too_wide(
    name: str, graph: MapGraph
) -> None:
    sizer = Sizer(graph, Paper.A4)
    for page in plan_pages(graph, DiagramOptions(), RenderSettings(atlas=True))[1:]:
        look = Look(page.direction or DiagramOptions().direction, False, False, True)
        if sizer.scale(page.nodes, look) >= MIN_SCALE and len(page.nodes) <= 40:
            continue
        top = page.nodes[0]  # the least a page shows: one node and its children
        assert set(page.nodes) == {top, *children(graph, top)}, page.number


def test_small_views_stay_whole_and_big_ones_split() -> None:
    graph = fixture_graph("four-day-week")
    assert len(plan_pages(graph, DiagramOptions(focus="O1"))) == 1
    assert len(plan_pages(graph, DiagramOptions())) > 1  # 26 nodes in full text: not on A4
    assert len(plan_pages(graph, DiagramOptions(), RenderSettings(atlas=False))) == 1
    big = synthetic(1000)
    pages = plan_pages(big, DiagramOptions(), RenderSettings(max_nodes=25))
    assert all(
        len(p.nodes) <= 25 for p in pages[1:] if len(p.nodes) > 1 + len(children(big, p.nodes[0]))
    )


def test_the_plan_is_deterministic() -> None:
    graph = synthetic(300)
    first: list[Page] = plan_pages(graph, DiagramOptions())
    assert first == plan_pages(graph, DiagramOptions())


def test_the_estimate_follows_the_nodes_drawn() -> None:
    graph = fixture_graph("four-day-week")
    sizer = Sizer(graph)
    nodes = select_nodes(graph, DiagramOptions())
    wide = sizer.extent(nodes, Look())
    narrow = sizer.extent(nodes[:5], Look())
    assert wide[0] > narrow[0]
    assert sizer.extent(nodes, Look()) != sizer.extent(nodes, Look(direction=Direction.LR))
    assert sizer.extent(nodes, Look(titles_only=True))[1] < sizer.extent(nodes, Look())[1]
    assert sizer.extent(nodes, Look(legend=True))[1] > sizer.extent(nodes, Look())[1]


def leaves_map(count: int) -> MapGraph:
    """Contentions with nothing under them (issue 18), and one with a reason."""
    claims = [{"id": f"C{i}", "side": "pro", "text": f"Contention {i}."} for i in range(count)]
    claims[0]["premises"] = [{"text": "A reason."}]
    data = {"argmap": 1, "title": "Leaves", "claims": claims}
    result = load_map_text(yaml.safe_dump(data, sort_keys=False))
    assert result.graph is not None, result.diagnostics
    return result.graph


def test_every_contention_is_drawn_in_full_even_with_no_children() -> None:
    graph = leaves_map(6)
    settings = RenderSettings(atlas=True)
    pages = plan_pages(graph, DiagramOptions(), settings)
    full = [n for p in pages[1:] for n in p.nodes]
    assert sorted(full) == sorted(graph.nodes)  # each in full once, after the overview
    assert pages[0].titles_only and not any(p.titles_only for p in pages[1:])
    # small contentions share one page rather than one sheet each
    assert len(pages) == 2
    assert "P1, P2" in pages[1].heading and "continued" not in pages[1].heading  # codes


@pytest.mark.parametrize("nodes", [300])
def test_packed_pages_still_print_at_reading_size(nodes: int) -> None:
    graph = synthetic(nodes)
    sizer = Sizer(graph, Paper.A4)
    pages = plan_pages(graph, DiagramOptions(), RenderSettings(atlas=True))
    for page in pages[1:]:
        look = Look(direction=page.direction or Direction.TB)
        roots = [n for n in page.nodes if graph[n].parent not in page.nodes]
        if len(roots) > 1:  # a shared page is only made of subtrees that fit together
            assert sizer.scale(list(page.nodes), look) >= MIN_SCALE, page.heading
    # packing: far fewer pages than subtrees drawn
    assert len(pages) <= nodes / 8  # unpacked: one page per ~5 nodes
