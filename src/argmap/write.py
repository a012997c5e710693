"""Write: a map model back to YAML text, for commands that create maps.

Commands that edit an existing file go through ruamel.yaml's round trip instead,
so that comments and layout survive; this is for maps argmap writes from scratch
(imports, starter maps). The output reads back through `argmap.load` unchanged.
"""

from __future__ import annotations

import yaml

from argmap.model import ArgMap

SCHEMA_MODELINE = "# yaml-language-server: $schema={url}\n"


class _Flow(list[int]):
    """A list of numbers written on one line (`order: [2, 1]`)."""


class _Dumper(yaml.CSafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda dumper, v: dumper.represent_sequence("tag:yaml.org,2002:seq", v, True)
)


def dump_map(argmap: ArgMap, schema_url: str | None = None) -> str:
    """The map as block-style YAML, keys in model order, defaults left out."""
    data = argmap.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data = {"argmap": argmap.argmap, **data}  # the version is required even at its default
    stack = list(data.get("claims", ()))
    while stack:  # without recursion: imported trees can be deep
        node = stack.pop()
        if "order" in node:
            node["order"] = _Flow(node["order"])
        stack.extend((*node.get("premises", ()), *node.get("rebuttals", ())))
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,  # never fold long texts: folding makes later diffs noisy
        indent=2,
    )
    return (SCHEMA_MODELINE.format(url=schema_url) if schema_url else "") + text
