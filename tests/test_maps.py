"""Every map shipped in maps/ validates cleanly: no errors and no warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.validate import load_map
from conftest import MAPS


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_shipped_map_is_clean(path: Path) -> None:
    result = load_map(path)
    assert [str(d) for d in result.diagnostics] == []
    assert result.graph is not None and len(result.graph) > 0


def test_both_example_maps_ship() -> None:
    names = {p.name for p in MAPS}
    assert {"guerrilla-wars-to-victory-parades.yaml", "school-uniforms.yaml"} <= names


def test_shipped_maps_are_in_canonical_layout() -> None:
    """The pre-commit hook runs `argmap fmt --check`; our own maps must pass it."""
    from typer.testing import CliRunner

    from argmap.cli import app

    result = CliRunner().invoke(app, ["fmt", "--check", *map(str, MAPS)])
    assert result.exit_code == 0, result.output
