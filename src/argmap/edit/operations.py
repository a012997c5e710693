"""The edits: add, set, move and remove nodes, add sources.

Each operation takes an open `MapDocument` and returns a `Change` (the new text,
checked against the intended data, not yet validated or written). Ids the user
gives are checked here; what the model says about the result is checked when
the document is finished.

Generated ids follow the scheme `argmap.graph` uses for nodes without an id
(`PARENT.p3`, `PARENT.r2`, `claim-4`), skip any id already in use, and are
written into the file so they stay the same when the tree around them changes.
Nodes whose generated id an edit would shift, and that something refers to, get
their current id written in first ("pinned"), so references keep their target.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from argmap.diagnostics import did_you_mean
from argmap.edit import render
from argmap.edit.document import Change, MapDocument
from argmap.edit.editor import Editor
from argmap.edit.errors import RefusedEdit, UsageError
from argmap.edit.yamltext import Path
from argmap.graph import MapGraph, MapNode, Role
from argmap.model import Attack, Id, Impact, Node, Side, Source

# Fields `set` changes: the scalar fields of a node, and those of its impact.
SETTABLE = (
    "text",
    "title",
    "side",
    "attack",
    "turn",
    "implicit",
    "analytic",
    "scheme",
    "cq",
    "strength",
    "notes",
    "group",
    *(f"impact.{name}" for name in Impact.model_fields),
)
_CHILD_KEY = {Role.PREMISE: "premises", Role.REBUTTAL: "rebuttals"}
_REFERENCE_KEYS = ("supports", "attacks", "outweighs")


def add_node(
    doc: MapDocument,
    role: Role,
    text: str,
    *,
    under: str | None = None,
    node_id: str | None = None,
    title: str | None = None,
    side: Side | None = None,
    attack: Attack | None = None,
    evidence: Sequence[str] = (),
    at: int | None = None,
) -> Change:
    """Add a claim (with `side`), or a premise or rebuttal `under` a node."""
    graph = doc.graph
    if role is Role.CLAIM:
        if under is not None:
            raise UsageError("a claim is a root: leave out --under (or add a premise/rebuttal)")
        if side is None:
            raise UsageError("a new claim needs a side: --side pro or --side con")
        parent, siblings = None, list(graph.roots)
        seq_path: Path = ("claims",)
    else:
        if under is None:
            raise UsageError(f"say which node the {role} goes under: --under ID")
        if side is not None:
            raise UsageError(f"a {role}'s side follows from the tree; --side is for claims")
        parent = doc.find(under)
        seq_path = (*parent.path, _CHILD_KEY[role])
        siblings = list(parent.premises if role is Role.PREMISE else parent.rebuttals)
    if attack is not None and role is not Role.REBUTTAL:
        raise UsageError("--attack applies to rebuttals")
    _typed(Node, "text", text)
    if title is not None:
        _typed(Node, "title", title)
    index = _position(at, len(siblings))
    if node_id is None:
        node_id = _new_id(graph, parent, role, len(siblings), index)
    else:
        _check_new_id(node_id, graph.nodes)
    pairs: list[tuple[str, yaml.Node]] = [("id", render.scalar(node_id))]
    if side is not None:
        pairs.append(("side", render.scalar(side.value, typed=True)))
    if title is not None:
        pairs.append(("title", render.scalar(title)))
    pairs.append(("text", render.scalar(text)))
    if attack is not None:
        pairs.append(("attack", render.scalar(attack.value, typed=True)))
    if evidence:
        cards = [render.mapping([("source", render.scalar(s))]) for s in evidence]
        pairs.append(("evidence", render.sequence(cards)))
    editor = doc.editor()
    _pin_shifted(editor, graph, siblings[index:])
    editor.insert(seq_path, index, render.mapping(pairs))
    editor.check()
    what = f"{role} {node_id} under {parent.id}" if parent else f"{side} claim {node_id}"
    return Change(editor.text, f"added {what}", editor.loaded)


def set_field(doc: MapDocument, node_id: str, name: str, value: str | None) -> Change:
    """Set a scalar field of a node (`impact.magnitude` for impact), or remove it (None)."""
    node = doc.find(node_id)
    if name not in SETTABLE:
        hint = did_you_mean(name, SETTABLE)
        raise UsageError(
            f"'{name}' is not a field `set` can change{hint}; fields: {', '.join(SETTABLE)}"
        )
    path: Path = (*node.path, *name.split("."))
    editor = doc.editor()
    present = editor.yt.has(path)
    if value is None:
        if not present:
            return Change(doc.text, f"{node_id} has no {name}; nothing to remove")
        editor.unset(path)
        editor.check()
        return Change(editor.text, f"removed {name} from {node_id}", editor.loaded)
    model: type[BaseModel] = Impact if name.startswith("impact.") else Node
    text, typed = _typed(model, name.split(".")[-1], value)
    old = editor.yt.node_at(path) if present else None
    if old is not None and render.plain(old) == text:
        return Change(doc.text, f"{node_id} {name} is already {text!r}")
    editor.set(path, render.scalar(text, typed=typed, style=None if typed else _style(old, text)))
    editor.check()
    return Change(editor.text, f"set {name} of {node_id}", editor.loaded)


def move_node(
    doc: MapDocument, node_id: str, under: str, *, role: Role | None = None, at: int | None = None
) -> Change:
    """Move a node and its subtree under another node, as a premise or rebuttal."""
    graph = doc.graph
    node, target = doc.find(node_id), doc.find(under)
    subtree = [n.id for n in graph.descendants(node.id)]
    if target.id in subtree:
        raise UsageError(f"cannot move {node.id} under {target.id}: it is in {node.id}'s subtree")
    if role is None:
        role = Role.PREMISE if node.role is Role.CLAIM else node.role
    if role is Role.CLAIM:
        raise UsageError("a node moves under another as a premise or a rebuttal")
    key = _CHILD_KEY[role]
    siblings = list(target.premises if role is Role.PREMISE else target.rebuttals)
    if node.id in siblings:
        siblings.remove(node.id)
    index = _position(at, len(siblings))
    editor = doc.editor()
    old_siblings = _siblings(graph, node)
    _pin_shifted(
        editor,
        graph,
        [*subtree[:1], *old_siblings[old_siblings.index(node.id) + 1 :], *siblings[index:]],
    )
    taken = editor.remove_item(node.path[:-1], int(node.path[-1]))
    seq_path = _after_removal((*target.path, key), node.path)
    editor.insert(seq_path, index, taken.node, taken)
    new_side = target.side if role is Role.PREMISE else target.side.other
    if node.role is Role.CLAIM and node.node.side is new_side:
        editor.unset((*seq_path, index, "side"))  # implied by the tree now
    editor.check()
    return Change(editor.text, f"moved {node.id} under {target.id} as a {role}", editor.loaded)


@dataclass(frozen=True)
class Reference:
    """A cross-link or answer-key entry that names a node."""

    holder: str  # the node that declares it, or "expect"
    key: str  # supports, attacks, outweighs, or the expect status
    target: str
    path: Path  # the list item in the data

    def describe(self, doc: MapDocument) -> str:
        what = (
            f"expect.{self.key} lists" if self.holder == "expect" else f"{self.holder} {self.key}"
        )
        return f"{doc.file}:{doc.line_of(self.path)}: {what} {self.target}"


def references_to(graph: MapGraph, ids: Iterable[str]) -> list[Reference]:
    """Every reference to one of `ids` from outside that set, in document order."""
    wanted = set(ids)
    found = []
    for mapped in graph:
        if mapped.id in wanted:
            continue
        for key in _REFERENCE_KEYS:
            for i, target in enumerate(getattr(mapped.node, key)):
                if target in wanted:
                    found.append(Reference(mapped.id, key, target, (*mapped.path, key, i)))
    expect = graph.map.expect
    if expect is not None:
        for status in type(expect).model_fields:
            for i, target in enumerate(getattr(expect, status)):
                if target in wanted:
                    found.append(Reference("expect", status, target, ("expect", status, i)))
    return found


def remove_node(doc: MapDocument, node_id: str, *, force: bool = False) -> Change:
    """Remove a node and its subtree; with `force`, also the references to them."""
    graph = doc.graph
    node = doc.find(node_id)
    subtree = [n.id for n in graph.descendants(node.id)]
    references = references_to(graph, subtree)
    if references and not force:
        raise RefusedEdit(
            f"{node.id} was not removed: other parts of the map refer to it or to its "
            "subtree; remove those references, or use --force to remove them too",
            [ref.describe(doc) for ref in references],
        )
    editor = doc.editor()
    siblings = _siblings(graph, node)
    _pin_shifted(editor, graph, siblings[siblings.index(node.id) + 1 :])
    for ref in sorted(references, key=lambda r: r.path[-1], reverse=True):
        editor.remove_item(ref.path[:-1], int(ref.path[-1]))
    editor.remove_item(node.path[:-1], int(node.path[-1]))
    editor.check()
    gone = f" and {len(subtree) - 1} node{'s' * (len(subtree) != 2)} below it" * (len(subtree) > 1)
    refs = f"; removed {len(references)} reference{'s' * (len(references) != 1)}" * bool(references)
    return Change(editor.text, f"removed {node.id}{gone}{refs}", editor.loaded)


def add_source(doc: MapDocument, source_id: str, fields: dict[str, str | None]) -> Change:
    """Add an entry to the bibliography (`sources`)."""
    _check_id(source_id)
    if source_id in doc.graph.map.sources:
        raise UsageError(f"source '{source_id}' is already in {doc.file}")
    given = {k: v for k, v in fields.items() if v is not None}
    try:
        Source.model_validate(given)
    except ValidationError as exc:
        raise UsageError(_first_error(exc, "source")) from exc
    entry = render.mapping(
        (name, render.scalar(given[name])) for name in Source.model_fields if name in given
    )
    editor = doc.editor()
    if "sources" in doc.data:
        editor.set(("sources", source_id), entry)
    else:
        editor.set(("sources",), render.mapping([(source_id, entry)]))
    editor.check()
    return Change(editor.text, f"added source {source_id}", editor.loaded)


# --- helpers ----------------------------------------------------------------------------


def _new_id(graph: MapGraph, parent: MapNode | None, role: Role, siblings: int, index: int) -> str:
    """`PARENT.pN`, `PARENT.rN` or `claim-N`, N past the siblings and unused.

    Inserted before the end, the new node shifts the generated ids of the siblings
    after it up by one, so N also skips every number a sibling could then take.
    """
    kind = "p" if role is Role.PREMISE else "r"
    prefix = "claim-" if parent is None else f"{parent.id}.{kind}"
    shifting = range(1, siblings + 2) if index < siblings else range(0)
    reserved = {f"{prefix}{n}" for n in shifting}
    n = siblings + 1
    while f"{prefix}{n}" in graph.nodes or f"{prefix}{n}" in reserved:
        n += 1
    return f"{prefix}{n}"


def _check_id(value: str) -> None:
    try:
        TypeAdapter(Id).validate_python(value)
    except ValidationError as exc:
        raise UsageError(
            f"'{value}' is not a valid id: use letters, digits, '-', '_' and '.'"
        ) from exc


def _check_new_id(node_id: str, taken: Iterable[str]) -> None:
    _check_id(node_id)
    if node_id in set(taken):
        raise UsageError(f"id '{node_id}' is already used in the map")


def _position(at: int | None, count: int) -> int:
    """A 1-based position among `count` siblings (None: after the last) as a list index."""
    if at is None:
        return count
    if not 1 <= at <= count + 1:
        raise UsageError(f"--at must be between 1 and {count + 1}")
    return at - 1


def _siblings(graph: MapGraph, node: MapNode) -> list[str]:
    if node.parent is None:
        return list(graph.roots)
    parent = graph[node.parent]
    return list(parent.premises if node.role is Role.PREMISE else parent.rebuttals)


def _referenced(graph: MapGraph) -> set[str]:
    """Every id that a cross-link or the answer key names."""
    named = {
        target for node in graph for key in _REFERENCE_KEYS for target in getattr(node.node, key)
    }
    expect = graph.map.expect
    if expect is not None:
        named.update(i for status in type(expect).model_fields for i in getattr(expect, status))
    return named


def _pin_shifted(editor: Editor, graph: MapGraph, first_nodes: Iterable[str]) -> None:
    """Write the current id into referenced nodes without one, in these nodes' subtrees."""
    referenced = _referenced(graph)
    pinned: set[str] = set()
    for start in first_nodes:
        for mapped in graph.descendants(start):
            if not mapped.explicit_id and mapped.id in referenced and mapped.id not in pinned:
                editor.set((*mapped.path, "id"), render.scalar(mapped.id))
                pinned.add(mapped.id)


def _after_removal(path: Path, removed: Path) -> Path:
    """`path` as it reads once the item at `removed` is gone from its sequence."""
    seq, index = removed[:-1], int(removed[-1])
    depth = len(seq)
    if path[:depth] == seq and len(path) > depth:
        step = path[depth]
        if isinstance(step, int) and step > index:
            return (*seq, step - 1, *path[depth + 1 :])
    return path


def _typed(model: type[BaseModel], name: str, value: str) -> tuple[str, bool]:
    """Check `value` against the model's field; the text to write and whether it is typed."""
    info = model.model_fields[name]
    kind: Any = info.annotation
    if info.metadata:  # constraints declared on the field itself (strength: 0-1)
        kind = Annotated[kind, *info.metadata]
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    try:
        parsed = adapter.validate_python(value)
    except ValidationError as exc:
        raise UsageError(_first_error(exc, name, info.annotation)) from exc
    if isinstance(parsed, bool):
        return ("true" if parsed else "false"), True
    if isinstance(parsed, Enum):
        return str(parsed.value), True
    if isinstance(parsed, int | float):
        return repr(parsed), True
    return value, False


def _first_error(exc: ValidationError, name: str, annotation: Any = None) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(step) for step in err["loc"])
    where = f"{name}.{loc}" if loc else name
    message = f"invalid {where}: {err['msg']}"
    choices = [m.value for t in getattr(annotation, "__args__", (annotation,)) for m in _enum(t)]
    return message + did_you_mean(str(err.get("input", "")), choices)


def _enum(kind: Any) -> list[Enum]:
    return list(kind) if isinstance(kind, type) and issubclass(kind, Enum) else []


def _style(old: yaml.Node | None, text: str) -> str | None:
    """Keep a rewritten scalar's style: block stays block, quoted stays quoted."""
    if not isinstance(old, yaml.ScalarNode) or not old.style:
        return None
    if "\n" in text:
        return "|"  # line breaks read best as a literal block
    return str(old.style)
