"""The command line: parse options, call one function, print, choose the exit code.

Exit codes: 0 success (warnings allowed), 1 a map has errors, 2 wrong usage.
Heavy libraries are imported inside the commands that need them, so that
`argmap --help` starts fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
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
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


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


MapPaths = Annotated[
    list[Path],
    typer.Argument(
        help="Map files, or folders of .yaml maps.",
        exists=True,
        readable=True,
        show_default=False,
    ),
]


@app.command()
def validate(
    maps: MapPaths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-F", help="Diagnostics as text or JSON.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check maps and point at the exact line of every mistake.

    Each problem prints as FILE:LINE:COL: error[code]: message. Exit status is 0
    when no map has errors (warnings are allowed), 1 otherwise.

    Example:

        argmap validate maps/school-uniforms.yaml

        argmap validate maps/ --format json
    """
    from argmap.diagnostics import diagnostics_to_json, has_errors
    from argmap.fileio import expand_map_paths
    from argmap.validate import load_map

    files = expand_map_paths(maps)
    diagnostics = [d for f in files for d in load_map(f).diagnostics]
    if output_format is OutputFormat.JSON:
        typer.echo(diagnostics_to_json(diagnostics))
    else:
        for diagnostic in diagnostics:
            typer.echo(str(diagnostic))
        errors = sum(d.is_error for d in diagnostics)
        warnings = len(diagnostics) - errors
        typer.echo(
            f"{len(files)} map{'s' * (len(files) != 1)} checked: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
            err=True,
        )
    if has_errors(diagnostics):
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the map format, for editors with a YAML language server.

    Example:

        argmap schema -o schema/argmap.schema.json
    """
    from argmap.fileio import write_atomic
    from argmap.schema import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)


def main() -> None:
    """Console entry point."""
    app()
