"""Write: a map model back to YAML text, for commands that create maps.

Commands that edit an existing file go through ruamel.yaml's round trip instead,
so that comments and layout survive; this is for maps argmap writes from scratch
(imports, starter maps). The output reads back through `argmap.load` unchanged.
"""

from __future__ import annotations

import yaml

from argmap.model import ArgMap

SCHEMA_MODELINE = "# yaml-language-server: $schema={url}\n"


def dump_map(argmap: ArgMap, schema_url: str | None = None) -> str:
    """The map as block-style YAML, keys in model order, defaults left out."""
    data = argmap.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data = {"argmap": argmap.argmap, **data}  # the version is required even at its default
    text = yaml.dump(
        data,
        Dumper=yaml.CSafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,  # never fold long texts: folding makes later diffs noisy
        indent=2,
    )
    return (SCHEMA_MODELINE.format(url=schema_url) if schema_url else "") + text
