"""Briefing-sheet speed on the article map, as the user runs it and stage by stage.

Fresh processes (median of repeats), against two floors measured in the same run:
`python -c pass` and `python -c "import weasyprint"` (the PDF engine's import alone):
- `argmap brief MAP -s pro -f html`  (HTML only)
- `argmap brief MAP -s pro -f pdf`   (one PDF sheet)
- `argmap brief MAP -f pdf`          (both sides' PDF sheets)
Then in this process, warm: view model, HTML, PDF layout, and PDF of synthetic maps of
100 and 300 nodes. Goal (issue 5): one sheet of the article map, PDF included, < 2 s.

    .venv/bin/python benchmarks/bench_brief.py
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.brief.context import build_context
from argmap.brief.pdf import render_pdf
from argmap.brief.render import render_html
from argmap.model import Side
from argmap.validate import load_map

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "maps" / "guerrilla-wars-to-victory-parades.yaml"
FIXTURE = ROOT / "tests" / "maps" / "compulsory-voting.yaml"
DATA = Path(__file__).parent / "data"
BIN = Path(sys.executable).parent


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def pdf_pages(data: bytes) -> int:
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page")


def main() -> None:
    path = ARTICLE if ARTICLE.exists() else FIXTURE
    result = load_map(path)
    assert result.graph is not None
    graph = result.graph
    print(f"map: {path.name} ({len(graph)} nodes, {len(graph.map.sources)} sources)")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")

    repeats = 5
    out = Path(tempfile.mkdtemp(prefix="bench-brief-"))
    argmap = str(BIN / "argmap")
    rows = [
        ("python -c pass", lambda: run(sys.executable, "-c", "pass")),
        ("python -c 'import weasyprint'", lambda: run(sys.executable, "-c", "import weasyprint")),
        (
            "brief, one side, HTML",
            lambda: run(argmap, "brief", str(path), "-s", "pro", "-f", "html", "-o", f"{out}/"),
        ),
        (
            "brief, one side, PDF",
            lambda: run(argmap, "brief", str(path), "-s", "pro", "-f", "pdf", "-o", f"{out}/"),
        ),
        (
            "brief, both sides, PDF",
            lambda: run(argmap, "brief", str(path), "-f", "pdf", "-o", f"{out}/"),
        ),
    ]
    print(f"{'fresh process':32} {'median':>8} {'vs import':>10}")
    results = {name: median_time(fn, repeats) for name, fn in rows}
    floor = results["python -c 'import weasyprint'"]
    for name, seconds in results.items():
        print(f"{name:32} {seconds:>7.3f}s {seconds / floor:>9.2f}x")
    pages = pdf_pages((out / f"{path.stem}-pro.pdf").read_bytes())
    print(f"(PDF of the pro sheet: {pages} pages)\n")

    context = build_context(graph, Side.PRO)
    html = render_html(context)
    render_pdf(html)  # warm up fonts and WeasyPrint's caches
    stages = [
        ("view model (build_context)", lambda: build_context(graph, Side.PRO)),
        ("HTML (render_html)", lambda: render_html(context)),
        ("PDF from HTML (render_pdf)", lambda: render_pdf(html)),
    ]
    print(f"{'in process, warm':32} {'median':>8}")
    for name, fn in stages:
        print(f"{name:32} {median_time(fn, repeats):>7.3f}s")

    for nodes in (100, 300):
        synthetic = load_map(write_map(nodes, DATA)).graph
        assert synthetic is not None
        page = render_html(build_context(synthetic, Side.PRO))
        seconds = median_time(lambda p=page: render_pdf(p), 3)
        size = pdf_pages(render_pdf(page))
        print(f"{f'PDF, synthetic {nodes} nodes':32} {seconds:>7.3f}s ({size} pages)")


if __name__ == "__main__":
    main()
