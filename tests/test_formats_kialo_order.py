"""Kialo's numbering on round trips: `-> See N.` only points back, and children keep
Kialo's order (Pro, Con and linked claims interleaved) through the map's `order` field.

argmap -> Kialo: every `-> See N.` names a claim written above it, and the import of
the export gives back the same claims, sides and relations (a claim linked under a
claim written before its own place comes back placed there, as the export warns).
Kialo -> argmap -> Kialo: every claim keeps its number, stance and text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats import exporter, importer
from argmap.graph import MapGraph
from argmap.validate import load_map, load_map_text
from argmap.write import dump_map
from interchange_shape import maps, normal_text, relations

ROOT = Path(__file__).parent.parent
HERE = Path(__file__).parent / "interchange"
SHIPPED = sorted((ROOT / "maps").glob("*.yaml"))
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\. (?:(Pro|Con): )?(.*)$")
_SEE = re.compile(r"^-> See (\d+(?:\.\d+)*)\.$")


def claims_of(text: str) -> list[tuple[str, str | None, str]]:
    """(number, stance, first line of text) of every claim of a Kialo export, in order."""
    return [
        (m.group(1), m.group(2), m.group(3))
        for line in text.splitlines()
        if (m := _NUMBERED.match(line))
    ]


def assert_sees_point_back(text: str) -> int:
    written: set[str] = set()
    sees = 0
    for number, _stance, body in claims_of(text):
        see = _SEE.match(body)
        if see:
            assert see.group(1) in written, f"{number}. points to {see.group(1)}. below it"
            sees += 1
        written.add(number)
    return sees


def reimported(text: str) -> MapGraph:
    argmap, notes = importer("kialo")(text, "export.txt")
    assert notes == []  # nothing argmap wrote is lost on the way back
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    return result.graph


def assert_round_trip(graph: MapGraph) -> None:
    text, warnings = exporter("kialo")(graph, None)
    assert_sees_point_back(text)
    back = reimported(text)
    # The same claims, root claims with their sides, and relations, by text.
    assert len(back) == len(graph)
    assert [(back[r].side, normal_text(back[r].text, "kialo")) for r in back.roots] == [
        (graph[r].side, normal_text(graph[r].text, "kialo")) for r in graph.roots
    ]
    want = Counter(relations(graph, "kialo"))
    motion = graph.map.motion
    if motion is not None and motion.split() == graph.map.title.split():
        # A motion that repeats the title reads back as none (docs/interchange.md).
        want = Counter({r: n for r, n in want.items() if r[1] != normal_text(motion, "kialo")})
    assert Counter(relations(back, "kialo")) == want
    moved = any("writes a claim in full where it first appears" in w for w in warnings)
    if not moved:  # then the tree itself comes back
        assert [back[m].path for m in back.nodes] == [graph[m].path for m in graph.nodes]
    # And the map read back writes the same discussion, number for number.
    assert exporter("kialo")(back, None)[0] == text


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_maps_point_back_and_round_trip(path: Path) -> None:
    graph = load_map(path).graph
    assert graph is not None
    text, _ = exporter("kialo")(graph, None)
    assert assert_sees_point_back(text) > 0  # both maps cross-link
    assert_round_trip(graph)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=maps())
def test_generated_maps_point_back_and_round_trip(data: dict[str, Any]) -> None:
    graph = load_map_text(yaml.safe_dump(data, allow_unicode=True)).graph
    assume(graph is not None)  # e.g. a drawn support cross-link closed a cycle
    assert graph is not None
    assert_round_trip(graph)


def test_a_linked_claim_is_written_at_its_first_place() -> None:
    """B (a con claim) also attacks A, which is written first: B's full text and its
    children go under A, and B's own place points back; the import reads it back as
    the opposition's claim that attacks A."""
    data = {
        "argmap": 1,
        "title": "T",
        "motion": "M.",
        "claims": [
            {"id": "A", "side": "pro", "text": "A."},
            {
                "id": "B",
                "side": "con",
                "text": "B.",
                "attacks": ["A"],
                "premises": [{"text": "Why B."}],
            },
        ],
    }
    graph = load_map_text(yaml.safe_dump(data)).graph
    assert graph is not None
    text, warnings = exporter("kialo")(graph, None)
    assert text.splitlines()[3:] == [
        "1.1. Pro: A.",
        "1.1.1. Con: B.",
        "1.1.1.1. Pro: Why B.",
        "1.2. Con: -> See 1.1.1.",
    ]
    assert not any(
        "writes a claim in full" in w for w in warnings
    )  # a root claim comes back as one
    back = reimported(text)
    a, b = back.roots
    assert (back[b].side.value, back[b].text, back[b].node.attacks) == ("con", "B.", [a])
    assert [back[p].text for p in back[b].premises] == ["Why B."]


def test_a_linked_premise_moves_and_the_export_says_so() -> None:
    data = {
        "argmap": 1,
        "title": "T",
        "motion": "M.",
        "claims": [
            {"id": "A", "side": "pro", "text": "A."},
            {
                "id": "B",
                "side": "pro",
                "text": "B.",
                "premises": [{"text": "P.", "supports": ["A"]}],
            },
        ],
    }
    graph = load_map_text(yaml.safe_dump(data)).graph
    assert graph is not None
    text, warnings = exporter("kialo")(graph, None)
    assert text.splitlines()[3:] == [
        "1.1. Pro: A.",
        "1.1.1. Pro: P.",
        "1.2. Pro: B.",
        "1.2.1. Pro: -> See 1.1.1.",
    ]
    assert any("1 premises or rebuttals also linked under an earlier claim" in w for w in warnings)
    back = reimported(text)
    a, b = back.roots
    [p] = back[a].premises
    assert back[p].node.supports == [b]


# -- Kialo -> argmap -> Kialo ---------------------------------------------------------


def kialo_numbers_kept(text: str) -> str:
    """The export of the import of `text` (in the layout argmap writes)."""
    argmap, _ = importer("kialo")(text, "discussion.txt")
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    out, _ = exporter("kialo")(result.graph, None)
    return out


@pytest.mark.parametrize("name", ["kialo-discussion.txt", "kialo-current.txt"])
def test_look_alike_discussions_keep_every_number(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    out = kialo_numbers_kept(text)
    if name == "kialo-current.txt":  # the current layout: stance and text on two lines
        lines = [line.strip() for line in text.split("Sources:")[0].splitlines()]
        pairs = [
            f"{head} {body}" if not head.startswith("1. Thesis") else f"1. {body}"
            for head, body in itertools.pairwise(lines)
            if _NUMBERED.match(head)
        ]
        want = [(n, s, b) for n, s, b in claims_of("\n".join(pairs))]
    else:
        want = claims_of(text)
    assert claims_of(out) == want
    assert assert_sees_point_back(out) > 0


def test_interleaved_children_and_links_keep_their_numbers() -> None:
    text = "\n".join(
        [
            "Discussion Title: T",
            "",
            "1. Thesis text.",
            "1.1. Con: First con.",
            "1.1.1. Con: Under first con.",
            "1.1.2. Pro: Support of first con.",
            "1.2. Pro: First pro.",
            "1.2.1. Con: -> See 1.1.1.",
            "1.2.2. Pro: Support of first pro.",
            "1.2.3. Con: -> See 1.1.2.",
            "1.2.4. Con: Con of first pro.",
            "1.2.4.1. Pro: Deep.",
            "1.3. Con: -> See 1.1.2.",
            "1.4. Pro: Second pro.",
            "1.4.1. Pro: -> See 1.2.",
            "1.4.2. Con: Con of second.",
        ]
    )
    assert kialo_numbers_kept(text + "\n") == text + "\n"
    argmap, notes = importer("kialo")(text, "d.txt")
    assert notes == []
    # The positions are kept on the nodes: only where Kialo's order differs.
    first_pro = argmap.claims[1]
    assert first_pro.premises[0].order == [2]
    assert first_pro.rebuttals[0].order == [4]
    assert argmap.claims[0].order == []


@st.composite
def discussions(draw: st.DrawFn) -> str:
    """Kialo exports as Kialo writes them: Pro and Con children in any order, and
    `-> See N.` lines that name a claim written above them (never an ancestor)."""
    lines = ["Discussion Title: Generated", "", "1. The thesis."]
    written: list[str] = []
    count = iter(range(10_000))

    def claims(number: str, depth: int) -> None:
        for i in range(1, draw(st.integers(0 if depth else 1, 4 if depth < 2 else 2)) + 1):
            child = f"{number}.{i}"
            stance = draw(st.sampled_from(["Pro", "Con"]))
            # A link names a claim above that is neither this claim's ancestor nor linked
            # already under the same parent.
            targets = [w for w in written if not (child + ".").startswith(w + ".") and w != number]
            if targets and draw(st.integers(0, 3)) == 0:
                lines.append(f"{child}. {stance}: -> See {draw(st.sampled_from(targets))}.")
                continue
            lines.append(f"{child}. {stance}: Claim {next(count)}.")
            written.append(child)
            if depth < 3:
                claims(child, depth + 1)

    claims("1", 0)
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=discussions())
def test_generated_discussions_keep_every_number(text: str) -> None:
    sees = [(n, b) for n, _, b in claims_of(text) if _SEE.match(b)]
    targets = [_SEE.match(b).group(1) for _, b in sees]  # type: ignore[union-attr]
    parents = [n.rpartition(".")[0] for n, _ in sees]
    # One link per pair: a second '-> See' of the same claim under one parent, or a
    # link beside the claim's own place, is the same relation twice.
    pairs = list(zip(targets, parents, strict=True))
    assume(len(set(pairs)) == len(pairs))
    assume(all(t.rpartition(".")[0] != p for t, p in pairs))
    assert kialo_numbers_kept(text) == text


def test_a_link_written_twice_is_kept_once_with_a_warning() -> None:
    text = (
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: A.\n1.2. Con: B.\n"
        "1.2.1. Con: -> See 1.1.\n1.2.2. Con: -> See 1.1.\n"
    )
    argmap, notes = importer("kialo")(text, "d.txt")
    assert [(n.where, n.code) for n in notes] == [("7:13", "duplicate-link")]
    assert argmap.claims[0].attacks == ["1.2"]


def test_the_command_line_keeps_every_number(tmp_path: Path) -> None:
    source = HERE / "kialo-discussion.txt"
    mapped, back = tmp_path / "homework.yaml", tmp_path / "homework.txt"
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(source), "--from", "kialo", "-o", str(mapped)])
    assert result.exit_code == 0, result.output
    assert "order:" in mapped.read_text(encoding="utf-8")  # a Con before a Pro
    result = runner.invoke(app, ["export", str(mapped), "--to", "kialo", "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert claims_of(back.read_text(encoding="utf-8")) == claims_of(
        source.read_text(encoding="utf-8")
    )


def test_a_place_below_one_is_a_located_error() -> None:
    text = "argmap: 1\ntitle: T\nclaims:\n  - side: pro\n    text: A.\n    order: [0]\n"
    result = load_map_text(text, "m.yaml")
    assert [str(d) for d in result.diagnostics] == [
        "m.yaml:6:13: error[invalid-value]: places in 'order' count from 1, not 0"
    ]
