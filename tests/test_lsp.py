"""`argmap lsp` spoken to as an editor would: a real server process over stdio (pytest-lsp).

The article map is copied to tmp_path and its ids are read from the copy at test time,
so that edits to the map elsewhere do not break these tests.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from typer.testing import CliRunner

from argmap.cli import app
from argmap.validate import load_map_text

ARTICLE = Path(__file__).resolve().parent.parent / "maps" / "guerrilla-wars-to-victory-parades.yaml"
SUPPORTS = re.compile(r"^(\s*)supports: \[([A-Za-z0-9_.\-]+)")

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return Path(shutil.copy(ARTICLE, tmp_path / ARTICLE.name))


def first_reference(text: str) -> tuple[int, int, str]:
    """The 0-based line and column of the first `supports: [ID` reference, and ID."""
    for number, line in enumerate(text.split("\n")):
        match = SUPPORTS.match(line)
        if match:
            return number, match.start(2), match.group(2)
    raise AssertionError("the article map has no `supports: [ID]` to test with")


def definition_line(text: str, node_id: str) -> int:
    pattern = re.compile(rf"^\s*(?:-\s+)?id:\s*['\"]?{re.escape(node_id)}['\"]?\s*$")
    return next(i for i, line in enumerate(text.split("\n")) if pattern.match(line))


def references_in(text: str, node_id: str) -> int:
    """How many times the map's links and answer key name `node_id` (read by the model)."""
    graph = load_map_text(text).graph
    assert graph is not None
    links = sum(
        getattr(n.node, key).count(node_id)
        for n in graph
        for key in ("supports", "attacks", "outweighs")
    )
    expect = graph.map.expect
    listed = (
        sum(getattr(expect, s).count(node_id) for s in type(expect).model_fields) if expect else 0
    )
    return links + listed


async def open_map(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "yaml", 1, path.read_text(encoding="utf-8"))
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def change(
    client: LanguageClient, path: Path, text: str, version: int
) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def check_json(path: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    return list(json.loads(result.stdout))


def as_argmap(diagnostic: types.Diagnostic) -> tuple[str, int, int, str]:
    severity = "error" if diagnostic.severity == types.DiagnosticSeverity.Error else "warning"
    start = diagnostic.range.start
    return str(diagnostic.code), start.line + 1, start.character + 1, severity


async def test_diagnostics_are_those_of_check(client: LanguageClient, article: Path) -> None:
    published = await open_map(client, article)
    expected = [(d["code"], d["line"], d["col"], d["severity"]) for d in check_json(article)]
    assert [as_argmap(d) for d in published] == expected


async def test_a_broken_reference_is_reported_then_cleared(
    client: LanguageClient, article: Path
) -> None:
    text = article.read_text(encoding="utf-8")
    before = [as_argmap(d) for d in await open_map(client, article)]
    line, col, target = first_reference(text)
    lines = text.split("\n")
    broken_id = target + "x"
    lines[line] = lines[line][:col] + broken_id + lines[line][col + len(target) :]
    broken = await change(client, article, "\n".join(lines), 2)
    unknown = [d for d in broken if d.code == "unknown-id"]
    assert len(unknown) == 1
    assert unknown[0].range.start == types.Position(line, col)
    assert unknown[0].range.end == types.Position(line, col + len(broken_id))
    assert unknown[0].severity == types.DiagnosticSeverity.Error
    assert f"did you mean '{target}'" in unknown[0].message

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(article.as_uri()),
            unknown[0].range,
            types.CodeActionContext(diagnostics=[unknown[0]]),
        )
    )
    assert actions is not None
    fix = actions[0]
    assert isinstance(fix, types.CodeAction) and fix.edit and fix.edit.changes
    (edit,) = fix.edit.changes[article.as_uri()]
    assert edit.new_text == target

    fixed = await change(client, article, text, 3)
    assert [as_argmap(d) for d in fixed] == before


async def test_completes_ids_in_supports(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    line, col, target = first_reference(text)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            types.TextDocumentIdentifier(article.as_uri()), types.Position(line, col + 1)
        )
    )
    assert isinstance(result, types.CompletionList)
    labels = [item.label for item in result.items]
    assert target in labels
    ids = set(re.findall(r"^\s*(?:-\s+)?id:\s*([A-Za-z0-9_.\-]+)\s*$", text, re.M))
    assert ids <= set(labels)
    item = next(i for i in result.items if i.label == target)
    assert isinstance(item.text_edit, types.TextEdit)
    assert item.text_edit.range.start == types.Position(line, col)  # replaces what was typed


async def test_completes_keys_sources_and_values(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    sources = load_map_text(text).graph
    assert sources is not None
    await open_map(client, article)
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if re.match(r"^\s+- source: \S", line))
    indent = lines[at].index("-")
    probe = [
        f"{' ' * indent}- source: ",  # a card's source
        f"{' ' * (indent + 2)}loc",  # a key of the card
        f"{' ' * (indent + 2)}note: x",
    ]
    edited = [*lines[: at + 1], *probe, *lines[at + 1 :]]
    await change(client, article, "\n".join(edited), 2)
    uri = types.TextDocumentIdentifier(article.as_uri())

    async def labels(line: int, col: int) -> list[str]:
        result = await client.text_document_completion_async(
            types.CompletionParams(uri, types.Position(line, col))
        )
        assert isinstance(result, types.CompletionList)
        return [item.label for item in result.items]

    assert set(await labels(at + 1, len(probe[0]))) == set(sources.map.sources)
    assert "locator" in await labels(at + 2, len(probe[1]))
    side = next(i for i, line in enumerate(edited) if re.match(r"^\s+side: ", line))
    assert await labels(side, len(edited[side])) == ["pro", "con"]


async def test_goes_to_the_definition(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    line, col, target = first_reference(text)
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            types.TextDocumentIdentifier(article.as_uri()), types.Position(line, col)
        )
    )
    assert isinstance(result, list) and len(result) == 1
    location = result[0]
    assert isinstance(location, types.Location)
    assert location.range.start.line == definition_line(text, target)

    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(article.as_uri()),
            position=types.Position(line, col),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert refs is not None
    assert len(refs) == references_in(text, target) and (line, col) in {
        (r.range.start.line, r.range.start.character) for r in refs
    }


async def test_rename_changes_every_reference_like_the_command(
    client: LanguageClient, article: Path, tmp_path: Path
) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    line, col, target = first_reference(text)
    new = target + "-renamed"
    result = await client.text_document_rename_async(
        types.RenameParams(
            types.TextDocumentIdentifier(article.as_uri()), types.Position(line, col), new
        )
    )
    assert result is not None and result.changes
    edits = result.changes[article.as_uri()]
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line
        row = lines[start.line]
        assert row[start.character : end.character] == target
        lines[start.line] = row[: start.character] + edit.new_text + row[end.character :]
    renamed = "\n".join(lines)
    result_map = load_map_text(renamed, str(article))
    assert result_map.ok and new in result_map.graph.nodes  # type: ignore[union-attr]
    assert target not in result_map.graph.nodes  # type: ignore[union-attr]
    assert references_in(renamed, target) == 0
    assert references_in(renamed, new) == references_in(text, target) > 0
    assert len(edits) == references_in(text, target) + 1  # and its `id:`

    copy = Path(shutil.copy(article, tmp_path / "by-command.yaml"))
    command = CliRunner().invoke(app, ["rename", str(copy), target, new])
    assert command.exit_code == 0, command.output
    assert copy.read_text(encoding="utf-8") == renamed


async def test_rename_refuses_a_clash(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    line, col, target = first_reference(text)
    other = next(
        i
        for i in re.findall(r"^\s*(?:-\s+)?id:\s*([A-Za-z0-9_.\-]+)\s*$", text, re.M)
        if i != target
    )
    with pytest.raises(Exception, match="already used"):
        await client.text_document_rename_async(
            types.RenameParams(
                types.TextDocumentIdentifier(article.as_uri()), types.Position(line, col), other
            )
        )


async def test_hover_shows_status_and_outline(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    line, col, target = first_reference(text)
    result = await client.text_document_hover_async(
        types.HoverParams(
            types.TextDocumentIdentifier(article.as_uri()), types.Position(line, col + 1)
        )
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert re.search(r"\*\*(stands|falls|contested|unsupported|cut)\*\*", result.contents.value)
    assert f"`{target}`" in result.contents.value

    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(article.as_uri()))
    )
    assert symbols
    graph = load_map_text(text).graph
    assert graph is not None
    assert len(symbols) == len(graph.roots)
    first = symbols[0]
    assert isinstance(first, types.DocumentSymbol)
    root = graph.nodes[graph.roots[0]]
    assert first.name.startswith(graph.codes[root.id]) and root.label in first.name
    assert first.children and len(first.children) == len(graph.children(root.id))


async def test_columns_are_counted_in_utf16_as_editors_do(
    client: LanguageClient, tmp_path: Path
) -> None:
    line = '  - {title: "🎉 party", side: pro, text: Fun., supports: [nope]}'
    path = tmp_path / "emoji.yaml"
    path.write_text(f"argmap: 1\ntitle: T\nclaims:\n{line}\n", encoding="utf-8")
    published = await open_map(client, path)
    (unknown,) = [d for d in published if d.code == "unknown-id"]
    utf16 = len(line[: line.index("nope")].encode("utf-16-le")) // 2
    assert unknown.range.start == types.Position(3, utf16)
    assert unknown.range.end == types.Position(3, utf16 + len("nope"))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()),
            unknown.range,
            types.CodeActionContext(diagnostics=[unknown]),
        )
    )
    assert not actions  # no did-you-mean for 'nope': nothing to offer


async def test_yaml_that_is_not_a_map_is_left_alone(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "workflow.yaml"
    path.write_text("name: CI\non: [push]\njobs: {unknown: 1}\n", encoding="utf-8")
    assert list(await open_map(client, path)) == []


async def test_a_burst_of_changes_is_analysed_once(client: LanguageClient, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    await open_map(client, article)
    uri = article.as_uri()
    for version in range(2, 7):  # five keystrokes, faster than the debounce
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text + "#" * version)],
            )
        )
    params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert params.version == 6  # not 2: the first four were never analysed
