"""The record classes (argmap.model.records) against the pydantic classes they are made from.

Every map is read into records; these tests hold them to the pydantic models: the same
schema, the same errors for bad input, the same values and dumps for good input.
"""

from __future__ import annotations

import copy
import pickle
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.model import ArgMap, classes, records
from argmap.model.generate import MODELS, definitions

MAPS = sorted((Path(__file__).parent.parent / "maps").glob("*.yaml"))


def _plain(value: Any) -> Any:
    """Schema data with classes and enum members as names, to compare across modules."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return (type(value).__name__, value.value)
    if isinstance(value, type):
        return ("class", value.__name__)
    return value


def test_records_py_is_generated_from_the_classes() -> None:
    assert _plain(records.DEFINITIONS) == _plain(definitions()), (
        "src/argmap/model/records.py is stale: run `make records`"
    )
    for model in MODELS:
        assert getattr(records, model.__name__).model_fields == tuple(model.model_fields)


def _errors(data: Any, model: Any) -> list[dict[str, Any]] | None:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return None


BAD = [
    None,
    [],
    "text",
    {},
    {"argmap": "one", "title": "", "claims": {}},
    {"argmap": 1, "title": "t", "tilte": "x", "claims": [{"text": " "}]},
    {"argmap": 1, "title": "t", "format": "bpp", "sides": {"pro": ""}},
    {"argmap": 1, "title": "t", "sources": {"bad id": {"author": "a"}, "ok": []}},
    {
        "argmap": 1,
        "title": "t",
        "claims": [
            {
                "id": "C 1",
                "side": "pr",
                "text": "x",
                "attack": "rebutt",
                "strength": 2,
                "turn": "maybe",
                "cq": "nope",
                "ignore": ["Bad"],
                "supports": [3, "a b"],
                "impact": {"size": "big"},
                "evidence": [{"quote": "q"}, "card"],
                "premises": [{"text": None, "rebuttals": [{"txt": "x"}]}],
            }
        ],
        "expect": {"stands": ["x"], "wins": []},
        "checks": {"disable": ["Quote"]},
    },
]


@pytest.mark.parametrize("data", BAD, ids=range(len(BAD)))
def test_the_same_errors_as_pydantic(data: Any) -> None:
    expected = _errors(data, ArgMap)
    assert expected is not None
    assert _errors(data, records.ArgMap) == expected


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 3), st.floats(-1, 2), st.text(max_size=4)
)
_keys = st.sampled_from(
    sorted({name for model in MODELS for name in model.model_fields} | {"x", "Tags"})
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {"argmap": st.sampled_from([1, "1"]), "title": st.text(max_size=3)},
        optional={
            "claims": st.lists(st.dictionaries(_keys, _values, max_size=5), max_size=3),
            "sources": st.dictionaries(st.text(max_size=3), _values, max_size=2),
            "sides": _values,
            "expect": _values,
            "format": _scalars,
        },
    )
)
def test_any_document_meets_the_same_checks(data: dict[str, Any]) -> None:
    assert _errors(data, records.ArgMap) == _errors(data, ArgMap)


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_a_valid_map_reads_to_the_same_values(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    model, record = ArgMap.model_validate(data), records.ArgMap.model_validate(data)
    assert record.model_dump() == model.model_dump()
    options = {"mode": "json", "exclude_defaults": True, "exclude_none": True}
    assert record.model_dump(**options) == model.model_dump(**options)
    for ours, theirs in zip(record.claims, model.claims, strict=True):
        assert ours.model_fields_set == theirs.model_fields_set
        assert ours.side is theirs.side
    assert record == records.ArgMap.model_validate(data)
    assert record == model and model == record  # same values: equal, as pydantic's are
    assert record != records.ArgMap.model_validate({**data, "title": "other"})
    assert repr(record.sides).startswith("Sides(pro=")


def test_records_copy_and_pickle() -> None:
    record = records.ArgMap.model_validate(yaml.safe_load(MAPS[0].read_text(encoding="utf-8")))
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.deepcopy(record) == record
    node = copy.copy(record.claims[0])
    assert node.model_fields_set == record.claims[0].model_fields_set


def test_defaults_are_records_too() -> None:
    record = records.ArgMap.model_validate({"argmap": 1, "title": "t"})
    assert isinstance(record.sides, records.Sides)
    assert record.sides.pro == classes.Sides().pro
    assert record.claims == []
