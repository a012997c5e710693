"""`argmap serve`: the live preview in the browser."""

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app


@app.command()
def serve(
    map_path: Annotated[
        Path,
        typer.Argument(
            help="A map file, or a folder of maps (the page lists them).",
            exists=True,
            metavar="MAP|FOLDER",
        ),
    ],
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Other than 127.0.0.1 lets other machines in."),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the page in the web browser.")
    ] = True,
) -> None:
    """Show a map in the browser, updated on every save: diagram, details, diagnostics.

    Click a node for its full text, status and reason, strength, cards, what attacks
    it and what answers those attacks, and its FILE:LINE (a link that opens your
    editor). Zoom with the wheel or + / -, pan by dragging. Both sides' briefs are a
    click away. An invalid save shows its diagnostics over the last good drawing.
    Nothing is loaded from the internet. Stop with Ctrl-C.

    Example:

        argmap serve maps/school-uniforms.yaml

        argmap serve maps/ --port 9000 --no-open
    """
    from argmap.serve import is_loopback
    from argmap.serve import serve as run

    if not is_loopback(host):
        typer.echo(
            f"warning: serving on {host}: other machines on the network can read these maps",
            err=True,
        )
    try:
        run([map_path], host, port, open_browser)
    except OSError as exc:  # the port is taken, an address this machine does not have
        typer.echo(f"error: cannot serve on {host}:{port}: {exc}", err=True)
        raise typer.Exit(1) from None
