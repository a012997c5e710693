"""Briefing sheets as PDF: text, pages, running header and paper size, read with poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.graph import numbering
from argmap.validate import load_map

FIXTURES = Path(__file__).parent / "maps"


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    run = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, check=True)
    return " ".join(run.stdout.decode("utf-8").split())


def pdf_info(path: Path) -> dict[str, str]:
    run = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in run.stdout.splitlines())
    }


def point(code: str, tag: str) -> re.Pattern[str]:
    """A point's line as pdftotext reads it: code, status glyph and word if any, then tag."""
    return re.compile(rf"{re.escape(code)}:? (?:\S [\w:]+(?: \w+)? )?(?:[A-Z]+ )*{re.escape(tag)}")


def test_pdf_sheet_has_every_section_page_numbers_and_a_running_header(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "pro.pdf"
    result = runner.invoke(
        app, ["brief", str(FIXTURES / "compulsory-voting.yaml"), "-s", "pro", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    info = pdf_info(out)
    pages = int(info["Pages"])
    assert pages >= 2
    assert "(A4)" in info["Page size"]
    text = pdf_text(out)
    headings = [
        "1. Our case on a page",
        "2. Their case and our answers",
        "3. Frontlines: defending our case",
        "4. Where we are exposed",
        "5. Weighing",
        "6. Evidence index",
        "7. Our case as a diagram",
    ]
    # the last occurrence is the heading: the contents list in the header names them too
    assert [text.rindex(h) for h in headings] == sorted(text.rindex(h) for h in headings)
    assert point("A1", "Turnout rises to over ninety per cent").search(text)
    assert "A2 N1: Compulsion violates freedom of conscience" in text
    assert "THEY SAY" in text and "OUR ANSWERS" in text
    assert "No answer prepared: a vulnerability" in text
    assert "turnout has exceeded 90 per cent at every federal election since 1925" in text
    for page in range(1, pages + 1):
        page_text = pdf_text(out, page)
        assert f"Page {page} of {pages}" in page_text
        # the running header repeats the map and the side on every page but the first
        assert ("Compulsory voting" in page_text and "We are Affirmative" in page_text) or page == 1
    assert re.search(r"We are Affirmative", pdf_text(out, 2))


def test_pdf_on_letter_paper_prints_hostile_text_as_text(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hostile.pdf"
    result = runner.invoke(
        app,
        ["brief", str(FIXTURES / "hostile.yaml"), "-s", "pro", "--paper", "letter", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "(letter)" in pdf_info(out)["Page size"]
    text = pdf_text(out)
    assert "<script>alert('tag')</script>" in text
    assert "{{ 7 * 7 }}" in text and "49" not in text


def test_article_map_pdf_has_every_section_and_contention(
    runner: CliRunner, tmp_path: Path
) -> None:
    article = (
        Path(__file__).resolve().parent.parent / "maps" / "guerrilla-wars-to-victory-parades.yaml"
    )
    graph = load_map(article).graph
    assert graph is not None
    codes = numbering(graph)
    result = runner.invoke(
        app, ["brief", str(article), "-s", "con", "-f", "pdf", "-o", f"{tmp_path}/"]
    )
    assert result.exit_code == 0, result.output
    [out] = tmp_path.glob("*-con.pdf")
    pages = int(pdf_info(out)["Pages"])
    text = pdf_text(out)
    assert f"Page {pages} of {pages}" in text and "Page 1 of" in text
    titles = [
        "Our case",
        "Their case",
        "Frontlines",
        "Where we are exposed",
        "Weighing",
        "Cross-examination",
        "Evidence",
    ]
    found = [re.search(rf"\b\d\. {h}", text) for h in titles]
    assert all(found) and [m.start() for m in found if m] == sorted(m.start() for m in found if m)
    for root in graph.roots:
        assert point(codes[root], graph[root].label).search(text), root


def test_both_sides_render_side_by_side_in_a_fresh_process(tmp_path: Path) -> None:
    """Without --side, the two PDF sheets render in two processes; both come out whole."""
    import sys

    voting = FIXTURES / "compulsory-voting.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "brief", str(voting), "-f", "pdf", "-o", f"{tmp_path}/"],
        capture_output=True,
        text=True,
        check=True,
    )
    pro, con = (tmp_path / f"compulsory-voting-{s}.pdf" for s in ("pro", "con"))
    assert run.stdout.split() == [str(pro), str(con)]
    assert "We are Affirmative" in pdf_text(pro, 2) and "We are Negative" in pdf_text(con, 2)


def test_printers_load_weasyprint_in_worker_processes(tmp_path: Path) -> None:
    import os
    import sys

    if sys.platform != "linux" or (os.cpu_count() or 1) < 2:
        pytest.skip("printers fork only on Linux with two cores or more")
    script = tmp_path / "print.py"
    script.write_text(
        "import sys\n"
        "from argmap.brief.pdf import _ForkedPrinter, open_printers\n"
        "printers = open_printers(2)\n"
        "assert all(isinstance(p, _ForkedPrinter) for p in printers), printers\n"
        "assert 'weasyprint' not in sys.modules  # loaded in the workers, not here\n"
        "for i, p in enumerate(printers):\n"
        "    p.submit(f'<p>sheet {i}</p>')\n"
        "pdfs = [p.result() for p in printers]\n"
        "for p in printers:\n"
        "    p.close()\n"
        "assert not any(p._process.is_alive() for p in printers)\n"
        "sys.stdout.buffer.write(pdfs[1])\n"
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, check=True)
    (tmp_path / "one.pdf").write_bytes(run.stdout)
    assert pdf_text(tmp_path / "one.pdf") == "sheet 1"


def test_a_process_that_has_weasyprint_prints_in_process() -> None:
    import weasyprint  # noqa: F401

    from argmap.brief.pdf import Printer, open_printers

    [printer] = open_printers(1)
    assert type(printer) is Printer
    printer.submit("<p>here</p>")
    assert printer.result().startswith(b"%PDF")


def words_with_boxes(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each word on `page` with its box (left, top, right, bottom) in points from the top-left."""
    run = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        run.stdout,
    )
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


def test_the_diagram_page_holds_graphvizs_drawing_under_the_header_of_the_sheet(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "con.pdf"
    result = runner.invoke(
        app, ["brief", str(FIXTURES / "compulsory-voting.yaml"), "-s", "con", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    pages = int(pdf_info(out)["Pages"])
    last = pdf_text(out, pages)
    # the page is WeasyPrint's: running header, heading, note and footer
    assert "We are Negative" in last and f"Page {pages} of {pages}" in last
    assert "7. Our case as a diagram" in last and "the whole case" in last
    # the drawing is Graphviz's, with its own text, drawn between the note and the footer
    assert "Compulsion violates freedom of conscience" in last
    assert "Turnout rises" not in last  # the other side's case is not drawn
    run = subprocess.run(
        ["pdfinfo", "-f", str(pages), "-l", str(pages), str(out)], capture_output=True, text=True
    )
    width, height = map(float, re.findall(r"size:\s+([\d.]+) x ([\d.]+)", run.stdout)[0])
    assert width > height  # landscape
    words = words_with_boxes(out, pages)
    note = max(b for w, _, _, _, b in words if w == "whole")
    footer = min(t for w, _, t, _, _ in words if w == "Page")
    drawn = [box for w, *box in words if w == "Compulsion"]
    assert drawn
    for left, top, right, bottom in drawn:
        assert note < top and bottom < footer and left > 0 and right < width


def test_a_figure_is_scaled_into_its_box_and_centred(tmp_path: Path) -> None:
    from argmap.brief.figures import Figure, prepare, print_drawings
    from argmap.brief.pdf import print_html
    from argmap.render import layout

    html = (
        "<style>@page { size: A4; margin: 0 } body { margin: 0 }</style><p>above</p>"
        '<div id="box" style="margin-left: 100pt; width: 300pt; height: 200pt"></div><p>below</p>'
    )
    printout = print_html(html, ["box", "missing"])
    [place] = printout.places.values()
    assert set(printout.places) == {"box"} and place.page == 0
    assert place.left == pytest.approx(100, abs=0.5)

    drawing = layout('digraph { margin=0; a [label="Wide wide wide", shape=box] }', "pdf")
    figure = Figure("box", 300, 200, lambda: drawing)
    out = tmp_path / "out.pdf"
    out.write_bytes(print_drawings(printout.pdf, printout.places, prepare([figure])))
    words = sorted(words_with_boxes(out, 1), key=lambda w: (w[2], w[1]))  # top, left
    assert [w for w, *_ in words] == ["above", "Wide", "wide", "wide", "below"]
    left = min(w[1] for w in words if w[0] in ("Wide", "wide"))
    right = max(w[3] for w in words if w[0] in ("Wide", "wide"))
    tops = [w[2] for w in words if w[0] in ("Wide", "wide")]
    bottoms = [w[4] for w in words if w[0] in ("Wide", "wide")]
    # scaled up to the box's width (the drawing is wider than tall), centred in its height
    assert 100 <= left < 130 and 370 < right <= 400
    assert place.top < min(tops) and max(bottoms) < place.top + 200
    middle = (min(tops) + max(bottoms)) / 2
    assert middle == pytest.approx(place.top + 100, abs=5)
    # a figure whose box the page does not have leaves the PDF as it was
    other = Figure("elsewhere", 10, 10, lambda: drawing)
    assert print_drawings(printout.pdf, printout.places, prepare([other])) == printout.pdf


def test_weasyprint_loads_without_the_slow_library_search(tmp_path: Path) -> None:
    """On Linux the printers load WeasyPrint without ctypes' subprocess search, and put it back."""
    import sys

    if sys.platform != "linux":
        pytest.skip("the quick library search is for Linux")
    script = tmp_path / "load.py"
    script.write_text(
        "import ctypes.util\n"
        "asked = []\n"
        "def search(name):\n"
        "    asked.append(name)\n"
        "    return None\n"
        "ctypes.util.find_library = search\n"
        "from argmap.brief.pdf import _weasyprint\n"
        "weasyprint = _weasyprint()\n"
        "assert ctypes.util.find_library is search, 'the search is put back'\n"
        "print(len(asked), weasyprint.HTML(string='<p>x</p>').write_pdf()[:5])\n"
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "b'%PDF-'"]


def test_pdf_streams_are_deflated_at_zlibs_default_level() -> None:
    """pydyf asks zlib for level 9 (slower, for 2 % less); the sheet's pages come at level 6,
    and read back as the same drawing."""
    import zlib

    from argmap.brief.pdf import render_pdf

    pdf = render_pdf("<p>" + "A line of the sheet, set in print. " * 400 + "</p>")
    stored = re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S)
    pages = [s for s in stored if b"TJ" in zlib.decompress(s)]  # the page's text drawing
    assert pages
    for deflated in pages:
        drawing = zlib.decompress(deflated)
        level6, level9 = zlib.compressobj(6), zlib.compressobj(9)
        assert deflated == level6.compress(drawing) + level6.flush()
        assert deflated != level9.compress(drawing) + level9.flush()
