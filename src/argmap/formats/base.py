"""What every interchange format shares: import notes, export losses, scheme names.

Exports return `(text, warnings)`: the file, and one line for each kind of thing the
format could not hold ("Kialo cannot hold evidence cards: 3 dropped"). Imports
return `(ArgMap, notes)`: the map, and an `ImportNote` for everything the importer
met but could not represent, with where it was met.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from argmap.diagnostics import Severity
from argmap.graph import MapGraph
from argmap.load import MAX_BYTES
from argmap.model import DebateFormat, Node, Sides
from argmap.schemes import scheme_library


@dataclass(frozen=True, slots=True)
class ImportNote:
    """Something an import met and could not (fully) represent.

    `where` is `LINE:COL` in text formats and a JSON pointer (`/AIF/nodes/4`) in
    JSON ones, so that `render(file)` reads like a compiler message.
    """

    where: str
    code: str
    message: str
    severity: Severity = Severity.WARNING

    def render(self, file: str) -> str:
        where = f"{file}:{self.where}" if self.where else file  # "" points at the whole file
        return f"{where}: {self.severity}[{self.code}]: {self.message}"


class ImportFailed(Exception):
    """The input is not a file of the format asked for; nothing could be imported."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.note = ImportNote(where, "unreadable", message, Severity.ERROR)


def read_json(text: str) -> Any:
    """The JSON value of an imported file, or `ImportFailed` with where it went wrong.

    Imports have the loader's limits: a file larger than a map may be, or nested
    deeper than Python's parser can follow, is refused rather than crashing.
    """
    if len(text) > MAX_BYTES:
        raise ImportFailed("1:1", f"file is larger than {MAX_BYTES:,} bytes; maps cannot be")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{exc.lineno}:{exc.colno}", f"not JSON: {exc.msg}") from None
    except RecursionError:
        raise ImportFailed("1:1", "JSON is nested too deeply to read") from None


def map_title(file: str, fallback: str) -> str:
    """A title from a file name without its format suffixes: `debate.aif.json` -> `debate`."""
    name = Path(file).name
    for suffix in (".json", ".txt", ".aif", ".argdown", ".kialo"):
        name = name.removesuffix(suffix)
    return name.strip() or fallback


def json_text(value: Any) -> str | None:
    """A JSON value that should be text, as text; None for anything else (a list, an
    object, a number), so that the caller can warn instead of printing `['list']`."""
    return value if isinstance(value, str) else None


def pointer(*steps: str | int) -> str:
    """A JSON pointer (RFC 6901) to the value at `steps`."""
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in steps)


def thesis_of(graph: MapGraph) -> str | None:
    """The text an export writes as the top claim that the root claims support or attack.

    The motion; else the title of a map with one root claim (the import reads a thesis
    equal to the title back as no motion); else none: writing the title of a map with
    several root claims as a thesis would invent a claim its source never made.
    """
    argmap = graph.map
    if argmap.motion:
        return argmap.motion
    return argmap.title if len(graph.roots) == 1 else None


# Node fields, as the warnings name them. Evidence counts cards; the others count nodes.
_FIELD_NAMES = {
    "title": "titles",
    "evidence": "evidence cards",
    "tags": "tags",
    "notes": "notes",
    "impact": "impact weighing",
    "strength": "strengths",
    "scheme": "schemes",
    "cq": "critical questions",
    "group": "co-premise groups",
    "turn": "turns",
    "implicit": "'implicit' flags",
    "analytic": "'analytic' flags",
    "outweighs": "outweigh links",
    "supports": "support cross-links",
    "attacks": "attack cross-links",
    "order": "Kialo places (order)",
}


def dropped_fields(graph: MapGraph, fmt: str, kept: Iterable[str]) -> list[str]:
    """Warnings for every node field and map section that `fmt` does not keep."""
    keep = set(kept)
    counts: dict[str, int] = {}
    defaults = {name: info.get_default(call_default_factory=True) for name, info in _NODE_FIELDS}
    for mapped in graph:
        node = mapped.node
        for name in _FIELD_NAMES:
            if name in keep:
                continue
            value = getattr(node, name)
            if value != defaults[name]:
                counts[name] = counts.get(name, 0) + (len(value) if name == "evidence" else 1)
    out = [f"{fmt} cannot hold {_FIELD_NAMES[k]}: {n} dropped" for k, n in counts.items()]
    argmap = graph.map
    sections = {
        "sources": ("the bibliography", bool(argmap.sources)),
        "source": ("the source work", argmap.source is not None),
        "sides": ("side labels", argmap.sides != Sides()),
        "format": ("the debate format", argmap.format is not DebateFormat.GENERIC),
        "expect": ("the answer key (expect)", argmap.expect is not None),
    }
    out.extend(
        f"{fmt} cannot hold {what}: dropped"
        for k, (what, present) in sections.items()
        if present and k not in keep
    )
    return out


_NODE_FIELDS = list(Node.model_fields.items())


@dataclass(frozen=True, slots=True)
class SchemeNames:
    """Scheme ids, their titles and question ids, for formats that name schemes."""

    titles: dict[str, str]
    questions: dict[str, frozenset[str]]

    def match(self, name: str) -> str | None:
        """The scheme id a name refers to: an id, a title, or an AIFdb-style name.

        'expert-opinion', 'Argument from expert opinion' and 'Expert Opinion' all
        give 'expert-opinion'.
        """
        key = _scheme_key(name)
        for scheme_id, title in self.titles.items():
            if key in (scheme_id, _scheme_key(title)):
                return scheme_id
        return None


def _scheme_key(name: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    if words[:2] == ["argument", "from"]:
        words = words[2:]
    return "-".join(words)


@cache
def scheme_names() -> SchemeNames:
    return SchemeNames(
        {key: scheme.title for key, scheme in scheme_library().items()},
        {key: frozenset(scheme.question_ids) for key, scheme in scheme_library().items()},
    )
