"""Which model a mapping in a map file is, from its path: for key order and field types."""

from __future__ import annotations

from pydantic import BaseModel

from argmap.model import ArgMap, Evidence, Expect, Impact, Node, Sides, Source, SourceWork

Path = tuple[str | int, ...]

_ITEM_OF: dict[str, type[BaseModel]] = {
    "claims": Node,
    "premises": Node,
    "rebuttals": Node,
    "evidence": Evidence,
}
_VALUE_OF: dict[str, type[BaseModel]] = {
    "source": SourceWork,
    "sides": Sides,
    "expect": Expect,
    "impact": Impact,
}


def model_at(path: Path) -> type[BaseModel] | None:
    """The model of the mapping at `path`, or None for free mappings (`sources` itself)."""
    if not path:
        return ArgMap
    if len(path) >= 2 and path[-2] == "sources":
        return Source
    last = path[-1]
    if isinstance(last, int):
        return _ITEM_OF.get(str(path[-2])) if len(path) >= 2 else None
    return _VALUE_OF.get(last)


def key_order(path: Path) -> list[str]:
    """The keys of the mapping at `path` in model order ([] when any order goes)."""
    model = model_at(path)
    return list(model.model_fields) if model else []
