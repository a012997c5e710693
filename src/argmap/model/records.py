"""The map's record classes and their pydantic-core schema.

Generated from argmap/model/classes.py by `python -m argmap.model.generate`;
do not edit (see argmap/model/generate.py).
"""

from __future__ import annotations

from typing import Any

from argmap.model.kinds import Attack, DebateFormat, Side
from argmap.model.record import Record

__all__ = ["Attack", "DebateFormat", "Side"]


class Sides(Record):
    """Labels for the two sides, as a judge would call them."""

    __slots__ = ()
    model_fields = ("pro", "con")


class SourceWork(Record):
    """The material being mapped: an article, a speech, a report."""

    __slots__ = ()
    model_fields = ("title", "author", "publication", "date", "url")


class Source(Record):
    """One entry of the bibliography; evidence cards cite it by id."""

    __slots__ = ()
    model_fields = ("author", "title", "qualifications", "date", "publication", "url", "accessed")


class Evidence(Record):
    """A card: the exact words or figure relied on, and where they come from."""

    __slots__ = ()
    model_fields = ("source", "quote", "locator", "note")


class Impact(Record):
    """Weighing dimensions of a contention's impact, in the debater's words."""

    __slots__ = ()
    model_fields = ("magnitude", "probability", "timeframe", "scope", "reversibility")


class Node(Record):
    """A claim, premise or rebuttal; the same shape at every depth."""

    __slots__ = ()
    model_fields = (
        "id",
        "side",
        "title",
        "text",
        "attack",
        "turn",
        "group",
        "implicit",
        "analytic",
        "scheme",
        "cq",
        "strength",
        "impact",
        "evidence",
        "tags",
        "notes",
        "ignore",
        "supports",
        "attacks",
        "outweighs",
        "order",
        "premises",
        "rebuttals",
    )


class Checks(Record):
    """Settings for `argmap check`."""

    __slots__ = ()
    model_fields = ("disable",)


class Expect(Record):
    """An answer key: the statuses the mapper expects analysis to find."""

    __slots__ = ()
    model_fields = ("stands", "falls", "contested", "unsupported", "cut")


class ArgMap(Record):
    """A whole map file."""

    __slots__ = ()
    model_fields = (
        "argmap",
        "title",
        "motion",
        "format",
        "sides",
        "source",
        "sources",
        "claims",
        "checks",
        "expect",
    )


DEFINITIONS: list[dict[str, Any]] = [
    {
        "type": "model",
        "cls": Sides,
        "schema": {
            "type": "model-fields",
            "fields": {
                "pro": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                        "default": "Proposition",
                    },
                },
                "con": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                        "default": "Opposition",
                    },
                },
            },
            "model_name": "Sides",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Sides",
        },
        "ref": "Sides",
    },
    {
        "type": "model",
        "cls": SourceWork,
        "schema": {
            "type": "model-fields",
            "fields": {
                "title": {
                    "type": "model-field",
                    "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                },
                "author": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "publication": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "date": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "url": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
            },
            "model_name": "SourceWork",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "SourceWork",
        },
        "ref": "SourceWork",
    },
    {
        "type": "model",
        "cls": Source,
        "schema": {
            "type": "model-fields",
            "fields": {
                "author": {
                    "type": "model-field",
                    "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                },
                "title": {
                    "type": "model-field",
                    "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                },
                "qualifications": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "date": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "publication": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "url": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "accessed": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
            },
            "model_name": "Source",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Source",
        },
        "ref": "Source",
    },
    {
        "type": "model",
        "cls": Evidence,
        "schema": {
            "type": "model-fields",
            "fields": {
                "source": {
                    "type": "model-field",
                    "schema": {
                        "type": "str",
                        "max_length": 200,
                        "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                    },
                },
                "quote": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "locator": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "note": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
            },
            "model_name": "Evidence",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Evidence",
        },
        "ref": "Evidence",
    },
    {
        "type": "model",
        "cls": Impact,
        "schema": {
            "type": "model-fields",
            "fields": {
                "magnitude": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "probability": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "timeframe": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "scope": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "reversibility": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
            },
            "model_name": "Impact",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Impact",
        },
        "ref": "Impact",
    },
    {
        "type": "model",
        "cls": Node,
        "schema": {
            "type": "model-fields",
            "fields": {
                "id": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default": None,
                    },
                },
                "side": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {
                                "type": "enum",
                                "cls": Side,
                                "members": [Side.PRO, Side.CON],
                                "sub_type": "str",
                            },
                        },
                        "default": None,
                    },
                },
                "title": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "text": {
                    "type": "model-field",
                    "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                },
                "attack": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {
                                "type": "enum",
                                "cls": Attack,
                                "members": [Attack.REBUT, Attack.UNDERMINE, Attack.UNDERCUT],
                                "sub_type": "str",
                            },
                        },
                        "default": None,
                    },
                },
                "turn": {
                    "type": "model-field",
                    "schema": {"type": "default", "schema": {"type": "bool"}, "default": False},
                },
                "group": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "implicit": {
                    "type": "model-field",
                    "schema": {"type": "default", "schema": {"type": "bool"}, "default": False},
                },
                "analytic": {
                    "type": "model-field",
                    "schema": {"type": "default", "schema": {"type": "bool"}, "default": False},
                },
                "scheme": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "cq": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "str", "pattern": "^[a-z0-9-]+\\.[a-z0-9-]+$"},
                        },
                        "default": None,
                    },
                },
                "strength": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "float", "ge": 0, "le": 1},
                        },
                        "default": None,
                    },
                },
                "impact": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "definition-ref", "schema_ref": "Impact"},
                        },
                        "default": None,
                    },
                },
                "evidence": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "definition-ref", "schema_ref": "Evidence"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "tags": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "list", "items_schema": {"type": "str"}},
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "notes": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "ignore": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "str", "pattern": "^[a-z0-9-]+$"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "supports": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "attacks": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "outweighs": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "order": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "list", "items_schema": {"type": "int", "ge": 1}},
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "premises": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "definition-ref", "schema_ref": "Node"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "rebuttals": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "definition-ref", "schema_ref": "Node"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
            },
            "model_name": "Node",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Node",
        },
        "ref": "Node",
    },
    {
        "type": "model",
        "cls": Checks,
        "schema": {
            "type": "model-fields",
            "fields": {
                "disable": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "str", "pattern": "^[a-z0-9-]+$"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                }
            },
            "model_name": "Checks",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Checks",
        },
        "ref": "Checks",
    },
    {
        "type": "model",
        "cls": Expect,
        "schema": {
            "type": "model-fields",
            "fields": {
                "stands": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "falls": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "contested": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "unsupported": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "cut": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
            },
            "model_name": "Expect",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "Expect",
        },
        "ref": "Expect",
    },
    {
        "type": "model",
        "cls": ArgMap,
        "schema": {
            "type": "model-fields",
            "fields": {
                "argmap": {"type": "model-field", "schema": {"type": "int"}},
                "title": {
                    "type": "model-field",
                    "schema": {"type": "str", "min_length": 1, "pattern": "\\S"},
                },
                "motion": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "nullable", "schema": {"type": "str"}},
                        "default": None,
                    },
                },
                "format": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "enum",
                            "cls": DebateFormat,
                            "members": [
                                DebateFormat.GENERIC,
                                DebateFormat.BP,
                                DebateFormat.WSDC,
                                DebateFormat.PF,
                                DebateFormat.LD,
                                DebateFormat.POLICY,
                            ],
                            "sub_type": "str",
                        },
                        "default": DebateFormat.GENERIC,
                    },
                },
                "sides": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {"type": "definition-ref", "schema_ref": "Sides"},
                        "default_factory": Sides,
                        "default_factory_takes_data": False,
                    },
                },
                "source": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "definition-ref", "schema_ref": "SourceWork"},
                        },
                        "default": None,
                    },
                },
                "sources": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "dict",
                            "keys_schema": {
                                "type": "str",
                                "max_length": 200,
                                "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.\\-]*$",
                            },
                            "values_schema": {"type": "definition-ref", "schema_ref": "Source"},
                        },
                        "default_factory": dict,
                        "default_factory_takes_data": False,
                    },
                },
                "claims": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "list",
                            "items_schema": {"type": "definition-ref", "schema_ref": "Node"},
                        },
                        "default_factory": list,
                        "default_factory_takes_data": False,
                    },
                },
                "checks": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "definition-ref", "schema_ref": "Checks"},
                        },
                        "default": None,
                    },
                },
                "expect": {
                    "type": "model-field",
                    "schema": {
                        "type": "default",
                        "schema": {
                            "type": "nullable",
                            "schema": {"type": "definition-ref", "schema_ref": "Expect"},
                        },
                        "default": None,
                    },
                },
            },
            "model_name": "ArgMap",
            "computed_fields": [],
        },
        "custom_init": False,
        "root_model": False,
        "config": {
            "extra_fields_behavior": "forbid",
            "str_strip_whitespace": False,
            "title": "ArgMap",
        },
        "ref": "ArgMap",
    },
]
