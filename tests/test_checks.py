"""argmap check: every rule's documented examples, switching rules off, the answer key."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap.analysis.rules as rules_package
from argmap.analysis.checks import run_checks
from argmap.analysis.rules import RULES, Rule, checks_markdown
from argmap.cli import app
from argmap.diagnostics import Diagnostic
from argmap.validate import load_map_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "uniforms.yaml"


def check_text(text: str, disable: tuple[str, ...] = ()) -> list[Diagnostic]:
    result = load_map_text(text, "map.yaml")
    assert result.graph is not None and result.loaded is not None, [
        str(d) for d in result.diagnostics
    ]
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return run_checks(result.graph, result.loaded.position, result.loaded.key_position, disable)


def test_every_rule_module_is_registered() -> None:
    names = [m.name for m in pkgutil.iter_modules(rules_package.__path__) if m.name != "base"]
    modules = [importlib.import_module(f"argmap.analysis.rules.{n}") for n in names]
    assert sorted(m.RULE.code for m in modules) == sorted(r.code for r in RULES)
    assert len({r.code for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_pass_example_passes_and_fail_example_fails(rule: Rule) -> None:
    passing = [d for d in check_text(rule.example("PASS")) if d.code == rule.code]
    assert passing == []
    failing = [d for d in check_text(rule.example("FAIL")) if d.code == rule.code]
    assert failing, f"the FAIL example of {rule.code} raises no {rule.code}"
    assert all(d.severity is rule.severity for d in failing)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_a_rule_can_be_disabled_three_ways(rule: Rule) -> None:
    failing = rule.example("FAIL")
    assert not [d for d in check_text(failing, (rule.code,)) if d.code == rule.code]
    in_map = failing.replace("claims:", f"checks: {{disable: [{rule.code}]}}\nclaims:", 1)
    assert not [d for d in check_text(in_map) if d.code == rule.code]
    found = [d for d in check_text(failing) if d.code == rule.code]
    if rule.code != "unused-source":  # the one rule about a source, not a node
        ignore = rf"\1- id: \2\n\1  ignore: [{rule.code}]"
        on_nodes = re.sub(r"(?m)^( *)- id: (.*)$", ignore, failing)
        assert [d for d in check_text(on_nodes) if d.code == rule.code] == []
        assert found


def test_docs_list_every_rule() -> None:
    docs = ROOT / "docs" / "checks.md"
    if os.environ.get("ARGMAP_UPDATE_DOCS"):
        docs.write_text(checks_markdown(), encoding="utf-8")
    assert docs.read_text(encoding="utf-8") == checks_markdown(), (
        "docs/checks.md is stale: run ARGMAP_UPDATE_DOCS=1 pytest tests/test_checks.py"
    )
    for rule in RULES:
        assert f"## {rule.code}" in docs.read_text(encoding="utf-8")


def test_warnings_point_at_the_node_line() -> None:
    text = (
        "argmap: 1\ntitle: T\nclaims:\n"
        "  - id: C1\n    side: pro\n    text: Uniforms reduce bullying.\n"
        "    analytic: true\n"
        "    rebuttals:\n"
        "      - id: R1\n        text: Bullying moves elsewhere.\n"
    )
    [unanswered] = [d for d in check_text(text) if d.code == "unanswered-attack"]
    assert (unanswered.line, unanswered.col) == (9, 9)
    assert str(unanswered) == (
        "map.yaml:9:9: warning[unanswered-attack]: 'R1' rebuts 'C1' and nothing answers it: "
        "add a rebuttal under it, or concede the point"
    )


def test_unknown_codes_in_the_map_are_warnings_with_a_hint() -> None:
    text = (
        "argmap: 1\ntitle: T\nchecks: {disable: [quote-mising]}\nclaims:\n"
        "  - {id: C1, side: pro, text: A., analytic: true, ignore: [nope],"
        " impact: {magnitude: big}}\n"
    )
    found = [str(d) for d in check_text(text)]
    nope = text.splitlines()[4].index("nope") + 1
    assert found == [
        "map.yaml:3:20: warning[unknown-check]: unknown check 'quote-mising' "
        "(did you mean 'quote-missing'?)",
        f"map.yaml:5:{nope}: warning[unknown-check]: unknown check 'nope'; known checks: "
        + ", ".join(r.code for r in RULES),
    ]


# -- the command


def test_check_passes_on_the_fixture_with_its_answer_key(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    codes = [line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()]
    assert codes == ["open-cq", "unanswered-attack", "unanswered-attack"]
    assert "1 map checked: 0 errors, 3 warnings" in result.stderr


def test_a_wrong_answer_key_is_an_error(runner: CliRunner, write_map: Callable[..., Path]) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("falls: [C1r,", "stands: [C1r,", 1)
    text = text.replace("  stands: [P1,", "  contested: [P1,", 1)
    path = write_map(text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "error[" in line]
    lines = text.splitlines()
    line_of = next(i for i, line in enumerate(lines, 1) if line.startswith("  contested:"))
    assert errors[0] == (
        f"{path}:{line_of}:15: error[expect-mismatch]: expected 'P1' to be contested, but it "
        "stands (stands: supported by P1.e; its attackers C1 and C1r fall)"
    )
    assert any("expected 'C1r' to stand, but it falls" in e for e in errors)


def test_strict_fails_on_warnings_and_disable_switches_them_off(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", "--strict", str(FIXTURE)]).exit_code == 1
    args = [
        "check",
        "--strict",
        "--disable",
        "open-cq",
        "--disable",
        "unanswered-attack",
        str(FIXTURE),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_unknown_disable_code_is_wrong_usage(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--disable", "no-impacts", str(FIXTURE)])
    assert result.exit_code == 2
    words = " ".join(result.output.replace("\u2502", " ").split())
    assert "unknown check 'no-impacts' (did you mean 'no-impact'?)" in words


def test_invalid_map_prints_validation_errors_only(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map("argmap: 1\ntitle: T\nclaims:\n  - {id: C, text: A., scheme: nope}\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    codes = [line.split("[")[1].split("]")[0] for line in result.stdout.splitlines()]
    assert codes == ["missing-side", "unknown-scheme"]


def test_json_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--format", "json", str(FIXTURE)])
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert {d["code"] for d in found} == {"open-cq", "unanswered-attack"}
    assert all(d["severity"] == "warning" and d["file"] == str(FIXTURE) for d in found)
