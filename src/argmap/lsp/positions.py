"""Columns as the editor counts them (UTF-16 by default) and as argmap does (characters).

argmap's positions count characters (code points); an LSP client counts UTF-16 code
units unless it negotiated otherwise. They differ only on lines holding characters
outside the Basic Multilingual Plane (an emoji in a title), so an ASCII text skips
the conversion.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange


class Units:
    """Converts positions between the client's units and characters for one document."""

    def __init__(self, document: TextDocument) -> None:
        self.document = document
        self.same = document.source.isascii()

    def position_in(self, position: types.Position) -> tuple[int, int]:
        """A client position as a 0-based line and character column."""
        if self.same:
            return position.line, position.character
        server = self.document.position_from_client_units(position)
        return server.line, server.character

    def range_in(self, where: types.Range) -> types.Range:
        """A client range, in characters."""
        if self.same:
            return where
        start, end = self.position_in(where.start), self.position_in(where.end)
        return types.Range(types.Position(*start), types.Position(*end))

    def range_out(self, where: types.Range) -> types.Range:
        """A range in characters, in the client's units."""
        if self.same:
            return where
        server = ServerTextRange(
            ServerTextPosition(where.start.line, where.start.character),
            ServerTextPosition(where.end.line, where.end.character),
        )
        return self.document.range_to_client_units(server)
