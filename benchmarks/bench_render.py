"""Diagram speed: argmap's own work against Graphviz's layout of the same DOT, in one run.

For synthetic maps of 1,000 and 5,000 nodes:
- whole map: `build_dot` (DOT text from the graph) against `dot -Tsvg` on that text;
- outline atlas (the default): Graphviz measures every box (`measure_boxes`), argmap
  packs them into pages and writes each page's DOT, Graphviz draws each page where
  it was placed (`neato -n2`, batched as `render` does);
- tree atlas (`--layout tree`): planning the pages, checked against Graphviz's layout
  (`measurer`: pages split where they print below 8 pt, joined where they fit
  together), then laying out every page.
Graphviz runs inside the planning too, so the atlas rows split CPU time only: ours is
this process, Graphviz's is its child processes.
The bar (issues 4 and 13): argmap's share of the total stays under 10 %. Both
wall-clock time and CPU time are shown for the whole map, because a busy machine
inflates wall-clock times unevenly.

    .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from argmap.render import DiagramOptions, Page, RenderSettings, build_dot, plan_pages
from argmap.render.choices import Paper
from argmap.render.outline import plan_outline
from argmap.render.output import PLACED, _layout_all, layout, measure_boxes, measurer
from argmap.validate import load_map

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

DATA = Path(__file__).parent / "data"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float, object]:
    """Median wall-clock and CPU seconds of `fn`, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        gc.collect()
        start, cpu = time.perf_counter(), _cpu()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def row(label: str, ours: tuple[float, float], theirs: tuple[float, float]) -> None:
    cells = []
    for i in (0, 1):
        share = ours[i] / (ours[i] + theirs[i])
        cells.append(f"{ours[i]:>8.3f}s {theirs[i]:>9.3f}s {100 * share:>5.1f}%")
    worst = max(ours[i] / (ours[i] + theirs[i]) for i in (0, 1))
    print(f"{label:<30} {cells[0]}  | {cells[1]}  {'ok' if worst < 0.10 else 'OVER 10%'}")


def main() -> None:
    head = f"{'argmap':>9} {'graphviz':>10} {'share':>6}"
    print(f"{'':<30} {'wall clock':^27}  | {'CPU':^27}")
    print(f"{'':<30} {head}  | {head}")
    options = DiagramOptions()
    for nodes in (1000, 5000):
        graph = load_map(write_map(nodes, DATA)).graph
        assert graph is not None and len(graph) == nodes
        repeats = 5 if nodes < 5000 else 2

        page = Page(tuple(graph.nodes))
        *ours, dot = timed(lambda p=page, g=graph: build_dot(g, p, options), repeats)
        assert isinstance(dot, str)
        *theirs, _ = timed(lambda d=dot: layout(d, "svg"), 3 if nodes < 5000 else 1)
        row(f"{nodes} nodes, whole map", (ours[0], ours[1]), (theirs[0], theirs[1]))

        def outline(g=graph) -> list[bytes]:  # type: ignore[no-untyped-def]
            planned = plan_outline(g, options, Paper.A4, None, measure_boxes, lambda p: None)
            return _layout_all(planned.dots, "svg", PLACED)

        def tree(g=graph) -> list[bytes]:  # type: ignore[no-untyped-def]
            settings = RenderSettings(atlas=True)
            pages = plan_pages(g, options, settings, measurer(g, options, None))
            return [layout(build_dot(g, p, options), "svg") for p in pages]

        for name, atlas in (("outline", outline), ("tree", tree)):
            own, kids, wall, drawn = _split_cpu(atlas)
            share = own / (own + kids)
            label = f"{nodes} nodes, {name} ({len(drawn)} p.)"
            print(
                f"{label:<30} {'wall ' + f'{wall:.2f}s':>27}  | "
                f"{own:>8.3f}s {kids:>9.3f}s {100 * share:>5.1f}%  "
                f"{'ok' if share < 0.10 else 'OVER 10%'}"
            )


def _split_cpu(fn: Callable[[], list[bytes]]) -> tuple[float, float, float, list[bytes]]:
    """CPU seconds of this process and of its children (Graphviz) while `fn` runs, the
    wall-clock seconds, and what `fn` returned."""
    gc.collect()
    before = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    start = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - start
    after = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    own, kids = (
        (b.ru_utime + b.ru_stime) - (a.ru_utime + a.ru_stime)
        for a, b in zip(before, after, strict=True)
    )
    return own, kids, wall, result


if __name__ == "__main__":
    main()
