"""The printed brief as a debater reads it: blocks with their answers and cards on one
page, links and bookmarks to navigate, type that reads, and anchors that resolve.

Tested on both shipped maps, both sides, by parsing the PDF (pdftotext per page,
pypdf for links, bookmarks and type sizes) and the HTML.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from argmap.analysis import evaluate
from argmap.brief import SheetFormat, SheetOptions, make_sheet
from argmap.brief.context import Frontline, build_context
from argmap.graph import MapGraph
from argmap.model import Side
from argmap.quotes import read_aloud
from argmap.render.choices import Paper
from argmap.validate import load_map
from pdf_support import printed_sizes

MAPS = sorted((Path(__file__).resolve().parent.parent / "maps").glob("*.yaml"))
SHEETS = [(path, side) for path in MAPS for side in Side]
IDS = [f"{path.stem}-{side.value}" for path, side in SHEETS]


def graph_of(path: Path) -> MapGraph:
    graph = load_map(path).graph
    assert graph is not None
    return graph


@pytest.fixture(scope="module", params=SHEETS, ids=IDS)
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[MapGraph, Side, Path]]:
    path, side = request.param
    graph = graph_of(path)
    sheet = make_sheet(graph, side, SheetFormat.PDF, SheetOptions(diagram=True))
    out = tmp_path_factory.mktemp("sheets") / f"{path.stem}-{side.value}.pdf"
    out.write_bytes(sheet.content)
    yield graph, side, out


def pages_of(pdf: Path) -> list[str]:
    """The text of each page, words joined by single spaces."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def words(text: str, count: int = 6) -> str:
    """The first words of a text, as pdftotext prints them (one space between words)."""
    return " ".join(text.split()[:count])


def test_each_attack_on_our_case_shares_a_page_with_its_answer_and_card(
    printed: tuple[MapGraph, Side, Path],
) -> None:
    graph, side, pdf = printed
    pages = pages_of(pdf)
    context = build_context(graph, side, verdicts=evaluate(graph))
    checked = 0
    frontline: Frontline
    for frontline in context.frontlines:
        for attack in frontline.attacks:
            if not attack.replies:
                continue
            heading = f"A2 {attack.point.code}: {words(attack.point.tag, 99)}"
            # a page the block runs onto names it in its header, "(continued)"
            starts = [p for p in pages if p.count(heading) > p.count(f"{heading} (continued)")]
            assert starts, heading
            answer = attack.replies[0].point
            quoted = [c for c in answer.cards if c.quote]
            for page in starts:
                assert words(answer.text or answer.tag) in page, (heading, answer.code)
                if quoted:
                    said = words(read_aloud(quoted[0].quote or ""), 3)
                    assert said in page, (heading, answer.code)
            checked += 1
    assert checked or not context.frontlines


def test_the_pdf_links_and_bookmarks_every_block(printed: tuple[MapGraph, Side, Path]) -> None:
    graph, side, pdf = printed
    reader = PdfReader(pdf)
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    internal = [a for a in links if "/Dest" in a]
    assert internal, "no internal link"
    named = set(reader.named_destinations)
    assert all(str(a["/Dest"]) in named for a in internal)

    def titles(outline: list[object]) -> Iterator[str]:
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield str(item.title)  # type: ignore[attr-defined]

    marked = list(titles(reader.outline))
    context = build_context(graph, side)
    blocks = [f"A2 {b.claim.code}:" for b in context.blocks]
    blocks += [f"A2 {x.point.code}:" for f in context.frontlines for x in f.attacks]
    for block in blocks:
        assert any(t.startswith(block) for t in marked), block
    for line in context.frontlines:
        assert any(t.startswith(f"{line.claim.code}:") for t in marked), line.claim.code


def test_no_word_is_printed_below_seven_and_a_half_points(
    printed: tuple[MapGraph, Side, Path],
) -> None:
    _, _, pdf = printed
    smallest = [found for found in printed_sizes(pdf) if found[1] < 7.5]
    assert not smallest, smallest[:5]


def test_every_html_anchor_resolves() -> None:
    for path, side in SHEETS:
        html = make_sheet(graph_of(path), side, SheetFormat.HTML).content.decode()
        targets = set(re.findall(r'\bid="([^"]+)"', html))
        hrefs = set(re.findall(r'href="#([^"]+)"', html))
        assert hrefs, "no internal link"
        assert hrefs <= targets, sorted(hrefs - targets)[:5]


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=["A4", "letter"])
def test_weighing_headers_fit_their_columns_and_cells_stay_short(
    paper: Paper, tmp_path: Path
) -> None:
    """Each header word sits inside its column; no cell of the shipped maps wraps past 4 lines."""
    for path in MAPS:
        graph = graph_of(path)
        options = SheetOptions(paper=paper, diagram=False)
        pdf = tmp_path / f"{path.stem}.pdf"
        pdf.write_bytes(make_sheet(graph, Side.PRO, SheetFormat.PDF, options).content)
        boxes = subprocess.run(
            ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        blocks = re.findall(r"<block (.*?)</block>", boxes, re.S)
        header = next((b for b in blocks if ">Reversibility<" in b), None)
        assert header is not None, path.stem
        for block in blocks:
            lines = block.count("<line ")
            text = " ".join(re.findall(r">([^<]+)</word>", block))
            if lines > 4 and text and any(text.startswith(v) for v in _cells(graph)):
                pytest.fail(f"{path.stem}: a weighing cell wraps to {lines} lines: {text}")
        xmax = float(re.search(r'xMax="([\d.]+)"[^>]*>Reversibility<', header)[1])  # type: ignore[index]
        page_width = {Paper.A4: 595.3, Paper.LETTER: 612.0}[paper]
        assert xmax < page_width - 13 / 25.4 * 72, "the last header runs past the table"


def _cells(graph: MapGraph) -> set[str]:
    """The first word of every impact value of the map: what the weighing cells start with."""
    return {
        str(value).split()[0]
        for node in graph
        if node.node.impact is not None
        for value in node.node.impact.model_dump().values()
        if value
    }
