"""The language server's features as functions, on a small map written here."""

from __future__ import annotations

import pytest
from lsprotocol import types

from argmap.lsp.actions import quick_fixes
from argmap.lsp.completion import Known, complete
from argmap.lsp.diagnostics import to_lsp
from argmap.lsp.hover import hover
from argmap.lsp.server import is_map
from argmap.lsp.state import analyse_text

MAP = """\
argmap: 1
title: Uniforms
sources:
  ofsted: {author: "Ofsted [inspectorate]", title: School report, date: "2023"}
claims:
  - id: U1
    side: pro
    text: Uniforms reduce *bullying*.
    scheme: expert-opinion
    premises:
      - id: U1.p1
        text: Poorer pupils stand out less.
        evidence:
          - source: ofsted
            quote: Fewer incidents.
"""


def labels(text: str, line: int, col: int | None = None) -> list[str]:
    snapshot = analyse_text(text, "map.yaml")
    lines = snapshot.lines
    at = len(lines[line]) if col is None else col
    known = Known(snapshot.index, snapshot.graph)
    return [item.label for item in complete(lines, line, at, known)]


def test_completes_keys_by_where_the_cursor_is() -> None:
    top = labels(MAP + "mot", 15)
    assert "motion" in top and "claims" not in top and "text" not in top
    node = labels(MAP.replace("        text: Poorer", "        ti\n        text: Poorer"), 11)
    assert "title" in node and "supports" in node and "motion" not in node
    assert "id" not in node and "text" not in node and "evidence" not in node  # written already
    new_item = labels(MAP + "  - ", 15)
    assert "id" in new_item and "text" in new_item
    card = labels(MAP.replace("            quote:", "            lo\n            quote:"), 14)
    assert "locator" in card and "text" not in card and "source" not in card


def test_completes_schemes_questions_and_enums() -> None:
    lines = MAP.split("\n")
    scheme = lines.index("    scheme: expert-opinion")
    assert "expert-opinion" in labels(MAP, scheme, len("    scheme: "))
    with_cq = MAP.replace("    scheme: expert-opinion", "    scheme: expert-opinion\n    cq: ex")
    questions = labels(with_cq, scheme + 1)
    assert questions and all("." in q for q in questions) and "expert-opinion.field" in questions
    with_attack = MAP.replace("    side: pro", "    side: pro\n    attack: ")
    assert labels(with_attack, 7) == ["rebut", "undermine", "undercut"]
    with_list = MAP.replace("    side: pro", "    side: pro\n    supports: [U1.p1, U]")
    assert labels(with_list, 7, len("    supports: [U1.p1, U")) == ["U1", "U1.p1"]


def test_completes_ids_from_the_last_map_that_loaded() -> None:
    good = analyse_text(MAP, "map.yaml")
    broken = MAP + "  - supports: [\n"  # not even YAML
    snapshot = analyse_text(broken, "map.yaml")
    assert snapshot.graph is None
    known = Known(good.index, good.graph)
    items = complete(snapshot.lines, 15, len("  - supports: ["), known)
    assert [i.label for i in items] == ["U1", "U1.p1"]
    assert items[0].detail and "Uniforms reduce" in items[0].detail


def test_hover_escapes_map_text_and_shows_citations_and_questions() -> None:
    snapshot = analyse_text(MAP, "map.yaml")
    lines = snapshot.lines
    evaluation = snapshot.evaluation
    on_node = hover(snapshot.index, snapshot.graph, evaluation, lines, 5, 9)
    assert on_node is not None and "\\*bullying\\*" in on_node and "strength" in on_node
    source_line = lines.index("          - source: ofsted")
    on_source = hover(snapshot.index, snapshot.graph, evaluation, lines, source_line, 22)
    assert on_source is not None and "Ofsted \\[inspectorate\\]" in on_source
    assert "date: 2023" in on_source
    on_scheme = hover(snapshot.index, snapshot.graph, evaluation, lines, 8, 14)
    assert on_scheme is not None and "Critical questions" in on_scheme


def test_quick_fix_takes_the_did_you_mean() -> None:
    typo = MAP.replace("        text: Poorer", "        txet: Poorer")
    snapshot = analyse_text(typo, "map.yaml")
    diagnostics = [to_lsp(d, snapshot.lines) for d in snapshot.diagnostics]
    assert sorted(str(d.code) for d in diagnostics) == ["missing-field", "unknown-key"]
    (fix,) = quick_fixes("file:///map.yaml", snapshot.lines, diagnostics)
    assert fix.title == "Change 'txet' to 'text'"
    assert fix.edit and fix.edit.changes
    (edit,) = fix.edit.changes["file:///map.yaml"]
    assert edit.new_text == "text"
    assert edit.range == types.Range(types.Position(11, 8), types.Position(11, 12))


def test_only_maps_are_served() -> None:
    assert is_map(MAP)
    assert not is_map("name: CI\non: [push]\njobs: {}\n")


def test_a_crash_in_analysis_becomes_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.lsp import server

    def broken(text: str, file: str) -> None:
        raise KeyError("nope")

    monkeypatch.setattr(server, "analyse_text", broken)
    snapshot = server.ArgmapServer().analyse("file:///tmp/map.yaml", MAP)
    (only,) = snapshot.diagnostics
    assert only.code == "internal-error" and "KeyError('nope')" in only.message


def test_questions_of_the_nodes_scheme_come_first() -> None:
    loaded = analyse_text(MAP, "map.yaml")
    known = Known(loaded.index, loaded.graph)
    typing = MAP.replace("    scheme: expert-opinion", "    scheme: expert-opinion\n    cq: ")
    lines = typing.split("\n")
    items = complete(lines, 9, len("    cq: "), known)
    ranked = sorted(items, key=lambda i: i.sort_text or "")
    first = [i.label for i in ranked if (i.sort_text or "").startswith("0")]
    assert first and all(label.startswith("expert-opinion.") for label in first)
    assert ranked[0].label.startswith("expert-opinion.")
    assert len(items) > len(first)  # the other schemes' questions are still offered
