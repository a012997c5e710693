"""`argmap export` and `argmap import`: other tools' formats."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app
from argmap.cli.common import MapFile, emit, graph_or_exit, guard_output


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
    VERBATIM = "verbatim"


@app.command("export")
def export_command(
    map_path: MapFile,
    to: Annotated[ExportFormat, typer.Option("--to", "-f", help="The format to write.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-': stdout, the default)."),
    ] = None,
) -> None:
    """Write a map in another tool's format: Argdown, AIF (OVA), Kialo, Markdown, JSON.

    What the format cannot hold is listed on stderr as warnings. Exit status is 1
    when the map has errors.

    Example:

        argmap export maps/school-uniforms.yaml --to argdown -o build/uniforms.argdown

        argmap export maps/school-uniforms.yaml --to json
    """
    from argmap.analysis import evaluate
    from argmap.formats import exporter

    guard_output(output, [map_path])
    graph = graph_or_exit(map_path)
    text, warnings = exporter(to.value)(graph, evaluate(graph))
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    emit(text, output, [map_path])


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
        Path | None,
        typer.Option("--output", "-o", help="Write the map here ('-': stdout, the default)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing file at --output.")
    ] = False,
    keep_prose: Annotated[
        bool,
        typer.Option(
            "--keep-prose",
            help="argdown-json: keep headings and top-level prose as the notes of the claim "
            "that follows them (by default they are dropped with a warning each).",
        ),
    ] = False,
) -> None:
    """Turn an Argdown (via `argdown json`), AIF, Kialo or Verbatim (.docx) file into a map.

    Whatever the importer cannot represent is reported on stderr as
    FILE:WHERE: warning[code]: message, and the rest is imported. The new map is
    validated before it is written; exit status is 1 when FILE cannot be read.

    Example:

        argmap import debate.txt --from kialo -o maps/debate.yaml

        argdown json debate.argdown out/ && argmap import out/debate.json --from argdown-json

        argmap import out/debate.json --from argdown-json --keep-prose -o maps/debate.yaml

        argmap import blocks.docx --from verbatim -o maps/blocks.yaml
    """
    from argmap.fileio import FileRefused, read_limited
    from argmap.formats import BINARY_IMPORTS, binary_importer, importer
    from argmap.formats.argdown import import_map as import_argdown
    from argmap.formats.base import ImportFailed
    from argmap.load import MAX_BYTES
    from argmap.validate import load_map_text
    from argmap.write import dump_map

    guard_output(output, [file], force=force)
    binary = from_.value in BINARY_IMPORTS
    try:
        raw = read_limited(file, MAX_BYTES)
        data: bytes | str = raw if binary else raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, FileRefused) as exc:
        typer.echo(f"{file}: error[unreadable]: {exc}", err=True)
        raise typer.Exit(1) from None
    if keep_prose and from_ is not ImportFormat.ARGDOWN_JSON:
        typer.echo("error: --keep-prose applies to --from argdown-json only", err=True)
        raise typer.Exit(2)
    try:
        if isinstance(data, bytes):
            argmap, notes = binary_importer(from_.value)(data, str(file))
        elif keep_prose:
            argmap, notes = import_argdown(data, str(file), keep_prose=True)
        else:
            argmap, notes = importer(from_.value)(data, str(file))
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
    emit(yaml_text, output, [file], force=force)
