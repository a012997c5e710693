"""The atlas: big maps split into pages that fit the paper and refer to each other."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from argmap.analysis import statuses
from argmap.graph import MapGraph
from argmap.render import DiagramOptions, Direction, Format, Page, RenderSettings, plan_pages
from argmap.render.choices import Layout, Paper
from argmap.render.output import measurer, render_map
from argmap.render.size import MIN_SCALE, Look, Sizer
from argmap.render.view import select_nodes
from argmap.validate import load_map_text
from conftest import MAPS, ROOT
from pdf_support import printed_sizes
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
    keys = [p for p in pages if p.key]
    drawings = [p for p in pages if not p.key]
    overview, rest = drawings[0], drawings[1:]
    # the key: under the overview, or on a last page of its own; on no other page
    assert (overview.legend and not keys) or (keys == [pages[-1]] and not overview.legend)
    assert not any(p.legend for p in rest)
    assert overview.titles_only and not overview.stubs
    assert set(graph.roots) <= set(overview.nodes)
    for edge in graph.edges:  # what a contention supports is on the overview with it
        if (
            edge.cross_link
            and graph[edge.source].parent is None
            and edge.relation.value == "support"
        ):
            assert edge.target in overview.nodes

    # every node drawn in full exactly once after the overview; elsewhere a small box
    full = [n for p in rest for n in p.nodes if n not in p.recaps]
    assert sorted(full) == sorted(graph.nodes)
    assert all(len(set(p.nodes)) == len(p.nodes) for p in pages)
    by_number = {p.number: p for p in pages}
    for page in drawings:
        for node_id, target in page.continued.items():  # "continued on p. N" shows a child
            missing = set(children(graph, node_id)) - set(page.nodes)
            assert missing & set(by_number[target].nodes), (page.number, node_id)
        for node_id in page.nodes:  # a node whose children are missing says where they are
            if not set(children(graph, node_id)) <= set(page.nodes):
                assert node_id in page.continued, (page.number, node_id)
        if page.up is not None and page.up != 1:  # it goes on from where its tops hang
            above = set(by_number[page.up].nodes)
            assert any(r in above or graph[r].parent in above for r in page.roots)
        for node_id in page.recaps:  # a small box recalls a node drawn in full elsewhere
            assert page.home[node_id] != page.number


@pytest.mark.parametrize("layout", list(Layout), ids=[str(layout) for layout in Layout])
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=["A4", "letter"])
@pytest.mark.parametrize(("name", "graph"), graphs(), ids=[n for n, _ in graphs()])
def test_every_word_of_a_pdf_atlas_prints_at_reading_size(
    name: str, graph: MapGraph, paper: Paper, layout: Layout, tmp_path: Path
) -> None:
    """Body text (10 pt) at 8 pt or more, codes and labels (9 pt) at 7.2 pt or more."""
    pdf = tmp_path / f"{name}.pdf"
    settings = RenderSettings(paper=paper, layout=layout)
    pages, _ = render_map(graph, pdf, Format.PDF, DiagramOptions(), settings, statuses(graph))
    sizes = printed_sizes(pdf)
    assert {number for number, _, _ in sizes} == set(range(1, len(pages) + 1))
    # every node in full once (a tree atlas: after its overview), recalled elsewhere
    drawn = pages[1:] if layout is Layout.TREE else pages
    full = [n for p in drawn for n in p.nodes if n not in p.recaps]
    assert sorted(full) == sorted(graph.nodes)
    assert all(p.home[n] != p.number for p in pages for n in p.recaps)
    # the smallest type drawn is 9 pt: at MIN_SCALE or larger it prints at 7.2 pt and
    # the 10 pt body text at 8 pt
    small = [(number, round(size, 2), text) for number, size, text in sizes if size < 7.19]
    assert not small, small[:5]


def test_small_views_stay_whole_and_big_ones_split() -> None:
    graph = fixture_graph("four-day-week")
    measure = measurer(graph, DiagramOptions(focus="G2"), None)
    assert len(plan_pages(graph, DiagramOptions(focus="G2"), RenderSettings(), measure)) == 1
    assert len(plan_pages(graph, DiagramOptions())) > 1  # 26 nodes in full text: not on A4
    assert len(plan_pages(graph, DiagramOptions(), RenderSettings(atlas=False))) == 1
    big = synthetic(1000)
    pages = plan_pages(big, DiagramOptions(), RenderSettings(max_nodes=25))
    assert all(len(p.nodes) <= 25 for p in pages[1:])


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
    # small contentions share one page rather than one sheet each (the key has its own)
    assert len([p for p in pages if not p.key]) == 2
    assert "P1, P2" in pages[1].heading and "continued" not in pages[1].heading  # codes


def test_a_synthetic_atlas_is_checked_against_graphviz_and_packed() -> None:
    """Every page Graphviz lays out prints at `MIN_SCALE` or larger unless it holds only
    the least a page can (one node and one child); pages share small subtrees."""
    graph = synthetic(300)
    measure = measurer(graph, DiagramOptions(), None)
    pages = plan_pages(graph, DiagramOptions(), RenderSettings(), measure)
    sizer = Sizer(graph, Paper.A4)
    for page, size in zip(pages, measure(pages), strict=True):
        if size is not None and len(page.nodes) > len(page.roots) + 1:
            assert sizer.fit(size) >= MIN_SCALE, page.heading
    assert any(len(p.roots) > 1 for p in pages)  # packed: pages that hold several subtrees
    assert len(pages) <= 300 / 5
