"""The language server command: argmap lsp."""

from argmap.cli.app import app


@app.command()
def lsp() -> None:
    """Run the language server on stdin/stdout, for editors (VS Code, Neovim, Helix).

    Diagnostics as you type (the codes of `validate` and `check`),
    completion of keys, ids, sources and schemes, go to definition,
    references, hover, rename, outline and quick fixes. Only YAML files with
    a top-level `argmap:` key are treated as maps. docs/editors.md shows how
    to set up VS Code, Neovim and Helix.

    Example:

        argmap lsp
    """
    from argmap.lsp.server import serve

    serve()
