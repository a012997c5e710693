"""Model: what an argument map is (format version 1).

- `kinds`: the vocabularies (Side, Attack, DebateFormat) and FORMAT_VERSION; no pydantic.
- `classes`: the pydantic models (ArgMap, Node, Evidence, ...), the one definition of a
  map; the JSON Schema, edits, importers and the language server use them.
- `records`: the same shapes as plain classes (`record.Record`), filled by pydantic-core
  from the classes' own core schema, generated from `classes` by `generate`;
  `argmap.validate` reads every map into them, so that a command that only reads maps
  never loads pydantic (about 80 ms of start-up).

`from argmap.model import Node` works as before: the pydantic classes are imported on
first use of one of their names, so that importing the vocabularies stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.model.kinds import FORMAT_VERSION, Attack, DebateFormat, Side

if TYPE_CHECKING:
    from argmap.model.classes import (
        ArgMap,
        CheckCode,
        Checks,
        CqRef,
        Evidence,
        Expect,
        Id,
        Impact,
        Node,
        Sides,
        Source,
        SourceWork,
        Text,
    )

__all__ = [
    "FORMAT_VERSION",
    "ArgMap",
    "Attack",
    "CheckCode",
    "Checks",
    "CqRef",
    "DebateFormat",
    "Evidence",
    "Expect",
    "Id",
    "Impact",
    "Node",
    "Side",
    "Sides",
    "Source",
    "SourceWork",
    "Text",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from argmap.model import classes

        return getattr(classes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
