"""DF-QuAD strengths: the published functions, a worked example, cycles, extensions."""

from __future__ import annotations

from math import prod

import pytest
from hypothesis import given, settings

from argmap.analysis import analyse, evaluate
from argmap.analysis.framework import Bearing, Step
from argmap.analysis.strength import DEFAULT_BASE, aggregate, combine
from conftest import graph_of
from test_grounded import small_maps


def strengths(text: str) -> dict[str, float | None]:
    return {k: v.strength for k, v in evaluate(graph_of(text)).items()}


def test_aggregation_is_the_probabilistic_sum() -> None:
    assert aggregate([]) == 0
    assert aggregate([0.3]) == pytest.approx(0.3)
    assert aggregate([0.5, 0.5]) == pytest.approx(0.75)
    assert aggregate([0.2, 0.6, 0.5]) == pytest.approx(1 - 0.8 * 0.4 * 0.5)


def test_combination_moves_the_base_score_towards_0_or_1() -> None:
    assert combine(0.4, 0.3, 0.3) == pytest.approx(0.4)  # balance keeps the base score
    assert combine(0.5, 0.84, 0.0) == pytest.approx(0.5 - 0.5 * 0.84)
    assert combine(0.5, 0.0, 0.724) == pytest.approx(0.5 + 0.5 * 0.724)
    assert combine(0.7, 1.0, 0.0) == 0.0  # a certain attack, no support
    assert combine(0.7, 0.0, 1.0) == 1.0


# The e-democracy example of Rago, Toni, Aurisicchio & Baroni (2016), with the base
# scores of its encoding in Potyka's Uncertainpy (examples/gradual/BAG/RagoEtAlEDemocracy.bag):
# A1 is supported by P1 and P2, P2 attacked by C2, C3 and C4; A2 supported by P3 and
# attacked by C1. Expected values worked by hand from the published functions.
E_DEMOCRACY = """\
argmap: 1
title: e-democracy (Rago et al. 2016)
claims:
  - id: A1
    side: pro
    text: Option 1.
    strength: 0.5
    premises:
      - {id: P1, text: Pro 1., strength: 0.7}
      - id: P2
        text: Pro 2.
        strength: 0.5
        rebuttals:
          - {id: C2, text: Con 2., strength: 0.2}
          - {id: C3, text: Con 3., strength: 0.6}
          - {id: C4, text: Con 4., strength: 0.5}
  - id: A2
    side: pro
    text: Option 2.
    strength: 0.5
    premises:
      - {id: P3, text: Pro 3., strength: 0.9}
    rebuttals:
      - {id: C1, text: Con 1., strength: 0.2}
"""


def test_worked_example_from_rago_et_al_2016() -> None:
    found = strengths(E_DEMOCRACY)
    assert found["P2"] == pytest.approx(0.5 - 0.5 * (1 - 0.8 * 0.4 * 0.5))  # 0.08
    assert found["A1"] == pytest.approx(0.862)  # supports 0.7 and 0.08
    assert found["A2"] == pytest.approx(0.85)  # support 0.9 against attack 0.2
    assert found["C1"] == pytest.approx(0.2)  # unattacked: its base score


def test_default_base_score_is_one_half() -> None:
    found = strengths(
        "argmap: 1\ntitle: T\nclaims:\n  - {id: a, side: pro, text: A.}\n"
        "  - {id: b, side: con, text: B., attacks: [a]}\n"
    )
    assert found == {"a": pytest.approx(0.25), "b": pytest.approx(0.5)}


def test_co_premises_support_with_the_product_of_their_strengths() -> None:
    found = strengths(
        """\
argmap: 1
title: Linked
claims:
  - id: C
    side: pro
    text: C.
    strength: 0.5
    premises:
      - {id: P, text: P., group: g, strength: 0.8}
      - {id: Q, text: Q., group: g, strength: 0.5}
"""
    )
    assert found["C"] == pytest.approx(0.5 + 0.5 * (0.8 * 0.5))


def test_an_undercut_weakens_the_support_through_the_bearing() -> None:
    text = """\
argmap: 1
title: Undercut
claims:
  - id: C
    side: pro
    text: C.
    premises:
      - id: P
        text: P.
        strength: 0.8
        rebuttals: [{id: U, text: U., attack: undercut, strength: 0.5}]
"""
    evaluation = analyse(graph_of(text))
    assert evaluation.strengths[Bearing("P")] == pytest.approx(0.5)
    assert evaluation.strengths["P"] == pytest.approx(0.8)  # the premise itself is granted
    assert evaluation.verdicts["P"].strength == pytest.approx(0.8 * 0.5)  # what it contributes
    assert evaluation.verdicts["C"].strength == pytest.approx(0.5 + 0.5 * 0.8 * 0.5)


def test_a_symmetric_mutual_attack_settles_in_the_middle() -> None:
    found = strengths(
        """\
argmap: 1
title: Standoff
claims:
  - {id: a, side: pro, text: A., strength: 1, attacks: [b]}
  - {id: b, side: con, text: B., strength: 1, attacks: [a]}
"""
    )
    assert found == {"a": pytest.approx(0.5, abs=1e-6), "b": pytest.approx(0.5, abs=1e-6)}


@settings(max_examples=150, deadline=None)
@given(small_maps())
def test_strengths_are_a_fixed_point_of_dfquad_within_0_and_1(text: str) -> None:
    graph = graph_of(text)
    evaluation = analyse(graph)
    fw, sigma = evaluation.framework, evaluation.strengths

    def value(step: Step) -> float:
        return sigma[step.node] * (1.0 if step.via is None else sigma[step.via])

    for arg in fw.arguments:
        assert 0.0 <= sigma[arg] <= 1.0
        attack = aggregate(value(s) for s in fw.attacks.get(arg, []))
        groups = [] if isinstance(arg, Bearing) else fw.groups[arg]
        support = aggregate(prod(value(s) for s in group) for group in groups)
        declared = None if isinstance(arg, Bearing) else graph[arg].node.strength
        base = 1.0 if isinstance(arg, Bearing) else DEFAULT_BASE if declared is None else declared
        assert sigma[arg] == pytest.approx(combine(base, attack, support), abs=1e-6)
