"""Edits on the shipped maps (and the commented fixture) keep every comment and every
line they are not about; fmt on them is idempotent."""

from __future__ import annotations

import difflib
import itertools
from collections import Counter
from pathlib import Path

import pytest

from argmap.edit import operations as ops
from argmap.edit.canonical import canonical_text
from argmap.edit.document import MapDocument
from argmap.edit.yamltext import YamlText
from argmap.graph import MapNode, Role
from argmap.load import load_text
from conftest import MAPS

FIXTURE = Path(__file__).parent / "fixtures" / "commented.yaml"
CASES = [*MAPS, FIXTURE]
SAMPLE = 12  # nodes per map, spread over it


@pytest.fixture(params=CASES, ids=[p.stem for p in CASES])
def doc(request: pytest.FixtureRequest) -> MapDocument:
    path: Path = request.param
    return MapDocument.open(path)


def spread(doc: MapDocument) -> list[MapNode]:
    nodes = list(doc.graph)
    step = max(1, len(nodes) // SAMPLE)
    return nodes[::step]


def comments(text: str) -> Counter[str]:
    return Counter(YamlText(text).comments())


def removed_lines(old: str, new: str) -> list[int]:
    """Line numbers (0-based) of `old` that the change removed or replaced."""
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"), autojunk=False)
    return [
        i for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal" for i in range(i1, i2)
    ]


def test_set_text_touches_only_that_text(doc: MapDocument) -> None:
    yt = YamlText(doc.text)
    for node in spread(doc):
        mapping = yt.mapping_at(node.path)
        block = yt.entry_blocks(mapping)[[k.value for k, _ in mapping.value].index("text")]
        change = ops.set_field(doc, node.id, "text", "Replaced: the new wording.")
        assert set(removed_lines(doc.text, change.text)) <= set(range(block.first, block.last + 1))
        assert comments(change.text) == comments(doc.text)
        assert doc.finish(change, dry_run=True).changed


def test_add_then_rm_gives_back_the_same_bytes(doc: MapDocument) -> None:
    for node in spread(doc):
        for role in (Role.PREMISE, Role.REBUTTAL):
            added = ops.add_node(doc, role, "An added node.", under=node.id).text
            assert removed_lines(doc.text, added) == []
            after = MapDocument.from_bytes(doc.path, added.encode())
            [new_id] = set(after.graph.nodes) - set(doc.graph.nodes)
            assert ops.remove_node(after, new_id).text == doc.text


def mixed_blank_lines(doc: MapDocument, node: MapNode) -> bool:
    """Whether some items of the node's list are separated by blank lines and some not:
    the list's style is then unknown once an item leaves (the blank goes with it)."""
    yt = YamlText(doc.text)
    blocks = yt.item_blocks(yt.sequence_at(node.path[:-1]))
    gaps = {yt.separated([a, b]) for a, b in itertools.pairwise(blocks)}
    return len(gaps) > 1


def test_move_a_leaf_and_back_keeps_the_bytes(doc: MapDocument) -> None:
    leaves = [n for n in spread(doc) if n.parent and not (n.premises or n.rebuttals)]
    target = doc.graph.roots[-1]
    for leaf in leaves:
        if leaf.parent == target or not leaf.explicit_id or leaf.node.group:
            continue
        moved = ops.move_node(doc, leaf.id, target, role=Role.REBUTTAL).text
        assert comments(moved) == comments(doc.text)
        after = MapDocument.from_bytes(doc.path, moved.encode())
        index = leaf.path[-1]
        assert isinstance(index, int) and leaf.parent is not None
        back = ops.move_node(after, leaf.id, leaf.parent, role=leaf.role, at=index + 1).text
        if mixed_blank_lines(doc, leaf):
            assert [x for x in back.split("\n") if x] == [x for x in doc.text.split("\n") if x]
        else:
            assert back == doc.text


def test_fmt_is_idempotent_and_keeps_every_comment(doc: MapDocument) -> None:
    once = canonical_text(doc.text)
    assert canonical_text(once) == once
    assert comments(once) == comments(doc.text)
    assert load_text(once).data == load_text(doc.text).data
