"""The command line: parse options, call one function, print, choose the exit code.

Exit codes: 0 success (warnings allowed), 1 a map has errors, 2 wrong usage.
Heavy libraries are imported inside the commands that need them, so that
`argmap --help` starts fast.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from argmap import __version__
from argmap.render.choices import Direction, Format, Paper

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.edit.document import Change, MapDocument
    from argmap.edit.errors import EditError
    from argmap.graph import MapGraph

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


# Choice enums mirror argmap.model's enums so that `--help` need not import pydantic;
# tests/test_cli.py keeps them equal.
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

MapFile = Annotated[
    Path,
    typer.Argument(
        metavar="MAP",
        help="The map file.",
        exists=True,
        dir_okay=False,
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


def _graph_or_exit(path: Path) -> MapGraph:
    """Read one map; when it has errors, print its diagnostics and exit 1."""
    from argmap.validate import load_map

    result = load_map(path)
    if result.graph is None:
        for diagnostic in result.diagnostics:
            typer.echo(str(diagnostic))
        raise typer.Exit(1)
    return result.graph


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
    map_path: MapFile,
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

    evaluation = analyse(_graph_or_exit(map_path))
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


# --- editing (argmap.edit) ------------------------------------------------------------

NodeId = Annotated[str, typer.Argument(help="The node's id (`argmap show MAP` lists them).")]
AtPosition = Annotated[
    int | None, typer.Option("--at", help="Position among its siblings (1 = first; default last).")
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the change as a unified diff; write nothing.")
]


# Choices for options, mirroring argmap.model (imported lazily: it loads pydantic).
class ChildRole(StrEnum):
    PREMISE = "premise"
    REBUTTAL = "rebuttal"


class AttackChoice(StrEnum):
    REBUT = "rebut"
    UNDERMINE = "undermine"
    UNDERCUT = "undercut"


class FormatChoice(StrEnum):
    GENERIC = "generic"
    BP = "bp"
    WSDC = "wsdc"
    PF = "pf"
    LD = "ld"
    POLICY = "policy"


def _edit(map_file: Path, dry_run: bool, operation: Callable[[MapDocument], Change]) -> None:
    """Open the map, make one change, validate it, then write it (or print the diff)."""
    from argmap.edit.document import MapDocument
    from argmap.edit.errors import EditError

    try:
        doc = MapDocument.open(map_file)
        change = operation(doc)
        outcome = doc.finish(change, dry_run=dry_run)
    except EditError as exc:
        _fail(exc)
    except OSError as exc:  # the old file is intact: writes are atomic
        typer.echo(f"error: cannot write {map_file}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    for warning in outcome.warnings:
        typer.echo(str(warning), err=True)
    if dry_run:
        typer.echo(outcome.diff, nl=False)
    note = "" if outcome.changed else " (no change)"
    note = " (dry run: nothing written)" if dry_run and outcome.changed else note
    typer.echo(change.summary + note, err=True)


def _fail(exc: EditError) -> NoReturn:
    typer.echo(f"error: {exc.message}", err=True)
    for line in exc.details:
        typer.echo(line)
    raise typer.Exit(exc.exit_code)


@app.command()
def new(
    file: Annotated[Path, typer.Argument(help="The map file to create.", show_default=False)],
    title: Annotated[str, typer.Option("--title", "-t", help="The map's title.")],
    motion: Annotated[str | None, typer.Option("--motion", "-m", help="The motion.")] = None,
    debate_format: Annotated[
        FormatChoice, typer.Option("--format", help="The debate format.")
    ] = FormatChoice.GENERIC,
    schema_url: Annotated[
        str | None,
        typer.Option("--schema", help="Schema URL for the modeline (default: a relative path)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a new, valid map with a schema modeline for editor completion.

    The modeline points at the nearest schema/argmap.schema.json above the file,
    or at argmap.schema.json, written next to the map when there is none.

    Example:

        argmap new maps/uniforms.yaml --title "School uniforms" --motion "THW ban uniforms"
    """
    from argmap.edit.errors import EditError, UsageError
    from argmap.edit.starter import starter_map
    from argmap.fileio import write_atomic
    from argmap.model import DebateFormat
    from argmap.schema import schema_text

    try:
        if file.exists() and not force:
            raise UsageError(f"{file} exists; use --force to overwrite it")
        starter = starter_map(file, title, motion, DebateFormat(debate_format), schema_url)
    except EditError as exc:
        _fail(exc)
    write_atomic(file, starter.text)
    if starter.schema_to_write is not None:
        write_atomic(starter.schema_to_write, schema_text())
        typer.echo(f"wrote {starter.schema_to_write}", err=True)
    typer.echo(f"wrote {file} (schema: {starter.schema_url})", err=True)


@app.command()
def add(
    map_file: MapFile,
    premise: Annotated[
        str | None, typer.Option("--premise", "-p", help="Add a premise with this text.")
    ] = None,
    rebuttal: Annotated[
        str | None, typer.Option("--rebuttal", "-r", help="Add a rebuttal with this text.")
    ] = None,
    claim: Annotated[
        str | None, typer.Option("--claim", "-c", help="Add a root claim with this text.")
    ] = None,
    under: Annotated[
        str | None, typer.Option("--under", "-u", help="Id of the node it supports or attacks.")
    ] = None,
    side: Annotated[SideChoice | None, typer.Option("--side", help="A claim's side.")] = None,
    attack: Annotated[
        AttackChoice | None, typer.Option("--attack", help="A rebuttal's attack kind.")
    ] = None,
    node_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new node (default: generated).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Short tag line.")] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", "-e", help="Cite a source id (repeat for several cards)."),
    ] = None,
    at: AtPosition = None,
    dry_run: DryRun = False,
) -> None:
    """Add a premise or rebuttal under a node, or a root claim.

    New ids are generated when not given (PARENT.p3, PARENT.r2, claim-4) and written
    into the file. The edited map is validated before it is written.

    Example:

        argmap add maps/uniforms.yaml --under U1 --premise "Uniforms are cheaper" -e ofsted-2023

        argmap add maps/uniforms.yaml -u U1 --rebuttal "Cost falls on parents" --attack undercut
    """
    from argmap.edit.errors import UsageError
    from argmap.edit.operations import add_node
    from argmap.graph import Role
    from argmap.model import Attack, Side

    given = [(r, t) for r, t in ((Role.PREMISE, premise), (Role.REBUTTAL, rebuttal)) if t]
    given += [(Role.CLAIM, claim)] if claim else []
    if len(given) != 1:
        _fail(UsageError("give exactly one of --premise, --rebuttal or --claim"))
    role, text = given[0]
    _edit(
        map_file,
        dry_run,
        lambda doc: add_node(
            doc,
            role,
            str(text),
            under=under,
            node_id=node_id,
            title=title,
            side=None if side is None else Side(side),
            attack=None if attack is None else Attack(attack),
            evidence=evidence or [],
            at=at,
        ),
    )


@app.command("set")
def set_field(
    map_file: MapFile,
    node_id: NodeId,
    field: Annotated[
        str,
        typer.Argument(
            help="text, title, side, attack, turn, implicit, analytic, scheme, cq, "
            "strength, notes, group, or impact.magnitude (and the other impact fields)."
        ),
    ],
    value: Annotated[str | None, typer.Argument(help="The new value.", show_default=False)] = None,
    unset: Annotated[
        bool, typer.Option("--unset", "--clear", help="Remove the field instead.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Set (or remove) one field of a node, keeping the rest of the file as it is.

    Values are checked against the format: true/false for flags, a number in 0-1 for
    strength, pro/con for side, rebut/undermine/undercut for attack.

    Example:

        argmap set maps/uniforms.yaml U1.p2 strength 0.7

        argmap set maps/uniforms.yaml U1 impact.magnitude "every pupil"

        argmap set maps/uniforms.yaml U1 notes --unset
    """
    from argmap.edit.errors import UsageError
    from argmap.edit.operations import set_field as set_node_field

    if (value is None) == (not unset):
        _fail(UsageError("give a VALUE, or --unset to remove the field"))
    _edit(map_file, dry_run, lambda doc: set_node_field(doc, node_id, field, value))


@app.command()
def move(
    map_file: MapFile,
    node_id: NodeId,
    under: Annotated[str, typer.Option("--under", "-u", help="Id of the new parent.")],
    role: Annotated[
        ChildRole | None,
        typer.Option("--as", help="premise or rebuttal (default: as it is; claims: premise)."),
    ] = None,
    at: AtPosition = None,
    dry_run: DryRun = False,
) -> None:
    """Move a node, with its subtree and comments, under another node.

    Example:

        argmap move maps/uniforms.yaml U1.p3 --under U2 --as rebuttal
    """
    from argmap.edit.operations import move_node
    from argmap.graph import Role

    new_role = None if role is None else Role(role.value)
    _edit(map_file, dry_run, lambda doc: move_node(doc, node_id, under, role=new_role, at=at))


@app.command()
def rm(
    map_file: MapFile,
    node_id: NodeId,
    force: Annotated[
        bool, typer.Option("--force", help="Also remove references to the removed nodes.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Remove a node and its subtree.

    Refused (exit 1) while other nodes refer to them (supports, attacks, outweighs,
    expect); the references are listed as FILE:LINE. --force removes them too.

    Example:

        argmap rm maps/uniforms.yaml U1.p3 --dry-run
    """
    from argmap.edit.operations import remove_node

    _edit(map_file, dry_run, lambda doc: remove_node(doc, node_id, force=force))


source_app = typer.Typer(
    help="Edit the bibliography of a map.\n\nExample:\n\n    argmap source add MAP ID "
    "--author AUTHOR --title TITLE",
    no_args_is_help=True,
)
app.add_typer(source_app, name="source")


@source_app.command("add")
def source_add(
    map_file: MapFile,
    source_id: Annotated[str, typer.Argument(help="The new source's id, cited by evidence.")],
    author: Annotated[str, typer.Option("--author", help="Author or organisation.")],
    title: Annotated[str, typer.Option("--title", help="Title of the work.")],
    date: Annotated[str | None, typer.Option("--date", help="Date, e.g. 2024-05.")] = None,
    publication: Annotated[
        str | None, typer.Option("--publication", help="Where it appeared.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Address.")] = None,
    qualifications: Annotated[
        str | None, typer.Option("--qualifications", help="Why the author is credible.")
    ] = None,
    accessed: Annotated[str | None, typer.Option("--accessed", help="Date accessed.")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a source to the map's bibliography.

    Example:

        argmap source add maps/uniforms.yaml ofsted-2023 --author Ofsted --title "Annual report"
    """
    from argmap.edit.operations import add_source

    fields = {
        "author": author,
        "title": title,
        "date": date,
        "publication": publication,
        "url": url,
        "qualifications": qualifications,
        "accessed": accessed,
    }
    _edit(map_file, dry_run, lambda doc: add_source(doc, source_id, fields))


@app.command()
def fmt(
    maps: MapPaths,
    check: Annotated[
        bool, typer.Option("--check", help="List files that would change; exit 1 if any.")
    ] = False,
    dry_run: DryRun = False,
) -> None:
    """Put maps into the canonical layout, keeping every comment.

    Keys in model order, 2-space indentation, sequences indented under their key,
    no folded text, one blank line between root claims. Running it twice changes
    nothing the second time. docs/editing.md lists what it normalises.

    Example:

        argmap fmt maps/

        argmap fmt --check maps/*.yaml
    """
    from argmap.edit.canonical import canonical_text
    from argmap.edit.document import MapDocument, unified_diff
    from argmap.edit.errors import EditError
    from argmap.fileio import expand_map_paths, write_atomic

    changed, failed = [], 0
    for path in expand_map_paths(maps):
        try:
            doc = MapDocument.open(path)
            text = canonical_text(doc.text)
        except EditError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            for line in exc.details:
                typer.echo(line)
            failed += 1
            continue
        if text == doc.text:
            continue
        changed.append(path)
        if check:
            typer.echo(f"would reformat {path}")
        elif dry_run:
            typer.echo(unified_diff(doc.text, text, str(path)), nl=False)
        else:
            write_atomic(path, ("\ufeff" if doc.bom else "") + text)
            typer.echo(f"reformatted {path}", err=True)
    if failed or (check and changed):
        raise typer.Exit(1)


@app.command()
def show(
    map_file: MapFile,
    side: Annotated[
        SideChoice | None,
        typer.Option("--side", help="Only this side's claims (with their subtrees)."),
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Levels to show below each start.")
    ] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", "-f", help="Show only this node's subtree.")
    ] = None,
) -> None:
    """Print the map as a tree: id, side, role or attack kind, title or text.

    A terminal gets a coloured tree; a pipe gets plain indented lines.

    Example:

        argmap show maps/uniforms.yaml --side con --depth 2
    """
    import sys

    from argmap.edit.show import plain_lines, rich_tree, rows
    from argmap.model import Side

    graph = _graph_or_exit(map_file)
    if focus is not None:
        from argmap.edit.document import find_node
        from argmap.edit.errors import EditError

        try:
            find_node(graph, focus)
        except EditError as exc:
            _fail(exc)
    shown = rows(graph, side=None if side is None else Side(side), depth=depth, focus=focus)
    if sys.stdout.isatty():
        from rich.console import Console

        Console().print(rich_tree(graph, shown))
    else:
        for line in plain_lines(shown):
            typer.echo(line)


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
    from argmap.fileio import expand_map_paths
    from argmap.model import Side
    from argmap.progress import Steps
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
    failed = False
    try:
        targets = output_targets(
            expand_map_paths(maps), output, fmt, folder=any(m.is_dir() for m in maps)
        )
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
    map_path: MapFile,
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

    graph = _graph_or_exit(map_path)
    text, warnings = exporter(to.value)(graph, evaluate(graph))
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
    map_path: MapFile,
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
    from argmap.perf import tune_for_one_run

    tune_for_one_run()
    app()
