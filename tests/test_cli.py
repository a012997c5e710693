"""The command line through typer's runner, on real files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from argmap import __version__
from argmap.cli import app

GOOD = """\
argmap: 1
title: Uniforms
claims:
  - id: C1
    side: pro
    text: Uniforms reduce bullying.
"""


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"argmap {__version__}"


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "validate" in result.output
    assert result.exit_code in (0, 2)


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, name
        assert f"argmap {name}" in result.stdout, name


def test_valid_map_exits_zero(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["validate", str(write_map(GOOD))])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 map checked: 0 errors, 0 warnings" in result.stderr


def test_warnings_alone_exit_zero(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    text = GOOD + "    premises:\n      - text: A premise.\n        side: con\n"
    result = runner.invoke(app, ["validate", str(write_map(text))])
    assert result.exit_code == 0
    assert "warning[side-mismatch]" in result.stdout


def test_invalid_map_exits_one(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    path = write_map(GOOD.replace("side: pro", "side: maybe"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:5:11: error[unknown-value]: ")


def test_missing_file_is_wrong_usage(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_bad_option_is_wrong_usage(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(write_map(GOOD))])
    assert result.exit_code == 2


def test_folder_expands_to_its_maps(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yml").write_text(GOOD.replace("text: U", "txt: U"))
    (tmp_path / "notes.txt").write_text("not a map")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "b.yml:" in result.stdout and "a.yaml:" not in result.stdout
    assert "2 maps checked" in result.stderr


def test_json_diagnostics(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    path = write_map(GOOD + "    bogus: 1\n")
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    [diag] = json.loads(result.stdout)
    assert diag == {
        "file": str(path),
        "line": 7,
        "col": 5,
        "severity": "error",
        "code": "unknown-key",
        "message": "unknown key 'bogus'",
    }


def test_broken_input_never_prints_a_traceback(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    for content in (
        b"\xff\xfe\x00",
        b"a: [",
        b"- 1\n- 2\n",
        b"\x00\x01",
        b"argmap: [1]\ntitle: {}",
    ):
        result = runner.invoke(app, ["validate", str(write_map(content))])
        assert result.exit_code == 1, content
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_schema_command_prints_the_committed_schema(runner: CliRunner) -> None:
    committed = Path(__file__).resolve().parent.parent / "schema" / "argmap.schema.json"
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == committed.read_text(encoding="utf-8"), (
        "schema/argmap.schema.json is stale: run `argmap schema -o schema/argmap.schema.json`"
    )
    schema = json.loads(result.stdout)
    assert schema["required"] == ["argmap", "title"]
    assert "Node" in schema["$defs"]


def test_schema_to_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["$schema"].startswith("https://json-schema.org/")


def test_choice_enums_mirror_the_model() -> None:
    from argmap import cli
    from argmap.model import Attack, DebateFormat, Side

    for choice, model in (
        (cli.SideChoice, Side),
        (cli.AttackChoice, Attack),
        (cli.FormatChoice, DebateFormat),
    ):
        assert [c.value for c in choice] == [m.value for m in model]
