"""Real files written by other people: Argdown's own examples and parser test files
(argdown/argdown, MIT; origin, commit and licence in tests/interchange/argdown-org/).

Every import has as many claims and relations as the source, minus the losses it
warns about, each warning at its place; round trips through Argdown (the real CLI,
when installed), AIF and Kialo keep what both formats can hold.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import exporter, importer
from argmap.formats.argdown import import_map as argdown_import
from argmap.graph import MapGraph, Relation
from argmap.validate import load_map_text
from argmap.write import dump_map
from interchange_shape import shape
from test_formats_kialo_order import assert_round_trip

REAL = Path(__file__).parent / "interchange" / "argdown-org"
JSONS = sorted(REAL.glob("*.argdown.json"))
SOURCES = sorted(REAL.glob("*.argdown"))
ARGDOWN = Path(__file__).parent.parent / "benchmarks/argdown/node_modules/.bin/argdown"
needs_cli = pytest.mark.skipif(
    not ARGDOWN.exists() or shutil.which("node") is None,
    reason="needs the Argdown CLI (run benchmarks/bench_argdown.py once to install it)",
)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Notes that say a relation of the source is not in the map.
RELATION_LOSSES = {"motion-link", "support-cycle", "unknown-node", "self-relation"}


def ids(paths: list[Path]) -> list[str]:
    return [p.name.split(".")[0] for p in paths]


def load(text: str, file: str, *, keep_prose: bool = False) -> tuple[MapGraph, list[Any]]:
    argmap, notes = argdown_import(text, file, keep_prose=keep_prose)
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    return result.graph, notes


def headings(sections: list[dict[str, Any]]) -> list[str]:
    """Every heading's title: Argdown nests sections under their parents."""
    out: list[str] = []
    stack = list(reversed(sections))
    while stack:
        section = stack.pop()
        out.append(section["title"])
        stack.extend(reversed(section.get("children") or []))
    return out


def assert_counts(text: str, file: str) -> None:
    """Claims and relations of the source = the map's, plus the motion, plus warned losses."""
    data = json.loads(text)
    graph, notes = load(text, file)
    codes = Counter(note.code for note in notes)
    motion = graph.map.motion is not None
    statements = len(data["statements"]) + len(data["arguments"])
    assert len(graph) + motion + codes["prose"] == statements
    assert codes["heading"] == len(headings(data.get("sections") or []))
    # Every relation, and every step of a reconstructed argument (premise-conclusion
    # structure), is an edge of the map, a root claim's bearing on the motion, or a loss.
    steps = sum(len(a.get("pcs") or []) for a in data["arguments"].values())
    edges = [e for e in graph.edges if e.relation is not Relation.OUTWEIGH]
    lost = sum(codes[code] for code in RELATION_LOSSES)
    assert len(edges) + motion * len(graph.roots) + lost == len(data["relations"]) + steps
    # Each loss is a warning at its place: a JSON pointer, with the Argdown line.
    for note in notes:
        assert note.where.startswith("/"), note
        if note.code in ("prose", "heading"):
            assert "(line " in note.where, note


@pytest.mark.parametrize("path", JSONS, ids=ids(JSONS))
def test_import_keeps_every_claim_and_relation_or_warns(path: Path) -> None:
    assert_counts(path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize("path", JSONS, ids=ids(JSONS))
def test_keep_prose_keeps_the_paragraphs_as_notes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, dropped = load(text, path.name)
    graph, notes = load(text, path.name, keep_prose=True)
    assert not [n for n in notes if n.code in ("prose", "heading")]
    kept = "\n".join(m.node.notes or "" for m in graph)
    for title in headings(json.loads(text).get("sections") or []):
        assert title in kept
    statements = json.loads(text)["statements"]
    for note in dropped:
        if note.code == "prose":  # where: /statements/Untitled 3 (line 12)
            title = note.where.removeprefix("/statements/").rsplit(" (line ", 1)[0]
            paragraph = statements[title]["members"][0]["text"]
            # Links come as Markdown links; the words, #tags included, are all there.
            assert " ".join(paragraph.split()) in " ".join(LINK.sub(r"\1", kept).split())


def test_what_the_issue_found_in_real_files_is_kept() -> None:
    """Titles as written (accents, punctuation), and links with their URLs."""
    graph, _ = load((REAL / "veggie_debate.argdown.json").read_text(encoding="utf-8"), "v")
    titles = {m.node.title for m in graph}
    assert "Vitalitäts-Argument" in titles
    links, _ = load((REAL / "lexer-links-and-tags.argdown.json").read_text(encoding="utf-8"), "l")
    [node] = list(links)
    assert "](" in node.text and "http" in node.text


@pytest.mark.parametrize("path", JSONS, ids=ids(JSONS))
@pytest.mark.parametrize("fmt", ["aif", "kialo"])
def test_real_maps_round_trip_through_aif_and_kialo(path: Path, fmt: str) -> None:
    graph, _ = load(path.read_text(encoding="utf-8"), path.name)
    if fmt == "kialo":
        assert_round_trip(graph)  # '-> See' points back; numbers and relations kept
        return
    text, _ = exporter(fmt)(graph, None)
    argmap, notes = importer(fmt)(text, "x.json")
    back = load_map_text(dump_map(argmap)).graph
    assert back is not None
    assert shape(back, fmt, graph) == shape(graph, fmt)
    # AIF has no sides: without a motion, a root claim's side is a located guess.
    assert {n.code for n in notes} <= {"missing-side"}


def argdown_json(source: Path, folder: Path) -> str:
    paths = [str(source), str(folder)]
    subprocess.run(
        [str(ARGDOWN), "json", "--removeMap", "--removeEmbeddedRelations", "-s", "0", *paths],
        check=True,
        capture_output=True,
    )
    return (folder / f"{source.stem}.json").read_text(encoding="utf-8")


@needs_cli
@pytest.mark.parametrize("path", SOURCES, ids=ids(SOURCES))
def test_real_sources_through_the_argdown_cli(path: Path, tmp_path: Path) -> None:
    """The committed JSON is what the CLI writes; sources without one (Populism, 12 KB
    of Argdown, 114 KB of JSON) are read here; and argmap's Argdown export of each map
    reads back through the CLI as the same map."""
    text = argdown_json(path, tmp_path)
    committed = path.with_name(path.name + ".json")
    if committed.exists():
        assert json.loads(text) == json.loads(committed.read_text(encoding="utf-8"))
    assert_counts(text, path.name)
    graph, _ = load(text, path.name)
    exported = tmp_path / "export" / "map.argdown"
    exported.parent.mkdir()
    exported.write_text(exporter("argdown")(graph, None)[0], encoding="utf-8")
    back, notes = load(argdown_json(exported, tmp_path / "export"), "map.json")
    assert notes == []
    assert shape(back, "argdown", graph) == shape(graph, "argdown")
    assert [(m.id, m.node.title) for m in back] == [(m.id, m.node.title) for m in graph]
