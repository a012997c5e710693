"""Schemes: the shipped library of argumentation schemes and their critical questions.

The library is data (`argmap/data/schemes.yaml`, read through importlib.resources so
it works from a wheel), validated once into pydantic models and cached. A map names
a scheme with `scheme: ID` and a critical question with `cq: SCHEME.QUESTION`;
`argmap validate` checks both against this library.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from argmap.model import Attack

SchemeId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]


class Burden(StrEnum):
    """Who must back up the answer once the question is asked (Carneades' burden rule)."""

    PROPONENT = "proponent"  # the arguer must answer it (an assumption of the scheme)
    OPPONENT = "opponent"  # the asker must show the exception


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriticalQuestion(_Frozen):
    """One critical question: what to ask, and which attack a bad answer licenses."""

    id: SchemeId
    ask: str = Field(min_length=1)
    attack: Attack
    burden: Burden = Burden.OPPONENT


class Scheme(_Frozen):
    """An argumentation scheme: its premise pattern, conclusion and critical questions."""

    id: SchemeId
    title: str = Field(min_length=1)
    premises: tuple[str, ...] = Field(min_length=1)
    conclusion: str = Field(min_length=1)
    questions: tuple[CriticalQuestion, ...] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_question_ids(
        cls, questions: tuple[CriticalQuestion, ...]
    ) -> tuple[CriticalQuestion, ...]:
        ids = [q.id for q in questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate question ids: {', '.join(duplicates)}")
        return questions

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


@cache
def scheme_library() -> dict[str, Scheme]:
    """Every shipped scheme by id, in the order of the data file."""
    text = files("argmap").joinpath("data", "schemes.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=yaml.CSafeLoader)
    return {key: Scheme.model_validate({"id": key, **body}) for key, body in raw.items()}


def get_scheme(scheme_id: str) -> Scheme | None:
    return scheme_library().get(scheme_id)


def split_cq(ref: str) -> tuple[str, str]:
    """'expert-opinion.field' -> ('expert-opinion', 'field')."""
    scheme_id, _, question_id = ref.partition(".")
    return scheme_id, question_id
