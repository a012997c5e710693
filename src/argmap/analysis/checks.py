"""Checks: run the debate-quality rules and the map's answer key over a resolved map.

`run_checks` returns positioned diagnostics like validation does: one warning per
rule finding (unless the rule is disabled for the run, for the map with
`checks: {disable: [...]}` or for the node with `ignore: [...]`), and one error per
entry of `expect` that the evaluation contradicts. The CLI decides the exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.analysis import Evaluation, Status, analyse
from argmap.analysis.rules import RULES, RULES_BY_CODE, CheckContext
from argmap.diagnostics import Diagnostic, Position, Severity, did_you_mean, sort_diagnostics
from argmap.graph import MapGraph, YamlPath

Locate = Callable[[YamlPath], Position]

_EXPECTED = {
    Status.STANDS: "stand",
    Status.FALLS: "fall",
    Status.CONTESTED: "be contested",
    Status.UNSUPPORTED: "be unsupported",
    Status.CUT: "be cut off by an undercut",
}
_FOUND = {
    Status.STANDS: "stands",
    Status.FALLS: "falls",
    Status.CONTESTED: "is contested",
    Status.UNSUPPORTED: "is unsupported",
    Status.CUT: "is cut off by an undercut",
}


def rule_codes() -> list[str]:
    return [rule.code for rule in RULES]


def run_checks(
    graph: MapGraph,
    locate: Locate,
    locate_key: Locate | None = None,
    disable: Iterable[str] = (),
    evaluation: Evaluation | None = None,
) -> list[Diagnostic]:
    """Rule warnings and answer-key errors for `graph`, in file order.

    `locate`/`locate_key` turn a path into the file position of its value/key
    (`MapResult.loaded.position` and `.key_position`). `disable` holds codes
    switched off for this run; the caller checks that they exist.
    """
    locate_key = locate_key or locate
    evaluation = evaluation or analyse(graph)
    found: list[Diagnostic] = []

    def report(path: YamlPath, code: str, message: str, severity: Severity, key: bool) -> None:
        pos = locate_key(path) if key else locate(path)
        found.append(Diagnostic.at(graph.file, pos, code, message, severity))

    disabled = set(disable)
    if graph.map.checks is not None:
        disabled.update(graph.map.checks.disable)
        for i, code in enumerate(graph.map.checks.disable):
            if code not in RULES_BY_CODE:
                report(("checks", "disable", i), *_unknown(code), key=False)
    for mapped in graph:
        for i, code in enumerate(mapped.node.ignore):
            if code not in RULES_BY_CODE:
                report((*mapped.path, "ignore", i), *_unknown(code), key=False)

    ctx = CheckContext(graph, evaluation)
    for rule in RULES:
        if rule.code in disabled:
            continue
        for finding in rule.check(ctx):
            node = graph[finding.node] if finding.node is not None else None
            if node is not None and rule.code in node.node.ignore:
                continue
            path = finding.path if finding.path is not None else node.path if node else ()
            report(path, rule.code, finding.message, rule.severity, finding.key)

    for status, where, i, node_id in _answer_key(graph):
        verdict = evaluation.verdicts[node_id]
        if verdict.status is not status:
            report(
                ("expect", where, i),
                "expect-mismatch",
                f"expected '{node_id}' to {_EXPECTED[status]}, but it {_FOUND[verdict.status]}"
                f" ({verdict.reason})",
                Severity.ERROR,
                key=False,
            )
    return sort_diagnostics(found)


def _unknown(code: str) -> tuple[str, str, Severity]:
    hint = did_you_mean(code, RULES_BY_CODE) or f"; known checks: {', '.join(rule_codes())}"
    return "unknown-check", f"unknown check '{code}'{hint}", Severity.WARNING


def _answer_key(graph: MapGraph) -> list[tuple[Status, str, int, str]]:
    expect = graph.map.expect
    if expect is None:
        return []
    lists = {
        Status.STANDS: expect.stands,
        Status.FALLS: expect.falls,
        Status.CONTESTED: expect.contested,
        Status.UNSUPPORTED: expect.unsupported,
        Status.CUT: expect.cut,
    }
    return [
        (status, status.value, i, node_id)
        for status, ids in lists.items()
        for i, node_id in enumerate(ids)
    ]
