"""Grounded labelling: IN, OUT or UNDEC for every argument, settled round by round.

Dung's (1995) grounded semantics as a labelling (Caminada 2006): an argument is IN
when every attacker is OUT, OUT when some attacker is IN, and UNDEC when neither
can be settled. A node also needs its support: it is IN only when it has an own
basis or some support group works (every member IN, every member's bearing IN),
and OUT when it has no own basis and every group fails (a member or its bearing
OUT). Attacks and supports through a bearing count only while the bearing holds.

Each round first accepts, then rejects, judging every argument on the labels the
round started with, so the round number (`step`) says how deep the explanation
goes: unattacked arguments settle in round 1. Only arguments next to a change are
looked at again, so a map of n nodes and e relations costs O(n + e) evaluations.
Without supports this is exactly the textbook algorithm; labels never change once
set, so the result is the least fixed point: the sceptical, grounded answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum

from argmap.analysis.framework import Arg, Bearing, Framework, Step


class Label(StrEnum):
    IN = "in"
    OUT = "out"
    UNDEC = "undec"


class Truth(Enum):
    """A three-valued answer: settled true, settled false, or not yet known."""

    TRUE = 1
    FALSE = 0
    UNKNOWN = -1


@dataclass(frozen=True)
class Labelling:
    """The grounded labelling and the round in which each IN or OUT label was set."""

    labels: dict[Arg, Label]
    rounds: dict[Arg, int]

    def __getitem__(self, arg: Arg) -> Label:
        return self.labels[arg]

    def holds(self, step: Step) -> Label:
        """A step's label: the weaker of its node's and its bearing's."""
        node = self.labels[step.node]
        if step.via is None:
            return node
        return min(node, self.labels[step.via], key=_RANK.__getitem__)


_RANK = {Label.OUT: 0, Label.UNDEC: 1, Label.IN: 2}


def grounded_labels(fw: Framework) -> Labelling:
    """Label every argument of `fw` (see the module docstring)."""
    settled: dict[Arg, Label] = {}
    rounds: dict[Arg, int] = {}

    def label_of(arg: Arg) -> Label | None:
        return settled.get(arg)

    def step_truth(step: Step) -> Truth:
        node = label_of(step.node)
        via = Label.IN if step.via is None else label_of(step.via)
        if node is Label.OUT or via is Label.OUT:
            return Truth.FALSE
        if node is Label.IN and via is Label.IN:
            return Truth.TRUE
        return Truth.UNKNOWN

    def attacked(arg: Arg) -> Truth:
        """TRUE: some attack succeeds; FALSE: every attack fails; else UNKNOWN."""
        result = Truth.FALSE
        for step in fw.attacks.get(arg, ()):
            truth = step_truth(step)
            if truth is Truth.TRUE:
                return Truth.TRUE
            if truth is Truth.UNKNOWN:
                result = Truth.UNKNOWN
        return result

    def supported(arg: Arg) -> Truth:
        if isinstance(arg, Bearing) or fw.basis[arg].own:
            return Truth.TRUE
        result = Truth.FALSE
        for group in fw.groups[arg]:
            truths = [step_truth(s) for s in group]
            if all(t is Truth.TRUE for t in truths):
                return Truth.TRUE
            if not any(t is Truth.FALSE for t in truths):
                result = Truth.UNKNOWN
        return result

    def settle(candidates: Iterable[Arg], label: Label, number: int) -> list[Arg]:
        if label is Label.IN:
            chosen = [
                a for a in candidates if attacked(a) is Truth.FALSE and supported(a) is Truth.TRUE
            ]
        else:
            chosen = [
                a for a in candidates if attacked(a) is Truth.TRUE or supported(a) is Truth.FALSE
            ]
        for arg in chosen:  # set after judging, so the round judges on its starting labels
            settled[arg] = label
            rounds[arg] = number
        return chosen

    def open_neighbours(changed: list[Arg]) -> list[Arg]:
        seen: set[Arg] = set()
        out: list[Arg] = []
        for arg in changed:
            for dependent in fw.dependents.get(arg, ()):
                if dependent not in settled and dependent not in seen:
                    seen.add(dependent)
                    out.append(dependent)
        return out

    candidates: list[Arg] = fw.arguments
    number = 0
    while candidates:
        number += 1
        accepted = settle(candidates, Label.IN, number)
        unsettled = [a for a in candidates if a not in settled]
        rejected = settle(
            dict.fromkeys([*unsettled, *open_neighbours(accepted)]), Label.OUT, number
        )
        candidates = open_neighbours([*accepted, *rejected])
    labels = {arg: settled.get(arg, Label.UNDEC) for arg in fw.arguments}
    return Labelling(labels, rounds)
