"""A map file opened for editing: its text, its resolved graph, and the way back to disk.

`MapDocument.open` refuses a map that has errors (the ids to edit are only known
for a valid map). `finish` validates the edited text, prints nothing, and either
returns the diff (dry run) or writes the file atomically, keeping its encoding
details (byte order mark, line breaks are kept by the editor).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from argmap.diagnostics import Diagnostic, has_errors
from argmap.edit.editor import Editor
from argmap.edit.errors import InvalidMap, RefusedEdit, UsageError
from argmap.fileio import FileRefused, read_limited, write_atomic
from argmap.graph import MapGraph, MapNode
from argmap.load import MAX_BYTES, LoadedYaml, load_bytes
from argmap.validate import load_map_text, resolve_loaded


@dataclass
class Change:
    """The text an operation produced, a one-line account of it, and the text as read back
    while checking it (so that finishing need not read it again)."""

    text: str
    summary: str
    loaded: LoadedYaml | None = None


@dataclass
class Outcome:
    """What `finish` did."""

    changed: bool
    diff: str = ""
    written: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class MapDocument:
    path: Path
    raw: bytes
    text: str
    bom: bool
    loaded: LoadedYaml
    graph: MapGraph
    diagnostics: list[Diagnostic]

    @property
    def file(self) -> str:
        return str(self.path)

    @property
    def data(self) -> Any:
        return self.loaded.data

    @classmethod
    def open(cls, path: Path) -> MapDocument:
        """Read a valid map; `InvalidMap` (with its diagnostics) when it has errors."""
        try:
            raw = read_limited(path, MAX_BYTES)
        except FileRefused as exc:
            raise UsageError(f"cannot read {path}: {exc.message}") from exc
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return cls.from_bytes(path, raw)

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes) -> MapDocument:
        """The map in `raw`, as if read from `path`."""
        file = str(path)
        loaded = load_bytes(raw, file)
        if loaded.data is None or has_errors(loaded.diagnostics):
            raise InvalidMap(f"{file} has errors; fix them before editing", loaded.diagnostics)
        text = raw.decode("utf-8-sig")
        result = resolve_loaded(loaded)
        if result.graph is None:
            raise InvalidMap(f"{file} has errors; fix them before editing", result.diagnostics)
        bom = raw.startswith(b"\xef\xbb\xbf")
        return cls(path, raw, text, bom, loaded, result.graph, result.diagnostics)

    def editor(self) -> Editor:
        assert isinstance(self.loaded.root, yaml.MappingNode)
        return Editor(self.text, self.data, self.file, self.loaded.root)

    def find(self, node_id: str) -> MapNode:
        """The node with this id; `UsageError` with a did-you-mean when there is none."""
        return find_node(self.graph, node_id)

    def line_of(self, path: tuple[str | int, ...]) -> int:
        return self.loaded.position(path).line

    def finish(self, change: Change, *, dry_run: bool) -> Outcome:
        """Validate the edited text, then write it (or, on a dry run, only diff it)."""
        text = change.text
        if text == self.text:
            return Outcome(changed=False)
        loaded = change.loaded
        same = loaded is not None and loaded.file == self.file
        result = resolve_loaded(loaded) if same and loaded else load_map_text(text, self.file)
        if not result.ok:
            raise InvalidMap(
                "the edit was refused: the edited map would have these errors (line numbers "
                f"refer to the edited text; {self.file} was not changed)",
                [d for d in result.diagnostics if d.is_error],
            )
        before = {(d.code, d.message) for d in self.diagnostics}
        warnings = [d for d in result.diagnostics if (d.code, d.message) not in before]
        if dry_run:
            diff = unified_diff(self.text, text, self.file)
            return Outcome(changed=True, diff=diff, warnings=warnings)
        self.write(text)
        return Outcome(changed=True, written=True, warnings=warnings)

    def write(self, text: str) -> None:
        """Replace the map with `text`, unless it changed on disk since it was read.

        argmap's own editors hold the map's lock (`argmap.fileio.locked`) from reading
        to here; the comparison catches editors that do not lock (a text editor's save).
        """
        if read_limited(self.path, MAX_BYTES) != self.raw:
            raise RefusedEdit(f"{self.file} changed on disk while argmap was editing it; run again")
        refuse_read_only(self.path)
        write_atomic(self.path, ("\ufeff" if self.bom else "") + text)


def refuse_read_only(path: Path) -> None:
    """`RefusedEdit` for a map its owner made read-only (even when root could write it)."""
    mode = path.stat().st_mode
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise RefusedEdit(f"{path} is read-only; make it writable (chmod u+w {path}) to edit it")


def find_node(graph: MapGraph, node_id: str) -> MapNode:
    """The node with this id; `UsageError` with a did-you-mean when there is none."""
    node = graph.nodes.get(node_id)
    if node is None:
        close = difflib.get_close_matches(node_id, list(graph.nodes), n=3)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise UsageError(
            f"no node '{node_id}' in {graph.file}{hint}; `argmap show {graph.file}` lists the ids"
        )
    return node


def unified_diff(old: str, new: str, file: str, context: int = 3) -> str:
    """A unified diff, with git's a/ and b/ prefixes on relative paths (`git apply` takes it).

    Only the lines between the texts' common start and common end are compared, so that a
    small edit of a large map diffs in no time.
    """
    a, b = old.splitlines(), new.splitlines()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail])
    opcodes: list[_Opcode] = [("equal", 0, head, 0, head)] if head else []
    opcodes += [
        (t, i + head, j + head, k + head, m + head) for t, i, j, k, m in middle.get_opcodes()
    ]
    if tail:
        opcodes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    matcher = _Opcodes(opcodes)
    before, after = (file, file) if Path(file).is_absolute() else (f"a/{file}", f"b/{file}")
    out = [f"--- {before}", f"+++ {after}"]
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[i1:i2])
                continue
            out.extend("-" + line for line in a[i1:i2])
            out.extend("+" + line for line in b[j1:j2])
    return "".join(line + "\n" for line in out) if len(out) > 2 else ""


_Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


class _Opcodes(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """difflib's hunk grouping, over opcodes computed elsewhere."""

    def __init__(self, opcodes: list[_Opcode]) -> None:
        super().__init__(None, [], [])
        self._given = opcodes

    def get_opcodes(self) -> list[_Opcode]:
        return self._given


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it (difflib's rules)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + (1 if length else 0)},{length}"
