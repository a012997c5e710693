"""Interchange formats: one module per format, found through this registry.

Each module exposes `export_map(graph, verdicts=None) -> (text, warnings)` and/or
`import_map(text, file) -> (ArgMap, notes)` (see `argmap.formats.base`). A new
format is one new module plus one line here; modules load only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.analysis import Verdict
    from argmap.formats.base import ImportNote
    from argmap.graph import MapGraph
    from argmap.model import ArgMap

    Exporter = Callable[[MapGraph, Mapping[str, Verdict] | None], tuple[str, list[str]]]
    Importer = Callable[[str, str], tuple[ArgMap, list[ImportNote]]]
    BinaryImporter = Callable[[bytes, str], tuple[ArgMap, list[ImportNote]]]

# `--to NAME` -> module
EXPORTS = {
    "argdown": "argdown",
    "aif": "aif",
    "kialo": "kialo",
    "markdown": "markdown",
    "json": "mapjson",
}
# `--from NAME` -> module
IMPORTS = {
    "argdown-json": "argdown",
    "aif": "aif",
    "kialo": "kialo",
    "verbatim": "verbatim",
}
# formats whose files are binary: their `import_map` takes the file's bytes, not its text
BINARY_IMPORTS = frozenset({"verbatim"})


def exporter(name: str) -> Exporter:
    """The export function registered as `name`."""
    module = import_module(f"argmap.formats.{EXPORTS[name]}")
    function: Exporter = module.export_map
    return function


def importer(name: str) -> Importer:
    """The import function registered as `name`."""
    module = import_module(f"argmap.formats.{IMPORTS[name]}")
    function: Importer = module.import_map
    return function


def binary_importer(name: str) -> BinaryImporter:
    """The import function registered as `name`, for a format in BINARY_IMPORTS."""
    module = import_module(f"argmap.formats.{IMPORTS[name]}")
    function: BinaryImporter = module.import_map
    return function
