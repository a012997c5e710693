"""A contention never says why it matters.

Judges decide rounds by weighing impacts, and coaches want weighing planted in the
constructive. A contention (a root claim that supports no other node) needs an
`impact` with at least one of magnitude, probability, timeframe, scope or
reversibility, on itself or on a premise below it.

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        analytic: true
        impact: {magnitude: "fewer pupils miss school", probability: high}

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        analytic: true
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.analysis.weighing import IMPACT_AXES, contentions, impact_of
from argmap.diagnostics import Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    for root in contentions(ctx.graph):
        impact, _ = impact_of(ctx.graph, root)
        if impact is None or all(getattr(impact, axis) is None for axis in IMPACT_AXES):
            yield Finding(
                f"contention '{root}' has no impact: add `impact:` with its magnitude, "
                "probability, timeframe, scope or reversibility",
                node=root,
            )


RULE = Rule("no-impact", Severity.WARNING, check, __doc__ or "")
