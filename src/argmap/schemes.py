"""Schemes: the shipped library of argumentation schemes and their critical questions.

The library is data (`argmap/data/schemes.yaml`, read through importlib.resources so
it works from a wheel), checked once into frozen dataclasses and cached. A map names
a scheme with `scheme: ID` and a critical question with `cq: SCHEME.QUESTION`;
`argmap validate` checks both against this library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from argmap.model import Attack

_SCHEME_ID = re.compile(r"^[a-z0-9-]+$")


class Burden(StrEnum):
    """Who must back up the answer once the question is asked (Carneades' burden rule)."""

    PROPONENT = "proponent"  # the arguer must answer it (an assumption of the scheme)
    OPPONENT = "opponent"  # the asker must show the exception


@dataclass(frozen=True)
class CriticalQuestion:
    """One critical question: what to ask, and which attack a bad answer licenses."""

    id: str
    ask: str
    attack: Attack
    burden: Burden = Burden.OPPONENT


@dataclass(frozen=True)
class Scheme:
    """An argumentation scheme: its premise pattern, conclusion and critical questions."""

    id: str
    title: str
    premises: tuple[str, ...]
    conclusion: str
    questions: tuple[CriticalQuestion, ...]

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


class SchemeDataError(ValueError):
    """The shipped data file is malformed (a packaging bug, never a user's mistake)."""


@cache
def scheme_library() -> dict[str, Scheme]:
    """Every shipped scheme by id, in the order of the data file.

    Plain dataclasses, checked here, not pydantic models: the library is read whenever a
    map names a scheme, and pydantic would add 80 ms to such a command's start.
    """
    text = files("argmap").joinpath("data", "schemes.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=yaml.CSafeLoader)
    return {key: _scheme(key, body) for key, body in raw.items()}


def _scheme(key: str, body: dict[str, Any]) -> Scheme:
    try:
        questions = tuple(_question(q) for q in body["questions"])
        scheme = Scheme(
            id=_checked_id(key),
            title=_text(body["title"]),
            premises=tuple(_text(p) for p in body["premises"]),
            conclusion=_text(body["conclusion"]),
            questions=questions,
        )
        ids = scheme.question_ids
        if not scheme.premises or not ids or len(set(ids)) != len(ids):
            raise SchemeDataError("no premises, no questions or a question id twice")
        if set(body) - {"title", "premises", "conclusion", "questions"}:
            raise SchemeDataError(f"unknown keys {sorted(body)}")
    except (KeyError, TypeError, ValueError) as exc:
        raise SchemeDataError(f"argmap/data/schemes.yaml, scheme {key!r}: {exc}") from exc
    return scheme


def _question(body: dict[str, Any]) -> CriticalQuestion:
    if set(body) - {"id", "ask", "attack", "burden"}:
        raise SchemeDataError(f"unknown keys in question {body}")
    return CriticalQuestion(
        id=_checked_id(body["id"]),
        ask=_text(body["ask"]),
        attack=Attack(body["attack"]),
        burden=Burden(body.get("burden", Burden.OPPONENT)),
    )


def _checked_id(value: object) -> str:
    if not isinstance(value, str) or not _SCHEME_ID.match(value):
        raise SchemeDataError(f"{value!r} is not an id (lowercase letters, digits, '-')")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise SchemeDataError(f"{value!r} is not text")
    return value


def get_scheme(scheme_id: str) -> Scheme | None:
    return scheme_library().get(scheme_id)


def split_cq(ref: str) -> tuple[str, str]:
    """'expert-opinion.field' -> ('expert-opinion', 'field')."""
    scheme_id, _, question_id = ref.partition(".")
    return scheme_id, question_id
