"""DOT output: read back by Graphviz's parser and checked for structure and styles."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import graphviz
import pytest
from hypothesis import HealthCheck, assume, given, settings

from argmap.analysis import Status
from argmap.graph import Relation
from argmap.model import Attack, Side
from argmap.render import DiagramOptions, Page, RenderError, build_dot
from argmap.render.dot import QUICK
from argmap.render.style import SIDE_FILL
from argmap.render.view import select_nodes
from argmap.validate import load_map_text
from conftest import graph_of
from mapgen import maps
from render_support import ParsedDot, fixture_graph, label_lines, label_text, parse_dot


def whole(name: str, options: DiagramOptions | None = None, **kw: object) -> tuple[str, object]:
    graph = fixture_graph(name)
    options = options or DiagramOptions()
    page = Page(tuple(select_nodes(graph, options)))
    return build_dot(graph, page, options, **kw), graph  # type: ignore[arg-type]


def test_every_node_is_drawn_once_with_its_side_fill_and_marker() -> None:
    dot, graph = whole("four-day-week")
    parsed = parse_dot(dot)
    for node in graph:  # type: ignore[attr-defined]
        attrs = parsed.nodes[node.id]
        assert attrs["id"] == f"argmap-{node.id}"
        assert attrs["fillcolor"] == SIDE_FILL[node.side]
        header = label_lines(attrs["label"])[0]
        assert header.startswith("PRO" if node.side is Side.PRO else "CON")
        code = graph.codes[node.id]  # type: ignore[attr-defined]
        assert code in header.split()  # one code system in print: the briefs' codes
        assert node.id == code or node.id not in header.split()
    assert SIDE_FILL[Side.PRO] != SIDE_FILL[Side.CON]


def test_map_ids_print_only_when_asked() -> None:
    dot, graph = whole("four-day-week", DiagramOptions(ids=True))
    parsed = parse_dot(dot)
    header = label_lines(parsed.nodes["G1.p1"]["label"])[0]
    assert graph.codes["G1.p1"] in header and "G1.p1" in header  # type: ignore[attr-defined]


def junction_above(parsed: ParsedDot, child: str) -> tuple[str, dict[str, str]]:
    """The junction point a node hangs from, and the edge from it."""
    [(junction, attrs)] = [
        (tail, attrs)
        for tail, head, attrs in parsed.edges
        if head == child and parsed.nodes[tail].get("shape") == "point"
    ]
    return junction, attrs


def test_supports_are_solid_and_attacks_dashed_with_their_kind() -> None:
    dot, graph = whole("four-day-week")
    parsed = parse_dot(dot)
    kinds: Counter[str] = Counter()
    for edge in graph.edges:  # type: ignore[attr-defined]
        if edge.cross_link:
            continue
        child, parent = edge.source, edge.target
        drawn = parsed.edges_between(parent, child)
        if not drawn:  # through a junction: the upper half carries the style
            junction, lower = junction_above(parsed, child)
            if edge.attack is Attack.UNDERCUT:
                drawn = [lower]
            else:
                assert lower["dir"] == "none"
                drawn = parsed.edges_between(parent, junction)
        [attrs] = drawn
        assert attrs["dir"] == "back"  # drawn parent -> child, arrow at the parent
        if edge.relation is Relation.SUPPORT:
            assert "style" not in attrs
            assert attrs["arrowtail"] == "normal"
        else:
            assert attrs["style"] == "dashed"
            assert attrs["arrowtail"] == "tee"
            kinds[label_text(attrs["label"])] += 1
    # in a debater's words (argmap.words), the formal term in the key
    assert set(kinds) <= {
        "not true",
        "their reason is false",
        "their evidence is bad",
        "does not follow",
        "turn",
    }
    assert {"not true", "does not follow"} <= set(kinds)


def test_an_undercut_hits_the_arrow_it_attacks() -> None:
    dot, _ = whole("four-day-week")
    parsed = parse_dot(dot)
    # G1.p1.r1 undercuts the support G1.p1 gives G1: a junction on that arrow.
    junction, to_undercut = junction_above(parsed, "G1.p1.r1")
    assert label_text(to_undercut["label"]) == "does not follow"
    assert parsed.edges_between("G1", junction)[0]["arrowtail"] == "normal"
    assert parsed.edges_between(junction, "G1.p1")[0]["dir"] == "none"
    # G1.r1.a1 undercuts the attack G1.r1 makes on G1: the junction is on a dashed line.
    junction, _ = junction_above(parsed, "G1.r1.a1")
    upper = parsed.edges_between("G1", junction)[0]
    assert upper["style"] == "dashed" and label_text(upper["label"]) == "not true"


def test_co_premises_are_one_linked_reason() -> None:
    dot, _ = whole("four-day-week")
    parsed = parse_dot(dot)
    groups = sorted(parsed.clusters.values(), key=sorted)
    assert groups == [{"G2.p1", "G2.p2"}, {"O2.p1", "O2.p2"}]
    for members, parent in ((("G2.p1", "G2.p2"), "G2"), (("O2.p1", "O2.p2"), "O2")):
        junctions = {junction_above(parsed, m)[0] for m in members}
        assert len(junctions) == 1  # both hang from one junction...
        [junction] = junctions
        assert len(parsed.edges_between(parent, junction)) == 1  # ...with one arrow up


def test_implicit_premises_are_dashed_and_italic() -> None:
    dot, graph = whole("four-day-week")
    parsed = parse_dot(dot)
    for node in graph:  # type: ignore[attr-defined]
        style = parsed.nodes[node.id]["style"].split(",")
        assert ("dashed" in style) is node.node.implicit
        assert ("<I>" in parsed.nodes[node.id]["label"]) is node.node.implicit


def test_evidence_shows_as_author_year() -> None:
    dot, _ = whole("four-day-week")
    parsed = parse_dot(dot)
    assert "Evidence: Thompson 2021" in label_lines(parsed.nodes["O1.p1"]["label"])
    assert "Evidence: RAND Corporation 2021" in label_lines(parsed.nodes["G1.p2"]["label"])
    assert not any("Evidence" in c for c in label_lines(parsed.nodes["G1"]["label"]))


def test_cross_links_are_double_lines_or_thick_lines_up() -> None:
    dot, _ = whole("four-day-week")
    parsed = parse_dot(dot)
    # G2 supports G1: a contention below the one it supports, so the link ranks it, as
    # one thick line pointing up (a reversed double line loses its arrow in Graphviz 2.43)
    [support] = parsed.edges_between("G1", "G2")
    assert support["dir"] == "back" and support["arrowtail"] == "onormal"
    assert ":" not in support["color"] and float(support["penwidth"]) > 2
    assert label_text(support["label"]) == "supports"
    assert not parsed.edges_between("G2", "G1")
    [attack] = parsed.edges_between("O2", "G2.p2")
    assert attack["constraint"] == "false" and ":invis:" in attack["color"]
    assert label_text(attack["label"]) in ("their reason is false", "their evidence is bad")
    [outweigh] = parsed.edges_between("O2", "G2")
    assert label_text(outweigh["label"]) == "outweighs" and outweigh["style"] == "dotted"


def test_the_legend_explains_what_is_drawn() -> None:
    dot, _ = whole("four-day-week")
    legend = label_text(parse_dot(dot).attrs["label"])
    for phrase in (
        "Government",
        "Opposition",
        "supports",
        "rebut",
        "undermine",
        "undercut",
        "cross-link",
        "co-premises",
        "implicit",
        "Author Year",
    ):
        assert phrase in legend, phrase
    assert "stands" not in legend  # no statuses, no status key
    assert "Key" not in label_text(
        parse_dot(whole("four-day-week", DiagramOptions(legend=False))[0]).attrs["label"]
    )


def test_status_marks_read_without_colour() -> None:
    statuses = {
        "O1": Status.CONTESTED,
        "O1.p1": Status.STANDS,
        "O1.p1.r1": Status.FALLS,
        "O1.w1": Status.UNSUPPORTED,
    }
    dot, _ = whole("four-day-week", statuses=statuses)
    parsed = parse_dot(dot)
    for node_id, status in statuses.items():
        header = label_lines(parsed.nodes[node_id]["label"])[:2]
        assert f"{status.glyph} {status.value}" in header
    assert parsed.nodes["O1.p1"]["penwidth"] == "3"
    assert parsed.nodes["O1"]["peripheries"] == "2"
    assert "diagonals" in parsed.nodes["O1.p1.r1"]["style"]
    assert "<S>" in parsed.nodes["O1.p1.r1"]["label"]
    assert "dotted" in parsed.nodes["O1.w1"]["style"]
    assert parsed.nodes["O2"]["penwidth"] == "1.2" and "\u2714" not in parsed.nodes["O2"]["label"]
    legend = label_text(parsed.attrs["label"])
    for status in Status:  # the key explains the marks drawn, and only those
        drawn = status in statuses.values()
        assert (f"{status.glyph} {status.value}" in legend) == drawn, status


def test_views_select_a_side_a_subtree_and_a_depth() -> None:
    graph = fixture_graph("four-day-week")
    con = select_nodes(graph, DiagramOptions(side=Side.CON))
    assert con[0] == "O1" and {graph[n].side for n in con if graph[n].parent is None} == {Side.CON}
    assert "G1" not in con and "O1.p1.r1" in con  # the other side's attacks stay
    assert select_nodes(graph, DiagramOptions(focus="G1", depth=1)) == [
        "G1",
        "G1.p1",
        "G1.p2",
        "G1.w1",
        "G1.r1",
    ]
    assert select_nodes(graph, DiagramOptions(depth=0)) == ["G1", "G2", "O1", "O2"]
    with pytest.raises(RenderError, match=r"did you mean 'G1\.r1'"):
        select_nodes(graph, DiagramOptions(focus="G1.r"))
    with pytest.raises(RenderError, match="con side"):
        select_nodes(graph, DiagramOptions(focus="O1", side=Side.PRO))


def test_a_cut_view_says_what_is_hidden_and_where_links_go() -> None:
    dot, _ = whole("four-day-week", DiagramOptions(focus="G2", depth=0))
    parsed = parse_dot(dot)
    assert "\u25b8 3 more below (not drawn)" in label_lines(parsed.nodes["G2"]["label"])
    # G2 supports G1, which is off this view: a small box stands in for it.
    stub = parsed.nodes["G1|elsewhere"]
    assert "GT (not in this view)" in label_text(stub["label"])  # G1 is the thesis, GT
    [up] = parsed.edges_between("G1|elsewhere", "G2")  # drawn from G2 up to the box
    assert up["dir"] == "back"


def test_titles_only_drops_the_text() -> None:
    def shown(options: DiagramOptions, node: str) -> str:
        return " ".join(
            label_lines(parse_dot(whole("four-day-week", options)[0]).nodes[node]["label"])
        )

    full, short = DiagramOptions(), DiagramOptions(titles_only=True)
    assert "Moving to four longer days" in shown(full, "G1")
    assert "A shorter week keeps teachers in the job" in shown(short, "G1")
    assert "Moving" not in shown(short, "G1")


def test_direction() -> None:
    from argmap.render import Direction

    assert (
        parse_dot(whole("four-day-week", DiagramOptions(direction=Direction.LR))[0]).attrs[
            "rankdir"
        ]
        == "LR"
    )


def test_dot_is_deterministic_across_processes() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests');"
        "from render_support import fixture_graph;"
        "from argmap.render import build_dot, Page, DiagramOptions;"
        "from argmap.render.view import select_nodes;"
        "g = fixture_graph('four-day-week');"
        "sys.stdout.write(build_dot(g, Page(tuple(select_nodes(g, DiagramOptions())))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs == {whole("four-day-week")[0]}


def test_a_large_diagram_puts_edge_labels_outside_the_layout() -> None:
    # Past QUICK nodes an edge `label` would add a rank per edge; `xlabel` costs none.
    rebuttals = "".join(f"      - text: Answer {i}.\n" for i in range(QUICK))
    graph = graph_of(
        f"argmap: 1\ntitle: T\nclaims:\n  - id: C\n    side: pro\n"
        f"    text: A claim.\n    rebuttals:\n{rebuttals}"
    )
    page = Page(tuple(graph.nodes))
    parsed = parse_dot(build_dot(graph, page, DiagramOptions()))
    edges = parsed.touching("C")
    assert len(edges) == QUICK
    assert all(attrs.get("xlabel") == "not true" and "label" not in attrs for _, _, attrs in edges)
    small = parse_dot(whole("four-day-week")[0])
    assert any(attrs.get("label") == "not true" for _, _, attrs in small.edges)


UNDERCUT_OF_UNDERCUT = """\
argmap: 1
title: Cuts
claims:
  - id: C
    side: pro
    text: The claim.
    premises:
      - id: P
        text: The premise.
        analytic: true
        rebuttals:
          - id: U
            text: That does not follow.
            attack: undercut
            analytic: true
            rebuttals:
              - id: A
                text: It does follow here.
                attack: undercut
                analytic: true
"""


def test_an_undercut_of_an_undercut_ends_on_that_undercut_s_line() -> None:
    graph = graph_of(UNDERCUT_OF_UNDERCUT)
    options = DiagramOptions()
    parsed = parse_dot(build_dot(graph, Page(tuple(select_nodes(graph, options))), options))
    assert all("id" in attrs for attrs in parsed.nodes.values()), "an undeclared node"
    cut_p, _ = junction_above(parsed, "P")  # the point on the line P -> C
    cut_u, _ = junction_above(parsed, "U")  # the point on U's line, which ends on cut_p
    assert junction_above(parsed, "A")[0] == cut_u  # A ends on U's line
    assert parsed.edges_between(cut_p, cut_u)
    assert parsed.edges_between("C", cut_p)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_no_internal_name_reaches_a_drawing(text: str) -> None:
    import xml.etree.ElementTree as ET

    result = load_map_text(text)
    assume(result.graph is not None)
    assert result.graph is not None
    options = DiagramOptions()
    dot = build_dot(result.graph, Page(tuple(select_nodes(result.graph, options))), options)
    parsed = parse_dot(dot)
    undeclared = [name for name, attrs in parsed.nodes.items() if "id" not in attrs]
    assert not undeclared  # Graphviz would draw each as a box named after it
    svg = ET.fromstring(graphviz.pipe("dot", "svg", dot.encode("utf-8"), quiet=True))
    texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert not [t for t in texts if "|" in t]


def test_every_edge_shows_its_direction_in_the_svg() -> None:
    """Each edge drawn with an arrow has its arrowhead (or tee) stroked in a visible colour."""
    import xml.etree.ElementTree as ET

    svg_ns = "{http://www.w3.org/2000/svg}"
    dot, _ = whole("four-day-week")
    arrowed = {
        f"{tail}->{head}"
        for tail, head, attrs in parse_dot(dot).edges
        if attrs.get("dir") != "none" and attrs.get("style") != "invis"
    }
    svg = ET.fromstring(graphviz.pipe("dot", "svg", dot.encode("utf-8"), quiet=True))
    drawn = {
        g.findtext(f"{svg_ns}title"): g for g in svg.iter(f"{svg_ns}g") if g.get("class") == "edge"
    }
    assert arrowed and arrowed <= drawn.keys()
    for title in arrowed:
        heads = [
            shape
            for shape in (
                *drawn[title].iter(f"{svg_ns}polygon"),
                *drawn[title].iter(f"{svg_ns}polyline"),
            )
            if shape.get("stroke") not in (None, "none", "transparent", "white")
        ]
        assert heads, f"{title}: no visible arrowhead"


def test_the_sides_print_apart_in_greyscale() -> None:
    """The header bands of PRO and CON differ by >= 40 of 255 once printed in grey."""
    import io

    from PIL import Image

    from argmap.render.style import SIDE_BAND

    dot, _ = whole("four-day-week")
    png = Image.open(io.BytesIO(graphviz.pipe("dot", "png", dot.encode("utf-8"), quiet=True)))
    rgb = png.convert("RGB")
    grey = png.convert("L")
    levels = {}
    for side, band in SIDE_BAND.items():
        colour = tuple(int(band[i : i + 2], 16) for i in (1, 3, 5))
        where = [xy for xy in _pixels(rgb) if rgb.getpixel(xy) == colour]
        assert len(where) > 100, f"no {side} header band drawn"
        levels[side] = sum(grey.getpixel(xy) for xy in where) / len(where)  # type: ignore[misc]
    assert abs(levels[Side.PRO] - levels[Side.CON]) >= 40, levels


def _pixels(image: object) -> list[tuple[int, int]]:
    width, height = image.size  # type: ignore[attr-defined]
    return [(x, y) for y in range(0, height, 2) for x in range(0, width, 2)]


def test_a_cut_node_is_drawn_granted_with_the_cut_on_its_line() -> None:
    # school-uniforms: U2.r1 is granted, but an undercut that holds cuts its link to U2
    from argmap.analysis.evaluation import statuses as evaluate_statuses
    from conftest import MAPS

    [path] = [p for p in MAPS if p.stem == "school-uniforms"]
    graph = load_map_text(path.read_text(encoding="utf-8"), str(path)).graph
    assert graph is not None
    found = evaluate_statuses(graph)
    cut = [n for n, s in found.items() if s is Status.CUT]
    assert cut
    options = DiagramOptions()
    page = Page(tuple(select_nodes(graph, options)))
    parsed = parse_dot(build_dot(graph, page, options, found))
    for node_id in cut:
        attrs = parsed.nodes[node_id]
        assert "<S>" not in attrs["label"] and "diagonals" not in attrs["style"]  # not false
        assert attrs["penwidth"] == "3"  # granted, like a node that stands
        parent = graph[node_id].parent
        # the line from the node to what it backs (or to the line it undercuts), through
        # the node's junction where it has one, carries the cut
        upper = [
            a
            for t, h, a in parsed.edges
            if t in (parent, f"{parent}|inference") and h in (node_id, f"{node_id}|inference")
        ]
        assert any("\u2702 cut" in label_text(a.get("label", "")) for a in upper), upper
    legend = label_text(parsed.attrs["label"])
    assert "\u2702 cut on its line" in legend and "(undercut)" in legend
