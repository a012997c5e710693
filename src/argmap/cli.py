"""The command line: parse options, call one function, print, choose the exit code.

Exit codes: 0 success (warnings allowed), 1 a map has errors, 2 wrong usage.
Heavy libraries are imported inside the commands that need them, so that
`argmap --help` starts fast.
"""

from __future__ import annotations

import gc
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap import __version__
from argmap.render.choices import Direction, Format, Paper

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

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
        metavar="MAP",
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
    from argmap.diagnostics import has_errors
    from argmap.fileio import expand_map_paths
    from argmap.validate import load_map

    files = expand_map_paths(maps)
    diagnostics = [d for f in files for d in load_map(f).diagnostics]
    _print_diagnostics(diagnostics, len(files), output_format)
    if has_errors(diagnostics):
        raise typer.Exit(1)


def _print_diagnostics(
    diagnostics: list[Diagnostic], files: int, output_format: OutputFormat
) -> None:
    """Diagnostics to stdout (text or JSON); with text, a count line to stderr."""
    from argmap.diagnostics import diagnostics_to_json

    if output_format is OutputFormat.JSON:
        typer.echo(diagnostics_to_json(diagnostics))
        return
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic))
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    typer.echo(
        f"{files} map{'s' * (files != 1)} checked: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        err=True,
    )


@app.command()
def check(
    maps: MapPaths,
    disable: Annotated[
        list[str] | None,
        typer.Option(
            "--disable", "-d", help="Switch a check off for this run (repeatable).", metavar="CODE"
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-F", help="Diagnostics as text or JSON.")
    ] = OutputFormat.TEXT,
) -> None:
    """Validate maps and warn where a case is weak: dropped attacks, missing quotes, ...

    Prints validation problems and debate-quality warnings as
    FILE:LINE:COL: severity[code]: message, and verifies the map's answer key
    (`expect:`). Exit status is 1 when a map has errors or its answer key is wrong
    (with --strict, also on warnings), 0 otherwise. docs/checks.md lists the checks.

    Example:

        argmap check maps/school-uniforms.yaml

        argmap check maps/ --disable no-impact --strict
    """
    from argmap.analysis.checks import rule_codes, run_checks
    from argmap.diagnostics import did_you_mean, has_errors, sort_diagnostics
    from argmap.fileio import expand_map_paths
    from argmap.validate import load_map

    codes = rule_codes()
    for code in disable or []:
        if code not in codes:
            hint = did_you_mean(code, codes) or f"; known checks: {', '.join(codes)}"
            raise typer.BadParameter(f"unknown check '{code}'{hint}", param_hint="--disable")
    files = expand_map_paths(maps)
    diagnostics: list[Diagnostic] = []
    for file in files:
        result = load_map(file)
        found = list(result.diagnostics)
        if result.graph is not None and result.loaded is not None:
            loaded = result.loaded
            found += run_checks(result.graph, loaded.position, loaded.key_position, disable or [])
        diagnostics.extend(sort_diagnostics(found))
    _print_diagnostics(diagnostics, len(files), output_format)
    if has_errors(diagnostics) or (strict and diagnostics):
        raise typer.Exit(1)


class EvalFormat(StrEnum):
    TREE = "tree"
    TABLE = "table"
    JSON = "json"


@app.command(name="eval")
def eval_(
    map_path: Annotated[
        Path,
        typer.Argument(
            metavar="MAP", help="The map file.", exists=True, dir_okay=False, readable=True
        ),
    ],
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-F", help="A tree, a table, or JSON.")
    ] = EvalFormat.TREE,
    reasons: Annotated[
        bool, typer.Option("--reasons/--no-reasons", help="Show each node's reason in the tree.")
    ] = True,
) -> None:
    """Show what stands, what falls and what is contested, and each side's standing.

    Every node gets a status under grounded semantics (stands, falls, contested,
    or unsupported), a one-line reason and a DF-QuAD strength in 0-1; then each
    side's standing contentions and the weighing table. argmap never declares the
    motion won. See docs/analysis.md.

    Example:

        argmap eval maps/school-uniforms.yaml

        argmap eval maps/school-uniforms.yaml --format json
    """
    from argmap.analysis import analyse
    from argmap.analysis.weighing import weigh
    from argmap.console import (
        evaluation_json,
        evaluation_table,
        evaluation_tree,
        print_views,
        weighing_view,
    )
    from argmap.validate import load_map

    result = load_map(map_path)
    if result.graph is None:
        for diagnostic in result.diagnostics:
            typer.echo(str(diagnostic))
        raise typer.Exit(1)
    evaluation = analyse(result.graph)
    weighing = weigh(evaluation)
    if output_format is EvalFormat.JSON:
        typer.echo(evaluation_json(evaluation, weighing))
        return
    if output_format is EvalFormat.TREE:
        typer.echo(evaluation_tree(evaluation, reasons))
    else:
        typer.echo(evaluation_table(evaluation))
    typer.echo()
    print_views(weighing_view(weighing, evaluation))


@app.command()
def schemes(
    scheme_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Show this scheme with its critical questions."),
    ] = None,
) -> None:
    """List the argumentation schemes a map can name, or show one with its questions.

    A node names a scheme with `scheme: ID`; an attack names the critical question
    it raises, and a premise the question it answers, with `cq: ID.QUESTION`.

    Example:

        argmap schemes

        argmap schemes expert-opinion
    """
    from argmap.console import print_views, scheme_detail, scheme_list
    from argmap.diagnostics import did_you_mean
    from argmap.schemes import scheme_library

    library = scheme_library()
    if scheme_id is None:
        print_views(scheme_list(list(library.values())))
        return
    scheme = library.get(scheme_id)
    if scheme is None:
        hint = did_you_mean(scheme_id, library) or "; `argmap schemes` lists them"
        raise typer.BadParameter(f"unknown scheme '{scheme_id}'{hint}", param_hint="ID")
    print_views(scheme_detail(scheme))


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
    status: Annotated[
        bool,
        typer.Option(
            "--status/--no-status",
            help="Mark each node stands / falls / contested / unsupported (see argmap eval).",
        ),
    ] = True,
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
                drawn = draw_file(file, target, form, options, settings, statuses=status)
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
    from argmap.analysis import evaluate
    from argmap.formats import exporter
    from argmap.validate import load_map

    result = load_map(map_path)
    if result.graph is None:
        for diagnostic in result.diagnostics:
            typer.echo(str(diagnostic))
        raise typer.Exit(1)
    text, warnings = exporter(to.value)(result.graph, evaluate(result.graph))
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


class SheetFormatChoice(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MD = "md"


@app.command()
def brief(
    map_path: Annotated[
        Path,
        typer.Argument(
            metavar="MAP", help="The map file.", exists=True, dir_okay=False, readable=True
        ),
    ],
    side: Annotated[
        SideChoice | None,
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
        Paper, typer.Option("--paper", help="Paper size of the PDF and of printouts.")
    ] = Paper.A4,
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Print each node's full text under its tag.")
    ] = False,
    status: Annotated[
        bool,
        typer.Option(
            "--status/--no-status",
            help="Mark each point stands / falls / contested / unsupported (see argmap eval).",
        ),
    ] = True,
    diagram: Annotated[
        bool,
        typer.Option("--diagram/--no-diagram", help="End with the side's case drawn by Graphviz."),
    ] = True,
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
    from argmap.brief import OutputProblem, SheetFormat, SheetOptions
    from argmap.brief.pdf import PdfUnavailable, open_printers

    fmt = SheetFormat(sheet_format.value) if sheet_format else None
    if fmt is None and output is not None:
        fmt = SheetFormat.from_suffix(Path(output))
    fmt = fmt or SheetFormat.HTML
    count = 1 if side else 2  # sheets to write
    to_stdout = output == "-"
    if to_stdout and (count > 1 or fmt is SheetFormat.PDF):
        typer.echo("error: '-o -' writes one HTML or Markdown sheet: add --side", err=True)
        raise typer.Exit(2)

    # WeasyPrint loads in the printers' processes while the map is read and the sheet built:
    # they start before the imports below, which take a quarter of a second
    printers = open_printers(count) if fmt is SheetFormat.PDF and not to_stdout else []
    from argmap.brief import TemplateProblem, make_sheet, write_sheets
    from argmap.model import Side
    from argmap.render import GraphvizError
    from argmap.validate import load_map

    sides = [Side(side.value)] if side else list(Side)
    try:
        result = load_map(map_path)
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
        written = write_sheets(result.graph, map_path, sides, fmt, output, options, printers)
    except (OutputProblem, TemplateProblem) as exc:
        typer.echo(f"error: {exc}", err=True)
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


def main() -> None:
    """Console entry point."""
    # A run builds one large tree of long-lived objects and little cyclic garbage:
    # collecting less often makes model validation and analysis of big maps 3-5x faster.
    gc.set_threshold(100_000, 50, 1000)
    app()
