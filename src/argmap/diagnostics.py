"""Diagnostics: problems found in a map, as plain values.

Every stage (loading, model validation, resolution, checks) returns diagnostics
instead of raising; only the CLI decides how to print them and which exit code
they mean.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a map file."""

    line: int
    col: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, pointing at the place in the file where it is written."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def at(
        cls, file: str, pos: Position, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> Diagnostic:
        return cls(file, pos.line, pos.col, severity, code, message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order: by file, line and column; errors before warnings at one place."""
    return sorted(
        diagnostics, key=lambda d: (d.file, d.line, d.col, d.severity is not Severity.ERROR)
    )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def diagnostics_to_json(diagnostics: Sequence[Diagnostic]) -> str:
    """The `--format json` output: a list of objects with the fields of `Diagnostic`."""
    return json.dumps([asdict(d) for d in diagnostics], indent=2, ensure_ascii=False)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint for a misspelt name: " (did you mean 'x'?)" for the closest choice, or ""."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
