"""fmt, show and new through the command line; the pre-commit hooks that run them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from argmap import cli
from argmap.cli import app
from argmap.edit.show import rich_tree, rows, shorten
from argmap.edit.yamltext import YamlText
from argmap.load import load_text
from argmap.model import Attack, DebateFormat, Side
from argmap.schema import schema_text
from argmap.validate import load_map, load_map_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "commented.yaml"

UNTIDY = """\
# header
title: Untidy···
argmap: 1
claims:
# the first claim
- text: >-
    folded
    text
  side: pro
  id: C1
  premises:
  - text: a long plain
      scalar, folded by hand
    id: C1.a
- id: C2
  side: con
  text: x   # why



  # trailing
""".replace("·", " ")


@pytest.fixture
def untidy(tmp_path: Path) -> Path:
    path = tmp_path / "maps" / "untidy.yaml"
    path.parent.mkdir()
    path.write_text(UNTIDY)
    return path


def test_fmt_writes_the_canonical_layout(runner: CliRunner, untidy: Path) -> None:
    result = runner.invoke(app, ["fmt", str(untidy)])
    assert result.exit_code == 0, result.output
    assert untidy.read_text() == (
        "# header\n"
        "argmap: 1\n"
        "title: Untidy\n"
        "claims:\n"
        "  # the first claim\n"
        "  - id: C1\n"
        "    side: pro\n"
        "    text: >-\n"
        "      folded\n"
        "      text\n"
        "    premises:\n"
        "      - id: C1.a\n"
        "        text: a long plain scalar, folded by hand\n"
        "\n"
        "  - id: C2\n"
        "    side: con\n"
        "    text: x # why\n"
        "\n"
        "  # trailing\n"
    )


def test_fmt_check_lists_files_that_would_change(runner: CliRunner, untidy: Path) -> None:
    tidy = untidy.parent / "tidy.yaml"
    tidy.write_text(UNTIDY)
    assert runner.invoke(app, ["fmt", str(tidy)]).exit_code == 0
    result = runner.invoke(app, ["fmt", "--check", str(untidy.parent)])
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {untidy}\n"
    assert untidy.read_text() == UNTIDY
    assert runner.invoke(app, ["fmt", "--check", str(tidy)]).exit_code == 0


def test_fmt_dry_run_prints_the_diff(runner: CliRunner, untidy: Path) -> None:
    result = runner.invoke(app, ["fmt", "--dry-run", str(untidy)])
    assert result.exit_code == 0
    assert "-title: Untidy\x20\x20\x20" in result.stdout.splitlines()
    assert "+title: Untidy" in result.stdout.splitlines()
    assert untidy.read_text() == UNTIDY


def test_fmt_keeps_comments_data_and_is_idempotent_on_the_fixture(tmp_path: Path) -> None:
    from argmap.edit.canonical import canonical_text

    text = FIXTURE.read_text()
    once = canonical_text(text)
    assert once != text
    assert canonical_text(once) == once
    assert sorted(YamlText(once).comments()) == sorted(YamlText(text).comments())
    assert load_text(once).data == load_text(text).data


def test_fmt_refuses_an_invalid_map(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims:\n  - text: x\n")
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "error[missing-side]" in result.stdout
    assert path.read_text() == "argmap: 1\ntitle: T\nclaims:\n  - text: x\n"


def test_fmt_keeps_crlf_and_bom(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "win.yaml"
    path.write_bytes(b"\xef\xbb\xbfargmap: 1\r\ntitle:   T\r\n")
    assert runner.invoke(app, ["fmt", str(path)]).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfargmap: 1\r\ntitle: T\r\n"


# --- show ---------------------------------------------------------------------------------


def test_show_prints_plain_lines_when_not_a_terminal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", str(FIXTURE)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "C1  pro  claim  Uniforms reduce bullying",
        "  C1.p1  pro  premise  Branded clothing makes family income visible.",
        "  C1.p2  pro  premise  Pupils target what marks a classmate out: clothes, shoes, bags.",
        "  C1.study  pro  premise  The study found fewer clothing-related incidents. "
        "Incidents were\u2026",
        "  R1  con  undercut  Wealth still shows in shoes, phones and bags, so bullying moves "
        "rather\u2026",
        "    R1.a  pro  undermine  Fewer visible markers still means fewer targets.",
        "O1  con  claim  A compulsory uniform is an extra cost that falls hardest on poor\u2026",
        "  O1.p1  con  premise  no",
        "  O1.p2  con  premise  Cost: the average set costs more than \u00a3100.",
    ]


@pytest.mark.parametrize(
    ("args", "first", "count"),
    [
        (["--depth", "0"], "C1  pro  claim  Uniforms reduce bullying", 2),
        (["--side", "con"], "O1  con  claim", 3),
        (["--focus", "R1"], "R1  con  undercut", 2),
        (["--focus", "R1", "--depth", "0"], "R1  con  undercut", 1),
    ],
)
def test_show_filters(runner: CliRunner, args: list[str], first: str, count: int) -> None:
    result = runner.invoke(app, ["show", str(FIXTURE), *args])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(first) and len(lines) == count
    assert not lines[0].startswith(" ")


def test_show_unknown_focus_is_wrong_usage(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", str(FIXTURE), "--focus", "R1.b"])
    assert result.exit_code == 2
    assert "did you mean 'R1.a'" in result.stderr


def test_show_an_invalid_map_prints_its_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\ntitle: T\nclaims:\n  - text: x\n")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1 and "error[missing-side]" in result.stdout


def test_rich_tree_draws_guides_and_never_reads_markup() -> None:
    text = "argmap: 1\ntitle: T\nclaims:\n  - id: C1\n    side: pro\n    text: '[bold]x[/bold]'\n"
    text += "    rebuttals:\n      - text: y\n        turn: true\n"
    graph = load_map_text(text).graph
    assert graph is not None
    console = Console(record=True, width=80, force_terminal=True)
    console.print(rich_tree(graph, rows(graph)))
    out = console.export_text()
    assert out.splitlines() == [
        "T",
        "\u2514\u2500\u2500 C1  pro  claim  [bold]x[/bold]",
        "    \u2514\u2500\u2500 C1.r1  con  rebut+turn  y",
    ]


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("one two three four", 12) == "one two\u2026"
    assert shorten("  spaced\n  out  ", 20) == "spaced out"


# --- new ----------------------------------------------------------------------------------


def test_new_inside_a_checkout_points_at_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "argmap.schema.json", tmp_path / "schema")
    path = tmp_path / "maps" / "uniforms.yaml"
    result = runner.invoke(
        app, ["new", str(path), "--title", "Uniforms", "--motion", "THW ban uniforms"]
    )
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/argmap.schema.json"
    assert (path.parent / "../schema/argmap.schema.json").resolve().is_file()
    result_map = load_map(path)
    assert result_map.ok and result_map.graph is not None
    assert result_map.graph.map.motion == "THW ban uniforms"
    assert not (path.parent / "argmap.schema.json").exists()


def test_new_elsewhere_writes_the_schema_next_to_the_map(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "prep" / "m.yaml"
    result = runner.invoke(app, ["new", str(path), "-t", "T", "--format", "bp"])
    assert result.exit_code == 0, result.output
    assert path.read_text().startswith("# yaml-language-server: $schema=argmap.schema.json\n")
    assert (path.parent / "argmap.schema.json").read_text() == schema_text()
    assert json.loads(schema_text())["title"] == "ArgMap"
    graph = load_map(path).graph
    assert graph is not None and graph.map.format is DebateFormat.BP
    # The starter map takes edits at once.
    assert runner.invoke(app, ["add", str(path), "--claim", "c", "--side", "pro"]).exit_code == 0
    assert load_map(path).ok


def test_new_with_a_schema_url(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    url = "https://example.org/argmap.schema.json"
    assert runner.invoke(app, ["new", str(path), "-t", "T", "--schema", url]).exit_code == 0
    assert path.read_text().startswith(f"# yaml-language-server: $schema={url}\n")
    assert not (tmp_path / "argmap.schema.json").exists()


def test_new_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("mine")
    result = runner.invoke(app, ["new", str(path), "-t", "T"])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_text() == "mine"
    assert runner.invoke(app, ["new", str(path), "-t", "T", "--force"]).exit_code == 0
    assert load_map(path).ok


def test_new_needs_a_real_title(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "m.yaml"), "-t", "  "])
    assert result.exit_code == 2
    assert not (tmp_path / "m.yaml").exists()


# --- the command line's choices and the pre-commit hooks ----------------------------------


@pytest.mark.parametrize(
    ("choice", "model"),
    [(cli.SideChoice, Side), (cli.AttackChoice, Attack), (cli.FormatChoice, DebateFormat)],
)
def test_option_choices_mirror_the_model(choice: type, model: type) -> None:
    assert [c.value for c in choice] == [m.value for m in model]


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"]: h["entry"] for h in hooks} == {
        "argmap-validate": "argmap validate",
        "argmap-fmt": "argmap fmt",
    }
    commands = set(__import__("typer").main.get_command(app).commands)  # type: ignore[attr-defined]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].split()[1] in commands
        files = re.compile(hook["files"])
        assert files.search("maps/uniforms.yaml") and files.search("prep/maps/a.yml")
        assert not files.search(".github/workflows/ci.yml")
        assert not files.search("maps/notes.txt")
