"""An attack on a side's case succeeds and nothing answers it.

In a round an argument left unanswered is "dropped" and counts against you. This
rule flags every successful attack on a side's case, that is on a contention or on
a premise under it: the attacker stands (or is granted as an unsupported but
unanswered assertion) and is neither undercut nor outweighed. It points at the
attacker, where the answer belongs. Attacks on rebuttals are not reported (every
exchange ends with someone's last word); attacks on a node of the attacker's own
side are left to `attack-own-side`.

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        analytic: true
        rebuttals:
          - id: R1
            text: Bullying just moves to shoes and phones.
            rebuttals:
              - text: Schools that banned phones too saw incidents fall.
                analytic: true

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        analytic: true
        rebuttals:
          - id: R1
            text: Bullying just moves to shoes and phones.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.grounded import Label
from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity
from argmap.graph import MapGraph, Relation, Role

_VERB = {"rebut": "rebuts", "undermine": "undermines", "undercut": "undercuts"}


def check(ctx: CheckContext) -> Iterator[Finding]:
    graph, evaluation = ctx.graph, ctx.evaluation
    overruled = {
        (o.attacker, o.target) for rows in evaluation.framework.overruled.values() for o in rows
    }
    for edge in graph.edges:
        if edge.relation is not Relation.ATTACK or (edge.source, edge.target) in overruled:
            continue
        attacker, target = graph[edge.source], graph[edge.target]
        if attacker.side is target.side or not _in_case(graph, target.id):
            continue
        if evaluation.label(attacker.id) is not Label.IN:
            continue
        if evaluation.bearing(attacker.id) is not Label.IN:
            continue
        answers = [e.source for e in graph.edges_into(attacker.id, Relation.ATTACK)]
        verb = _VERB[str(edge.attack or "rebut")]
        if answers:
            why = f"every answer to it falls ({', '.join(answers)})"
        else:
            why = "nothing answers it: add a rebuttal under it, or concede the point"
        yield Finding(f"'{attacker.id}' {verb} '{target.id}' and {why}", node=attacker.id)


def _in_case(graph: MapGraph, node_id: str) -> bool:
    """A contention, or a premise that supports one through premises only."""
    node = graph[node_id]
    while node.role is Role.PREMISE and node.parent is not None:
        node = graph[node.parent]
    return node.role is Role.CLAIM


RULE = Rule("unanswered-attack", Severity.WARNING, check, __doc__ or "")
