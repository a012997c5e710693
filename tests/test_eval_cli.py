"""argmap eval and argmap schemes through typer's runner, on real files."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from typer.testing import CliRunner

from argmap.analysis import Status, evaluate
from argmap.cli import app
from argmap.schemes import scheme_library
from argmap.validate import load_map

FIXTURE = Path(__file__).parent / "fixtures" / "uniforms.yaml"
WIDE = {"COLUMNS": "200"}
# A tree line: glyph, status word, strength, id, then the rest.
TREE_LINE = re.compile(r"(\S) (stands|falls|contested|unsupported)\s+(\d\.\d\d) (\S+)")


def fixture_verdicts() -> dict[str, tuple[Status, float | None]]:
    graph = load_map(FIXTURE).graph
    assert graph is not None
    return {k: (v.status, v.strength) for k, v in evaluate(graph).items()}


def test_tree_shows_every_node_with_glyph_status_and_strength(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(FIXTURE)], env=WIDE)
    assert result.exit_code == 0, result.output
    found = {m[3]: (m[0], m[1], m[2]) for m in TREE_LINE.findall(result.stdout)}
    expected = fixture_verdicts()
    assert list(found) == list(expected)  # document order, every node once
    for node_id, (glyph, word, strength) in found.items():
        status, score = expected[node_id]
        assert (glyph, word) == (status.glyph, status.value)
        assert float(strength) == round(score or 0, 2)
    assert "falls: undermined by P1a, which stands" in result.stdout
    assert "[rebut, turn]" in result.stdout


def test_tree_ends_with_the_standing_summary_and_weighing_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--no-reasons", str(FIXTURE)], env=WIDE)
    assert result.exit_code == 0
    assert "falls: undermined" not in result.stdout
    summary = " ".join(result.stdout.split())
    assert "Pro has 1 of 2 contentions standing (P1) and 1 turn" in summary
    table = result.stdout.split("Weighing")[1].splitlines()
    header = next(line for line in table if "P1" in line)
    assert header.split() == ["P1", "P2", "C1"]
    probability = next(line for line in table if line.strip().startswith("probability"))
    assert probability.split() == ["probability", "high"]


def test_table_format_has_one_row_per_node(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--format", "table", str(FIXTURE)], env=WIDE)
    assert result.exit_code == 0
    lines = result.stdout.split("\n\n")[1].splitlines()
    assert lines[0].split() == ["id", "side", "status", "strength", "reason"]
    rows = [line.split(maxsplit=5) for line in lines[2:]]
    expected = fixture_verdicts()
    assert [r[0] for r in rows] == list(expected)
    for node_id, _side, glyph, word, strength, reason in rows:
        status, score = expected[node_id]
        assert (glyph, word, float(strength)) == (status.glyph, status.value, round(score or 0, 2))
        assert reason.startswith(status.value)
    indented = next(line for line in lines if line.lstrip().startswith("P1a "))
    assert indented.startswith("    P1a")  # depth 2


def test_json_format_matches_evaluate(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--format", "json", str(FIXTURE)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    expected = fixture_verdicts()
    assert {n["id"]: (Status(n["status"]), n["strength"]) for n in data["nodes"]} == expected
    pro, con = data["sides"]
    assert pro["standing"] == ["P1"] and pro["turns"] == ["P3"]
    assert con["contentions"][0]["outweighs"] == ["P2"]
    # P3 and P1.e settle in round 1 (C1 falls to P3 in that round's rejections), P1 in 2
    steps = {n["id"]: n["step"] for n in data["nodes"]}
    assert (steps["P3"], steps["P1.e"], steps["C1"], steps["P1"]) == (1, 1, 1, 2)


def test_map_text_is_never_read_as_markup(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map(
        'argmap: 1\ntitle: "[bold red]T[/]"\nclaims:\n'
        '  - {id: C, side: pro, title: "[link=x]click[/link]", text: A.}\n'
    )
    result = runner.invoke(app, ["eval", str(path)], env=WIDE)
    assert result.exit_code == 0
    assert "[bold red]T[/]" in result.stdout
    assert "[link=x]click[/link]" in result.stdout


def test_invalid_map_prints_its_errors_and_exits_one(
    runner: CliRunner, write_map: Callable[..., Path]
) -> None:
    path = write_map("argmap: 1\ntitle: T\nclaims:\n  - {id: C, side: pro, text: A., cq: x.y}\n")
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:4:")
    assert "unknown-scheme" in result.stdout


def test_schemes_lists_the_library(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schemes"], env=WIDE)
    assert result.exit_code == 0
    listed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("\u2502")]
    assert listed == list(scheme_library())


def test_schemes_shows_one_with_its_questions(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schemes", "expert-opinion"], env=WIDE)
    assert result.exit_code == 0
    scheme = scheme_library()["expert-opinion"]
    assert scheme.title in result.stdout
    for question in scheme.questions:
        assert f"expert-opinion.{question.id}" in result.stdout


def test_unknown_scheme_is_wrong_usage(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schemes", "expert"], env=WIDE)
    assert result.exit_code == 2
    assert "unknown scheme 'expert'" in result.output


def test_the_library_ships_the_issue_schemes_inside_the_package() -> None:
    assert files("argmap").joinpath("data", "schemes.yaml").is_file()
    required = {
        "expert-opinion",
        "position-to-know",
        "popular-opinion",
        "analogy",
        "precedent",
        "cause-to-effect",
        "correlation-to-cause",
        "sign",
        "consequences",
        "practical-reasoning",
        "slippery-slope",
        "ad-hominem",
        "commitment",
    }
    library = scheme_library()
    assert required <= set(library)
    for scheme in library.values():
        assert scheme.premises and scheme.conclusion and len(scheme.questions) >= 2


def test_the_example_in_docs_analysis_is_what_eval_prints(
    runner: CliRunner, tmp_path: Path
) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "analysis.md").read_text()
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    shown = docs.split("```yaml\n", 1)[1].split("```\n\n```\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert TREE_LINE.findall(shown) == TREE_LINE.findall(result.stdout)
    assert " ".join(shown.split()) in " ".join(result.stdout.split())
