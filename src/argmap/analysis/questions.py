"""Questions: the critical questions still open on each side's arguments.

A node with `scheme: S` is the conclusion of an argument by scheme S; its critical
questions are the ways to attack it. For one question of that argument:

- a premise of the node marked `cq: S.Q` answers it in advance (pre-empts it);
- an attack on the node, or on one of its premises, marked `cq: S.Q` raises it;
  the question is then settled when that attack falls (or is undercut).

For a side, *attack angles* are the questions on the other side's arguments that
nobody has pre-empted or raised yet: cross-examination material. *Vulnerabilities*
are the questions on the side's own arguments that are neither pre-empted nor
settled: raised by an attack that still stands or is contested, or not raised yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argmap.analysis import Evaluation, analyse
from argmap.analysis.grounded import Label
from argmap.graph import MapGraph, Relation
from argmap.model import Attack, Side
from argmap.schemes import Burden, get_scheme, split_cq

_LABEL_CHARS = 60  # how much of a node's label a question quotes


class QuestionKind(StrEnum):
    ATTACK_ANGLE = "attack-angle"  # on the other side's argument: ask it
    VULNERABILITY = "vulnerability"  # on our argument: prepare an answer


@dataclass(frozen=True)
class OpenQuestion:
    """One open critical question on one argument."""

    kind: QuestionKind
    node: str  # the conclusion of the questioned argument (the node with the scheme)
    side: Side  # the side the questioned argument belongs to
    label: str
    scheme: str
    cq: str  # the question's id within the scheme
    question: str
    attack: Attack  # the attack a bad answer licenses
    burden: Burden
    raised_by: str | None = None  # an attack raising it that still stands or is contested

    @property
    def ref(self) -> str:
        return f"{self.scheme}.{self.cq}"

    @property
    def cross_examination(self) -> str:
        """The question as asked in cross-examination about this argument."""
        label = self.label
        if len(label) > _LABEL_CHARS:
            label = label[: _LABEL_CHARS - 1].rstrip() + "\u2026"
        return f'On "{label}" ({self.node}): {self.question}'


def open_questions(
    graph: MapGraph, side: Side, evaluation: Evaluation | None = None
) -> list[OpenQuestion]:
    """Attack angles (on the other side) and vulnerabilities (on `side`), in map order."""
    evaluation = evaluation or analyse(graph)
    found: list[OpenQuestion] = []
    for mapped in graph:
        scheme = get_scheme(mapped.node.scheme) if mapped.node.scheme else None
        if scheme is None:
            continue
        pre_empted, raised = _answers(graph, mapped.id)
        ours = mapped.side is side
        for question in scheme.questions:
            if question.id in pre_empted:
                continue
            live = [a for a in raised.get(question.id, []) if _holds(evaluation, a)]
            if ours and raised.get(question.id) and not live:
                continue  # raised and answered
            if not ours and raised.get(question.id):
                continue  # already used against them
            found.append(
                OpenQuestion(
                    kind=QuestionKind.VULNERABILITY if ours else QuestionKind.ATTACK_ANGLE,
                    node=mapped.id,
                    side=mapped.side,
                    label=mapped.label,
                    scheme=scheme.id,
                    cq=question.id,
                    question=question.ask,
                    attack=question.attack,
                    burden=question.burden,
                    raised_by=live[0] if live else None,
                )
            )
    return found


def _answers(graph: MapGraph, node_id: str) -> tuple[set[str], dict[str, list[str]]]:
    """Question ids of `node_id`'s scheme that premises pre-empt, and the attacks raising each."""
    scheme_id = graph[node_id].node.scheme
    supporters = [e.source for e in graph.edges_into(node_id, Relation.SUPPORT)]
    pre_empted: set[str] = set()
    for supporter in supporters:
        cq = graph[supporter].node.cq
        if cq and split_cq(cq)[0] == scheme_id:
            pre_empted.add(split_cq(cq)[1])
    raised: dict[str, list[str]] = {}
    for target in (node_id, *supporters):
        for edge in graph.edges_into(target, Relation.ATTACK):
            cq = graph[edge.source].node.cq
            if cq and split_cq(cq)[0] == scheme_id:
                raised.setdefault(split_cq(cq)[1], []).append(edge.source)
    return pre_empted, raised


def _holds(evaluation: Evaluation, attacker: str) -> bool:
    """The attack still counts: its node does not fall and its bearing is not cut."""
    return Label.OUT not in (evaluation.label(attacker), evaluation.bearing(attacker))
