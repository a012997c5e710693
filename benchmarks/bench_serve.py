"""Live preview speed: from saving the article map to the new diagram in the browser's DOM.

Starts `argmap serve` on the article map (a copy), opens it in Debian's chromium
(Playwright, never a downloaded browser), then saves the map SAVES times, each save
changing the map's title so that the drawing changes, and waits for the page to show
it. The figure per save is the page's clock when the new SVG is in the DOM minus the
clock just before the file was written (same machine, same wall clock). Then, in this
process, the server's own share: re-reading, checking and analysing the map, and
drawing it. Goal (issue 14): median <= 300 ms.

    .venv/bin/python benchmarks/bench_serve.py [SAVES]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from argmap.render import diagram_svg
from argmap.serve.state import ServedMap

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from serve_support import CHROMIUM, CHROMIUM_ARGS, running_server

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "maps" / "guerrilla-wars-to-victory-parades.yaml"


def browser_latencies(path: Path, saves: int) -> list[float]:
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    assert title.endswith('"'), title
    latencies = []
    with running_server(path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/map/{path.name}")
        page.wait_for_function("window.argmapUpdates >= 1")
        for n in range(saves):
            before = page.evaluate("window.argmapUpdates")
            new_title = f'{title[:-1]} (draft {n})"'  # inside the title's closing quote
            time.sleep(0.3)  # saves apart, as a person makes them
            started = time.time() * 1000
            path.write_text(text.replace(title, new_title, 1), encoding="utf-8")
            page.wait_for_function(f"window.argmapUpdates > {before}", timeout=20000)
            latencies.append(page.evaluate("window.argmapUpdatedAt") - started)
            assert f"(draft {n})" in (page.locator("#canvas svg").text_content() or "")
        browser.close()
    return latencies


def server_share(path: Path, rounds: int = 5) -> tuple[float, float]:
    """Median ms of a reload after a save (drawing included) and of Graphviz's layout alone."""
    text = path.read_text(encoding="utf-8")
    served = ServedMap(path)
    reload, draw = [], []
    for n in range(rounds):
        path.write_text(text.replace('title: "', f'title: "{n} ', 1), encoding="utf-8")
        t0 = time.perf_counter()
        served.reload()
        reload.append((time.perf_counter() - t0) * 1000)
        assert served.valid, [str(d) for d in served.diagnostics if d.is_error]
        graph = served.graph
        assert graph is not None
        t0 = time.perf_counter()
        diagram_svg(graph)
        draw.append((time.perf_counter() - t0) * 1000)
    return statistics.median(reload), statistics.median(draw)


def main() -> None:
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    if not CHROMIUM.exists():
        print(f"skipped: no {CHROMIUM}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ARTICLE.name
        shutil.copy(ARTICLE, path)
        latencies = browser_latencies(path, saves)
        reload, draw = server_share(path)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"article map: {ARTICLE.name}, {saves} saves (load average {load}, {os.cpu_count()} CPUs)"
    )
    print(
        f"save -> new diagram in the DOM: median {statistics.median(latencies):.0f} ms, "
        f"min {min(latencies):.0f}, max {max(latencies):.0f} (goal <= 300 ms)"
    )
    print(f"server's share: reload after a save {reload:.0f} ms, of which drawing {draw:.0f} ms")


if __name__ == "__main__":
    main()
