"""Evaluation: every node's status, the one-line reason for it, and its strength.

`analyse(graph)` builds the framework, labels it (grounded semantics) and scores it
(DF-QuAD); `evaluate(graph)` is the verdict per node that outputs show, and
`statuses(graph)` the status alone, for diagrams. Statuses:
IN is *stands* (or *unsupported* when the node rests on a bare assertion), OUT is
*falls*, UNDEC is *contested*; a node that is IN but whose link to its parent is
undercut (OUT) is *cut*: granted, yet it no longer counts where it was used.
See docs/analysis.md for the semantics.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis import Status, Verdict
from argmap.analysis.framework import MOTION, Arg, Basis, Framework, Step, build_framework
from argmap.analysis.grounded import Label, Labelling, grounded_labels
from argmap.analysis.strength import base_scores, dfquad_strengths
from argmap.graph import MapGraph
from argmap.model import Attack

_VERB = {Attack.REBUT: "rebutted", Attack.UNDERMINE: "undermined", Attack.UNDERCUT: "undercut"}
_LISTED = 3  # ids named in one reason before "and N more"
_CYCLE_SEARCH = 12  # how far to follow contested attackers looking for a cycle


@dataclass(frozen=True)
class Evaluation:
    """Everything the analysis found about one map."""

    graph: MapGraph
    framework: Framework
    labelling: Labelling
    strengths: dict[Arg, float]
    verdicts: dict[str, Verdict]

    def label(self, arg: Arg) -> Label:
        return self.labelling[arg]

    def bearing(self, node_id: str) -> Label:
        """Whether the node bears on what it is used for: IN unless it is undercut."""
        bearing = self.framework.via(node_id)
        return Label.IN if bearing is None else self.labelling[bearing]

    def step(self, node_id: str) -> int | None:
        """The round of the grounded labelling in which the node was settled."""
        return self.labelling.rounds.get(node_id)


def analyse(graph: MapGraph) -> Evaluation:
    """Label, score and explain every node of `graph`."""
    fw = build_framework(graph)
    labelling = grounded_labels(fw)
    strengths = dfquad_strengths(fw, base_scores(graph, fw))
    explainer = _Explainer(graph, fw, labelling)
    verdicts = {
        node_id: Verdict(
            status_of(fw, labelling, node_id),
            explainer.reason(node_id),
            round(_contributed(fw, strengths, node_id), 4),
        )
        for node_id in fw.nodes
    }
    return Evaluation(graph, fw, labelling, strengths, verdicts)


def _contributed(fw: Framework, strengths: dict[Arg, float], node_id: str) -> float:
    """A node's strength as it counts: times its bearing's when it is undercut."""
    bearing = fw.via(node_id)
    return strengths[node_id] * (1.0 if bearing is None else strengths[bearing])


def evaluate(graph: MapGraph) -> dict[str, Verdict]:
    """The verdict (status, reason, strength) of every node, in document order."""
    return analyse(graph).verdicts


def statuses(graph: MapGraph) -> dict[str, Status]:
    """Only the status of every node, in document order: what a diagram marks.

    The same labelling as `analyse`, without the strengths and reasons that make up
    about half of its time on a large map.
    """
    fw = build_framework(graph)
    labelling = grounded_labels(fw)
    return {node_id: status_of(fw, labelling, node_id) for node_id in fw.nodes}


def contribution(fw: Framework, labelling: Labelling, node_id: str) -> Label:
    """The label of what a node contributes: the weaker of its own and its bearing's.

    An undercut grants the node but defeats its use, so an undercut node's
    contribution falls (ASPIC+: the undercut argument is defeated, its premises
    are not).
    """
    bearing = fw.via(node_id)
    if bearing is None:
        return labelling[node_id]
    return labelling.holds(Step(node_id, bearing))


def status_of(fw: Framework, labelling: Labelling, node_id: str) -> Status:
    label = contribution(fw, labelling, node_id)
    if label is Label.OUT and labelling[node_id] is not Label.OUT:
        return Status.CUT
    if label is Label.IN:
        return Status.UNSUPPORTED if fw.basis[node_id] is Basis.ASSERTION else Status.STANDS
    return Status.FALLS if label is Label.OUT else Status.CONTESTED


def _names(ids: list[str]) -> str:
    shown = ids[:_LISTED]
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    return text + (f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")


def _be(ids: list[str]) -> str:
    return "are" if len(ids) > 1 else "is"


class _Explainer:
    """One-line reasons, read off the final labelling."""

    def __init__(self, graph: MapGraph, fw: Framework, labelling: Labelling) -> None:
        self.graph = graph
        self.fw = fw
        self.labels = labelling

    def reason(self, node_id: str) -> str:
        label = self.labels[node_id]
        bearing = self.fw.via(node_id)
        cut = Label.IN if bearing is None else self.labels[bearing]
        if label is not Label.OUT and cut is Label.OUT:
            return self._cut_off(node_id)
        if label is Label.IN and cut is Label.UNDEC:
            return self._cut_off(node_id)
        if label is Label.IN:
            return self._holds(node_id)
        if label is Label.OUT:
            return self._falls(node_id)
        return self._contested(node_id)

    # -- stands / unsupported

    def _holds(self, node_id: str) -> str:
        basis = self.fw.basis[node_id]
        if basis is Basis.ASSERTION:
            parts = ["unsupported: no premise, card or `analytic: true`; granted while unanswered"]
        else:
            parts = [f"stands: {self._basis_text(node_id, basis)}"]
        answered = self._answered(node_id)
        if not (basis is Basis.ASSERTION and answered == "unattacked"):
            parts.append(answered)
        return "; ".join(parts)

    def _basis_text(self, node_id: str, basis: Basis) -> str:
        if basis is Basis.EVIDENCE:
            cards = len(self.graph[node_id].node.evidence)
            return f"backed by {cards} card{'s' * (cards != 1)}"
        if basis is Basis.ANALYTIC:
            return "analytic"
        if basis is Basis.IMPLICIT:
            return "implicit premise, granted"
        working = next(
            g for g in self.fw.groups[node_id] if all(self.labels.holds(s) is Label.IN for s in g)
        )
        return "supported by " + " + ".join(s.node for s in working)

    def _answered(self, node_id: str) -> str:
        """How each attack on a standing node (or undercut of its bearing) fails."""
        bearing = self.fw.via(node_id)
        steps = [*self._attacks(node_id), *(self._attacks(bearing) if bearing else [])]
        fallen = [s.node for s in steps if self.labels[s.node] is Label.OUT]
        cut = [
            s.node
            for s in steps
            if self.labels[s.node] is not Label.OUT and self.labels.holds(s) is Label.OUT
        ]
        outweighed = [o.attacker for o in self.fw.overruled.get(node_id, [])]
        parts = []
        if fallen:
            parts.append(f"{_names(fallen)} {'fall' if len(fallen) > 1 else 'falls'}")
        if cut:
            parts.append(f"{_names(cut)} {'are' if len(cut) > 1 else 'is'} undercut")
        if outweighed:
            parts.append(
                f"{_names(outweighed)} {'are' if len(outweighed) > 1 else 'is'} outweighed"
            )
        if not parts:
            return "unattacked"
        if len(parts) == 1:
            plural = len(fallen) + len(cut) + len(outweighed) > 1
            return f"its attacker{'s' * plural} {parts[0]}"
        return f"its attackers: {', '.join(parts)}"

    def _cut_off(self, node_id: str) -> str:
        """The node may hold, but an undercut cuts (or contests) what it bears on."""
        bearing = self.fw.bearings[node_id]
        about = self.fw.bears_on[node_id]
        where = "the motion" if about == MOTION else about
        granted = "granted" if self.labels[node_id] is Label.IN else "whatever its own standing"
        if self.labels[bearing] is Label.OUT:
            cutters = self._undercutters(node_id, Label.IN)
            return f"cut: undercut by {cutters}: {granted}, but it no longer bears on {where}"
        cutters = self._undercutters(node_id, Label.UNDEC)
        return f"contested: {granted}, but whether it bears on {where} is contested ({cutters})"

    def _undercutters(self, node_id: str, label: Label) -> str:
        steps = self.fw.attacks[self.fw.bearings[node_id]]
        return _names([s.node for s in steps if self.labels.holds(s) is label])

    # -- falls

    def _falls(self, node_id: str) -> str:
        winners = [s for s in self._attacks(node_id) if self.labels.holds(s) is Label.IN]
        if winners:
            first = min(winners, key=lambda s: self.labels.rounds.get(s.node, 0))
            verb = _VERB[first.kind or Attack.REBUT]
            which = (
                "is unsupported but unanswered"
                if self.fw.basis[first.node] is Basis.ASSERTION
                else "stands"
            )
            more = f" (and {len(winners) - 1} more)" if len(winners) > 1 else ""
            return f"falls: {verb} by {first.node}, which {which}{more}"
        failures = [self._failure(g) for g in self.fw.groups[node_id]]
        if len(failures) == 1:
            return f"falls: its support fails ({failures[0]})"
        return f"falls: every support fails ({'; '.join(failures)})"

    def _failure(self, group: list[Step]) -> str:
        step = next(s for s in group if self.labels.holds(s) is Label.OUT)
        if self.labels[step.node] is Label.OUT:
            return f"{step.node} falls"
        assert step.via is not None
        cutters = [s.node for s in self.fw.attacks[step.via] if self.labels.holds(s) is Label.IN]
        return f"{step.node} is undercut by {_names(cutters)}"

    # -- contested

    def _contested(self, node_id: str) -> str:
        open_attacks = [s for s in self._attacks(node_id) if self.labels.holds(s) is Label.UNDEC]
        if open_attacks:
            step = open_attacks[0]
            other = step.node
            if self.labels[other] is Label.UNDEC:
                if any(s.node == node_id for s in self._attacks(other)):
                    return (
                        f"contested: standoff with {other} (they attack each other); "
                        "settle it with an answer or `outweighs`"
                    )
                cycle = self._cycle(node_id)
                if cycle:
                    return f"contested: caught in a cycle of attacks {' -> '.join(cycle)}"
                return f"contested: attacked by {other}, which is contested"
            assert step.via is not None
            return f"contested: whether {other}'s attack bears on it is contested"
        for group in self.fw.groups[node_id]:
            member = next((s for s in group if self.labels.holds(s) is Label.UNDEC), None)
            if member is not None:
                return f"contested: its support rests on {member.node}, which is contested"
        return "contested"  # pragma: no cover - an UNDEC node always has an open attack or support

    def _cycle(self, node_id: str) -> list[str] | None:
        """A cycle of contested attackers through `node_id`, in attack order, or None."""
        path = [node_id]
        current = node_id
        for _ in range(_CYCLE_SEARCH):
            attacker = next(
                (s.node for s in self._attacks(current) if self.labels[s.node] is Label.UNDEC),
                None,
            )
            if attacker is None:
                return None
            if attacker == node_id:
                return [node_id, *reversed(path[1:]), node_id]
            if attacker in path:
                return None
            path.append(attacker)
            current = attacker
        return None

    def _attacks(self, arg: Arg) -> list[Step]:
        return self.fw.attacks.get(arg, [])
