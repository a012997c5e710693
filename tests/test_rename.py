"""`argmap rename`: an id and every reference to it, nothing else, through real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from argmap.cli import app
from argmap.validate import load_map_text

MAP = """\
argmap: 1
title: Uniforms
sources:
  ofsted: {author: Ofsted, title: School report, date: "2023"}  # the inspectorate
  "dfe": {author: DfE, title: Guidance}
claims:
  # the case for
  - id: U1
    side: pro
    text: Uniforms reduce bullying.
    premises:
      - id: U1.p1  # keep this comment
        text: Poorer pupils stand out less.
        evidence:
          - source: ofsted
            quote: Fewer incidents.
          - source: "dfe"
      - text: A premise with a generated id.
  - id: U2
    side: con
    text: Uniforms cost families money.
    attacks: [U1.p1]
    outweighs:
      - U1
expect:
  stands: [U2]
  contested: ['U1.p1']
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["rename", *args])
    return result.exit_code, result.stdout, result.stderr


def test_renames_a_node_and_every_reference(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(MAP)
    code, _, err = run(runner, str(path), "U1.p1", "less-visible")
    assert code == 0, err
    assert "renamed node U1.p1 to less-visible (3 places)" in err
    text = path.read_text(encoding="utf-8")
    assert text == (
        MAP.replace("- id: U1.p1  #", "- id: less-visible  #")
        .replace("attacks: [U1.p1]", "attacks: [less-visible]")
        .replace("['U1.p1']", "['less-visible']")
    )
    result = load_map_text(text)
    assert result.ok and "less-visible" in result.graph.nodes  # type: ignore[union-attr]


def test_renames_a_source_keeping_its_quotes(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(MAP)
    assert run(runner, str(path), "dfe", "dfe-2024")[0] == 0
    assert path.read_text(encoding="utf-8") == MAP.replace('"dfe"', '"dfe-2024"')
    assert run(runner, str(path), "ofsted", "ofsted-2023")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "  ofsted-2023: {author: Ofsted" in text and "- source: ofsted-2023" in text
    assert "# the inspectorate" in text and load_map_text(text).ok


def test_dry_run_prints_a_diff_and_writes_nothing(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(MAP)
    code, out, err = run(runner, str(path), "U1", "uniforms-bullying", "--dry-run")
    assert code == 0 and "dry run" in err
    assert "-  - id: U1\n+  - id: uniforms-bullying\n" in out
    assert "-      - U1\n+      - uniforms-bullying\n" in out
    assert path.read_text(encoding="utf-8") == MAP


def test_a_generated_id_gets_an_id_key(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    graph = load_map_text(MAP).graph
    assert graph is not None
    generated = next(n.id for n in graph if not n.explicit_id)
    path = write_map(MAP)
    assert run(runner, str(path), generated, "cheap")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "      - id: cheap\n        text: A premise with a generated id.\n" in text
    assert "cheap" in load_map_text(text).graph.nodes  # type: ignore[union-attr]


def test_refuses_a_clash_an_invalid_id_and_an_unknown_one(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(MAP)
    code, _, err = run(runner, str(path), "U1", "U2")
    assert code == 2 and "id 'U2' is already used" in err
    code, _, err = run(runner, str(path), "ofsted", "dfe")
    assert code == 2 and "id 'dfe' is already used" in err
    code, _, err = run(runner, str(path), "U1", "two words")
    assert code == 2 and "'two words' is not a valid id" in err
    code, _, err = run(runner, str(path), "U2x", "x")
    assert code == 2 and "no node or source 'U2x'" in err and "did you mean" in err
    code, _, err = run(runner, str(path), "U1", "x", "--source")
    assert code == 2 and "no source 'U1'" in err
    assert path.read_text(encoding="utf-8") == MAP


def test_a_map_with_errors_is_not_renamed(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(MAP.replace("attacks: [U1.p1]", "attacks: [U9]"))
    code, out, err = run(runner, str(path), "U1", "x")
    assert code == 1 and "has errors" in err and "unknown-id" in out
