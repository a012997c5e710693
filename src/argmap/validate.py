"""Validate: file to resolved map, with every problem as a positioned diagnostic.

This is the single entry point every command uses to read a map:
`load_map(path)` returns the `MapGraph` (or None when the map has errors) and
the diagnostics, sorted in file order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic_core import ValidationError

from argmap.diagnostics import Diagnostic, has_errors, sort_diagnostics
from argmap.graph import MapGraph, resolve_map
from argmap.load import LoadedYaml, YamlPath, load_file, load_text
from argmap.model import records
from argmap.perf import paused_gc

if TYPE_CHECKING:
    from pydantic import BaseModel

    from argmap.model import ArgMap


@dataclass
class MapResult:
    """What reading one map produced."""

    file: str
    graph: MapGraph | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    loaded: LoadedYaml | None = field(default=None, repr=False)  # positions for later stages

    @property
    def ok(self) -> bool:
        return self.graph is not None and not has_errors(self.diagnostics)


def load_map(path: Path) -> MapResult:
    """Read, check and resolve the map at `path`."""
    with paused_gc():
        return _resolve(load_file(path, tree=False))


def load_map_text(text: str, file: str = "<string>") -> MapResult:
    """Same as `load_map`, for text already in memory."""
    with paused_gc():
        return _resolve(load_text(text, file, tree=False))


def resolve_loaded(loaded: LoadedYaml) -> MapResult:
    """Same as `load_map`, for YAML already loaded with `argmap.load` (not loaded again)."""
    return _resolve(loaded)


def _resolve(loaded: LoadedYaml) -> MapResult:
    diagnostics = list(loaded.diagnostics)
    if loaded.data is None and diagnostics:
        return MapResult(loaded.file, None, sort_diagnostics(diagnostics))
    try:
        # A record, not the pydantic class: same fields, same errors, no pydantic to load.
        argmap = cast("ArgMap", records.ArgMap.model_validate(loaded.data))
    except ValidationError as exc:
        diagnostics.extend(_model_diagnostics(exc, loaded))
        return MapResult(loaded.file, None, sort_diagnostics(diagnostics))
    graph, found = resolve_map(argmap, loaded.file, loaded.position, loaded.key_position)
    diagnostics.extend(found)
    ok = not has_errors(diagnostics)
    return MapResult(loaded.file, graph if ok else None, sort_diagnostics(diagnostics), loaded)


_CODE_LISTS = ("disable", "ignore")
_WHAT = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
}


def _fields_at(loc: YamlPath) -> tuple[str, ...]:
    """The keys the mapping holding `loc` may have."""
    from argmap.model.classes import MODEL_UNDER, ArgMap, Node, Source  # pydantic: rare path

    parent = loc[:-1]
    model: type[BaseModel] = ArgMap
    if parent and isinstance(parent[-1], int):
        model = MODEL_UNDER.get(str(parent[-2]), Node) if len(parent) > 1 else ArgMap
    elif len(parent) >= 2 and parent[-2] == "sources":
        model = Source
    elif parent:
        model = MODEL_UNDER.get(str(parent[-1]), ArgMap)
    return tuple(model.model_fields)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _model_diagnostics(exc: ValidationError, loaded: LoadedYaml) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors():
        loc: YamlPath = tuple(step for step in err["loc"] if isinstance(step, str | int))
        kind, value = err["type"], err.get("input")
        name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "value"
        pos = loaded.position(loc)
        if not loc and kind in ("model_type", "model_attributes_type"):
            code = "not-a-map"
            message = (
                f"a map is a YAML mapping with 'argmap: 1', 'title' and 'claims', "
                f"not {_describe(value)}"
            )
        elif kind == "extra_forbidden":
            pos = loaded.key_position(loc)
            close = difflib.get_close_matches(name, _fields_at(loc), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            code, message = "unknown-key", f"unknown key '{name}'{hint}"
        elif kind == "missing":
            code, message = "missing-field", f"missing required key '{name}'"
        elif (
            value is None
            or (kind == "string_too_short")
            or (kind == "string_pattern_mismatch" and isinstance(value, str) and not value.strip())
        ):
            code, message = "empty-field", f"'{name}' is empty"
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            close = difflib.get_close_matches(
                str(value), expected.replace("'", "").replace(" or ", ", ").split(", "), n=1
            )
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            code = "unknown-value"
            message = f"unknown {name} '{value}'; expected {expected}{hint}"
        elif (
            (kind == "string_pattern_mismatch" and name in ("id", "source"))
            or (loc[:1] == ("sources",) and len(loc) == 2)
            or name in ("supports", "attacks", "outweighs")
            or (len(loc) >= 2 and loc[-2] in ("supports", "attacks", "outweighs"))
        ):
            code = "invalid-id"
            message = (
                f"'{value}' is not a valid id: use letters, digits, '-', '_' and '.'"
                if isinstance(value, str)
                else f"expected an id, got {_describe(value)}"
            )
        elif kind == "string_pattern_mismatch" and len(loc) >= 2 and loc[-2] in _CODE_LISTS:
            code = "invalid-value"
            message = f"'{value}' is not a check code: codes look like 'quote-missing'"
        elif kind == "string_pattern_mismatch" and name == "cq":
            code = "invalid-value"
            message = f"cq '{value}' should read 'scheme.question', e.g. 'expert-opinion.field'"
        elif kind in _WHAT:
            code, message = (
                "wrong-type",
                f"'{name}' should be {_WHAT[kind]}, not {_describe(value)}",
            )
        elif kind == "greater_than_equal" and len(loc) >= 2 and loc[-2] == "order":
            code, message = "invalid-value", f"places in 'order' count from 1, not {value}"
        elif kind in ("greater_than_equal", "less_than_equal"):
            code, message = "invalid-value", f"'{name}' must be between 0 and 1, not {value}"
        else:
            code, message = "invalid-value", f"'{name}': {err['msg']}"
        out.append(Diagnostic.at(loaded.file, pos, code, message))
    return out
