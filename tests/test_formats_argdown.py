"""Argdown: the export is what Argdown's own parser reads back as the same map.

The committed `uniforms.argdown.json` was written by `argdown json` (@argdown/cli
1.7.5) from the committed `uniforms.argdown`, so the suite checks the real parser's
reading without Node. When the benchmark's npm install is present, a hypothesis
round trip runs through the real CLI as well.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings

from argmap.formats.argdown import export_map, import_map
from argmap.graph import MapGraph
from argmap.validate import load_map, load_map_text
from argmap.write import dump_map
from interchange_shape import maps, shape

HERE = Path(__file__).parent / "interchange"
ARGDOWN = Path(__file__).parent.parent / "benchmarks/argdown/node_modules/.bin/argdown"


def uniforms() -> MapGraph:
    graph = load_map(HERE / "uniforms.yaml").graph
    assert graph is not None
    return graph


def imported(text: str, file: str = "x.json") -> MapGraph:
    argmap, _ = import_map(text, file)
    result = load_map_text(dump_map(argmap))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.graph is not None
    return result.graph


def test_export_is_the_reviewed_argdown_source() -> None:
    text, _ = export_map(uniforms())
    assert text == (HERE / "uniforms.argdown").read_text(encoding="utf-8"), (
        "Argdown export changed: review it, then regenerate uniforms.argdown and its "
        "JSON with `argdown json` (see this module's docstring)"
    )


def test_argdowns_reading_of_the_export_is_the_same_map() -> None:
    original = uniforms()
    back = imported((HERE / "uniforms.argdown.json").read_text(encoding="utf-8"))
    assert shape(back, "argdown", original) == shape(original, "argdown")
    assert back.map.title == "School uniforms"
    node = {m.text: m for m in back}
    assert node["Uniforms reduce bullying over clothing."].node.title == "Less bullying"
    assert node["Uniforms reduce bullying over clothing."].node.tags == ["safety"]
    head = node["Head teachers report fewer incidents after introducing uniforms."].node
    assert head.scheme == "expert-opinion"
    assert node["Fewer markers still means fewer targets."].node.turn is True


def test_export_warns_what_argdown_cannot_hold() -> None:
    _, warnings = export_map(uniforms())
    assert "Argdown cannot hold evidence cards: 2 dropped" in warnings
    assert "Argdown cannot hold outweigh links: 1 dropped" in warnings
    assert "Argdown cannot hold the bibliography: dropped" in warnings
    assert not any("titles" in w or "tags" in w for w in warnings)


def test_text_is_escaped_for_argdowns_lexer() -> None:
    text, _ = export_map(
        imported_graph(
            "A [link](http://x) <b> #tag *em* _u_ {d: 1} @[m] a//b /* c */ :smile: .x. \\"
        )
    )
    line = next(ln for ln in text.splitlines() if "<n1>" in ln)
    # Checked once with `argdown json`: this line reads back as the original text.
    assert line.endswith(
        ": A \\[link\\](http\\:\\//x) \\<b\\> \\#tag \\*em\\* \\_u\\_ \\{d: 1\\} \\@\\[m\\] "
        "a\\//b \\/\\* c \\*/ \\:smile: \\.x. \\\\ #pro"
    )


def imported_graph(text: str) -> MapGraph:
    data = {
        "argmap": 1,
        "title": "T",
        "claims": [
            {"id": "n0", "side": "pro", "text": "Root.", "premises": [{"id": "n1", "text": text}]}
        ],
    }
    graph = load_map_text(yaml.safe_dump(data)).graph
    assert graph is not None
    return graph


def test_import_of_a_hand_written_debate() -> None:
    """voting-age.json is `argdown json` of voting-age.argdown, written for this test."""
    path = HERE / "voting-age.json"
    argmap, notes = import_map(path.read_text(encoding="utf-8"), str(path))
    graph = imported(path.read_text(encoding="utf-8"))
    node = {m.id: m for m in graph}
    thesis = node["Votes-at-16"]
    assert thesis.side.value == "pro" and thesis.node.title == "Votes at 16"
    assert thesis.text == "The voting age should be lowered to 16."  # #pro tag removed
    # A premise-conclusion structure: its premises support the argument together.
    habit = node["Habit"]
    assert [node[p].node.group for p in habit.premises] == ["Habit", "Habit"]
    assert habit.node.scheme == "cause-to-effect"
    assert node["Scotland"].attack is not None and node["Scotland"].attack.value == "undercut"
    assert node["Neuroscience"].node.cq == "expert-opinion.field"
    assert node["Influence"].node.attacks == ["Habit"]
    # Wrapped lines and escapes come back as one text.
    assert node["Consistency"].text.startswith("The law already treats 16 as old enough")
    assert "(with consent)" in node["Consistency"].text
    # A contradiction has no argmap twin: read as an attack, with a note saying where.
    assert [n.code for n in notes] == ["logical-relation", "heading", "heading", "heading"]
    assert notes[0].where == "/relations/9"
    assert notes[1].where == "/sections/0 (line 9)"
    assert node["Turnout-falls"].side.value == "con"
    assert argmap.title == "voting-age"


def test_import_reports_what_it_does_not_understand() -> None:
    data = {
        "statements": {
            "A": {"members": [{"text": "Claim A.", "startLine": 1, "data": {"colour": 1}}]},
            "B": {"members": [{"text": "Claim B.", "startLine": 3}]},
        },
        "arguments": {},
        "relations": [
            {"relationType": "support", "from": "B", "fromType": "equivalence-class",
             "to": "A", "toType": "equivalence-class"},
            {"relationType": "reinforces", "from": "A", "to": "B"},
            {"relationType": "attack", "from": "Ghost", "fromType": "argument",
             "to": "A", "toType": "equivalence-class"},
        ],
    }  # fmt: skip
    _, notes = import_map(json.dumps(data), "d.json")
    got = {(n.where, n.code) for n in notes}
    assert ("/statements/A (line 1)", "unknown-data") in got
    assert ("/relations/1", "unknown-relation") in got
    assert ("/relations/2", "unknown-node") in got


@pytest.mark.parametrize(
    ("text", "where"),
    [("{not json", "1:2"), ('{"nodes": []}', "/"), ("[1, 2]", "/")],
)
def test_unreadable_input_fails_with_a_place(text: str, where: str) -> None:
    from argmap.formats.base import ImportFailed

    with pytest.raises(ImportFailed) as failed:
        import_map(text, "x.json")
    assert failed.value.note.where == where


@pytest.mark.skipif(
    not ARGDOWN.exists() or shutil.which("node") is None,
    reason="needs the Argdown CLI (run benchmarks/bench_argdown.py once to install it)",
)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=maps())
def test_round_trip_through_the_real_argdown_cli(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    graph = load_map_text(yaml.safe_dump(data, allow_unicode=True)).graph
    assume(graph is not None)
    assert graph is not None
    folder = tmp_path_factory.mktemp("argdown")
    source = folder / "map.argdown"
    source.write_text(export_map(graph)[0], encoding="utf-8")
    subprocess.run(
        [str(ARGDOWN), "json", str(source), str(folder / "out")], check=True, capture_output=True
    )
    text = (folder / "out" / "map.json").read_text(encoding="utf-8")
    back = imported(text)
    got, want = shape(back, "argdown", graph), shape(graph, "argdown")
    if "relations" in want and got != want:
        # A claim that every other hangs from became the motion: its own relations
        # cannot be kept, and each is warned (motion-link). Nothing else may differ.
        _, notes = import_map(text, "map.json")
        lost = Counter(want["relations"]) - Counter(got["relations"])
        assert not Counter(got["relations"]) - Counter(want["relations"])
        assert sum(lost.values()) == sum(n.code == "motion-link" for n in notes)
        assert got["nodes"] == want["nodes"]
    else:
        assert got == want
