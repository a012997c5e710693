"""Load: YAML text to plain data, keeping the way back to every line.

The read path uses PyYAML's C composer (fast, with marks) and builds plain dicts,
lists and strings itself, so that:

- no YAML tag ever constructs a Python object (unknown tags are errors);
- plain scalars stay the text the user wrote (`text: no` is "no", not False);
  typed fields are converted later by the model, which knows what it expects;
- duplicate keys, aliases, absurd nesting, several documents, oversized files
  and invalid UTF-8 are reported as diagnostics instead of surprises.

Positions are not tabulated up front: `LoadedYaml.position(path)` walks the
composed node tree when a diagnostic needs a line, which keeps the clean path fast.
A reader that needs only positions (validation) asks for `tree=False` and gets
`Positions`, a compact table of the marks, instead of the tree (which is more than half
of a loaded map's memory). A clean document is then built straight from the parser's
events and no tree exists at all; anything unusual (an anchor, a tag, a duplicate key,
a syntax error) takes the composed-tree path, so its diagnostics are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.diagnostics import START, Diagnostic, Position
from argmap.perf import paused_gc

if not yaml.__with_libyaml__:  # pragma: no cover - the wheel always bundles libyaml
    raise ImportError("argmap needs PyYAML built with libyaml (the C loader)")

YamlPath = tuple[str | int, ...]

MAX_BYTES = 32 * 1024 * 1024
"""Largest map file read (a 10,000-node map is about 3 MiB)."""

MAX_DEPTH = 200
"""Deepest YAML nesting accepted: 100 levels of premises or rebuttals."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_YAML_TAG = "tag:yaml.org,2002:"
# Tags a resolver may put on ordinary YAML; anything else (!!python/..., !custom) is refused.
_SAFE_TAGS = frozenset(
    _YAML_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)
_STR, _NULL = _YAML_TAG + "str", _YAML_TAG + "null"
_KIND_TAG: dict[type[yaml.Node], str] = {
    yaml.MappingNode: _YAML_TAG + "map",
    yaml.SequenceNode: _YAML_TAG + "seq",
}


class _Loader(yaml.CSafeLoader):
    """libyaml's composer with the one implicit type argmap reads: null.

    Plain scalars stay text (the model converts typed fields), so asking PyYAML's
    resolver whether `12` is an int or `no` a bool, by regular expression, for every
    scalar only costs time: about a fifth of composing a large map.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return _KIND_TAG[kind]


@dataclass
class LoadedYaml:
    """Plain data read from one file, with the composed node tree (or `Positions`)."""

    file: str
    data: Any = None
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positions: Positions | None = field(default=None, repr=False)  # when root was dropped

    def position(self, path: YamlPath) -> Position:
        """Where the value at `path` is written, or its nearest existing ancestor."""
        if self.positions is not None:
            return self.positions.position(path)
        node = self.root
        found = START if node is None else _mark(node)
        for step in path:
            node = child_node(node, step)
            if node is None:
                break
            found = _mark(node)
        return found

    def key_position(self, path: YamlPath) -> Position:
        """Where the key of the mapping entry at `path` is written."""
        if not path:
            return self.position(path)
        if self.positions is not None:
            return self.positions.key_position(path)
        parent = self.root
        for step in path[:-1]:
            parent = child_node(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value == path[-1]:
                    return _mark(key)
        return self.position(path)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


# A spot is where one value is written: its packed position (line << 32 | column) for a
# scalar; for a mapping (position, {key: (key's position, value's spot)}); for a
# sequence (position, [spots]). For a 10,000-node map: 9 MiB, against 28 MiB for the
# composed tree's nodes and marks.
Spot = int | tuple[int, "dict[str | int, tuple[int, Spot]] | list[Spot]"]


class Positions:
    """Where every value and key of a loaded document is written, without the tree."""

    __slots__ = ("root",)

    def __init__(self, root: Spot) -> None:
        self.root = root

    def position(self, path: YamlPath) -> Position:
        """As `LoadedYaml.position`."""
        spot: Spot | None = self.root
        found = _where(self.root)
        for step in path:
            spot = _child_spot(spot, step)
            if spot is None:
                break
            found = _where(spot)
        return found

    def key_position(self, path: YamlPath) -> Position:
        """As `LoadedYaml.key_position`."""
        parent: Spot | None = self.root
        for step in path[:-1]:
            parent = _child_spot(parent, step)
        if isinstance(parent, tuple) and isinstance(parent[1], dict):
            entry = parent[1].get(path[-1])
            if entry is not None:
                return _unpack(entry[0])
        return self.position(path)


def _pack(node: yaml.Node | yaml.Event) -> int:
    mark = node.start_mark
    if mark is None:  # pragma: no cover - libyaml marks every node and event
        return 1 << 32 | 1
    return (mark.line + 1) << 32 | (mark.column + 1)


def _unpack(packed: int) -> Position:
    return Position(packed >> 32, packed & 0xFFFFFFFF)


def _where(spot: Spot) -> Position:
    return _unpack(spot if isinstance(spot, int) else spot[0])


def _spot(node: yaml.Node) -> Spot:
    if isinstance(node, yaml.MappingNode):
        entries: dict[str | int, tuple[int, Spot]] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):  # other keys are refused by the builder
                entries.setdefault(key.value, (_pack(key), _spot(value)))  # the first
        return (_pack(node), entries)
    if isinstance(node, yaml.SequenceNode):
        return (_pack(node), [_spot(item) for item in node.value])
    return _pack(node)


def _child_spot(spot: Spot | None, step: str | int) -> Spot | None:
    if not isinstance(spot, tuple):
        return None
    children = spot[1]
    if isinstance(children, dict):
        entry = children.get(step)
        return None if entry is None else entry[1]
    if isinstance(step, int) and 0 <= step < len(children):
        return children[step]
    return None


def child_node(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    """The value under `step` of a composed mapping or sequence node, or None."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step]  # type: ignore[no-any-return]
    return None


class _Refused(Exception):
    """Stops the walk at a construct that makes the rest of the file meaningless."""

    def __init__(self, pos: Position, code: str, message: str) -> None:
        super().__init__(message)
        self.pos, self.code, self.message = pos, code, message


def load_file(path: Path, *, tree: bool = True) -> LoadedYaml:
    """Read and load one map file; problems come back as diagnostics, never raised.

    `tree=False` keeps `Positions` instead of the composed tree (see the module's doc).
    """
    from argmap.fileio import FileRefused, read_limited

    file = str(path)
    try:
        raw = read_limited(path, MAX_BYTES)
    except FileRefused as exc:
        message = exc.message if exc.code == "file-too-large" else f"cannot read file: {exc}"
        return _failed(file, START, exc.code, message)
    except OSError as exc:
        return _failed(file, START, "unreadable", f"cannot read file: {exc.strerror or exc}")
    return load_bytes(raw, file, tree=tree)


def load_bytes(raw: bytes, file: str, *, tree: bool = True) -> LoadedYaml:
    """Decode UTF-8 (a BOM is fine) and load; see `load_text`."""
    if len(raw) > MAX_BYTES:
        return _failed(
            file,
            START,
            "file-too-large",
            f"file is {len(raw):,} bytes; maps are limited to {MAX_BYTES:,} bytes",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _failed(file, START, "encoding", "file is UTF-16; save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _failed(
            file,
            Position(line, col),
            "encoding",
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
        )
    return load_text(text, file, tree=tree)


def load_text(text: str, file: str = "<string>", *, tree: bool = True) -> LoadedYaml:
    """Compose YAML with the C loader and build plain data from it (`tree`: as `load_file`)."""
    result = LoadedYaml(file)
    with paused_gc():
        if not tree and (streamed := _stream(text)) is not None:
            result.data, spot = streamed
            result.positions = Positions(spot)
            return result
        try:
            result.root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            result.diagnostics.append(_yaml_error(file, exc))
            return result
        except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors carry marks
            result.diagnostics.append(Diagnostic.at(file, START, "yaml-syntax", str(exc)))
            return result
        if result.root is None:
            result.diagnostics.append(
                Diagnostic.at(file, START, "empty-file", "file holds no YAML document")
            )
            return result
        try:
            result.data = _Builder(file, result.diagnostics, "&" in text).build(result.root)
        except _Refused as exc:
            result.data = None
            if exc.code == "yaml-alias":
                exc.pos = _first_alias(text) or exc.pos
            result.diagnostics.append(Diagnostic.at(file, exc.pos, exc.code, exc.message))
        if not tree:
            result.positions, result.root = Positions(_spot(result.root)), None
    return result


def _failed(file: str, pos: Position, code: str, message: str) -> LoadedYaml:
    return LoadedYaml(file, diagnostics=[Diagnostic.at(file, pos, code, message)])


def _yaml_error(file: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    pos = Position(mark.line + 1, mark.column + 1) if mark else START
    problem = exc.problem or "invalid YAML"
    if exc.context == "expected a single document in the stream":
        return Diagnostic.at(
            file,
            pos,
            "multiple-documents",
            "a map file holds one YAML document; remove the second '---' or split the file",
        )
    if "maximum nesting depth" in problem:
        return Diagnostic.at(file, pos, "too-deep", "YAML is nested too deeply")
    message = problem
    context_mark = exc.context_mark
    if exc.context and context_mark is not None and context_mark is not mark:
        message = f"{problem} ({exc.context} at line {context_mark.line + 1})"
    return Diagnostic.at(file, pos, "yaml-syntax", message)


def _first_alias(text: str) -> Position | None:
    events: Iterator[yaml.Event] = yaml.parse(text, Loader=yaml.CSafeLoader)
    for event in events:
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            return Position(mark.line + 1, mark.column + 1)
    return None


class _Builder:
    """Turns a composed node tree into plain data, reporting what YAML would hide."""

    def __init__(self, file: str, diagnostics: list[Diagnostic], may_alias: bool) -> None:
        self.file = file
        self.diagnostics = diagnostics
        # Without '&' in the text there is no anchor, so no node can be reached twice.
        self.seen: set[int] | None = set() if may_alias else None

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(
                _mark(node),
                "too-deep",
                f"YAML is nested more than {MAX_DEPTH} levels deep; flatten the map",
            )
        if self.seen is not None:
            if id(node) in self.seen:
                raise _Refused(
                    _mark(node),
                    "yaml-alias",
                    "YAML aliases (*name) are not allowed in maps: write the node once "
                    "and refer to it by id (supports/attacks)",
                )
            self.seen.add(id(node))
        tag = node.tag
        if tag not in _SAFE_TAGS:
            raise _Refused(
                _mark(node),
                "yaml-tag",
                f"YAML tag '{tag.replace(_YAML_TAG, '!!')}' is not allowed in maps",
            )
        if isinstance(node, yaml.ScalarNode):
            # Plain scalars keep their text; only an explicit null is None.
            if not node.style and node.value in _NULLS and tag != _STR:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(_mark(key_node), "yaml-syntax", "mapping keys must be plain text")
            key = key_node.value
            if key in mapping:
                first = next(k for k, _ in node.value if k.value == key)
                self.diagnostics.append(
                    Diagnostic.at(
                        self.file,
                        _mark(key_node),
                        "duplicate-key",
                        f"duplicate key '{key}' (first at line {_mark(first).line}); "
                        "YAML would silently keep only the last value",
                    )
                )
                continue
            mapping[key] = self.build(value_node, depth + 1)
        return mapping


class _Unusual(Exception):
    """The document needs the composed tree's checks and messages (see `_stream`)."""


def _stream(text: str) -> tuple[Any, Spot] | None:
    """Data and positions of a clean one-document map from parser events, without a tree.

    None for an empty file, several documents, or anything `_Builder` would report or
    refuse: the caller then composes the tree, whose path reports it as always.
    """
    parser = _Loader(text)
    try:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        parser.get_event()  # document start
        built = _streamed(parser, parser.get_event(), 0)
        parser.get_event()  # document end
        return built if parser.check_event(yaml.StreamEndEvent) else None
    except (yaml.YAMLError, _Unusual):
        return None
    finally:
        parser.dispose()


def _streamed(parser: _Loader, event: yaml.Event | None, depth: int) -> tuple[Any, Spot]:
    """One value and its spot, as `_Builder.build` and `_spot` would make them."""
    if event is None or depth > MAX_DEPTH or getattr(event, "anchor", None) is not None:
        raise _Unusual
    if isinstance(event, yaml.ScalarEvent):
        tag = _tag(parser, event, yaml.ScalarNode)
        if not event.style and event.value in _NULLS and tag != _STR:
            return None, _pack(event)
        return event.value, _pack(event)
    if isinstance(event, yaml.SequenceStartEvent):
        _tag(parser, event, yaml.SequenceNode)
        items, spots = [], []
        while not parser.check_event(yaml.SequenceEndEvent):
            item, spot = _streamed(parser, parser.get_event(), depth + 1)
            items.append(item)
            spots.append(spot)
        parser.get_event()
        return items, (_pack(event), spots)
    if isinstance(event, yaml.MappingStartEvent):
        _tag(parser, event, yaml.MappingNode)
        mapping: dict[str, Any] = {}
        entries: dict[str | int, tuple[int, Spot]] = {}
        while not parser.check_event(yaml.MappingEndEvent):
            key = parser.get_event()
            if not isinstance(key, yaml.ScalarEvent) or key.anchor or key.tag:
                raise _Unusual
            if key.value in mapping:  # a duplicate: the tree path warns
                raise _Unusual
            value, spot = _streamed(parser, parser.get_event(), depth + 1)
            mapping[key.value] = value
            entries[key.value] = (_pack(key), spot)
        parser.get_event()
        return mapping, (_pack(event), entries)
    raise _Unusual  # an alias


def _tag(parser: _Loader, event: Any, kind: type[yaml.Node]) -> str:
    """The event's tag as the composer resolves it; an unsafe one is unusual."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        implicit = event.implicit if kind is yaml.ScalarNode else (True, False)
        tag = parser.resolve(kind, getattr(event, "value", None), implicit)
    if tag not in _SAFE_TAGS:
        raise _Unusual
    return tag
