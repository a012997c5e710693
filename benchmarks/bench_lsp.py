"""Time from a change to published diagnostics, as an editor sees it (issue 15).

Starts `argmap lsp` as a real process, opens a map, then sends changes one at a
time (each a different text: a card's source broken, then fixed, so every change is
analysed) and times each from sending `didChange` to receiving the
`publishDiagnostics` of that version. The figure includes the server's debounce
delay (argmap.lsp.server.DEBOUNCE) and the JSON-RPC round trip. Also prints the
analysis alone (load, validate, checks: `analyse_text`) for comparison.
Goals: <= 100 ms on the article map, <= 300 ms on a 1,000-node map.

    .venv/bin/python benchmarks/bench_lsp.py
"""

from __future__ import annotations

import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from argmap.lsp.server import DEBOUNCE
from argmap.lsp.state import analyse_text

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_map

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
ARTICLE = ROOT / "maps" / "guerrilla-wars-to-victory-parades.yaml"
CHANGES = 21
_REFERENCE = re.compile(r"(\n\s+- source: )([A-Za-z0-9_.\-]+)")


def variants(text: str) -> tuple[str, str]:
    """The map, and the map with its first card citing a source that is not there."""
    broken = _REFERENCE.sub(lambda m: m.group(1) + m.group(2) + "-gone", text, count=1)
    assert broken != text, "the map needs an evidence card to break"
    return text, broken


async def change_to_diagnostics(path: Path) -> list[float]:
    client = LanguageClient("bench", "1")
    published: dict[int, asyncio.Event] = {}
    arrived: dict[int, float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            published.setdefault(params.version, asyncio.Event()).set()

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.resolve().as_uri()
    good, broken = variants(path.read_text(encoding="utf-8"))
    published[1] = asyncio.Event()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, good))
    )
    await published[1].wait()
    times = []
    for version in range(2, CHANGES + 2):
        published[version] = asyncio.Event()
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(broken if version % 2 else good)
                ],
            )
        )
        await published[version].wait()
        times.append(arrived[version] - sent)
        await asyncio.sleep(0.05)  # an editor's next keystroke comes later
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def analysis_alone(path: Path) -> float:
    text = path.read_text(encoding="utf-8")
    times = []
    for _ in range(CHANGES):
        start = time.perf_counter()
        analyse_text(text, str(path))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"debounce {DEBOUNCE * 1000:.0f} ms; {CHANGES} changes each; medians (max)")
    print(f"{'map':<40} {'nodes':>6} {'change->diagnostics':>20} {'analysis':>9} {'goal':>7}")
    for path, goal in ((ARTICLE, 0.100), (write_map(1000, DATA), 0.300)):
        graph = analyse_text(path.read_text(encoding="utf-8"), str(path)).graph
        nodes = len(graph) if graph is not None else 0
        times = asyncio.run(change_to_diagnostics(path))
        median = statistics.median(times)
        print(
            f"{path.name:<40} {nodes:>6} {median * 1000:>9.0f} ms ({max(times) * 1000:>3.0f}) "
            f"{analysis_alone(path) * 1000:>6.0f} ms {goal * 1000:>4.0f} ms"
            f" {'ok' if median <= goal else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
