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
from argmap.render.choices import Direction, Format, Paper

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


class SideChoice(StrEnum):
    PRO = "pro"
    CON = "con"


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


@app.command()
def render(
    maps: MapPaths,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (its suffix sets the format), '-' for stdout, or a folder "
            "(one NAME.FORMAT per map). Default: NAME.svg here.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="svg, png, pdf or dot. Default: from -o, else svg."),
    ] = None,
    side: Annotated[
        SideChoice | None,
        typer.Option(help="Only this side's contentions, with everything under them."),
    ] = None,
    focus: Annotated[
        str | None, typer.Option(help="Only the subtree under this node id.", show_default=False)
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            min=0, help="Levels to draw below the focus (or the contentions).", show_default=False
        ),
    ] = None,
    direction: Annotated[
        Direction, typer.Option(help="TB: thesis on top; LR: left to right.")
    ] = Direction.TB,
    titles: Annotated[
        bool, typer.Option("--titles/--full", help="Titles only, or full text (default).")
    ] = False,
    atlas: Annotated[
        bool | None,
        typer.Option(
            "--atlas/--no-atlas",
            help="Split into pages (overview + one per contention) or never. "
            "Default: split when the diagram would not read on the paper.",
            show_default=False,
        ),
    ] = None,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes-per-page", min=2, help="Most nodes on one atlas page.")
    ] = 40,
    paper: Annotated[
        Paper, typer.Option(help="Paper that PDF pages and the atlas are made for.")
    ] = Paper.A4,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw the key.")] = True,
) -> None:
    """Draw maps as diagrams: SVG, PNG, PDF or DOT, through Graphviz.

    A map too big to read on one sheet becomes an atlas: an overview page and a
    page per contention, with page references between them (one PDF, or a folder
    of SVG/PNG/DOT files). Invalid maps print their diagnostics and exit 1.

    Example:

        argmap render maps/school-uniforms.yaml -o build/uniforms.pdf

        argmap render maps/ -o build/diagrams/ --format svg

        argmap render map.yaml --side con --focus O1 --depth 2 -o o1.png
    """
    from rich.console import Console
    from rich.progress import Progress

    from argmap.fileio import expand_map_paths
    from argmap.model import Side
    from argmap.render import DiagramOptions, GraphvizError, RenderError, RenderSettings
    from argmap.render.output import draw_file, output_targets

    options = DiagramOptions(
        side=Side(side.value) if side else None,
        focus=focus,
        depth=depth,
        direction=direction,
        titles_only=titles,
        legend=legend,
    )
    settings = RenderSettings(atlas=atlas, max_nodes=max_nodes, paper=paper)
    console = Console(stderr=True)
    failed = False
    try:
        targets = output_targets(
            expand_map_paths(maps), output, fmt, folder=any(m.is_dir() for m in maps)
        )
        with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("drawing", total=len(targets))
            for file, target, form in targets:
                bar.update(task, description=f"drawing {file.name}")
                drawn = draw_file(file, target, form, options, settings)
                for diagnostic in drawn.diagnostics:
                    typer.echo(str(diagnostic))
                failed |= drawn.failed
                if not drawn.failed:
                    bar.console.print(drawn.summary, highlight=False, markup=False, soft_wrap=True)
                bar.advance(task)
    except RenderError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except GraphvizError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if failed:
        raise typer.Exit(1)


def main() -> None:
    """Console entry point."""
    app()
