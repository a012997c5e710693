"""Golden tests: each broken map in tests/golden/ prints exactly its .expected diagnostics.

Set ARGMAP_UPDATE_GOLDEN=1 to rewrite the .expected files, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_diagnostics_match_golden(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    result = CliRunner().invoke(app, ["validate", case.name])
    expected = case.with_suffix(".expected")
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")
    has_error = any("error[" in line for line in result.stdout.splitlines())
    assert result.exit_code == (1 if has_error else 0)
