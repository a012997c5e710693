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
from rich.tree import Tree

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
}
_STATUS_WIDTH = max(len(s.value) for s in Status)


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


def _node_line(evaluation: Evaluation, node_id: str, reasons: bool) -> Text:
    graph = evaluation.graph
    mapped = graph[node_id]
    verdict = evaluation.verdicts[node_id]
    line = Text()
    line.append_text(status_text(verdict))
    line.append(f" {_strength(verdict)} ")
    line.append(node_id, style="bold")
    if mapped.role is Role.REBUTTAL:
        kind = f"{mapped.attack}{', turn' if mapped.node.turn else ''}"
        line.append(f" [{kind}]", style="italic")
    line.append(f"  {mapped.label}")
    line.append(_links(graph, node_id), style="dim")
    if reasons:
        line.append(f"\n{verdict.reason}", style="dim")
    return line


def evaluation_tree(evaluation: Evaluation, reasons: bool = True) -> Tree:
    """The map as a tree per side: status, strength, id, kind of attack and label."""
    graph = evaluation.graph
    tree = Tree(Text(graph.map.title, style="bold"))
    for side in (Side.PRO, Side.CON):
        roots = [r for r in graph.roots if graph[r].side is side]
        if not roots:
            continue
        branch = tree.add(Text(graph.side_label(side), style="bold underline"))
        stack = [(branch, r) for r in reversed(roots)]
        while stack:
            parent, node_id = stack.pop()
            child = parent.add(_node_line(evaluation, node_id, reasons))
            kids = [*graph[node_id].premises, *graph[node_id].rebuttals]
            stack.extend((child, k) for k in reversed(kids))
    return tree


def evaluation_table(evaluation: Evaluation) -> Table:
    """One row per node in document order: id, side, status, strength, reason."""
    graph = evaluation.graph
    table = Table(title=Text(graph.map.title), show_lines=False)
    for name, justify in (
        ("id", "left"),
        ("side", "left"),
        ("status", "left"),
        ("strength", "right"),
        ("reason", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for mapped in graph:
        verdict = evaluation.verdicts[mapped.id]
        table.add_row(
            Text("  " * mapped.depth + mapped.id),
            Text(mapped.side.value),
            status_text(verdict, pad=False),
            _strength(verdict),
            Text(verdict.reason),
        )
    return table


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
    for name in ("cq", "question", "attack", "burden"):
        table.add_column(name)
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
