"""new: a starter map, with a schema modeline that resolves.

The modeline (`# yaml-language-server: $schema=...`) gives editors completion
and checking. Its target, relative to the new map's folder:
- the nearest `schema/argmap.schema.json` or `argmap.schema.json` in the map's
  folder or any folder above it (an argmap checkout, or a prep folder that has one);
- otherwise `argmap.schema.json`, which `new` writes next to the map.
An explicit `--schema URL` is written as given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from argmap.edit.errors import InvalidMap, UsageError
from argmap.model import ArgMap, DebateFormat
from argmap.validate import load_map_text
from argmap.write import dump_map

SCHEMA_NAME = "argmap.schema.json"


@dataclass(frozen=True)
class Starter:
    text: str
    schema_url: str
    schema_to_write: Path | None  # the schema file to create next to the map, if any


def find_schema(folder: Path) -> Path | None:
    """The nearest committed or copied schema at or above `folder`."""
    for place in (folder, *folder.parents):
        for candidate in (place / "schema" / SCHEMA_NAME, place / SCHEMA_NAME):
            if candidate.is_file():
                return candidate
    return None


def starter_map(
    path: Path,
    title: str,
    motion: str | None = None,
    debate_format: DebateFormat = DebateFormat.GENERIC,
    schema_url: str | None = None,
) -> Starter:
    """The text of a new, valid map at `path`, and where its schema modeline points."""
    try:
        argmap = ArgMap(argmap=1, title=title, motion=motion, format=debate_format)
    except ValidationError as exc:
        raise UsageError(f"invalid map: {exc.errors()[0]['msg']}") from exc
    to_write = None
    if schema_url is None:
        folder = path.resolve().parent
        found = find_schema(folder)
        if found is None:
            found = to_write = folder / SCHEMA_NAME
        schema_url = Path(os.path.relpath(found, folder)).as_posix()
    text = dump_map(argmap, schema_url)
    result = load_map_text(text, str(path))
    if not result.ok:  # pragma: no cover - dump_map writes maps that read back
        raise InvalidMap("the starter map would not be valid", result.diagnostics)
    return Starter(text, schema_url, to_write)
