"""Briefing-sheet speed on the article map, as the user runs it and stage by stage.

Fresh processes (median wall-clock and CPU seconds), against two floors measured in
the same run: `python -c pass` and `python -c "import weasyprint"` (the PDF engine's
import alone):
- `argmap brief MAP -s pro -f html`  (HTML only)
- `argmap brief MAP -s pro -f pdf`   (one PDF sheet, analysis and diagram included)
- `argmap brief MAP -f pdf`          (both sides' PDF sheets, in two processes)
- `argmap brief MAP -s pro -f docx`  (the Word file; goal, issue 12: under 1 s)
Then in this process, warm: analysis + view model, diagram, HTML, WeasyPrint's PDF of
the text (the diagram page holding an empty box), the diagram's own PDF drawn into
that box, and for comparison WeasyPrint drawing the diagram as inline SVG; then the
PDF of synthetic maps of 100 and 300 nodes. CPU time is the fairer figure on a shared
machine. Goals (issues 5 and 12): one sheet of the article map, PDF included, under 2 s;
its Word file under 1 s (the script says whether this run met them).

    .venv/bin/python benchmarks/bench_brief.py
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from argmap.analysis import analyse
from argmap.analysis.questions import open_questions
from argmap.brief.context import build_context
from argmap.brief.diagram import diagram_pdf, printed_size, side_diagram
from argmap.brief.docx import render_docx
from argmap.brief.figures import Figure, prepare, print_drawings
from argmap.brief.pdf import print_html, render_pdf
from argmap.brief.render import DIAGRAM_BOX, render_html
from argmap.model import Side
from argmap.validate import load_map

sys.path.insert(0, str(Path(__file__).parent))
from bench_render import timed
from generate import write_map

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "maps" / "guerrilla-wars-to-victory-parades.yaml"
FIXTURE = ROOT / "tests" / "maps" / "compulsory-voting.yaml"
UNIFORMS = ROOT / "maps" / "school-uniforms.yaml"
DATA = Path(__file__).parent / "data"
ARGMAP = str(Path(sys.executable).parent / "argmap")


def pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))


def main() -> None:
    path = ARTICLE if ARTICLE.exists() else FIXTURE
    graph = load_map(path).graph
    assert graph is not None
    print(f"map: {path.name} ({len(graph)} nodes, {len(graph.map.sources)} sources)")
    # the interpreter matters: Debian's python3 prints the sheet in 15 % less time than
    # pyenv's default build (docs/brief.md, "The 2 s bar")
    print(f"python {platform.python_version()}: {os.path.realpath(sys.executable)}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")

    out = tempfile.mkdtemp(prefix="bench-brief-") + "/"
    brief = [ARGMAP, "brief", str(path), "-o", out]
    processes = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import weasyprint'": [sys.executable, "-c", "import weasyprint"],
        "brief -s pro -f html": [*brief, "-s", "pro", "-f", "html"],
        "brief -s pro -f pdf": [*brief, "-s", "pro", "-f", "pdf"],
        "brief -f pdf (both sides)": [*brief, "-f", "pdf"],
        "brief -s pro -f docx": [*brief, "-s", "pro", "-f", "docx"],
    }
    if UNIFORMS.exists():  # a teaching-size map, for comparison
        processes["school-uniforms: brief -s pro -f pdf"] = [
            ARGMAP,
            "brief",
            str(UNIFORMS),
            "-o",
            out,
            "-s",
            "pro",
            "-f",
            "pdf",
        ]
    print(f"{'fresh process':38} {'wall':>8} {'CPU':>8} {'CPU vs import':>14}")
    results = {
        name: timed(lambda c=cmd: subprocess.run(c, check=True, capture_output=True), 5)[:2]
        for name, cmd in processes.items()
    }
    floor = results["python -c 'import weasyprint'"][1]
    for name, (wall, cpu) in results.items():
        print(f"{name:38} {wall:>7.3f}s {cpu:>7.3f}s {cpu / floor:>13.2f}x")
    print(f"(the pro sheet has {pages(Path(out) / f'{path.stem}-pro.pdf')} pages)")
    for name, goal in (("brief -s pro -f pdf", 2.0), ("brief -s pro -f docx", 1.0)):
        wall = results[name][0]
        verdict = "met" if wall < goal else "MISSED"
        print(f"goal: {name} under {goal:.0f} s (issue 12): {wall:.2f} s wall, {verdict}")
    print()

    evaluation = analyse(graph)
    verdicts = evaluation.verdicts

    def view() -> object:
        questions = open_questions(graph, Side.PRO, analyse(graph))
        return build_context(graph, Side.PRO, verdicts=verdicts, questions=questions)

    context = build_context(graph, Side.PRO, verdicts=verdicts)
    marks = {n: v.status for n, v in verdicts.items()}
    diagram = side_diagram(graph, Side.PRO, marks)
    stages = {
        "analysis + view model": view,
        "diagram (Graphviz SVG)": lambda: side_diagram(graph, Side.PRO, marks),
        "Word file (python-docx)": lambda: render_docx(context),
    }
    if diagram is None:  # the case does not print at full size: the sheet has no diagram
        print("(no diagram page: not even the contentions print at full size)")
        html = render_html(context)
        stages["HTML"] = lambda: render_html(context)
        stages["PDF (WeasyPrint)"] = lambda: print_html(html, [])
    else:
        box = printed_size(diagram)
        html = render_html(context, diagram=diagram, box=box)
        figure = Figure(DIAGRAM_BOX, *box, draw=lambda: diagram_pdf(diagram))
        printout = print_html(html, [DIAGRAM_BOX])  # load fonts and WeasyPrint's caches once
        with_svg = render_html(context, diagram=diagram)
        stages["HTML"] = lambda: render_html(context, diagram=diagram, box=box)
        stages["PDF of the text (WeasyPrint)"] = lambda: print_html(html, [DIAGRAM_BOX])
        stages["diagram PDF, drawn in (pypdf)"] = lambda: print_drawings(
            printout.pdf, printout.places, prepare([figure])
        )
        stages["(before: PDF, SVG in WeasyPrint)"] = lambda: render_pdf(with_svg)
    print(f"{'in process, warm':32} {'wall':>8} {'CPU':>8}")
    for name, fn in stages.items():
        wall, cpu, _ = timed(fn, 5)
        print(f"{name:32} {wall:>7.3f}s {cpu:>7.3f}s")
    for nodes in (100, 300):
        synthetic = load_map(write_map(nodes, DATA)).graph
        assert synthetic is not None
        page = render_html(build_context(synthetic, Side.PRO))
        wall, cpu, _ = timed(lambda p=page: render_pdf(p), 3)
        print(f"{f'PDF, synthetic {nodes} nodes':32} {wall:>7.3f}s {cpu:>7.3f}s")


if __name__ == "__main__":
    main()
