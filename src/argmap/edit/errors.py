"""What can stop an edit; the command line turns each into a message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.diagnostics import Diagnostic


class EditError(Exception):
    """An edit that was not made; nothing was written."""

    exit_code = 1

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)


class UsageError(EditError):
    """The command asks for something that cannot mean anything: an unknown id or field."""

    exit_code = 2


class RefusedEdit(EditError):
    """The edit would break the map (dangling references, an invalid result)."""


class InvalidMap(EditError):
    """The map (before or after the edit) has errors; `diagnostics` says where."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(message, [str(d) for d in diagnostics])
        self.diagnostics = list(diagnostics)


class UnsafeEdit(EditError):
    """The rewritten text would not read back as the intended data (a bug in argmap)."""
