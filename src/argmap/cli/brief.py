"""`argmap brief`: briefing sheets per side."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.app import app
from argmap.cli.common import MapFile, SideChoice, Watch, guard_output, rerun_on_save
from argmap.render.choices import Paper


class SheetFormatChoice(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MD = "md"
    DOCX = "docx"


@app.command()
def brief(
    map_path: MapFile,
    side: Annotated[
        SideChoice | None,
        typer.Option("--side", "-s", help="The side to brief; without it, one sheet per side."),
    ] = None,
    sheet_format: Annotated[
        SheetFormatChoice | None,
        typer.Option(
            "--format",
            "-f",
            help="html, pdf, md or docx (Word, in Verbatim's outline). "
            "Default: from the -o suffix, else html.",
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
        Paper, typer.Option("--paper", help="Paper size of the PDF and of printouts.")
    ] = Paper.A4,
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Print each node's full text under its tag.")
    ] = False,
    status: Annotated[
        bool,
        typer.Option(
            "--status/--no-status",
            help="Mark each point from our side: holds / danger / beaten / cut off / contested.",
        ),
    ] = True,
    diagram: Annotated[
        bool,
        typer.Option("--diagram/--no-diagram", help="End with the side's case drawn by Graphviz."),
    ] = True,
    watch: Watch = False,
) -> None:
    """Write printable briefing sheets, one per side (or for --side only).

    A sheet holds our case on a page, their case with our numbered answers,
    frontlines, weighing and the evidence index. A Word file (-f docx) holds the
    blocks in Verbatim's outline (Pocket, Hat, Block, Tag; cite; card with the
    read-aloud words highlighted). Prints the files written.
    Exit status: 0 written; 1 the map has errors or PDF support is missing;
    2 wrong usage (an output that cannot hold the sheets, a broken template).

    Example:

        argmap brief maps/school-uniforms.yaml --side pro -f pdf -o pro.pdf

        argmap brief maps/school-uniforms.yaml -f md -o build/briefs/

        argmap brief maps/school-uniforms.yaml --side con -o con.docx

        argmap brief map.yaml -f pdf --watch
    """
    if watch:  # the same command after every save, with the arguments it was given
        arguments = {**locals(), "watch": False}
        rerun_on_save([map_path], lambda: brief(**arguments))
        return
    from argmap.brief import OutputProblem, SheetFormat, SheetOptions
    from argmap.brief.pdf import PdfUnavailable, open_printers

    fmt = SheetFormat(sheet_format.value) if sheet_format else None
    if fmt is None and output is not None:
        fmt = SheetFormat.from_suffix(Path(output))
    fmt = fmt or SheetFormat.HTML
    count = 1 if side else 2  # sheets to write
    to_stdout = output == "-"
    if to_stdout and (count > 1 or fmt in (SheetFormat.PDF, SheetFormat.DOCX)):
        message = "'-o -' writes one HTML or Markdown sheet (of one side: add --side)"
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(2)
    guard_output(output, [map_path])

    # WeasyPrint loads in the printers' processes while the map is read and the sheet built:
    # they start before the imports below, which take a quarter of a second
    printers = open_printers(count) if fmt is SheetFormat.PDF and not to_stdout else []
    from argmap.brief import TemplateProblem, make_sheet, write_sheets
    from argmap.model import Side
    from argmap.progress import Steps
    from argmap.render import GraphvizError
    from argmap.validate import load_map

    sides = [side] if side else list(Side)
    try:
        with Steps(1) as steps:  # a bar on a terminal: a big map's PDF takes a minute
            steps.start(f"reading {map_path.name}")
            result = load_map(map_path)
            steps.done()
            for diagnostic in result.diagnostics:
                typer.echo(str(diagnostic))
            if result.graph is None:
                raise typer.Exit(1)
            # a Markdown sheet links its diagram as a file beside it; standard output has none
            diagram = diagram and not (to_stdout and fmt is SheetFormat.MARKDOWN)
            options = SheetOptions(paper, template, full_text, status, diagram)
            if to_stdout:
                sheet = make_sheet(result.graph, sides[0], fmt, options)
                typer.echo(sheet.content.decode("utf-8"), nl=False)
                return
            written = write_sheets(
                result.graph, map_path, sides, fmt, output, options, printers, steps
            )
    except (OutputProblem, TemplateProblem) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except UnicodeDecodeError:
        typer.echo(f"error: a template in {template} is not UTF-8 text", err=True)
        raise typer.Exit(2) from None
    except PdfUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except GraphvizError as exc:
        typer.echo(f"error: {exc} (or leave the diagram out: --no-diagram)", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # a folder that is a file, no permission, a full disk
        typer.echo(f"error: cannot write the sheet: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        for printer in printers:
            printer.close()
    for path in written:
        typer.echo(str(path))
