"""The language server: pygls wiring of the features, and debounced diagnostics.

Only YAML files with a top-level `argmap:` key are treated as maps.

Each change to a document schedules its analysis `debounce` seconds later; a newer
change cancels the pending one, so a burst of keystrokes is analysed once. Requests
(completion, hover, ...) analyse the current text at once when it has changed.
"""

from __future__ import annotations

import asyncio
import logging
import re

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.diagnostics import Diagnostic, Severity
from argmap.edit.errors import EditError
from argmap.edit.ids import IdIndex, Kind
from argmap.edit.rename import TextEdit, apply_edits, rename_edits, rename_kind
from argmap.lsp.actions import quick_fixes
from argmap.lsp.completion import Known, complete
from argmap.lsp.diagnostics import to_lsp
from argmap.lsp.hover import hover
from argmap.lsp.navigation import definition, references, span_range, symbols
from argmap.lsp.positions import Units
from argmap.lsp.state import Snapshot, analyse_text

DEBOUNCE = 0.05
"""Seconds of quiet after a change before it is analysed (a keystroke burst is analysed once)."""
_REQUEST_FAILED = -32803  # LSP's RequestFailed
_MAP_KEY = re.compile(r"^argmap\s*:", re.M)


def is_map(text: str) -> bool:
    """Whether a YAML file is an argmap map (has the top-level `argmap:` key).

    Editors start the server for every YAML file; workflows and configs are left alone.
    """
    return _MAP_KEY.search(text) is not None


class ArgmapServer(LanguageServer):
    """Holds the last analysis of each open map, and the ids of the last one that loaded."""

    def __init__(self, debounce: float = DEBOUNCE) -> None:
        super().__init__("argmap", __version__)
        self.debounce = debounce
        self.snapshots: dict[str, Snapshot] = {}
        self.known: dict[str, Known] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}

    def snapshot(self, uri: str) -> Snapshot:
        """The analysis of the document's current text (made now if it is out of date)."""
        text = self.workspace.get_text_document(uri).source
        current = self.snapshots.get(uri)
        if current is None or current.text != text:
            current = self.analyse(uri, text)
        return current

    def analyse(self, uri: str, text: str) -> Snapshot:
        file = to_fs_path(uri) or uri
        if not is_map(text):  # other YAML in the workspace: say nothing about it
            snapshot = Snapshot(text, file, [], IdIndex())
        else:
            try:
                snapshot = analyse_text(text, file)
            except Exception as exc:  # a bug in argmap must not silence the editor for good
                logging.exception("argmap could not analyse %s", file)
                message = f"argmap failed on this map: {exc!r}"
                failed = Diagnostic(file, 1, 1, Severity.ERROR, "internal-error", message)
                snapshot = Snapshot(text, file, [failed], IdIndex())
        self.snapshots[uri] = snapshot
        if snapshot.index.occurrences or snapshot.graph is not None:
            self.known[uri] = Known(snapshot.index, snapshot.graph)
        return snapshot

    def units(self, uri: str) -> Units:
        return Units(self.workspace.get_text_document(uri))

    def publish(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        snapshot = self.snapshot(uri)
        units = Units(document)
        diagnostics = [to_lsp(d, snapshot.lines) for d in snapshot.diagnostics]
        for diagnostic in diagnostics:
            diagnostic.range = units.range_out(diagnostic.range)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=diagnostics
            )
        )

    def schedule(self, uri: str) -> None:
        """Publish diagnostics after `debounce` seconds, unless another change comes first."""
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.pending[uri] = asyncio.ensure_future(self._publish_later(uri))

    async def _publish_later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.publish(uri)


def make_server(debounce: float = DEBOUNCE) -> ArgmapServer:
    """A server with every feature registered."""
    server = ArgmapServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.snapshots.pop(uri, None)
        ls.known.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "-", ":"]),
    )
    def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        uri, units = params.text_document.uri, ls.units(params.text_document.uri)
        snapshot = ls.snapshot(uri)
        known = ls.known.get(uri, Known(snapshot.index, snapshot.graph))
        items = complete(snapshot.lines, *units.position_in(params.position), known)
        for item in items:
            if isinstance(item.text_edit, types.TextEdit):
                item.text_edit.range = units.range_out(item.text_edit.range)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def goto_definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location]:
        uri, units = params.text_document.uri, ls.units(params.text_document.uri)
        found = definition(ls.snapshot(uri).index, uri, *units.position_in(params.position))
        return [types.Location(f.uri, units.range_out(f.range)) for f in found]

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def find_references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        uri, units = params.text_document.uri, ls.units(params.text_document.uri)
        line, col = units.position_in(params.position)
        found = references(
            ls.snapshot(uri).index, uri, line, col, params.context.include_declaration
        )
        return [types.Location(f.uri, units.range_out(f.range)) for f in found]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        line, col = ls.units(params.text_document.uri).position_in(params.position)
        snapshot = ls.snapshot(params.text_document.uri)
        text = hover(snapshot.index, snapshot.graph, snapshot.evaluation, snapshot.lines, line, col)
        if text is None:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(
        ls: ArgmapServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        snapshot = ls.snapshot(params.text_document.uri)
        # while the map has errors, the outline of the last version that loaded
        known = ls.known.get(params.text_document.uri, Known(snapshot.index, snapshot.graph))
        if known.graph is None:
            return []
        found = symbols(known.graph, known.index.root)
        units = ls.units(params.text_document.uri)
        stack = list(found)
        while stack:
            symbol = stack.pop()
            symbol.range = units.range_out(symbol.range)
            symbol.selection_range = units.range_out(symbol.selection_range)
            stack.extend(symbol.children or [])
        return found

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(
        ls: ArgmapServer, params: types.PrepareRenameParams
    ) -> types.PrepareRenamePlaceholder | None:
        units = ls.units(params.text_document.uri)
        line, col = units.position_in(params.position)
        found = ls.snapshot(params.text_document.uri).index.at(line, col)
        if found is None:
            return None
        return types.PrepareRenamePlaceholder(units.range_out(span_range(found.span)), found.name)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        uri, units = params.text_document.uri, ls.units(params.text_document.uri)
        line, col = units.position_in(params.position)
        edits = rename_in(ls.snapshot(uri), line, col, params.new_name)
        changes = [types.TextEdit(units.range_out(_range(e)), e.text) for e in edits]
        return types.WorkspaceEdit(changes={uri: changes})

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_actions(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri, units = params.text_document.uri, ls.units(params.text_document.uri)
        given = {}  # each diagnostic in characters -> as the client sent it
        for sent in params.context.diagnostics:
            copy = types.Diagnostic(units.range_in(sent.range), sent.message, source=sent.source)
            given[id(copy)] = (copy, sent)
        actions = quick_fixes(uri, ls.snapshot(uri).lines, [c for c, _ in given.values()])
        for action in actions:
            action.diagnostics = [given[id(d)][1] for d in action.diagnostics or []]
            for edit in (action.edit.changes or {}).get(uri, []) if action.edit else []:
                edit.range = units.range_out(edit.range)
        return actions

    return server


def rename_in(snapshot: Snapshot, line: int, col: int, new: str) -> list[TextEdit]:
    """The edits that rename the id at a position, refused (as a request error) like the CLI's."""
    found = snapshot.index.at(line, col)
    if found is None:
        raise JsonRpcException("no node id or source id here to rename", _REQUEST_FAILED)
    if snapshot.graph is None:
        raise JsonRpcException("the map has errors; fix them before renaming", _REQUEST_FAILED)
    try:
        kind = rename_kind(snapshot.index, found.name, found.kind is Kind.SOURCE)
        edits = rename_edits(snapshot.index, kind, found.name, new)
    except EditError as exc:
        raise JsonRpcException(exc.message, _REQUEST_FAILED) from None
    after = analyse_text(apply_edits(snapshot.text, edits), snapshot.file)
    if after.graph is None:
        first = next(d for d in after.diagnostics if d.is_error)
        raise JsonRpcException(f"the rename was refused: it would give {first}", _REQUEST_FAILED)
    return edits


def _range(edit: TextEdit) -> types.Range:
    return types.Range(types.Position(edit.line, edit.start), types.Position(edit.line, edit.end))


def serve() -> None:
    """Talk LSP over stdin and stdout until the client exits."""
    from argmap.perf import tune_for_long_run

    tune_for_long_run()
    make_server().start_io()
