"""`argmap render`: diagrams through Graphviz."""

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app
from argmap.cli.common import MapPaths, SideChoice, Watch, cannot_write, map_files, rerun_on_save
from argmap.render.choices import Direction, Format, Layout, Paper


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
        typer.Option(
            "--side", "-s", help="Only this side's contentions, with everything under them."
        ),
    ] = None,
    focus: Annotated[
        str | None, typer.Option(help="Only the subtree under this node id.", show_default=False)
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            "-d",
            min=0,
            help="Levels to draw below the focus (or the contentions).",
            show_default=False,
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
            help="Split into pages (an atlas, see --layout) or never. "
            "Default: split when the diagram would not read on the paper.",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option(
            help="An atlas's pages: outline (indented, two columns a page, the densest) "
            "or tree (Graphviz trees, an overview first)."
        ),
    ] = Layout.OUTLINE,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes-per-page", min=2, help="Most nodes on one page of a tree atlas."),
    ] = 40,
    paper: Annotated[
        Paper, typer.Option(help="Paper that PDF pages and the atlas are made for.")
    ] = Paper.A4,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw the key.")] = True,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids", help="Print each node's map id beside its debate code (P1a · C1.p1)."
        ),
    ] = False,
    status: Annotated[
        bool,
        typer.Option(
            "--status/--no-status",
            help="Mark each node stands / falls / contested / unsupported (see argmap eval).",
        ),
    ] = True,
    watch: Watch = False,
) -> None:
    """Draw maps as diagrams: SVG, PNG, PDF or DOT, through Graphviz.

    A map too big to read on one sheet becomes an atlas: an indented outline in
    two columns a page (or, with --layout tree, an overview and Graphviz trees),
    each page printing its text at 8 pt or larger on the paper, with page
    references between them (links in one PDF, or a folder of SVG/PNG files).
    Invalid maps print their diagnostics and exit 1.

    Example:

        argmap render maps/school-uniforms.yaml -o build/uniforms.pdf

        argmap render maps/ -o build/diagrams/ --format svg

        argmap render map.yaml --side con --focus O1 --depth 2 -o o1.png

        argmap render map.yaml --focus C3 --layout tree -o c3.pdf

        argmap render map.yaml -o map.pdf --watch
    """
    if watch:  # the same command after every save, with the arguments it was given
        arguments = {**locals(), "watch": False}
        rerun_on_save(maps, lambda: render(**arguments))
        return
    from argmap.progress import Steps
    from argmap.render import DiagramOptions, GraphvizError, RenderError, RenderSettings
    from argmap.render.output import draw_file, output_targets

    options = DiagramOptions(
        side=side,
        focus=focus,
        depth=depth,
        direction=direction,
        titles_only=titles,
        legend=legend,
        ids=ids,
    )
    settings = RenderSettings(atlas=atlas, max_nodes=max_nodes, paper=paper, layout=layout)
    failed = False
    try:
        targets = output_targets(map_files(maps), output, fmt, folder=any(m.is_dir() for m in maps))
        with Steps(len(targets)) as steps:
            for file, target, form in targets:
                steps.start(f"drawing {file.name}")
                drawn = draw_file(file, target, form, options, settings, status=status)
                for diagnostic in drawn.diagnostics:
                    typer.echo(str(diagnostic))
                failed |= drawn.failed
                if not drawn.failed:
                    steps.say(drawn.summary)
                steps.done()
    except RenderError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except GraphvizError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    except OSError as exc:  # a target that cannot be written; earlier files are complete
        cannot_write(exc.filename or output or "the diagram", exc)
    if failed:
        raise typer.Exit(1)
