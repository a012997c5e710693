"""Round-trip properties of edits on generated hand-written-looking maps.

An edit followed by its inverse gives back the same bytes; an edit changes only
the lines it must; every result is a valid map; fmt is idempotent.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap.edit import operations as ops
from argmap.edit.canonical import canonical_text
from argmap.edit.document import MapDocument, unified_diff
from argmap.edit.yamltext import YamlText
from argmap.graph import MapNode, Role
from argmap.load import load_text
from argmap.validate import load_map_text
from mapgen import maps

FILE = Path("generated.yaml")
# A deeper search: ARGMAP_EDIT_EXAMPLES=1000 pytest tests/test_edit_properties.py
EXAMPLES = int(os.environ.get("ARGMAP_EDIT_EXAMPLES", "30"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def document(text: str) -> MapDocument:
    return MapDocument.from_bytes(FILE, text.encode())


def valid(text: str) -> MapDocument:
    result = load_map_text(text, str(FILE))
    assert result.ok, [str(d) for d in result.diagnostics]
    return document(text)


def opcodes(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def same_but_comment_indents(new: str, old: str) -> bool:
    """Equal, or equal but for comments re-indented so that a block scalar does not read them
    as text (when a removal brings them under one)."""
    if new == old:
        return True
    a, b = new.split("\n"), old.split("\n")
    return len(a) == len(b) and all(
        x == y or (x.strip() == y.strip() and x.lstrip().startswith("#"))
        for x, y in zip(a, b, strict=True)
    )


def node_at(doc: MapDocument, path: tuple[str | int, ...]) -> MapNode:
    return next(n for n in doc.graph if n.path == path)


def shifted(path: tuple[str | int, ...], at: tuple[str | int, ...], by: int) -> tuple:
    """`path` after an item was removed (by=-1) or inserted (by=1) at `at`."""
    seq, index = at[:-1], at[-1]
    depth = len(seq)
    if path[:depth] == seq and len(path) > depth:
        step = path[depth]
        assert isinstance(step, int) and isinstance(index, int)
        if step > index or (by > 0 and step == index):
            return (*seq, step + by, *path[depth + 1 :])
    return path


@SETTINGS
@given(maps(), st.data())
def test_add_then_rm_gives_back_the_same_bytes(text: str, data: st.DataObject) -> None:
    doc = valid(text)
    parent = data.draw(st.sampled_from(list(doc.graph)))
    role = data.draw(st.sampled_from([Role.PREMISE, Role.REBUTTAL]))
    count = len(parent.premises if role is Role.PREMISE else parent.rebuttals)
    at = data.draw(st.none() | st.integers(1, count + 1))
    added = ops.add_node(doc, role, "A new node: no", under=parent.id, at=at).text
    assert all(tag in ("equal", "insert") for tag, _, _ in opcodes(text, added))
    after = valid(added)
    key = "premises" if role is Role.PREMISE else "rebuttals"
    new = node_at(after, (*parent.path, key, count if at is None else at - 1))
    assert new.explicit_id and new.id not in doc.graph.nodes
    assert new.text == "A new node: no"
    explicit = {n.id for n in doc.graph if n.explicit_id}
    assert explicit < set(after.graph.nodes)
    assert ops.remove_node(after, new.id).text == text


@SETTINGS
@given(maps(), st.data())
def test_rm_deletes_only_the_node_and_its_comments(text: str, data: st.DataObject) -> None:
    doc = valid(text)
    removable = [n for n in doc.graph if not ops.references_to(doc.graph, [n.id])]
    node = data.draw(st.sampled_from(removable))
    subtree = {n.id for n in doc.graph.descendants(node.id)}
    if ops.references_to(doc.graph, subtree):
        return
    removed = ops.remove_node(doc, node.id).text
    for tag, old, new in opcodes(text, removed):
        # Only deletions; and comments moved left out of a block scalar's reach.
        assert tag in ("equal", "delete") or all(
            line.lstrip().startswith("#") and line.strip() in {o.strip() for o in old}
            for line in new
        )
    after = valid(removed)
    assert set(doc.graph.nodes) - set(after.graph.nodes) >= {
        n for n in subtree if doc.graph[n].explicit_id
    }


@SETTINGS
@given(maps(), st.data())
def test_move_then_move_back_gives_back_the_same_bytes(text: str, data: st.DataObject) -> None:
    doc = valid(text)
    movable = [n for n in doc.graph if n.parent is not None]
    assume(movable)
    node = data.draw(st.sampled_from(movable))
    subtree = {n.id for n in doc.graph.descendants(node.id)}
    target = data.draw(st.sampled_from([n for n in doc.graph if n.id not in subtree]))
    role = data.draw(st.sampled_from([Role.PREMISE, Role.REBUTTAL]))
    assume(role is Role.REBUTTAL or not {"attack", "turn"} & node.node.model_fields_set)
    # A separated list of two keeps no trace of its blank line once one item leaves.
    old_list = YamlText(text).sequence_at(node.path[:-1])
    yt = YamlText(text)
    assume(len(old_list.value) != 2 or not yt.separated(yt.item_blocks(old_list)))
    siblings = target.premises if role is Role.PREMISE else target.rebuttals
    at = data.draw(st.none() | st.integers(1, len([s for s in siblings if s != node.id]) + 1))
    moved = ops.move_node(doc, node.id, target.id, role=role, at=at).text
    deleted = [line.strip() for tag, a, _ in opcodes(text, moved) for line in a if tag != "equal"]
    inserted = [line.strip() for tag, _, b in opcodes(text, moved) for line in b if tag != "equal"]
    lists = {"", "premises:", "rebuttals:"}  # a list emptied or started goes or comes
    assert Counter(d for d in deleted if d not in lists) == Counter(
        i for i in inserted if i not in lists
    )
    after = valid(moved)

    # Where everything is now: the node at its new place, its old parent maybe shifted.
    old_parent = doc.graph[node.parent or ""]
    key = "premises" if role is Role.PREMISE else "rebuttals"
    target_path = shifted(target.path, node.path, -1)
    new_list = after.graph[node_at(after, target_path).id]
    index = len(new_list.premises if role is Role.PREMISE else new_list.rebuttals) - 1
    if at is not None:
        index = at - 1
    new_path = (*target_path, key, index)
    parent_path = shifted(shifted(old_parent.path, node.path, -1), new_path, 1)
    old_index = node.path[-1]
    assert isinstance(old_index, int)
    back = ops.move_node(
        after,
        node_at(after, new_path).id,
        node_at(after, parent_path).id,
        role=node.role,
        at=old_index + 1,
    ).text
    assert same_but_comment_indents(back, text)


@SETTINGS
@given(maps(), st.data())
def test_set_then_unset_gives_back_the_same_bytes(text: str, data: st.DataObject) -> None:
    doc = valid(text)
    node = data.draw(st.sampled_from(list(doc.graph)))
    name, value = data.draw(
        st.sampled_from(
            [
                ("notes", "Ask: who pays?"),
                ("strength", "0.5"),
                ("implicit", "yes"),
                ("scheme", "cause-to-effect"),
                ("impact.magnitude", "high"),
                ("notes", "two\nlines"),
            ]
        )
    )
    if YamlText(text).has((*node.path, *name.split("."))):
        return
    changed = ops.set_field(doc, node.id, name, value).text
    assert all(tag in ("equal", "insert") for tag, _, _ in opcodes(text, changed))
    assert ops.set_field(valid(changed), node.id, name, None).text == text


@SETTINGS
@given(maps(), st.data())
def test_set_changes_only_the_lines_of_that_field(text: str, data: st.DataObject) -> None:
    doc = valid(text)
    node = data.draw(st.sampled_from(list(doc.graph)))
    value = data.draw(st.sampled_from(["New text", "no", "a: b", "two\nlines", "#1"]))
    yt = YamlText(text)
    mapping = yt.mapping_at(node.path)
    block = yt.entry_blocks(mapping)[[k.value for k, _ in mapping.value].index("text")]
    changed = ops.set_field(doc, node.id, "text", value).text
    after = valid(changed)
    assert node_at(after, node.path).text == value
    lines = text.split("\n")
    for tag, old, _ in opcodes(text, changed):
        if tag != "equal":
            assert all(line in lines[block.first : block.last + 1] for line in old)
    restored = ops.set_field(after, node.id, "text", node.text).text
    assert load_text(restored).data == load_text(text).data


@SETTINGS
@given(maps())
def test_fmt_is_idempotent_and_keeps_data_and_comments(text: str) -> None:
    once = canonical_text(text)
    assert canonical_text(once) == once
    assert Counter(YamlText(once).comments()) == Counter(YamlText(text).comments())
    assert valid(once).graph is not None


def apply_patch(old: list[str], diff: str) -> list[str]:
    """Apply a unified diff (as `patch` would, strictly at the stated lines)."""
    out: list[str] = []
    at = 0
    for line in diff.splitlines()[2:]:
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0][1:])
            length = line.split()[1].split(",")[1:] or ["1"]
            start = start - 1 if int(length[0]) else start
            out.extend(old[at:start])
            at = start
        elif line.startswith((" ", "-")):
            assert old[at] == line[1:], (old[at], line)
            if line.startswith(" "):
                out.append(line[1:])
            at += 1
        else:
            out.append(line[1:])
    return out + old[at:]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("abcd"), max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["ins", "del", "sub"])), min_size=1),
)
def test_dry_run_diff_applies(lines: list[str], edits: list[tuple[int, str]]) -> None:
    new = list(lines)
    for at, kind in edits:
        at = min(at, len(new))
        if kind == "ins":
            new.insert(at, "x")
        elif new:
            at = min(at, len(new) - 1)
            new[at : at + 1] = [] if kind == "del" else ["y"]
    old_text, new_text = "".join(f"{s}\n" for s in lines), "".join(f"{s}\n" for s in new)
    diff = unified_diff(old_text, new_text, "m.yaml")
    assert (diff == "") == (lines == new)
    assert apply_patch(lines, diff) == new
