"""Quick fixes: take the did-you-mean of a diagnostic (unknown key, id, source, value)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from argmap.lsp.diagnostics import SOURCE

_SUGGESTION = re.compile(r"\(did you mean '([^']+)'\?\)")
_QUOTED = re.compile(r"'([^']+)'")


def quick_fixes(
    uri: str, lines: list[str], diagnostics: Sequence[types.Diagnostic]
) -> list[types.CodeAction]:
    """One fix per did-you-mean diagnostic: the misspelt word, replaced by the suggestion."""
    actions = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        suggestion = _SUGGESTION.search(diagnostic.message)
        if suggestion is None:
            continue
        start, end = diagnostic.range.start, diagnostic.range.end
        if start.line != end.line or start.line >= len(lines):
            continue
        token = lines[start.line][start.character : end.character]
        wrong = next((w for w in _QUOTED.findall(diagnostic.message) if w in token), None)
        if wrong is None:
            continue
        at = start.character + token.index(wrong)
        where = types.Range(
            types.Position(start.line, at), types.Position(start.line, at + len(wrong))
        )
        fix = suggestion.group(1)
        actions.append(
            types.CodeAction(
                title=f"Change '{wrong}' to '{fix}'",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, fix)]}),
            )
        )
    return actions
