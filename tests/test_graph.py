"""The resolved map: ids, sides, attack kinds and relations every later stage reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.graph import MapGraph, Relation, Role, source_label
from argmap.model import Attack, Side, Source
from argmap.validate import load_map_text

TREE = """\
argmap: 1
title: Uniforms
sides: {pro: Government, con: Opposition}
sources:
  smith: {author: Jane Smith, title: A study, date: "2019-04"}
claims:
  - id: C1
    side: pro
    text: Uniforms reduce bullying.
    premises:
      - text: Brands invite teasing.
        group: g
      - text: Uniforms remove brands.
        group: g
        evidence: [{source: smith, quote: "fewer incidents"}]
    rebuttals:
      - text: Bullying moves to other markers.
        rebuttals:
          - id: A1
            text: Fewer markers still means fewer targets.
            attack: undercut
  - id: O1
    side: con
    text: Uniforms cost families money.
    attacks: [C1]
    outweighs: [C1]
"""


def resolve(text: str) -> MapGraph:
    result = load_map_text(text)
    assert result.graph is not None, result.diagnostics
    return result.graph


def test_nodes_come_in_document_order_with_generated_ids() -> None:
    graph = resolve(TREE)
    assert list(graph.nodes) == ["C1", "C1.p1", "C1.p2", "C1.r1", "A1", "O1"]
    assert graph.roots == ["C1", "O1"]
    assert not graph["C1.p1"].explicit_id
    assert graph["A1"].parent == "C1.r1"
    assert graph["A1"].depth == 2


def test_sides_are_inferred_down_the_tree() -> None:
    graph = resolve(TREE)
    assert graph["C1.p1"].side is Side.PRO  # premise keeps its parent's side
    assert graph["C1.r1"].side is Side.CON  # rebuttal takes the other side
    assert graph["A1"].side is Side.PRO
    assert graph.side_label(Side.PRO) == "Government"


def test_attack_kinds_default_by_depth() -> None:
    graph = resolve(TREE)
    assert graph["C1.r1"].attack is Attack.REBUT  # against a root claim
    assert graph["A1"].attack is Attack.UNDERCUT  # explicit
    assert graph["C1"].attack is None
    assert graph["C1.r1"].role is Role.REBUTTAL


def test_edges_cover_tree_and_cross_links() -> None:
    graph = resolve(TREE)
    into_c1 = graph.edges_into("C1")
    assert {(e.source, e.relation, e.cross_link) for e in into_c1} == {
        ("C1.p1", Relation.SUPPORT, False),
        ("C1.p2", Relation.SUPPORT, False),
        ("C1.r1", Relation.ATTACK, False),
        ("O1", Relation.ATTACK, True),
        ("O1", Relation.OUTWEIGH, True),
    }
    assert {e.group for e in graph.edges_into("C1", Relation.SUPPORT)} == {"g"}
    [link] = list(graph.edges_from("O1", Relation.ATTACK))
    assert link.attack is Attack.REBUT


def test_generated_ids_never_clash_with_written_ones() -> None:
    text = TREE.replace("id: A1", "id: C1.p1")
    graph = resolve(text)
    assert "C1.p1" in graph.nodes and "C1.p1-2" in graph.nodes
    assert graph["C1.p1"].text == "Fewer markers still means fewer targets."


def test_descendants_walk_a_subtree_in_order() -> None:
    graph = resolve(TREE)
    assert [n.id for n in graph.descendants("C1")] == ["C1", "C1.p1", "C1.p2", "C1.r1", "A1"]


@pytest.mark.parametrize(
    ("author", "date", "label"),
    [
        ("Glantz, David M.", "1983", "Glantz 1983"),
        ("Mitter, Rana", None, "Mitter"),
        ("van de Ven, Hans", "2017", "van de Ven 2017"),
        ("Krivosheev, G. F. (ed.)", "1997", "Krivosheev 1997"),
        ("Gentile, Elisabetta; Imberman, Scott A.", "2012", "Gentile & Imberman 2012"),
        ("Andreev, E. M.; Darsky, L. E.; Kharkova, T. L.", "1993", "Andreev et al. 1993"),
        ("Tian, N., et al.", "2025-04", "Tian et al. 2025"),
        ("David M. Glantz and Jonathan M. House", "2015", "Glantz & House 2015"),
        ("Stockholm International Peace Research Institute (SIPRI)", "April 2025", "SIPRI 2025"),
        ("Bank of Korea", "2025-07-25", "Bank of Korea 2025"),
        ("AFP (via NZ Herald)", "2025-05-08", "AFP 2025"),
        ("AFP; BBC; AP; Reuters", "2025", "AFP et al. 2025"),
        # Given-name-first without an initial cannot be told from an organisation: kept whole.
        ("Jane Smith", "2019-04", "Jane Smith 2019"),
        ("RAND Corporation", "2021-06", "RAND Corporation 2021"),
    ],
)
def test_source_label_reads_author_year(author: str, date: str | None, label: str) -> None:
    assert source_label(Source(author=author, title="T", date=date)) == label


NUMBERED = """\
argmap: 1
title: Numbering
sides: {pro: Affirmative, con: Negative}
claims:
  - id: T
    side: pro
    text: The thesis.
    premises:
      - {id: T.p1, text: First half.}
  - id: A
    side: pro
    text: First contention.
    supports: [T.p1]
    premises:
      - id: A.p1
        text: A reason.
        premises:
          - {id: A.p1.p1, text: A sub-reason.}
        rebuttals:
          - {id: A.p1.r1, text: The reason is false.}
      - id: A.p2
        text: Another reason.
    rebuttals:
      - id: A.r1
        text: The contention is false.
        premises:
          - {id: A.r1.p1, text: Because of this.}
        rebuttals:
          - {id: A.r1.a1, text: No it is not.}
          - {id: A.r1.a2, text: Even so it does not follow., attack: undercut}
  - id: B
    side: pro
    text: Second contention.
  - id: N
    side: con
    text: Their contention.
    attacks: [A]
"""


def test_numbering_gives_the_codes_debaters_read_aloud() -> None:
    from argmap.graph import numbering, side_letters, theses

    graph = resolve(NUMBERED)
    assert theses(graph) == ["T"]
    assert side_letters(graph) == {Side.PRO: "A", Side.CON: "N"}
    assert numbering(graph) == {
        "T": "AT",
        "T.p1": "ATa",
        "A": "A1",
        "A.p1": "A1a",
        "A.p1.p1": "A1b",  # nested premises continue the letters of their argument
        "A.p1.r1": "A1.1",  # an attack on a premise counts among the attacks on A
        "A.p2": "A1c",
        "A.r1": "A1.2",
        "A.r1.p1": "A1.2a",
        "A.r1.a1": "A1.2.1",
        "A.r1.a2": "A1.2.2",
        "B": "A2",
        "N": "N1",
    }


def test_side_letters_fall_back_when_labels_share_an_initial() -> None:
    from argmap.graph import numbering, side_letters

    graph = resolve(NUMBERED.replace("{pro: Affirmative, con: Negative}", "{pro: Pro, con: Proof}"))
    assert side_letters(graph) == {Side.PRO: "P", Side.CON: "C"}
    assert numbering(graph)["N"] == "C1"


def test_a_root_that_supports_another_is_a_contention_not_a_thesis() -> None:
    from argmap.graph import numbering, theses

    chain = NUMBERED.replace(
        "  - id: T\n    side: pro\n", "  - id: T\n    side: pro\n    supports: [B]\n"
    )
    graph = resolve(chain)
    assert theses(graph) == ["B"]  # T supports B, so B frames the case and T argues for it
    assert numbering(graph)["T"] == "A1" and numbering(graph)["B"] == "AT"


@given(st.integers(min_value=1, max_value=2000))
def test_premise_letters_are_unique_and_spreadsheet_style(n: int) -> None:
    from argmap.graph import _letters

    assert _letters(n) != _letters(n + 1)
    assert _letters(n).isalpha() and _letters(n).islower()
    assert _letters(26) == "z" and _letters(27) == "aa" and _letters(702) == "zz"


def test_source_labels_are_unique_per_map() -> None:
    from argmap.graph import source_labels

    text = TREE.replace(
        'smith: {author: Jane Smith, title: A study, date: "2019-04"}',
        'smith: {author: "Smith, Jane", title: A study, date: "2019-04"}\n'
        '  smith2: {author: "Smith, J.", title: Another, date: "2019"}\n'
        "  wire: {author: Reuters, title: A}\n"
        "  wire2: {author: Reuters, title: B}",
    )
    graph = resolve(text)
    assert source_labels(graph.map) == {
        "smith": "Smith 2019a",
        "smith2": "Smith 2019b",
        "wire": "Reuters (a)",
        "wire2": "Reuters (b)",
    }


def test_an_unknown_id_in_expect_cut_is_an_error_not_a_crash() -> None:
    text = (
        "argmap: 1\ntitle: T\nclaims:\n  - id: A\n    side: pro\n    text: A claim.\n"
        "expect:\n  stands: [A]\n  cut: [nope]\n"
    )
    result = load_map_text(text, "m.yaml")
    assert [str(d) for d in result.diagnostics] == [
        "m.yaml:9:9: error[unknown-id]: 'expect.cut' refers to unknown id 'nope'"
    ]
