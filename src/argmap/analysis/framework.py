"""Framework: the resolved map as an argumentation framework with necessary support.

The arguments are the map's nodes, plus one *bearing* argument for each node that
something undercuts: the claim that this node bears on what it is used for. An
undercut grants the node and attacks its bearing (ASPIC+'s attack on the inference,
Modgil & Prakken 2014), so every support and attack the node gives passes through
its bearing, and for a root claim also its bearing on the motion.

Each node has an own *basis* (a card, `analytic`, `implicit`, or a bare assertion
that is granted while unanswered) or rests on its supports alone. Supports come in
groups: co-premises sharing a `group` support their parent only together; every
other premise and every `supports` cross-link is a group of one.

Attacks become defeats as in ASPIC+: a rebut or undermine fails when its target
strictly outweighs the attacker (the target `outweighs` it and not the other way
round); an undercut always succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from argmap.graph import MapGraph, Relation
from argmap.model import Attack

MOTION = "<motion>"
"""Stands for the motion a root claim bears on (not a valid node id)."""


class Bearing(str):
    """The argument that a node bears on what it supports or attacks.

    A string ('~' + node id, which no node id can be), so that arguments hash as
    fast as node ids do.
    """

    __slots__ = ()

    def __new__(cls, node: str) -> Bearing:
        return super().__new__(cls, "~" + node)

    @property
    def node(self) -> str:
        return self[1:]


Arg = str
"""An argument: a node id, or a `Bearing` (the bearing of an undercut node)."""


class Basis(StrEnum):
    """What a node rests on besides its supports."""

    EVIDENCE = "evidence"  # one or more cards
    ANALYTIC = "analytic"  # own reasoning that needs no card
    IMPLICIT = "implicit"  # an unstated premise the mapper reconstructed
    ASSERTION = "assertion"  # nothing at all: granted while unanswered, reported unsupported
    DERIVED = "derived"  # its supports alone

    @property
    def own(self) -> bool:
        """The node holds without its supports."""
        return self is not Basis.DERIVED


@dataclass(frozen=True, slots=True)
class Step:
    """One node's contribution to an argument: a premise's support or an attacker's attack.

    `via` is the node's bearing when something undercuts it; the step then counts
    only while that bearing holds.
    """

    node: str
    via: Bearing | None = None
    kind: Attack | None = None  # for attacks
    turn: bool = False


@dataclass(frozen=True, slots=True)
class Overruled:
    """A rebut or undermine that weighing cancels: the target outweighs the attacker."""

    attacker: str
    target: str


@dataclass
class Framework:
    """Arguments with their supports and defeats, ready for labelling and strengths."""

    nodes: list[str]
    basis: dict[str, Basis]
    groups: dict[str, list[list[Step]]]
    attacks: dict[Arg, list[Step]]
    bearings: dict[str, Bearing]
    bears_on: dict[str, str]  # undercut node -> what its bearing is about (parent or MOTION)
    overruled: dict[str, list[Overruled]] = field(default_factory=dict)
    dependents: dict[Arg, list[Arg]] = field(default_factory=dict)

    @property
    def arguments(self) -> list[Arg]:
        return [*self.nodes, *self.bearings.values()]

    def via(self, node_id: str) -> Bearing | None:
        return self.bearings.get(node_id)

    @classmethod
    def abstract(cls, arguments: list[str], attacks: dict[str, list[str]]) -> Framework:
        """A plain Dung framework: `attacks` maps each argument to those it attacks."""
        fw = cls(
            nodes=list(arguments),
            basis=dict.fromkeys(arguments, Basis.ANALYTIC),
            groups={a: [] for a in arguments},
            attacks={},
            bearings={},
            bears_on={},
        )
        for attacker, targets in attacks.items():
            for target in targets:
                fw.attacks.setdefault(target, []).append(Step(attacker, kind=Attack.REBUT))
        fw.dependents = _dependents(fw)
        return fw


def build_framework(graph: MapGraph) -> Framework:
    """The framework of `graph`: bearings for undercut nodes, support groups, defeats."""
    bearings: dict[str, Bearing] = {}
    bears_on: dict[str, str] = {}
    for edge in graph.edges:
        undercut = edge.relation is Relation.ATTACK and edge.attack is Attack.UNDERCUT
        if undercut and edge.target not in bearings:
            bearings[edge.target] = Bearing(edge.target)
            bears_on[edge.target] = graph[edge.target].parent or MOTION

    outweighs = {(e.source, e.target) for e in graph.edges if e.relation is Relation.OUTWEIGH}
    fw = Framework(
        nodes=list(graph.nodes),
        basis={},
        groups={},
        attacks={},
        bearings=bearings,
        bears_on=bears_on,
    )
    for node_id in graph.nodes:
        fw.basis[node_id] = _basis(graph, node_id)
        fw.groups[node_id] = _groups(graph, node_id, bearings)
    for edge in graph.edges:
        if edge.relation is not Relation.ATTACK:
            continue
        node = graph[edge.source].node
        step = Step(edge.source, bearings.get(edge.source), edge.attack, node.turn)
        if edge.attack is Attack.UNDERCUT:
            fw.attacks.setdefault(bearings[edge.target], []).append(step)
        elif (edge.target, edge.source) in outweighs and (
            edge.source,
            edge.target,
        ) not in outweighs:
            fw.overruled.setdefault(edge.target, []).append(Overruled(edge.source, edge.target))
        else:
            fw.attacks.setdefault(edge.target, []).append(step)
    fw.dependents = _dependents(fw)
    return fw


def _basis(graph: MapGraph, node_id: str) -> Basis:
    node = graph[node_id].node
    if node.evidence:
        return Basis.EVIDENCE
    if node.analytic:
        return Basis.ANALYTIC
    if node.implicit:
        return Basis.IMPLICIT
    if graph.edges_into(node_id, Relation.SUPPORT):
        return Basis.DERIVED
    return Basis.ASSERTION


def _groups(graph: MapGraph, node_id: str, bearings: dict[str, Bearing]) -> list[list[Step]]:
    groups: list[list[Step]] = []
    named: dict[str, list[Step]] = {}
    for edge in graph.edges_into(node_id, Relation.SUPPORT):
        step = Step(edge.source, bearings.get(edge.source))
        if edge.group is None or edge.cross_link:
            groups.append([step])
        elif edge.group in named:
            named[edge.group].append(step)
        else:
            named[edge.group] = [step]
            groups.append(named[edge.group])
    return groups


def _dependents(fw: Framework) -> dict[Arg, list[Arg]]:
    """For each argument, the arguments whose label may change when its label does."""
    dependents: dict[Arg, list[Arg]] = {}
    for target, steps in fw.attacks.items():
        for step in steps:
            dependents.setdefault(step.node, []).append(target)
            if step.via is not None:
                dependents.setdefault(step.via, []).append(target)
    for parent, groups in fw.groups.items():
        for group in groups:
            for step in group:
                dependents.setdefault(step.node, []).append(parent)
                if step.via is not None:
                    dependents.setdefault(step.via, []).append(parent)
    return dependents
