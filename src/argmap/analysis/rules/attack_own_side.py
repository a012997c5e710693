"""A node attacks a node of its own side.

An attack normally crosses sides. A cross-link `attacks` on a node of the same
side usually means a wrong id or a node filed under the wrong side; if it is a
deliberate concession, say so with `ignore: [attack-own-side]`. (A rebuttal whose
explicit `side` matches its parent's is reported by `argmap validate` as
side-mismatch.)

PASS:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
      - id: O1
        side: con
        text: Bullying moved online, where uniforms change nothing.
        attacks: [C1]

FAIL:

    argmap: 1
    title: Uniforms
    claims:
      - id: C1
        side: pro
        text: Uniforms reduce bullying.
      - id: C2
        side: pro
        text: Bullying moved online, where uniforms change nothing.
        attacks: [C1]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.rules.base import CheckContext, Finding, Rule
from argmap.diagnostics import Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    graph = ctx.graph
    for mapped in graph:
        for i, target_id in enumerate(mapped.node.attacks):
            target = graph.nodes.get(target_id)
            if target is not None and target.side is mapped.side:
                yield Finding(
                    f"'{mapped.id}' attacks '{target_id}', which is on its own side "
                    f"({graph.side_label(mapped.side)})",
                    node=mapped.id,
                    path=(*mapped.path, "attacks", i),
                )


RULE = Rule("attack-own-side", Severity.WARNING, check, __doc__ or "")
