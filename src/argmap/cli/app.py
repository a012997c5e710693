"""The typer application every command module registers on, and its global options."""

from typing import Annotated

import typer

from argmap import __version__

app = typer.Typer(
    name="argmap",
    help="Debate-prep argument maps: validate, draw, brief and analyse YAML maps of "
    "claims, premises and rebuttals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help text is plain: `error[code]` and `[ID]` must print as written, not as rich markup.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Debate-prep argument maps: validate, draw, brief and analyse YAML maps."""
