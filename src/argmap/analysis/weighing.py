"""Weighing: what each side still has standing, and the impacts a judge would weigh.

argmap never declares the motion won. Both sides normally keep some offense
standing, and rounds are decided by weighing it (magnitude, probability, timeframe,
scope, reversibility), which is the judge's call. So the report is: each side's
contentions with their status, the turns each side has won, and a weighing table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.analysis import Evaluation, Status
from argmap.analysis.grounded import Label
from argmap.graph import MapGraph, Relation
from argmap.model import Side

if TYPE_CHECKING:
    from argmap.model import Impact

IMPACT_AXES = ("magnitude", "probability", "timeframe", "scope", "reversibility")


@dataclass(frozen=True)
class Contention:
    """A root claim of one side, as the weighing sees it."""

    id: str
    side: Side
    label: str
    status: Status
    strength: float | None
    bearing: Label  # OUT when an undercut cuts it off from the motion
    impact: Impact | None
    impact_from: str | None  # the node that states the impact (this one or a premise)
    outweighs: list[str]

    @property
    def standing(self) -> bool:
        """Still offense for its side: it holds and still bears on the motion."""
        holds = self.status in (Status.STANDS, Status.UNSUPPORTED)
        return holds and self.bearing is Label.IN


@dataclass(frozen=True)
class SideStanding:
    side: Side
    label: str
    contentions: list[Contention]
    turns: list[str]  # this side's attacks marked `turn` that stand: offense won off the other

    @property
    def standing(self) -> list[Contention]:
        return [c for c in self.contentions if c.standing]


@dataclass(frozen=True)
class Weighing:
    sides: list[SideStanding]

    @property
    def summary(self) -> str:
        """One paragraph: standing counts per side, and that weighing decides."""
        parts = []
        for side in self.sides:
            ids = [c.id for c in side.standing]
            text = (
                f"{side.label} has {len(ids)} of {len(side.contentions)} "
                f"contention{'s' * (len(side.contentions) != 1)} standing"
                + (f" ({', '.join(ids)})" if ids else "")
            )
            if side.turns:
                text += f" and {len(side.turns)} turn{'s' * (len(side.turns) != 1)}"
            parts.append(text)
        return (
            "; ".join(parts) + ". argmap does not decide the motion: the round turns on "
            "weighing what stands."
        )


def contentions(graph: MapGraph) -> list[str]:
    """Root claims that are contentions: roots that do not `supports` another node.

    A root that supports another node is a sub-argument written at the top level;
    it counts through the node it supports.
    """
    return [r for r in graph.roots if not graph.edges_from(r, Relation.SUPPORT)]


def impact_of(graph: MapGraph, node_id: str) -> tuple[Impact | None, str | None]:
    """The impact a contention states, on itself or on the first premise below it."""
    stack = [node_id]
    while stack:
        current = graph[stack.pop()]
        if current.node.impact is not None:
            return current.node.impact, current.id
        stack.extend(reversed(current.premises))
    return None, None


def weigh(evaluation: Evaluation) -> Weighing:
    """Each side's contentions and standing turns (see the module docstring)."""
    graph = evaluation.graph
    by_side: dict[Side, list[Contention]] = {Side.PRO: [], Side.CON: []}
    for root in contentions(graph):
        mapped = graph[root]
        verdict = evaluation.verdicts[root]
        impact, impact_from = impact_of(graph, root)
        by_side[mapped.side].append(
            Contention(
                id=root,
                side=mapped.side,
                label=mapped.label,
                status=verdict.status,
                strength=verdict.strength,
                bearing=evaluation.bearing(root),
                impact=impact,
                impact_from=impact_from,
                outweighs=[e.target for e in graph.edges_from(root, Relation.OUTWEIGH)],
            )
        )
    turns: dict[Side, list[str]] = {Side.PRO: [], Side.CON: []}
    for mapped in graph:
        if (
            mapped.node.turn
            and evaluation.label(mapped.id) is Label.IN
            and evaluation.bearing(mapped.id) is Label.IN
        ):
            turns[mapped.side].append(mapped.id)
    return Weighing(
        [SideStanding(s, graph.side_label(s), by_side[s], turns[s]) for s in (Side.PRO, Side.CON)]
    )
