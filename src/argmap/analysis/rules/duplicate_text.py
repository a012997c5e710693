"""Two nodes say the same thing.

The same claim written twice evaluates twice and drifts apart when one copy is
edited. Write it once and link it from elsewhere with `supports` or `attacks`.
Texts are compared ignoring case, spacing and final punctuation.

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
      - id: C2
        side: pro
        text: Uniforms save parents time in the morning.
        supports: [C1]

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
      - id: C2
        side: pro
        text: uniforms reduce  bullying
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity

_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip().rstrip(".!?;:").strip().casefold()


def check(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for mapped in ctx.graph:
        key = normalised(mapped.text)
        if key in first:
            yield Finding(
                f"same text as '{first[key]}': write it once and link it with "
                "`supports` or `attacks`",
                node=mapped.id,
                path=(*mapped.path, "text"),
            )
        else:
            first[key] = mapped.id


RULE = Rule("duplicate-text", Severity.WARNING, check, __doc__ or "")
