"""The JSON Schema of the map format, generated from the model for editors."""

from __future__ import annotations

import json
from typing import Any

from argmap.model import ArgMap

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    schema = ArgMap.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **schema}


def schema_text() -> str:
    """The schema as committed in `schema/argmap.schema.json` (stable, newline-terminated)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
