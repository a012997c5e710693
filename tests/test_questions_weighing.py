"""Open critical questions (attack angles, vulnerabilities) and the weighing report."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis import Status, analyse
from argmap.analysis.grounded import Label
from argmap.analysis.questions import QuestionKind, open_questions
from argmap.analysis.weighing import contentions, weigh
from argmap.graph import MapGraph
from argmap.model import Attack, Side
from argmap.schemes import Burden, get_scheme
from argmap.validate import load_map
from conftest import graph_of

FIXTURE = Path(__file__).parent / "fixtures" / "uniforms.yaml"


def fixture() -> MapGraph:
    graph = load_map(FIXTURE).graph
    assert graph is not None
    return graph


def test_vulnerabilities_leave_out_pre_empted_and_answered_questions() -> None:
    graph = fixture()
    found = [q for q in open_questions(graph, Side.PRO) if q.node == "P1"]
    assert {q.kind for q in found} == {QuestionKind.VULNERABILITY}
    scheme = get_scheme("expert-opinion")
    assert scheme is not None
    # expertise is answered by premise P1.q; trustworthiness is raised by C1r, which falls
    settled = ("expertise", "trustworthiness")
    assert [q.cq for q in found] == [i for i in scheme.question_ids if i not in settled]
    backup = next(q for q in found if q.cq == "backup")
    assert backup.burden is Burden.PROPONENT
    assert backup.attack is Attack.UNDERCUT
    assert backup.raised_by is None


def test_the_other_side_sees_the_same_questions_as_attack_angles() -> None:
    graph = fixture()
    angles = [q for q in open_questions(graph, Side.CON) if q.node == "P1"]
    assert {q.kind for q in angles} == {QuestionKind.ATTACK_ANGLE}
    assert [q.cq for q in angles] == ["field", "opinion", "consistency", "backup"]
    assert angles[0].cross_examination == (
        'On "Uniforms cut bullying" (P1): Is the expert an expert in the field the claim '
        "belongs to?"
    )


def test_a_question_raised_by_a_standing_attack_stays_a_vulnerability() -> None:
    graph = graph_of(
        """\
argmap: 1
title: Raised
claims:
  - id: C
    side: pro
    text: Things will go badly if we act.
    scheme: consequences
    analytic: true
    rebuttals:
      - {id: R, text: That is unlikely., cq: consequences.likelihood, analytic: true}
"""
    )
    ours = open_questions(graph, Side.PRO)
    likelihood = next(q for q in ours if q.cq == "likelihood")
    assert likelihood.raised_by == "R"
    theirs = open_questions(graph, Side.CON)
    assert "likelihood" not in [q.cq for q in theirs]  # already used against them
    assert {q.ref for q in theirs} == {"consequences.evidence", "consequences.opposite"}


def test_long_labels_are_shortened_in_cross_examination() -> None:
    graph = graph_of(
        "argmap: 1\ntitle: T\nclaims:\n  - id: C\n    side: pro\n    scheme: sign\n"
        f"    text: {'word ' * 40}\n"
    )
    [first, *_] = open_questions(graph, Side.CON)
    assert "\u2026" in first.cross_examination
    assert len(first.cross_examination) < 60 + len(first.question) + 20


def test_weighing_reports_each_side_and_never_a_winner() -> None:
    evaluation = analyse(fixture())
    weighing = weigh(evaluation)
    pro, con = weighing.sides
    assert (pro.side, con.side) == (Side.PRO, Side.CON)
    assert [c.id for c in pro.standing] == ["P1"]
    assert [c.id for c in pro.contentions] == ["P1", "P2"]
    assert pro.turns == ["P3"]
    assert con.standing == []
    assert con.contentions[0].outweighs == ["P2"]
    assert pro.contentions[0].impact is not None
    assert pro.contentions[0].impact.probability == "high"
    summary = weighing.summary
    assert summary.startswith("Pro has 1 of 2 contentions standing (P1) and 1 turn;")
    assert "does not decide the motion" in summary
    for word in ("wins", "won", "winner", "loses"):
        assert word not in summary.lower()


def test_an_undercut_contention_does_not_count_as_standing() -> None:
    evaluation = analyse(
        graph_of(
            """\
argmap: 1
title: T
claims:
  - id: C
    side: pro
    text: True but irrelevant.
    analytic: true
    rebuttals: [{id: U, text: Beside the motion., attack: undercut, analytic: true}]
"""
        )
    )
    [contention] = weigh(evaluation).sides[0].contentions
    assert evaluation.label("C") is Label.IN
    assert contention.status is Status.CUT
    assert contention.bearing is Label.OUT
    assert not contention.standing


def test_roots_that_support_another_node_are_not_contentions() -> None:
    graph = graph_of(
        """\
argmap: 1
title: T
claims:
  - {id: T, side: pro, text: Thesis.}
  - {id: C1, side: pro, text: A reason for the thesis., supports: [T]}
  - {id: O1, side: con, text: An objection., attacks: [T]}
"""
    )
    assert contentions(graph) == ["T", "O1"]
