"""An evidence card's quote is too short to read aloud: a fragment or a bare figure.

A card is read aloud in the round, so its quote has to make a point on its own: a
whole sentence or a clause with its verb. A bare figure ("40%") or a few words ("five
years") is the mapper's note, not the source's words: a debater who reads it out
misquotes. Quote the sentence the figure stands in and mark the words to read with
`==...==`; keep figures and paraphrase in the card's `note`. A quote counts as too
short with fewer than six words, or with no letter at all.

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
            quote: "Reported bullying ==fell by a fifth== in the two years after adoption."

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
            quote: "a fifth"
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity
from argmap.quotes import plain

FEWEST_WORDS = 6


def check(ctx: CheckContext) -> Iterator[Finding]:
    for mapped in ctx.graph:
        for i, card in enumerate(mapped.node.evidence):
            if card.quote is None or not card.quote.strip():
                continue  # quote-missing's case
            words = plain(card.quote).split()
            if len(words) < FEWEST_WORDS or not any(c.isalpha() for c in card.quote):
                yield Finding(
                    f"the quote from '{card.source}' is too short to read aloud "
                    f"({len(words)} word{'s' * (len(words) != 1)}): quote the source's "
                    "sentence and mark the words to read with ==...==; figures go in `note`",
                    node=mapped.id,
                    path=(*mapped.path, "evidence", i, "quote"),
                )


RULE = Rule("short-quote", Severity.WARNING, check, __doc__ or "")
