"""add, set, move, rm and source add through the command line, on a richly commented map.

Each edit must change exactly the lines it is about (checked with difflib), be
validated before it is written, refuse what would break the map, and write
atomically.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.validate import load_map
from conftest import run

FIXTURE = Path(__file__).parent / "fixtures" / "commented.yaml"
O1_TEXT = "A compulsory uniform is an extra cost that falls hardest on poor families."


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    shutil.copy(FIXTURE, path)
    return path


def changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, in order."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_add_premise_inserts_only_the_new_node(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "add", commented, "--under", "C1", "--premise", "Cost: £100.")
    assert code == 0, err
    assert "added premise C1.p4 under C1" in err
    removed, added = changes(before, commented.read_text())
    assert removed == []
    assert added == ["", "      - id: C1.p4", "        text: 'Cost: £100.'"]
    graph = load_map(commented).graph
    assert graph is not None and graph["C1.p4"].parent == "C1"


def test_add_rebuttal_with_attack_and_evidence(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(
        runner, "add", commented, "-u", "O1", "-r", "no", "--attack", "undercut", "-e", "study"
    )
    assert code == 0, err
    removed, added = changes(before, commented.read_text())
    assert removed == []
    assert added == [
        "    rebuttals:",
        "      - id: O1.r1",
        "        text: 'no'",
        "        attack: undercut",
        "        evidence:",
        "          - source: study",
    ]
    graph = load_map(commented).graph
    assert graph is not None and graph["O1.r1"].node.text == "no"


def test_add_claim_needs_a_side_and_gets_claim_id(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "add", commented, "--claim", "Uniforms save time.")
    assert code == 2 and "--side" in err
    code, _, err = run(runner, "add", commented, "--claim", "Uniforms save time.", "--side", "pro")
    assert code == 0, err
    graph = load_map(commented).graph
    assert graph is not None and graph.roots == ["C1", "O1", "claim-3"]


def test_generated_ids_never_clash(runner: CliRunner, commented: Path) -> None:
    # C1 has three premises (C1.p1, C1.p2 generated; C1.study explicit): C1.p4 is next.
    run(runner, "add", commented, "-u", "C1", "-p", "first")
    run(runner, "add", commented, "-u", "C1", "-p", "second", "--at", "1")
    graph = load_map(commented).graph
    assert graph is not None
    assert graph["C1"].premises[0] == "C1.p6"  # inserted first: past every shifted id
    assert "C1.p4" in graph.nodes and len(set(graph.nodes)) == len(graph.nodes)


def test_explicit_id_that_exists_is_wrong_usage(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "add", commented, "-u", "C1", "-p", "x", "--id", "R1")
    assert code == 2 and "already used" in err
    assert commented.read_text() == before


def test_unknown_id_suggests_the_closest(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "add", commented, "-u", "C1.stduy", "-p", "x")
    assert code == 2
    assert "no node 'C1.stduy'" in err and "'C1.study'" in err


def test_set_replaces_one_value_keeping_its_comment(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "set", commented, "O1.p1", "text", "yes")
    assert code == 0, err
    assert changes(before, commented.read_text()) == (
        ["      - text: no   # the word, not false"],
        ["      - text: 'yes'   # the word, not false"],
    )


@pytest.mark.parametrize(
    ("node", "field", "value", "old", "new"),
    [
        ("O1", "strength", ".75", ["    strength: 0.6"], ["    strength: 0.75"]),
        ("R1.a", "analytic", "no", ["            analytic: true"], ["            analytic: false"]),
        (
            "O1",
            "text",
            "Cheaper: no.",
            [f'    text: "{O1_TEXT}"'],
            ['    text: "Cheaper: no."'],
        ),
        (
            "C1",
            "impact.scope",
            "secondary pupils",
            ["    impact: {magnitude: high, scope: every pupil}"],
            ["    impact: {magnitude: high, scope: secondary pupils}"],
        ),
        (
            "C1.study",
            "text",
            "One line now.",
            [
                "        text: |",
                "          The study found fewer clothing-related incidents.",
                "          Incidents were self-reported.",
            ],
            ["        text: |-", "          One line now."],
        ),
        (
            "R1",
            "text",
            "Two\nlines.",
            [
                "        text: >-",
                "          Wealth still shows in shoes, phones and bags, so bullying moves rather "
                "than falls.",
            ],
            ["        text: |-", "          Two", "          lines."],
        ),
    ],
)
def test_set_keeps_the_style_of_the_value(
    runner: CliRunner,
    commented: Path,
    node: str,
    field: str,
    value: str,
    old: list[str],
    new: list[str],
) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "set", commented, node, field, value)
    assert code == 0, err
    assert changes(before, commented.read_text()) == (old, new)


def test_set_new_field_goes_in_model_order(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    assert run(runner, "set", commented, "R1.a", "title", "Fewer targets")[0] == 0
    assert run(runner, "set", commented, "R1", "turn", "true")[0] == 0
    after = commented.read_text()
    assert changes(before, after)[0] == []
    lines = after.splitlines()
    assert lines[lines.index("            id: R1.a") + 1] == "            title: Fewer targets"
    # after the last key that comes before it in model order (text), whatever the file's order
    assert lines[lines.index("        turn: true") + 1] == "        rebuttals:"


def test_set_first_key_on_the_dash_line(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    assert run(runner, "set", commented, "O1.p1", "title", "The word")[0] == 0
    assert changes(before, commented.read_text()) == (
        ["      - text: no   # the word, not false"],
        ["      - title: The word", "        text: no   # the word, not false"],
    )
    assert run(runner, "set", commented, "O1.p1", "title", "--unset")[0] == 0
    assert commented.read_text() == before


def test_set_typo_in_field_is_wrong_usage(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "set", commented, "C1", "strenght", "0.5")
    assert code == 2
    assert "did you mean 'strength'" in err


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("strength", "high", "invalid strength"),
        ("strength", "1.5", "less than or equal to 1"),
        ("side", "prop", "did you mean 'pro'"),
        ("attack", "undercuts", "did you mean 'undercut'"),
        ("implicit", "maybe", "invalid implicit"),
        ("cq", "no dot", "invalid cq"),
        ("text", "   ", "invalid text"),
    ],
)
def test_set_checks_the_value_against_the_format(
    runner: CliRunner, commented: Path, field: str, value: str, message: str
) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "set", commented, "R1", field, value)
    assert code == 2
    assert message in err
    assert commented.read_text() == before


def test_set_needs_a_value_or_unset(runner: CliRunner, commented: Path) -> None:
    assert run(runner, "set", commented, "C1", "notes")[0] == 2
    assert run(runner, "set", commented, "C1", "notes", "x", "--unset")[0] == 2


def test_unset_removes_the_field_and_an_emptied_impact(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    assert run(runner, "set", commented, "C1", "impact.magnitude", "--clear")[0] == 0
    assert run(runner, "set", commented, "C1", "impact.scope", "--clear")[0] == 0
    assert changes(before, commented.read_text()) == (
        ["    impact: {magnitude: high, scope: every pupil}"],
        [],
    )


def test_edit_that_breaks_the_map_is_refused(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, out, err = run(runner, "set", commented, "C1.p1", "attack", "rebut")
    assert code == 1
    assert "edited map would have these errors" in err
    assert f"{commented}:" in out and "error[misplaced-field]" in out
    assert commented.read_text() == before


def test_unset_of_required_text_is_refused(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, out, _ = run(runner, "set", commented, "R1", "text", "--unset")
    assert code == 1 and "error[missing-field]" in out
    assert commented.read_text() == before


def test_new_warnings_are_reported(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "set", commented, "R1", "side", "pro")
    assert code == 0
    assert "warning[side-mismatch]" in err


def test_dry_run_prints_a_diff_and_writes_nothing(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, out, err = run(runner, "set", commented, "O1", "notes", "Ask twice.", "--dry-run")
    assert code == 0 and "dry run" in err
    assert commented.read_text() == before
    assert out.splitlines()[:2] == [f"--- {commented}", f"+++ {commented}"]
    assert "-    notes: Ask them who pays for the second set." in out.splitlines()
    assert "+    notes: Ask twice." in out.splitlines()


def test_no_change_writes_nothing(runner: CliRunner, commented: Path) -> None:
    stat = commented.stat()
    code, _, err = run(runner, "set", commented, "O1", "strength", "0.6")
    assert code == 0 and "already" in err
    assert commented.stat().st_mtime_ns == stat.st_mtime_ns


def test_move_carries_the_subtree_and_its_comments(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "move", commented, "C1.study", "--under", "O1", "--as", "rebuttal")
    assert code == 0, err
    removed, added = changes(before, commented.read_text())
    assert sorted(line.strip() for line in removed if line.strip()) == sorted(
        line.strip() for line in added if line.strip() and line.strip() != "rebuttals:"
    )
    assert "        # more cards to come" in removed
    graph = load_map(commented).graph
    assert graph is not None
    assert graph["C1.study"].parent == "O1" and graph["C1.study"].side.value == "pro"

    before = commented.read_text()
    assert run(runner, "move", commented, "O1.p2", "--under", "R1")[0] == 0
    assert run(runner, "move", commented, "R1.p1", "--under", "O1", "--at", "2")[0] == 0
    assert commented.read_text() == before


def test_move_into_own_subtree_is_wrong_usage(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "move", commented, "R1", "--under", "R1.a")
    assert code == 2 and "subtree" in err


def test_move_a_claim_down_drops_its_implied_side(runner: CliRunner, commented: Path) -> None:
    code, _, err = run(runner, "move", commented, "O1", "--under", "R1")
    assert code == 0, err
    graph = load_map(commented).graph
    assert graph is not None and graph["O1"].parent == "R1"
    assert graph["O1"].node.side is None and graph.roots == ["C1"]


def test_rm_refuses_while_referenced_and_lists_where(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, out, err = run(runner, "rm", commented, "C1")
    assert code == 1 and "--force" in err
    lines = before.splitlines()
    assert out.splitlines() == [
        f"{commented}:{lines.index('    attacks: [C1]') + 1}: O1 attacks C1",
        f"{commented}:{lines.index('    outweighs: [C1]') + 1}: O1 outweighs C1",
        f"{commented}:{lines.index('    - C1') + 1}: expect.falls lists C1",
    ]
    assert commented.read_text() == before


def test_rm_force_removes_references_too(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(runner, "rm", commented, "C1", "--force")
    assert code == 0, err
    assert "removed C1 and 5 nodes below it; removed 3 references" in err
    removed, added = changes(before, commented.read_text())
    assert added == []
    assert {"    attacks: [C1]", "    outweighs: [C1]", "  falls:", "    - C1"} <= set(removed)
    assert "  # === Opposition ====================================================" not in removed
    graph = load_map(commented).graph
    assert graph is not None and list(graph.roots) == ["O1"]


def test_rm_keeps_the_comments_of_neighbours(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    assert run(runner, "rm", commented, "C1.p2")[0] == 0
    removed, _ = changes(before, commented.read_text())
    assert removed == [
        "      - text: 'Pupils target what marks a classmate out: clothes, shoes, bags.'",
        "        group: visibility",
        "        implicit: true",
    ]


def test_rm_pins_shifted_ids_that_are_referenced(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "argmap: 1\ntitle: T\nclaims:\n  - id: C1\n    side: pro\n    text: a\n    premises:\n"
        "      - text: first\n      - text: second\n  - id: O1\n    side: con\n    text: b\n"
        "    attacks: [C1.p2]\n"
    )
    assert run(runner, "rm", path, "C1.p1")[0] == 0
    graph = load_map(path).graph
    assert graph is not None
    assert graph["C1.p2"].text == "second" and graph["C1.p2"].explicit_id
    assert graph.edges_from("O1")[0].target == "C1.p2"


def test_source_add_appends_to_the_bibliography(runner: CliRunner, commented: Path) -> None:
    before = commented.read_text()
    code, _, err = run(
        runner,
        "source",
        "add",
        commented,
        "ofsted",
        "--author",
        "Ofsted",
        "--title",
        "Report: 2023",
    )
    assert code == 0, err
    removed, added = changes(before, commented.read_text())
    assert removed == []
    assert added == ["", "  ofsted:", "    author: Ofsted", "    title: 'Report: 2023'"]
    assert run(runner, "add", commented, "-u", "O1", "-p", "x", "-e", "ofsted")[0] == 0
    code, _, err = run(
        runner, "source", "add", commented, "ofsted", "--author", "A", "--title", "B"
    )
    assert code == 2 and "already" in err


def test_source_add_to_a_map_without_sources(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("argmap: 1\ntitle: T\nsources: {}\nclaims: []\n")
    assert run(runner, "source", "add", path, "s", "--author", "A", "--title", "B")[0] == 0
    assert path.read_text() == (
        "argmap: 1\ntitle: T\nsources:\n  s:\n    author: A\n    title: B\nclaims: []\n"
    )
    assert run(runner, "add", path, "--claim", "c", "--side", "con")[0] == 0
    assert path.read_text().endswith("claims:\n  - id: claim-1\n    side: con\n    text: c\n")


def test_invalid_map_is_not_edited(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims:\n  - id: C1\n    text: x\n")
    code, out, err = run(runner, "add", path, "-u", "C1", "-p", "y")
    assert code == 1
    assert "fix them before editing" in err and "error[missing-side]" in out


def test_crlf_and_byte_order_mark_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "win.yaml"
    text = "argmap: 1\r\ntitle: T\r\nclaims:\r\n  - id: C1\r\n    side: pro\r\n    text: x\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert run(runner, "add", path, "-u", "C1", "-p", "y")[0] == 0
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbf"
        + (text + "    premises:\r\n      - id: C1.p1\r\n        text: y\r\n").encode()
    )


def test_write_is_atomic(
    runner: CliRunner, commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure mid-write (here: the disk full at fsync) leaves the old file whole."""
    before = commented.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(runner, "set", commented, "O1", "notes", "x")
    assert code == 1 and "No space left on device" in err
    assert commented.read_bytes() == before
    assert [p.name for p in commented.parent.iterdir()] == [commented.name]


def test_file_changed_during_the_edit_is_not_overwritten(
    runner: CliRunner, commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.edit import operations

    real = operations.set_field

    def meanwhile(*args: object, **kwargs: object) -> object:
        change = real(*args, **kwargs)  # type: ignore[arg-type]
        commented.write_text(commented.read_text() + "# edited elsewhere\n")
        return change

    monkeypatch.setattr(operations, "set_field", meanwhile)
    code, _, err = run(runner, "set", commented, "O1", "notes", "x")
    assert code == 1 and "changed on disk" in err
    assert commented.read_text().endswith("# edited elsewhere\n")


FLOW = (
    "argmap: 1\ntitle: T\nclaims:\n  - id: C1\n    side: pro\n    text: x\n"
    '    premises: [{text: a, tags: [t]}, {id: P2, text: "b"}]'  # no line break at the end
)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["add", "-u", "C1", "-p", "c: d"],
            '    premises: [{text: a, tags: [t]}, {id: P2, text: "b"}, '
            "{id: C1.p3, text: 'c: d'}]",
        ),
        (["rm", "P2"], "    premises: [{text: a, tags: [t]}]"),
        (
            ["set", "P2", "title", "T"],
            '    premises: [{text: a, tags: [t]}, {id: P2, title: T, text: "b"}]',
        ),
        (
            ["move", "P2", "-u", "C1.p1"],
            '    premises: [{text: a, tags: [t], premises: [{id: P2, text: "b"}]}]',
        ),
    ],
)
def test_flow_lists_are_rewritten_on_their_line(
    runner: CliRunner, tmp_path: Path, args: list[str], line: str
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW)
    code, _, err = run(runner, args[0], path, *args[1:])
    assert code == 0, err
    assert path.read_text() == FLOW.rsplit("\n", 1)[0] + "\n" + line


def test_set_inside_an_empty_impact(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    text = "argmap: 1\ntitle: T\nclaims:\n  - id: C1\n    side: pro\n    text: x\n"
    path.write_text(text + "    impact:   # to do\n    notes: n\n")
    assert run(runner, "set", path, "C1", "impact.scope", "all")[0] == 0
    assert path.read_text() == text + "    impact:   # to do\n      scope: all\n    notes: n\n"


def test_a_value_starting_with_a_dash_follows_double_dash(
    runner: CliRunner, commented: Path
) -> None:
    code, _, err = run(runner, "set", commented, "O1", "notes", "--", "-5% a year")
    assert code == 0, err
    graph = load_map(commented).graph
    assert graph is not None and graph["O1"].node.notes == "-5% a year"
