"""An argument claims a scheme but leaves its critical questions open.

Every scheme comes with the questions an opponent will ask (`argmap schemes ID`
lists them). A question is settled when a premise marked `cq: SCHEME.QUESTION`
answers it in advance, or when the attack that raises it falls. Questions still
open are this side's vulnerabilities; prepare answers, or silence the rule on the
node with `ignore: [open-cq]`.

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce theft, as schools that adopted them found.
        scheme: sign
        premises:
          - text: Reported thefts fell after uniforms came in.
            analytic: true
            cq: sign.strength
          - text: Nothing else changed in those schools that year.
            analytic: true
            cq: sign.other-explanation

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce theft, as schools that adopted them found.
        scheme: sign
        premises:
          - text: Reported thefts fell after uniforms came in.
            analytic: true
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.questions import QuestionKind, open_questions
from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity
from argmap.model import Side


def check(ctx: CheckContext) -> Iterator[Finding]:
    by_node: dict[str, list[str]] = {}
    for side in (Side.PRO, Side.CON):
        for q in open_questions(ctx.graph, side, ctx.evaluation):
            if q.kind is QuestionKind.VULNERABILITY:
                raised = f" (raised by {q.raised_by})" if q.raised_by else ""
                by_node.setdefault(q.node, []).append(q.cq + raised)
    for node_id, questions in by_node.items():
        scheme = ctx.graph[node_id].node.scheme
        yield Finding(
            f"'{node_id}' argues by {scheme} and leaves {len(questions)} critical "
            f"question{'s' * (len(questions) != 1)} open: {', '.join(questions)}",
            node=node_id,
            path=(*ctx.graph[node_id].path, "scheme"),
        )


RULE = Rule("open-cq", Severity.WARNING, check, __doc__ or "")
