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


class ExportFormat(StrEnum):
    ARGDOWN = "argdown"
    AIF = "aif"
    KIALO = "kialo"
    MARKDOWN = "markdown"
    JSON = "json"


class ImportFormat(StrEnum):
    ARGDOWN_JSON = "argdown-json"
    AIF = "aif"
    KIALO = "kialo"


@app.command("export")
def export_command(
    map_path: Annotated[
        Path,
        typer.Argument(
            metavar="MAP", help="The map to export.", exists=True, dir_okay=False, readable=True
        ),
    ],
    to: Annotated[ExportFormat, typer.Option("--to", "-t", help="The format to write.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Write a map in another tool's format: Argdown, AIF (OVA), Kialo, Markdown, JSON.

    What the format cannot hold is listed on stderr as warnings. Exit status is 1
    when the map has errors.

    Example:

        argmap export maps/school-uniforms.yaml --to argdown -o build/uniforms.argdown

        argmap export maps/school-uniforms.yaml --to json
    """
    from argmap.formats import exporter
    from argmap.validate import load_map

    result = load_map(map_path)
    if result.graph is None:
        for diagnostic in result.diagnostics:
            typer.echo(str(diagnostic))
        raise typer.Exit(1)
    text, warnings = exporter(to.value)(result.graph, None)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    _emit(text, output)


@app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="The file to import.", exists=True, dir_okay=False, readable=True
        ),
    ],
    from_: Annotated[ImportFormat, typer.Option("--from", "-f", help="The format of FILE.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the map here, not to stdout.")
    ] = None,
) -> None:
    """Turn an Argdown (via `argdown json`), AIF or Kialo file into a map.

    Whatever the importer cannot represent is reported on stderr as
    FILE:WHERE: warning[code]: message, and the rest is imported. The new map is
    validated before it is written; exit status is 1 when FILE cannot be read.

    Example:

        argmap import debate.txt --from kialo -o maps/debate.yaml

        argdown json debate.argdown out/ && argmap import out/debate.json --from argdown-json
    """
    from argmap.formats import importer
    from argmap.formats.base import ImportFailed
    from argmap.validate import load_map_text
    from argmap.write import dump_map

    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"{file}: error[unreadable]: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        argmap, notes = importer(from_.value)(text, str(file))
    except ImportFailed as exc:
        typer.echo(exc.note.render(str(file)), err=True)
        raise typer.Exit(1) from None
    for note in notes:
        typer.echo(note.render(str(file)), err=True)
    yaml_text = dump_map(argmap)
    checked = load_map_text(yaml_text, str(output or "<imported map>"))
    for diagnostic in checked.diagnostics:
        typer.echo(str(diagnostic), err=True)
    if not checked.ok:
        raise typer.Exit(1)
    _emit(yaml_text, output)


def _emit(text: str, output: Path | None) -> None:
    """Write `text` atomically to `output`, or to stdout when there is none."""
    from argmap.fileio import write_atomic

    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)


def main() -> None:
    """Console entry point."""
    app()
