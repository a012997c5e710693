"""Record: the base of a map's values as plain classes, validated by pydantic-core alone.

`argmap.model.classes` defines a map with pydantic; loading pydantic and building those
classes costs about 80 ms, more than reading and drawing a 1,000-node map. The record
classes in `records.py` have the same fields and are filled by a pydantic-core
validator made from the same core schema (generated from `classes`, see `generate.py`),
so a map read through them meets the same checks and the same errors, field for field.

A record behaves as the model does where argmap uses it: attributes, `model_fields`
(names), `model_fields_set`, `model_dump(...)` (the same serializer pydantic uses),
equality and repr. Code that needs more of pydantic (JSON Schema, edits, importers)
uses the classes of `argmap.model`, and both kinds of value flow through the same graph.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic_core import SchemaSerializer, SchemaValidator

if TYPE_CHECKING:
    from pydantic_core import CoreSchema

R = TypeVar("R", bound="Record")


class Record:
    """Base of the generated record classes (the slots are those pydantic-core fills)."""

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )
    model_fields: ClassVar[tuple[str, ...]] = ()
    __pydantic_fields_set__: set[str]

    def __init__(self, **data: Any) -> None:
        validator(type(self).__name__).validate_python(data, self_instance=self)

    @classmethod
    def model_validate(cls: type[R], data: Any) -> R:
        """`data` (plain YAML data) as a record, or pydantic_core.ValidationError."""
        record: R = validator(cls.__name__).validate_python(data)
        return record

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the map gave, as against defaults."""
        return self.__pydantic_fields_set__

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """Plain data, with pydantic's `model_dump` options (mode, exclude_none, ...)."""
        data: dict[str, Any] = serializer(type(self).__name__).to_python(self, **options)
        return data

    def __eq__(self, other: object) -> bool:
        """Equal to a record, or a pydantic model of the same class, with the same values."""
        if type(other) is not type(self) and not _is_model_of(other, type(self)):
            return NotImplemented
        return bool(self.__dict__ == other.__dict__)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def _is_model_of(value: object, cls: type[Record]) -> bool:
    """Whether `value` is an instance of the pydantic class that `cls` mirrors."""
    classes = sys.modules.get("argmap.model.classes")  # loaded if `value` can be one
    return classes is not None and type(value) is getattr(classes, cls.__name__, None)


def _schema_of(name: str) -> CoreSchema:
    from argmap.model.records import DEFINITIONS

    schema: CoreSchema = {
        "type": "definitions",
        "schema": {"type": "definition-ref", "schema_ref": name},
        "definitions": DEFINITIONS,
    }
    return schema


@cache
def validator(name: str) -> SchemaValidator:
    """The pydantic-core validator that makes records of the class `name`."""
    return SchemaValidator(_schema_of(name))


@cache
def serializer(name: str) -> SchemaSerializer:
    """The pydantic-core serializer of the class `name`'s records (`model_dump`)."""
    return SchemaSerializer(_schema_of(name))
