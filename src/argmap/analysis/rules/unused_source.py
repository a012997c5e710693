"""A source in the bibliography is never cited by a card.

Either a card that should cite it is missing, or the entry is left over from an
earlier draft. Cite it in some node's `evidence`, or remove it.

PASS:

    argmap: 1
    title: Uniforms
    sources:
      lee: {author: Dana Lee, title: Uniforms and school climate}
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        evidence: [{source: lee, quote: "Reported bullying fell by a fifth."}]

FAIL:

    argmap: 1
    title: Uniforms
    sources:
      lee: {author: Dana Lee, title: Uniforms and school climate}
      ray: {author: Sam Ray, title: The cost of school clothing}
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        evidence: [{source: lee, quote: "Reported bullying fell by a fifth."}]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    cited = {card.source for mapped in ctx.graph for card in mapped.node.evidence}
    for source_id in ctx.graph.map.sources:
        if source_id not in cited:
            yield Finding(
                f"source '{source_id}' is never cited by a card",
                path=("sources", source_id),
                key=True,
            )


RULE = Rule("unused-source", Severity.WARNING, check, __doc__ or "")
