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


class SheetSide(StrEnum):
    PRO = "pro"
    CON = "con"


class SheetFormatChoice(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MD = "md"


class PaperChoice(StrEnum):
    A4 = "a4"
    LETTER = "letter"


@app.command()
def brief(
    map_path: Annotated[
        Path,
        typer.Argument(
            metavar="MAP", help="The map file.", exists=True, dir_okay=False, readable=True
        ),
    ],
    side: Annotated[
        SheetSide | None,
        typer.Option("--side", "-s", help="The side to brief; without it, one sheet per side."),
    ] = None,
    sheet_format: Annotated[
        SheetFormatChoice | None,
        typer.Option(
            "--format", "-f", help="html, pdf or md. Default: from the -o suffix, else html."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File for one sheet; folder (existing, or ending in /) for sheets named "
            "MAP-SIDE.EXT; '-' for standard output (one side, html or md). "
            "Default: the current folder.",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Folder of templates to use instead of the built-in ones "
            "(brief.html.j2, brief.css, brief.md.j2, macros.html.j2).",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    paper: Annotated[
        PaperChoice, typer.Option("--paper", help="Paper size of the PDF and of printouts.")
    ] = PaperChoice.A4,
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Print each node's full text under its tag.")
    ] = False,
) -> None:
    """Write printable briefing sheets, one per side (or for --side only).

    A sheet holds our case on a page, their case with our numbered answers,
    frontlines, weighing and the evidence index. Prints the files written.
    Exit status: 0 written; 1 the map has errors or PDF support is missing;
    2 wrong usage (an output that cannot hold the sheets, a broken template).

    Example:

        argmap brief maps/school-uniforms.yaml --side pro -f pdf -o pro.pdf

        argmap brief maps/school-uniforms.yaml -f md -o build/briefs/
    """
    from argmap.brief import (
        OutputProblem,
        Paper,
        SheetFormat,
        TemplateProblem,
        make_sheet,
        write_sheets,
    )
    from argmap.brief.pdf import PdfUnavailable
    from argmap.model import Side
    from argmap.validate import load_map

    fmt = SheetFormat(sheet_format.value) if sheet_format else None
    if fmt is None and output is not None:
        fmt = SheetFormat.from_suffix(Path(output))
    fmt = fmt or SheetFormat.HTML
    sides = [Side(side.value)] if side else list(Side)
    to_stdout = output == "-"
    if to_stdout and (len(sides) > 1 or fmt is SheetFormat.PDF):
        typer.echo("error: '-o -' writes one HTML or Markdown sheet: add --side", err=True)
        raise typer.Exit(2)

    result = load_map(map_path)
    for diagnostic in result.diagnostics:
        typer.echo(str(diagnostic))
    if result.graph is None:
        raise typer.Exit(1)
    graph, chosen_paper = result.graph, Paper(paper.value)
    try:
        if to_stdout:
            sheet = make_sheet(
                graph, sides[0], fmt, paper=chosen_paper, templates=template, full_text=full_text
            )
            typer.echo(sheet.content.decode("utf-8"), nl=False)
            return
        written = write_sheets(
            graph,
            map_path,
            sides,
            fmt,
            output,
            paper=chosen_paper,
            templates=template,
            full_text=full_text,
        )
    except (OutputProblem, TemplateProblem) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except PdfUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # a folder that is a file, no permission, a full disk
        typer.echo(f"error: cannot write the sheet: {exc}", err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(str(path))


def main() -> None:
    """Console entry point."""
    app()
