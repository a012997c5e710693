"""Shared fixtures: real files in tmp_path and typer's runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.graph import MapGraph
from argmap.validate import load_map_text

ROOT = Path(__file__).resolve().parent.parent
MAPS = sorted((ROOT / "maps").glob("*.yaml"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    """One argmap command through typer's runner: exit code, stdout, stderr. Anything
    but a clean exit (a traceback) fails the test."""
    from argmap.cli import app

    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (str) or bytes to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def graph_of(text: str) -> MapGraph:
    """The resolved map of YAML text that must be valid."""
    result = load_map_text(text)
    assert result.graph is not None, [str(d) for d in result.diagnostics]
    return result.graph
