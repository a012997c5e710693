"""Grounded semantics: the textbook cases, and agreement with reference algorithms.

Two references, written here independently of the engine:
- `naive_grounded`: the labelling algorithm of docs/analysis.md (research §4.2)
  on a plain Dung framework, round by round;
- `argument_statuses`: ASPIC+-style structured arguments enumerated from a small
  map (one per own basis, one per choice of sub-arguments for each support
  group), Dung's grounded labelling over them, and a node IN when some argument
  for it is IN, OUT when all are OUT.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import Status, evaluate
from argmap.analysis import statuses as diagram_statuses
from argmap.analysis.framework import Framework
from argmap.analysis.grounded import Label, grounded_labels
from argmap.graph import MapGraph, Relation
from argmap.validate import load_map, load_map_text
from conftest import MAPS, graph_of

# -- helpers


def statuses(text: str) -> dict[str, Status]:
    return {k: v.status for k, v in evaluate(graph_of(text)).items()}


def naive_grounded(
    args: list[str], attacks: dict[str, list[str]]
) -> tuple[dict[str, Label], dict[str, int]]:
    attackers = {a: [b for b in args if a in attacks.get(b, [])] for a in args}
    label: dict[str, tuple[str, int]] = {}
    number = 0
    changed = True
    while changed:
        number += 1
        changed = False
        for a in args:
            if a not in label and all(label.get(b, ("?",))[0] == "OUT" for b in attackers[a]):
                label[a] = ("IN", number)
                changed = True
        for a in args:
            if a not in label and any(label.get(b, ("?",))[0] == "IN" for b in attackers[a]):
                label[a] = ("OUT", number)
                changed = True
    labels = {a: Label(label[a][0].lower()) if a in label else Label.UNDEC for a in args}
    return labels, {a: label[a][1] for a in label}


# -- the textbook cases


def test_chain_reinstates_the_first_argument() -> None:
    fw = Framework.abstract(["a", "b", "c"], {"c": ["b"], "b": ["a"]})
    labelling = grounded_labels(fw)
    assert [labelling[x] for x in "abc"] == [Label.IN, Label.OUT, Label.IN]
    assert labelling.rounds == {"c": 1, "b": 1, "a": 2}


def test_chain_in_a_map() -> None:
    found = statuses(
        """\
argmap: 1
title: Chain
claims:
  - {id: a, side: pro, text: A., analytic: true}
  - {id: b, side: con, text: B., analytic: true, attacks: [a]}
  - {id: c, side: pro, text: C., analytic: true, attacks: [b]}
"""
    )
    assert found == {"a": Status.STANDS, "b": Status.FALLS, "c": Status.STANDS}


def test_mutual_attack_is_contested() -> None:
    found = statuses(
        """\
argmap: 1
title: Standoff
claims:
  - {id: a, side: pro, text: A., analytic: true, attacks: [b]}
  - {id: b, side: con, text: B., analytic: true, attacks: [a]}
"""
    )
    assert found == {"a": Status.CONTESTED, "b": Status.CONTESTED}


def test_odd_cycle_and_self_attack_are_contested() -> None:
    fw = Framework.abstract(["a", "b", "c", "s"], {"a": ["b"], "b": ["c"], "c": ["a"], "s": ["s"]})
    assert set(grounded_labels(fw).labels.values()) == {Label.UNDEC}


def test_even_cycle_attacked_from_outside_is_settled() -> None:
    fw = Framework.abstract(["a", "b", "x"], {"a": ["b"], "b": ["a"], "x": ["a"]})
    labels = grounded_labels(fw).labels
    assert labels == {"x": Label.IN, "a": Label.OUT, "b": Label.IN}


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.sets(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                max_size=n * 3,
            ),
        )
    )
)
def test_grounded_labelling_matches_the_textbook_algorithm(
    case: tuple[int, set[tuple[int, int]]],
) -> None:
    n, pairs = case
    args = [f"a{i}" for i in range(n)]
    attacks: dict[str, list[str]] = {}
    for source, target in sorted(pairs):
        attacks.setdefault(args[source], []).append(args[target])
    labelling = grounded_labels(Framework.abstract(args, attacks))
    labels, rounds = naive_grounded(args, attacks)
    assert labelling.labels == labels
    assert labelling.rounds == rounds
    # and it is a complete labelling
    for a in args:
        attackers = [b for b in args if a in attacks.get(b, [])]
        if labels[a] is Label.IN:
            assert all(labels[b] is Label.OUT for b in attackers)
        if labels[a] is Label.OUT:
            assert any(labels[b] is Label.IN for b in attackers)


# -- support, groups, evidence, undercuts, preferences

SUPPORT = """\
argmap: 1
title: Support
sources:
  s: {author: Jane Smith, title: A study}
claims:
  - id: C
    side: pro
    text: The claim.
    premises:
      - {id: P1, text: First co-premise., group: g, analytic: true}
      - id: P2
        text: Second co-premise.
        group: g
        analytic: true
        rebuttals: [{id: R2, text: P2 is false., analytic: true}]
"""


def test_a_linked_group_supports_only_if_every_member_stands() -> None:
    found = statuses(SUPPORT)
    assert found["P2"] is Status.FALLS
    assert found["P1"] is Status.STANDS
    assert found["C"] is Status.FALLS
    reason = evaluate(graph_of(SUPPORT))["C"].reason
    assert reason == "falls: its support fails (P2 falls)"


def test_an_independent_premise_keeps_the_claim_standing() -> None:
    text = SUPPORT + "      - {id: P3, text: An independent reason., analytic: true}\n"
    found = statuses(text)
    assert found["C"] is Status.STANDS
    assert evaluate(graph_of(text))["C"].reason.startswith("stands: supported by P3")


def test_a_card_on_the_claim_is_its_own_basis() -> None:
    text = SUPPORT.replace(
        "    text: The claim.\n",
        "    text: The claim.\n    evidence: [{source: s, quote: exact words}]\n",
    )
    assert statuses(text)["C"] is Status.STANDS
    assert evaluate(graph_of(text))["C"].reason.startswith("stands: backed by 1 card")


def test_a_bare_claim_is_unsupported_but_still_attacks() -> None:
    found = statuses(
        """\
argmap: 1
title: Bare
claims:
  - id: C
    side: pro
    text: Carded claim.
    analytic: true
    rebuttals: [{id: R, text: A bare assertion against it.}]
"""
    )
    assert found == {"C": Status.FALLS, "R": Status.UNSUPPORTED}


UNDERCUT = """\
argmap: 1
title: Undercut
claims:
  - id: C
    side: pro
    text: The claim.
    premises:
      - id: P
        text: The premise.
        analytic: true
        rebuttals:
          - id: U
            text: True but irrelevant.
            attack: undercut
            analytic: true
"""


def test_an_undercut_grants_the_premise_but_defeats_its_support() -> None:
    from argmap.analysis import analyse

    evaluation = analyse(graph_of(UNDERCUT))
    verdicts = evaluation.verdicts
    assert evaluation.label("P") is Label.IN  # the premise itself is granted
    assert evaluation.bearing("P") is Label.OUT
    assert verdicts["P"].status is Status.CUT  # granted, but what it contributes is defeated
    assert verdicts["P"].reason == "cut: undercut by U: granted, but it no longer bears on C"
    assert verdicts["C"].status is Status.FALLS
    assert verdicts["C"].reason == "falls: its support fails (P is undercut by U)"


def test_an_answered_undercut_restores_the_support() -> None:
    text = UNDERCUT + "            rebuttals: [{id: A, text: It is relevant., analytic: true}]\n"
    found = statuses(text)
    assert found == {
        "C": Status.STANDS,
        "P": Status.STANDS,
        "U": Status.FALLS,
        "A": Status.STANDS,
    }


def test_undercutting_a_rebuttal_defeats_its_attack() -> None:
    found = statuses(
        """\
argmap: 1
title: Non-responsive
claims:
  - id: C
    side: pro
    text: The claim.
    analytic: true
    rebuttals:
      - id: R
        text: An objection.
        analytic: true
        rebuttals:
          - {id: N, text: That does not answer C., attack: undercut, analytic: true}
"""
    )
    assert found == {"C": Status.STANDS, "R": Status.CUT, "N": Status.STANDS}


def test_undercutting_a_root_cuts_it_off_from_the_motion() -> None:
    from argmap.analysis import analyse

    text = """\
argmap: 1
title: Irrelevant
claims:
  - id: C
    side: pro
    text: True but beside the motion.
    analytic: true
    rebuttals: [{id: U, text: Irrelevant to the motion., attack: undercut, analytic: true}]
"""
    evaluation = analyse(graph_of(text))
    assert evaluation.label("C") is Label.IN
    assert evaluation.bearing("C") is Label.OUT
    assert evaluation.verdicts["C"].status is Status.CUT
    assert "granted, but it no longer bears on the motion" in evaluation.verdicts["C"].reason


def test_outweighing_the_attacker_cancels_a_rebut_but_not_both_ways() -> None:
    base = """\
argmap: 1
title: Weighing
claims:
  - {id: A, side: pro, text: A., analytic: true, attacks: [B]WEIGH}
  - {id: B, side: con, text: B., analytic: true, attacks: [A], outweighs: [A]}
"""
    one_way = statuses(base.replace("WEIGH", ""))
    assert one_way == {"A": Status.FALLS, "B": Status.STANDS}
    both_ways = statuses(base.replace("WEIGH", ", outweighs: [B]"))
    assert both_ways == {"A": Status.CONTESTED, "B": Status.CONTESTED}


def test_contested_reasons_name_the_standoff_and_the_cycle() -> None:
    verdicts = evaluate(
        graph_of(
            """\
argmap: 1
title: Cycles
claims:
  - {id: a, side: pro, text: A., analytic: true, attacks: [b]}
  - {id: b, side: con, text: B., analytic: true, attacks: [a, s1]}
  - {id: p, side: pro, text: P., analytic: true, attacks: [q]}
  - {id: q, side: con, text: Q., analytic: true, attacks: [r]}
  - {id: r, side: pro, text: R., analytic: true, attacks: [p]}
  - {id: s, side: pro, text: S., premises: [{id: s1, text: S1., analytic: true}]}
"""
        )
    )
    assert verdicts["a"].reason.startswith("contested: standoff with b")
    assert verdicts["p"].reason == "contested: caught in a cycle of attacks p -> q -> r -> p"
    assert verdicts["s1"].reason == "contested: attacked by b, which is contested"
    assert verdicts["s"].reason == "contested: its support rests on s1, which is contested"


# -- agreement with explicit structured arguments (no undercuts)


@st.composite
def small_maps(draw: st.DrawFn, undercuts: bool = False) -> str:
    n = draw(st.integers(min_value=1, max_value=7))
    specs: list[dict[str, Any]] = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        spec: dict[str, Any] = {"id": f"n{i}", "text": f"Node {i}."}
        basis = draw(st.sampled_from(["bare", "bare", "analytic", "card"]))
        if basis == "analytic":
            spec["analytic"] = True
        elif basis == "card":
            spec["evidence"] = [{"source": "s", "quote": "words"}]
        role = "root" if parent is None else draw(st.sampled_from(["premises", "rebuttals"]))
        if role == "premises":
            group = draw(st.sampled_from([None, "g", "h"]))
            if group:
                spec["group"] = group
        if role == "rebuttals":
            kinds = ["rebut", "undermine", "undercut"] if undercuts else ["rebut", "undermine"]
            spec["attack"] = draw(st.sampled_from(kinds))
            spec["turn"] = draw(st.booleans())
        if role == "root":
            spec["side"] = draw(st.sampled_from(["pro", "con"]))
        specs.append({"spec": spec, "parent": parent, "role": role})
    for i in range(n):
        others = [j for j in range(n) if j != i]
        if not others:
            break
        spec = specs[i]["spec"]
        attacks = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        outweighs = draw(st.lists(st.sampled_from(others), max_size=1, unique=True))
        earlier = [j for j in range(i) if j != i]
        supports = draw(st.lists(st.sampled_from(earlier), max_size=1)) if earlier else []
        if attacks:
            spec["attacks"] = [f"n{j}" for j in attacks]
        if outweighs:
            spec["outweighs"] = [f"n{j}" for j in outweighs]
        if supports:
            spec["supports"] = [f"n{j}" for j in supports]
    claims: list[dict[str, Any]] = []
    for entry in specs:
        if entry["parent"] is None:
            claims.append(entry["spec"])
        else:
            parent = specs[entry["parent"]]["spec"]
            parent.setdefault(entry["role"], []).append(entry["spec"])
    data = {
        "argmap": 1,
        "title": "Random",
        "sources": {"s": {"author": "Jane Smith", "title": "A study"}},
        "claims": claims,
    }
    return yaml.safe_dump(data, sort_keys=False)


Argument = tuple[str, frozenset[str]]  # conclusion, every conclusion it uses


def argument_statuses(graph: MapGraph) -> dict[str, Label]:
    outweighs = {(e.source, e.target) for e in graph.edges if e.relation is Relation.OUTWEIGH}
    defeats = {
        (e.source, e.target)
        for e in graph.edges
        if e.relation is Relation.ATTACK
        and not ((e.target, e.source) in outweighs and (e.source, e.target) not in outweighs)
    }
    built: dict[str, list[Argument]] = {}

    def arguments(node_id: str) -> list[Argument]:
        if node_id in built:
            return built[node_id]
        node = graph[node_id].node
        supports = graph.edges_into(node_id, Relation.SUPPORT)
        found: list[Argument] = []
        if node.evidence or node.analytic or node.implicit or not supports:
            found.append((node_id, frozenset([node_id])))
        groups: dict[object, list[str]] = {}
        for i, edge in enumerate(supports):
            key: object = edge.group if edge.group and not edge.cross_link else i
            groups.setdefault(key, []).append(edge.source)
        for members in groups.values():
            for choice in itertools.product(*(arguments(m) for m in members)):
                uses = frozenset([node_id]).union(*(sub for _, sub in choice))
                found.append((node_id, uses))
        built[node_id] = found
        return found

    every: list[Argument] = sorted({a for n in graph.nodes for a in arguments(n)}, key=str)
    names = [str(i) for i in range(len(every))]
    attacks: dict[str, list[str]] = {}
    for i, (conclusion, _) in enumerate(every):
        for j, (_, uses) in enumerate(every):
            if any((conclusion, used) in defeats for used in uses):
                attacks.setdefault(names[i], []).append(names[j])
    labels, _ = naive_grounded(names, attacks)
    result: dict[str, Label] = {}
    for node_id in graph.nodes:
        mine = [labels[names[i]] for i, (c, _) in enumerate(every) if c == node_id]
        if Label.IN in mine:
            result[node_id] = Label.IN
        elif all(label is Label.OUT for label in mine):
            result[node_id] = Label.OUT
        else:
            result[node_id] = Label.UNDEC
    return result


def _label(status: Status) -> Label:
    return {
        Status.STANDS: Label.IN,
        Status.UNSUPPORTED: Label.IN,
        Status.FALLS: Label.OUT,
        Status.CONTESTED: Label.UNDEC,
    }[status]


@settings(max_examples=200, deadline=None)
@given(small_maps())
def test_node_statuses_match_explicit_structured_arguments(text: str) -> None:
    result = load_map_text(text)
    if result.graph is None:  # a random support cycle or the like: not this test's business
        return
    ours = {k: _label(v.status) for k, v in evaluate(result.graph).items()}
    assert ours == argument_statuses(result.graph), text


_PREFIX = {
    Status.STANDS: "stands:",
    Status.FALLS: "falls:",
    Status.CONTESTED: "contested",
    Status.UNSUPPORTED: "unsupported:",
    Status.CUT: "cut:",
}


@settings(max_examples=200, deadline=None)
@given(small_maps(undercuts=True))
def test_every_node_gets_a_verdict_whose_reason_matches_its_status(text: str) -> None:
    graph = graph_of(text)
    verdicts = evaluate(graph)
    assert list(verdicts) == list(graph.nodes)
    for node_id, verdict in verdicts.items():
        assert verdict.reason.startswith(_PREFIX[verdict.status]), (node_id, verdict)
        assert "\n" not in verdict.reason
        assert verdict.strength is not None and 0.0 <= verdict.strength <= 1.0
    # Diagrams take the statuses alone, from the same labelling.
    assert diagram_statuses(graph) == {node_id: v.status for node_id, v in verdicts.items()}


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_diagram_statuses_agree_with_the_verdicts_on_the_shipped_maps(path: Path) -> None:
    graph = load_map(path).graph
    assert graph is not None
    assert diagram_statuses(graph) == {n: v.status for n, v in evaluate(graph).items()}
