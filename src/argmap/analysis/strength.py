"""Strength: a gradual score in 0-1 for every argument, by DF-QuAD.

DF-QuAD (Rago, Toni, Aurisicchio & Baroni 2016) starts from a base score for each
argument and combines what its attackers and supporters do:

- aggregation: F(v1..vn) = 1 - (1 - v1)(1 - v2)...(1 - vn), and F() = 0;
- combination: with va = F(attackers) and vs = F(supporters),
  C(v0, va, vs) = v0 - v0|vs - va| when va >= vs, else v0 + (1 - v0)|vs - va|.

The base score is the node's `strength`, or 0.5 when the map gives none. Three
extensions, which DF-QuAD itself does not cover, follow its probabilistic reading:

- a co-premise group supports with the product of its members' strengths (all of
  them are needed), a lone premise with its own strength;
- a step through a bearing counts with strength x bearing, and a bearing has base
  score 1 and only attackers (the undercuts), so it is 1 - F(undercuts);
- attacks that weighing overrules (see `framework`) are left out, as in the labelling.

DF-QuAD is defined for acyclic graphs. Arguments on a cycle of attacks are computed
together by damped fixed-point iteration, s <- s + (C(s) - s) / 2, until no score
moves by more than 1e-9 (at most `MAX_ITERATIONS` rounds); everything else is
computed exactly, in dependency order.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import prod

from argmap.analysis.framework import Arg, Framework, Step
from argmap.graph import MapGraph

DEFAULT_BASE = 0.5
MAX_ITERATIONS = 10_000
TOLERANCE = 1e-9


def aggregate(values: Iterable[float]) -> float:
    """DF-QuAD's aggregation: the probabilistic sum of the values (0 for none)."""
    return 1.0 - prod(1.0 - v for v in values)


def combine(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination of a base score with aggregated attack and support."""
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def base_scores(graph: MapGraph, fw: Framework) -> dict[Arg, float]:
    scores: dict[Arg, float] = {}
    for node_id in fw.nodes:
        given = graph[node_id].node.strength
        scores[node_id] = DEFAULT_BASE if given is None else given
    for bearing in fw.bearings.values():
        scores[bearing] = 1.0
    return scores


def dfquad_strengths(fw: Framework, base: dict[Arg, float]) -> dict[Arg, float]:
    """The DF-QuAD strength of every argument of `fw`."""
    strength: dict[Arg, float] = {}

    def value(step: Step) -> float:
        via = 1.0 if step.via is None else strength[step.via]
        return strength[step.node] * via

    def evaluate(arg: Arg) -> float:
        attack = aggregate(value(s) for s in fw.attacks.get(arg, ()))
        groups = fw.groups.get(arg, ())
        support = aggregate(prod(value(s) for s in group) for group in groups)
        return combine(base[arg], attack, support)

    # Everything outside attack cycles, in dependency order (Kahn's algorithm).
    waiting = dict.fromkeys(fw.arguments, 0)
    for dependents in fw.dependents.values():
        for dependent in dependents:
            waiting[dependent] += 1
    ready = [arg for arg, count in waiting.items() if count == 0]
    while ready:
        arg = ready.pop()
        strength[arg] = evaluate(arg)
        for dependent in fw.dependents.get(arg, ()):
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                ready.append(dependent)

    # What is left sits on a cycle or depends on one: component by component.
    left = [arg for arg in fw.arguments if arg not in strength]
    depends = {arg: [d for d in _dependencies(fw, arg) if d not in strength] for arg in left}
    for component in _components(left, depends):
        if len(component) == 1 and component[0] not in depends[component[0]]:
            strength[component[0]] = evaluate(component[0])
            continue
        for arg in component:
            strength[arg] = base[arg]
        for _ in range(MAX_ITERATIONS):
            target = {arg: evaluate(arg) for arg in component}
            moved = 0.0
            for arg in component:
                new = strength[arg] + (target[arg] - strength[arg]) / 2
                moved = max(moved, abs(new - strength[arg]))
                strength[arg] = new
            if moved < TOLERANCE:
                break
    return strength


def _dependencies(fw: Framework, arg: Arg) -> list[Arg]:
    steps = list(fw.attacks.get(arg, ()))
    steps.extend(s for group in fw.groups.get(arg, ()) for s in group)
    out: list[Arg] = []
    for step in steps:
        out.append(step.node)
        if step.via is not None:
            out.append(step.via)
    return out


def _components(args: list[Arg], depends: dict[Arg, list[Arg]]) -> list[list[Arg]]:
    """Strongly connected components, each after those it depends on (Tarjan, iterative)."""
    index: dict[Arg, int] = {}
    low: dict[Arg, int] = {}
    on_stack: set[Arg] = set()
    stack: list[Arg] = []
    components: list[list[Arg]] = []
    counter = 0
    for root in args:
        if root in index:
            continue
        work: list[tuple[Arg, int]] = [(root, 0)]
        while work:
            arg, position = work.pop()
            if position == 0:
                index[arg] = low[arg] = counter
                counter += 1
                stack.append(arg)
                on_stack.add(arg)
            children = depends[arg]
            if position < len(children):
                work.append((arg, position + 1))
                child = children[position]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[arg] = min(low[arg], index[child])
                continue
            if low[arg] == index[arg]:
                component: list[Arg] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == arg:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[arg])
    return components
