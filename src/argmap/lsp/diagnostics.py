"""argmap's diagnostics as LSP diagnostics: same code, position and severity."""

from __future__ import annotations

import re

from lsprotocol import types

from argmap.diagnostics import Diagnostic, Severity

SOURCE = "argmap"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}
# The written token a diagnostic points at: a key, an id, a word; a quoted scalar whole.
_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|[^\s,\[\]{}#:]+(?::[^\s,\[\]{}#:]+)*")


def token_range(lines: list[str], line: int, col: int) -> types.Range:
    """The range of the token starting at a 0-based position (at least one character)."""
    text = lines[line] if 0 <= line < len(lines) else ""
    match = _TOKEN.match(text, col)
    end = match.end() if match and match.end() > col else min(col + 1, max(len(text), col))
    return types.Range(types.Position(line, col), types.Position(line, end))


def to_lsp(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    """One argmap diagnostic for the editor; its 1-based line and column become 0-based."""
    return types.Diagnostic(
        range=token_range(lines, diagnostic.line - 1, diagnostic.col - 1),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
    )
