"""An evidence card cites a source but does not quote it.

A card is the exact words relied on; a cite with no quote cannot be checked and
invites the charge of paraphrasing a source into saying more than it does. Record
the source's exact words in `quote`. A card whose source gives no words to quote
keeps what it reports in `note` (never in `quote`) and switches this check off for
its node (`ignore: [quote-missing]`) or the map.

PASS:

    argmap: 1
    title: Uniforms
    sources:
      lee: {author: Dana Lee, title: Uniforms and school climate, date: "2019"}
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        evidence:
          - source: lee
            quote: "Reported bullying fell by a fifth in the two years after adoption."

FAIL:

    argmap: 1
    title: Uniforms
    sources:
      lee: {author: Dana Lee, title: Uniforms and school climate, date: "2019"}
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
        evidence:
          - source: lee
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    for mapped in ctx.graph:
        for i, card in enumerate(mapped.node.evidence):
            if card.quote is None or not card.quote.strip():
                yield Finding(
                    f"the card from '{card.source}' has no quote: record the exact words "
                    "or figure relied on",
                    node=mapped.id,
                    path=(*mapped.path, "evidence", i),
                )


RULE = Rule("quote-missing", Severity.WARNING, check, __doc__ or "")
