"""Console: terminal views of an evaluation and of the scheme library, drawn with rich.

Map text is untrusted: it goes into rich `Text` objects, never into markup, so a
title like "[bold]" prints as written. Status is shown by glyph and word, with
style only as a redundant cue.
"""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from argmap.analysis import Evaluation, Status, Verdict
from argmap.analysis.grounded import Label
from argmap.analysis.weighing import IMPACT_AXES, Contention, Weighing
from argmap.graph import MapGraph, Relation, Role
from argmap.model import Side
from argmap.schemes import Scheme

_STYLE = {
    Status.STANDS: "bold",
    Status.FALLS: "dim strike",
    Status.CONTESTED: "italic",
    Status.UNSUPPORTED: "",
    Status.CUT: "italic",
}
_STATUS_WIDTH = max(len(s.value) for s in Status)
_FORK, _LAST, _PIPE, _BLANK = "\u251c\u2500\u2500 ", "\u2514\u2500\u2500 ", "\u2502   ", "    "


def status_text(verdict: Verdict, pad: bool = True) -> Text:
    """'✔ stands' and friends; padded, the words line up in a tree."""
    width = _STATUS_WIDTH if pad else 0
    return Text(
        f"{verdict.status.glyph} {verdict.status.value:<{width}}", style=_STYLE[verdict.status]
    )


def _strength(verdict: Verdict) -> str:
    return "  -  " if verdict.strength is None else f"{verdict.strength:.2f}"


def _links(graph: MapGraph, node_id: str) -> str:
    parts = []
    for relation, verb in (
        (Relation.SUPPORT, "supports"),
        (Relation.ATTACK, "attacks"),
        (Relation.OUTWEIGH, "outweighs"),
    ):
        targets = [e.target for e in graph.edges_from(node_id, relation) if e.cross_link]
        if targets:
            parts.append(f"{verb} {', '.join(targets)}")
    return f"  ({'; '.join(parts)})" if parts else ""


def _node_line(evaluation: Evaluation, node_id: str) -> str:
    graph = evaluation.graph
    mapped = graph[node_id]
    verdict = evaluation.verdicts[node_id]
    kind = ""
    if mapped.role is Role.REBUTTAL:
        kind = f" [{mapped.attack}{', turn' if mapped.node.turn else ''}]"
    status = f"{verdict.status.glyph} {verdict.status.value:<{_STATUS_WIDTH}}"
    label = _one_line(mapped.label)
    return f"{status} {_strength(verdict)} {node_id}{kind}  {label}{_links(graph, node_id)}"


def evaluation_tree(evaluation: Evaluation, reasons: bool = True) -> str:
    """The map as a tree per side: status, strength, id, kind of attack, label, reason.

    Plain text with tree guides, built directly: rich's Tree takes seconds on a
    10,000-node map, and the glyph and word carry the status without styles.
    """
    graph = evaluation.graph
    lines = [_one_line(graph.map.title)]
    sides = [(s, [r for r in graph.roots if graph[r].side is s]) for s in (Side.PRO, Side.CON)]
    sides = [(s, roots) for s, roots in sides if roots]
    for number, (side, roots) in enumerate(sides):
        last_side = number == len(sides) - 1
        lines.append((_LAST if last_side else _FORK) + _one_line(graph.side_label(side)))
        base = _BLANK if last_side else _PIPE
        stack = [(r, base, i == len(roots) - 1) for i, r in enumerate(roots)][::-1]
        while stack:
            node_id, prefix, last = stack.pop()
            lines.append(prefix + (_LAST if last else _FORK) + _node_line(evaluation, node_id))
            inner = prefix + (_BLANK if last else _PIPE)
            if reasons:
                lines.append(inner + evaluation.verdicts[node_id].reason)
            kids = [*graph[node_id].premises, *graph[node_id].rebuttals]
            stack.extend((k, inner, i == len(kids) - 1) for i, k in reversed(list(enumerate(kids))))
    return "\n".join(lines)


def evaluation_table(evaluation: Evaluation) -> str:
    """One row per node in document order: id (indented by depth), side, status,
    strength and reason, in plain aligned columns."""
    graph = evaluation.graph
    rows = [("id", "side", "status", "strength", "reason")]
    for mapped in graph:
        verdict = evaluation.verdicts[mapped.id]
        rows.append(
            (
                "  " * mapped.depth + mapped.id,
                mapped.side.value,
                f"{verdict.status.glyph} {verdict.status.value}",
                _strength(verdict),
                verdict.reason,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [_one_line(graph.map.title), ""]
    for number, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) if i != 3 else row[i].rjust(widths[i]) for i in range(4)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in [*widths, len("reason")]))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """Map text on one line: a newline inside a label would break the tree."""
    return " ".join(text.split())


def weighing_view(weighing: Weighing, evaluation: Evaluation) -> Group:
    """The standing summary, then the weighing table: one column per contention.

    Contentions sit side by side, as judges compare them; impact axes that no
    contention fills in are left out.
    """
    columns = [c for side in weighing.sides for c in side.contentions]
    axes = [a for a in IMPACT_AXES if any(c.impact and getattr(c.impact, a) for c in columns)]
    table = Table(title="Weighing", box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("", style="bold", no_wrap=True)
    for c in columns:
        table.add_column(Text(c.id), min_width=8)
    labels = {s.side: s.label for s in weighing.sides}
    rows: list[list[Text | str]] = [
        ["side", *(Text(labels[c.side]) for c in columns)],
        ["status", *(_contention_status(c, evaluation) for c in columns)],
        ["strength", *(_strength(evaluation.verdicts[c.id]) for c in columns)],
    ]
    for axis in axes:
        rows.append([axis, *(Text((c.impact and getattr(c.impact, axis)) or "") for c in columns)])
    rows.append(["outweighs", *(Text(", ".join(c.outweighs)) for c in columns)])
    for row in rows:
        table.add_row(*row)
    return Group(Text(weighing.summary), table)


def _contention_status(contention: Contention, evaluation: Evaluation) -> Text:
    status = status_text(evaluation.verdicts[contention.id], pad=False)
    if contention.bearing is Label.OUT:
        status.append(" (cut off from the motion)")
    elif contention.bearing is Label.UNDEC:
        status.append(" (bearing contested)")
    return status


def evaluation_json(evaluation: Evaluation, weighing: Weighing) -> str:
    """`argmap eval --format json`: nodes with verdicts, then the weighing."""
    graph = evaluation.graph
    nodes: list[dict[str, Any]] = []
    for mapped in graph:
        verdict = evaluation.verdicts[mapped.id]
        nodes.append(
            {
                "id": mapped.id,
                "side": mapped.side.value,
                "role": mapped.role.value,
                "parent": mapped.parent,
                "attack": mapped.attack.value if mapped.attack else None,
                "status": verdict.status.value,
                "strength": verdict.strength,
                "reason": verdict.reason,
                "step": evaluation.step(mapped.id),
            }
        )
    sides = [
        {
            "side": side.side.value,
            "label": side.label,
            "standing": [c.id for c in side.standing],
            "turns": side.turns,
            "contentions": [
                {
                    "id": c.id,
                    "status": c.status.value,
                    "strength": c.strength,
                    "bears_on_motion": c.bearing.value,
                    "impact": c.impact.model_dump(exclude_none=True) if c.impact else None,
                    "impact_from": c.impact_from,
                    "outweighs": c.outweighs,
                }
                for c in side.contentions
            ],
        }
        for side in weighing.sides
    ]
    data = {
        "file": graph.file,
        "title": graph.map.title,
        "nodes": nodes,
        "sides": sides,
        "summary": weighing.summary,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def scheme_list(schemes: list[Scheme]) -> Table:
    table = Table(title="Argumentation schemes")
    table.add_column("id")
    table.add_column("scheme")
    table.add_column("questions", justify="right")
    for scheme in schemes:
        table.add_row(scheme.id, scheme.title, str(len(scheme.questions)))
    return table


def scheme_detail(scheme: Scheme) -> Group:
    pattern = Text()
    pattern.append(f"{scheme.title} ({scheme.id})\n", style="bold")
    for premise in scheme.premises:
        pattern.append(f"  premise: {premise}\n")
    pattern.append(f"  so:      {scheme.conclusion}")
    table = Table(title="Critical questions")
    table.add_column("cq", no_wrap=True)
    table.add_column("question")
    table.add_column("attack", no_wrap=True)
    table.add_column("burden", no_wrap=True)
    for q in scheme.questions:
        table.add_row(f"{scheme.id}.{q.id}", q.ask, q.attack.value, q.burden.value)
    return Group(pattern, table)


def print_views(*views: Any) -> None:
    """Print rich renderables to standard output, with a blank line between them."""
    console = Console(highlight=False)
    for i, view in enumerate(views):
        if i:
            console.print()
        console.print(view)
