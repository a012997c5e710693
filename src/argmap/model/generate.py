"""Write `records.py`: the record classes and pydantic-core schema of `classes`.

    python -m argmap.model.generate > src/argmap/model/records.py
    ruff format src/argmap/model/records.py

(`make records` does both.)

Run it after every change to `classes.py`; tests/test_model_records.py fails while
`records.py` differs from what this prints. The schema is pydantic's own core schema
of the classes, with each model once under its class name and no JSON Schema metadata.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

from argmap.model.classes import (
    ArgMap,
    Checks,
    Evidence,
    Expect,
    Impact,
    Node,
    Sides,
    Source,
    SourceWork,
)

MODELS: tuple[type[BaseModel], ...] = (
    Sides,
    SourceWork,
    Source,
    Evidence,
    Impact,
    Node,
    Checks,
    Expect,
    ArgMap,
)


def definitions() -> list[dict[str, Any]]:
    """Every model's core schema once, `ref` its class name; nested models by reference."""
    found: dict[str, dict[str, Any]] = {}

    def visit(value: Any) -> Any:
        if isinstance(value, list):
            return [visit(item) for item in value]
        if not isinstance(value, dict):
            return value
        kind = value.get("type")
        if kind == "definitions":
            visit(value["definitions"])
            return visit(value["schema"])
        if kind == "definition-ref":
            return {"type": kind, "schema_ref": _name(value["schema_ref"])}
        out = {key: visit(item) for key, item in value.items() if key not in ("metadata", "ref")}
        if kind != "model":
            return out
        name = value["cls"].__name__
        found.setdefault(name, {**out, "ref": name})
        return {"type": "definition-ref", "schema_ref": name}

    for model in MODELS:
        visit(model.__pydantic_core_schema__)
    return [found[model.__name__] for model in MODELS]


def _name(ref: str) -> str:
    """`argmap.model.classes.Node:1234` -> `Node`."""
    return ref.split(":")[0].rsplit(".", 1)[-1]


def source(value: Any) -> str:
    """`value` as Python source, classes and enum members by name."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{source(k)}: {source(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(source(item) for item in value) + "]"
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, type):
        return value.__name__
    return repr(value)


def module() -> str:
    """The text of records.py (before `ruff format`)."""
    lines = [
        '"""The map\'s record classes and their pydantic-core schema.',
        "",
        "Generated from argmap/model/classes.py by `python -m argmap.model.generate`;",
        "do not edit (see argmap/model/generate.py).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        "from argmap.model.kinds import Attack, DebateFormat, Side",
        "from argmap.model.record import Record",
        "",
        "__all__ = ['Attack', 'DebateFormat', 'Side']",
    ]
    for model in MODELS:
        summary = (model.__doc__ or model.__name__).strip().splitlines()[0]
        lines += [
            "",
            "",
            f"class {model.__name__}(Record):",
            f'    """{summary}"""',
            "",
            "    __slots__ = ()",
            f"    model_fields = {source(tuple(model.model_fields))}",
        ]
    lines += ["", "", f"DEFINITIONS: list[dict[str, Any]] = {source(definitions())}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(module(), end="")
