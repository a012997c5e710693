"""Files written by `argmap render` and `diagram_svg`: SVG, PNG, PDF and DOT, whole or atlas."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from argmap.analysis import Status
from argmap.cli import app
from argmap.model import Side
from argmap.progress import Steps
from argmap.render import (
    DiagramOptions,
    Format,
    RenderSettings,
    diagram_svg,
    plan_pages,
    render_map,
)
from argmap.render.choices import Layout, Paper
from argmap.validate import load_map
from conftest import MAPS
from render_support import FIXTURES, fixture_graph, parse_dot, svg_texts

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


def pdf_sizes(path: Path) -> list[str]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r"Page +\d+ size: +([\d.]+ x [\d.]+) pts", info)


def node_ids(svg: str, prefix: str = "argmap-") -> set[str]:
    root = ET.fromstring(svg)
    return {
        g.get("id", "")[len(prefix) :]
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "node" and g.get("id", "").startswith(prefix)
    }


# -- diagram_svg: the API the briefing sheet calls ---------------------------------


def test_diagram_svg_inlines_in_html() -> None:
    graph = fixture_graph("four-day-week")
    svg = diagram_svg(graph)
    assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    ET.fromstring(svg)
    assert set(graph.nodes) <= node_ids(svg, "argmap-all-")
    pro, con = diagram_svg(graph, side=Side.PRO), diagram_svg(graph, side=Side.CON)
    ids = [{e.get("id") for e in ET.fromstring(s).iter() if e.get("id")} for s in (pro, con)]
    assert not ids[0] & ids[1]  # two views on one HTML page never share an id
    assert {n for n in node_ids(con, "argmap-con-") if "|" not in n} == {
        n.id for r in ("O1", "O2") for n in graph.descendants(r)
    }


def test_diagram_svg_views_and_statuses() -> None:
    graph = fixture_graph("four-day-week")
    svg = diagram_svg(graph, focus="G1", depth=1, titles_only=True)
    assert {n for n in node_ids(svg, "argmap-all-G1-") if "|" not in n} == {
        "G1",
        "G1.p1",
        "G1.p2",
        "G1.w1",
        "G1.r1",
    }
    statuses = {"G1": Status.STANDS, "G1.r1": Status.FALLS}
    texts = svg_texts(diagram_svg(graph, focus="G1", statuses=statuses))
    assert "\u2714 stands" in texts and "\u2718 falls" in texts
    assert "? unsupported" not in texts  # the key explains only the marks drawn
    assert "\u2714 stands" not in svg_texts(diagram_svg(graph, focus="G1"))


# -- files --------------------------------------------------------------------------


def test_pdf_atlas_is_one_document_on_the_paper(tmp_path: Path) -> None:
    graph = fixture_graph("four-day-week")
    tree = RenderSettings(layout=Layout.TREE)
    pages, [path] = render_map(graph, tmp_path / "map.pdf", Format.PDF, settings=tree)
    assert len(pages) > 1
    texts = pdf_pages(path)
    assert len(texts) == len(pages)
    assert "Overview, page 1 of" in texts[0] and "Key" in texts[0]
    for page, text in zip(pages[1:], texts[1:], strict=True):
        assert f"Page {page.number} of {len(pages)}" in " ".join(text.split())
    refs = [(p.number, n) for p in pages for n in p.continued.values()]
    assert refs
    for number, target in refs:
        assert f"continued on p. {target}" in texts[number - 1]
    assert set(pdf_sizes(path)) <= {"595 x 842", "842 x 595"}
    _, [letter] = render_map(
        graph, tmp_path / "letter.pdf", Format.PDF, settings=RenderSettings(paper=Paper.LETTER)
    )
    assert set(pdf_sizes(letter)) <= {"612 x 792", "792 x 612"}


@pytest.mark.parametrize("layout", list(Layout), ids=[str(layout) for layout in Layout])
def test_pdf_atlas_page_references_are_links_to_their_pages(layout: Layout, tmp_path: Path) -> None:
    """Every link sits on a page reference ("continued on p. N", a box "(p. N)") and goes
    to page N of the document; every reference to another page has one."""
    graph = fixture_graph("four-day-week")
    settings = RenderSettings(layout=layout)
    pages, [path] = render_map(graph, tmp_path / "map.pdf", Format.PDF, settings=settings)
    assert len(pages) > 1
    reader = PdfReader(path)
    linked = 0
    for number, page in enumerate(reader.pages, 1):
        words = _words(path, number)
        height = float(page.mediabox.height)
        covered = set()
        for ref in page.get("/Annots") or []:
            link = ref.get_object()
            target = reader.get_page_number(link["/Dest"][0].get_object()) + 1
            xs = sorted(float(v) for v in link["/Rect"][0::2])
            ys = sorted(height - float(v) for v in link["/Rect"][1::2])  # y from the top
            inside = [
                (i, word)
                for i, (word, (a, b, c, d)) in enumerate(words)
                if a >= xs[0] - 1 and c <= xs[1] + 1 and b >= ys[0] - 1 and d <= ys[1] + 1
            ]
            text = " ".join(word for _, word in inside)
            assert f"p. {target}" in text, (number, target, text)
            covered |= {i for i, _ in inside}
            linked += 1
        for i, (word, _) in enumerate(words):  # "(p. N)": a box naming another page
            if word == "(p." and i + 1 < len(words):
                other = int(words[i + 1][0].rstrip(")"))
                assert other == number or i in covered, (number, other)
    continued = sum(len(p.continued) for p in pages)
    assert linked >= continued and linked > 0


def _words(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The words of one page with their boxes (x0, y0, x1, y1; y from the top)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out,
    )
    return [(w, (float(a), float(b), float(c), float(d))) for a, b, c, d, w in found]


@pytest.mark.parametrize("layout", list(Layout), ids=[str(layout) for layout in Layout])
def test_svg_atlas_is_a_folder_of_linked_pages(layout: Layout, tmp_path: Path) -> None:
    graph = fixture_graph("four-day-week")
    settings = RenderSettings(layout=layout)
    pages, paths = render_map(graph, tmp_path / "map.svg", Format.SVG, settings=settings)
    assert [p.name for p in paths] == [f"{p.name}.svg" for p in pages]
    assert all(p.parent == tmp_path / "map" for p in paths)
    links = set()
    for path in paths:
        root = ET.parse(path).getroot()
        links |= {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href")}
    assert links and all((tmp_path / "map" / link).is_file() for link in links)


def test_single_files_in_every_format(tmp_path: Path) -> None:
    graph = fixture_graph("four-day-week")
    options = DiagramOptions(focus="O1")
    for fmt in Format:
        _, [path] = render_map(graph, tmp_path / f"o1.{fmt}", fmt, options)
        data = path.read_bytes()
        if fmt is Format.PNG:
            assert data.startswith(b"\x89PNG")
        elif fmt is Format.PDF:
            assert data.startswith(b"%PDF") and len(pdf_pages(path)) == 1
        elif fmt is Format.SVG:
            assert node_ids(data.decode()) >= {"O1", "O1.p1", "O1.w1"}
        else:
            assert set(parse_dot(data.decode()).nodes) >= {"O1", "O1.p1", "O1.w1"}


SHIPPED = [*sorted(FIXTURES.glob("*.yaml")), *MAPS]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_map_renders(path: Path, tmp_path: Path) -> None:
    graph = load_map(path).graph
    assert graph is not None
    pages, [pdf] = render_map(graph, tmp_path / "m.pdf", Format.PDF)
    assert len(pdf_pages(pdf)) == len(pages)
    pages, svgs = render_map(graph, tmp_path / "m.svg", Format.SVG)
    drawn = set().union(*(node_ids(p.read_text(encoding="utf-8")) for p in svgs))
    assert set(graph.nodes) <= drawn
    tree = RenderSettings(layout=Layout.TREE)
    pages = plan_pages(graph, DiagramOptions(), tree)
    assert len(plan_pages(graph, DiagramOptions(titles_only=True), tree)) <= len(pages)


# -- the command --------------------------------------------------------------------


@pytest.fixture
def four_day() -> Path:
    return FIXTURES / "four-day-week.yaml"


def test_render_writes_name_svg_here(
    runner: CliRunner, four_day: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(four_day), "--focus", "G2"])
    assert result.exit_code == 0, result.output
    assert node_ids((tmp_path / "four-day-week.svg").read_text()) >= {"G2", "G2.p1"}
    assert "four-day-week.svg" in result.stderr


def test_render_format_from_suffix_and_atlas_note(
    runner: CliRunner, four_day: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["render", str(four_day), "-o", str(tmp_path / "m.pdf")])
    assert result.exit_code == 0, result.output
    assert re.search(r"-> .*m\.pdf \(\d+ pages\)", result.stderr)
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    result = runner.invoke(
        app, ["render", str(four_day), "-o", str(tmp_path / "w.pdf"), "--no-atlas", "--titles"]
    )
    assert result.exit_code == 0 and len(pdf_pages(tmp_path / "w.pdf")) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.svg", "-f", "pdf"], "names svg but --format says pdf"),
        (["-o", "x.txt"], "cannot tell the format"),
        (["--focus", "G1.r"], "did you mean"),
        (["--side", "pro", "--focus", "O1"], "on the con side"),
        (["--depth", "-1"], "depth"),
        (["--direction", "BT"], "BT"),
    ],
)
def test_wrong_usage_exits_2(
    runner: CliRunner, four_day: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    result = runner.invoke(app, ["render", str(four_day), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_stdout_takes_one_diagram(runner: CliRunner, four_day: Path) -> None:
    args = ["render", str(four_day), "--focus", "O1", "-o", "-"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert node_ids(result.stdout) >= {"O1", "O1.p1"}
    result = runner.invoke(app, ["render", str(four_day), "-o", "-", "-f", "dot"])
    assert result.exit_code == 2 and "atlas" in result.stderr


def test_a_folder_of_maps_with_one_broken(
    runner: CliRunner, tmp_path: Path, write_map: Callable[..., Path]
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "a.yaml").write_text((FIXTURES / "tricky-text.yaml").read_text(encoding="utf-8"))
    (maps / "b.yaml").write_text("argmap: 1\ntitle: T\nclaims:\n  - text: no side\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(maps), "-o", str(out), "-f", "png"])
    assert result.exit_code == 1
    assert "b.yaml:4:5: error[missing-side]" in result.stdout
    assert (out / "a.png").read_bytes().startswith(b"\x89PNG")
    assert not (out / "b.png").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_draw_a_bar_on_a_terminal_and_plain_lines_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    with Steps(2) as steps:
        steps.start("drawing a.yaml")
        steps.say("a.yaml -> a.svg [ok]")
        steps.done()
    assert plain.getvalue() == "a.yaml -> a.svg [ok]\n"  # no bar, no markup read
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Steps(1) as steps:
        assert steps._bar is not None
        steps.say("b.yaml -> b.svg [ok]")
        steps.done()
    assert "b.yaml -> b.svg [ok]" in terminal.getvalue()


def test_render_into_a_pipe_never_imports_rich(four_day: Path, tmp_path: Path) -> None:
    # rich costs about as much as drawing a 100-node map; a pipe needs no bar.
    script = (
        "import sys\nfrom argmap.cli import main\n"
        f"sys.argv = ['argmap', 'render', {str(four_day)!r}, '-f', 'dot', '--no-atlas',"
        f" '-o', {str(tmp_path / 'o.dot')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    assert "o.dot" in done.stderr
